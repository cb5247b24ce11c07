/*
 * t_jsonio: the row encoders.  jsonio_rows_buf() is written by hand for
 * speed and must give exactly the bytes jansson's json_dumps(JSON_COMPACT
 * | JSON_PRESERVE_ORDER) gives for the same object; csvio_rows_buf()
 * exactly what csvio_rows() writes to a file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "lib/buf.h"
#include "tables/csvio.h"
#include "tables/jsonio.h"
#include "tables/table.h"

static const char *const cols[] = { "s", "i", "b", "n", NULL };
static const enum jcol types[] = {
	JCOL_STRING, JCOL_INTEGER, JCOL_BOOLEAN, JCOL_NUMBER
};

static struct table *
one_row(const char *s, const char *i, const char *b, const char *n)
{
	struct table *t = table_new("t", cols);
	size_t r = table_add_row(t);

	table_set(t, r, 0, s);
	table_set(t, r, 1, i);
	table_set(t, r, 2, b);
	table_set(t, r, 3, n);
	return t;
}

static char *
encode(const struct table *t)
{
	struct buf b;

	buf_init(&b);
	jsonio_rows_buf(t, types, &b);
	return buf_detach(&b);
}

/* Exact bytes for each kind of cell. */
static void
t_exact(void **state)
{
	static const struct {
		const char	*s, *i, *b, *n, *want;
	} c[] = {
		{ "plain", "42", "true", "1.5",
		  "{\"s\":\"plain\",\"i\":42,\"b\":true,\"n\":1.5}\n" },
		{ NULL, NULL, NULL, NULL,
		  "{\"s\":null,\"i\":null,\"b\":null,\"n\":null}\n" },
		{ "q\"b\\s/", "007", "false", "2",
		  "{\"s\":\"q\\\"b\\\\s/\",\"i\":7,\"b\":false,\"n\":2.0}\n" },
		{ "\b\f\n\r\t\x01\x1f\x7f", "-3", "TRUE", "1e3",
		  "{\"s\":\"\\b\\f\\n\\r\\t\\u0001\\u001F\x7f\",\"i\":-3,"
		  "\"b\":\"TRUE\",\"n\":1000.0}\n" },
		{ "caf\xc3\xa9 \xe2\x80\x93 \xe2\x80\x99\xf0\x9f\x98\x80",
		  "12x", "yes", "x1",
		  "{\"s\":\"caf\xc3\xa9 \xe2\x80\x93 \xe2\x80\x99"
		  "\xf0\x9f\x98\x80\",\"i\":\"12x\",\"b\":\"yes\","
		  "\"n\":\"x1\"}\n" },
		/* escapes first and last, two in a row, U+2028 as it is */
		{ "\"\\a\x1f\x1f\xe2\x80\xa8\n", "0", "true", "0",
		  "{\"s\":\"\\\"\\\\a\\u001F\\u001F\xe2\x80\xa8\\n\","
		  "\"i\":0,\"b\":true,\"n\":0.0}\n" },
		{ "x", "-9223372036854775808", "false", "-0.5",
		  "{\"s\":\"x\",\"i\":-9223372036854775808,\"b\":false,"
		  "\"n\":-0.5}\n" },
		{ "", "99999999999999999999", "", "",
		  "{\"s\":null,\"i\":\"99999999999999999999\",\"b\":null,"
		  "\"n\":null}\n" },
	};
	struct table *t;
	size_t k;
	char *got;

	(void)state;
	for (k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
		t = one_row(c[k].s, c[k].i, c[k].b, c[k].n);
		got = encode(t);
		assert_string_equal(got, c[k].want);
		free(got);
		table_free(t);
	}
}

