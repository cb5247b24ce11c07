/*
 * keyset: a hash table of keys that turns into an external sort.
 *
 * In memory: open addressing over 8-byte slots (the upper half of the
 * hash as a tag, the lower half an entry index), entries in insertion
 * order, key bytes in one growing arena.  A new key costs one random
 * memory access (its slot); everything else is appended.
 *
 * Spilled: records (hash, row, key, payload) are appended to a buffer;
 * a full buffer is sorted by (hash, key, row) and written to the set's
 * temporary file as a run.  At the end the runs are merged, 64 at a
 * time, into one; equal keys are then adjacent, in row order.  The
 * table's entries go first, each with the last row that had its key, so
 * the first spilled row with a key pairs with the row before it.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/hash.h"
#include "lib/xalloc.h"
#include "validate/keyset.h"

#define SLOTS_MMAP	(2ul << 20)	/* bytes from which slots are mapped */
#define RHDR		24		/* record: hash, row, klen, plen */
#define PAY_KEY		UINT32_MAX	/* plen: the payload is the key */
#define FANIN		64		/* runs merged at once */
#define IOBUF		(64u << 10)	/* a run reader's buffer */
#define WBUF		(256u << 10)	/* the writer's */

/* --- the spill: sorted runs in a temporary file ------------------------ */

struct rec {
	uint64_t	 h;
	unsigned long	 row;
	const char	*key;
	uint32_t	 klen;
	const char	*pay;
	uint32_t	 plen;
	int		 paykey;	/* pay is key (stored as PAY_KEY) */
};

/* Bytes of a record after its header. */
static size_t
rec_body(uint32_t klen, uint32_t plen)
{
	return (size_t)klen + (plen == PAY_KEY ? 0 : plen);
}

struct slot {
	uint64_t	 h;
	size_t		 off;		/* in buf */
};

struct run {
	off_t		 off;
	off_t		 len;
};

struct spill {
	struct keymem	 mem;
	char		*buf;		/* records of the run being built */
	size_t		 used, cap;
	struct slot	*idx;
	size_t		 n, capidx;
	struct slot	*tmp;		/* the radix sort's other array */
	size_t		 captmp;
	int		 sorted;
	int		 fd;		/* -1: not yet created */
	char		*path;
	off_t		 end;
	struct run	*runs;
	size_t		 nruns, capruns;
	char		*wbuf;
	size_t		 wused;
	off_t		 woff;
	int		 err;
};

static void
spill_init(struct spill *sp, const struct keymem *mem)
{
	memset(sp, 0, sizeof(*sp));
	if (mem != NULL)
		sp->mem = *mem;
	if (sp->mem.budget == 0)
		sp->mem.budget = KEYMEM_DEFAULT;
	sp->fd = -1;
}

static void
spill_release(struct spill *sp)
{
	free(sp->buf);
	free(sp->idx);
	free(sp->tmp);
	free(sp->runs);
	free(sp->wbuf);
	if (sp->fd >= 0)
		close(sp->fd);
	free(sp->path);
	memset(sp, 0, sizeof(*sp));
	sp->fd = -1;
}

static void
rec_read(const char *p, struct rec *r)
{
	uint64_t row;

	memcpy(&r->h, p, 8);
	memcpy(&row, p + 8, 8);
	r->row = (unsigned long)row;
	memcpy(&r->klen, p + 16, 4);
	memcpy(&r->plen, p + 20, 4);
	r->key = p + RHDR;
	r->paykey = r->plen == PAY_KEY;
	if (r->paykey) {
		r->pay = r->key;
		r->plen = r->klen;
	} else
		r->pay = p + RHDR + r->klen;
}

/* Order of keys: hash, length, bytes. */
static int
key_cmp(const struct rec *a, const struct rec *b)
{
	int c;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	if (a->klen != b->klen)
		return a->klen < b->klen ? -1 : 1;
	if (a->klen > 0 && (c = memcmp(a->key, b->key, a->klen)) != 0)
		return c;
	return 0;
}

