/* sqldb: the SQLite flavour of a release (libsqlite3). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/buf.h"
#include "lib/csvread.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "release/sqldb.h"
#include "tables/csvio.h"
#include "validate/schema.h"

/* Every page the same size, whatever the library's default. */
#define SQLDB_PAGE_SIZE	4096

/* Tables of our own, beside the release's. */
#define T_METADATA	"metadata"
#define T_CODEBOOK	"codebook"

/*
 * Views that join ids to names: every column of the table, then the
 * names.  Each is made when every "table.column" it reads is in the
 * release.
 */
static const struct view {
	const char	*name;
	const char	*needs[10];
	const char	*sql;
} views[] = {
	{ "memberships_named", { "memberships.organization_id",
	  "memberships.member_id", "entities.entity_id", "entities.name",
	  "entities.type", NULL },
	  "SELECT m.*, o.name AS organization_name, "
	  "e.name AS member_name, e.type AS member_type "
	  "FROM memberships AS m "
	  "LEFT JOIN entities AS o ON o.entity_id = m.organization_id "
	  "LEFT JOIN entities AS e ON e.entity_id = m.member_id" },
	{ "treaty_parties_named", { "treaty_parties.treaty_id",
	  "treaty_parties.entity_id", "treaties.treaty_id", "treaties.kind",
	  "treaties.status", "treaties.date", "entities.entity_id",
	  "entities.name", "entities.type", NULL },
	  "SELECT p.*, t.kind AS treaty_kind, t.status AS treaty_status, "
	  "t.date AS treaty_date, e.name AS entity_name, "
	  "e.type AS entity_type "
	  "FROM treaty_parties AS p "
	  "LEFT JOIN treaties AS t ON t.treaty_id = p.treaty_id "
	  "LEFT JOIN entities AS e ON e.entity_id = p.entity_id" },
};

/*
 * SQLite ignores a failed close(2) (its unix VFS logs it and goes on),
 * yet a close can be where a write error shows, on a full disk or a
 * network file system; and when it cannot create a file it tries again
 * to open it read-only, so errno tells ENOENT, not why.  The VFS's
 * "close" and "open" are replaced by ones that keep the first error
 * (of a close, or of an open that creates) for sqldb_write() to report.
 * Only the thread that writes a database uses SQLite for writing.
 */
static int sys_err;

static int
close_keep(int fd)
{
	int r = close(fd);

	if (r != 0 && sys_err == 0)
		sys_err = errno;
	return r;
}

static int
open_keep(const char *path, int flags, int mode)
{
	int fd = open(path, flags, (mode_t)mode);

	if (fd < 0 && (flags & O_CREAT) && sys_err == 0)
		sys_err = errno;
	return fd;
}

static void
watch_syscalls(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);

	if (vfs != NULL && vfs->iVersion >= 3 &&
	    vfs->xSetSystemCall != NULL) {
		vfs->xSetSystemCall(vfs, "close",
		    (sqlite3_syscall_ptr)close_keep);
		vfs->xSetSystemCall(vfs, "open",
		    (sqlite3_syscall_ptr)open_keep);
	}
	sys_err = 0;
}

/* 1: the last error of db is the system's, not the data's. */
static int
sys_error(sqlite3 *db)
{
	switch (db != NULL ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM) {
	case SQLITE_CONSTRAINT:
	case SQLITE_MISMATCH:
	case SQLITE_TOOBIG:
	case SQLITE_RANGE:
		return 0;
	default:
		return 1;
	}
}

/*
 * The errno of db's last failed system call: the first a hook kept,
 * else the main file's, else the one SQLite kept, else the errno the
 * failed call left, saved by the caller.
 */
static int
sys_errno(sqlite3 *db, int saved)
{
	int e = 0;

	if (db == NULL || !sys_error(db))
		return 0;
	if (sys_err != 0)
		return sys_err;
	if (sqlite3_file_control(db, "main", SQLITE_FCNTL_LAST_ERRNO, &e) !=
	    SQLITE_OK || e == 0)
		e = sqlite3_system_errno(db);
	if (e == 0 && ((sqlite3_errcode(db) & 0xff) == SQLITE_IOERR ||
	    (sqlite3_errcode(db) & 0xff) == SQLITE_FULL ||
	    (sqlite3_errcode(db) & 0xff) == SQLITE_CANTOPEN))
		e = saved;
	return e;
}

