/*
 * t_schema: Table Schema loading, cell casting (the rules of
 * frictionless-py v5), constraint checks and notes, and pattern constraints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "validate/pattern.h"
#include "validate/schema.h"

/* A schema with one field of the given JSON description. */
static struct schema *
one(const char *fieldjson)
{
	char text[2048];
	struct schema *sc;

	snprintf(text, sizeof(text), "{\"fields\": [%s]}", fieldjson);
	sc = schema_load_string(text, "test");
	assert_non_null(sc);
	return sc;
}

/* 0 if s casts under the field, -1 if it is a type error. */
static int
cast(const struct schema *sc, const char *s)
{
	struct value v;

	return schema_cast(&sc->fields[0], s, strlen(s), &v, NULL);
}

static void
check_cast(const char *field, const char *const *ok, const char *const *bad)
{
	struct schema *sc = one(field);
	size_t i;

	for (i = 0; ok[i] != NULL; i++)
		if (cast(sc, ok[i]) != 0)
			fail_msg("'%s' should cast under %s", ok[i], field);
	for (i = 0; bad[i] != NULL; i++)
		if (cast(sc, bad[i]) == 0)
			fail_msg("'%s' should not cast under %s", bad[i],
			    field);
	schema_free(sc);
}

static void
t_accessors(void **state)
{
	struct schema *sc = schema_load_string("{\"fields\": ["
	    "{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"s\"}],"
	    "\"primaryKey\": \"id\"}", "test");

	(void)state;
	assert_non_null(sc);
	assert_int_equal(schema_nfields(sc), 2);
	assert_string_equal(schema_field_name(sc, 0), "id");
	assert_string_equal(schema_field_type(sc, 0), "integer");
	assert_string_equal(schema_field_type(sc, 1), "string");
	assert_null(schema_field_name(sc, 2));
	assert_int_equal(schema_field_index(sc, "s"), 1);
	assert_int_equal(schema_field_index(sc, "x"), -1);
	assert_int_equal(sc->npkey, 1);
	assert_int_equal(sc->pkey[0], 0);
	assert_int_equal(sc->nmissing, 1);
	assert_string_equal(sc->missing[0], "");
	assert_true(schema_is_missing(sc, "", 0));
	assert_false(schema_is_missing(sc, "x", 1));
	schema_free(sc);
}

static void
t_integer(void **state)
{
	static const char *const ok[] = { "0", "-7", "+5", " 12 ", "007",
	    "1_000", "9223372036854775807", "-9223372036854775808", NULL };
	static const char *const bad[] = { "", "1e3", "1.0", "0x10", "1__0",
	    "_1", "1_", "99999999999999999999", "9223372036854775808",
	    "-9223372036854775809", "- 1", "١", NULL };
	struct schema *sc = one("{\"name\": \"n\", \"type\": \"integer\"}");
	struct value v;

	(void)state;
	check_cast("{\"name\": \"n\", \"type\": \"integer\"}", ok, bad);
	assert_int_equal(schema_cast(&sc->fields[0], " -42 ", 5, &v, NULL), 0);
	assert_int_equal(v.i, -42);
	assert_int_equal(schema_cast(&sc->fields[0], "1_000", 5, &v, NULL), 0);
	assert_int_equal(v.i, 1000);
	schema_free(sc);
}

static void
t_integer_bare(void **state)
{
	static const char *const ok[] = { "$12", "12%", "-5 units", "EUR 3",
	    NULL };
	static const char *const bad[] = { "abc", "%", NULL };

	(void)state;
	check_cast("{\"name\": \"n\", \"type\": \"integer\", "
	    "\"bareNumber\": false}", ok, bad);
}

static void
t_number(void **state)
{
	/* Decimal() drops every underscore, unlike int() */
	static const char *const ok[] = { "1", "-1.5", "1e3", "1E-3", ".5",
	    "5.", "NaN", "nan", "-INF", "Infinity", "+0", "1_000.5", " 2 ",
	    "1__0", "_1", "1e1_0", "sNaN12", NULL };
	static const char *const bad[] = { "", "1,5", "abc", "1e", ".", "e5",
	    "1.2.3", "--1", "0x1p3", "_", "1 000", "infinit", NULL };

	(void)state;
	check_cast("{\"name\": \"x\", \"type\": \"number\"}", ok, bad);
}