/* Order of records: key, then row. */
static int
rec_cmp(const struct rec *a, const struct rec *b)
{
	int c = key_cmp(a, b);

	if (c != 0)
		return c;
	return a->row < b->row ? -1 : a->row > b->row;
}

/*
 * Sort the buffer's records by (hash, key, row): a stable radix sort of
 * the hashes (records were added in row order, and a key's rows
 * ascend), then the rare runs of one hash with different keys sorted by
 * key, stably, by insertion.
 */
static void
spill_sort(struct spill *sp)
{
	size_t cnt[256], i, j, pass, n = sp->n;
	struct slot *a, *b, *t;

	if (sp->sorted || n == 0)
		return;
	sp->tmp = xgrow(sp->tmp, &sp->captmp, n, sizeof(*sp->tmp));
	a = sp->idx;
	b = sp->tmp;
	for (pass = 0; pass < 64; pass += 8) {
		size_t sum = 0;

		memset(cnt, 0, sizeof(cnt));
		for (i = 0; i < n; i++)
			cnt[(a[i].h >> pass) & 0xFF]++;
		if (cnt[(a[0].h >> pass) & 0xFF] == n)
			continue;	/* one byte value: nothing moves */
		for (i = 0; i < 256; i++) {
			size_t k = cnt[i];

			cnt[i] = sum;
			sum += k;
		}
		for (i = 0; i < n; i++)
			b[cnt[(a[i].h >> pass) & 0xFF]++] = a[i];
		t = a, a = b, b = t;
	}
	if (a != sp->idx)
		memcpy(sp->idx, a, n * sizeof(*a));
	for (i = 1; i < n; i++) {
		struct slot s = sp->idx[i];
		struct rec rs, rj;

		if (sp->idx[i - 1].h != s.h)
			continue;
		rec_read(sp->buf + s.off, &rs);
		for (j = i; j > 0 && sp->idx[j - 1].h == s.h; j--) {
			rec_read(sp->buf + sp->idx[j - 1].off, &rj);
			if (rec_cmp(&rj, &rs) <= 0)
				break;
			sp->idx[j] = sp->idx[j - 1];
		}
		sp->idx[j] = s;
	}
	sp->sorted = 1;
}

static int
spill_open(struct spill *sp)
{
	const char *dir = sp->mem.tmpdir;

	if (sp->fd >= 0)
		return 0;
	if (dir == NULL || *dir == '\0')
		dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	free(sp->path);
	sp->path = xasprintf("%s/sheaf-keys.XXXXXX", dir);
	if ((sp->fd = mkstemp(sp->path)) < 0) {
		sp->err = errno;
		free(sp->path);
		sp->path = xstrdup(dir);	/* the template means nothing */
		return -1;
	}
	(void)unlink(sp->path);
	sp->wbuf = xmalloc(WBUF);
	return 0;
}

static void
w_flush(struct spill *sp)
{
	size_t done = 0;
	ssize_t k;

	while (done < sp->wused && sp->err == 0) {
		k = pwrite(sp->fd, sp->wbuf + done, sp->wused - done,
		    sp->woff);
		if (k < 0) {
			if (errno != EINTR)
				sp->err = errno;
			continue;
		}
		done += (size_t)k;
		sp->woff += k;
	}
	sp->wused = 0;
}

static void
w_put(struct spill *sp, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0 && sp->err == 0) {
		size_t k = WBUF - sp->wused;

		if (k > n)
			k = n;
		memcpy(sp->wbuf + sp->wused, s, k);
		sp->wused += k;
		s += k;
		n -= k;
		if (sp->wused == WBUF)
			w_flush(sp);
	}
}

