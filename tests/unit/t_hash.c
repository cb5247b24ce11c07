/*
 * t_hash: lib/hash.h's 64-bit FNV-1a against the published test vectors
 * (Fowler, Noll and Vo, "FNV-1a 64" of "", "a" and "foobar"), and the
 * ASCII-lower-cased variant against the plain hash of the lower-cased
 * bytes; hash_fast() reads only the n bytes it is given and tells keys
 * apart by every byte and by length.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/hash.h"

static void
t_vectors(void **state)
{
	(void)state;
	assert_int_equal(hash_fnv1a("", 0), 14695981039346656037ULL);
	assert_int_equal(hash_fnv1a("", 0), HASH_FNV1A_BASIS);
	assert_int_equal(hash_fnv1a("a", 1), 0xaf63dc4c8601ec8cULL);
	assert_int_equal(hash_fnv1a("foobar", 6), 0x85944171f73967e8ULL);
	/* only the n bytes given count */
	assert_int_equal(hash_fnv1a("foobarbaz", 6), 0x85944171f73967e8ULL);
}

static void
t_byte(void **state)
{
	uint64_t h = HASH_FNV1A_BASIS;
	const char *s = "foobar";

	(void)state;
	for (; *s != '\0'; s++)
		h = hash_fnv1a_byte(h, (unsigned char)*s);
	assert_int_equal(h, 0x85944171f73967e8ULL);
}

static void
t_lower(void **state)
{
	(void)state;
	assert_int_equal(hash_fnv1a_lower("", 0), 14695981039346656037ULL);
	assert_int_equal(hash_fnv1a_lower("A", 1), 0xaf63dc4c8601ec8cULL);
	assert_int_equal(hash_fnv1a_lower("FooBAR", 6), 0x85944171f73967e8ULL);
	assert_int_equal(hash_fnv1a_lower("foobar", 6), 0x85944171f73967e8ULL);
	/* ASCII only: the bytes of "É" (C3 89) stay as they are */
	assert_int_equal(hash_fnv1a_lower("\xC3\x89", 2),
	    hash_fnv1a("\xC3\x89", 2));
	assert_int_not_equal(hash_fnv1a_lower("\xC3\x89", 2),
	    hash_fnv1a("\xC3\xA9", 2));
	/* the characters around the letters are left alone */
	assert_int_equal(hash_fnv1a_lower("@[`{", 4), hash_fnv1a("@[`{", 4));
}

static void
t_fast(void **state)
{
	const char *k = "a key of more than eight bytes";
	size_t n = strlen(k), i;
	char c[64];

	(void)state;
	assert_int_equal(hash_fast(k, n), hash_fast(k, n));
	/* what lies past n does not count, in the last word or a whole one */
	memcpy(c, k, n);
	memcpy(c + n, "tail", 5);
	assert_int_equal(hash_fast(c, n), hash_fast(k, n));
	assert_int_equal(hash_fast(c, 3), hash_fast("a k", 3));
	/* each byte and the length count */
	for (i = 0; i < n; i++) {
		memcpy(c, k, n);
		c[i] ^= 1;
		assert_int_not_equal(hash_fast(c, n), hash_fast(k, n));
	}
	assert_int_not_equal(hash_fast(k, 8), hash_fast(k, 9));
	assert_int_not_equal(hash_fast("", 0), hash_fast("\0", 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_vectors),
		cmocka_unit_test(t_byte),
		cmocka_unit_test(t_lower),
		cmocka_unit_test(t_fast),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
