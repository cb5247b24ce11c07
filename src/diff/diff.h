/*
 * diff: what changed between two versions of a dataset.
 *
 * A side is one version: its tables (CSV, or JSON tables turned into
 * CSV), each with its Table Schema, and its metadata (release name and
 * the CITATION.cff keys).  diff_side_open() reads a side from a release
 * archive, an unpacked bag, a release directory OUT/NAME-VERSION/ (its
 * csv bag, else its json bag, else its csv archive), a data package
 * directory or a release database (sqldb_export() writes its tables,
 * schemas and citation into the side's temporary directory);
 * diff_side_new() makes one from parts (the build's staging
 * payload).
 *
 * diff_run() compares two sides:
 *   - metadata: name, version, title, licences, authors, abstract,
 *     keywords, DOI, URL;
 *   - per table (tables matched by name): schema changes (fields added,
 *     removed, retyped, reordered, format and constraints changed,
 *     missing values, primary and foreign keys, field descriptions);
 *   - per table: rows added, removed and changed, matched by primary
 *     key, and for a changed row the fields whose values differ.
 * Rows are compared on the fields both versions have, as text (a
 * missing value equals any other missing value).  Each change carries
 * the SemVer bump it needs (changelog.h explains the rules).
 *
 * Memory: both CSV files are streamed (old, new, then old again when
 * rows were removed or changed).  What is held is one entry per
 * distinct key of the two tables -- the key itself and a 16-byte digest
 * of the row -- so memory is bounded by the key sets.  Rows that differ
 * are written to an unlinked temporary file (in TMPDIR) and read back
 * one at a time when the result is printed.
 *
 * Output order is deterministic: tables by name, rows by key (the key
 * fields compared as byte strings, left to right), added before changed
 * before removed for equal keys.
 *
 * Core API; cmd_diff.c, changelog.c and the build include it.  The
 * module's files: diff.c (running), side.c (sides), schemas.c (metadata
 * and schema changes), rows.c (rows and row views), report.c (words and
 * reports); diff_int.h is what they share.
 */
#ifndef SHEAF_DIFF_H
#define SHEAF_DIFF_H

#include <stddef.h>
#include <stdio.h>

struct buf;
struct citation;
struct schema;
struct unpack_limits;

/* The SemVer bump a change needs, weakest first. */
enum diff_bump {
	DIFF_NONE,		/* nothing to bump (the version itself) */
	DIFF_PATCH,
	DIFF_MINOR,
	DIFF_MAJOR
};

/* "none", "patch", "minor", "major". */
const char	*diff_bump_name(enum diff_bump);

/* --- sides --------------------------------------------------------------- */

struct diff_side;	/* opaque */

/*
 * Open a version given on the command line.  Archives are unpacked
 * within lim (archive.h) into a private temporary directory that lives
 * until diff_side_free().  NULL after a diagnostic: DIAG_SYS when
 * something cannot be read, DIAG_USAGE (or the archive's DIAG_DATA)
 * when the input is not a usable release.  The caller owns the side.
 */
struct diff_side *diff_side_open(const char *path,
		    const struct unpack_limits *lim);

/* A table given by its parts; everything borrowed. */
struct diff_table_in {
	const char		*name;
	const char		*path;		/* CSV file, header first */
	const struct schema	*schema;
};

/*
 * A side made of parts, all borrowed and needed until the side is
 * freed: label names it in messages, name and version are the
 * release's, cff its citation (may be NULL).  Never NULL.
 */
struct diff_side *diff_side_new(const char *label, const char *name,
		    const char *version, const struct citation *cff,
		    const struct diff_table_in *tables, size_t ntables);
void		 diff_side_free(struct diff_side *);
/* What the side was opened from; its release name and version (NULL:
 * unknown). */
const char	*diff_side_label(const struct diff_side *);
const char	*diff_side_name(const struct diff_side *);
const char	*diff_side_version(const struct diff_side *);

/* --- results ------------------------------------------------------------- */

enum diff_kind {
	DK_META,		/* what: metadata key */
	DK_TABLE_ADDED,		/* old/new: row count */
	DK_TABLE_REMOVED,
	DK_FIELD_ADDED,		/* field; new: type */
	DK_FIELD_REMOVED,	/* field; old: type */
	DK_FIELD_RETYPED,	/* field; old, new: types */
	DK_FIELD_FORMAT,	/* field; old, new: formats */
	DK_FIELDS_REORDERED,	/* old, new: common fields in order */
	DK_TIGHTENED,		/* field, what: constraint; old, new */
	DK_LOOSENED,
	DK_CONSTRAINT,		/* changed, neither tighter nor looser */
	DK_MISSING,		/* old, new: missingValues */
	DK_PKEY,		/* old, new: primary key fields */
	DK_FKEY_ADDED,		/* new: "(fields) -> resource(fields)" */
	DK_FKEY_REMOVED,	/* old: the same */
	DK_FIELD_DOC		/* field, what: title|description */
};

