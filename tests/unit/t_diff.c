/*
 * t_diff: the comparison engine and the SemVer rules through their API:
 * rows matched by key (composite keys, odd bytes, missing values,
 * keyless tables, many rows), schema changes with the bump each needs,
 * metadata, the text output and CHANGES.md exactly, JSON strings,
 * version arithmetic and the check that refuses a too low version.
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

#include "diff/changelog.h"
#include "diff/diff.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "release/citation.h"
#include "validate/schema.h"

static char	 tmpdir[] = "/tmp/t_diff.XXXXXX";

/* Write a file (n 0: a string) in the temporary directory. */
static const char *
put(const char *name, const char *data, size_t n)
{
	static char path[8][256];
	static int k;
	FILE *fp;
	char *p = path[k++ % 8];

	snprintf(p, 256, "%s/%s", tmpdir, name);
	if (n == 0)
		n = strlen(data);
	fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	return p;
}

/* A one-table diff of two CSV texts under two schema texts. */
struct pair {
	struct schema		*so, *sn;
	struct diff_side	*o, *n;
	struct diff		*d;
};

static void
pair_run(struct pair *p, const char *so, const char *co, size_t lo,
    const char *sn, const char *cn, size_t ln)
{
	struct diff_table_in t;

	memset(p, 0, sizeof(*p));
	p->so = schema_load_string(so, "old");
	p->sn = schema_load_string(sn, "new");
	assert_non_null(p->so);
	assert_non_null(p->sn);
	t.name = "t";
	t.schema = p->so;
	t.path = put("old.csv", co, lo);
	p->o = diff_side_new("old", "ds", "1.0.0", NULL, &t, 1);
	t.schema = p->sn;
	t.path = put("new.csv", cn, ln);
	p->n = diff_side_new("new", "ds", "1.0.0", NULL, &t, 1);
	p->d = diff_run(p->o, p->n);
}

/* The same for NUL-free CSV texts. */
static void
pair(struct pair *p, const char *so, const char *co, const char *sn,
    const char *cn)
{
	pair_run(p, so, co, strlen(co), sn, cn, strlen(cn));
}

static void
pair_free(struct pair *p)
{
	diff_free(p->d);
	diff_side_free(p->o);
	diff_side_free(p->n);
	schema_free(p->so);
	schema_free(p->sn);
}

static char *
text_of(const struct diff *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	assert_non_null(fp);
	assert_int_equal(diff_write_text(d, fp), 0);
	assert_int_equal(fclose(fp), 0);
	return s;
}

#define S2 "{\"fields\": [{\"name\": \"k\", \"type\": \"string\"}, " \
	"{\"name\": \"v\", \"type\": \"string\"}], \"primaryKey\": [\"k\"]}"

static void
t_rows(void **state)
{
	struct pair p;
	char *s;

	(void)state;
	pair(&p, S2, "k,v\nb,1\na,2\nc,3\nd,\n",
	    S2, "k,v\na,2\nc,33\ne,5\nd,\"\"\n");
	assert_non_null(p.d);
	assert_int_equal(p.d->ntables, 1);
	assert_int_equal(p.d->tables[0].nadded, 1);
	assert_int_equal(p.d->tables[0].nremoved, 1);
	assert_int_equal(p.d->tables[0].nchanged, 1);
	assert_int_equal(p.d->tables[0].nold, 4);
	assert_int_equal(p.d->tables[0].nnew, 4);
	assert_int_equal(p.d->bump, DIFF_MAJOR);
	assert_string_equal(p.d->reason, "rows removed from t");
	assert_false(diff_identical(p.d));
	s = text_of(p.d);
	assert_string_equal(s,
	    "--- old (ds 1.0.0)\n"
	    "+++ new (ds 1.0.0)\n"
	    "table t: 1 added, 1 removed, 1 changed (4 -> 4 rows)\n"
	    "  - k=\"b\"\n"
	    "      v: \"1\"\n"
	    "  ~ k=\"c\"\n"
	    "      v: \"3\" -> \"33\"\n"
	    "  + k=\"e\"\n"
	    "      v: \"5\"\n"
	    "bump: major (rows removed from t)\n");
	free(s);
	pair_free(&p);

	/* the same rows in another order: identical, no output */
	pair(&p, S2, "k,v\na,1\nb,2\n", S2, "k,v\r\nb,2\r\na,1\r\n");
	assert_non_null(p.d);
	assert_true(diff_identical(p.d));
	assert_int_equal(p.d->bump, DIFF_NONE);
	assert_null(p.d->reason);
	s = text_of(p.d);
	assert_string_equal(s, "");
	free(s);
	pair_free(&p);
}

