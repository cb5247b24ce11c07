/*
 * csvread: libcsv driven the way Python's csv module reads: spaces are
 * data (a space function that says no), every line end is reported
 * (CSV_REPALL_NL) so blank lines count as records, and the LF of a CRLF
 * is folded into the record it ends.
 *
 * With two threads or more, libcsv parses segments of the file on two
 * threads while the callbacks run on the caller's, in file order (see
 * "parallel parsing" below).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "lib/csvread.h"
#include "lib/diag.h"
#include "lib/xalloc.h"

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

/* A parser set up as this reader drives it; -1 after a diagnostic. */
static int
parser_init(struct csv_parser *p, const char *path)
{
	if (csv_init(p, CSV_REPALL_NL) != 0) {
		diag(DIAG_SYS, path, 0, "cannot initialise the CSV parser");
		return -1;
	}
	csv_set_space_func(p, no_space);
	csv_set_realloc_func(p, entry_realloc);
	csv_set_free_func(p, entry_free);
	csv_set_blk_size(p, BLKSIZE);
	return 0;
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
	if (parser_init(&p, path) != 0) {
		fclose(fp);
		return -1;
	}
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

/* --- parallel parsing ---------------------------------------------------- */

/*
 * A reader thread cuts the file into segments of about SEG_MIN bytes,
 * each ending just after a line feed that an even number of quotes
 * precedes: there, in a well-formed file, a record ends.  Two parser
 * threads each run libcsv over every other segment, and the caller's
 * thread delivers their cells and record ends in file order.  The guess
 * is checked: a segment's parser must end it with a record, else the
 * next segment (parsed from a wrong start) is thrown away and the rest
 * of the file is read again on one thread, the callbacks skipping what
 * was already delivered.  A segment that reaches SEG_MAX without such a
 * line feed is continued by the same parser.
 */
#define NSEG		8
#define NWORK		2
#define SEG_MIN		(256u << 10)
#define SEG_MAX		(4u << 20)

/* Segment bounds: SEG_MIN and SEG_MAX but in tests (csvread_segments). */
static size_t	seg_min = SEG_MIN, seg_max = SEG_MAX;

void
csvread_segments(size_t min, size_t max)
{
	seg_min = min > 0 ? min : SEG_MIN;
	seg_max = max >= seg_min ? max : seg_min;
}
#define EV_ROW		UINT32_MAX	/* an event: the end of a record */
#define NOSEG		ULONG_MAX	/* a slot's index before its first */

enum sstate { S_FREE, S_READ, S_DONE };

struct seg {
	enum sstate	 state;
	unsigned long	 index;		/* of the segment in the file */
	char		*raw;		/* bytes as read */
	size_t		 nraw, capraw;
	size_t		 off;		/* parse from here (past a BOM) */
	int		 fresh;		/* starts a record, a guess */
	int		 splitend;	/* ends after a guessed record end */
	int		 last;		/* the end of the file */
	int		 ioerr;		/* errno of a read error, or 0 */
	unsigned	 worker;
	unsigned long long total;	/* bytes read up to its end */
	/* what its parser made of it */
	uint32_t	*ev;		/* cell lengths; EV_ROW: record end */
	size_t		 nev, capev;
	char		*bytes;		/* the cells, end to end */
	size_t		 nbytes, capbytes;
	int		 endclean;	/* its last byte ended a record */
	enum csvread_status status;
	int		 failed;	/* libcsv stopped in it */
};

struct worker {
	struct par	*m;
	unsigned	 id;
	struct csv_parser p;
	struct seg	*cur;
	size_t		 ncells;
	int		 last_cr;
	int		 fired;		/* a record end seen in this call */
};

struct par {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cond;
	struct seg	 s[NSEG];
	int		 stop;
	FILE		*fp;
	struct worker	 w[NWORK];
};

static void
par_cell(void *s, size_t n, void *arg)
{
	struct worker *w = arg;
	struct seg *b = w->cur;

	w->ncells++;
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
par_row(int c, void *arg)
{
	struct worker *w = arg;
	struct seg *b = w->cur;

	w->fired = 1;
	if (w->ncells == 0 && c == '\n' && w->last_cr) {
		w->last_cr = 0;
		return;
	}
	w->last_cr = c == '\r';
	if (b->nev >= b->capev)
		b->ev = xgrow(b->ev, &b->capev, b->nev + 1, sizeof(*b->ev));
	b->ev[b->nev++] = EV_ROW;
	w->ncells = 0;
}

/* Wait for slot i to hold segment idx in state st; 0, or -1 at a stop. */
static int
par_wait(struct par *m, size_t i, unsigned long idx, enum sstate st)
{
	int rc = 0;

	pthread_mutex_lock(&m->mu);
	while (!m->stop && (m->s[i].state != st || (st != S_FREE &&
	    m->s[i].index != idx)))
		pthread_cond_wait(&m->cond, &m->mu);
	if (m->stop)
		rc = -1;
	pthread_mutex_unlock(&m->mu);
	return rc;
}

static void
par_set(struct par *m, struct seg *b, enum sstate st)
{
	pthread_mutex_lock(&m->mu);
	b->state = st;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->mu);
}

/*
 * The end of a guessed record in b[from, n), or 0: just past an LF with
 * *inq (the parity of the quotes before it) even.  *inq becomes the
 * parity at the returned position, or at n.
 */
static size_t
find_split(const char *b, size_t from, size_t n, int *inq)
{
	size_t i = from;

	while (i < n) {
		const char *q = memchr(b + i, '"', n - i);
		const char *l = *inq ? NULL : memchr(b + i, '\n', (q != NULL ?
		    (size_t)(q - b) : n) - i);

		if (l != NULL)
			return (size_t)(l - b) + 1;
		if (q == NULL)
			return 0;
		*inq = !*inq;
		i = (size_t)(q - b) + 1;
	}
	return 0;
}

/* Parity of the quotes in b[from, to). */
static void
count_quotes(const char *b, size_t from, size_t to, int *inq)
{
	const char *q;

	while (from < to && (q = memchr(b + from, '"', to - from)) != NULL) {
		*inq = !*inq;
		from = (size_t)(q - b) + 1;
	}
}

/* The reader thread: segments in turn until the end or a stop. */
static void *
par_reader(void *arg)
{
	struct par *m = arg;
	unsigned long long total = 0;
	unsigned long idx = 0;
	size_t smin = seg_min, smax = seg_max;
	char *carry = xmalloc(smax + CHUNK);
	size_t ncarry = 0, n, split;
	int inq = 0, first = 1, bom = 0, eof = 0, fresh = 1, err = 0;
	unsigned worker = 0;

	while (!eof) {
		struct seg *b = &m->s[idx % NSEG];
		size_t scanned = 0;

		if (par_wait(m, idx % NSEG, idx, S_FREE) != 0)
			break;
		/* fill: what was carried over, then chunks until a split */
		b->raw = xgrow(b->raw, &b->capraw, smax + CHUNK, 1);
		memcpy(b->raw, carry, ncarry);
		b->nraw = ncarry;
		ncarry = 0;
		split = 0;
		for (;;) {
			if (b->nraw >= smin) {
				/* inq is the parity at scanned */
				if (scanned < smin) {
					count_quotes(b->raw, scanned, smin,
					    &inq);
					scanned = smin;
				}
				split = find_split(b->raw, scanned, b->nraw,
				    &inq);
				scanned = b->nraw;
				if (split != 0 || b->nraw >= smax)
					break;
			}
			n = fread(b->raw + b->nraw, 1, CHUNK, m->fp);
			if (n == 0) {
				eof = 1;
				if (ferror(m->fp))
					err = errno != 0 ? errno : EIO;
				break;
			}
			total += n;
			b->nraw += n;
		}
		if (split != 0) {
			ncarry = b->nraw - split;
			memcpy(carry, b->raw + split, ncarry);
			b->nraw = split;
			/* the bytes carried were counted in total */
		}
		b->off = 0;
		if (first && b->nraw >= 3 &&
		    memcmp(b->raw, "\xEF\xBB\xBF", 3) == 0)
			b->off = bom = 3;
		first = 0;
		b->fresh = fresh;
		b->splitend = split != 0;
		b->last = eof && ncarry == 0;
		b->ioerr = b->last ? err : 0;
		b->total = total - ncarry;
		b->status = CSVREAD_OK;
		if (b->last && err == 0 && total == (unsigned long long)bom)
			b->status = CSVREAD_EMPTY;
		if (fresh && idx > 0)
			worker = (worker + 1) % NWORK;
		b->worker = worker;
		fresh = b->splitend;
		/* the index too under the lock: parsers compare it */
		pthread_mutex_lock(&m->mu);
		b->index = idx;
		b->state = S_READ;
		pthread_cond_broadcast(&m->cond);
		pthread_mutex_unlock(&m->mu);
		idx++;
		if (eof && ncarry > 0)
			eof = 0;	/* one more segment: the carry */
	}
	free(carry);
	return NULL;
}

static void
parse_seg(struct worker *w, struct seg *b)
{
	size_t n = b->nraw - b->off, body;
	const char *s = b->raw + b->off;

	w->cur = b;
	b->nev = b->nbytes = 0;
	b->failed = 0;
	b->endclean = 0;
	if (b->fresh) {
		w->ncells = 0;
		w->last_cr = 0;
	}
	if (b->ioerr != 0 || b->status == CSVREAD_EMPTY)
		return;
	/* the last byte on its own: did it end a record? */
	body = b->splitend && n > 0 ? n - 1 : n;
	if (csv_parse(&w->p, s, body, par_cell, par_row, w) != body)
		goto failed;
	if (body < n) {
		w->fired = 0;
		if (csv_parse(&w->p, s + body, 1, par_cell, par_row, w) != 1)
			goto failed;
		b->endclean = w->fired;
	}
	if (b->last) {
		/* strict at the end only: an open quote is an error */
		csv_set_opts(&w->p, CSV_REPALL_NL | CSV_STRICT |
		    CSV_STRICT_FINI);
		if (csv_fini(&w->p, par_cell, par_row, w) != 0)
			b->status = CSVREAD_UNTERMINATED;
	}
	return;
failed:
	b->failed = 1;
	b->status = csv_error(&w->p) == CSV_EPARSE ? CSVREAD_UNTERMINATED :
	    CSVREAD_TOOBIG;
}

/* A parser thread: its segments, in order. */
/*
 * A parser thread's look at segment idx: 0 ours to parse, 1 another's,
 * 2 another's and the last one, -1 stop.  Another's may already be
 * delivered (its slot free again, or refilled): never ours then, as
 * ours cannot be delivered before we parse it.
 */
static int
par_next(struct par *m, unsigned long idx, unsigned id)
{
	struct seg *b = &m->s[idx % NSEG];
	int rc;

	pthread_mutex_lock(&m->mu);
	while (!m->stop && (b->index == NOSEG || b->index < idx))
		pthread_cond_wait(&m->cond, &m->mu);
	if (m->stop)
		rc = -1;
	else if (b->index > idx)
		rc = 1;
	else if (b->worker == id && b->state == S_READ)
		rc = 0;
	else
		rc = b->last ? 2 : 1;
	pthread_mutex_unlock(&m->mu);
	return rc;
}

static void *
par_worker(void *arg)
{
	struct worker *w = arg;
	struct par *m = w->m;
	unsigned long idx;
	int r;

	for (idx = 0;; idx++) {
		struct seg *b = &m->s[idx % NSEG];

		if ((r = par_next(m, idx, w->id)) < 0 || r == 2)
			break;
		if (r == 1)
			continue;
		parse_seg(w, b);
		{
			int last = b->last || b->failed;

			par_set(m, b, S_DONE);
			if (last)
				break;
		}
	}
	return NULL;
}

/* The callbacks that skip what was delivered before a fallback. */
struct skip {
	const struct csvread_cb	*cb;
	void			*arg;
	unsigned long long	 events, bytes;	/* still to skip */
};

static void
skip_cell(void *arg, const char *s, size_t n)
{
	struct skip *k = arg;

	if (k->events > 0)
		k->events--;
	else
		k->cb->cell(k->arg, s, n);
}

static void
skip_row(void *arg, size_t ncells)
{
	struct skip *k = arg;

	if (k->events > 0)
		k->events--;
	else
		k->cb->row(k->arg, ncells);
}

static int
skip_stop(void *arg)
{
	struct skip *k = arg;

	return k->cb->stop != NULL && k->cb->stop(k->arg);
}

static void
skip_chunk(void *arg, const char *s, size_t n)
{
	struct skip *k = arg;
	size_t d = k->bytes < n ? (size_t)k->bytes : n;

	k->bytes -= d;
	if (n > d && k->cb->chunk != NULL)
		k->cb->chunk(k->arg, s + d, n - d);
}

static void
par_free(struct par *m)
{
	size_t i;

	for (i = 0; i < NSEG; i++) {
		free(m->s[i].raw);
		free(m->s[i].ev);
		free(m->s[i].bytes);
	}
	for (i = 0; i < NWORK; i++)
		csv_free(&m->w[i].p);
	pthread_cond_destroy(&m->cond);
	pthread_mutex_destroy(&m->mu);
	fclose(m->fp);
	free(m);
}

/* Stop the nth threads, wait for them, free everything. */
static void
par_end(struct par *m, pthread_t *th, size_t nth)
{
	pthread_mutex_lock(&m->mu);
	m->stop = 1;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->mu);
	while (nth > 0)
		pthread_join(th[--nth], NULL);
	par_free(m);
}