/*
 * Report db's last error against path: the system's error text when a
 * system call failed (disk full, file too large), else SQLite's.
 */
static void
dberr_saved(sqlite3 *db, const char *path, const char *what, int saved)
{
	int e = sys_errno(db, saved);

	if (e != 0)
		diag_errno(e, path, "%s", what);
	else
		diag(sys_error(db) ? DIAG_SYS : DIAG_DATA, path, 0, "%s: %s",
		    what, db != NULL ? sqlite3_errmsg(db) : "out of memory");
}

static void
dberr(sqlite3 *db, const char *path, const char *what)
{
	dberr_saved(db, path, what, 0);
}

static int
exec(sqlite3 *db, const char *path, const char *sql)
{
	int e;

	errno = 0;
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		e = errno;
		dberr_saved(db, path, "SQLite", e);
		return -1;
	}
	return 0;
}

/* "name" with inner quotes doubled. */
static void
add_ident(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* 'text' with inner quotes doubled. */
static void
add_literal(struct buf *b, const char *s, size_t n)
{
	size_t i;

	buf_addc(b, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '\'')
			buf_addc(b, '\'');
		buf_addc(b, s[i]);
	}
	buf_addc(b, '\'');
}

static const char *
sql_type(enum ftype t)
{
	switch (t) {
	case FT_INTEGER:
	case FT_BOOLEAN:
	case FT_YEAR:
		return "INTEGER";
	case FT_NUMBER:
		return "REAL";
	default:
		return "TEXT";
	}
}

/* 1: the foreign key's fields are the first fields of the primary key. */
static int
fkey_is_pkey_prefix(const struct schema *s, const struct fkey *k)
{
	size_t i;

	if (k->nfields > s->npkey)
		return 0;
	for (i = 0; i < k->nfields; i++)
		if (k->fields[i] != s->pkey[i])
			return 0;
	return 1;
}

static void
create_table(struct buf *b, const char *name, const struct schema *s)
{
	const struct field *f;
	size_t i, j;

	buf_adds(b, "CREATE TABLE ");
	add_ident(b, name);
	buf_adds(b, " (\n");
	for (i = 0; i < s->nfields; i++) {
		f = &s->fields[i];
		buf_adds(b, i > 0 ? ",\n  " : "  ");
		add_ident(b, f->name);
		buf_printf(b, " %s", sql_type(f->type));
		if (f->required)
			buf_adds(b, " NOT NULL");
		if (f->unique && !(s->npkey == 1 && s->pkey[0] == i))
			buf_adds(b, " UNIQUE");
		if (f->type == FT_BOOLEAN) {
			buf_adds(b, " CHECK (");
			add_ident(b, f->name);
			buf_adds(b, " IN (0, 1))");
		}
		if (f->nenum > 0 && (f->type == FT_STRING ||
		    f->type == FT_ANY)) {
			buf_adds(b, " CHECK (");
			add_ident(b, f->name);
			buf_adds(b, " IN (");
			for (j = 0; j < f->nenum; j++) {
				if (j > 0)
					buf_adds(b, ", ");
				add_literal(b, f->enum_key[j] + 1,
				    f->enum_keylen[j] - 1);
			}
			buf_adds(b, "))");
		}
	}
	if (s->npkey > 0) {
		buf_adds(b, ",\n  PRIMARY KEY (");
		for (i = 0; i < s->npkey; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			add_ident(b, s->fields[s->pkey[i]].name);
		}
		buf_addc(b, ')');
	}
	for (i = 0; i < s->nfkeys; i++) {
		const struct fkey *k = &s->fkeys[i];

		buf_adds(b, ",\n  FOREIGN KEY (");
		for (j = 0; j < k->nfields; j++) {
			if (j > 0)
				buf_adds(b, ", ");
			add_ident(b, s->fields[k->fields[j]].name);
		}
		buf_adds(b, ") REFERENCES ");
		add_ident(b, *k->resource != '\0' ? k->resource : name);
		buf_adds(b, " (");
		for (j = 0; j < k->nfields; j++) {
			if (j > 0)
				buf_adds(b, ", ");
			add_ident(b, k->ref_fields[j]);
		}
		buf_addc(b, ')');
	}
	buf_adds(b, "\n);\n");
}

