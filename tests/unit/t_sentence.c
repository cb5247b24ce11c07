/* t_sentence: the sentence splitter and its abbreviation list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/sentence.h"
#include "lib/xalloc.h"

static struct sentence_rules *rules;

static char *
datapath(const char *rel)
{
	const char *root = getenv("ROOT");

	return xasprintf("%s/%s", root != NULL ? root : ".", rel);
}

static int
setup(void **state)
{
	char *p = datapath("data/lexicon/relations/abbreviations.txt");

	(void)state;
	rules = sentence_rules_load(p);
	free(p);
	return rules == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	sentence_rules_free(rules);
	return 0;
}

/* Split s and compare with the expected sentences, "|"-separated. */
static void
check(const char *s, const char *want)
{
	struct sentence out[32];
	char got[2048] = "";
	size_t n, i, off = 0;

	n = sentence_split(rules, s, strlen(s), out, 32);
	assert_true(n <= 32);
	for (i = 0; i < n; i++) {
		int k = snprintf(got + off, sizeof(got) - off, "%s%.*s",
		    i ? "|" : "", (int)(out[i].end - out[i].start),
		    s + out[i].start);

		assert_true(k > 0 && (size_t)k < sizeof(got) - off);
		off += (size_t)k;
	}
	assert_string_equal(got, want);
}

static void
t_basic(void **state)
{
	(void)state;
	check("One ends. Two ends! Three ends?  ",
	    "One ends.|Two ends!|Three ends?");
	check("  no terminator at all ", "no terminator at all");
	check("", "");
	check(" \t\n ", "");
}

static void
t_abbreviations(void **state)
{
	(void)state;
	check("The U.S. State Department said so. Next one.",
	    "The U.S. State Department said so.|Next one.");
	check("It moved to the U.S. The rest stayed.",
	    "It moved to the U.S.|The rest stayed.");
	check("Some states, e.g. Iran, joined. Others did not.",
	    "Some states, e.g. Iran, joined.|Others did not.");
	check("It was signed on Dec. 12, 2014 in Beijing. Then it came.",
	    "It was signed on Dec. 12, 2014 in Beijing.|Then it came.");
	check("Resolution No. 5 passed. Good.",
	    "Resolution No. 5 passed.|Good.");
	check("Mr. Wang met Dr. Li. They talked.",
	    "Mr. Wang met Dr. Li.|They talked.");
	check("He met the min. of defence. Fine.",
	    "He met the min. of defence.|Fine.");
}

static void
t_initials(void **state)
{
	(void)state;
	check("George W. Bush met J. R. Smith. They talked.",
	    "George W. Bush met J. R. Smith.|They talked.");
	check("He chose Plan B. The others left.",
	    "He chose Plan B.|The others left.");
	check("The U.N. Security Council met. It adjourned.",
	    "The U.N. Security Council met.|It adjourned.");
}

static void
t_quotations(void **state)
{
	(void)state;
	check("He said: \xE2\x80\x9CWe will fight. We will win.\xE2\x80\x9D "
	    "Then he left.",
	    "He said: \xE2\x80\x9CWe will fight. We will win.\xE2\x80\x9D|"
	    "Then he left.");
	check("They fight \xE2\x80\x9Cterrorism and separatism.\xE2\x80\x9D "
	    "The SCO grew.",
	    "They fight \xE2\x80\x9Cterrorism and separatism.\xE2\x80\x9D|"
	    "The SCO grew.");
	check("He said \"Stop. Now.\" Then left.",
	    "He said \"Stop. Now.\"|Then left.");
	check("(See part one. It is long.) The next part.",
	    "(See part one. It is long.)|The next part.");
	/* an unclosed quotation does not swallow the paragraph */
	check("He said \xE2\x80\x9CStop. Now. Then left.",
	    "He said \xE2\x80\x9CStop.|Now.|Then left.");
}

static void
t_numbers(void **state)
{
	(void)state;
	check("Growth was 3.5 percent. Fine.", "Growth was 3.5 percent.|Fine.");
	check("It ended in 2001. 2002 was calm.",
	    "It ended in 2001.|2002 was calm.");
	check("Wait\xE2\x80\xA6 Then it came.",
	    "Wait\xE2\x80\xA6|Then it came.");
	check("Really?! Yes.", "Really?!|Yes.");
}

static void
t_count_only(void **state)
{
	struct sentence one;
	const char *s = "A b. C d. E f.";

	(void)state;
	assert_int_equal(sentence_split(rules, s, strlen(s), NULL, 0), 3);
	assert_int_equal(sentence_split(rules, s, strlen(s), &one, 1), 3);
	assert_int_equal(one.start, 0);
	assert_int_equal(one.end, 4);
}

static void
t_bad_file(void **state)
{
	char *p = datapath("tests/unit/no-such-file.txt");

	(void)state;
	assert_null(sentence_rules_load(p));
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_basic),
		cmocka_unit_test(t_abbreviations),
		cmocka_unit_test(t_initials),
		cmocka_unit_test(t_quotations),
		cmocka_unit_test(t_numbers),
		cmocka_unit_test(t_count_only),
		cmocka_unit_test(t_bad_file),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
