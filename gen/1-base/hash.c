/*
 * 64-bit FNV-1a (hash.h), the one hash every module uses.
 */
#include <stddef.h>
#include <stdint.h>

#include "hybridoc/hash.h"

#define FNV_PRIME	0x100000001b3ULL

uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t		 i;

	for (i = 0; i < n; i++) {
		h ^= c[i];
		h *= FNV_PRIME;
	}
	return h;
}

uint64_t
hash_str(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= FNV_PRIME;
	}
	return h;
}
