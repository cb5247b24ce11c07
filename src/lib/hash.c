/* hash: 64-bit FNV-1a. */
#include <stddef.h>
#include <stdint.h>

#include "lib/hash.h"

uint64_t
hash_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = HASH_FNV1A_BASIS;
	size_t i;

	for (i = 0; i < n; i++)
		h = hash_fnv1a_byte(h, s[i]);
	return h;
}

uint64_t
hash_fnv1a_lower(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = HASH_FNV1A_BASIS;
	size_t i;

	for (i = 0; i < n; i++)
		h = hash_fnv1a_byte(h, s[i] >= 'A' && s[i] <= 'Z' ?
		    (unsigned char)(s[i] - 'A' + 'a') : s[i]);
	return h;
}