static void
w_rec(struct spill *sp, const struct rec *r)
{
	char h[RHDR];
	uint64_t row = r->row;
	uint32_t pl = r->paykey ? PAY_KEY : r->plen;

	memcpy(h, &r->h, 8);
	memcpy(h + 8, &row, 8);
	memcpy(h + 16, &r->klen, 4);
	memcpy(h + 20, &pl, 4);
	w_put(sp, h, RHDR);
	w_put(sp, r->key, r->klen);
	if (!r->paykey)
		w_put(sp, r->pay, r->plen);
}

static void
add_run(struct spill *sp, off_t off, off_t len)
{
	sp->runs = xgrow(sp->runs, &sp->capruns, sp->nruns + 1,
	    sizeof(*sp->runs));
	sp->runs[sp->nruns].off = off;
	sp->runs[sp->nruns].len = len;
	sp->nruns++;
}

/* The buffer, sorted, as a new run. */
static void
spill_flush(struct spill *sp)
{
	struct rec r;
	off_t start;
	size_t i;

	if (sp->n == 0 || sp->err != 0 || spill_open(sp) != 0)
		return;
	spill_sort(sp);
	start = sp->woff = sp->end;
	for (i = 0; i < sp->n; i++) {
		rec_read(sp->buf + sp->idx[i].off, &r);
		w_rec(sp, &r);
	}
	w_flush(sp);
	sp->end = sp->woff;
	add_run(sp, start, sp->end - start);
	sp->used = sp->n = 0;
	sp->sorted = 0;
}

static void
spill_add(struct spill *sp, uint64_t h, unsigned long row, const char *key,
    size_t klen, const char *pay, size_t plen)
{
	uint32_t kl = (uint32_t)klen, pl = (uint32_t)plen;
	uint64_t r = row;
	size_t need;
	char *p;

	if (sp->err != 0)
		return;
	/* a unique field's text is often its key: stored once */
	if (plen == klen && (plen == 0 || memcmp(pay, key, plen) == 0)) {
		pl = PAY_KEY;
		plen = 0;
	}
	need = RHDR + klen + plen;
	/* the records, their index and the sort's copy of it */
	if (sp->n > 0 && sp->used + need + 2 * (sp->n + 1) *
	    sizeof(*sp->idx) > sp->mem.budget)
		spill_flush(sp);
	if (sp->used + need > sp->cap)
		sp->buf = xgrow(sp->buf, &sp->cap, sp->used + need, 1);
	if (sp->n >= sp->capidx)
		sp->idx = xgrow(sp->idx, &sp->capidx, sp->n + 1,
		    sizeof(*sp->idx));
	p = sp->buf + sp->used;
	memcpy(p, &h, 8);
	memcpy(p + 8, &r, 8);
	memcpy(p + 16, &kl, 4);
	memcpy(p + 20, &pl, 4);
	if (klen > 0)
		memcpy(p + RHDR, key, klen);
	if (plen > 0)
		memcpy(p + RHDR + klen, pay, plen);
	sp->idx[sp->n].h = h;
	sp->idx[sp->n].off = sp->used;
	sp->n++;
	sp->used += need;
	sp->sorted = 0;
}

/* A reader of one run. */
struct rdr {
	int		 fd;
	off_t		 pos, end;
	char		*b;
	size_t		 cap, lo, hi;
	int		*err;
};

static void
rdr_init(struct rdr *rd, const struct spill *sp, const struct run *run,
    int *err)
{
	memset(rd, 0, sizeof(*rd));
	rd->fd = sp->fd;
	rd->pos = run->off;
	rd->end = run->off + run->len;
	rd->cap = IOBUF;
	rd->b = xmalloc(rd->cap);
	rd->err = err;
}

