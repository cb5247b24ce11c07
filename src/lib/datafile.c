/* datafile: line-oriented hand-kept data files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/datafile.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

int
datafile_open(struct datafile *df, const char *path)
{
	size_t n, bad;
	char *buf;
	int fd, isnul, rc;

	memset(df, 0, sizeof(*df));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	rc = fs_read_all(fd, path, DATAFILE_MAX, &buf, &n);
	close(fd);
	if (rc == 1)
		diag(DIAG_USAGE, path, 0, "data file larger than %lu bytes",
		    DATAFILE_MAX);
	if (rc != 0)
		return -1;
	if (utf8_check(buf, n, &bad, &isnul) != 0) {
		diag(DIAG_USAGE, path, 0, "%s at byte offset %zu",
		    isnul ? "NUL byte" : "invalid UTF-8", bad);
		free(buf);
		return -1;
	}
	df->path = xstrdup(path);
	df->text = buf;
	df->len = n;
	df->lineno = 1;
	return 0;
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
