/*
 * t_wordlist: lib/wordlist.h's lists: entries kept in the order given
 * with their lengths, words split off a line, lookups byte for byte and
 * with ASCII case ignored (not other case), and an index that still
 * finds every entry after it has grown.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/wordlist.h"

static void
t_empty(void **state)
{
	struct wordlist l;

	(void)state;
	wordlist_init(&l);
	assert_int_equal(l.n, 0);
	assert_int_equal(wordlist_has(&l, "a", 1), 0);
	assert_int_equal(wordlist_has_nocase(&l, "", 0), 0);
	wordlist_release(&l);
	wordlist_release(&l);		/* released twice: nothing left */
}

static void
t_words(void **state)
{
	struct wordlist l;

	(void)state;
	wordlist_init(&l);
	wordlist_add_words(&l, "  Mr. \tDr.  U.S.\t");
	wordlist_add(&l, "Photo: AP", 9);
	wordlist_add(&l, "etc.!!", 4);		/* n bytes only */
	assert_int_equal(l.n, 5);
	assert_string_equal(l.w[0], "Mr.");
	assert_string_equal(l.w[1], "Dr.");
	assert_string_equal(l.w[2], "U.S.");
	assert_string_equal(l.w[3], "Photo: AP");
	assert_string_equal(l.w[4], "etc.");
	assert_int_equal(l.len[2], 4);
	assert_int_equal(l.len[3], 9);
	/* byte for byte: the whole entry, no more and no less */
	assert_int_equal(wordlist_has(&l, "Mr.", 3), 1);
	assert_int_equal(wordlist_has(&l, "Mr. Smith", 3), 1);
	assert_int_equal(wordlist_has(&l, "Mr", 2), 0);
	assert_int_equal(wordlist_has(&l, "Mr.s", 4), 0);
	assert_int_equal(wordlist_has(&l, "mr.", 3), 0);
	assert_int_equal(wordlist_has(&l, "Photo: AP", 9), 1);
	/* ASCII case ignored */
	assert_int_equal(wordlist_has_nocase(&l, "mr.", 3), 1);
	assert_int_equal(wordlist_has_nocase(&l, "PHOTO: ap", 9), 1);
	assert_int_equal(wordlist_has_nocase(&l, "u.s", 3), 0);
	assert_int_equal(wordlist_has_nocase(&l, "", 0), 0);
	wordlist_release(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.w);
}

static void
t_nocase_ascii_only(void **state)
{
	struct wordlist l;

	(void)state;
	wordlist_init(&l);
	/* "Été" and an en dash */
	wordlist_add_words(&l, "\xC3\x89t\xC3\xA9 \xE2\x80\x93");
	assert_int_equal(wordlist_has_nocase(&l, "\xC3\x89T\xC3\xA9", 5), 1);
	assert_int_equal(wordlist_has_nocase(&l, "\xC3\xA9t\xC3\xA9", 5), 0);
	assert_int_equal(wordlist_has(&l, "\xE2\x80\x93", 3), 1);
	wordlist_release(&l);
}

static void
t_grow(void **state)
{
	struct wordlist l;
	char w[16], u[16];
	size_t i, j;

	(void)state;
	wordlist_init(&l);
	for (i = 0; i < 1000; i++) {
		snprintf(w, sizeof(w), "word%zu", i);
		wordlist_add(&l, w, strlen(w));
	}
	wordlist_add(&l, "word7", 5);		/* a repeat stays a repeat */
	assert_int_equal(l.n, 1001);
	assert_string_equal(l.w[999], "word999");
	assert_string_equal(l.w[1000], "word7");
	for (i = 0; i < 1000; i++) {
		snprintf(w, sizeof(w), "word%zu", i);
		for (j = 0; w[j] != '\0'; j++)
			u[j] = (char)(w[j] >= 'a' && w[j] <= 'z' ?
			    w[j] - 'a' + 'A' : w[j]);
		assert_int_equal(wordlist_has(&l, w, strlen(w)), 1);
		assert_int_equal(wordlist_has(&l, u, strlen(w)), 0);
		assert_int_equal(wordlist_has_nocase(&l, u, strlen(w)), 1);
	}
	assert_int_equal(wordlist_has(&l, "word1000", 8), 0);
	wordlist_release(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_empty),
		cmocka_unit_test(t_words),
		cmocka_unit_test(t_nocase_ascii_only),
		cmocka_unit_test(t_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