/* At least n bytes buffered; 0, or -1 at the end or on an error. */
static int
rdr_fill(struct rdr *rd, size_t n)
{
	ssize_t k;

	if (rd->hi - rd->lo >= n)
		return 0;
	memmove(rd->b, rd->b + rd->lo, rd->hi - rd->lo);
	rd->hi -= rd->lo;
	rd->lo = 0;
	if (n > rd->cap)
		rd->b = xgrow(rd->b, &rd->cap, n, 1);
	while (rd->hi < n) {
		size_t want = rd->cap - rd->hi;

		if ((off_t)want > rd->end - rd->pos)
			want = (size_t)(rd->end - rd->pos);
		if (want == 0) {
			if (*rd->err == 0)
				*rd->err = EIO;	/* a run cut short */
			return -1;
		}
		k = pread(rd->fd, rd->b + rd->hi, want, rd->pos);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (*rd->err == 0)
				*rd->err = k < 0 ? errno : EIO;
			return -1;
		}
		rd->hi += (size_t)k;
		rd->pos += k;
	}
	return 0;
}

/* The next record (valid until the next call); 1, or 0 at the end. */
static int
rdr_next(struct rdr *rd, struct rec *r)
{
	uint32_t kl, pl;

	if (rd->lo == rd->hi && rd->pos == rd->end)
		return 0;
	if (rdr_fill(rd, RHDR) != 0)
		return 0;
	memcpy(&kl, rd->b + rd->lo + 16, 4);
	memcpy(&pl, rd->b + rd->lo + 20, 4);
	if (rdr_fill(rd, RHDR + rec_body(kl, pl)) != 0)
		return 0;
	rec_read(rd->b + rd->lo, r);
	rd->lo += RHDR + rec_body(kl, pl);
	return 1;
}

static void
rdr_release(struct rdr *rd)
{
	free(rd->b);
	rd->b = NULL;
}

/*
 * A reader of a finished spill, in order: the sorted buffer, or a merge
 * of runs through a binary min-heap of their readers.  A record stays
 * valid until the next call.
 */
struct cursor {
	struct spill	*sp;
	size_t		 i;		/* in the buffer */
	int		 file;
	struct rdr	*rd;
	struct rec	*cur;
	size_t		*heap;
	size_t		 nh;
	int		 last;		/* heap[0] was returned */
};

static void
heap_down(struct cursor *cu, size_t j)
{
	size_t c, t, nh = cu->nh, *heap = cu->heap;

	for (; (c = 2 * j + 1) < nh; j = c) {
		if (c + 1 < nh && rec_cmp(&cu->cur[heap[c + 1]],
		    &cu->cur[heap[c]]) < 0)
			c++;
		if (rec_cmp(&cu->cur[heap[c]], &cu->cur[heap[j]]) >= 0)
			break;
		t = heap[j], heap[j] = heap[c], heap[c] = t;
	}
}

/* Over runs [first, first + n), or the buffer when there are none. */
static void
cursor_init(struct cursor *cu, struct spill *sp, size_t first, size_t n)
{
	size_t i;

	memset(cu, 0, sizeof(*cu));
	cu->sp = sp;
	if (sp->nruns == 0)
		return;
	cu->file = 1;
	cu->rd = xcalloc(n + 1, sizeof(*cu->rd));
	cu->cur = xcalloc(n + 1, sizeof(*cu->cur));
	cu->heap = xcalloc(n + 1, sizeof(*cu->heap));
	for (i = 0; i < n; i++) {
		rdr_init(&cu->rd[i], sp, &sp->runs[first + i], &sp->err);
		if (rdr_next(&cu->rd[i], &cu->cur[i]))
			cu->heap[cu->nh++] = i;
	}
	for (i = cu->nh / 2; i-- > 0;)
		heap_down(cu, i);
}

static int
cursor_next(struct cursor *cu, struct rec *r)
{
	if (!cu->file) {
		if (cu->i >= cu->sp->n)
			return 0;
		rec_read(cu->sp->buf + cu->sp->idx[cu->i++].off, r);
		return 1;
	}
	if (cu->last) {
		size_t i = cu->heap[0];

		if (!rdr_next(&cu->rd[i], &cu->cur[i]))
			cu->heap[0] = cu->heap[--cu->nh];
		heap_down(cu, 0);
	}
	if (cu->nh == 0 || cu->sp->err != 0)
		return 0;
	*r = cu->cur[cu->heap[0]];
	cu->last = 1;
	return 1;
}

