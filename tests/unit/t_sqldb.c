/*
 * t_sqldb: sqldb_write() on two small tables of our own (written here),
 * read back with the SQLite library itself: the DDL exactly, every
 * value with its storage class, the index on the foreign key, the
 * metadata and codebook tables; refused data leaves no file; two
 * writes give the same bytes; a peek sees its whole tables and the first
 * rows of the others, and leaves the bytes as they were without it;
 * sqldb_check() counts rows and finds a broken foreign key and a
 * damaged page.
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

#include <sqlite3.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "release/sqldb.h"
#include "tmppath.h"

static char *tmp;

static const char ports_schema[] =
    "{\"fields\": ["
    "{\"name\": \"port_id\", \"type\": \"string\","
    " \"constraints\": {\"required\": true, \"unique\": true}},"
    "{\"name\": \"name\", \"type\": \"string\", \"title\": \"Name\","
    " \"description\": \"What the port is called.\","
    " \"constraints\": {\"required\": true}},"
    "{\"name\": \"kind\", \"type\": \"string\","
    " \"constraints\": {\"enum\": [\"sea\", \"river's\"]}},"
    "{\"name\": \"berths\", \"type\": \"integer\"},"
    "{\"name\": \"depth\", \"type\": \"number\"},"
    "{\"name\": \"open\", \"type\": \"boolean\"},"
    "{\"name\": \"since\", \"type\": \"date\"}],"
    " \"missingValues\": [\"\"], \"primaryKey\": [\"port_id\"]}";

static const char ships_schema[] =
    "{\"fields\": ["
    "{\"name\": \"ship_id\", \"type\": \"string\","
    " \"constraints\": {\"required\": true}},"
    "{\"name\": \"port_id\", \"type\": \"string\","
    " \"constraints\": {\"required\": true}},"
    "{\"name\": \"note\", \"type\": \"string\"}],"
    " \"missingValues\": [\"\"], \"primaryKey\": [\"ship_id\"],"
    " \"foreignKeys\": [{\"fields\": [\"port_id\"], \"reference\":"
    " {\"resource\": \"ports\", \"fields\": [\"port_id\"]}}]}";

static const char ports_csv[] =
    "port_id,name,kind,berths,depth,open,since\n"
    "p1,Harbour <One>,sea,12,9.5,true,2001-02-03\n"
    "p2,\"Quay, \"\"Two\"\"\",river's,,,false,\n";

static const char ships_csv[] =
    "ship_id,port_id,note\n"
    "s1,p2,first\n"
    "s2,p1,\n";

/* tmp/FMT (tmppath.h) */
#define at(...)	tmppath(tmp, __VA_ARGS__)

static void
put(const char *name, const char *text)
{
	assert_int_equal(fs_write_file(at("%s", name), text, strlen(text)), 0);
}

static const struct sqldb_meta meta[] = {
	{ "name", "harbours" }, { "version", "1.2.3" },
	{ "doi", NULL }, { "license", "CC0-1.0" },
};

/* ships first: its foreign key points forward, to ports. */
static int
write_db_peek(const char *path, const char *ships,
    const struct sqldb_peek *peek)
{
	struct sqldb_table t[2];

	put("ships.csv", ships);
	t[0].name = "ships";
	t[0].csv = at("ships.csv");
	t[0].schema_file = at("ships.json");
	t[1].name = "ports";
	t[1].csv = at("ports.csv");
	t[1].schema_file = at("ports.json");
	return sqldb_write(path, t, 2, meta, 4, peek);
}

static int
write_db(const char *path, const char *ships)
{
	return write_db_peek(path, ships, NULL);
}

/* Every row of a query as "v|v|...\n", each v typeof:value. */
static char *
dump(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct buf b;
	int i, n;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	buf_init(&b);
	n = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < n; i++) {
			const char *v = (const char *)sqlite3_column_text(st,
			    i);

			buf_printf(&b, "%s%s:%s", i > 0 ? "|" : "",
			    sqlite3_column_type(st, i) == SQLITE_INTEGER ?
			    "i" : sqlite3_column_type(st, i) == SQLITE_FLOAT ?
			    "r" : sqlite3_column_type(st, i) == SQLITE_NULL ?
			    "n" : "t", v != NULL ? v : "");
		}
		buf_addc(&b, '\n');
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return buf_detach(&b);
}

static void
assert_dump(const char *path, const char *sql, const char *want)
{
	char *got = dump(path, sql);

	assert_string_equal(got, want);
	free(got);
}

static int
setup(void **state)
{
	char tmpl[] = "/tmp/t_sqldb.XXXXXX";

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	tmp = xstrdup(tmpl);
	put("ports.json", ports_schema);
	put("ships.json", ships_schema);
	put("ports.csv", ports_csv);
	diag_set_verbosity(-1);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fs_rmtree(tmp);
	free(tmp);
	return 0;
}