/* Keys with NUL and 0x01 bytes sort as byte strings; views give them. */
static void
t_key_bytes(void **state)
{
	static const char csv[] = "k,v\nab,1\na\0b,2\na\1,3\na,4\n";
	static const char *const want[] = { "a", "a\0b", "a\1", "ab" };
	static const size_t wlen[] = { 1, 3, 2, 2 };
	static const char wval[] = "4231";
	struct diff_rowview v;
	struct pair p;
	size_t i;

	(void)state;
	pair_run(&p, S2, "k,v\n", 4, S2, csv, sizeof(csv) - 1);
	assert_non_null(p.d);
	assert_int_equal(p.d->tables[0].nrows, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(p.d->tables[0].rows[i].op, DIFF_ADDED);
		assert_int_equal(diff_row_view(p.d, &p.d->tables[0],
		    &p.d->tables[0].rows[i], &v), 0);
		assert_int_equal(v.nkey, 1);
		assert_string_equal(v.kname[0], "k");
		assert_int_equal(v.klen[0], wlen[i]);
		assert_memory_equal(v.kval[0], want[i], wlen[i]);
		assert_int_equal(v.n, 1);
		assert_string_equal(v.name[0], "v");
		assert_null(v.oldv[0]);
		assert_int_equal(v.newv[0][0], wval[i]);
		diff_rowview_release(&v);
	}
	pair_free(&p);
}

/* Composite keys compare field by field: ("a","z") < ("a b","a"). */
static void
t_composite(void **state)
{
	static const char s[] = "{\"fields\": [{\"name\": \"x\"}, "
	    "{\"name\": \"y\"}, {\"name\": \"v\"}], \"primaryKey\": "
	    "[\"x\", \"y\"], \"missingValues\": [\"\", \"NA\"]}";
	struct pair p;
	char *out;

	(void)state;
	pair(&p, s, "x,y,v\na b,a,NA\na,z,1\n", s, "x,y,v\na,z,2\na b,a,\n");
	assert_non_null(p.d);
	out = text_of(p.d);
	assert_string_equal(out,
	    "--- old (ds 1.0.0)\n"
	    "+++ new (ds 1.0.0)\n"
	    "table t: 0 added, 0 removed, 1 changed (2 -> 2 rows)\n"
	    "  ~ x=\"a\" y=\"z\"\n"
	    "      v: \"1\" -> \"2\"\n"
	    "bump: patch (rows changed in t)\n");
	free(out);
	pair_free(&p);
}

/* No primary key: rows are a multiset of their common fields. */
static void
t_keyless(void **state)
{
	static const char s[] = "{\"fields\": [{\"name\": \"a\"}, "
	    "{\"name\": \"b\"}]}";
	struct pair p;

	(void)state;
	pair(&p, s, "a,b\n1,x\n1,x\n2,y\n", s, "a,b\n2,y\n1,x\n2,y\n3,z\n");
	assert_non_null(p.d);
	assert_true(p.d->tables[0].keyless);
	assert_int_equal(p.d->tables[0].nkey, 2);
	assert_int_equal(p.d->tables[0].nadded, 2);
	assert_int_equal(p.d->tables[0].nremoved, 1);
	assert_int_equal(p.d->tables[0].nchanged, 0);
	assert_int_equal(p.d->tables[0].nrows, 3);
	assert_int_equal(p.d->tables[0].rows[0].op, DIFF_REMOVED);
	assert_int_equal(p.d->tables[0].rows[0].count, 1);
	assert_int_equal(p.d->tables[0].rows[1].op, DIFF_ADDED);
	assert_int_equal(p.d->tables[0].rows[1].count, 1);
	assert_int_equal(p.d->tables[0].rows[2].op, DIFF_ADDED);
	pair_free(&p);
}

