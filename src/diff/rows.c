/*
 * rows: the rows of a table on two sides, compared (see diff.h):
 * streaming each side's CSV, the map of keys to row digests, the rows
 * added, removed and changed, spilled to a temporary file and read
 * back as row views.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "diff/diff_int.h"
#include "lib/buf.h"
#include "lib/csvread.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/hash.h"
#include "lib/xalloc.h"
#include "validate/schema.h"

#define DIG_BYTES	16		/* of a row's SHA-256 kept */
#define HEADER_MAX	4096		/* columns of a CSV header */
#define MAP_MIN		64

/* --- reading tables ------------------------------------------------------- */

struct reader {
	const char		*path;
	const struct schema	*s;
	struct buf		 data;		/* the record's cells */
	size_t			*off;		/* ncells + 1 offsets */
	size_t			 ncells, cap;
	int			 overflow;
	size_t			*fcol;		/* column of each field */
	size_t			 ncols;		/* 0 before the header */
	unsigned long		 rec;
	int			 err;
	int			(*fn)(struct reader *, void *);
	void			*arg;
};

static void
rd_cell(void *arg, const char *s, size_t n)
{
	struct reader *r = arg;
	size_t lim = r->ncols > 0 ? r->ncols : HEADER_MAX;

	if (r->err)
		return;
	if (r->ncells >= lim) {
		r->overflow = 1;
		return;
	}
	if (r->ncells + 2 > r->cap)
		r->off = xgrow(r->off, &r->cap, r->ncells + 2,
		    sizeof(*r->off));
	r->off[r->ncells] = r->data.len;
	buf_add(&r->data, s, n);
	r->ncells++;
	r->off[r->ncells] = r->data.len;
}

static const char *
rd_val(const struct reader *r, size_t field, size_t *n)
{
	size_t c = r->fcol[field];

	*n = r->off[c + 1] - r->off[c];
	return r->data.s != NULL ? r->data.s + r->off[c] : "";
}

static int
rd_missing(const struct reader *r, size_t field)
{
	size_t n;
	const char *v = rd_val(r, field, &n);

	return schema_is_missing(r->s, v, n);
}

static int
rd_header(struct reader *r)
{
	const struct schema *s = r->s;
	size_t i, c, n;
	const char *v;

	if (r->overflow) {
		diag(DIAG_USAGE, r->path, 1, "header of more than %d columns",
		    HEADER_MAX);
		return -1;
	}
	r->fcol = xcalloc(s->nfields + 1, sizeof(*r->fcol));
	for (i = 0; i < s->nfields; i++) {
		r->fcol[i] = r->ncells;
		for (c = 0; c < r->ncells; c++) {
			n = r->off[c + 1] - r->off[c];
			v = r->data.s + r->off[c];
			if (n != strlen(s->fields[i].name) ||
			    memcmp(v, s->fields[i].name, n) != 0)
				continue;
			if (r->fcol[i] != r->ncells) {
				diag(DIAG_USAGE, r->path, 1, "column '%s' "
				    "appears twice in the header",
				    s->fields[i].name);
				return -1;
			}
			r->fcol[i] = c;
		}
		if (r->fcol[i] == r->ncells) {
			diag(DIAG_USAGE, r->path, 1, "no column for the "
			    "schema's field '%s'", s->fields[i].name);
			return -1;
		}
	}
	r->ncols = r->ncells;
	return 0;
}

static void
rd_row(void *arg, size_t ncells)
{
	struct reader *r = arg;

	(void)ncells;
	if (r->err)
		return;
	r->rec++;
	if (r->ncells == 0 && !r->overflow)
		;	/* a blank line: no row */
	else if (r->ncols == 0) {
		if (rd_header(r) != 0)
			r->err = 1;
	} else if (r->overflow || r->ncells != r->ncols) {
		diag(DIAG_USAGE, r->path, r->rec, "row has %s%zu cells, the "
		    "header %zu", r->overflow ? "more than " : "", r->ncells,
		    r->ncols);
		r->err = 1;
	} else if (r->fn(r, r->arg) != 0)
		r->err = 1;
	buf_reset(&r->data);
	r->ncells = 0;
	r->overflow = 0;
}

