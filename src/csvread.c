/*
 * csvread: libcsv driven the way Python's csv module reads: spaces are
 * data (a space function that says no), every line end is reported
 * (CSV_REPALL_NL) so blank lines count as records, and the LF of a CRLF
 * is folded into the record it ends.
 *
 * With two threads, a reader thread runs libcsv over each chunk and
 * hands the chunk, its cells and record ends to the caller's thread in a
 * batch; the callbacks run there in the same order, with stop polled at
 * the same chunk boundaries, so everything the caller sees is the same.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
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

/* The reader of one thread: parse and call back as the bytes come. */
static int
read_direct(const char *path, const struct csvread_cb *cb, void *arg,
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

/* --- two threads -------------------------------------------------------- */

#define NBATCH		4
#define EV_ROW		UINT32_MAX	/* an event: the end of a record */

enum bstate { B_FREE, B_FULL };

/* One chunk as read, and what libcsv made of it. */
struct batch {
	enum bstate	 state;
	char		*raw;
	size_t		 nraw;
	uint32_t	*ev;		/* cell lengths; EV_ROW: record end */
	size_t		 nev, capev;
	char		*bytes;		/* the cells, end to end */
	size_t		 nbytes, capbytes;
	unsigned long long total;	/* bytes read, this chunk included */
	int		 last;		/* no batch after this one */
	int		 ioerr;		/* errno of a read error, or 0 */
	enum csvread_status status;	/* of the last batch */
};

struct mt {
	pthread_mutex_t	 mu;
	pthread_cond_t	 full, freed;
	struct batch	 b[NBATCH];
	int		 stop;		/* the caller stopped reading */
	FILE		*fp;
	struct csv_parser p;
	struct batch	*cur;		/* being filled by the reader */
	size_t		 ncells;
	int		 last_cr;
};

static void
mt_cell(void *s, size_t n, void *arg)
{
	struct mt *m = arg;
	struct batch *b = m->cur;

	m->ncells++;
	if (b->nev >= b->capev)
		b->ev = xgrow(b->ev, &b->capev, b->nev + 1, sizeof(*b->ev));
	b->ev[b->nev++] = (uint32_t)n;	/* n <= CSVREAD_CELL_MAX */
	if (b->nbytes + n > b->capbytes)
		b->bytes = xgrow(b->bytes, &b->capbytes, b->nbytes + n, 1);
	if (n > 0)
		memcpy(b->bytes + b->nbytes, s, n);
	b->nbytes += n;
}

static void
mt_row(int c, void *arg)
{
	struct mt *m = arg;
	struct batch *b = m->cur;

	if (m->ncells == 0 && c == '\n' && m->last_cr) {
		m->last_cr = 0;
		return;
	}
	m->last_cr = c == '\r';
	if (b->nev >= b->capev)
		b->ev = xgrow(b->ev, &b->capev, b->nev + 1, sizeof(*b->ev));
	b->ev[b->nev++] = EV_ROW;
	m->ncells = 0;
}

/* The reader thread: fill free batches in turn until the end or a stop. */
static void *
mt_reader(void *arg)
{
	struct mt *m = arg;
	unsigned long long total = 0;
	size_t i = 0, n, off;
	int first = 1, bom = 0, last = 0;

	while (!last) {
		struct batch *b = &m->b[i];

		pthread_mutex_lock(&m->mu);
		while (b->state != B_FREE && !m->stop)
			pthread_cond_wait(&m->freed, &m->mu);
		last = m->stop;
		pthread_mutex_unlock(&m->mu);
		if (last)
			break;
		m->cur = b;
		b->nev = b->nbytes = 0;
		b->ioerr = 0;
		b->status = CSVREAD_OK;
		n = fread(b->raw, 1, CHUNK, m->fp);
		b->nraw = n;
		total += n;
		b->total = total;
		if (n > 0) {
			off = 0;
			if (first && n >= 3 &&
			    memcmp(b->raw, "\xEF\xBB\xBF", 3) == 0)
				off = bom = 3;
			first = 0;
			if (csv_parse(&m->p, b->raw + off, n - off, mt_cell,
			    mt_row, m) != n - off) {
				b->status = csv_error(&m->p) == CSV_EPARSE ?
				    CSVREAD_UNTERMINATED : CSVREAD_TOOBIG;
				last = 1;
			}
		} else {
			last = 1;
			if (ferror(m->fp))
				b->ioerr = errno != 0 ? errno : EIO;
			else if (total == (unsigned long long)bom)
				b->status = CSVREAD_EMPTY;
			else {
				csv_set_opts(&m->p, CSV_REPALL_NL |
				    CSV_STRICT | CSV_STRICT_FINI);
				if (csv_fini(&m->p, mt_cell, mt_row, m) != 0)
					b->status = CSVREAD_UNTERMINATED;
			}
		}
		b->last = last;
		pthread_mutex_lock(&m->mu);
		b->state = B_FULL;
		pthread_cond_signal(&m->full);
		pthread_mutex_unlock(&m->mu);
		i = (i + 1) % NBATCH;
	}
	return NULL;
}

/* The caller's side of one batch: its chunk, cells and record ends. */
static void
mt_deliver(const struct batch *b, const struct csvread_cb *cb, void *arg,
    unsigned long *records)
{
	const char *s = b->bytes != NULL ? b->bytes : "";
	size_t i, ncells = 0;

	if (cb->chunk != NULL && b->nraw > 0)
		cb->chunk(arg, b->raw, b->nraw);
	for (i = 0; i < b->nev; i++) {
		if (b->ev[i] == EV_ROW) {
			(*records)++;
			cb->row(arg, ncells);
			ncells = 0;
			continue;
		}
		ncells++;
		cb->cell(arg, s, b->ev[i]);
		s += b->ev[i];
	}
}

static void
mt_free(struct mt *m)
{
	size_t i;

	for (i = 0; i < NBATCH; i++) {
		free(m->b[i].raw);
		free(m->b[i].ev);
		free(m->b[i].bytes);
	}
	csv_free(&m->p);
	pthread_cond_destroy(&m->full);
	pthread_cond_destroy(&m->freed);
	pthread_mutex_destroy(&m->mu);
	fclose(m->fp);
	free(m);
}

/*
 * The reader on its own thread.  1 when the thread cannot be started
 * (read directly then), else as read_direct.
 */
static int
read_threaded(const char *path, const struct csvread_cb *cb, void *arg,
    struct csvread_result *res)
{
	struct mt *m = xcalloc(1, sizeof(*m));
	pthread_t th;
	size_t i = 0;
	int rc = 0, ioerr = 0;

	memset(res, 0, sizeof(*res));
	if ((m->fp = fopen(path, "rb")) == NULL) {
		diag_errno(errno, path, "cannot open");
		free(m);
		return -1;
	}
	if (csv_init(&m->p, CSV_REPALL_NL) != 0) {
		diag(DIAG_SYS, path, 0, "cannot initialise the CSV parser");
		fclose(m->fp);
		free(m);
		return -1;
	}
	csv_set_space_func(&m->p, no_space);
	csv_set_realloc_func(&m->p, entry_realloc);
	csv_set_free_func(&m->p, entry_free);
	csv_set_blk_size(&m->p, BLKSIZE);
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->full, NULL);
	pthread_cond_init(&m->freed, NULL);
	for (i = 0; i < NBATCH; i++)
		m->b[i].raw = xmalloc(CHUNK);
	if (pthread_create(&th, NULL, mt_reader, m) != 0) {
		mt_free(m);
		return 1;
	}
	for (i = 0;; i = (i + 1) % NBATCH) {
		struct batch *b = &m->b[i];
		int last, stop = 0;

		pthread_mutex_lock(&m->mu);
		while (b->state != B_FULL)
			pthread_cond_wait(&m->full, &m->mu);
		pthread_mutex_unlock(&m->mu);
		last = b->last;
		ioerr = b->ioerr;
		if (ioerr == 0) {
			mt_deliver(b, cb, arg, &res->records);
			res->bytes = b->total;
		}
		res->status = b->status;
		if (!last && cb->stop != NULL && cb->stop(arg))
			stop = 1;
		pthread_mutex_lock(&m->mu);
		b->state = B_FREE;
		m->stop = stop;
		pthread_cond_signal(&m->freed);
		pthread_mutex_unlock(&m->mu);
		if (last || stop)
			break;
	}
	pthread_join(th, NULL);
	if (ioerr != 0) {
		diag_errno(ioerr, path, "read error");
		rc = -1;
	}
	mt_free(m);
	return rc;
}

int
csvread_file(const char *path, const struct csvread_cb *cb, void *arg,
    struct csvread_result *res)
{
	return csvread_file_jobs(path, cb, arg, res, 1);
}

int
csvread_file_jobs(const char *path, const struct csvread_cb *cb, void *arg,
    struct csvread_result *res, unsigned jobs)
{
	int rc;

	if (jobs >= 2 && (rc = read_threaded(path, cb, arg, res)) <= 0)
		return rc;
	return read_direct(path, cb, arg, res);
}
