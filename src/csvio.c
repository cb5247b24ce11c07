/* csvio: CSV writing with libcsv's quoting. */
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "csvio.h"
#include "table.h"

int
csvio_put_field(FILE *fp, const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (strpbrk(s, ",\"\r\n") != NULL)
		return csv_fwrite(fp, s, n) == 0 ? 0 : -1;
	return fwrite(s, 1, n, fp) == n ? 0 : -1;
}

static int
put_row(FILE *fp, char *const *cells, size_t n)
{
	size_t c;

	for (c = 0; c < n; c++) {
		if (c > 0 && fputc(',', fp) == EOF)
			return -1;
		if (csvio_put_field(fp, cells[c]) != 0)
			return -1;
	}
	return fputc('\n', fp) == EOF ? -1 : 0;
}

int
csvio_header(const struct table *t, FILE *fp)
{
	return put_row(fp, t->cols, t->ncols);
}

int
csvio_rows(const struct table *t, FILE *fp)
{
	size_t r;

	for (r = 0; r < t->nrows; r++)
		if (put_row(fp, &t->cells[r * t->ncols], t->ncols) != 0)
			return -1;
	return ferror(fp) ? -1 : 0;
}

int
csvio_write(const struct table *t, FILE *fp)
{
	if (csvio_header(t, fp) != 0)
		return -1;
	return csvio_rows(t, fp);
}
