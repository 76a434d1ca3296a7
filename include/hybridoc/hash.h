/*
 * The one hash of the project: 64-bit FNV-1a.  The design's content
 * hash (design.c), the site's cache keys (site.c), and the hash tables
 * of the loader and the diagram's ids all use it.  Not for security.
 */
#ifndef HYBRIDOC_HASH_H
#define HYBRIDOC_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a's offset basis: the h to start from. */
#define HASH_INIT	0xcbf29ce484222325ULL

/* h with the n bytes at p mixed in. */
uint64_t hash_bytes(uint64_t h, const void *p, size_t n);
/* h with the bytes of the string s (without its NUL) mixed in. */
uint64_t hash_str(uint64_t h, const char *s);

#endif