/* One metadata or schema change; strings owned by the diff. */
struct diff_item {
	enum diff_kind	 kind;
	enum diff_bump	 bump;
	char		*table;		/* NULL for metadata */
	char		*field;		/* NULL when not about one field */
	char		*what;		/* metadata key or constraint name */
	char		*old, *new;	/* NULL when absent */
};

/* A short machine name of a kind: "field_added", ... */
const char	*diff_kind_name(enum diff_kind);
/* The change in words, appended to out: "field 'x' removed from t". */
void		 diff_item_text(const struct diff_item *, struct buf *out);
/*
 * Its values, appended to out: " (string)" for a field or table added
 * or removed, else ": OLD -> NEW" ("(none)" for an absent value; free
 * text such as metadata and descriptions as JSON strings).  With md,
 * the values are Markdown code spans.
 */
void		 diff_item_detail(const struct diff_item *, int md,
		    struct buf *out);

enum diff_op {
	DIFF_ADDED,
	DIFF_CHANGED,
	DIFF_REMOVED
};

/* A row that differs; read its values with diff_row_view(). */
struct diff_row {
	enum diff_op	 op;
	unsigned long	 count;		/* identical copies (keyless tables) */
	char		*key;		/* encoded key fields; private */
	size_t		 keylen;
	long long	 oldoff, newoff;	/* private */
};

struct diff_table {
	char		*name;
	int		 in_old, in_new;
	/*
	 * The fields rows are matched on: the primary key (the new one
	 * when the old side has its fields, else the old one), or, for
	 * a table without one (keyless), every field both sides have.
	 */
	char		**key;
	size_t		 nkey;
	int		 keyless;
	unsigned long long nold, nnew;	/* rows on each side */
	unsigned long long nadded, nremoved, nchanged;
	struct diff_row	*rows;		/* in output order */
	size_t		 nrows;
	const struct schema *old_schema, *new_schema;	/* NULL if absent */
};

struct diff {
	struct diff_item  *items;	/* metadata, then schema by table */
	size_t		   nitems;
	struct diff_table *tables;	/* every table of either side */
	size_t		   ntables;
	enum diff_bump	   bump;	/* the strongest change's */
	char		  *reason;	/* the first change needing it; NULL */
	const struct diff_side *old, *new;
	FILE		  *spill;	/* rows that differ; private */
};

/*
 * Compare old with new (both borrowed; they must outlive the result).
 * NULL after a diagnostic: DIAG_USAGE for a table that cannot be
 * compared (a malformed CSV, a header without a schema field, a
 * duplicate primary key), DIAG_SYS for I/O.  The caller owns the
 * result (diff_free).
 */
struct diff	*diff_run(const struct diff_side *old,
		    const struct diff_side *new);
void		 diff_free(struct diff *);
/* 1 when nothing at all differs. */
int		 diff_identical(const struct diff *);
/* Number of tables whose rows differ. */
size_t		 diff_tables_changed(const struct diff *);

/*
 * A row's values for printing.  key: the key fields (all fields of a
 * keyless table) with their values on the row's side (new, or old for
 * a removed row).  For an added or removed row, fields are every other
 * field of that side, values in oldv or newv; for a changed row, the
 * fields whose values differ, with both.  A NULL value is missing.
 */
struct diff_rowview {
	size_t		  nkey;
	const char	**kname;
	char		**kval;
	size_t		 *klen;
	size_t		  n;
	const char	**name;
	char		**oldv, **newv;
	size_t		 *oldlen, *newlen;
};
/* Fill v (released with diff_rowview_release); -1 after a diagnostic. */
int		 diff_row_view(const struct diff *, const struct diff_table *,
		    const struct diff_row *, struct diff_rowview *v);
void		 diff_rowview_release(struct diff_rowview *);

/*
 * Print the result: text (nothing when identical) or one JSON object
 * with sorted keys.  Returns 0, or -1 after a diagnostic.
 */
int		 diff_write_text(const struct diff *, FILE *);
int		 diff_write_json(const struct diff *, FILE *);

/* s[0..n) as a JSON string (quotes included); invalid UTF-8 -> U+FFFD. */
void		 diff_json_string(struct buf *, const char *s, size_t n);
/* The same, or null when s is NULL (a missing value). */
void		 diff_json_value(struct buf *, const char *s, size_t n);
/* A Markdown code span holding s: `s`, or `` s `` when s has a backquote. */
void		 diff_md_code(struct buf *, const char *s);

#endif