/* A field added with values: rows compare on the common fields only. */
static void
t_common_fields(void **state)
{
	static const char s3[] = "{\"fields\": [{\"name\": \"k\"}, "
	    "{\"name\": \"w\", \"type\": \"integer\"}, {\"name\": \"v\"}], "
	    "\"primaryKey\": [\"k\"]}";
	struct diff_rowview v;
	struct pair p;

	(void)state;
	pair(&p, S2, "k,v\na,1\nb,2\n", s3, "v,w,k\n1,7,a\n3,8,b\n");
	assert_non_null(p.d);
	assert_int_equal(p.d->nitems, 1);
	assert_int_equal(p.d->items[0].kind, DK_FIELD_ADDED);
	assert_int_equal(p.d->items[0].bump, DIFF_MINOR);
	assert_int_equal(p.d->tables[0].nchanged, 1);
	assert_int_equal(p.d->tables[0].nrows, 1);
	assert_int_equal(diff_row_view(p.d, &p.d->tables[0],
	    &p.d->tables[0].rows[0], &v), 0);
	assert_string_equal(v.kval[0], "b");
	assert_int_equal(v.n, 1);
	assert_string_equal(v.name[0], "v");
	assert_string_equal(v.oldv[0], "2");
	assert_string_equal(v.newv[0], "3");
	diff_rowview_release(&v);
	assert_int_equal(p.d->bump, DIFF_MINOR);
	assert_string_equal(p.d->reason, "field 'w' added to t");
	pair_free(&p);
}

struct want_item {
	enum diff_kind	 kind;
	enum diff_bump	 bump;
	const char	*text;
};

static void
t_schema(void **state)
{
	static const char so[] = "{\"fields\": ["
	    "{\"name\": \"id\", \"type\": \"integer\"},"
	    "{\"name\": \"x\", \"type\": \"number\", \"constraints\": "
	    "{\"minimum\": 1.5, \"required\": true}},"
	    "{\"name\": \"c\", \"type\": \"string\", \"constraints\": "
	    "{\"enum\": [\"a\", \"b\"], \"unique\": true}},"
	    "{\"name\": \"u\", \"type\": \"string\"},"
	    "{\"name\": \"gone\", \"type\": \"date\"}],"
	    "\"primaryKey\": [\"id\"], \"missingValues\": [\"\"]}";
	static const char sn[] = "{\"fields\": ["
	    "{\"name\": \"x\", \"type\": \"number\", \"constraints\": "
	    "{\"minimum\": 2}},"
	    "{\"name\": \"id\", \"type\": \"integer\"},"
	    "{\"name\": \"c\", \"type\": \"string\", \"constraints\": "
	    "{\"enum\": [\"b\", \"c\"], \"unique\": true}},"
	    "{\"name\": \"u\", \"type\": \"string\", \"format\": \"uri\"}],"
	    "\"primaryKey\": [\"id\"], \"missingValues\": [\"\", \"NA\"],"
	    "\"foreignKeys\": [{\"fields\": [\"c\"], \"reference\": "
	    "{\"resource\": \"\", \"fields\": [\"u\"]}}]}";
	static const struct want_item want[] = {
		{ DK_FIELD_REMOVED, DIFF_MAJOR,
		  "field 'gone' removed from t (date)" },
		{ DK_FIELDS_REORDERED, DIFF_MAJOR,
		  "fields of t reordered: (id, x, c, u) -> (x, id, c, u)" },
		{ DK_LOOSENED, DIFF_MINOR, "constraint 'required' of field "
		  "'x' of t loosened: true -> false" },
		{ DK_TIGHTENED, DIFF_MAJOR, "constraint 'minimum' of field "
		  "'x' of t tightened: 1.5 -> 2" },
		{ DK_CONSTRAINT, DIFF_MAJOR, "constraint 'enum' of field 'c' "
		  "of t changed: [\"a\", \"b\"] -> [\"b\", \"c\"]" },
		{ DK_FIELD_FORMAT, DIFF_MAJOR, "format of field 'u' of t "
		  "changed: default -> uri" },
		{ DK_MISSING, DIFF_MAJOR, "missing values of t changed: "
		  "[\"\"] -> [\"\", \"NA\"]" },
		{ DK_FKEY_ADDED, DIFF_MAJOR,
		  "foreign key of t added: (c) -> t(u)" },
	};
	struct buf b;
	struct pair p;
	size_t i;

	(void)state;
	pair(&p, so, "id,x,c,u,gone\n", sn, "x,id,c,u\n");
	assert_non_null(p.d);
	buf_init(&b);
	for (i = 0; i < p.d->nitems && i < sizeof(want) / sizeof(want[0]);
	    i++) {
		buf_reset(&b);
		diff_item_text(&p.d->items[i], &b);
		diff_item_detail(&p.d->items[i], 0, &b);
		assert_string_equal(buf_str(&b), want[i].text);
		assert_int_equal(p.d->items[i].kind, want[i].kind);
		assert_int_equal(p.d->items[i].bump, want[i].bump);
	}
	assert_int_equal(p.d->nitems, sizeof(want) / sizeof(want[0]));
	assert_int_equal(p.d->bump, DIFF_MAJOR);
	assert_string_equal(p.d->reason, "field 'gone' removed from t");
	buf_release(&b);
	pair_free(&p);
}