static void
t_schema(void **state)
{
	(void)state;
	assert_int_equal(write_db(at("a.sqlite"), ships_csv), 0);
	assert_false(filetree_exists(at("a.sqlite.tmp")));
	assert_dump(at("a.sqlite"), "SELECT sql FROM sqlite_schema WHERE "
	    "name IN ('ports', 'ships') ORDER BY name",
	    "t:CREATE TABLE \"ports\" (\n"
	    "  \"port_id\" TEXT NOT NULL,\n"
	    "  \"name\" TEXT NOT NULL,\n"
	    "  \"kind\" TEXT CHECK (\"kind\" IN ('sea', 'river''s')),\n"
	    "  \"berths\" INTEGER,\n"
	    "  \"depth\" REAL,\n"
	    "  \"open\" INTEGER CHECK (\"open\" IN (0, 1)),\n"
	    "  \"since\" TEXT,\n"
	    "  PRIMARY KEY (\"port_id\")\n"
	    ")\n"
	    "t:CREATE TABLE \"ships\" (\n"
	    "  \"ship_id\" TEXT NOT NULL,\n"
	    "  \"port_id\" TEXT NOT NULL,\n"
	    "  \"note\" TEXT,\n"
	    "  PRIMARY KEY (\"ship_id\"),\n"
	    "  FOREIGN KEY (\"port_id\") REFERENCES \"ports\" (\"port_id\")\n"
	    ")\n");
	assert_dump(at("a.sqlite"), "SELECT type, name, tbl_name FROM "
	    "sqlite_schema WHERE type = 'index' AND sql IS NOT NULL",
	    "t:index|t:ships_port_id|t:ships\n");
	assert_dump(at("a.sqlite"), "SELECT * FROM ports ORDER BY rowid",
	    "t:p1|t:Harbour <One>|t:sea|i:12|r:9.5|i:1|t:2001-02-03\n"
	    "t:p2|t:Quay, \"Two\"|t:river's|n:|n:|i:0|n:\n");
	assert_dump(at("a.sqlite"), "SELECT * FROM ships ORDER BY rowid",
	    "t:s1|t:p2|t:first\nt:s2|t:p1|n:\n");
	assert_dump(at("a.sqlite"), "SELECT * FROM metadata ORDER BY key",
	    "t:license|t:CC0-1.0\nt:name|t:harbours\nt:version|t:1.2.3\n");
	assert_dump(at("a.sqlite"), "SELECT * FROM codebook WHERE \"table\" "
	    "= 'ports' AND position <= 3 ORDER BY position",
	    "t:ports|i:1|t:port_id|t:string|i:1|n:|n:\n"
	    "t:ports|i:2|t:name|t:string|i:1|t:Name|"
	    "t:What the port is called.\n"
	    "t:ports|i:3|t:kind|t:string|i:0|n:|n:\n");
	assert_dump(at("a.sqlite"), "PRAGMA page_size", "i:4096\n");
}

static void
t_refused(void **state)
{
	(void)state;
	/* a foreign key to no port */
	assert_int_equal(write_db(at("fk.sqlite"), "ship_id,port_id,note\n"
	    "s1,p9,\n"), -1);
	assert_false(filetree_exists(at("fk.sqlite")));
	assert_false(filetree_exists(at("fk.sqlite.tmp")));
	/* a repeated key */
	assert_int_equal(write_db(at("pk.sqlite"), "ship_id,port_id,note\n"
	    "s1,p1,\ns1,p2,\n"), -1);
	assert_false(filetree_exists(at("pk.sqlite")));
	/* a column the schema does not have */
	assert_int_equal(write_db(at("col.sqlite"), "ship_id,port_id,flag\n"
	    "s1,p1,\n"), -1);
	assert_false(filetree_exists(at("col.sqlite")));
	/* a value outside the enum */
	put("ports.csv", "port_id,name,kind,berths,depth,open,since\n"
	    "p1,A,lake,,,,\n");
	assert_int_equal(write_db(at("enum.sqlite"), "ship_id,port_id,note\n"),
	    -1);
	assert_false(filetree_exists(at("enum.sqlite")));
	/* not an integer */
	put("ports.csv", "port_id,name,kind,berths,depth,open,since\n"
	    "p1,A,sea,twelve,,,\n");
	assert_int_equal(write_db(at("int.sqlite"), "ship_id,port_id,note\n"),
	    -1);
	assert_false(filetree_exists(at("int.sqlite")));
	put("ports.csv", ports_csv);
}

static void
t_reproducible(void **state)
{
	(void)state;
	assert_int_equal(write_db(at("r1.sqlite"), ships_csv), 0);
	assert_int_equal(write_db(at("r2.sqlite"), ships_csv), 0);
	assert_int_equal(filetree_same(at("r1.sqlite"), at("r2.sqlite")), 1);
}

/* What a peek saw: each query's rows as "v|v|...\n", then "--\n". */
struct seen {
	struct buf	b;
	int		ret;
};

