/*
 * t_utf8: lib/utf8.h's decoder on sequences of one to four bytes and on
 * the invalid ones (overlong forms, surrogates, past U+10FFFF, stray
 * continuation bytes, truncated sequences), decoding backwards, the
 * encoder, the validator's offsets, counting, the classes and folding.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/utf8.h"

/* utf8_get at offset 0 of the NUL-ended s; *k = the length. */
static int32_t
get(const char *s, size_t *k)
{
	return utf8_get(s, strlen(s), 0, k);
}

static void
t_get(void **state)
{
	size_t k;

	(void)state;
	assert_int_equal(get("A", &k), 0x41);
	assert_int_equal(k, 1);
	assert_int_equal(get("\xC3\xA9", &k), 0xE9);		/* é */
	assert_int_equal(k, 2);
	assert_int_equal(get("\xC2\x80", &k), 0x80);		/* lowest 2 */
	assert_int_equal(k, 2);
	assert_int_equal(get("\xDF\xBF", &k), 0x7FF);
	assert_int_equal(k, 2);
	assert_int_equal(get("\xE2\x80\x99", &k), 0x2019);	/* ’ */
	assert_int_equal(k, 3);
	assert_int_equal(get("\xE0\xA0\x80", &k), 0x800);	/* lowest 3 */
	assert_int_equal(k, 3);
	assert_int_equal(get("\xEF\xBF\xBF", &k), 0xFFFF);
	assert_int_equal(k, 3);
	assert_int_equal(get("\xF0\x9F\x98\x80", &k), 0x1F600);	/* 😀 */
	assert_int_equal(k, 4);
	assert_int_equal(get("\xF4\x8F\xBF\xBF", &k), 0x10FFFF);
	assert_int_equal(k, 4);
	/* at an offset, and NUL as the ASCII it is */
	assert_int_equal(utf8_get("a\xC3\xA9", 3, 1, &k), 0xE9);
	assert_int_equal(k, 2);
	assert_int_equal(utf8_get("\0", 1, 0, &k), 0);
	assert_int_equal(k, 1);
	/* past the end */
	assert_int_equal(utf8_get("a", 1, 1, &k), -1);
	assert_int_equal(k, 1);
}

static void
t_get_invalid(void **state)
{
	static const char *const bad[] = {
		"\xC0\xAF",		/* overlong '/' */
		"\xC1\xBF",		/* overlong */
		"\xE0\x80\xAF",		/* overlong, three bytes */
		"\xE0\x9F\xBF",		/* overlong U+07FF */
		"\xF0\x8F\xBF\xBF",	/* overlong U+FFFF */
		"\xED\xA0\x80",		/* surrogate U+D800 */
		"\xED\xBF\xBF",		/* surrogate U+DFFF */
		"\xF4\x90\x80\x80",	/* U+110000 */
		"\xF5\x80\x80\x80",	/* no such lead byte */
		"\xFF",
		"\x80",			/* a stray continuation byte */
		"\xBF\x80",
		"\xC3",			/* truncated */
		"\xE2\x80",
		"\xF0\x9F\x98",
		"\xC3(",		/* lead byte without continuation */
		"\xE2\x80(",
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		k = 9;
		assert_int_equal(get(bad[i], &k), -1);
		assert_int_equal(k, 1);
	}
	/* a sequence cut by n, though the bytes go on */
	assert_int_equal(utf8_get("\xE2\x80\x99", 2, 0, &k), -1);
	assert_int_equal(k, 1);
	assert_int_equal(utf8_get("\xE2\x80\x99", 3, 0, &k), 0x2019);
	/* the nearest valid neighbours of the bad ones */
	assert_int_equal(get("\xED\x9F\xBF", &k), 0xD7FF);
	assert_int_equal(get("\xEE\x80\x80", &k), 0xE000);
	assert_int_equal(get("\xF0\x90\x80\x80", &k), 0x10000);
}

