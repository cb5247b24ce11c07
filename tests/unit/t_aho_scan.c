/*
 * t_aho_scan: aho_scan() against a brute-force search over random keys
 * and texts.  Texts are long enough for the scan to read two streams at
 * once, with keys long and short (the second stream starts the longest
 * key's length before the middle), with few matches and with more than
 * the scan keeps for its second half (it then reads on in one stream).
 * Every report must come as the header says: every occurrence of every
 * key, in order of end, the longest key first for one end, a key's values
 * last added first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/aho.h"
#include "lib/buf.h"

#define NKEYS_MAX	64
#define KEY_MAX		40
#define TEXT_MAX	4000

struct key {
	char		 s[KEY_MAX];
	size_t		 n;
	unsigned	 v;
};

/* splitmix64: a fixed sequence, the same on every machine */
static uint64_t
next(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void
on_hit(void *arg, size_t s, size_t e, unsigned v)
{
	buf_printf(arg, "%zu-%zu:%u ", s, e, v);
}

/* The reports as documented, by brute force. */
static void
expect(const struct key *k, size_t nk, const char *t, size_t n,
    struct buf *b)
{
	size_t e, len, i;

	for (e = 1; e <= n; e++)
		for (len = KEY_MAX; len > 0; len--) {
			if (len > e)
				continue;
			/* a key's values, last added first */
			for (i = nk; i > 0; i--)
				if (k[i - 1].n == len &&
				    memcmp(k[i - 1].s, t + e - len, len) == 0)
					buf_printf(b, "%zu-%zu:%u ", e - len, e,
					    k[i - 1].v);
		}
}

/*
 * One round: nk keys of 1..maxlen bytes over the first nalpha letters of
 * alpha, texts of several lengths over the same letters.
 */
static void
round_of(uint64_t seed, size_t nk, size_t maxlen, size_t nalpha)
{
	static const char alpha[] = "ab \xC3\xBCzq";
	static const size_t lens[] = { 0, 1, 2, 7, 40, 81, 82, 83, 200, 513,
	    1999, TEXT_MAX };
	struct key k[NKEYS_MAX];
	char text[TEXT_MAX];
	struct aho *a = aho_new();
	struct buf got, want;
	size_t i, j, l;

	buf_init(&got);
	buf_init(&want);
	for (i = 0; i < nk; i++) {
		k[i].n = 1 + next(&seed) % maxlen;
		for (j = 0; j < k[i].n; j++)
			k[i].s[j] = alpha[next(&seed) % nalpha];
		k[i].v = (unsigned)(next(&seed) % 1000);
		/* now and then the same key again, with another value */
		if (i > 0 && next(&seed) % 8 == 0) {
			memcpy(k[i].s, k[i - 1].s, k[i - 1].n);
			k[i].n = k[i - 1].n;
		}
		aho_add(a, k[i].s, k[i].n, k[i].v);
	}
	aho_build(a);
	for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
		for (j = 0; j < lens[l]; j++)
			text[j] = alpha[next(&seed) % nalpha];
		buf_reset(&got);
		buf_reset(&want);
		aho_scan(a, text, lens[l], on_hit, &got);
		expect(k, nk, text, lens[l], &want);
		assert_string_equal(buf_str(&got), buf_str(&want));
	}
	aho_free(a);
	buf_release(&got);
	buf_release(&want);
}

/* Few matches: rare long keys over a wide alphabet. */
static void
t_scan_sparse(void **state)
{
	uint64_t s;

	(void)state;
	for (s = 1; s <= 20; s++)
		round_of(s, 8, 12, 7);
}

/* Many matches: short keys over two letters, more than are kept. */
static void
t_scan_dense(void **state)
{
	uint64_t s;

	(void)state;
	for (s = 100; s < 120; s++)
		round_of(s, 40, 3, 2);
}

/* Keys as long as half the text and longer. */
static void
t_scan_long_keys(void **state)
{
	uint64_t s;

	(void)state;
	for (s = 200; s < 220; s++)
		round_of(s, 30, KEY_MAX, 3);
}

/*
 * The longest key at every place across the middle of the text, where
 * the second stream takes over: it must be in the first one's state.
 */
static void
t_scan_middle(void **state)
{
	static const char *const keys[] = { "abcdefghij", "j", "ij",
	    "abc" };
	struct key k[4];
	struct aho *a = aho_new();
	struct buf got, want;
	char text[100];
	size_t i, at;

	(void)state;
	buf_init(&got);
	buf_init(&want);
	for (i = 0; i < 4; i++) {
		k[i].n = strlen(keys[i]);
		memcpy(k[i].s, keys[i], k[i].n);
		k[i].v = (unsigned)i;
		aho_add(a, k[i].s, k[i].n, k[i].v);
	}
	aho_build(a);
	for (at = 30; at <= 60; at++) {
		memset(text, 'x', sizeof(text));
		memcpy(text + at, keys[0], 10);
		buf_reset(&got);
		buf_reset(&want);
		aho_scan(a, text, sizeof(text), on_hit, &got);
		expect(k, 4, text, sizeof(text), &want);
		assert_string_equal(buf_str(&got), buf_str(&want));
	}
	aho_free(a);
	buf_release(&got);
	buf_release(&want);
}

/* An automaton with no key reports nothing. */
static void
t_scan_empty(void **state)
{
	struct aho *a = aho_new();
	struct buf b;

	(void)state;
	aho_build(a);
	buf_init(&b);
	aho_scan(a, "abcabcabc", 9, on_hit, &b);
	assert_string_equal(buf_str(&b), "");
	buf_release(&b);
	aho_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_scan_sparse),
		cmocka_unit_test(t_scan_dense),
		cmocka_unit_test(t_scan_long_keys),
		cmocka_unit_test(t_scan_middle),
		cmocka_unit_test(t_scan_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
