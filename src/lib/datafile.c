/* datafile: line-oriented hand-kept data files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/datafile.h"
#include "lib/diag.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

int
datafile_open(struct datafile *df, const char *path)
{
	FILE *fp;
	size_t n, cap = 0, bad;
	char *buf = NULL;
	int isnul;

	memset(df, 0, sizeof(*df));
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	n = 0;
	for (;;) {
		size_t got;

		if (n + 4096 + 1 > cap)
			buf = xgrow(buf, &cap, n + 4096 + 1, 1);
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (n > DATAFILE_MAX) {
			diag(DIAG_USAGE, path, 0, "data file larger than %lu "
			    "bytes", DATAFILE_MAX);
			goto fail;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		diag_errno(errno, path, "read error");
		goto fail;
	}
	fclose(fp);
	fp = NULL;
	buf[n] = '\0';
	if (utf8_check(buf, n, &bad, &isnul) != 0) {
		diag(DIAG_USAGE, path, 0, "%s at byte offset %zu",
		    isnul ? "NUL byte" : "invalid UTF-8", bad);
		goto fail;
	}
	df->path = xstrdup(path);
	df->text = buf;
	df->len = n;
	df->lineno = 1;
	return 0;
fail:
	if (fp != NULL)
		fclose(fp);
	free(buf);
	return -1;
}

static int
isblank_c(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Blank out a comment that starts in s[from..to) (to = end of line). */
static void
strip_comment(char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (s[i] == '#' && (i == from || isblank_c(s[i - 1]))) {
			memset(s + i, ' ', to - i);
			return;
		}
}

char *
datafile_next(struct datafile *df)
{
	char *s = df->text;
	size_t start, eol, end;

	for (;;) {
		if (df->pos >= df->len)
			return NULL;
		start = df->pos;
		eol = start;
		while (eol < df->len && s[eol] != '\n')
			eol++;
		strip_comment(s, start, eol);
		df->line = df->lineno;
		df->lineno++;
		df->pos = eol < df->len ? eol + 1 : eol;
		/* fold continuation lines (leading blank) into this one */
		while (df->pos < df->len && isblank_c(s[df->pos])) {
			size_t nx = df->pos;

			while (nx < df->len && s[nx] != '\n')
				nx++;
			strip_comment(s, df->pos, nx);
			s[eol] = ' ';
			eol = nx;
			df->lineno++;
			df->pos = nx < df->len ? nx + 1 : nx;
		}
		s[eol] = '\0';
		while (start < eol && isblank_c(s[start]))
			start++;
		end = eol;
		while (end > start && isblank_c(s[end - 1]))
			end--;
		s[end] = '\0';
		if (end > start)
			return s + start;
	}
}

void
datafile_close(struct datafile *df)
{
	free(df->path);
	free(df->text);
	memset(df, 0, sizeof(*df));
}
