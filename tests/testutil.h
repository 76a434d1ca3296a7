/*
 * Shared helpers for the cmocka tests: the cmocka includes in the order
 * it needs, and small text helpers.
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

/* How many times pat occurs in s, overlapping ones included. */
static inline size_t
count(const char *s, const char *pat)
{
	size_t	 n = 0;

	while ((s = strstr(s, pat)) != NULL)
		n++, s++;
	return n;
}

#endif