static int
rd_stop(void *arg)
{
	return ((struct reader *)arg)->err;
}

/* Stream the table at path, calling fn for every row after the header. */
int
diff_read_table(const char *path, const struct schema *s,
    int (*fn)(struct reader *, void *), void *arg)
{
	static const struct csvread_cb cb = {
		rd_cell, rd_row, rd_stop, NULL
	};
	struct csvread_result res;
	struct reader r;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.path = path;
	r.s = s;
	r.fn = fn;
	r.arg = arg;
	buf_init(&r.data);
	if (csvread_file(path, &cb, &r, &res) != 0 || r.err)
		goto out;
	switch (res.status) {
	case CSVREAD_OK:
		if (r.ncols == 0)
			diag(DIAG_USAGE, path, 0, "no header row");
		else
			rc = 0;
		break;
	case CSVREAD_EMPTY:
		diag(DIAG_USAGE, path, 0, "empty file: no header row");
		break;
	case CSVREAD_UNTERMINATED:
		diag(DIAG_USAGE, path, res.records + 1, "quoted cell not "
		    "closed at the end of the file");
		break;
	case CSVREAD_TOOBIG:
		diag(DIAG_USAGE, path, res.records + 1, "cell of more than "
		    "%lu bytes", (unsigned long)CSVREAD_CELL_MAX);
		break;
	}
out:
	buf_release(&r.data);
	free(r.off);
	free(r.fcol);
	return rc;
}

int
diff_count_row(struct reader *r, void *arg)
{
	(void)r;
	(*(unsigned long long *)arg)++;
	return 0;
}

/* --- the key map ---------------------------------------------------------- */

struct entry {
	unsigned long long	 hash;
	long long		 oldoff, newoff;
	unsigned long		 nold, nnew;
	unsigned long		 oldrec, newrec;
	unsigned char		 dig[DIG_BYTES];
	unsigned char		 changed;
	size_t			 keylen;
	char			 key[];
};

struct map {
	struct entry	**slot;
	size_t		  size, n;
};

static void
map_release(struct map *m)
{
	size_t i;

	for (i = 0; i < m->size; i++)
		free(m->slot[i]);
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

static void
map_grow(struct map *m)
{
	struct entry **old = m->slot;
	size_t i, j, osize = m->size;

	m->size = osize > 0 ? osize * 2 : MAP_MIN;
	m->slot = xcalloc(m->size, sizeof(*m->slot));
	for (i = 0; i < osize; i++) {
		if (old[i] == NULL)
			continue;
		for (j = old[i]->hash & (m->size - 1); m->slot[j] != NULL;
		    j = (j + 1) & (m->size - 1))
			continue;
		m->slot[j] = old[i];
	}
	free(old);
}

static struct entry *
map_find(const struct map *m, const char *key, size_t n,
    unsigned long long h)
{
	size_t j;

	if (m->size == 0)
		return NULL;
	for (j = h & (m->size - 1); m->slot[j] != NULL;
	    j = (j + 1) & (m->size - 1))
		if (m->slot[j]->hash == h && m->slot[j]->keylen == n &&
		    memcmp(m->slot[j]->key, key, n) == 0)
			return m->slot[j];
	return NULL;
}

static struct entry *
map_add(struct map *m, const char *key, size_t n, unsigned long long h)
{
	struct entry *e;
	size_t j;

	if ((e = map_find(m, key, n, h)) != NULL)
		return e;
	if (2 * (m->n + 1) > m->size)
		map_grow(m);
	e = xcalloc(1, sizeof(*e) + n + 1);
	e->hash = h;
	e->oldoff = e->newoff = -1;
	e->keylen = n;
	memcpy(e->key, key, n);
	for (j = h & (m->size - 1); m->slot[j] != NULL;
	    j = (j + 1) & (m->size - 1))
		continue;
	m->slot[j] = e;
	m->n++;
	return e;
}

/* --- comparing rows ------------------------------------------------------- */

/* How one side's fields map to the comparison. */
struct tside {
	const struct schema	*s;
	const char		*path;
	size_t			*keyf;		/* nkey field indices */
	size_t			*comf;		/* ncom field indices */
};

struct rowcmp {
	struct diff		*d;
	struct diff_table	*t;
	struct tside		 side[2];	/* old, new */
	size_t			 ncom;
	struct map		 map;
	struct buf		 key, row;
	struct digest		*dg;
	int			 pass;		/* 0 old, 1 new, 2 old again */
};

/*
 * The key fields, each byte escaped (0x00 -> 01 01, 0x01 -> 01 02) and
 * joined by 0x00, so that comparing encodings as bytes compares the
 * fields left to right.
 */
static void
encode_key(struct rowcmp *c, const struct reader *r, const size_t *fields,
    size_t n)
{
	const char *v;
	size_t i, j, len;

	buf_reset(&c->key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&c->key, 0);
		v = rd_val(r, fields[i], &len);
		for (j = 0; j < len; j++) {
			if ((unsigned char)v[j] <= 1) {
				buf_addc(&c->key, 1);
				buf_addc(&c->key, v[j] + 1);
			} else
				buf_addc(&c->key, v[j]);
		}
	}
}

