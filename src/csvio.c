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

int
csvio_write(const struct table *t, FILE *fp)
{
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c > 0 && fputc(',', fp) == EOF)
			return -1;
		if (csvio_put_field(fp, t->cols[c]) != 0)
			return -1;
	}
	if (fputc('\n', fp) == EOF)
		return -1;
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c > 0 && fputc(',', fp) == EOF)
				return -1;
			if (csvio_put_field(fp, table_get(t, r, c)) != 0)
				return -1;
		}
		if (fputc('\n', fp) == EOF)
			return -1;
	}
	return ferror(fp) ? -1 : 0;
}