static void
t_number_chars(void **state)
{
	static const char *const ok[] = { "1 234,5", "12", "1 2 3", NULL };
	static const char *const bad[] = { "1.5", "1,2,3", NULL };
	struct schema *sc = one("{\"name\": \"x\", \"type\": \"number\", "
	    "\"decimalChar\": \",\", \"groupChar\": \" \"}");
	struct value v;

	(void)state;
	check_cast("{\"name\": \"x\", \"type\": \"number\", "
	    "\"decimalChar\": \",\", \"groupChar\": \" \"}", ok, bad);
	assert_int_equal(schema_cast(&sc->fields[0], "1 234,5", 7, &v, NULL),
	    0);
	assert_true(v.d == 1234.5);
	schema_free(sc);
}

/* Equal logical values give equal keys, across number spellings. */
static void
t_keys(void **state)
{
	struct schema *sc = one("{\"name\": \"x\", \"type\": \"number\"}");
	struct schema *si = one("{\"name\": \"n\", \"type\": \"integer\"}");
	struct schema *ss = one("{\"name\": \"s\"}");
	static const char *const same[] = { "1", "1.0", "1e0", "10e-1",
	    "0.1e1", "+1.000", NULL };
	struct buf a, b;
	struct value v;
	size_t i;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	assert_int_equal(schema_cast(&si->fields[0], "01", 2, &v, &a), 0);
	for (i = 0; same[i] != NULL; i++) {
		buf_reset(&b);
		assert_int_equal(schema_cast(&sc->fields[0], same[i],
		    strlen(same[i]), &v, &b), 0);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.s, b.s, a.len);
	}
	buf_reset(&b);
	assert_int_equal(schema_cast(&sc->fields[0], "1.5", 3, &v, &b), 0);
	assert_false(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
	/* the string "1" is not the number 1 */
	buf_reset(&b);
	assert_int_equal(schema_cast(&ss->fields[0], "1", 1, &v, &b), 0);
	assert_false(a.len == b.len && memcmp(a.s, b.s, a.len) == 0);
	/* 0 and -0 are one number */
	buf_reset(&a);
	buf_reset(&b);
	assert_int_equal(schema_cast(&sc->fields[0], "0", 1, &v, &a), 0);
	assert_int_equal(schema_cast(&sc->fields[0], "-0.00", 5, &v, &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.s, b.s, a.len);
	buf_release(&a);
	buf_release(&b);
	schema_free(sc);
	schema_free(si);
	schema_free(ss);
}

static void
t_boolean(void **state)
{
	static const char *const ok[] = { "true", "True", "TRUE", "1",
	    "false", "False", "FALSE", "0", NULL };
	static const char *const bad[] = { "yes", "no", "t", " true", "",
	    "tRue", NULL };
	static const char *const ok2[] = { "Y", "N", NULL };
	static const char *const bad2[] = { "true", "0", "y", NULL };

	(void)state;
	check_cast("{\"name\": \"b\", \"type\": \"boolean\"}", ok, bad);
	check_cast("{\"name\": \"b\", \"type\": \"boolean\", "
	    "\"trueValues\": [\"Y\"], \"falseValues\": [\"N\"]}", ok2, bad2);
}

static void
t_date(void **state)
{
	static const char *const ok[] = { "2015-02-28", "2016-02-29",
	    "2000-02-29", "2015-2-3", "2015-02- 3", "0001-01-01",
	    "9999-12-31", NULL };
	static const char *const bad[] = { "2015-02-30", "2015-02-29",
	    "1900-02-29", "2015-13-01", "2015-00-10", "15-02-03",
	    "2015/02/03", "2015-02-03 ", " 2015-02-03", "0000-01-01",
	    "2015-02", "", NULL };
	struct schema *sc = one("{\"name\": \"d\", \"type\": \"date\"}");
	struct value v;

	(void)state;
	check_cast("{\"name\": \"d\", \"type\": \"date\"}", ok, bad);
	assert_int_equal(schema_cast(&sc->fields[0], "1970-01-02", 10, &v,
	    NULL), 0);
	assert_int_equal(v.i, 1);
	schema_free(sc);
}

static void
t_date_formats(void **state)
{
	static const char *const ok[] = { "03/02/2015", "3/2/2015", NULL };
	static const char *const bad[] = { "31/04/2015", "2015-02-03",
	    "03/02/15", NULL };
	static const char *const ok2[] = { "3 February 2015",
	    "31 DECEMBER 1999", NULL };
	static const char *const bad2[] = { "3 feb 2015", "3 Febr 2015",
	    "30 February 2015", NULL };
	static const char *const ok3[] = { "2015-02-03", "2015/02/03",
	    "February 3, 2015", "20150203", NULL };
	static const char *const bad3[] = { "yesterday", "2015-02-30", NULL };

	(void)state;
	check_cast("{\"name\": \"d\", \"type\": \"date\", "
	    "\"format\": \"%d/%m/%Y\"}", ok, bad);
	check_cast("{\"name\": \"d\", \"type\": \"date\", "
	    "\"format\": \"%d %B %Y\"}", ok2, bad2);
	check_cast("{\"name\": \"d\", \"type\": \"date\", "
	    "\"format\": \"%d %b %Y\"}", (const char *const[]){ "3 Feb 2015",
	    NULL }, (const char *const[]){ "3 February 2015", NULL });
	check_cast("{\"name\": \"d\", \"type\": \"date\", \"format\": \"any\"}",
	    ok3, bad3);
}

static void
t_datetime(void **state)
{
	static const char *const ok[] = { "2015-01-01T10:00:00Z",
	    "2015-01-01 10:00:00", "2015-01-01T10:00:00.123+05:30",
	    "2015-01-01T10:00:00,5", "2015-01-01T24:00:00",
	    "2015-01-01T10:00:00-0800", "2015-01-01T10:00:00+01", NULL };
	static const char *const bad[] = { "2015-01-01T10:00",
	    "2015-01-01T25:00:00", "2015-02-30T10:00:00",
	    "2015-01-01T10:00:60", "2015-01-01T24:00:01",
	    "2015-01-01T10:00:00+1", "2015-01-01T10:00:00 ",
	    "2015-01-01T10:00:00+24:00", "2015-01-01", NULL };
	struct schema *sc = one("{\"name\": \"t\", \"type\": \"datetime\"}");
	struct value a, b;

	(void)state;
	check_cast("{\"name\": \"t\", \"type\": \"datetime\"}", ok, bad);
	/* the same instant in two zones */
	assert_int_equal(schema_cast(&sc->fields[0], "2015-01-01T10:00:00Z",
	    20, &a, NULL), 0);
	assert_int_equal(schema_cast(&sc->fields[0],
	    "2015-01-01T11:00:00+01:00", 25, &b, NULL), 0);
	assert_true(a.i == b.i);
	schema_free(sc);
}

static void
t_time(void **state)
{
	static const char *const ok[] = { "10:00:00", "23:59:59.5",
	    "24:00:00", "10:00:00Z", "00:00:00+02:00", NULL };
	static const char *const bad[] = { "10:00", "10:60:00", "25:00:00",
	    "10:00:00 pm", "1:00:00", NULL };
	static const char *const ok2[] = { "10:00 AM", "12:30 pm", NULL };
	static const char *const bad2[] = { "13:00 PM", "10:00", NULL };

	(void)state;
	check_cast("{\"name\": \"t\", \"type\": \"time\"}", ok, bad);
	check_cast("{\"name\": \"t\", \"type\": \"time\", "
	    "\"format\": \"%I:%M %p\"}", ok2, bad2);
}

static void
t_year_yearmonth(void **state)
{
	static const char *const oky[] = { "2015", "0000", "9999", " 201",
	    NULL };
	static const char *const bady[] = { "15", "-123", "12345", "abcd",
	    "", NULL };
	static const char *const okm[] = { "2015-12", "2015-1", "0-5",
	    " 2015 - 01 ", NULL };
	static const char *const badm[] = { "2015-13", "2015-00", "2015",
	    "2015-01-01", "-2015-01", "2015-x", NULL };
	struct schema *sc = one("{\"name\": \"m\", \"type\": \"yearmonth\"}");
	struct value v;

	(void)state;
	check_cast("{\"name\": \"y\", \"type\": \"year\"}", oky, bady);
	check_cast("{\"name\": \"m\", \"type\": \"yearmonth\"}", okm, badm);
	assert_int_equal(schema_cast(&sc->fields[0], "2015-03", 7, &v, NULL),
	    0);
	assert_int_equal(v.i, 2015 * 12 + 2);
	schema_free(sc);
}

static void
t_duration(void **state)
{
	static const char *const ok[] = { "P1Y2M", "PT", "P1W", "-P1DT2H",
	    "P1.5W", "PT0,5S", "P1Y2M3W4DT5H6M7S", "+P1D", NULL };
	static const char *const bad[] = { "P", "1Y", "P1D1Y", "PT1D",
	    "P1H", "PX", "P1.Y", "", NULL };

	(void)state;
	check_cast("{\"name\": \"p\", \"type\": \"duration\"}", ok, bad);
}

static void
t_string_formats(void **state)
{
	static const char *const oke[] = { "a@b.org", "a.b+c@x-y.example.com",
	    "\"a b\"@x.org", "root@localhost", NULL };
	static const char *const bade[] = { "nobody", "a@b", "@b.org",
	    "a..b@x.org", "a@-x.org", "a@x.o", "a b@x.org", NULL };
	static const char *const oku[] = { "https://x.org/p?q#f", "mailto:a@b",
	    "urn:isbn:0451450523", "a b:c", NULL };
	static const char *const badu[] = { "x.org/page", "/abs", ":x",
	    "noscheme", "?q:x", NULL };
	static const char *const okid[] = {
	    "123e4567-e89b-12d3-a456-426614174000",
	    "123E4567E89B12D3A456426614174000",
	    "{123e4567-e89b-12d3-a456-426614174000}",
	    "urn:uuid:123e4567-e89b-12d3-a456-426614174000", NULL };
	static const char *const badid[] = { "123e4567-e89b-12d3-a456",
	    "g23e4567-e89b-12d3-a456-426614174000", "", NULL };

	(void)state;
	check_cast("{\"name\": \"e\", \"format\": \"email\"}", oke, bade);
	check_cast("{\"name\": \"u\", \"format\": \"uri\"}", oku, badu);
	check_cast("{\"name\": \"i\", \"format\": \"uuid\"}", okid, badid);
}

static void
t_json_geo(void **state)
{
	static const char *const oko[] = { "{}", "{\"k\": [1, 2]}", NULL };
	static const char *const bado[] = { "[]", "null", "x", "{", NULL };
	static const char *const oka[] = { "[]", "[1, \"a\"]", NULL };
	static const char *const bada[] = { "{}", "1", NULL };
	static const char *const okg[] = { "90, 45", "-180,-90", NULL };
	static const char *const badg[] = { "181, 0", "0, 91", "1", "1,2,3",
	    "a, b", NULL };

	(void)state;
	check_cast("{\"name\": \"o\", \"type\": \"object\"}", oko, bado);
	check_cast("{\"name\": \"a\", \"type\": \"array\"}", oka, bada);
	check_cast("{\"name\": \"g\", \"type\": \"geopoint\"}", okg, badg);
	check_cast("{\"name\": \"g\", \"type\": \"geopoint\", "
	    "\"format\": \"array\"}", (const char *const[]){ "[90, 45]",
	    NULL }, (const char *const[]){ "[90]", "90, 45", NULL });
}

/* Constraints and the notes the report prints. */
static void
t_constraints(void **state)
{
	struct schema *sc = schema_load_string("{\"fields\": ["
	    "{\"name\": \"s\", \"constraints\": {\"minLength\": 2, "
	    "\"maxLength\": 3, \"pattern\": \"[a-z]+\", "
	    "\"enum\": [\"ab\", \"abc\", \"zz\"]}},"
	    "{\"name\": \"n\", \"type\": \"integer\", \"constraints\": "
	    "{\"minimum\": 1, \"maximum\": 10, \"enum\": [1, 2, 10]}}]}",
	    "test");
	const struct field *s, *n;
	struct value v;
	struct buf k;
	char *note;

	(void)state;
	assert_non_null(sc);
	s = &sc->fields[0];
	n = &sc->fields[1];
	buf_init(&k);
	assert_int_equal(schema_check(s, "ab", 2, &v, NULL, 0), 0);
	assert_int_equal(schema_check(s, "a", 1, &v, NULL, 0),
	    (1u << C_MINLENGTH) | (1u << C_ENUM));
	assert_int_equal(schema_check(s, "ABCD", 4, &v, NULL, 0),
	    (1u << C_MAXLENGTH) | (1u << C_PATTERN) | (1u << C_ENUM));
	/* é is one code point */
	assert_int_equal(schema_check(s, "\xc3\xa9\xc3\xa9", 4, &v, NULL, 0),
	    (1u << C_PATTERN) | (1u << C_ENUM));
	assert_int_equal(schema_cast(n, "010", 3, &v, &k), 0);
	assert_int_equal(schema_check(n, "010", 3, &v, k.s, k.len), 0);
	buf_reset(&k);
	assert_int_equal(schema_cast(n, "11", 2, &v, &k), 0);
	assert_int_equal(schema_check(n, "11", 2, &v, k.s, k.len),
	    (1u << C_MAXIMUM) | (1u << C_ENUM));
	buf_reset(&k);
	assert_int_equal(schema_cast(n, "0", 1, &v, &k), 0);
	assert_int_equal(schema_check(n, "0", 1, &v, k.s, k.len),
	    (1u << C_MINIMUM) | (1u << C_ENUM));
	note = schema_constraint_note(s, C_ENUM);
	assert_string_equal(note, "constraint \"enum\" is \"['ab', 'abc', "
	    "'zz']\"");
	free(note);
	note = schema_constraint_note(n, C_ENUM);
	assert_string_equal(note, "constraint \"enum\" is \"[1, 2, 10]\"");
	free(note);
	note = schema_constraint_note(s, C_PATTERN);
	assert_string_equal(note, "constraint \"pattern\" is \"[a-z]+\"");
	free(note);
	note = schema_constraint_note(n, C_REQUIRED);
	assert_string_equal(note, "constraint \"required\" is \"True\"");
	free(note);
	note = schema_constraint_note(n, C_MAXIMUM);
	assert_string_equal(note, "constraint \"maximum\" is \"10\"");
	free(note);
	note = schema_type_note(n);
	assert_string_equal(note, "type is \"integer/default\"");
	free(note);
	buf_release(&k);
	schema_free(sc);
}

/* Schemas the loader refuses (each prints a diagnostic to stderr). */
static void
t_unusable(void **state)
{
	static const char *const bad[] = {
		"[]",
		"{\"fields\": 1}",
		"{\"fields\": [{\"type\": \"string\"}]}",
		"{\"fields\": [{\"name\": \"a\", \"type\": \"geojson\"}]}",
		"{\"fields\": [{\"name\": \"a\", \"type\": \"text\"}]}",
		"{\"fields\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
		"{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", "
		    "\"constraints\": {\"pattern\": \"1\"}}]}",
		"{\"fields\": [{\"name\": \"a\", \"constraints\": "
		    "{\"pattern\": \"\\\\p{L}\"}}]}",
		"{\"fields\": [{\"name\": \"a\", \"constraints\": "
		    "{\"pattern\": \"(a\"}}]}",
		"{\"fields\": [{\"name\": \"a\", \"constraints\": "
		    "{\"minLength\": -1}}]}",
		"{\"fields\": [{\"name\": \"a\", \"constraints\": "
		    "{\"between\": 1}}]}",
		"{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", "
		    "\"constraints\": {\"minimum\": \"x\"}}]}",
		"{\"fields\": [{\"name\": \"a\", \"format\": \"wkt\"}]}",
		"{\"fields\": [{\"name\": \"a\", \"type\": \"date\", "
		    "\"format\": \"%Q\"}]}",
		"{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", "
		    "\"format\": \"hex\"}]}",
		"{\"fields\": [{\"name\": \"a\"}], \"primaryKey\": \"b\"}",
		"{\"fields\": [{\"name\": \"a\"}], \"foreignKeys\": "
		    "[{\"fields\": [\"a\"], \"reference\": "
		    "{\"resource\": \"r\", \"fields\": [\"x\", \"y\"]}}]}",
		"{\"fields\": [{\"name\": \"a\"}], \"foreignKeys\": "
		    "[{\"fields\": \"a\", \"reference\": "
		    "{\"resource\": \"\", \"fields\": \"zz\"}}]}",
		"{\"fields\": [{\"name\": \"a\"}], \"missingValues\": [1]}",
		"{\"fields\": [{\"name\": \"a\"}, ]}",
		NULL
	};
	size_t i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++)
		if (schema_load_string(bad[i], "unusable") != NULL)
			fail_msg("schema %zu should be refused: %s", i, bad[i]);
}