static void
cursor_release(struct cursor *cu, size_t n)
{
	size_t i;

	if (!cu->file)
		return;
	for (i = 0; i < n; i++)
		rdr_release(&cu->rd[i]);
	free(cu->rd);
	free(cu->cur);
	free(cu->heap);
}

/* Merge runs [first, first + n) into a new run at the end of the file. */
static void
merge_runs(struct spill *sp, size_t first, size_t n)
{
	struct cursor cu;
	struct rec r;
	off_t start = sp->end;

	sp->woff = sp->end;
	cursor_init(&cu, sp, first, n);
	while (cursor_next(&cu, &r))
		w_rec(sp, &r);
	cursor_release(&cu, n);
	w_flush(sp);
	sp->end = sp->woff;
	add_run(sp, start, sp->end - start);
}

/*
 * Everything added as a sorted sequence: the buffer when nothing was
 * written, else at most maxruns runs to merge as they are read (1 for a
 * set read again and again).  Merged runs' bytes stay in the file (it
 * is deleted at the end) rather than being reused: simpler, for about
 * twice the disk.
 */
static int
spill_finish(struct spill *sp, size_t maxruns)
{
	if (sp->err != 0)
		return -1;
	if (sp->nruns == 0) {
		spill_sort(sp);
		return 0;
	}
	if (sp->n > 0) {
		spill_flush(sp);
		free(sp->buf);
		free(sp->idx);
		free(sp->tmp);
		sp->buf = NULL;
		sp->idx = sp->tmp = NULL;
		sp->cap = sp->capidx = sp->captmp = 0;
	}
	while (sp->nruns > maxruns && sp->err == 0) {
		size_t n = sp->nruns, k, from = 0;

		for (k = 0; from < n && sp->err == 0; k++) {
			size_t m = n - from < FANIN ? n - from : FANIN;

			merge_runs(sp, from, m);
			from += m;
		}
		/* the new runs were appended after the n old ones */
		memmove(sp->runs, sp->runs + n, k * sizeof(*sp->runs));
		sp->nruns = k;
	}
	return sp->err != 0 ? -1 : 0;
}

/* --- the set ------------------------------------------------------------ */

struct kentry {
	uint64_t	 off;		/* in arena: uint32 length, bytes */
	unsigned long	 row;		/* the last row that had this key */
};

struct keyset {
	size_t		*cols;		/* fields of the key, in order */
	size_t		 ncols;
	uint64_t	*slot;		/* 0: empty */
	size_t		 cap;		/* slots, a power of two */
	int		 mapped;	/* slot is an mmap (big sets) */
	struct kentry	*ent;
	size_t		 n, capent;
	char		*arena;
	size_t		 used, caparena;
	struct keymem	 mem;
	struct spill	*sp;		/* once spilled */
};

struct keyset *
keyset_new(const size_t *cols, size_t ncols, const struct keymem *mem)
{
	struct keyset *ks = xcalloc(1, sizeof(*ks));

	ks->cols = xcalloc(ncols + 1, sizeof(size_t));
	if (ncols > 0)
		memcpy(ks->cols, cols, ncols * sizeof(size_t));
	ks->ncols = ncols;
	if (mem != NULL)
		ks->mem = *mem;
	if (ks->mem.budget == 0)
		ks->mem.budget = KEYMEM_DEFAULT;
	return ks;
}

const size_t *
keyset_cols(const struct keyset *ks, size_t *ncols)
{
	*ncols = ks->ncols;
	return ks->cols;
}

/*
 * Zeroed slots.  Big arrays come from mmap, already zero and asking for
 * huge pages: a new key's one random access then rarely misses the TLB.
 */
