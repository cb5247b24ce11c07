/*
 * sqldb: the SQLite flavour of a release (libsqlite3 backend), and the
 * queries others make of it.
 *
 *   sqldb_write()  validated CSV tables + their Table Schemas -> one
 *                  SQLite database: every table typed from its schema
 *                  (integer INTEGER, number REAL, boolean INTEGER 0/1,
 *                  anything else TEXT; missing values NULL), PRIMARY
 *                  KEY, FOREIGN KEY, NOT NULL for required fields,
 *                  UNIQUE, CHECK (... IN (...)) for enums, an index on
 *                  every foreign key that no primary key begins with, a
 *                  metadata table (key, value), a codebook table (one
 *                  row per column) and the views memberships_named and
 *                  treaty_parties_named where their tables are there.
 *                  The file is byte-identical for the same input: the
 *                  same statements in the same order, a fixed page size
 *                  (SQLite writes no time into a file); it is written
 *                  once, in place, with no journal.
 *                  A peek lets a caller query the tables it needs while
 *                  the rest is still to come (the landing page, made
 *                  while the database is written).
 *   sqldb_check()  PRAGMA integrity_check, PRAGMA foreign_key_check and
 *                  the row count of every table (for sheaf verify).
 *   sqldb_open()   a read-only handle on a database file, and
 *                  sqldb_query() rows as text from it or from a peek
 *                  (the landing page, site.h, reads a peek's).
 *
 * No SQLite type appears here.  Users: release.c, cmd_verify.c, tests.
 */
#ifndef SHEAF_SQLDB_H
#define SHEAF_SQLDB_H

#include <stddef.h>

/* One table to load; borrowed. */
struct sqldb_table {
	const char	*name;		/* "documents" */
	const char	*csv;		/* its CSV file (header row first) */
	const char	*schema_file;	/* its Table Schema */
};

/* One row of the metadata table; borrowed.  NULL value: left out. */
struct sqldb_meta {
	const char	*key;
	const char	*value;
};

/* A handle for queries: sqldb_open()'s, read-only, or a peek's. */
struct sqldb;

/*
 * A look at the database half-way through sqldb_write(): the tables
 * named in whole are loaded first, whole, and the first `first` rows
 * (by rowid) of every other; then fn is called with a handle on the
 * database as it stands (every table, the metadata and codebook, those
 * rows; no index but the keys', no view).  The handle is valid during
 * the call only and is not to be closed; another thread may use it
 * meanwhile, as long as one thread uses it at a time.  The rest of the
 * rows, the indexes and the views follow.  The file's bytes do not
 * depend on the peek.  A nonzero return from fn fails the write.
 */
struct sqldb_peek {
	const char *const	*whole;		/* names; NULL-terminated */
	size_t			 first;
	int			(*fn)(void *arg, struct sqldb *);
	void			*arg;
};

/*
 * Write the database at path (which must not exist; path.tmp is the
 * scratch file, removed whatever happens), with an optional peek (NULL:
 * none).  Foreign keys may point forward: the tables are loaded, then
 * checked together.  Returns 0, or -1 after a diagnostic (a CSV that
 * breaks its schema's keys or types is a data error).
 */
int	sqldb_write(const char *path, const struct sqldb_table *t, size_t nt,
	    const struct sqldb_meta *m, size_t nm, const struct sqldb_peek *);

/* A table's row count, as sqldb_check() found it. */
struct sqldb_count {
	char		*table;		/* owned */
	long long	 rows;
};

/*
 * Check the database at path: integrity_check says ok, foreign_key_check
 * finds nothing, and count the rows of every table but metadata and
 * codebook (name order) into *out (owned by the caller: free with
 * sqldb_counts_free).  Every problem is reported against path (level
 * DATA; SYS when it cannot be opened).  Returns 0 when sound, -1 not.
 */
int	sqldb_check(const char *path, struct sqldb_count **out, size_t *n);
void	sqldb_counts_free(struct sqldb_count *, size_t);

/*
 * Write what diff and others read of a release into dir (which must
 * exist): csv/TABLE.csv of every table, encoded as the CSV flavour is,
 * a datapackage.json with the Table Schema of each (the metadata keys
 * table_schema.TABLE, which sqldb_write() callers store) and, when the
 * metadata holds citation_cff, CITATION.cff.  Returns 0, or -1 after a
 * diagnostic (a database without those keys is a usage error).
 */
int	sqldb_export(const char *db, const char *dir);

/* Open path read-only (nothing is written beside it); NULL after a
 * diagnostic. */
struct sqldb	*sqldb_open(const char *path);
void		 sqldb_close(struct sqldb *);

/*
 * Run one statement; row() is called with each row's values as text
 * (NULL for SQL NULL; valid during the call only).  A nonzero return
 * from row() stops the query.  Returns 0, or -1 after a diagnostic.
 */
int	sqldb_query(struct sqldb *, const char *sql,
	    int (*row)(void *arg, size_t ncol, const char *const *val),
	    void *arg);

#endif