/* Enlarged enums loosen; a primary key whose fields are gone. */
static void
t_schema_keys(void **state)
{
	static const char so[] = "{\"fields\": [{\"name\": \"a\", "
	    "\"constraints\": {\"enum\": [\"x\"], \"maxLength\": 3}}, "
	    "{\"name\": \"b\"}], \"primaryKey\": [\"a\"]}";
	static const char sn[] = "{\"fields\": [{\"name\": \"a\", "
	    "\"constraints\": {\"enum\": [\"x\", \"y\"], \"maxLength\": 2}}, "
	    "{\"name\": \"c\"}], \"primaryKey\": [\"c\"]}";
	struct pair p;

	(void)state;
	pair(&p, so, "a,b\nx,1\n", sn, "a,c\nx,1\n");
	assert_non_null(p.d);
	/* new key c is not in old, old key a is in new: a is used */
	assert_false(p.d->tables[0].keyless);
	assert_int_equal(p.d->tables[0].nkey, 1);
	assert_string_equal(p.d->tables[0].key[0], "a");
	assert_int_equal(p.d->tables[0].nrows, 0);
	assert_int_equal(p.d->nitems, 5);
	assert_int_equal(p.d->items[0].kind, DK_FIELD_REMOVED);
	assert_int_equal(p.d->items[1].kind, DK_FIELD_ADDED);
	assert_int_equal(p.d->items[2].kind, DK_TIGHTENED);
	assert_string_equal(p.d->items[2].what, "maxLength");
	assert_int_equal(p.d->items[3].kind, DK_LOOSENED);
	assert_string_equal(p.d->items[3].what, "enum");
	assert_int_equal(p.d->items[4].kind, DK_PKEY);
	assert_string_equal(p.d->items[4].old, "(a)");
	assert_string_equal(p.d->items[4].new, "(c)");
	pair_free(&p);
}

/* A duplicate primary key makes the table unusable. */
static void
t_duplicate(void **state)
{
	struct pair p;

	(void)state;
	diag_reset();
	diag_set_verbosity(-1);
	pair(&p, S2, "k,v\na,1\n", S2, "k,v\na,1\nb,1\na,2\n");
	assert_null(p.d);
	assert_int_equal(diag_exit(), EXIT_USAGE);
	pair_free(&p);
	diag_reset();
	diag_set_verbosity(0);
}