static void
t_prev(void **state)
{
	const char *s = "a\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80z";
	size_t k;

	(void)state;
	assert_int_equal(utf8_prev(s, 0, &k), -1);
	assert_int_equal(k, 0);
	assert_int_equal(utf8_prev(s, 1, &k), 'a');
	assert_int_equal(k, 1);
	assert_int_equal(utf8_prev(s, 3, &k), 0xE9);
	assert_int_equal(k, 2);
	assert_int_equal(utf8_prev(s, 6, &k), 0x2019);
	assert_int_equal(k, 3);
	assert_int_equal(utf8_prev(s, 10, &k), 0x1F600);
	assert_int_equal(k, 4);
	assert_int_equal(utf8_prev(s, 11, &k), 'z');
	assert_int_equal(k, 1);
	/* in the middle of a sequence, or after a cut one */
	assert_int_equal(utf8_prev(s, 5, &k), -1);
	assert_int_equal(k, 1);
	assert_int_equal(utf8_prev("\xC3", 1, &k), -1);
	assert_int_equal(k, 1);
	/* five continuation bytes: no more than four bytes are read */
	assert_int_equal(utf8_prev("\x80\x80\x80\x80\x80", 5, &k), -1);
	assert_int_equal(k, 1);
}

static void
t_put(void **state)
{
	static const int32_t cps[] = {
		0, 'A', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x2019, 0xD7FF,
		0xE000, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF
	};
	static const size_t lens[] = { 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4,
	    4 };
	char b[4];
	size_t i, k;

	(void)state;
	assert_int_equal(utf8_put(0x2019, b), 3);
	assert_memory_equal(b, "\xE2\x80\x99", 3);
	assert_int_equal(utf8_put(0x1F600, b), 4);
	assert_memory_equal(b, "\xF0\x9F\x98\x80", 4);
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		assert_int_equal(utf8_put(cps[i], b), lens[i]);
		assert_int_equal(utf8_seqlen((unsigned char)b[0]), lens[i]);
		assert_int_equal(utf8_get(b, lens[i], 0, &k), cps[i]);
		assert_int_equal(k, lens[i]);
	}
}

static void
t_check(void **state)
{
	size_t bad = 99;
	int isnul = 9;

	(void)state;
	assert_int_equal(utf8_check("", 0, &bad, &isnul), 0);
	assert_int_equal(isnul, 0);
	assert_int_equal(utf8_check("plain ASCII text, longer than eight",
	    35, &bad, &isnul), 0);
	assert_int_equal(utf8_check("caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80",
	    14, &bad, &isnul), 0);
	/* the offset of the bad sequence, not of the byte that breaks it */
	assert_int_equal(utf8_check("abc\xE2\x80(def", 9, &bad, &isnul), -1);
	assert_int_equal(bad, 3);
	assert_int_equal(isnul, 0);
	/* past the eight-byte fast path */
	assert_int_equal(utf8_check("0123456789\xC0\xAF", 12, &bad, &isnul),
	    -1);
	assert_int_equal(bad, 10);
	assert_int_equal(isnul, 0);
	assert_int_equal(utf8_check("ab\xED\xA0\x80", 5, &bad, &isnul), -1);
	assert_int_equal(bad, 2);
	/* truncated at the end */
	assert_int_equal(utf8_check("abcdefgh\xF0\x9F\x98", 11, &bad, &isnul),
	    -1);
	assert_int_equal(bad, 8);
	/* NUL, in a word of eight and alone */
	assert_int_equal(utf8_check("abcdefg\0hij", 11, &bad, &isnul), -1);
	assert_int_equal(bad, 7);
	assert_int_equal(isnul, 1);
	assert_int_equal(utf8_check("ab\0", 3, &bad, &isnul), -1);
	assert_int_equal(bad, 2);
	assert_int_equal(isnul, 1);
}

