/* hash: 64-bit FNV-1a. */
#include <stddef.h>
#include <stdint.h>

#include "lib/hash.h"

/* FNV-1a of p[0..n), ASCII letters lower-cased first when lower is 1. */
static inline uint64_t
fnv1a(const void *p, size_t n, int lower)
{
	const unsigned char *s = p;
	uint64_t h = HASH_FNV1A_BASIS;
	size_t i;

	for (i = 0; i < n; i++)
		h = hash_fnv1a_byte(h, lower && s[i] >= 'A' && s[i] <= 'Z' ?
		    (unsigned char)(s[i] - 'A' + 'a') : s[i]);
	return h;
}

uint64_t
hash_fnv1a(const void *p, size_t n)
{
	return fnv1a(p, n, 0);
}

uint64_t
hash_fnv1a_lower(const void *p, size_t n)
{
	return fnv1a(p, n, 1);
}
