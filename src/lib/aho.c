/*
 * aho: Aho-Corasick automaton.  States live in one array; while keys are
 * added each state keeps its edges as a linked list, and aho_build()
 * turns them into sorted, contiguous edge ranges, computes failure links
 * breadth first, and from them the full transition table of the
 * deterministic automaton (one move per text byte, no failure chains to
 * follow while scanning).  The table's columns are byte classes: one per
 * byte that occurs in a key, and one for all the others (which always
 * lead back to the root).
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/aho.h"
#include "lib/xalloc.h"

#define NIL	UINT32_MAX

struct state {
	uint32_t	 edge;	/* first edge: list head, then range start */
	uint32_t	 nedge;	/* edges in the range (after build) */
	uint32_t	 fail;
	uint32_t	 dict;	/* next state on the fail chain with values */
	uint32_t	 val;	/* first value, or NIL */
	uint32_t	 depth;
};

struct edge {
	unsigned char	 c;
	uint32_t	 to;
	uint32_t	 next;	/* list link while building */
};

struct value {
	unsigned	 v;
	uint32_t	 next;
};

struct aho {
	struct state	*st;
	size_t		 nst, capst;
	struct edge	*ed;
	size_t		 ned, caped;
	struct value	*val;
	size_t		 nval, capval;
	int		 built;
	/* after aho_build(): */
	uint16_t	 cls[256];	/* byte -> class; 0: in no key */
	size_t		 ncls;
	/*
	 * The moves: entry state * ncls + class holds the next state t as
	 * t * ncls * 2, plus 1 when t reports something; NULL when the
	 * table would not fit (then scans follow the failure links).
	 */
	uint32_t	*delta;
	size_t		 maxdepth;	/* of any state: the longest key */
};

static uint32_t
state_new(struct aho *a, uint32_t depth)
{
	struct state *s;

	a->st = xgrow(a->st, &a->capst, a->nst + 1, sizeof(*a->st));
	s = &a->st[a->nst];
	s->edge = NIL;
	s->nedge = 0;
	s->fail = 0;
	s->dict = NIL;
	s->val = NIL;
	s->depth = depth;
	return (uint32_t)a->nst++;
}

struct aho *
aho_new(void)
{
	struct aho *a = xcalloc(1, sizeof(*a));

	state_new(a, 0);
	return a;
}

void
aho_free(struct aho *a)
{
	if (a == NULL)
		return;
	free(a->st);
	free(a->ed);
	free(a->val);
	free(a->delta);
	free(a);
}

size_t
aho_states(const struct aho *a)
{
	return a->nst;
}

void
aho_add(struct aho *a, const char *key, size_t len, unsigned v)
{
	uint32_t s = 0, e, t;
	size_t i;

	assert(!a->built && len > 0);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)key[i];

		for (e = a->st[s].edge; e != NIL; e = a->ed[e].next)
			if (a->ed[e].c == c)
				break;
		if (e != NIL) {
			s = a->ed[e].to;
			continue;
		}
		t = state_new(a, (uint32_t)(i + 1));
		if (i + 1 > a->maxdepth)
			a->maxdepth = i + 1;
		a->ed = xgrow(a->ed, &a->caped, a->ned + 1, sizeof(*a->ed));
		a->ed[a->ned].c = c;
		a->ed[a->ned].to = t;
		a->ed[a->ned].next = a->st[s].edge;
		a->st[s].edge = (uint32_t)a->ned++;
		s = t;
	}
	a->val = xgrow(a->val, &a->capval, a->nval + 1, sizeof(*a->val));
	a->val[a->nval].v = v;
	a->val[a->nval].next = a->st[s].val;
	a->st[s].val = (uint32_t)a->nval++;
}

static int
edge_cmp(const void *x, const void *y)
{
	const struct edge *p = x, *q = y;

	return (int)p->c - (int)q->c;
}

/* The state reached from s on c, or NIL. */
static uint32_t
step(const struct aho *a, uint32_t s, unsigned char c)
{
	const struct edge *ed = a->ed + a->st[s].edge;
	size_t lo = 0, hi = a->st[s].nedge;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ed[mid].c == c)
			return ed[mid].to;
		if (ed[mid].c < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NIL;
}

