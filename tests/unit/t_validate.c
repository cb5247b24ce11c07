/*
 * t_validate: the validator through its API: rows and fields of errors,
 * notes, key sets across resources, the error limit, reports.
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

#include "validate/jsonschema.h"
#include "validate/schema.h"
#include "validate/validate.h"

static char	 tmpdir[] = "/tmp/t_validate.XXXXXX";

/* Write a file in the temporary directory; the path is static. */
static const char *
put(const char *name, const char *data, size_t n)
{
	static char path[8][256];
	static int k;
	FILE *fp;
	char *p = path[k++ % 8];

	snprintf(p, 256, "%s/%s", tmpdir, name);
	fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	return p;
}

static const char *
puts_(const char *name, const char *data)
{
	return put(name, data, strlen(data));
}

/* Validate one CSV text against one schema text; the report. */
static struct vreport *
run1(const char *csv, const char *schema, size_t limit, int *rc)
{
	struct vresource r;
	struct vreport *rep = vreport_new(limit);
	struct schema *sc = schema_load_string(schema, "test");

	assert_non_null(sc);
	memset(&r, 0, sizeof(r));
	r.name = "t";
	r.path = puts_("t.csv", csv);
	r.schema = sc;
	*rc = validate_resources(&r, 1, rep);
	schema_free(sc);
	return rep;
}

static void
expect(const struct vreport *rep, size_t i, enum verror_type t,
    unsigned long row, size_t field)
{
	const struct verror *e = vreport_error(rep, i);

	assert_non_null(e);
	if (e->type != t || e->row != row || e->field != field)
		fail_msg("error %zu: %s row %lu field %zu, expected %s row %lu "
		    "field %zu", i, verror_type_name(e->type), e->row,
		    e->field, verror_type_name(t), row, field);
}

static void
t_names(void **state)
{
	static const char *const names[VE__MAX] = {
		"missing-label", "extra-label", "duplicate-label",
		"blank-label", "incorrect-label", "missing-cell", "extra-cell",
		"blank-row", "type-error", "constraint-error", "unique-error",
		"primary-key", "foreign-key", "encoding-error", "source-error",
		"hash-count", "byte-count"
	};
	int t;

	(void)state;
	for (t = 0; t < VE__MAX; t++)
		assert_string_equal(verror_type_name((enum verror_type)t),
		    names[t]);
}