static void
create_indexes(struct buf *b, const char *name, const struct schema *s)
{
	size_t i, j;

	for (i = 0; i < s->nfkeys; i++) {
		const struct fkey *k = &s->fkeys[i];

		if (fkey_is_pkey_prefix(s, k))
			continue;	/* the primary key's index serves */
		buf_adds(b, "CREATE INDEX ");
		{
			struct buf n;

			buf_init(&n);
			buf_adds(&n, name);
			for (j = 0; j < k->nfields; j++) {
				buf_addc(&n, '_');
				buf_adds(&n, s->fields[k->fields[j]].name);
			}
			add_ident(b, n.s);
			buf_release(&n);
		}
		buf_adds(b, " ON ");
		add_ident(b, name);
		buf_adds(b, " (");
		for (j = 0; j < k->nfields; j++) {
			if (j > 0)
				buf_adds(b, ", ");
			add_ident(b, s->fields[k->fields[j]].name);
		}
		buf_adds(b, ");\n");
	}
}

/* --- loading one CSV ------------------------------------------------------ */

struct load {
	sqlite3			*db;
	sqlite3_stmt		*ins;
	const struct schema	*s;
	const char		*csv;
	struct buf		*cell;		/* cells of the current record */
	size_t			 ncell, ninit, cap;
	long			*col;		/* CSV column -> field, header */
	size_t			 ncol;
	unsigned long		 record;
	size_t			 from, upto;	/* data rows [from, upto) */
	int			 failed;
	int			 done;		/* row upto reached */
};

static void
load_cell(void *arg, const char *s, size_t n)
{
	struct load *l = arg;

	if (l->ncell == l->ninit) {
		l->cell = xgrow(l->cell, &l->cap, l->ncell + 1,
		    sizeof(*l->cell));
		buf_init(&l->cell[l->ninit++]);
	}
	buf_reset(&l->cell[l->ncell]);
	buf_add(&l->cell[l->ncell], s, n);
	l->ncell++;
}

static int
load_header(struct load *l, size_t ncells)
{
	size_t i;

	l->col = xcalloc(ncells + 1, sizeof(*l->col));
	l->ncol = ncells;
	for (i = 0; i < ncells; i++) {
		l->col[i] = schema_field_index(l->s, buf_str(&l->cell[i]));
		if (l->col[i] < 0) {
			diag(DIAG_DATA, l->csv, 1, "column '%s' is not in "
			    "the schema", buf_str(&l->cell[i]));
			return -1;
		}
	}
	return 0;
}

/* Bind one cell to parameter p (1-based) as its field's type says. */
static int
bind_cell(struct load *l, int p, const struct field *f, const struct buf *c)
{
	struct value v;
	const char *s = buf_str(c);
	size_t i;

	if (schema_is_missing(l->s, s, c->len))
		return sqlite3_bind_null(l->ins, p);
	switch (f->type) {
	case FT_INTEGER:
	case FT_YEAR:
		if (schema_cast(f, s, c->len, &v, NULL) != 0)
			break;
		return sqlite3_bind_int64(l->ins, p, v.i);
	case FT_NUMBER:
		if (schema_cast(f, s, c->len, &v, NULL) != 0)
			break;
		return sqlite3_bind_double(l->ins, p, v.d);
	case FT_BOOLEAN:
		for (i = 0; i < f->ntrue; i++)
			if (strcmp(f->true_values[i], s) == 0)
				return sqlite3_bind_int(l->ins, p, 1);
		for (i = 0; i < f->nfalse; i++)
			if (strcmp(f->false_values[i], s) == 0)
				return sqlite3_bind_int(l->ins, p, 0);
		break;
	default:
		/* the cell lives until the row is stepped */
		return sqlite3_bind_text(l->ins, p, s, (int)c->len,
		    SQLITE_STATIC);
	}
	diag(DIAG_DATA, l->csv, l->record, "'%s' is not a valid %s for "
	    "field '%s'", s, schema_type_name(f->type), f->name);
	return SQLITE_MISMATCH;
}

