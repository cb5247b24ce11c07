/* csvio: CSV writing with libcsv's quoting. */
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "lib/buf.h"
#include "tables/csvio.h"
#include "tables/table.h"

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

/* One field into b, quoted by libcsv when it holds , " CR or LF. */
static void
buf_field(struct buf *b, const char *s)
{
	size_t n, need;

	if (s == NULL)
		return;
	n = strlen(s);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_add(b, s, n);
		return;
	}
	need = 2 * n + 2;		/* every byte a quote, and the ends */
	b->len += csv_write(buf_room(b, need), need, s, n);
	b->s[b->len] = '\0';
}

void
csvio_rows_buf(const struct table *t, struct buf *b)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				buf_addc(b, ',');
			buf_field(b, t->cells[r * t->ncols + c]);
		}
		buf_addc(b, '\n');
	}
}

int
csvio_write(const struct table *t, FILE *fp)
{
	if (csvio_header(t, fp) != 0)
		return -1;
	return csvio_rows(t, fp);
}
