/*
 * t_keyset: key sets that spill give the same answers as a plain model.
 * Random keys (few distinct, so that many repeat; the empty key among
 * them) go into sets with budgets from 1 KiB (spilled
 * into hundreds of runs, merged in several levels) to 64 MiB (never
 * spilled); every repeated row and its previous row, and every probe
 * miss, must be exactly the model's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/hash.h"
#include "validate/keyset.h"

#define NROWS	20000
#define NKEYS	3000

struct pair {
	unsigned long	 row, prev;
	char		 pay[64];
};

struct got {
	struct pair	*p;
	size_t		 n;
};

static unsigned long long rng = 88172645463325252ull;

static unsigned long
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)(rng >> 1);
}

/* Key k: empty for 0, else its hex digits and 0 to 29 'z's. */
static void
key_of(unsigned long k, char *out, size_t *len)
{
	size_t n, pad = k % 30;

	if (k == 0) {
		*len = 0;
		return;
	}
	n = (size_t)snprintf(out, 17, "%lx", k);
	memset(out + n, 'z', pad);
	*len = n + pad;
}

static void
on_dup(void *arg, unsigned long row, unsigned long prev, const char *pay,
    size_t plen)
{
	struct got *g = arg;
	struct pair *p;

	g->p = realloc(g->p, (g->n + 1) * sizeof(*g->p));
	assert_non_null(g->p);
	p = &g->p[g->n++];
	p->row = row;
	p->prev = prev;
	assert_true(plen < sizeof(p->pay));
	memcpy(p->pay, pay, plen);
	p->pay[plen] = '\0';
}

static void
on_miss(void *arg, unsigned long row, const char *pay, size_t plen)
{
	on_dup(arg, row, 0, pay, plen);
}

static int
pair_cmp(const void *x, const void *y)
{
	const struct pair *a = x, *b = y;

	return a->row < b->row ? -1 : a->row > b->row;
}

/*
 * One run: rows 1..NROWS with random keys.  Checks the rows the set
 * returns at once plus those it finds at the end against the model.
 */
static void
run(size_t budget, int again)
{
	struct keymem mem = { budget, NULL };
	size_t cols[1] = { 0 };
	struct keyset *ks = keyset_new(cols, 1, &mem);
	unsigned long *last = calloc(NKEYS, sizeof(*last));
	struct pair *want = calloc(NROWS, sizeof(*want));
	struct got got = { NULL, 0 };
	size_t nwant = 0, i;
	unsigned long row;

	assert_non_null(last);
	assert_non_null(want);
	for (row = 1; row <= NROWS; row++) {
		unsigned long k = rnd() % NKEYS, prev;
		char key[48], pay[64];
		size_t len;
		uint64_t h;

		key_of(k, key, &len);
		h = hash_fast(key, len);
		/* the payload: the key itself every other row, else the row */
		if (row % 2)
			snprintf(pay, sizeof(pay), "r%lu", row);
		else {
			memcpy(pay, key, len);
			pay[len] = '\0';
		}
		prev = keyset_add(ks, key, len, h, row, pay, strlen(pay));
		if (last[k] != 0) {
			want[nwant].row = row;
			want[nwant].prev = last[k];
			snprintf(want[nwant].pay, sizeof(want[nwant].pay), "%s",
			    pay);
			nwant++;
		}
		if (prev != 0) {
			/* found at once: it must be the model's */
			assert_int_equal(prev, last[k]);
			on_dup(&got, row, prev, pay, strlen(pay));
		}
		last[k] = row;
	}
	assert_int_equal(keyset_spilled(ks), budget < (4u << 20));
	assert_int_equal(keyset_finish(ks, again, on_dup, &got), 0);
	qsort(got.p, got.n, sizeof(*got.p), pair_cmp);
	assert_int_equal(got.n, nwant);
	for (i = 0; i < nwant; i++) {
		assert_int_equal(got.p[i].row, want[i].row);
		assert_int_equal(got.p[i].prev, want[i].prev);
		assert_string_equal(got.p[i].pay, want[i].pay);
	}
	/* probes: keys 0..2*NKEYS, half of them never added */
	if (again) {
		struct keyprobe *pr = keyprobe_new(&mem);
		struct got miss = { NULL, 0 };
		size_t nmiss = 0;

		for (row = 1; row <= 5000; row++) {
			unsigned long k = rnd() % (2 * NKEYS);
			char key[48], pay[64];
			size_t len;

			key_of(k, key, &len);
			snprintf(pay, sizeof(pay), "p%lu", row);
			keyprobe_add(pr, key, len, hash_fast(key, len), row,
			    pay, strlen(pay));
			if (k >= NKEYS || last[k] == 0)
				nmiss++;
		}
		assert_int_equal(keyprobe_misses(pr, ks, on_miss, &miss), 0);
		assert_int_equal(miss.n, nmiss);
		/* a spilled set is read again: the same answer */
		free(miss.p);
		miss.p = NULL;
		miss.n = 0;
		assert_int_equal(keyprobe_misses(pr, ks, on_miss, &miss), 0);
		assert_int_equal(miss.n, nmiss);
		free(miss.p);
		keyprobe_free(pr);
	}
	free(got.p);
	free(want);
	free(last);
	keyset_free(ks);
}

static void
t_tiny(void **state)
{
	(void)state;
	run(1024, 0);		/* hundreds of runs: merged in levels */
	run(1024, 1);
}

static void
t_small(void **state)
{
	(void)state;
	run(64u << 10, 0);
	run(64u << 10, 1);
}

static void
t_in_memory(void **state)
{
	(void)state;
	run(64u << 20, 0);
	run(64u << 20, 1);
}

/* A temporary directory that does not exist: an error, not a crash. */
static void
t_tmpdir_error(void **state)
{
	struct keymem mem = { 1024, "/nonexistent/sheaf-test" };
	size_t cols[1] = { 0 };
	struct keyset *ks = keyset_new(cols, 1, &mem);
	const char *path = NULL;
	unsigned long row;
	char key[16];

	(void)state;
	for (row = 1; row <= 1000; row++) {
		snprintf(key, sizeof(key), "k%lu", row);
		keyset_add(ks, key, strlen(key), hash_fast(key, strlen(key)),
		    row, NULL, 0);
	}
	assert_int_equal(keyset_finish(ks, 0, NULL, NULL), -1);
	assert_int_not_equal(keyset_status(ks, &path), 0);
	assert_string_equal(path, "/nonexistent/sheaf-test");
	keyset_free(ks);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_tiny),
		cmocka_unit_test(t_small),
		cmocka_unit_test(t_in_memory),
		cmocka_unit_test(t_tmpdir_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
