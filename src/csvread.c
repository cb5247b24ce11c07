/*
 * csvread: libcsv driven the way Python's csv module reads: spaces are
 * data (a space function that says no), every line end is reported
 * (CSV_REPALL_NL) so blank lines count as records, and the LF of a CRLF
 * is folded into the record it ends.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvread.h"
#include "diag.h"
#include "xalloc.h"

#define CHUNK		(256u << 10)
#define BLKSIZE		(64u << 10)
#define HDR		16	/* bytes before an entry buffer: its capacity */

struct rd {
	const struct csvread_cb	*cb;
	void			*arg;
	size_t			 ncells;
	unsigned long		 records;
	int			 last_cr;	/* last record ended with CR */
};

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * libcsv grows its cell buffer by a fixed block; this keeps the real
 * capacity in a header and doubles it, and refuses to pass the cap
 * (libcsv then stops with CSV_ENOMEM).
 */
static void *
entry_realloc(void *p, size_t n)
{
	size_t *h = p != NULL ? (size_t *)(void *)((char *)p - HDR) : NULL;
	size_t cap = h != NULL ? h[0] : 0;

	if (n <= cap)
		return p;
	if (n > CSVREAD_CELL_MAX)
		return NULL;
	if (cap < BLKSIZE)
		cap = BLKSIZE;
	while (cap < n)
		cap *= 2;
	if (cap > CSVREAD_CELL_MAX)
		cap = CSVREAD_CELL_MAX;
	h = xrealloc(h, cap + HDR);
	h[0] = cap;
	return (char *)h + HDR;
}

static void
entry_free(void *p)
{
	if (p != NULL)
		free((char *)p - HDR);
}

static void
on_field(void *s, size_t n, void *arg)
{
	struct rd *r = arg;

	r->ncells++;
	r->cb->cell(r->arg, s, n);
}

static void
on_row(int c, void *arg)
{
	struct rd *r = arg;

	if (r->ncells == 0 && c == '\n' && r->last_cr) {
		r->last_cr = 0;		/* the LF of a CRLF */
		return;
	}
	r->last_cr = c == '\r';
	r->records++;
	r->cb->row(r->arg, r->ncells);
	r->ncells = 0;
}

int
csvread_file(const char *path, const struct csvread_cb *cb, void *arg,
    struct csvread_result *res)
{
	struct csv_parser p;
	struct rd r;
	char *chunk = NULL;
	size_t n, off;
	FILE *fp;
	int first = 1, rc = -1, stopped = 0, bom = 0;

	memset(res, 0, sizeof(*res));
	if ((fp = fopen(path, "rb")) == NULL) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	if (csv_init(&p, CSV_REPALL_NL) != 0) {
		diag(DIAG_SYS, path, 0, "cannot initialise the CSV parser");
		fclose(fp);
		return -1;
	}
	csv_set_space_func(&p, no_space);
	csv_set_realloc_func(&p, entry_realloc);
	csv_set_free_func(&p, entry_free);
	csv_set_blk_size(&p, BLKSIZE);
	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	chunk = xmalloc(CHUNK);
	while ((n = fread(chunk, 1, CHUNK, fp)) > 0) {
		res->bytes += n;
		if (cb->chunk != NULL)
			cb->chunk(arg, chunk, n);
		off = 0;
		if (first && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
			off = bom = 3;
		first = 0;
		if (csv_parse(&p, chunk + off, n - off, on_field, on_row, &r)
		    != n - off) {
			res->status = csv_error(&p) == CSV_EPARSE ?
			    CSVREAD_UNTERMINATED : CSVREAD_TOOBIG;
			res->records = r.records;
			rc = 0;
			goto out;
		}
		if (cb->stop != NULL && cb->stop(arg)) {
			stopped = 1;
			break;
		}
	}
	if (ferror(fp)) {
		diag_errno(errno, path, "read error");
		goto out;
	}
	if (res->bytes == (unsigned long long)bom) {
		res->status = CSVREAD_EMPTY;
		rc = 0;
		goto out;
	}
	if (!stopped) {
		/* strict at the end only: an open quote is an error */
		csv_set_opts(&p, CSV_REPALL_NL | CSV_STRICT | CSV_STRICT_FINI);
		if (csv_fini(&p, on_field, on_row, &r) != 0) {
			res->status = CSVREAD_UNTERMINATED;
			res->records = r.records;
			rc = 0;
			goto out;
		}
	}
	res->status = CSVREAD_OK;
	res->records = r.records;
	rc = 0;
out:
	csv_free(&p);
	free(chunk);
	fclose(fp);
	return rc;
}