/*
 * The reader on threads of its own.  1 when they cannot be started
 * (read directly then), else as read_direct.
 */
static int
read_parallel(const char *path, const struct csvread_cb *cb, void *arg,
    struct csvread_result *res)
{
	struct par *m = xcalloc(1, sizeof(*m));
	pthread_t th[NWORK + 1];
	unsigned long long events = 0, hashed = 0;
	unsigned long idx;
	size_t i, nth = 0;
	int rc = 0, ioerr = 0, redo = 0, prevclean = 1;

	memset(res, 0, sizeof(*res));
	if ((m->fp = fopen(path, "rb")) == NULL) {
		diag_errno(errno, path, "cannot open");
		free(m);
		return -1;
	}
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cond, NULL);
	for (i = 0; i < NSEG; i++)
		m->s[i].index = NOSEG;
	for (i = 0; i < NWORK; i++) {
		struct worker *w = &m->w[i];

		w->m = m;
		w->id = (unsigned)i;
		if (parser_init(&w->p, path) != 0) {
			par_free(m);
			return -1;
		}
	}
	if (pthread_create(&th[nth], NULL, par_reader, m) == 0)
		nth++;
	for (i = 0; i < NWORK && nth == i + 1; i++)
		if (pthread_create(&th[nth], NULL, par_worker, &m->w[i]) == 0)
			nth++;
	if (nth < NWORK + 1) {
		par_end(m, th, nth);
		return 1;
	}
	for (idx = 0;; idx++) {
		struct seg *b = &m->s[idx % NSEG];
		const char *s;
		size_t ncells = 0;
		int last, stop = 0;

		if (par_wait(m, idx % NSEG, idx, S_DONE) != 0)
			break;
		if (b->fresh && !prevclean) {
			redo = 1;	/* a wrong guess: read again, skipping */
			break;
		}
		prevclean = b->endclean;
		last = b->last || b->failed;
		if ((ioerr = b->ioerr) != 0)
			break;
		if (cb->chunk != NULL && b->nraw > 0)
			cb->chunk(arg, b->raw, b->nraw);
		hashed += b->nraw;
		s = b->bytes != NULL ? b->bytes : "";
		for (i = 0; i < b->nev; i++) {
			if (b->ev[i] == EV_ROW) {
				res->records++;
				cb->row(arg, ncells);
				ncells = 0;
			} else {
				ncells++;
				cb->cell(arg, s, b->ev[i]);
				s += b->ev[i];
			}
		}
		events += b->nev;
		res->bytes = b->total;
		res->status = b->status;
		if (!last && cb->stop != NULL && cb->stop(arg))
			stop = 1;
		if (last || stop)
			break;
		par_set(m, b, S_FREE);
	}
	par_end(m, th, nth);
	if (ioerr != 0) {
		diag_errno(ioerr, path, "read error");
		return -1;
	}
	if (redo) {
		static const struct csvread_cb scb = { skip_cell, skip_row,
		    skip_stop, skip_chunk };
		struct skip k = { cb, arg, events, hashed };

		rc = read_direct(path, &scb, &k, res);
	}
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

	if (jobs >= 2 && (rc = read_parallel(path, cb, arg, res)) <= 0)
		return rc;
	return read_direct(path, cb, arg, res);
}