static void
load_row(void *arg, size_t ncells)
{
	struct load *l = arg;
	size_t i;
	int rc = SQLITE_OK;

	l->record++;
	l->ncell = 0;
	if (l->failed || l->done)
		return;
	if (l->record == 1) {
		if (load_header(l, ncells) != 0)
			l->failed = 1;
		return;
	}
	if (l->record - 2 < l->from)
		return;		/* loaded before */
	if (l->record - 2 >= l->upto) {
		l->done = 1;
		return;
	}
	if (ncells != l->ncol) {
		diag(DIAG_DATA, l->csv, l->record, "%zu cells where the header "
		    "has %zu", ncells, l->ncol);
		l->failed = 1;
		return;
	}
	sqlite3_reset(l->ins);
	sqlite3_clear_bindings(l->ins);
	for (i = 0; i < ncells && rc == SQLITE_OK; i++)
		rc = bind_cell(l, (int)l->col[i] + 1, &l->s->fields[l->col[i]],
		    &l->cell[i]);
	if (rc == SQLITE_OK && sqlite3_step(l->ins) == SQLITE_DONE)
		return;
	if (rc == SQLITE_OK && sys_error(l->db))
		dberr(l->db, l->csv, "cannot be stored");
	else if (rc == SQLITE_OK)
		diag(DIAG_DATA, l->csv, l->record, "cannot be stored: %s",
		    sqlite3_errmsg(l->db));
	l->failed = 1;
}

static int
load_stop(void *arg)
{
	return ((struct load *)arg)->failed || ((struct load *)arg)->done;
}

/* Load the data rows [from, upto) of t's CSV (0 is the first). */
static int
load_table(sqlite3 *db, const char *path, const struct sqldb_table *t,
    const struct schema *s, size_t from, size_t upto)
{
	static const struct csvread_cb cb = {
		load_cell, load_row, load_stop, NULL
	};
	struct csvread_result res;
	struct load l;
	struct buf sql;
	size_t i;
	int rc = -1;

	memset(&l, 0, sizeof(l));
	l.db = db;
	l.s = s;
	l.csv = t->csv;
	l.from = from;
	l.upto = upto;
	buf_init(&sql);
	buf_adds(&sql, "INSERT INTO ");
	add_ident(&sql, t->name);
	buf_adds(&sql, " VALUES (");
	for (i = 0; i < s->nfields; i++)
		buf_adds(&sql, i > 0 ? ", ?" : "?");
	buf_adds(&sql, ")");
	if (sqlite3_prepare_v2(db, sql.s, -1, &l.ins, NULL) != SQLITE_OK) {
		dberr(db, path, "cannot prepare an insert");
		goto out;
	}
	if (csvread_file(t->csv, &cb, &l, &res) != 0)
		goto out;
	if (res.status != CSVREAD_OK && res.status != CSVREAD_EMPTY) {
		diag(DIAG_DATA, t->csv, res.records + 1, "malformed CSV");
		goto out;
	}
	if (!l.failed)
		rc = 0;
out:
	sqlite3_finalize(l.ins);
	for (i = 0; i < l.ninit; i++)
		buf_release(&l.cell[i]);
	free(l.cell);
	free(l.col);
	buf_release(&sql);
	return rc;
}

/* --- writing ----------------------------------------------------------------- */

struct sqldb {
	sqlite3	*db;
	char	*path;
};

/* 1: name is one of the NULL-terminated list. */
static int
named(const char *const *list, const char *name)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/*
 * Load every table: with a peek, the tables it reads whole and the
 * first rows of the others, then the peek, then the rest of the rows.
 * The order shows in the file's page layout; it depends only on the
 * tables and the peek's lists, not on -j, so the bytes do not either.
 */
static int
load_all(sqlite3 *db, const char *path,
    const struct sqldb_table *t, size_t nt, struct schema *const *s,
    const struct sqldb_peek *peek)
{
	struct sqldb h;
	size_t i;
	int rc;

	for (i = 0; i < nt; i++)
		if (load_table(db, path, &t[i], s[i], 0, peek == NULL ||
		    named(peek->whole, t[i].name) ? SIZE_MAX :
		    peek->first) != 0)
			return -1;
	if (peek == NULL)
		return 0;
	h.db = db;
	h.path = xstrdup(path);
	rc = peek->fn(peek->arg, &h);
	free(h.path);
	if (rc != 0)
		return -1;
	for (i = 0; i < nt; i++)
		if (!named(peek->whole, t[i].name) && load_table(db, path,
		    &t[i], s[i], peek->first, SIZE_MAX) != 0)
			return -1;
	return 0;
}