static int
seen_row(void *arg, size_t n, const char *const *v)
{
	struct buf *b = arg;
	size_t i;

	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i > 0 ? "|" : "", v[i] != NULL ? v[i] :
		    "NULL");
	buf_addc(b, '\n');
	return 0;
}

static int
peek_fn(void *arg, struct sqldb *db)
{
	static const char *const q[] = {
		"SELECT port_id FROM ports ORDER BY rowid",
		"SELECT ship_id, port_id FROM ships ORDER BY rowid",
		"SELECT type, name FROM sqlite_schema WHERE type IN "
		    "('index', 'view') AND sql IS NOT NULL",
		"SELECT count(*) FROM metadata",
	};
	struct seen *s = arg;
	size_t i;

	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		assert_int_equal(sqldb_query(db, q[i], seen_row, &s->b), 0);
		buf_adds(&s->b, "--\n");
	}
	return s->ret;
}

static void
t_peek(void **state)
{
	static const char *const whole[] = { "ports", NULL };
	struct sqldb_peek peek;
	struct seen s;

	(void)state;
	buf_init(&s.b);
	s.ret = 0;
	peek.whole = whole;
	peek.first = 1;
	peek.fn = peek_fn;
	peek.arg = &s;
	assert_int_equal(write_db_peek(at("p1.sqlite"), ships_csv, &peek), 0);
	/* ports whole, the first ship, no index nor view yet */
	assert_string_equal(buf_str(&s.b), "p1\np2\n--\ns1|p2\n--\n--\n"
	    "3\n--\n");
	/* then every row, and the bytes of a write without a peek */
	assert_dump(at("p1.sqlite"), "SELECT ship_id FROM ships ORDER BY "
	    "rowid", "t:s1\nt:s2\n");
	assert_int_equal(write_db(at("p0.sqlite"), ships_csv), 0);
	assert_int_equal(filetree_same(at("p0.sqlite"), at("p1.sqlite")), 1);

	/* more first rows than the table has: all of them, once */
	buf_reset(&s.b);
	peek.first = 5;
	assert_int_equal(write_db_peek(at("p5.sqlite"), ships_csv, &peek), 0);
	assert_string_equal(buf_str(&s.b), "p1\np2\n--\ns1|p2\ns2|p1\n--\n"
	    "--\n3\n--\n");
	assert_int_equal(filetree_same(at("p0.sqlite"), at("p5.sqlite")), 1);

	/* a peek that fails fails the write: no file */
	s.ret = -1;
	assert_int_equal(write_db_peek(at("pf.sqlite"), ships_csv, &peek), -1);
	assert_false(filetree_exists(at("pf.sqlite")));
	assert_false(filetree_exists(at("pf.sqlite.tmp")));
	buf_release(&s.b);
}

static void
t_check(void **state)
{
	struct sqldb_count *c;
	sqlite3 *db;
	char *s;
	size_t n, len;
	FILE *fp;

	(void)state;
	assert_int_equal(write_db(at("c.sqlite"), ships_csv), 0);
	assert_int_equal(sqldb_check(at("c.sqlite"), &c, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].table, "ports");
	assert_int_equal(c[0].rows, 2);
	assert_string_equal(c[1].table, "ships");
	assert_int_equal(c[1].rows, 2);
	sqldb_counts_free(c, n);
	/* the check writes nothing beside the file */
	assert_false(filetree_exists(at("c.sqlite-journal")));
	assert_false(filetree_exists(at("c.sqlite-wal")));

	/* a broken foreign key */
	assert_int_equal(fs_read_file(at("c.sqlite"), 1 << 20, &s, &len), 0);
	assert_int_equal(fs_write_file(at("b.sqlite"), s, len), 0);
	assert_int_equal(sqlite3_open(at("b.sqlite"), &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "DELETE FROM ports WHERE port_id "
	    "= 'p2'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(sqldb_check(at("b.sqlite"), &c, &n), -1);
	sqldb_counts_free(c, n);

	/* a damaged page: the second page's header overwritten */
	assert_true(len > 2 * 4096);
	memset(s + 4096, 0x5a, 16);
	assert_int_equal(fs_write_file(at("d.sqlite"), s, len), 0);
	free(s);
	assert_int_equal(sqldb_check(at("d.sqlite"), &c, &n), -1);
	sqldb_counts_free(c, n);

	/* not a database */
	assert_non_null(fp = fopen(at("x.sqlite"), "w"));
	fputs("plain text, not SQLite\n", fp);
	fclose(fp);
	assert_int_equal(sqldb_check(at("x.sqlite"), &c, &n), -1);
	sqldb_counts_free(c, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_schema),
		cmocka_unit_test(t_refused),
		cmocka_unit_test(t_reproducible),
		cmocka_unit_test(t_peek),
		cmocka_unit_test(t_check),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