static void
put_len(struct buf *b, uint64_t n)
{
	unsigned char x[8];
	int i;

	for (i = 0; i < 8; i++)
		x[i] = (unsigned char)(n >> (8 * i));
	buf_add(b, x, 8);
}

/* The digest of the common fields: (missing | value length bytes)... */
static void
row_digest(struct rowcmp *c, const struct reader *r, const size_t *comf,
    unsigned char out[DIG_BYTES])
{
	char hex[DIGEST_HEX_MAX];
	const char *v;
	size_t i, len;

	buf_reset(&c->row);
	for (i = 0; i < c->ncom; i++) {
		if (rd_missing(r, comf[i])) {
			buf_addc(&c->row, 0);
			continue;
		}
		v = rd_val(r, comf[i], &len);
		buf_addc(&c->row, 1);
		put_len(&c->row, len);
		buf_add(&c->row, v, len);
	}
	digest_update(c->dg, c->row.s != NULL ? c->row.s : "", c->row.len);
	digest_final(c->dg, hex);
	for (i = 0; i < DIG_BYTES; i++)
		out[i] = (unsigned char)(((hex[2 * i] <= '9' ? hex[2 * i] -
		    '0' : hex[2 * i] - 'a' + 10) << 4) | (hex[2 * i + 1] <=
		    '9' ? hex[2 * i + 1] - '0' : hex[2 * i + 1] - 'a' + 10));
}

/* Write every field of a row to the spill file; its offset, or -1. */
static long long
spill_row(struct diff *d, const struct reader *r)
{
	const char *v;
	struct buf b;
	size_t i, len;
	long long off;
	int ok;

	if ((off = ftello(d->spill)) < 0) {
		diag_errno(errno, NULL, "temporary file");
		return -1;
	}
	buf_init(&b);
	for (i = 0; i < r->s->nfields; i++) {
		v = rd_val(r, i, &len);
		if (rd_missing(r, i)) {
			buf_addc(&b, 0);
			continue;
		}
		buf_addc(&b, 1);
		put_len(&b, len);
		buf_add(&b, v, len);
	}
	ok = b.len == 0 || fwrite(b.s, 1, b.len, d->spill) == b.len;
	buf_release(&b);
	if (!ok) {
		diag_errno(errno, NULL, "cannot write a temporary file");
		return -1;
	}
	return off;
}

static int
dup_key(struct rowcmp *c, const struct reader *r, unsigned long first)
{
	diag(DIAG_USAGE, r->path, r->rec, "primary key of %s repeats that "
	    "of row %lu: not a usable release", c->t->name, first);
	return -1;
}

static const char *
key_of(const struct rowcmp *c)
{
	return c->key.s != NULL ? c->key.s : "";
}

/* Is the old row of e wanted (removed or changed)? */
static int
needs_old(const struct diff_table *t, const struct entry *e)
{
	if (t->keyless)
		return e->nold > e->nnew;
	return e->nnew == 0 || e->changed;
}