/* What jansson makes of the same row, typed as put_cell() types it. */
static char *
by_jansson(const struct table *t)
{
	json_t *o = json_object();
	const char *v;
	char *s, *out, *end;
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		json_t *j;

		v = table_get(t, 0, c);
		if (v == NULL)
			j = json_null();
		else if (types[c] == JCOL_INTEGER) {
			long long n = strtoll(v, &end, 10);

			j = *end == '\0' && end != v ? json_integer(n) :
			    json_string(v);
		} else
			j = json_string(v);
		json_object_set_new(o, t->cols[c], j);
	}
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	assert_non_null(s);
	out = malloc(strlen(s) + 2);
	assert_non_null(out);
	strcpy(out, s);
	strcat(out, "\n");
	free(s);
	return out;
}

/* A random valid UTF-8 string: ASCII (controls too) and 2-4 byte forms. */
static void
random_text(char *s, size_t cap, unsigned *seed)
{
	size_t n = 0;
	unsigned cp;

	while (n + 5 < cap && rand_r(seed) % 40 != 0) {
		switch (rand_r(seed) % 4) {
		case 0:
			cp = 1 + (unsigned)rand_r(seed) % 0x7f;
			break;
		case 1:
			cp = 0x80 + (unsigned)rand_r(seed) % 0x780;
			break;
		case 2:
			cp = 0xE000 + (unsigned)rand_r(seed) % 0x1000;
			break;
		default:
			cp = 0x10000 + (unsigned)rand_r(seed) % 0x10000;
			break;
		}
		if (cp < 0x80)
			s[n++] = (char)cp;
		else if (cp < 0x800) {
			s[n++] = (char)(0xC0 | cp >> 6);
			s[n++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			s[n++] = (char)(0xE0 | cp >> 12);
			s[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
			s[n++] = (char)(0x80 | (cp & 0x3F));
		} else {
			s[n++] = (char)(0xF0 | cp >> 18);
			s[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
			s[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
			s[n++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	s[n] = '\0';
}

/* 20000 random rows: the hand encoder and jansson agree byte for byte. */
static void
t_same_as_jansson(void **state)
{
	char s[64], num[32];
	unsigned seed = 1;
	struct table *t;
	char *a, *b;
	int k;

	(void)state;
	for (k = 0; k < 20000; k++) {
		random_text(s, sizeof(s), &seed);
		snprintf(num, sizeof(num), "%d", rand_r(&seed) - RAND_MAX / 2);
		t = one_row(s, k % 7 == 0 ? s : num, s, NULL);
		a = encode(t);
		b = by_jansson(t);
		assert_string_equal(a, b);
		free(a);
		free(b);
		table_free(t);
	}
}

/* csvio_rows_buf() and csvio_rows() give the same bytes. */
static void
t_csv_buf(void **state)
{
	static const char *const cells[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "",
		"\"", ",", "caf\xc3\xa9", NULL
	};
	struct table *t = table_new("t", cols);
	char *file = NULL;
	size_t len = 0, i, r;
	struct buf b;
	FILE *fp;

	(void)state;
	for (i = 0; cells[i] != NULL; i++) {
		r = table_add_row(t);
		table_set(t, r, 0, cells[i]);
		table_set(t, r, 1, cells[(i + 1) % 9]);
		table_set(t, r, 3, cells[(i + 3) % 9]);
	}
	fp = open_memstream(&file, &len);
	assert_non_null(fp);
	assert_int_equal(csvio_rows(t, fp), 0);
	fclose(fp);
	buf_init(&b);
	csvio_rows_buf(t, &b);
	assert_string_equal(buf_str(&b), file);
	assert_int_equal(b.len, len);
	/* and the first two rows exactly */
	assert_memory_equal(buf_str(&b), "plain,\"a,b\",,\"two\nlines\"\n"
	    "\"a,b\",\"say \"\"hi\"\"\",,\"cr\rhere\"\n",
	    strlen("plain,\"a,b\",,\"two\nlines\"\n"
	    "\"a,b\",\"say \"\"hi\"\"\",,\"cr\rhere\"\n"));
	buf_release(&b);
	free(file);
	table_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_exact),
		cmocka_unit_test(t_same_as_jansson),
		cmocka_unit_test(t_csv_buf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
