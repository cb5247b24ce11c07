/*
 * t_shard: the shard assignment of the partial-table format (cmd/shard.h)
 * pinned for a few ids and N = 2, 3 and 7.  A change here is a change of
 * the format and needs a new PARTIAL_VERSION.
 *
 * The expected values were computed apart from sheaf, with Python's
 * integers (64-bit FNV-1a of the id's UTF-8 bytes, then % N + 1):
 *
 *	def fnv(s):
 *		h = 14695981039346656037
 *		for c in s.encode():
 *			h ^= c; h = h * 1099511628211 % 2**64
 *		return h
 *	[fnv(s) % n + 1 for n in (2, 3, 7)]
 *
 * "a" and "foobar" are test vectors of the FNV reference (hashes
 * 0xaf63dc4c8601ec8c and 0x85944171f73967e8), which fnv() reproduces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "cmd/shard.h"

static const struct {
	const char	*id;
	unsigned	 of2, of3, of7;
} known[] = {
	{ "",			2, 3, 3 },	/* the offset basis itself */
	{ "a",			1, 2, 6 },
	{ "foobar",		1, 1, 7 },
	{ "ok",			2, 1, 1 },
	{ "rec-1",		2, 2, 2 },
	{ "reuters-2015-0412",	1, 2, 5 },
	{ "doc1",		1, 2, 4 },
	{ "doc2",		2, 2, 6 },
	{ "doc3",		1, 1, 3 },
};

static void
t_known(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		assert_int_equal(shard_of(known[i].id, 2), known[i].of2);
		assert_int_equal(shard_of(known[i].id, 3), known[i].of3);
		assert_int_equal(shard_of(known[i].id, 7), known[i].of7);
	}
}

/* One shard: everything goes to shard 1. */
static void
t_one(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		assert_int_equal(shard_of(known[i].id, 1), 1);
}

static void
t_version(void **state)
{
	(void)state;
	assert_string_equal(PARTIAL_FORMAT, "sheaf-partial");
	assert_int_equal(PARTIAL_VERSION, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_known),
		cmocka_unit_test(t_one),
		cmocka_unit_test(t_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
