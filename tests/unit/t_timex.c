/* t_timex: date expressions and their TIMEX3-style values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/timex.h"
#include "lib/xalloc.h"

static struct timex_rules *rules;

static int
setup(void **state)
{
	const char *root = getenv("ROOT");
	char *p = xasprintf("%s/data/lexicon/relations/timex.txt",
	    root != NULL ? root : ".");

	(void)state;
	rules = timex_rules_load(p);
	free(p);
	return rules == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	timex_rules_free(rules);
	return 0;
}

/*
 * Scan s and render every expression as "SURFACE=KIND:FROM/PREC..TO/PREC"
 * joined by " | ", to compare with want.
 */
static void
check(const char *s, const char *want)
{
	static const char *const kinds[] = { "point", "range", "since",
	    "until" };
	struct timex x[16];
	char got[1024] = "";
	size_t n, i, off = 0;

	n = timex_scan(rules, s, strlen(s), x, 16);
	assert_true(n <= 16);
	for (i = 0; i < n; i++) {
		const char *fp = timex_prec_name(x[i].from.prec);
		const char *tp = timex_prec_name(x[i].to.prec);
		int k = snprintf(got + off, sizeof(got) - off,
		    "%s%.*s=%s:%s/%s..%s/%s", i ? " | " : "",
		    (int)(x[i].end - x[i].start), s + x[i].start,
		    kinds[x[i].kind], x[i].from.value, fp ? fp : "-",
		    x[i].to.value, tp ? tp : "-");

		assert_true(k > 0 && (size_t)k < sizeof(got) - off);
		off += (size_t)k;
	}
	assert_string_equal(got, want);
}

static void
t_month_year(void **state)
{
	(void)state;
	check("came into force in December 2014.",
	    "December 2014=point:2014-12/month../-");
	check("in February 2015, China",
	    "February 2015=point:2015-02/month../-");
	check("signed in Dec. 2014 and Sept 2015",
	    "Dec. 2014=point:2014-12/month../- | "
	    "Sept 2015=point:2015-09/month../-");
	check("in June, 2016", "June, 2016=point:2016-06/month../-");
}

static void
t_day(void **state)
{
	(void)state;
	check("on 3 June 2015", "3 June 2015=point:2015-06-03/day../-");
	check("on June 3, 2015.", "June 3, 2015=point:2015-06-03/day../-");
	check("on June 3 2015", "June 3 2015=point:2015-06-03/day../-");
	check("on 21st March 2001", "21st March 2001=point:2001-03-21/day../-");
	check("dated 2015-06-03.", "2015-06-03=point:2015-06-03/day../-");
	/* an impossible day falls back to the month it names */
	check("on 31 June 2015", "June 2015=point:2015-06/month../-");
	check("on 29 February 2016",
	    "29 February 2016=point:2016-02-29/day../-");
	check("on 29 February 2015", "February 2015=point:2015-02/month../-");
}

static void
t_year(void **state)
{
	(void)state;
	check("established in 2001 together with",
	    "2001=point:2001/year../-");
	check("Attendees of the 2014 SCO Summit", "2014=point:2014/year../-");
	check("China's 2015 law", "2015=point:2015/year../-");
	check("China\xE2\x80\x99s 2015 law", "2015=point:2015/year../-");
	check("2001 was a year", "2001=point:2001/year../-");
	/* counts and other numbers are not years */
	check("some 2000 troops and 36 treaties", "");
	check("Resolution 2178 and 1,2015 and 2015.5 and 2015% and 1990s", "");
}

static void
t_ranges(void **state)
{
	(void)state;
	check("From 2014 to 2016, China holds",
	    "From 2014 to 2016=range:2014/year..2016/year");
	check("terrorism in China (2010-2015)",
	    "2010-2015=range:2010/year..2015/year");
	check("in 2014\xE2\x80\x93" "16", "2014\xE2\x80\x93" "16="
	    "range:2014/year..2016/year");
	check("between 2010 and 2012", "between 2010 and 2012="
	    "range:2010/year..2012/year");
	check("from June 2014 until May 2016", "from June 2014 until May 2016="
	    "range:2014-06/month..2016-05/month");
	check("from 2014 to 2016",
	    "from 2014 to 2016=range:2014/year..2016/year");
	check("2014 to 2016", "2014 to 2016=range:2014/year..2016/year");
	check("member since 2001.", "since 2001=since:2001/year../-");
	check("until 2016", "until 2016=until:/-..2016/year");
	check("from 2014 on", "from 2014=since:2014/year../-");
}

static void
t_vague(void **state)
{
	(void)state;
	check("in recent years, last month, next year", "");
	check("in the coming years and the 1990s", "");
	check("in December the treaty", "");
	check("India may join. In May the SCO met.", "");
	check("In January 2015 Afghanistan",
	    "January 2015=point:2015-01/month../-");
}

static void
t_count_only(void **state)
{
	const char *s = "2001, 2002 and 2003";
	struct timex one;

	(void)state;
	assert_int_equal(timex_scan(rules, s, strlen(s), NULL, 0), 3);
	assert_int_equal(timex_scan(rules, s, strlen(s), &one, 1), 3);
	assert_string_equal(one.from.value, "2001");
	assert_null(timex_prec_name(TIMEX_NONE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_month_year),
		cmocka_unit_test(t_day),
		cmocka_unit_test(t_year),
		cmocka_unit_test(t_ranges),
		cmocka_unit_test(t_vague),
		cmocka_unit_test(t_count_only),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