static uint64_t *
slots_alloc(size_t n, int *mapped)
{
	size_t bytes = n * sizeof(uint64_t);
	void *p;

	*mapped = 0;
	if (bytes >= SLOTS_MMAP) {
		p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
#ifdef MADV_HUGEPAGE
			(void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
			*mapped = 1;
			return p;
		}
	}
	return xcalloc(n, sizeof(uint64_t));
}

static void
slots_free(uint64_t *p, size_t n, int mapped)
{
	if (mapped)
		munmap(p, n * sizeof(uint64_t));
	else
		free(p);
}

static void
table_free(struct keyset *ks)
{
	if (ks->slot != NULL)
		slots_free(ks->slot, ks->cap, ks->mapped);
	free(ks->ent);
	free(ks->arena);
	ks->slot = NULL;
	ks->ent = NULL;
	ks->arena = NULL;
	ks->cap = ks->n = ks->capent = ks->used = ks->caparena = 0;
}

void
keyset_free(struct keyset *ks)
{
	if (ks == NULL)
		return;
	table_free(ks);
	if (ks->sp != NULL) {
		spill_release(ks->sp);
		free(ks->sp);
	}
	free(ks->cols);
	free(ks);
}

/* The slot tag of a hash: its upper half, never 0. */
static uint64_t
hash_tag(uint64_t h)
{
	uint64_t t = h >> 32;

	return (t != 0 ? t : 1) << 32;
}

/* New slots of cap (a power of two); the entries, in order, go in again. */
static void
keyset_rehash(struct keyset *ks, size_t cap)
{
	size_t i, j, m;
	uint32_t len;
	uint64_t h;

	if (ks->slot != NULL)
		slots_free(ks->slot, ks->cap, ks->mapped);
	ks->cap = cap;
	ks->slot = slots_alloc(ks->cap, &ks->mapped);
	m = ks->cap - 1;
	for (i = 0; i < ks->n; i++) {
		const char *k = ks->arena + ks->ent[i].off;

		memcpy(&len, k, sizeof(len));
		h = hash_fast(k + sizeof(len), len);
		for (j = h & m; ks->slot[j] != 0; j = (j + 1) & m)
			;
		ks->slot[j] = hash_tag(h) | (uint64_t)i;
	}
}

/* Bytes the table would hold with slots, entries and arena as given. */
static size_t
table_bytes(size_t cap, size_t capent, size_t caparena)
{
	return cap * sizeof(uint64_t) + capent * sizeof(struct kentry) +
	    caparena;
}

/* Room for n keys at most 3/4 full, as far as half the budget goes. */
void
keyset_reserve(struct keyset *ks, size_t n)
{
	size_t cap = ks->cap ? ks->cap : 1024;

	if (ks->sp != NULL)
		return;
	while (cap * 3 < n * 4 && cap < ((size_t)1 << 40) &&
	    cap * 2 * sizeof(uint64_t) <= ks->mem.budget / 2)
		cap *= 2;
	if (cap > ks->cap)
		keyset_rehash(ks, cap);
}

/* Find key; the slot index of it or of the empty slot where it goes. */
static size_t
keyset_find(const struct keyset *ks, const char *key, size_t len,
    uint64_t h, int *found)
{
	uint64_t tag = hash_tag(h), sl;
	size_t j, m = ks->cap - 1;
	uint32_t l;

	for (j = h & m; (sl = ks->slot[j]) != 0; j = (j + 1) & m) {
		const char *k;

		if ((sl & 0xFFFFFFFF00000000ull) != tag)
			continue;
		k = ks->arena + ks->ent[sl & 0xFFFFFFFFu].off;
		memcpy(&l, k, sizeof(l));
		if (l == len && memcmp(k + sizeof(l), key, len) == 0) {
			*found = 1;
			return j;
		}
	}
	*found = 0;
	return j;
}

/*
 * Leave the table for the spill: every key with its last row.  The
 * slots go first; while the entries and keys are still held, the spill
 * flushes at what is left of the budget, so the set never holds more.
 */
