/*
 * table: a named table of text cells, the form every output table takes
 * between extraction and the writers (csvio, jsonio) and the validator.
 * Cells are owned by the table; NULL is a missing value (written as an
 * empty CSV cell and a JSON null).  Anyone may include.
 */
#ifndef SHEAF_TABLE_H
#define SHEAF_TABLE_H

#include <stddef.h>

struct table {
	char	 *name;
	char	**cols;		/* ncols column names, owned */
	size_t	  ncols;
	char	**cells;	/* nrows * ncols, row-major, owned or NULL */
	size_t	  nrows;
	size_t	  caprows;
};

/* A new empty table; cols is a NULL-terminated list of names. */
struct table	*table_new(const char *name, const char *const *cols);
void		 table_free(struct table *);
/* Remove every row, keeping the columns. */
void		 table_clear(struct table *);
/* Append a row of missing values; returns its index. */
size_t		 table_add_row(struct table *);
/* Set a cell to a copy of v; NULL or "" makes it missing. */
void		 table_set(struct table *, size_t row, size_t col,
		    const char *v);
/* Set a cell, giving the table ownership of v (NULL: missing). */
void		 table_take(struct table *, size_t row, size_t col, char *v);
void		 table_set_uint(struct table *, size_t row, size_t col,
		    unsigned long long);
const char	*table_get(const struct table *, size_t row, size_t col);
/* Column index by name, or -1. */
long		 table_col(const struct table *, const char *name);
/* Sort rows by the byte order of the given column (stable). */
void		 table_sort(struct table *, size_t col);

#endif