static void
t_count(void **state)
{
	const char *s = "caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80 and a "
	    "longer ASCII tail past thirty-two bytes";
	size_t n = strlen(s);

	(void)state;
	assert_int_equal(utf8_count("", 0), 0);
	assert_int_equal(utf8_count(s, 14), 8);
	assert_int_equal(utf8_count(s, n), n - 1 - 2 - 3);
	assert_int_equal(utf8_offset(s, n, 0), 0);
	assert_int_equal(utf8_offset(s, n, 3), 3);	/* é */
	assert_int_equal(utf8_offset(s, n, 4), 5);
	assert_int_equal(utf8_offset(s, n, 5), 6);	/* ’ */
	assert_int_equal(utf8_offset(s, n, 7), 10);	/* 😀 */
	assert_int_equal(utf8_offset(s, n, 8), 14);
	assert_int_equal(utf8_offset(s, n, n), n);
}

static void
t_class(void **state)
{
	(void)state;
	assert_true(utf8_isword('a') && utf8_isword('Z') && utf8_isword('7'));
	assert_false(utf8_isword('_') || utf8_isword(' ') || utf8_isword(-1));
	assert_true(utf8_isword(0xE9) && utf8_isword(0x0301));	/* é, mark */
	assert_true(utf8_isword(0x0663));			/* Arabic 3 */
	assert_false(utf8_isword(0x2019) || utf8_isword(0xA0));
	assert_true(utf8_isupper('A') && utf8_isupper(0xC9));	/* É */
	assert_true(utf8_isupper(0x01C5));			/* Dž, Lt */
	assert_false(utf8_isupper('a') || utf8_isupper(0xE9) ||
	    utf8_isupper(-1));
	assert_true(utf8_islower('a') && utf8_islower(0xE9));
	assert_false(utf8_islower('A') || utf8_islower(0x01C5));
	assert_true(utf8_isspace(' ') && utf8_isspace('\t') &&
	    utf8_isspace('\n') && utf8_isspace('\v') && utf8_isspace('\f') &&
	    utf8_isspace('\r'));
	assert_true(utf8_isspace(0xA0) && utf8_isspace(0x85) &&
	    utf8_isspace(0x2009) && utf8_isspace(0x2028) &&
	    utf8_isspace(0x2029) && utf8_isspace(0x3000));
	assert_false(utf8_isspace('x') || utf8_isspace(0x200B) ||
	    utf8_isspace(-1));
	/* letters and numbers without marks */
	assert_int_equal(utf8_class(0x0301), UTF8_WORD);
	assert_int_equal(utf8_class('A'), UTF8_WORD | UTF8_ALNUM | UTF8_UPPER);
	assert_int_equal(utf8_class(0xE9), UTF8_WORD | UTF8_ALNUM | UTF8_LOWER);
	assert_int_equal(utf8_class(0x00BD), UTF8_WORD | UTF8_ALNUM); /* ½ */
	assert_int_equal(utf8_class(0x2019), 0);
	assert_int_equal(utf8_class(-1), 0);
	assert_int_equal(utf8_class(0x110000), 0);
}

static void
t_fold(void **state)
{
	int32_t out[16];

	(void)state;
	assert_int_equal(utf8_fold('A', out, 16), 1);
	assert_int_equal(out[0], 'a');
	assert_int_equal(utf8_fold(0xC9, out, 16), 1);		/* É -> e */
	assert_int_equal(out[0], 'e');
	assert_int_equal(utf8_fold(0x0301, out, 16), 0);	/* a mark */
	assert_int_equal(utf8_fold(0xFB01, out, 16), 2);	/* ﬁ -> fi */
	assert_int_equal(out[0], 'f');
	assert_int_equal(out[1], 'i');
	assert_int_equal(utf8_fold(0xDF, out, 16), 2);		/* ß -> ss */
	assert_int_equal(out[0], 's');
	assert_int_equal(out[1], 's');
	assert_int_equal(utf8_fold(0xFB01, out, 1), -1);	/* no room */
	assert_int_equal(utf8_fold(-1, out, 16), -1);
	assert_int_equal(utf8_fold(0x110000, out, 16), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_get),
		cmocka_unit_test(t_get_invalid),
		cmocka_unit_test(t_prev),
		cmocka_unit_test(t_put),
		cmocka_unit_test(t_check),
		cmocka_unit_test(t_count),
		cmocka_unit_test(t_class),
		cmocka_unit_test(t_fold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
