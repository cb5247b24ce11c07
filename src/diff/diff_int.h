/*
 * diff_int: what the files of the diff module share.  Only diff/diff.c,
 * side.c, schemas.c, rows.c and report.c include it; every other file
 * uses diff.h, the module's API.
 *
 *   diff.c     running a comparison: diff_run(), the bump and its reason
 *   side.c     the versions compared: archives, bags, release folders,
 *              data packages and release databases
 *   schemas.c  metadata and schema changes, the items of a diff
 *   rows.c     reading tables, the key map, comparing rows, row views
 *   report.c   the changes in words; the text and JSON reports
 */
#ifndef SHEAF_DIFF_INT_H
#define SHEAF_DIFF_INT_H

#include <stddef.h>

#include "diff/diff.h"
#include "release/citation.h"

struct reader;
struct schema;
struct schema_pkg;

/* --- side.c --------------------------------------------------------------- */

struct side_table {
	char			*name;		/* owned */
	char			*path;		/* owned: CSV file */
	const struct schema	*schema;	/* borrowed or in pkg */
};

struct diff_side {
	char			*label;
	char			*tmp;		/* private temporary dir */
	struct schema_pkg	*pkg;
	struct citation		 cff;
	int			 have_cff;
	const struct citation	*cffp;
	char			*name, *version;
	struct side_table	*t;		/* sorted by name */
	size_t			 nt;
};

/* Where temporary files go: $TMPDIR, or /tmp when it is unset or empty. */
const char	*diff_tmpbase(void);

/* --- schemas.c ------------------------------------------------------------ */

/*
 * Append a change to d->items (*cap its capacity), copying the strings
 * given (each may be NULL); its values are set with diff_set_vals().
 */
struct diff_item *diff_add_item(struct diff *d, size_t *cap,
		    enum diff_kind, enum diff_bump, const char *table,
		    const char *field, const char *what);
/* Set a change's old and new values (copied; NULL when absent). */
void		 diff_set_vals(struct diff_item *, const char *o,
		    const char *n);
/* The metadata changes between d's sides. */
void		 diff_meta_compare(struct diff *d, size_t *cap);
/* The changes of table t's schema from so to sn. */
void		 diff_schema_compare(struct diff *d, size_t *cap,
		    const char *t, const struct schema *so,
		    const struct schema *sn);
/* Byte strings compared as memcmp() does, a prefix before the longer. */
int		 diff_key_cmp(const void *a, const void *b, size_t la,
		    size_t lb);

/* --- rows.c --------------------------------------------------------------- */

/*
 * Stream the CSV table at path (its schema s), calling fn for every row
 * after the header; 0, or -1 after a diagnostic.
 */
int		 diff_read_table(const char *path, const struct schema *s,
		    int (*fn)(struct reader *, void *), void *arg);
/* A diff_read_table() callback counting rows in *(unsigned long long *)arg. */
int		 diff_count_row(struct reader *, void *arg);
/*
 * Compare the rows of table t on sides o and n into t (rows, counts),
 * spilling the rows that differ to d->spill; 0, or -1 after a
 * diagnostic.
 */
int		 diff_rows_compare(struct diff *d, struct diff_table *t,
		    const struct side_table *o, const struct side_table *n);

#endif
