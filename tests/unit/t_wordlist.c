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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/datafile.h"
#include "lib/diag.h"
#include "lib/fs.h"
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

/* wordlist_load's other: note each line, refuse "bad". */
static int
other(void *arg, const struct datafile *df, const char *name,
    size_t namelen, char *rest)
{
	char *seen = arg;
	size_t n = strlen(seen);

	snprintf(seen + n, 64 - n, "%lu:%.*s:%s;", df->line, (int)namelen,
	    name, rest);
	return namelen == 3 && strncmp(name, "bad", 3) == 0 ? -1 : 0;
}

static void
t_load(void **state)
{
	static const char *const names[] = { "inner", "starter" };
	static const char text[] = "# abbreviations\n"
	    "inner Mr. Dr.\n  No.\nstarter The\nmonth 1 Jan\n"
	    "inner\tU.S.  # a comment\n";
	static const char bad[] = "bad x\nstarter A\n";
	char tmpl[] = "/tmp/t_wordlist.XXXXXX", *p, seen[64] = "";
	struct wordlist l[2];
	int fd;

	(void)state;
	assert_true((fd = mkstemp(tmpl)) >= 0);
	close(fd);
	p = tmpl;
	assert_int_equal(fs_write_file(p, text, strlen(text)), 0);
	wordlist_init(&l[0]);
	wordlist_init(&l[1]);
	assert_int_equal(wordlist_load(p, names, 2, l, other, seen), 0);
	assert_int_equal(l[0].n, 4);
	assert_string_equal(l[0].w[2], "No.");	/* a continuation line */
	assert_string_equal(l[0].w[3], "U.S.");
	assert_int_equal(l[1].n, 1);
	assert_int_equal(wordlist_has(&l[1], "The", 3), 1);
	assert_string_equal(seen, "5:month: 1 Jan;");
	/* a refused line fails the load, after every line is read */
	assert_int_equal(fs_write_file(p, bad, strlen(bad)), 0);
	seen[0] = '\0';
	assert_int_equal(wordlist_load(p, names, 2, l, other, seen), -1);
	assert_string_equal(seen, "1:bad: x;");
	assert_int_equal(l[1].n, 2);
	unlink(p);
	/* a file that cannot be read */
	diag_set_verbosity(-1);
	assert_int_equal(wordlist_load(p, names, 2, l, other, seen), -1);
	diag_reset();
	diag_set_verbosity(0);
	wordlist_release(&l[0]);
	wordlist_release(&l[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_empty),
		cmocka_unit_test(t_words),
		cmocka_unit_test(t_nocase_ascii_only),
		cmocka_unit_test(t_grow),
		cmocka_unit_test(t_load),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