/* Many rows: the map grows; one change among 20000 is found. */
static void
t_many(void **state)
{
	struct buf a, b;
	struct pair p;
	int i;

	(void)state;
	buf_init(&a);
	buf_init(&b);
	buf_adds(&a, "k,v\n");
	buf_adds(&b, "k,v\n");
	for (i = 0; i < 20000; i++) {
		buf_printf(&a, "key%d,%d\n", i, i);
		if (i != 12345)
			buf_printf(&b, "key%d,%d\n", 19999 - i,
			    19999 - i == 777 ? -1 : 19999 - i);
	}
	pair_run(&p, S2, a.s, a.len, S2, b.s, b.len);
	assert_non_null(p.d);
	assert_int_equal(p.d->tables[0].nold, 20000);
	assert_int_equal(p.d->tables[0].nnew, 19999);
	assert_int_equal(p.d->tables[0].nrows, 2);
	assert_int_equal(p.d->tables[0].rows[0].op, DIFF_REMOVED);
	assert_string_equal(p.d->tables[0].rows[0].key, "key7654");
	assert_int_equal(p.d->tables[0].rows[1].op, DIFF_CHANGED);
	assert_string_equal(p.d->tables[0].rows[1].key, "key777");
	pair_free(&p);
	buf_release(&a);
	buf_release(&b);
}

static void
t_metadata(void **state)
{
	struct citation co, cn;
	struct diff_side *o, *n;
	struct diff *d;
	const char *po, *pn;
	struct buf b;

	(void)state;
	po = put("old.cff", "cff-version: 1.2.0\nmessage: Cite it.\n"
	    "type: dataset\ntitle: Old title\nabstract: Rows.\nversion: 1.0.0\n"
	    "license: CC-BY-4.0\nauthors:\n  - name: Team\n", 0);
	pn = put("new.cff", "cff-version: 1.2.0\nmessage: Cite it.\n"
	    "type: dataset\ntitle: New title\nabstract: Rows.\nversion: 1.0.1\n"
	    "license: CC0-1.0\nauthors:\n  - name: Team\n", 0);
	assert_int_equal(citation_read(po, &co), 0);
	assert_int_equal(citation_read(pn, &cn), 0);
	o = diff_side_new("o", "ds", co.version, &co, NULL, 0);
	n = diff_side_new("n", "ds", cn.version, &cn, NULL, 0);
	d = diff_run(o, n);
	assert_non_null(d);
	assert_int_equal(d->nitems, 3);
	buf_init(&b);
	diff_item_text(&d->items[0], &b);
	diff_item_detail(&d->items[0], 0, &b);
	assert_string_equal(buf_str(&b),
	    "metadata 'version' changed: \"1.0.0\" -> \"1.0.1\"");
	assert_int_equal(d->items[0].bump, DIFF_NONE);
	assert_string_equal(d->items[1].what, "title");
	assert_int_equal(d->items[1].bump, DIFF_PATCH);
	assert_string_equal(d->items[2].what, "license");
	assert_int_equal(d->items[2].bump, DIFF_MINOR);
	assert_int_equal(d->bump, DIFF_MINOR);
	assert_string_equal(d->reason, "metadata 'license' changed");
	diag_set_verbosity(-1);
	assert_int_equal(changelog_check(d, "1.0.0", "1.0.1"), -1);
	assert_int_equal(changelog_check(d, "1.0.0", "1.1.0-rc.1"), 0);
	diag_set_verbosity(0);
	diag_reset();
	buf_reset(&b);
	assert_int_equal(changelog_write(d, "ds", "1.1.0", 10, &b), 0);
	assert_string_equal(buf_str(&b),
	    "# Changes in ds 1.1.0\n\n"
	    "Compared with ds 1.0.0.\n\n"
	    "This is a **minor** update: metadata 'license' changed.\n\n"
	    "## Metadata\n\n"
	    "- metadata 'title' changed: `\"Old title\"` -> `\"New title\"` "
	    "(patch)\n"
	    "- metadata 'license' changed: `\"CC-BY-4.0\"` -> `\"CC0-1.0\"` "
	    "(minor)\n\n"
	    "Written by sheaf; `sheaf diff OLD NEW` shows every change.\n");
	buf_reset(&b);
	changelog_summary(d, &b);
	assert_string_equal(buf_str(&b), "1.0.0 (minor): 0 rows added, 0 "
	    "removed, 0 changed; 0 schema changes; see data/CHANGES.md");
	buf_release(&b);
	diff_free(d);
	diff_side_free(o);
	diff_side_free(n);
	citation_release(&co);
	citation_release(&cn);
}