static int
on_row(struct reader *r, void *arg)
{
	struct rowcmp *c = arg;
	struct tside *sd = &c->side[c->pass == 1];
	struct diff_table *t = c->t;
	unsigned char dig[DIG_BYTES];
	unsigned long long h;
	struct entry *e;

	encode_key(c, r, sd->keyf, t->nkey);
	h = hash_fnv1a(key_of(c), c->key.len);
	if (c->pass == 2) {
		e = map_find(&c->map, key_of(c), c->key.len, h);
		if (e == NULL || e->oldoff >= 0 || !needs_old(t, e))
			return 0;
		return (e->oldoff = spill_row(c->d, r)) < 0 ? -1 : 0;
	}
	e = map_add(&c->map, key_of(c), c->key.len, h);
	if (c->pass == 0) {
		if (e->nold++ > 0 && !t->keyless)
			return dup_key(c, r, e->oldrec);
		e->oldrec = r->rec;
		t->nold++;
		if (!t->keyless)
			row_digest(c, r, sd->comf, e->dig);
		return 0;
	}
	if (e->nnew++ > 0 && !t->keyless)
		return dup_key(c, r, e->newrec);
	e->newrec = r->rec;
	t->nnew++;
	if (t->keyless) {
		if (e->nnew > e->nold && e->newoff < 0 &&
		    (e->newoff = spill_row(c->d, r)) < 0)
			return -1;
		return 0;
	}
	if (e->nold > 0) {
		row_digest(c, r, sd->comf, dig);
		if (memcmp(dig, e->dig, DIG_BYTES) == 0)
			return 0;
		e->changed = 1;
	}
	return (e->newoff = spill_row(c->d, r)) < 0 ? -1 : 0;
}

static int
row_order(const void *a, const void *b)
{
	const struct diff_row *x = a, *y = b;
	int r = diff_key_cmp(x->key, y->key, x->keylen, y->keylen);

	if (r != 0)
		return r;
	return (int)x->op - (int)y->op;
}

/* The fields to match rows on, and each side's view of the table. */
static void
choose_key(struct rowcmp *c)
{
	const struct schema *so = c->side[0].s, *sn = c->side[1].s;
	const struct schema *ks = NULL;
	struct diff_table *t = c->t;
	size_t i, k;

	for (i = 0; i < sn->npkey; i++)
		if (schema_field_index(so, sn->fields[sn->pkey[i]].name) < 0)
			break;
	if (sn->npkey > 0 && i == sn->npkey)
		ks = sn;
	else {
		for (i = 0; i < so->npkey; i++)
			if (schema_field_index(sn,
			    so->fields[so->pkey[i]].name) < 0)
				break;
		if (so->npkey > 0 && i == so->npkey)
			ks = so;
	}
	for (i = 0; i < so->nfields; i++)
		if (schema_field_index(sn, so->fields[i].name) >= 0)
			c->ncom++;
	t->keyless = ks == NULL;
	t->nkey = ks != NULL ? ks->npkey : c->ncom;
	t->key = xcalloc(t->nkey + 1, sizeof(*t->key));
	for (k = 0; k < 2; k++) {
		c->side[k].keyf = xcalloc(t->nkey + 1, sizeof(size_t));
		c->side[k].comf = xcalloc(c->ncom + 1, sizeof(size_t));
	}
	for (i = 0, k = 0; i < so->nfields; i++) {
		long j = schema_field_index(sn, so->fields[i].name);

		if (j < 0)
			continue;
		c->side[0].comf[k] = i;
		c->side[1].comf[k] = (size_t)j;
		if (ks == NULL)
			t->key[k] = xstrdup(so->fields[i].name);
		k++;
	}
	if (ks == NULL) {
		for (k = 0; k < 2; k++)
			memcpy(c->side[k].keyf, c->side[k].comf,
			    c->ncom * sizeof(size_t));
		return;
	}
	for (i = 0; i < ks->npkey; i++) {
		const char *name = ks->fields[ks->pkey[i]].name;

		t->key[i] = xstrdup(name);
		c->side[0].keyf[i] = (size_t)schema_field_index(so, name);
		c->side[1].keyf[i] = (size_t)schema_field_index(sn, name);
	}
}

static void
add_row(struct diff_table *t, size_t *cap, const struct entry *e,
    enum diff_op op, unsigned long count)
{
	struct diff_row *r;