static void
keyset_spill(struct keyset *ks)
{
	size_t i, held;
	uint32_t len;

	slots_free(ks->slot, ks->cap, ks->mapped);
	ks->slot = NULL;
	ks->cap = 0;
	held = table_bytes(0, ks->capent, ks->caparena);
	ks->sp = xmalloc(sizeof(*ks->sp));
	spill_init(ks->sp, &ks->mem);
	ks->sp->mem.budget = ks->mem.budget > held + (64u << 10) ?
	    ks->mem.budget - held : 64u << 10;
	for (i = 0; i < ks->n; i++) {
		const char *k = ks->arena + ks->ent[i].off;

		memcpy(&len, k, sizeof(len));
		spill_add(ks->sp, hash_fast(k + sizeof(len), len),
		    ks->ent[i].row, k + sizeof(len), len, NULL, 0);
	}
	table_free(ks);
	ks->sp->mem.budget = ks->mem.budget;
}

/* Whether one more key of len bytes keeps the table within budget. */
static int
fits(const struct keyset *ks, size_t len)
{
	size_t cap = ks->cap, capent = ks->capent, capa = ks->caparena;

	if (cap == 0 || (ks->n + 1) * 4 > cap * 3)
		cap = cap ? cap * 2 : 1024;
	if (ks->n >= capent)
		capent = capent ? capent * 2 : 16;
	while (ks->used + sizeof(uint32_t) + len > capa)
		capa = capa ? capa * 2 : 64;
	return table_bytes(cap, capent, capa) <= ks->mem.budget;
}

unsigned long
keyset_add(struct keyset *ks, const char *key, size_t len, uint64_t h,
    unsigned long row, const char *payload, size_t plen)
{
	struct kentry *e;
	unsigned long prev;
	uint32_t l = (uint32_t)len;
	size_t j;
	int found;

	if (ks->sp == NULL && ks->cap > 0) {
		j = keyset_find(ks, key, len, h, &found);
		if (found) {
			e = &ks->ent[ks->slot[j] & 0xFFFFFFFFu];
			prev = e->row;
			e->row = row;
			return prev;
		}
	}
	if (ks->sp == NULL && !fits(ks, len))
		keyset_spill(ks);
	if (ks->sp != NULL) {
		spill_add(ks->sp, h, row, key, len, payload, plen);
		return 0;
	}
	if (ks->cap == 0 || (ks->n + 1) * 4 > ks->cap * 3)
		keyset_rehash(ks, ks->cap ? ks->cap * 2 : 1024);
	j = keyset_find(ks, key, len, h, &found);
	if (ks->n >= ks->capent)
		ks->ent = xgrow(ks->ent, &ks->capent, ks->n + 1,
		    sizeof(*ks->ent));
	if (ks->used + sizeof(l) + len > ks->caparena)
		ks->arena = xgrow(ks->arena, &ks->caparena,
		    ks->used + sizeof(l) + len, 1);
	e = &ks->ent[ks->n];
	e->off = ks->used;
	e->row = row;
	memcpy(ks->arena + ks->used, &l, sizeof(l));
	if (len > 0)
		memcpy(ks->arena + ks->used + sizeof(l), key, len);
	ks->used += sizeof(l) + len;
	ks->slot[j] = hash_tag(h) | (uint64_t)ks->n;
	ks->n++;
	return 0;
}

void
keyset_prefetch(const struct keyset *ks, uint64_t h)
{
	if (ks->cap > 0)
		__builtin_prefetch(&ks->slot[h & (ks->cap - 1)]);
}

int
keyset_spilled(const struct keyset *ks)
{
	return ks->sp != NULL;
}

int
keyset_has(const struct keyset *ks, const char *key, size_t len)
{
	int found;

	if (ks->cap == 0)
		return 0;
	keyset_find(ks, key, len, hash_fast(key, len), &found);
	return found;
}

