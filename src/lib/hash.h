/*
 * hash: the non-cryptographic hashes.  The one stable hash is 64-bit
 * FNV-1a (Fowler, Noll and Vo; offset basis 14695981039346656037, prime
 * 1099511628211), for hash tables and for the shard assignment of
 * `sheaf extract --shard K/N`, which is part of the partial-table
 * format: a document goes to shard hash_fnv1a(id) % N + 1
 * (cmd/shard.h, pinned by tests/unit/t_shard.c).  hash_fast() takes
 * eight bytes a step, for the key sets of validation, whose keys can be
 * long; no file holds its values.  Core module; anyone may include.
 */
#ifndef SHEAF_HASH_H
#define SHEAF_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV1A_BASIS	14695981039346656037ULL
#define HASH_FNV1A_PRIME	1099511628211ULL

/* One byte more into a running hash h (start from HASH_FNV1A_BASIS). */
static inline uint64_t
hash_fnv1a_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * HASH_FNV1A_PRIME;
}

/* FNV-1a of p[0..n). */
uint64_t	hash_fnv1a(const void *p, size_t n);
/* FNV-1a of p[0..n) with ASCII letters lower-cased first. */
uint64_t	hash_fnv1a_lower(const void *p, size_t n);
/* A hash of p[0..n) eight bytes at a time (multiply-xorshift mixing). */
uint64_t	hash_fast(const void *p, size_t n);

#endif