/* 1: every "table.column" of need is in the tables. */
static int
has_columns(const struct sqldb_table *t, struct schema *const *s, size_t nt,
    const char *const *need)
{
	const char *dot;
	size_t i, n;
	int found;

	for (; *need != NULL; need++) {
		dot = strchr(*need, '.');
		n = (size_t)(dot - *need);
		for (found = 0, i = 0; i < nt && !found; i++)
			found = strlen(t[i].name) == n &&
			    strncmp(t[i].name, *need, n) == 0 &&
			    schema_field_index(s[i], dot + 1) >= 0;
		if (!found)
			return 0;
	}
	return 1;
}

static int
insert_text(sqlite3 *db, const char *path, const char *sql, size_t n,
    const char *const *v)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		dberr(db, path, "cannot prepare an insert");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (v[i] == NULL)
			sqlite3_bind_null(st, (int)i + 1);
		else
			sqlite3_bind_text(st, (int)i + 1, v[i], -1,
			    SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	if (rc != 0)
		dberr(db, path, "cannot insert");
	sqlite3_finalize(st);
	return rc;
}

/* The codebook table: one row per column of every table. */
static int
write_codebook(sqlite3 *db, const char *path, const struct sqldb_table *t,
    struct schema *const *s, size_t nt)
{
	char pos[32];
	const char *v[7];
	size_t i, j;

	if (exec(db, path, "CREATE TABLE " T_CODEBOOK " (\n"
	    "  \"table\" TEXT NOT NULL,\n  position INTEGER NOT NULL,\n"
	    "  \"column\" TEXT NOT NULL,\n  type TEXT NOT NULL,\n"
	    "  required INTEGER NOT NULL CHECK (required IN (0, 1)),\n"
	    "  title TEXT,\n  description TEXT,\n"
	    "  PRIMARY KEY (\"table\", position)\n);\n") != 0)
		return -1;
	for (i = 0; i < nt; i++)
		for (j = 0; j < s[i]->nfields; j++) {
			const struct field *f = &s[i]->fields[j];

			snprintf(pos, sizeof(pos), "%zu", j + 1);
			v[0] = t[i].name;
			v[1] = pos;
			v[2] = f->name;
			v[3] = schema_type_name(f->type);
			v[4] = f->required ? "1" : "0";
			v[5] = f->title;
			v[6] = f->description;
			if (insert_text(db, path, "INSERT INTO " T_CODEBOOK
			    " VALUES (?, CAST(? AS INTEGER), ?, ?, "
			    "CAST(? AS INTEGER), ?, ?)", 7, v) != 0)
				return -1;
		}
	return 0;
}

static int
write_meta(sqlite3 *db, const char *path, const struct sqldb_meta *m,
    size_t nm)
{
	const char *v[2];
	size_t i;

	if (exec(db, path, "CREATE TABLE " T_METADATA " (\n"
	    "  key TEXT NOT NULL PRIMARY KEY,\n  value TEXT NOT NULL\n);\n")
	    != 0)
		return -1;
	for (i = 0; i < nm; i++) {
		if (m[i].value == NULL)
			continue;
		v[0] = m[i].key;
		v[1] = m[i].value;
		if (insert_text(db, path, "INSERT INTO " T_METADATA
		    " VALUES (?, ?)", 2, v) != 0)
			return -1;
	}
	return 0;
}

/* Count the rows foreign_key_check finds; report the first few. */
static int
fk_problems(sqlite3 *db, const char *path, const char *label)
{
	sqlite3_stmt *st;
	int n = 0, r;

	if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st,
	    NULL) != SQLITE_OK) {
		dberr(db, path, "cannot check foreign keys");
		return -1;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ < 10)
			diag(DIAG_DATA, label, 0, "foreign key broken: table "
			    "%s, row %lld, references %s",
			    (const char *)sqlite3_column_text(st, 0),
			    sqlite3_column_int64(st, 1),
			    (const char *)sqlite3_column_text(st, 2));
	}
	if (r != SQLITE_DONE) {
		dberr(db, path, "cannot check foreign keys");
		n = -1;
	}
	sqlite3_finalize(st);
	if (n > 10)
		diag(DIAG_DATA, label, 0, "%d broken foreign keys in all", n);
	return n;
}

/*
 * Write the database in place: the file is made once, in the order of
 * the statements, without the copy a VACUUM INTO would make (its
 * folder is the release's staging folder, so a half-written file is
 * never published).  No journal and no sync: a failed build removes it.
 */