static void
t_xsdre(void **state)
{
	static const struct {
		const char	*re, *s;
		int		 match;
	} m[] = {
		{ "[a-z0-9]+(-[a-z0-9]+)*", "china-2015", 1 },
		{ "[a-z0-9]+(-[a-z0-9]+)*", "china--2015", 0 },
		{ "[a-z0-9]+(-[a-z0-9]+)*", "China", 0 },
		{ "[a-z]+", "abc1", 0 },
		{ "b", "abc", 0 },
		{ "a|b", "ab", 0 },
		{ "a|b", "b", 1 },
		{ "a|", "", 1 },
		{ "", "", 1 },
		{ "", "x", 0 },
		{ "\\d{4}(-\\d{2})?", "2015-02", 1 },
		{ "\\d{4}(-\\d{2})?", "2015-2", 0 },
		{ "x{2,3}", "xxxx", 0 },
		{ "x{2,}", "xxxxxxxx", 1 },
		{ "(ab|a)*b?", "aabab", 1 },
		{ ".", "\xc3\xa9", 1 },
		{ ".", "\n", 0 },
		{ "..", "\xf0\x9d\x84\x9e", 0 },
		{ "[^a]", "\xe4\xb8\xad", 1 },
		{ "[\xc3\xa0-\xc3\xbf]+", "\xc3\xa9\xc3\xa0", 1 },
		{ "[\xc3\xa0-\xc3\xbf]+", "e", 0 },
		{ "[^\\u0100-\\uffff]", "x", 1 },
		{ "\\w+\\s\\W", "ab_9 !", 1 },
		{ "\\.\\\\", ".\\", 1 },
		{ "[\\-\\]a]+", "-]a", 1 },
		{ "^ab$", "ab", 1 },
		{ "(?:a)+?", "aaa", 1 },
		{ "[a-c-]", "-", 1 },
	};
	static const char *const bad[] = { "(a", "a)", "*a", "a**", "[a",
	    "\\p{L}", "\\1", "(?=a)", "[a-z-[aeiou]]", "x{3,2}", "x{2000}",
	    "[z-a]", "\\", NULL };
	struct pattern *re;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		re = pattern_compile(m[i].re, err, sizeof(err));
		if (strstr(m[i].re, "\\u") != NULL) {
			assert_null(re);	/* \u is not XML Schema */
			continue;
		}
		if (re == NULL)
			fail_msg("'%s' does not compile: %s", m[i].re, err);
		if (pattern_match(re, m[i].s, strlen(m[i].s)) != m[i].match)
			fail_msg("'%s' on '%s' should give %d", m[i].re,
			    m[i].s, m[i].match);
		/* the lazy DFA answers the same the second time */
		assert_int_equal(pattern_match(re, m[i].s, strlen(m[i].s)),
		    m[i].match);
		pattern_free(re);
	}
	for (i = 0; bad[i] != NULL; i++) {
		err[0] = '\0';
		re = pattern_compile(bad[i], err, sizeof(err));
		if (re != NULL)
			fail_msg("'%s' should not compile", bad[i]);
		assert_true(err[0] != '\0');
	}
}

