/* hash: 64-bit FNV-1a, and a word-at-a-time hash for keys. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

uint64_t
hash_fast(const void *p, size_t n)
{
	const char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull), w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
		h ^= h >> 31;
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0x94D049BB133111EBull;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ull;
	h ^= h >> 32;
	return h;
}
