/* table: text-cell tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xalloc.h"
#include "tables/table.h"

struct table *
table_new(const char *name, const char *const *cols)
{
	struct table *t = xcalloc(1, sizeof(*t));
	size_t n = 0;

	while (cols[n] != NULL)
		n++;
	t->name = xstrdup(name);
	t->ncols = n;
	t->cols = xcalloc(n, sizeof(*t->cols));
	for (n = 0; n < t->ncols; n++)
		t->cols[n] = xstrdup(cols[n]);
	return t;
}

void
table_free(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cells);
	free(t->cols);
	free(t->name);
	free(t);
}

void
table_clear(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++) {
		free(t->cells[i]);
		t->cells[i] = NULL;
	}
	t->nrows = 0;
}

size_t
table_add_row(struct table *t)
{
	size_t cap = t->caprows * t->ncols;

	t->cells = xgrow(t->cells, &cap, (t->nrows + 1) * t->ncols,
	    sizeof(*t->cells));
	t->caprows = t->ncols ? cap / t->ncols : cap;
	memset(&t->cells[t->nrows * t->ncols], 0,
	    t->ncols * sizeof(*t->cells));
	return t->nrows++;
}

void
table_take(struct table *t, size_t row, size_t col, char *v)
{
	char **c = &t->cells[row * t->ncols + col];

	free(*c);
	if (v != NULL && *v == '\0') {
		free(v);
		v = NULL;
	}
	*c = v;
}

void
table_set(struct table *t, size_t row, size_t col, const char *v)
{
	table_take(t, row, col, v != NULL && *v != '\0' ? xstrdup(v) : NULL);
}

void
table_set_uint(struct table *t, size_t row, size_t col,
    unsigned long long v)
{
	char d[24], *p = d + sizeof(d) - 1;

	/* by hand, not printf: a long document sets millions */
	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	table_take(t, row, col, xstrdup(p));
}

const char *
table_get(const struct table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

long
table_col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (long)i;
	return -1;
}

static size_t	sortcol;

static int
rowcmp(const void *a, const void *b)
{
	const char *const *ra = *(const char *const *const *)a;
	const char *const *rb = *(const char *const *const *)b;
	const char *x = ra[sortcol], *y = rb[sortcol];
	int c;

	c = strcmp(x != NULL ? x : "", y != NULL ? y : "");
	if (c != 0)
		return c;
	return ra < rb ? -1 : ra > rb;	/* stable: original order */
}

void
table_sort(struct table *t, size_t col)
{
	char ***rows, **cells;
	size_t i;

	if (t->nrows < 2)
		return;
	rows = xcalloc(t->nrows, sizeof(*rows));
	for (i = 0; i < t->nrows; i++)
		rows[i] = &t->cells[i * t->ncols];
	sortcol = col;
	qsort(rows, t->nrows, sizeof(*rows), rowcmp);
	cells = xcalloc(t->caprows * t->ncols, sizeof(*cells));
	for (i = 0; i < t->nrows; i++)
		memcpy(&cells[i * t->ncols], rows[i],
		    t->ncols * sizeof(*cells));
	free(t->cells);
	t->cells = cells;
	free(rows);
}