	t->rows = xgrow(t->rows, cap, t->nrows + 1, sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	r->op = op;
	r->count = count;
	r->key = xmalloc(e->keylen + 1);
	memcpy(r->key, e->key, e->keylen);
	r->key[e->keylen] = '\0';
	r->keylen = e->keylen;
	r->oldoff = e->oldoff;
	r->newoff = e->newoff;
	if (op == DIFF_ADDED)
		t->nadded += count;
	else if (op == DIFF_REMOVED)
		t->nremoved += count;
	else
		t->nchanged += count;
}

int
diff_rows_compare(struct diff *d, struct diff_table *t,
    const struct side_table *o, const struct side_table *n)
{
	struct rowcmp c;
	struct entry *e;
	size_t i, cap = 0;
	int need_old = 0, rc = -1;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.t = t;
	c.side[0].s = o->schema;
	c.side[0].path = o->path;
	c.side[1].s = n->schema;
	c.side[1].path = n->path;
	buf_init(&c.key);
	buf_init(&c.row);
	c.dg = digest_new(DIGEST_SHA256);
	choose_key(&c);
	if (diff_read_table(o->path, o->schema, on_row, &c) != 0)
		goto out;
	c.pass = 1;
	if (diff_read_table(n->path, n->schema, on_row, &c) != 0)
		goto out;
	for (i = 0; i < c.map.size; i++)
		if ((e = c.map.slot[i]) != NULL && needs_old(t, e))
			need_old = 1;
	c.pass = 2;
	if (need_old && diff_read_table(o->path, o->schema, on_row, &c) != 0)
		goto out;
	for (i = 0; i < c.map.size; i++) {
		if ((e = c.map.slot[i]) == NULL)
			continue;
		if (t->keyless) {
			if (e->nnew > e->nold)
				add_row(t, &cap, e, DIFF_ADDED,
				    e->nnew - e->nold);
			else if (e->nold > e->nnew)
				add_row(t, &cap, e, DIFF_REMOVED,
				    e->nold - e->nnew);
		} else if (e->nold == 0)
			add_row(t, &cap, e, DIFF_ADDED, 1);
		else if (e->nnew == 0)
			add_row(t, &cap, e, DIFF_REMOVED, 1);
		else if (e->changed)
			add_row(t, &cap, e, DIFF_CHANGED, 1);
	}
	if (t->nrows > 1)
		qsort(t->rows, t->nrows, sizeof(*t->rows), row_order);
	rc = 0;
out:
	map_release(&c.map);
	for (i = 0; i < 2; i++) {
		free(c.side[i].keyf);
		free(c.side[i].comf);
	}
	buf_release(&c.key);
	buf_release(&c.row);
	digest_free(c.dg);
	return rc;
}

/* --- row views ------------------------------------------------------------ */

/* Read one spilled row of nf fields: vals[i] NULL when missing. */
static int
read_spill(const struct diff *d, long long off, size_t nf, char **vals,
    size_t *lens)
{
	unsigned char x[8];
	uint64_t n;
	size_t i = 0;
	int k, c;

	if (fseeko(d->spill, (off_t)off, SEEK_SET) != 0)
		goto err;
	for (i = 0; i < nf; i++) {
		if ((c = getc(d->spill)) == EOF)
			goto err;
		if (c == 0) {
			vals[i] = NULL;
			lens[i] = 0;
			continue;
		}
		if (fread(x, 1, 8, d->spill) != 8)
			goto err;
		for (n = 0, k = 7; k >= 0; k--)
			n = n << 8 | x[k];
		if (n > CSVREAD_CELL_MAX)
			goto err;
		vals[i] = xmalloc((size_t)n + 1);
		if (n > 0 && fread(vals[i], 1, (size_t)n, d->spill) != n) {
			free(vals[i]);
			vals[i] = NULL;
			goto err;
		}
		vals[i][n] = '\0';
		lens[i] = (size_t)n;
	}
	return 0;
err:
	while (i-- > 0)
		free(vals[i]);
	diag(DIAG_SYS, NULL, 0, "cannot read back a temporary file");
	return -1;
}

static int
same_val(const char *a, size_t la, const char *b, size_t lb)
{
	if (a == NULL || b == NULL)
		return a == b;
	return la == lb && memcmp(a, b, la) == 0;
}

static int
is_key(const struct diff_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nkey; i++)
		if (strcmp(t->key[i], name) == 0)
			return 1;
	return 0;
}

