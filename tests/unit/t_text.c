/* Unit tests: text normalisation, UTF-8 checks, words, slugs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/text.h"
#include "lib/utf8.h"

static void
check_norm(const char *in, const char *want)
{
	char *got = text_normalize(in, strlen(in));

	assert_string_equal(got, want);
	free(got);
}

static void
t_normalize_spaces(void **state)
{
	(void)state;
	check_norm("  a \t b\n\nc  ", "a b c");
	/* NO-BREAK SPACE, EM SPACE, NARROW NBSP become one space */
	check_norm("a\u00a0b\u2003\u202fc", "a b c");
	check_norm("\u00a0\u00a0", "");
	check_norm("", "");
}

static void
t_normalize_nfc(void **state)
{
	(void)state;
	/* e + COMBINING ACUTE -> U+00E9 */
	check_norm("Caf\x65\xcc\x81", "Caf\xc3\xa9");
	/* typographic quotes and dashes stay */
	check_norm("\u201cA\u201d \u2013 B\u2019s", "\u201cA\u201d \u2013 B\u2019s");
}

static void
t_utf8_check(void **state)
{
	size_t bad = 99;
	int isnul = -1;

	(void)state;
	assert_int_equal(utf8_check("ok \u00e9", 5, &bad, &isnul), 0);
	assert_int_equal(utf8_check("ab\xff", 3, &bad, &isnul), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(isnul, 0);
	assert_int_equal(utf8_check("a\0b", 3, &bad, &isnul), -1);
	assert_int_equal(bad, 1);
	assert_int_equal(isnul, 1);
	/* overlong encoding of '/' and a lone continuation byte */
	assert_int_equal(utf8_check("x\xc0\xaf", 3, &bad, &isnul), -1);
	assert_int_equal(bad, 1);
	assert_int_equal(utf8_check("\x80", 1, &bad, &isnul), -1);
	assert_int_equal(bad, 0);
	/* a surrogate encoded in UTF-8 is invalid */
	assert_int_equal(utf8_check("\xed\xa0\x80", 3, &bad, &isnul), -1);
	/* truncated sequence at the end */
	assert_int_equal(utf8_check("ab\xe2\x80", 4, &bad, &isnul), -1);
	assert_int_equal(bad, 2);
}

static void
t_count_words(void **state)
{
	(void)state;
	assert_int_equal(utf8_count("a\u00e9\u2019", 6), 3);
	assert_int_equal(text_words("So far China has signed 36 treaties."), 7);
	assert_int_equal(text_words("A \u2013 B"), 2);	/* a dash is no word */
	assert_int_equal(text_words(""), 0);
	assert_int_equal(text_words("(2010-2015)"), 1);
}

static void
t_slug(void **state)
{
	char *s;

	(void)state;
	s = text_slug("China\u2019s Counterterrorism Campaign Goes Global", 64);
	assert_string_equal(s, "chinas-counterterrorism-campaign-goes-global");
	free(s);
	s = text_slug("  --Hello,  World!-- ", 64);
	assert_string_equal(s, "hello-world");
	free(s);
	s = text_slug("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

/* Keys to compare file names by: NFC, and case-folded when asked. */
static void
t_name_key(void **state)
{
	char *k;

	(void)state;
	/* "Zoe" + U+0308 (NFD) composes to U+00EB */
	k = text_name_key("data/Zoe\xcc\x88.txt", 14, 0);
	assert_string_equal(k, "data/Zo\xc3\xab.txt");
	free(k);
	k = text_name_key("data/Zo\xc3\xab.txt", 13, 0);
	assert_string_equal(k, "data/Zo\xc3\xab.txt");
	free(k);
	/* case-folded: ASCII and U+00CB */
	k = text_name_key("Data/ZO\xc3\x8b.TXT", 13, 1);
	assert_string_equal(k, "data/zo\xc3\xab.txt");
	free(k);
	/* ASCII unchanged without folding; only n bytes are read */
	k = text_name_key("data/Read Me.txtXX", 16, 0);
	assert_string_equal(k, "data/Read Me.txt");
	free(k);
	/* not UTF-8 (a Latin-1 byte): the bytes themselves */
	k = text_name_key("caf\xe9", 4, 1);
	assert_string_equal(k, "caf\xe9");
	free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_normalize_spaces),
		cmocka_unit_test(t_normalize_nfc),
		cmocka_unit_test(t_utf8_check),
		cmocka_unit_test(t_count_words),
		cmocka_unit_test(t_slug),
		cmocka_unit_test(t_name_key),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