/* CHANGES.md lists at most maxrows rows of a kind, then counts. */
static void
t_changes_md(void **state)
{
	struct pair p;
	struct buf b;

	(void)state;
	pair(&p, S2, "k,v\na,1\n", S2, "k,v\na,2\nb,`x`\nc,3\n");
	assert_non_null(p.d);
	buf_init(&b);
	assert_int_equal(changelog_write(p.d, "ds", "1.1.0", 1, &b), 0);
	assert_string_equal(buf_str(&b),
	    "# Changes in ds 1.1.0\n\n"
	    "Compared with ds 1.0.0.\n\n"
	    "This is a **minor** update: rows added to t.\n\n"
	    "## Rows\n\n"
	    "| table | rows before | rows after | added | removed | changed "
	    "|\n|---|---:|---:|---:|---:|---:|\n"
	    "| t | 1 | 3 | 2 | 0 | 1 |\n\n"
	    "### t\n\n"
	    "- added `k=\"b\"`\n"
	    "- ... and 1 more added (`sheaf diff` lists them all)\n"
	    "- changed `k=\"a\"`: `v` `\"1\" -> \"2\"`\n\n"
	    "Written by sheaf; `sheaf diff OLD NEW` shows every change.\n");
	buf_release(&b);
	pair_free(&p);
}

static void
t_semver(void **state)
{
	struct semver a, b, l;

	(void)state;
	assert_int_equal(semver_parse("1.2.3", &a), 0);
	assert_true(a.major == 1 && a.minor == 2 && a.patch == 3);
	assert_int_equal(semver_parse("10.0.7-rc.1+b5", &b), 0);
	assert_true(b.major == 10 && b.minor == 0 && b.patch == 7);
	assert_int_equal(semver_parse("1.2", &b), -1);
	assert_int_equal(semver_parse("01.2.3", &b), -1);
	assert_int_equal(semver_cmp(&a, &b), -1);
	assert_int_equal(semver_cmp(&b, &a), 1);
	assert_int_equal(semver_cmp(&a, &a), 0);
	semver_least(&a, DIFF_MAJOR, &l);
	assert_true(l.major == 2 && l.minor == 0 && l.patch == 0);
	semver_least(&a, DIFF_MINOR, &l);
	assert_true(l.major == 1 && l.minor == 3 && l.patch == 0);
	semver_least(&a, DIFF_PATCH, &l);
	assert_true(l.major == 1 && l.minor == 2 && l.patch == 4);
	semver_least(&a, DIFF_NONE, &l);
	assert_int_equal(semver_cmp(&a, &l), 0);
	assert_string_equal(diff_bump_name(DIFF_MINOR), "minor");
	assert_string_equal(diff_kind_name(DK_FIELD_RETYPED),
	    "field_retyped");
}

static void
t_json_string(void **state)
{
	static const char in[] = "a\"\\\n\t\x01\x7f\xc3\xa9\xe2\x82\xac"
	    "\xf0\x9f\x98\x80\xff\xed\xa0\x80\xc3";
	struct buf b;

	(void)state;
	buf_init(&b);
	diff_json_string(&b, in, sizeof(in) - 1);
	assert_string_equal(buf_str(&b), "\"a\\\"\\\\\\n\\t\\u0001\x7f"
	    "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\\ufffd\\ufffd\\ufffd"
	    "\\ufffd\\ufffd\"");
	buf_reset(&b);
	diff_json_string(&b, "a\0b", 3);
	assert_string_equal(buf_str(&b), "\"a\\u0000b\"");
	buf_release(&b);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	return fs_rmtree(tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_rows),
		cmocka_unit_test(t_key_bytes),
		cmocka_unit_test(t_composite),
		cmocka_unit_test(t_keyless),
		cmocka_unit_test(t_common_fields),
		cmocka_unit_test(t_schema),
		cmocka_unit_test(t_schema_keys),
		cmocka_unit_test(t_duplicate),
		cmocka_unit_test(t_many),
		cmocka_unit_test(t_metadata),
		cmocka_unit_test(t_changes_md),
		cmocka_unit_test(t_semver),
		cmocka_unit_test(t_json_string),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