int
diff_row_view(const struct diff *d, const struct diff_table *t,
    const struct diff_row *r, struct diff_rowview *v)
{
	const struct schema *so = t->old_schema, *sn = t->new_schema;
	const struct schema *ks = r->op == DIFF_REMOVED ? so : sn;
	char **ov = NULL, **nv = NULL, **kv;
	size_t *ol = NULL, *nl = NULL, i, k, nf;
	long j;

	memset(v, 0, sizeof(*v));
	if (r->op != DIFF_ADDED) {
		ov = xcalloc(so->nfields + 1, sizeof(*ov));
		ol = xcalloc(so->nfields + 1, sizeof(*ol));
		if (read_spill(d, r->oldoff, so->nfields, ov, ol) != 0)
			goto fail;
	}
	if (r->op != DIFF_REMOVED) {
		nv = xcalloc(sn->nfields + 1, sizeof(*nv));
		nl = xcalloc(sn->nfields + 1, sizeof(*nl));
		if (read_spill(d, r->newoff, sn->nfields, nv, nl) != 0)
			goto fail;
	}
	kv = r->op == DIFF_REMOVED ? ov : nv;
	v->nkey = t->nkey;
	v->kname = xcalloc(t->nkey + 1, sizeof(*v->kname));
	v->kval = xcalloc(t->nkey + 1, sizeof(*v->kval));
	v->klen = xcalloc(t->nkey + 1, sizeof(*v->klen));
	for (i = 0; i < t->nkey; i++) {
		j = schema_field_index(ks, t->key[i]);
		v->kname[i] = t->key[i];
		if (kv[j] == NULL)
			continue;
		v->klen[i] = r->op == DIFF_REMOVED ? ol[j] : nl[j];
		v->kval[i] = xmalloc(v->klen[i] + 1);
		memcpy(v->kval[i], kv[j], v->klen[i] + 1);
	}
	nf = ks->nfields;
	v->name = xcalloc(nf + 1, sizeof(*v->name));
	v->oldv = xcalloc(nf + 1, sizeof(*v->oldv));
	v->newv = xcalloc(nf + 1, sizeof(*v->newv));
	v->oldlen = xcalloc(nf + 1, sizeof(*v->oldlen));
	v->newlen = xcalloc(nf + 1, sizeof(*v->newlen));
	for (i = 0, k = 0; i < nf; i++) {
		const char *name = ks->fields[i].name;

		if (is_key(t, name))
			continue;
		if (r->op == DIFF_CHANGED) {
			if ((j = schema_field_index(so, name)) < 0 ||
			    same_val(ov[j], ol[j], nv[i], nl[i]))
				continue;
			v->name[k] = name;
			v->oldv[k] = ov[j];
			v->oldlen[k] = ol[j];
			ov[j] = NULL;
			v->newv[k] = nv[i];
			v->newlen[k] = nl[i];
			nv[i] = NULL;
		} else if (r->op == DIFF_ADDED) {
			v->name[k] = name;
			v->newv[k] = nv[i];
			v->newlen[k] = nl[i];
			nv[i] = NULL;
		} else {
			v->name[k] = name;
			v->oldv[k] = ov[i];
			v->oldlen[k] = ol[i];
			ov[i] = NULL;
		}
		k++;
	}
	v->n = k;
	for (i = 0; ov != NULL && i < so->nfields; i++)
		free(ov[i]);
	for (i = 0; nv != NULL && i < sn->nfields; i++)
		free(nv[i]);
	free(ov);
	free(nv);
	free(ol);
	free(nl);
	return 0;
fail:
	free(ov);
	free(nv);
	free(ol);
	free(nl);
	return -1;
}

void
diff_rowview_release(struct diff_rowview *v)
{
	size_t i;

	for (i = 0; i < v->nkey; i++)
		free(v->kval[i]);
	for (i = 0; i < v->n; i++) {
		free(v->oldv[i]);
		free(v->newv[i]);
	}
	free(v->kname);
	free(v->kval);
	free(v->klen);
	free(v->name);
	free(v->oldv);
	free(v->newv);
	free(v->oldlen);
	free(v->newlen);
	memset(v, 0, sizeof(*v));
}