static void
t_cells(void **state)
{
	struct vreport *rep;
	const struct verror *e;
	int rc;

	(void)state;
	rep = run1("id,name\n1,ann\nx,bob\n2\n3,cid,extra\n\n",
	    "{\"fields\": [{\"name\": \"id\", \"type\": \"integer\"}, "
	    "{\"name\": \"name\", \"constraints\": {\"required\": true}}]}", 0,
	    &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(vreport_nerrors(rep), 5);
	expect(rep, 0, VE_TYPE, 3, 1);
	expect(rep, 1, VE_CONSTRAINT, 4, 2);
	expect(rep, 2, VE_MISSING_CELL, 4, 2);
	expect(rep, 3, VE_EXTRA_CELL, 5, 3);
	expect(rep, 4, VE_BLANK_ROW, 6, 0);
	e = vreport_error(rep, 0);
	assert_string_equal(e->cell, "x");
	assert_string_equal(e->field_name, "id");
	assert_string_equal(e->note, "type is \"integer/default\"");
	e = vreport_error(rep, 3);
	assert_string_equal(e->cell, "extra");
	assert_null(e->field_name);
	assert_null(vreport_error(rep, 5));
	assert_int_equal(vreport_rows(rep, 0), 5);
	vreport_free(rep);
}

static void
t_valid(void **state)
{
	struct vreport *rep;
	int rc;

	(void)state;
	rep = run1("\xef\xbb\xbfid\r\n1\r\n2\r\n", "{\"fields\": [{\"name\": "
	    "\"id\", \"type\": \"integer\"}], \"primaryKey\": [\"id\"]}", 0,
	    &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(vreport_nerrors(rep), 0);
	assert_int_equal(vreport_rows(rep, 0), 2);
	vreport_free(rep);
}

static void
t_keys(void **state)
{
	struct vreport *rep;
	int rc;

	(void)state;
	rep = run1("a,b,u\n1,x,p\n1,y,q\n1,x,p\n,,\n2,z,p\n",
	    "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\"}, "
	    "{\"name\": "
	    "\"b\"}, {\"name\": \"u\", \"constraints\": {\"unique\": true}}],"
	    " \"primaryKey\": [\"a\", \"b\"]}", 0, &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(vreport_nerrors(rep), 5);
	expect(rep, 0, VE_UNIQUE, 4, 3);
	assert_string_equal(vreport_error(rep, 0)->note,
	    "the same as in the row at position 2");
	expect(rep, 1, VE_PRIMARY_KEY, 4, 0);
	assert_string_equal(vreport_error(rep, 1)->note,
	    "the same as in the row at position 2");
	expect(rep, 2, VE_BLANK_ROW, 5, 0);
	expect(rep, 3, VE_PRIMARY_KEY, 5, 0);
	assert_string_equal(vreport_error(rep, 3)->note,
	    "cells composing the primary keys are all \"None\"");
	/* the last row that had the value is named */
	expect(rep, 4, VE_UNIQUE, 6, 3);
	assert_string_equal(vreport_error(rep, 4)->note,
	    "the same as in the row at position 4");
	vreport_free(rep);
}

/* Many keys: the key set grows and rehashes; every repeat is found. */
static void
t_many_keys(void **state)
{
	struct vreport *rep;
	char *csv, *p;
	size_t i, cap = 100000 * 16;
	int rc;

	(void)state;
	csv = malloc(cap);
	assert_non_null(csv);
	p = csv;
	p += snprintf(p, cap - (size_t)(p - csv), "k\n");
	for (i = 0; i < 50000; i++)
		p += snprintf(p, cap - (size_t)(p - csv), "key%zu\n", i);
	for (i = 0; i < 50000; i += 1000)
		p += snprintf(p, cap - (size_t)(p - csv), "key%zu\n", i);
	rep = run1(csv, "{\"fields\": [{\"name\": \"k\"}], "
	    "\"primaryKey\": \"k\"}", 0, &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(vreport_nerrors(rep), 50);
	expect(rep, 0, VE_PRIMARY_KEY, 50002, 0);
	assert_string_equal(vreport_error(rep, 0)->note,
	    "the same as in the row at position 2");
	expect(rep, 49, VE_PRIMARY_KEY, 50051, 0);
	vreport_free(rep);
	free(csv);
}

static void
t_limit(void **state)
{
	struct vreport *rep;
	int rc;

	(void)state;
	rep = run1("n\na\nb\nc\nd\n", "{\"fields\": [{\"name\": \"n\", "
	    "\"type\": \"integer\"}]}", 3, &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(vreport_nerrors(rep), 3);
	expect(rep, 2, VE_TYPE, 4, 1);
	vreport_free(rep);
}

static void
t_source(void **state)
{
	struct vreport *rep;
	int rc;

	(void)state;
	rep = run1("", "{\"fields\": [{\"name\": \"a\"}]}", 0, &rc);
	assert_int_equal(rc, 1);
	expect(rep, 0, VE_SOURCE, 0, 0);
	assert_string_equal(vreport_error(rep, 0)->note, "the source is empty");
	vreport_free(rep);
	rep = run1("a\n1\n\"2\n3\n", "{\"fields\": [{\"name\": \"a\"}]}", 0,
	    &rc);
	assert_int_equal(rc, 1);
	assert_int_equal(vreport_nerrors(rep), 1);
	expect(rep, 0, VE_SOURCE, 3, 0);
	vreport_free(rep);
}

static void
t_encoding(void **state)
{
	struct vreport *rep;

	(void)state;
	{
		static const char csv[] = "a,b\nok,b\xff" "c\nx\0y,ok\n";
		struct vresource r;
		struct schema *sc = schema_load_string("{\"fields\": "
		    "[{\"name\": \"a\"}, {\"name\": \"b\"}]}", "test");

		memset(&r, 0, sizeof(r));
		r.name = "t";
		r.path = put("nul.csv", csv, sizeof(csv) - 1);
		r.schema = sc;
		rep = vreport_new(0);
		assert_int_equal(validate_resources(&r, 1, rep), 1);
		assert_int_equal(vreport_nerrors(rep), 2);
		expect(rep, 0, VE_ENCODING, 2, 2);
		assert_string_equal(vreport_error(rep, 0)->note,
		    "invalid UTF-8 at byte 1 of the cell");
		/* the cell is shown with U+FFFD in place of the bad byte */
		assert_string_equal(vreport_error(rep, 0)->cell,
		    "b\xef\xbf\xbd" "c");
		expect(rep, 1, VE_ENCODING, 3, 1);
		assert_string_equal(vreport_error(rep, 1)->note,
		    "a NUL byte at byte 1 of the cell");
		vreport_free(rep);
		schema_free(sc);
	}
}

static void
t_foreign(void **state)
{
	struct schema *people = schema_load_string("{\"fields\": ["
	    "{\"name\": \"id\", \"type\": \"integer\"}], \"primaryKey\": "
	    "\"id\"}", "people");
	struct schema *pets = schema_load_string("{\"fields\": ["
	    "{\"name\": \"pet\"}, {\"name\": \"owner\", \"type\": "
	    "\"integer\"}], \"foreignKeys\": [{\"fields\": \"owner\", "
	    "\"reference\": {\"resource\": \"people\", \"fields\": \"id\"}}]}",
	    "pets");
	struct vresource r[2];
	struct vreport *rep;

	(void)state;
	assert_non_null(people);
	assert_non_null(pets);
	memset(r, 0, sizeof(r));
	r[0].name = "pets";
	r[0].path = puts_("pets.csv", "pet,owner\nrex,1\ntom,3\nkit,\n"
	    "zed,3\n");
	r[0].schema = pets;
	r[1].name = "people";
	r[1].path = puts_("people.csv", "id\n1\n2\n");
	r[1].schema = people;
	/* the target comes second: it is read first */
	rep = vreport_new(0);
	assert_int_equal(validate_resources(r, 2, rep), 1);
	assert_int_equal(vreport_nerrors(rep), 2);
	expect(rep, 0, VE_FOREIGN_KEY, 3, 0);
	assert_string_equal(vreport_error(rep, 0)->note, "for \"owner\": "
	    "values \"3\" not found in the lookup table \"people\" as \"id\"");
	expect(rep, 1, VE_FOREIGN_KEY, 5, 0);
	assert_int_equal(vreport_error(rep, 1)->resource, 0);
	vreport_free(rep);
	/* alone, the foreign key is skipped with a warning */
	rep = vreport_new(0);
	assert_int_equal(validate_resources(r, 1, rep), 0);
	assert_int_equal(vreport_nerrors(rep), 0);
	vreport_free(rep);
	schema_free(people);
	schema_free(pets);
}

/* A resource's bytes and hash, as a data package gives them. */
static void
t_counts(void **state)
{
	struct schema *sc = schema_load_string("{\"fields\": [{\"name\": "
	    "\"a\"}]}", "t");
	struct vresource r;
	struct vfixity f;
	struct vreport *rep;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&f, 0, sizeof(f));
	r.name = "t";
	r.path = puts_("t.csv", "a\n1\n");	/* 4 bytes */
	r.schema = sc;
	/* not the sha256 of "a\n1\n" */
	f.hash = "sha256:5ab4c35cf4fb5cdd8b9fc9ec62b45ae8ae4a46e6a0c5f3d1fd3"
	    "2b3a2ec4b4f44";
	f.bytes = 4;
	rep = vreport_new(0);
	assert_int_equal(validate_resources_fixity(&r, &f, 1, rep), 1);
	assert_int_equal(vreport_nerrors(rep), 1);
	expect(rep, 0, VE_HASH_COUNT, 0, 0);
	vreport_free(rep);
	f.hash = "sha256:309B0E45A73D3FC5325E2B6ED0A01EF8B9CDE6B05A5633C1F8"
	    "93F970D52BFDDC";
	rep = vreport_new(0);
	assert_int_equal(validate_resources_fixity(&r, &f, 1, rep), 0);
	vreport_free(rep);
	f.hash = "34ff2335cbe2045ddc3b78993d1e971d";	/* md5 by default */
	rep = vreport_new(0);
	assert_int_equal(validate_resources_fixity(&r, &f, 1, rep), 0);
	vreport_free(rep);
	f.hash = NULL;
	f.bytes = 5;
	rep = vreport_new(0);
	assert_int_equal(validate_resources_fixity(&r, &f, 1, rep), 1);
	expect(rep, 0, VE_BYTE_COUNT, 0, 0);
	assert_string_equal(vreport_error(rep, 0)->note,
	    "expected is \"5\" and actual is \"4\"");
	vreport_free(rep);
	schema_free(sc);
}

static void
t_io(void **state)
{
	struct schema *sc = schema_load_string("{\"fields\": [{\"name\": "
	    "\"a\"}]}", "t");
	struct vresource r = { "t", "/nonexistent/t.csv", NULL, NULL };
	struct vreport *rep = vreport_new(0);

	(void)state;
	r.schema = sc;
	assert_int_equal(validate_resources(&r, 1, rep), -1);
	vreport_free(rep);
	schema_free(sc);
}

/* Read a whole stream back. */
static char *
slurp(FILE *fp)
{
	long n;
	char *s;

	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	rewind(fp);
	s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	return s;
}

static void
t_print(void **state)
{
	struct vreport *rep;
	FILE *fp;
	char *s;
	int rc;

	(void)state;
	rep = run1("id,nam\nx\n", "{\"fields\": [{\"name\": \"id\", \"type\": "
	    "\"integer\"}, {\"name\": \"name\"}]}", 0, &rc);
	fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(vreport_print_text(rep, fp), 0);
	s = slurp(fp);
	fclose(fp);
	assert_non_null(strstr(s, "t.csv:1:2: incorrect-label: Label \"nam\" "
	    "in field name at position \"2\" does not match the field name in "
	    "the schema\n"));
	assert_non_null(strstr(s, "t.csv:2:1: type-error: Type error in the "
	    "cell \"x\" in row \"2\" and field \"id\" at position \"1\": type "
	    "is \"integer/default\"\n"));
	assert_non_null(strstr(s, "t.csv:2:2: missing-cell: Row at position "
	    "\"2\" has a missing cell in field \"name\" at position \"2\"\n"));
	assert_non_null(strstr(s, "invalid: 3 errors in 1 of 1 resources\n"));
	free(s);
	fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(vreport_print_json(rep, fp), 0);
	s = slurp(fp);
	fclose(fp);
	assert_non_null(strstr(s, "\"valid\": false"));
	assert_non_null(strstr(s, "\"type\": \"incorrect-label\""));
	assert_non_null(strstr(s, "\"rowNumbers\": [\n"));
	assert_non_null(strstr(s, "\"rowNumber\": 2"));
	assert_non_null(strstr(s, "\"fieldNumber\": 1"));
	assert_non_null(strstr(s, "\"rows\": 1"));
	free(s);
	vreport_free(rep);
}

static void
t_jsonschema(void **state)
{
	struct schema *sc = schema_load_string("{\"fields\": ["
	    "{\"name\": \"id\", \"type\": \"integer\", \"title\": \"Id\", "
	    "\"constraints\": {\"required\": true, \"minimum\": 1}},"
	    "{\"name\": \"s\", \"constraints\": {\"pattern\": \"[a-z]+\", "
	    "\"enum\": [\"ab\"]}}], \"primaryKey\": \"id\"}", "t");
	FILE *fp = tmpfile();
	char *s;

	(void)state;
	assert_non_null(sc);
	assert_non_null(fp);
	assert_int_equal(jsonschema_write(sc, fp), 0);
	s = slurp(fp);
	fclose(fp);
	assert_non_null(strstr(s, "\"$schema\": \"https://json-schema.org/"
	    "draft/2020-12/schema\""));
	assert_non_null(strstr(s, "\"minimum\": 1"));
	assert_non_null(strstr(s, "\"pattern\": \"^(?:[a-z]+)$\""));
	assert_non_null(strstr(s, "null\n"));
	assert_non_null(strstr(s, "\"additionalProperties\": false"));
	free(s);
	schema_free(sc);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	static const char *const files[] = { "t.csv", "nul.csv", "pets.csv",
	    "people.csv", NULL };
	char p[256];
	size_t i;

	(void)state;
	for (i = 0; files[i] != NULL; i++) {
		snprintf(p, sizeof(p), "%s/%s", tmpdir, files[i]);
		unlink(p);
	}
	return rmdir(tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_names),
		cmocka_unit_test(t_cells),
		cmocka_unit_test(t_valid),
		cmocka_unit_test(t_keys),
		cmocka_unit_test(t_many_keys),
		cmocka_unit_test(t_limit),
		cmocka_unit_test(t_source),
		cmocka_unit_test(t_encoding),
		cmocka_unit_test(t_foreign),
		cmocka_unit_test(t_counts),
		cmocka_unit_test(t_io),
		cmocka_unit_test(t_print),
		cmocka_unit_test(t_jsonschema),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