static int
build(sqlite3 *db, const char *path, const struct sqldb_table *t,
    size_t nt, struct schema *const *s, const struct sqldb_meta *m,
    size_t nm, const struct sqldb_peek *peek)
{
	struct buf sql;
	size_t i;
	int rc = -1;

	buf_init(&sql);
	buf_printf(&sql, "PRAGMA page_size = %d;\n"
	    "PRAGMA journal_mode = OFF;\nPRAGMA synchronous = OFF;\n"
	    "PRAGMA locking_mode = EXCLUSIVE;\n"
	    "PRAGMA foreign_keys = OFF;\nBEGIN;\n", SQLDB_PAGE_SIZE);
	if (exec(db, path, sql.s) != 0 || write_meta(db, path, m, nm) != 0 ||
	    write_codebook(db, path, t, s, nt) != 0)
		goto out;
	buf_reset(&sql);
	for (i = 0; i < nt; i++)
		create_table(&sql, t[i].name, s[i]);
	if (exec(db, path, sql.s) != 0)
		goto out;
	if (load_all(db, path, t, nt, s, peek) != 0)
		goto out;

	buf_reset(&sql);
	for (i = 0; i < nt; i++)
		create_indexes(&sql, t[i].name, s[i]);
	for (i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
		if (!has_columns(t, s, nt, views[i].needs))
			continue;
		buf_adds(&sql, "CREATE VIEW ");
		add_ident(&sql, views[i].name);
		buf_printf(&sql, " AS\n%s;\n", views[i].sql);
	}
	buf_adds(&sql, "COMMIT;\n");
	if (exec(db, path, sql.s) != 0)
		goto out;
	if (fk_problems(db, path, path) == 0)
		rc = 0;
out:
	buf_release(&sql);
	return rc;
}

/*
 * Once per process, before SQLite starts: no memory statistics (their
 * counters take a global mutex on every allocation, and nothing here
 * reads them).  Failing is harmless: SQLite keeps its default.
 */
static void
sqlite_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;

int
sqldb_write(const char *path, const struct sqldb_table *t, size_t nt,
    const struct sqldb_meta *m, size_t nm, const struct sqldb_peek *peek)
{
	struct schema **s;
	sqlite3 *db = NULL;
	size_t i;
	int rc = -1;

	s = xcalloc(nt + 1, sizeof(*s));
	for (i = 0; i < nt; i++)
		if ((s[i] = schema_load(t[i].schema_file)) == NULL)
			goto out;
	if (unlink(path) != 0 && errno != ENOENT) {
		diag_errno(errno, path, "cannot remove");
		goto out;
	}
	pthread_once(&setup_once, sqlite_setup);
	watch_syscalls();
	/* one thread at a time uses this connection: no mutexes */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		dberr(db, path, "cannot create");
		goto out;
	}
	rc = build(db, path, t, nt, s, m, nm, peek);
out:
	if (db != NULL && sqlite3_close(db) != SQLITE_OK && rc == 0) {
		dberr(db, path, "cannot close");
		rc = -1;
	}
	if (sys_err != 0 && rc == 0) {
		diag_errno(sys_err, path, "cannot write");
		rc = -1;
	}
	if (rc != 0)
		unlink(path);
	for (i = 0; i < nt; i++)
		schema_free(s[i]);
	free(s);
	return rc;
}

/* --- reading ------------------------------------------------------------------ */

struct sqldb *
sqldb_open(const char *path)
{
	struct sqldb *h;
	sqlite3 *db = NULL;
	char *uri;

	if (access(path, R_OK) != 0) {
		diag_errno(errno, path, "cannot open");
		return NULL;
	}
	pthread_once(&setup_once, sqlite_setup);
	/* immutable: no lock, no journal, nothing written beside it */
	uri = sqlite3_mprintf("file:%q?immutable=1", path);
	if (uri == NULL || sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK) {
		diag(DIAG_SYS, path, 0, "cannot open as SQLite: %s",
		    db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		sqlite3_free(uri);
		return NULL;
	}
	sqlite3_free(uri);
	h = xcalloc(1, sizeof(*h));
	h->db = db;
	h->path = xstrdup(path);
	return h;
}

void
sqldb_close(struct sqldb *h)
{
	if (h == NULL)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

int
sqldb_query(struct sqldb *h, const char *sql,
    int (*row)(void *, size_t, const char *const *), void *arg)
{
	sqlite3_stmt *st;
	const char **val = NULL;
	size_t n, i;
	int r;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
		diag(DIAG_DATA, h->path, 0, "cannot query: %s",
		    sqlite3_errmsg(h->db));
		return -1;
	}
	n = (size_t)sqlite3_column_count(st);
	val = xcalloc(n + 1, sizeof(*val));
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			val[i] = (const char *)sqlite3_column_text(st, (int)i);
		if (row(arg, n, val) != 0) {
			r = SQLITE_DONE;
			break;
		}
	}
	if (r != SQLITE_DONE)
		diag(DIAG_DATA, h->path, 0, "query failed: %s",
		    sqlite3_errmsg(h->db));
	free(val);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : -1;
}