int
keyset_finish(struct keyset *ks, int again, void (*fn)(void *,
    unsigned long, unsigned long, const char *, size_t), void *arg)
{
	struct cursor cu;
	struct rec r, prev;
	char *pk = NULL;
	size_t cappk = 0;
	int have = 0;

	if (ks->sp == NULL)
		return 0;
	if (spill_finish(ks->sp, again ? 1 : FANIN) != 0)
		return -1;
	if (fn == NULL)
		return 0;
	memset(&prev, 0, sizeof(prev));
	cursor_init(&cu, ks->sp, 0, ks->sp->nruns);
	while (cursor_next(&cu, &r)) {
		if (have && key_cmp(&r, &prev) == 0)
			fn(arg, r.row, prev.row, r.pay, r.plen);
		else {
			/* keep this key: the reader's buffer moves on */
			if (r.klen > cappk)
				pk = xgrow(pk, &cappk, r.klen, 1);
			if (r.klen > 0)
				memcpy(pk, r.key, r.klen);
			prev.h = r.h;
			prev.klen = r.klen;
			prev.key = pk;
			have = 1;
		}
		prev.row = r.row;
	}
	cursor_release(&cu, ks->sp->nruns);
	free(pk);
	return ks->sp->err != 0 ? -1 : 0;
}

int
keyset_status(const struct keyset *ks, const char **path)
{
	if (ks->sp == NULL || ks->sp->err == 0)
		return 0;
	*path = ks->sp->path != NULL ? ks->sp->path : "temporary file";
	return ks->sp->err;
}

/* --- probes --------------------------------------------------------------- */

struct keyprobe {
	struct spill	 sp;
};

struct keyprobe *
keyprobe_new(const struct keymem *mem)
{
	struct keyprobe *p = xmalloc(sizeof(*p));

	spill_init(&p->sp, mem);
	return p;
}

void
keyprobe_free(struct keyprobe *p)
{
	if (p == NULL)
		return;
	spill_release(&p->sp);
	free(p);
}

void
keyprobe_add(struct keyprobe *p, const char *key, size_t len, uint64_t h,
    unsigned long row, const char *payload, size_t plen)
{
	spill_add(&p->sp, h, row, key, len, payload, plen);
}

int
keyprobe_misses(struct keyprobe *p, struct keyset *ks,
    void (*fn)(void *, unsigned long, const char *, size_t), void *arg)
{
	struct cursor pc, tc;
	struct rec r, t;
	int more = 0;

	if (spill_finish(&p->sp, FANIN) != 0)
		return -1;
	cursor_init(&pc, &p->sp, 0, p->sp.nruns);
	if (ks->sp == NULL) {
		while (cursor_next(&pc, &r))
			if (!keyset_has(ks, r.key, r.klen))
				fn(arg, r.row, r.pay, r.plen);
		cursor_release(&pc, p->sp.nruns);
		return p->sp.err != 0 ? -1 : 0;
	}
	if (spill_finish(ks->sp, 1) != 0) {
		cursor_release(&pc, p->sp.nruns);
		return -1;
	}
	cursor_init(&tc, ks->sp, 0, ks->sp->nruns);
	more = cursor_next(&tc, &t);
	while (cursor_next(&pc, &r)) {
		while (more && key_cmp(&t, &r) < 0)
			more = cursor_next(&tc, &t);
		if (!more || key_cmp(&t, &r) != 0)
			fn(arg, r.row, r.pay, r.plen);
	}
	cursor_release(&pc, p->sp.nruns);
	cursor_release(&tc, ks->sp->nruns);
	return p->sp.err != 0 || ks->sp->err != 0 ? -1 : 0;
}

int
keyprobe_status(const struct keyprobe *p, const char **path)
{
	if (p->sp.err == 0)
		return 0;
	*path = p->sp.path != NULL ? p->sp.path : "temporary file";
	return p->sp.err;
}