void
aho_build(struct aho *a)
{
	struct edge *flat;
	uint32_t *queue, e, s, f, t;
	size_t i, n = 0, head = 0, tail = 0;

	assert(!a->built);
	/* Lists to sorted ranges. */
	flat = xcalloc(a->ned + 1, sizeof(*flat));
	for (i = 0; i < a->nst; i++) {
		size_t start = n;

		for (e = a->st[i].edge; e != NIL; e = a->ed[e].next)
			flat[n++] = a->ed[e];
		if (n - start > 1)
			qsort(flat + start, n - start, sizeof(*flat),
			    edge_cmp);
		a->st[i].edge = (uint32_t)start;
		a->st[i].nedge = (uint32_t)(n - start);
	}
	free(a->ed);
	a->ed = flat;
	a->caped = a->ned + 1;

	/* Failure and dictionary links, breadth first. */
	queue = xcalloc(a->nst, sizeof(*queue));
	a->st[0].fail = 0;
	queue[tail++] = 0;
	while (head < tail) {
		s = queue[head++];
		for (i = 0; i < a->st[s].nedge; i++) {
			const struct edge *ed = &a->ed[a->st[s].edge + i];

			t = ed->to;
			if (s == 0)
				a->st[t].fail = 0;
			else {
				f = a->st[s].fail;
				while (f != 0 && step(a, f, ed->c) == NIL)
					f = a->st[f].fail;
				f = step(a, f, ed->c);
				a->st[t].fail = f == NIL || f == t ? 0 : f;
			}
			f = a->st[t].fail;
			a->st[t].dict = a->st[f].val != NIL ? f : a->st[f].dict;
			queue[tail++] = t;
		}
	}

	/* Byte classes, then the moves in breadth-first order: a byte
	 * with no edge moves as it does from the failure state. */
	memset(a->cls, 0, sizeof(a->cls));
	a->ncls = 1;
	for (i = 0; i < a->ned; i++)
		if (a->cls[a->ed[i].c] == 0)
			a->cls[a->ed[i].c] = (uint16_t)a->ncls++;
	if (a->nst <= (UINT32_MAX / 2 - 1) / a->ncls) {
		a->delta = xcalloc(a->nst * a->ncls, sizeof(*a->delta));
		for (head = 0; head < tail; head++) {
			uint32_t *row;

			s = queue[head];
			row = a->delta + (size_t)s * a->ncls;
			if (s != 0)
				memcpy(row, a->delta +
				    (size_t)a->st[s].fail * a->ncls,
				    a->ncls * sizeof(*row));
			for (i = 0; i < a->st[s].nedge; i++) {
				const struct edge *ed =
				    &a->ed[a->st[s].edge + i];

				t = ed->to;
				row[a->cls[ed->c]] = (uint32_t)(t * a->ncls *
				    2) | (a->st[t].val != NIL ||
				    a->st[t].dict != NIL);
			}
		}
	}
	free(queue);
	a->built = 1;
}

static void
report(const struct aho *a, uint32_t s, size_t end,
    void (*fn)(void *, size_t, size_t, unsigned), void *arg)
{
	uint32_t v;

	for (v = a->st[s].val; v != NIL; v = a->val[v].next)
		fn(arg, end - a->st[s].depth, end, a->val[v].v);
}

/* Everything that ends at end in state s, as a scan reports it. */
static void
report_all(const struct aho *a, uint32_t s, size_t end,
    void (*fn)(void *, size_t, size_t, unsigned), void *arg)
{
	uint32_t t;

	if (a->st[s].val != NIL)
		report(a, s, end, fn, arg);
	for (t = a->st[s].dict; t != NIL; t = a->st[t].dict)
		report(a, t, end, fn, arg);
}

/* Scan without the table: follow the failure links. */
static void
scan_links(const struct aho *a, const unsigned char *u, size_t len,
    void (*fn)(void *, size_t, size_t, unsigned), void *arg)
{
	uint32_t s = 0, t;
	size_t i;

	for (i = 0; i < len; i++) {
		while ((t = step(a, s, u[i])) == NIL && s != 0)
			s = a->st[s].fail;
		s = t == NIL ? 0 : t;
		report_all(a, s, i + 1, fn, arg);
	}
}

/*
 * With the table, the text is read as two streams at once (a move
 * waits for the one before, so two independent chains of moves go about
 * twice as fast).  The state after a byte depends only on the last
 * maxdepth bytes read, so the second stream, started from the root
 * maxdepth bytes before the middle, is in the first one's state from the
 * middle on.  What it finds from there is kept (up to SCAN_KEEP ends)
 * and reported after the first half, in the same order as one stream
 * would; if more turn up, the first stream reads on alone.
 */
#define SCAN_KEEP	256

void
aho_scan(const struct aho *a, const char *text, size_t len,
    void (*fn)(void *, size_t, size_t, unsigned), void *arg)
{
	const unsigned char *u = (const unsigned char *)text;
	const uint32_t *delta = a->delta;
	const uint16_t *cls = a->cls;
	struct { size_t end; uint32_t s; } kept[SCAN_KEEP];
	size_t i, j, mid, nkept = 0, ncls = a->ncls;
	uint32_t v = 0, w = 0;
	int two;

	assert(a->built);
	if (delta == NULL) {
		scan_links(a, u, len, fn, arg);
		return;
	}
	mid = len / 2;
	two = mid > a->maxdepth;
	i = 0;
	j = two ? mid - a->maxdepth : len;
	while (two && i < mid) {
		v = delta[(v >> 1) + cls[u[i]]];
		w = delta[(w >> 1) + cls[u[j]]];
		if (v & 1)
			report_all(a, (uint32_t)((v >> 1) / ncls), i + 1, fn,
			    arg);
		if ((w & 1) && j >= mid) {
			if (nkept == SCAN_KEEP)
				two = 0;	/* the first stream reads on */
			else {
				kept[nkept].end = j + 1;
				kept[nkept].s = (uint32_t)((w >> 1) / ncls);
				nkept++;
			}
		}
		i++;
		j++;
	}
	if (two) {
		/* the second stream: on to the end, then its reports */
		for (; j < len; j++) {
			w = delta[(w >> 1) + cls[u[j]]];
			if (!(w & 1))
				continue;
			if (nkept == SCAN_KEEP) {
				two = 0;
				break;
			}
			kept[nkept].end = j + 1;
			kept[nkept].s = (uint32_t)((w >> 1) / ncls);
			nkept++;
		}
	}
	if (two) {
		for (j = 0; j < nkept; j++)
			report_all(a, kept[j].s, kept[j].end, fn, arg);
		return;
	}
	for (; i < len; i++) {
		v = delta[(v >> 1) + cls[u[i]]];
		if (v & 1)
			report_all(a, (uint32_t)((v >> 1) / ncls), i + 1, fn,
			    arg);
	}
}