struct names {
	char	**v;
	size_t	  n, cap;
};

static int
add_name(void *arg, size_t ncol, const char *const *val)
{
	struct names *nm = arg;

	if (ncol < 1 || val[0] == NULL)
		return 0;
	nm->v = xgrow(nm->v, &nm->cap, nm->n + 1, sizeof(*nm->v));
	nm->v[nm->n++] = xstrdup(val[0]);
	return 0;
}

struct first {
	char	*v;
	size_t	 rows;
};

static int
take_first(void *arg, size_t ncol, const char *const *val)
{
	struct first *f = arg;

	if (f->rows++ == 0 && ncol > 0)
		f->v = xstrdup(val[0] != NULL ? val[0] : "");
	return 0;
}

int
sqldb_check(const char *path, struct sqldb_count **out, size_t *n)
{
	struct sqldb *h;
	struct names nm;
	struct first fr;
	char *sql;
	size_t i;
	int rc = 0, k;

	*out = NULL;
	*n = 0;
	if ((h = sqldb_open(path)) == NULL)
		return -1;
	memset(&fr, 0, sizeof(fr));
	if (sqldb_query(h, "PRAGMA integrity_check", take_first, &fr) != 0)
		rc = -1;
	else if (fr.rows != 1 || strcmp(fr.v, "ok") != 0) {
		diag(DIAG_DATA, path, 0, "integrity_check: %s%s",
		    fr.v != NULL ? fr.v : "no answer",
		    fr.rows > 1 ? " (and more)" : "");
		rc = -1;
	}
	free(fr.v);
	if (rc != 0)
		goto out;
	k = fk_problems(h->db, h->path, path);
	if (k != 0)
		rc = -1;
	memset(&nm, 0, sizeof(nm));
	if (sqldb_query(h, "SELECT name FROM sqlite_schema WHERE type = "
	    "'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name NOT IN "
	    "('" T_METADATA "', '" T_CODEBOOK "') ORDER BY name", add_name,
	    &nm) != 0)
		rc = -1;
	*out = xcalloc(nm.n + 1, sizeof(**out));
	for (i = 0; i < nm.n; i++) {
		(*out)[i].table = nm.v[i];
		(*out)[i].rows = -1;
		sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\"", nm.v[i]);
		memset(&fr, 0, sizeof(fr));
		if (sql == NULL || sqldb_query(h, sql, take_first, &fr) != 0)
			rc = -1;
		else
			(*out)[i].rows = strtoll(fr.v, NULL, 10);
		free(fr.v);
		sqlite3_free(sql);
	}
	*n = nm.n;
	free(nm.v);
out:
	sqldb_close(h);
	return rc;
}

void
sqldb_counts_free(struct sqldb_count *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(c[i].table);
	free(c);
}

/* --- exporting ------------------------------------------------------------- */

struct export {
	FILE		*fp;
	const char	*path;
	int		 failed;
};

static int
export_row(void *arg, size_t ncol, const char *const *val)
{
	struct export *x = arg;
	size_t i;

	for (i = 0; i < ncol && !x->failed; i++)
		if ((i > 0 && fputc(',', x->fp) == EOF) ||
		    csvio_put_field(x->fp, val[i]) != 0)
			x->failed = 1;
	if (!x->failed && fputc('\n', x->fp) == EOF)
		x->failed = 1;
	return x->failed;
}