/* Past the DFA's state cap, the NFA answers. */
static void
t_xsdre_big(void **state)
{
	struct pattern *re;
	char err[128], s[64];
	int i, k;

	(void)state;
	/* (a|b)*a(a|b){11}: a DFA of 2^12 states, over the cap */
	re = pattern_compile("(a|b)*a(a|b){11}", err, sizeof(err));
	assert_non_null(re);
	srand(7);
	for (k = 0; k < 3000; k++) {
		for (i = 0; i < 40; i++)
			s[i] = rand() % 2 ? 'a' : 'b';
		assert_int_equal(pattern_match(re, s, 40), s[40 - 12] == 'a');
	}
	pattern_free(re);
}

static void
t_package(void **state)
{
	char dir[] = "/tmp/t_schema.XXXXXX", path[256];
	struct schema_pkg *p;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/datapackage.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"name\": \"p\", \"resources\": ["
	    "{\"name\": \"a\", \"path\": \"a.csv\", \"schema\": {\"fields\": "
	    "[{\"name\": \"id\"}], \"primaryKey\": \"id\"}},"
	    "{\"name\": \"b\", \"path\": \"sub/b.csv\", "
	    "\"encoding\": \"UTF-8\","
	    " \"schema\": {\"fields\": [{\"name\": \"ref\"}], \"foreignKeys\": "
	    "[{\"fields\": \"ref\", \"reference\": {\"resource\": \"a\", "
	    "\"fields\": \"id\"}}]}}]}", fp);
	fclose(fp);
	p = schema_pkg_load(path);
	assert_non_null(p);
	assert_int_equal(p->nres, 2);
	assert_string_equal(p->res[1].name, "b");
	snprintf(path, sizeof(path), "%s/sub/b.csv", dir);
	assert_string_equal(p->res[1].path, path);
	assert_int_equal(p->res[1].schema->nfkeys, 1);
	schema_pkg_free(p);

	/* a path outside the package, an unknown resource: refused */
	snprintf(path, sizeof(path), "%s/datapackage.json", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"resources\": [{\"name\": \"a\", \"path\": \"../a.csv\", "
	    "\"schema\": {\"fields\": []}}]}", fp);
	fclose(fp);
	assert_null(schema_pkg_load(path));
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"resources\": [{\"name\": \"a\", \"path\": \"a.csv\", "
	    "\"schema\": {\"fields\": [{\"name\": \"x\"}], \"foreignKeys\": "
	    "[{\"fields\": \"x\", \"reference\": {\"resource\": \"nope\", "
	    "\"fields\": \"x\"}}]}}]}", fp);
	fclose(fp);
	assert_null(schema_pkg_load(path));
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("{\"resources\": [{\"name\": \"a\", \"path\": \"a.csv\", "
	    "\"dialect\": {\"delimiter\": \";\"}, "
	    "\"schema\": {\"fields\": []}}]}", fp);
	fclose(fp);
	assert_null(schema_pkg_load(path));
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_accessors),
		cmocka_unit_test(t_integer),
		cmocka_unit_test(t_integer_bare),
		cmocka_unit_test(t_number),
		cmocka_unit_test(t_number_chars),
		cmocka_unit_test(t_keys),
		cmocka_unit_test(t_boolean),
		cmocka_unit_test(t_date),
		cmocka_unit_test(t_date_formats),
		cmocka_unit_test(t_datetime),
		cmocka_unit_test(t_time),
		cmocka_unit_test(t_year_yearmonth),
		cmocka_unit_test(t_duration),
		cmocka_unit_test(t_string_formats),
		cmocka_unit_test(t_json_geo),
		cmocka_unit_test(t_constraints),
		cmocka_unit_test(t_unusable),
		cmocka_unit_test(t_xsdre),
		cmocka_unit_test(t_xsdre_big),
		cmocka_unit_test(t_package),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
