/*
 * Shared helpers for the cmocka tests: the cmocka includes in the order
 * it needs, and loading a design or YAML text in one call.
 */
#ifndef HYBRIDOC_TESTUTIL_H
#define HYBRIDOC_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#endif