/* One table as CSV: the header from its columns, then its rows. */
static int
export_table(struct sqldb *h, const char *table, const char *path)
{
	struct export x;
	struct names cols;
	char *sql;
	size_t i;
	int rc;

	memset(&cols, 0, sizeof(cols));
	sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q) ORDER "
	    "BY cid", table);
	rc = sql != NULL ? sqldb_query(h, sql, add_name, &cols) : -1;
	sqlite3_free(sql);
	if (rc == 0 && cols.n == 0) {
		diag(DIAG_USAGE, h->path, 0, "no table '%s'", table);
		rc = -1;
	}
	x.fp = NULL;
	x.path = path;
	x.failed = 0;
	if (rc == 0 && (x.fp = fs_create(path)) == NULL)
		rc = -1;
	if (rc == 0) {
		export_row(&x, cols.n, (const char *const *)cols.v);
		sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid",
		    table);
		if (sql == NULL || sqldb_query(h, sql, export_row, &x) != 0)
			rc = -1;
		sqlite3_free(sql);
	}
	if (x.fp != NULL && fs_close(x.fp, path) != 0)
		rc = -1;
	else if (x.failed && rc == 0) {
		diag_errno(errno, path, "write error");
		rc = -1;
	}
	for (i = 0; i < cols.n; i++)
		free(cols.v[i]);
	free(cols.v);
	return rc;
}

/* A name that needs no quoting in a file name nor in JSON. */
static int
safe_word(const char *s)
{
	return *s != '\0' && *s != '.' && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == strlen(s);
}

int
sqldb_export(const char *db, const char *dir)
{
	static const char prefix[] = "table_schema.";
	struct sqldb *h;
	struct names kv;
	struct buf dp;
	char *path, *name = NULL, *cff = NULL;
	size_t i, nt = 0;
	int rc = -1;

	if ((h = sqldb_open(db)) == NULL)
		return -1;
	memset(&kv, 0, sizeof(kv));
	buf_init(&dp);
	/* key, value pairs in the order they were stored */
	if (sqldb_query(h, "SELECT key FROM " T_METADATA " ORDER BY rowid",
	    add_name, &kv) != 0)
		goto out;
	path = xasprintf("%s/csv", dir);
	i = (size_t)fs_mkdirs(path);
	free(path);
	if (i != 0)
		goto out;
	for (i = 0; i < kv.n; i++) {
		struct first v;
		char *sql;

		memset(&v, 0, sizeof(v));
		sql = sqlite3_mprintf("SELECT value FROM " T_METADATA " WHERE "
		    "key = %Q", kv.v[i]);
		if (sql == NULL || sqldb_query(h, sql, take_first, &v) != 0) {
			sqlite3_free(sql);
			goto out;
		}
		sqlite3_free(sql);
		if (strcmp(kv.v[i], "name") == 0)
			name = v.v;
		else if (strcmp(kv.v[i], "citation_cff") == 0)
			cff = v.v;
		else if (strncmp(kv.v[i], prefix, sizeof(prefix) - 1) == 0) {
			const char *t = kv.v[i] + sizeof(prefix) - 1;

			buf_printf(&dp, "%s{\"name\": \"%s\", \"path\": "
			    "\"csv/%s.csv\", \"profile\": "
			    "\"tabular-data-resource\", \"format\": \"csv\", "
			    "\"mediatype\": \"text/csv\", \"encoding\": "
			    "\"utf-8\", \"schema\": %s}", nt > 0 ? ",\n" : "",
			    t, t, v.v);
			free(v.v);
			if (!safe_word(t)) {
				diag(DIAG_USAGE, db, 0, "table name '%s' is not "
				    "safe in a file name", t);
				goto out;
			}
			path = xasprintf("%s/csv/%s.csv", dir, t);
			rc = export_table(h, t, path);
			free(path);
			nt++;
			if (rc != 0)
				goto out;
			rc = -1;
		} else
			free(v.v);
	}
	if (nt == 0 || name == NULL || !safe_word(name)) {
		diag(DIAG_USAGE, db, 0, "not a sheaf release database: no "
		    "name or table schemas in its metadata table");
		goto out;
	}
	{
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "{\"name\": \"%s\", \"profile\": "
		    "\"tabular-data-package\", \"resources\": [\n%s\n]}\n",
		    name, dp.s);
		path = xasprintf("%s/datapackage.json", dir);
		rc = fs_write_file(path, b.s, b.len);
		free(path);
		buf_release(&b);
	}
	if (rc == 0 && cff != NULL) {
		path = xasprintf("%s/CITATION.cff", dir);
		rc = fs_write_file(path, cff, strlen(cff));
		free(path);
	}
out:
	free(name);
	free(cff);
	for (i = 0; i < kv.n; i++)
		free(kv.v[i]);
	free(kv.v);
	buf_release(&dp);
	sqldb_close(h);
	return rc;
}
