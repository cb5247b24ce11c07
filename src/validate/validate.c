/*
 * validate: the row loop over csvread, the key sets (keyset.c), and the
 * passes over the resources; the report they fill (the error catalogue,
 * storing and printing) is vreport.c's, shared through validate_int.h.
 *
 * Per record: cells are checked as they arrive (UTF-8, missing value,
 * cast, constraints) and their errors wait in a small per-row list, so a
 * blank row can replace them as the reference does; at the end of the
 * record come the missing cells, then unique fields, the primary key and
 * the foreign keys.  Nothing is allocated per cell: the per-field key
 * buffers are reused, errors are the only allocations.
 *
 * Foreign keys: the target of a key (a resource and a list of fields) is
 * a key set filled while that resource is validated; when the target
 * comes later in the list or is the resource itself, a quiet first pass
 * over it fills the set beforehand (as frictionless-py reads the
 * referenced resource first).
 *
 * A key set that spills (keyset.h) finds repeated keys and foreign-key
 * misses after the last row; those errors are merged by row with the
 * others and the error limit is applied to the whole (merge_deferred),
 * so the report does not depend on memory.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lib/buf.h"
#include "lib/csvread.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/hash.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "validate/keyset.h"
#include "validate/schema.h"
#include "validate/validate.h"
#include "validate/validate_int.h"

#define CELL_SHOWN	1024		/* bytes of a cell kept in an error */
#define KEY_NULL	0xFFFFFFFFu	/* a null part of a composite key */
#define SIZE_ROWS	4096		/* rows read before sizing key sets */

/* --- the row loop ---------------------------------------------------- */

/*
 * A printable copy of a cell for the report: at most CELL_SHOWN bytes
 * (cut on a character, then "..."), bad bytes and NUL as U+FFFD.
 */
static char *
cell_copy(const char *s, size_t n)
{
	struct buf b;
	size_t i = 0, k;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (i < n) {
		if (b.len >= CELL_SHOWN) {
			buf_adds(&b, "\xE2\x80\xA6");
			break;
		}
		if (s[i] == '\0' || utf8_get(s, n, i, &k) < 0) {
			buf_adds(&b, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		buf_add(&b, s + i, k);
		i += k;
	}
	return buf_detach(&b);
}

/* An error of the current row, owned until flushed into the report. */
struct pend {
	enum verror_type type;
	size_t		 field;		/* 1-based; 0 none */
	char		*cell;
	char		*note;
};

struct fstate {
	int		 null;		/* null in this row (for keys) */
	int		 active;	/* checked in this pass */
	int		 plain;		/* a string with nothing to check */
	int		 checks;	/* constraints beyond required */
	int		 need_key;	/* keep the cast value's key */
	int		 keep_raw;	/* keep the text (unique, fk) */
	int		 last_ok;	/* raw passed every check; key is its */
	int		 cache;		/* remember the last value (raw) */
	unsigned long	 hits, misses;
	struct keyset	*solo;		/* a set keyed by this field alone */
	uint64_t	 hash;		/* of key, for solo */
	struct buf	 key;		/* key of the cast value */
	struct buf	 raw;		/* the last text cast */
};

/* A key set that some foreign key points at. */
struct target {
	size_t		 res;		/* resource index */
	struct keyset	*ks;
	int		 complete;
};

/* A key set used in a pass, with this row's outcome. */
struct pset {
	struct keyset	*ks;
	int		 target;	/* a target: owned by the targets */
	int		 allnull;
	unsigned long	 prev;		/* row that had the key before */
};

struct vctx {
	struct vreport		*rep;
	const struct vresource	*res;
	size_t			 task;
	const struct schema	*sc;
	size_t			 nf;
	int			 quiet;		/* no errors (any more) */
	int			 lookup;	/* a lookup pass: never errors */
	int			 skip;		/* stopped */
	int			 limited;
	int			 empty_is_missing_only;
	unsigned long		 rowno;		/* record being read */
	unsigned long long	 fsize;		/* the file's size in bytes */
	unsigned long long	 seen;		/* bytes of cells read, about */
	size_t			 ncell;
	size_t			 nblank;
	struct fstate		*fs;
	/* header */
	char			**labels;	/* the first nkept labels */
	size_t			 nlabels, nkept, caplabels;
	/* errors of the current row */
	struct pend		*pend;
	size_t			 npend, cappend;
	/* key sets of this pass */
	struct pset		*ps;
	size_t			 nps;
	long			*uniq;		/* per field: ps index, -1 */
	long			 pk;		/* index in ps or -1 */
	size_t			 nbuild;	/* target sets filled here */
	struct keyset		**fkset;	/* per foreign key, or NULL */
	struct buf		*fklast;	/* per foreign key: last key */
	int			*fkfound;	/* 1 found, 0 not, -1 no last */
	struct buf		 kb;		/* composite key scratch */
	struct keyprobe		**fkprobe;	/* per foreign key to a spilled
						   target, or NULL */
	struct buf		 pay;		/* a probe's payload scratch */
	size_t			 err0;		/* the first error of the rows */
	unsigned long		 limit_row;	/* where the limit was reached */
	struct digest		*dg;		/* the resource's hash */
	const struct vfixity	*fix;		/* or NULL */
};

static void
ctx_chunk(void *arg, const char *s, size_t n)
{
	struct vctx *c = arg;

	if (c->dg != NULL)
		digest_update(c->dg, s, n);
}

static int
ctx_stop(void *arg)
{
	struct vctx *c = arg;

	return c->skip;
}

static int
task_full(const struct vctx *c)
{
	return c->rep->limit > 0 &&
	    c->rep->task[c->task].nerrors >= c->rep->limit;
}

static void
limit_note(struct vctx *c)
{
	c->limited = 1;
	c->rep->task[c->task].limited = 1;
	vreport_warn(c->rep, c->task, xasprintf("reached the error limit of "
	    "%zu: the rest of the resource is not checked", c->rep->limit));
}

/* The error limit was reached: keep filling key sets others need. */
static void
limit_reached(struct vctx *c)
{
	if (c->limited)
		return;
	limit_note(c);
	c->limit_row = c->rowno;
	if (c->nbuild > 0) {
		const size_t *cols;
		size_t i, k, m, ncols;

		c->quiet = 1;
		for (i = 0; i < c->nf; i++)
			c->fs[i].active = 0;
		for (k = 0; k < c->nps; k++)
			if (c->ps[k].target) {
				cols = keyset_cols(c->ps[k].ks, &ncols);
				for (m = 0; m < ncols; m++)
					c->fs[cols[m]].active = 1;
			}
	} else
		c->skip = 1;
}

/*
 * The place of an error's check in its row, for merging the errors found
 * at the end (spilled key sets) with those found in order: the cells,
 * then unique fields, the primary key, each foreign key.
 */
#define RANK_UNIQUE	1
#define RANK_PKEY	2
#define RANK_FKEY	3	/* + the foreign key's index */

static unsigned
rank_of(enum verror_type t)
{
	return t == VE_UNIQUE ? RANK_UNIQUE : t == VE_PRIMARY_KEY ?
	    RANK_PKEY : 0;
}

/* Append an error to the report, taking cell and note. */
static void
report_put(struct vreport *r, size_t task, const struct schema *sc,
    enum verror_type t, unsigned rank, unsigned long row, size_t field,
    char *cell, char *note)
{
	struct verror *e;

	r->err = xgrow(r->err, &r->caperr, r->nerr + 1, sizeof(*r->err));
	r->rank = xgrow(r->rank, &r->caprank, r->nerr + 1, sizeof(*r->rank));
	r->rank[r->nerr] = rank;
	e = &r->err[r->nerr++];
	e->type = t;
	e->resource = task;
	e->row = row;
	e->field = field;
	e->field_name = field > 0 && field <= sc->nfields ? vreport_pool_take(r,
	    xstrdup(sc->fields[field - 1].name)) : NULL;
	e->cell = vreport_pool_take(r, cell);
	e->note = vreport_pool_take(r, note != NULL ? note : xstrdup(""));
	r->task[task].nerrors++;
}

static void
add_error_ranked(struct vctx *c, enum verror_type t, unsigned rank,
    unsigned long row, size_t field, char *cell, char *note)
{
	if (c->quiet || task_full(c)) {
		free(cell);
		free(note);
		return;
	}
	report_put(c->rep, c->task, c->sc, t, rank, row, field, cell, note);
	if (task_full(c))
		limit_reached(c);
}

static void
add_error(struct vctx *c, enum verror_type t, unsigned long row,
    size_t field, char *cell, char *note)
{
	add_error_ranked(c, t, rank_of(t), row, field, cell, note);
}

static void
pend(struct vctx *c, enum verror_type t, size_t field, char *cell,
    char *note)
{
	struct pend *p;

	/* a row of a million extra cells must not hold a million errors */
	if (c->quiet || (c->rep->limit > 0 && c->npend >
	    c->rep->limit - c->rep->task[c->task].nerrors)) {
		free(cell);
		free(note);
		return;
	}
	c->pend = xgrow(c->pend, &c->cappend, c->npend + 1, sizeof(*c->pend));
	p = &c->pend[c->npend++];
	p->type = t;
	p->field = field;
	p->cell = cell;
	p->note = note;
}

static void
pend_clear(struct vctx *c)
{
	size_t i;

	for (i = 0; i < c->npend; i++) {
		free(c->pend[i].cell);
		free(c->pend[i].note);
	}
	c->npend = 0;
}

static void
pend_flush(struct vctx *c)
{
	size_t i;

	for (i = 0; i < c->npend; i++)
		add_error(c, c->pend[i].type, c->rowno, c->pend[i].field,
		    c->pend[i].cell, c->pend[i].note);
	c->npend = 0;
}

static char *
encoding_note(size_t bad, int isnul)
{
	return isnul ? xasprintf("a NUL byte at byte %zu of the cell", bad) :
	    xasprintf("invalid UTF-8 at byte %zu of the cell", bad);
}

static void
header_cell(struct vctx *c, const char *s, size_t n)
{
	size_t bad;
	int isnul, bad_utf8, keep;

	/*
	 * Past the schema's fields a label only makes an extra-label
	 * error: keep no more of them than the error limit can report, so
	 * that a header of millions of cells holds no million strings.
	 */
	keep = c->nlabels < c->nf || (!c->quiet && (c->rep->limit == 0 ||
	    c->nlabels - c->nf < c->rep->limit));
	bad_utf8 = utf8_check(s, n, &bad, &isnul) != 0;
	if (keep) {
		c->labels = xgrow(c->labels, &c->caplabels, c->nkept + 1,
		    sizeof(char *));
		c->labels[c->nkept++] = bad_utf8 ? cell_copy(s, n) :
		    xstrndup(s, n);
	}
	if (bad_utf8)
		add_error(c, VE_ENCODING, 1, c->nlabels + 1, cell_copy(s, n),
		    encoding_note(bad, isnul));
	c->nlabels++;
}

/* Compare the labels with the schema, in the reference's order. */
static void
header_end(struct vctx *c)
{
	struct buf b;
	size_t i, k, nl = c->nlabels, nf = c->nf, m;
	const char *lab, *end;

	if (c->quiet || nl == 0)
		return;
	/* labels past nkept could not be reported (header_cell) */
	for (i = nf; i < c->nkept; i++)
		add_error(c, VE_EXTRA_LABEL, 0, i + 1,
		    xstrdup(c->labels[i]), NULL);
	for (i = nl; i < nf; i++)
		add_error(c, VE_MISSING_LABEL, 0, i + 1, xstrdup(""), NULL);
	buf_init(&b);
	for (i = 0; i < nf && i < nl; i++) {
		lab = c->labels[i];
		if (*lab == '\0') {
			add_error(c, VE_BLANK_LABEL, 0, i + 1, xstrdup(""),
			    NULL);
			continue;
		}
		buf_reset(&b);
		for (k = 0; k < i; k++)
			if (strcmp(c->labels[k], lab) == 0)
				buf_printf(&b, "%s%zu", b.len > 0 ? ", " : "",
				    k + 1);
		if (b.len > 0) {
			add_error(c, VE_DUPLICATE_LABEL, 0, i + 1,
			    xstrdup(lab), xasprintf("at position \"%s\"",
			    buf_str(&b)));
			continue;
		}
		/* the reference turns newlines into spaces and strips */
		buf_reset(&b);
		for (; *lab == ' ' || *lab == '\n' || *lab == '\t' ||
		    *lab == '\r'; lab++)
			;
		end = lab + strlen(lab);
		while (end > lab && (end[-1] == ' ' || end[-1] == '\n' ||
		    end[-1] == '\t' || end[-1] == '\r'))
			end--;
		for (m = 0; lab + m < end; m++)
			buf_addc(&b, lab[m] == '\n' ? ' ' : lab[m]);
		if (strcmp(buf_str(&b), c->sc->fields[i].name) != 0)
			add_error(c, VE_INCORRECT_LABEL, 0, i + 1,
			    xstrdup(c->labels[i]), NULL);
	}
	buf_release(&b);
}

/* Every cell that casts to one of these types is valid UTF-8 without NUL. */
static int
utf8_safe_type(enum ftype t)
{
	return t != FT_STRING && t != FT_ANY;
}

static void
cell(struct vctx *c, size_t col, const char *s, size_t n)
{
	const struct field *f = &c->sc->fields[col];
	struct fstate *fs = &c->fs[col];
	struct buf *key;
	struct value v;
	unsigned bad;
	size_t off;
	int isnul, k;

	fs->null = 1;
	if (!fs->active)
		return;
	/* missing values are UTF-8 text from the schema: no check needed */
	if (c->empty_is_missing_only ? n == 0 :
	    schema_is_missing(c->sc, s, n)) {
		c->nblank++;
		if (f->required)
			pend(c, VE_CONSTRAINT, col + 1, cell_copy(s, n),
			    schema_constraint_note(f, C_REQUIRED));
		return;
	}
	if (fs->plain) {
		if (utf8_check(s, n, &off, &isnul) != 0)
			goto badenc;
		fs->null = 0;
		return;
	}
	/* the same text as the last clean value: same key, same checks */
	if (fs->last_ok && n == fs->raw.len && memcmp(s, fs->raw.s, n) == 0) {
		fs->null = 0;
		fs->hits++;
		if (fs->solo != NULL)
			keyset_prefetch(fs->solo, fs->hash);
		return;
	}
	if (fs->cache && ++fs->misses >= 4096) {
		/* a column of distinct values: stop copying them */
		fs->cache = fs->hits * 4 >= fs->misses;
		fs->hits = fs->misses = 0;
	}
	fs->last_ok = 0;
	key = NULL;
	if (fs->need_key) {
		key = &fs->key;
		buf_reset(key);
	}
	if (schema_cast(f, s, n, &v, key) != 0) {
		if (utf8_check(s, n, &off, &isnul) != 0)
			goto badenc;
		pend(c, VE_TYPE, col + 1, cell_copy(s, n),
		    schema_type_note(f));
		return;
	}
	bad = fs->checks ? schema_check(f, s, n, &v, key != NULL ? key->s :
	    NULL, key != NULL ? key->len : 0) : 0;
	/*
	 * What a pattern matches is valid UTF-8 without NUL (pattern.h), and
	 * so is what the other types cast; plain strings are checked here.
	 */
	if (!utf8_safe_type(f->type) && (f->re == NULL ||
	    (bad & (1u << C_PATTERN))) && utf8_check(s, n, &off, &isnul) != 0)
		goto badenc;
	fs->null = 0;
	if (fs->cache || fs->keep_raw) {
		buf_reset(&fs->raw);
		buf_add(&fs->raw, s, n);
	}
	if (fs->solo != NULL) {
		/* fetch the slot now: it is needed at the end of the row */
		fs->hash = hash_fast(key->s, key->len);
		keyset_prefetch(fs->solo, fs->hash);
	}
	for (k = 0; bad != 0 && k < C__MAX; k++)
		if (bad & (1u << k))
			pend(c, VE_CONSTRAINT, col + 1, cell_copy(s, n),
			    schema_constraint_note(f, (enum constraint)k));
	fs->last_ok = bad == 0 && fs->cache;
	return;
badenc:
	pend(c, VE_ENCODING, col + 1, cell_copy(s, n), encoding_note(off,
	    isnul));
}

static void
on_cell(void *arg, const char *s, size_t n)
{
	struct vctx *c = arg;
	size_t col = c->ncell++;

	c->seen += n + 1;
	if (c->skip)
		return;
	if (c->rowno == 1) {
		if (!c->quiet)
			header_cell(c, s, n);
		return;
	}
	if (col < c->nf)
		cell(c, col, s, n);
	else
		pend(c, VE_EXTRA_CELL, col + 1, cell_copy(s, n), NULL);
}

/* The key of a row for set ks into kb; 0 when all its parts are null. */
static int
row_key(struct vctx *c, const size_t *cols, size_t ncols, const char **key,
    size_t *len)
{
	const struct fstate *fs;
	uint32_t l;
	size_t i;
	int any = 0;

	if (ncols == 1) {
		fs = &c->fs[cols[0]];
		if (fs->null)
			return 0;
		*key = fs->key.s != NULL ? fs->key.s : "";
		*len = fs->key.len;
		return 1;
	}
	buf_reset(&c->kb);
	for (i = 0; i < ncols; i++) {
		fs = &c->fs[cols[i]];
		l = fs->null ? KEY_NULL : (uint32_t)fs->key.len;
		buf_add(&c->kb, &l, sizeof(l));
		if (!fs->null) {
			buf_add(&c->kb, fs->key.s != NULL ? fs->key.s : "",
			    fs->key.len);
			any = 1;
		}
	}
	*key = c->kb.s;
	*len = c->kb.len;
	return any;
}

/* The values of a foreign key in a row: each field's text, or null. */
struct fkval {
	const char	*s;
	size_t		 len;
	int		 null;
};

static char *
fk_note(const struct vctx *c, const struct fkey *fk, const struct fkval *v)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_adds(&b, "for \"");
	for (i = 0; i < fk->nfields; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    c->sc->fields[fk->fields[i]].name);
	buf_adds(&b, "\": values \"");
	for (i = 0; i < fk->nfields; i++) {
		char *t = v[i].null ? xstrdup("None") :
		    cell_copy(v[i].s != NULL ? v[i].s : "", v[i].len);

		buf_printf(&b, "%s%s", i > 0 ? ", " : "", t);
		free(t);
	}
	buf_printf(&b, "\" not found in the lookup table \"%s\" as \"",
	    fk->resource[0] != '\0' ? fk->resource : c->res->name);
	for (i = 0; i < fk->nfields; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", fk->ref_fields[i]);
	buf_addc(&b, '"');
	return buf_detach(&b);
}

static void
fk_error(struct vctx *c, size_t k)
{
	const struct fkey *fk = &c->sc->fkeys[k];
	struct fkval *v = xcalloc(fk->nfields + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < fk->nfields; i++) {
		const struct fstate *fs = &c->fs[fk->fields[i]];

		v[i].null = fs->null;
		v[i].s = fs->raw.s;
		v[i].len = fs->raw.len;
	}
	add_error_ranked(c, VE_FOREIGN_KEY, RANK_FKEY + (unsigned)k, c->rowno,
	    0, NULL, fk_note(c, fk, v));
	free(v);
}

/* A probe's payload: each field's text (uint32 length, bytes) or null. */
static void
fk_payload(struct vctx *c, const struct fkey *fk)
{
	uint32_t l;
	size_t i;

	buf_reset(&c->pay);
	for (i = 0; i < fk->nfields; i++) {
		const struct fstate *fs = &c->fs[fk->fields[i]];

		l = fs->null ? KEY_NULL : (uint32_t)fs->raw.len;
		buf_add(&c->pay, &l, sizeof(l));
		if (!fs->null && fs->raw.len > 0)
			buf_add(&c->pay, fs->raw.s, fs->raw.len);
	}
}


static void
row_keys(struct vctx *c)
{
	const struct schema *sc = c->sc;
	const struct fstate *fs;
	const size_t *cols;
	const char *key, *pay;
	size_t i, k, len, ncols, plen;

	for (k = 0; k < c->nps; k++) {
		struct pset *p = &c->ps[k];

		p->prev = 0;
		p->allnull = 1;
		if (c->quiet && !p->target)
			continue;
		cols = keyset_cols(p->ks, &ncols);
		if (!row_key(c, cols, ncols, &key, &len))
			continue;
		p->allnull = 0;
		/* a unique field's text, shown if a spilled set finds it */
		pay = NULL;
		plen = 0;
		if (ncols == 1 && c->uniq[cols[0]] == (long)k) {
			pay = c->fs[cols[0]].raw.s;
			plen = c->fs[cols[0]].raw.len;
		}
		p->prev = keyset_add(p->ks, key, len, ncols == 1 &&
		    c->fs[cols[0]].solo == p->ks ? c->fs[cols[0]].hash :
		    hash_fast(key, len), c->rowno, pay, plen);
	}
	if (c->quiet)
		return;
	for (i = 0; i < c->nf; i++) {
		const struct pset *p;

		if (c->uniq[i] < 0)
			continue;
		p = &c->ps[c->uniq[i]];
		if (p->allnull || p->prev == 0)
			continue;
		fs = &c->fs[i];
		add_error(c, VE_UNIQUE, c->rowno, i + 1,
		    cell_copy(fs->raw.s != NULL ? fs->raw.s : "", fs->raw.len),
		    xasprintf("the same as in the row at position %lu",
		    p->prev));
	}
	if (c->pk >= 0) {
		const struct pset *p = &c->ps[c->pk];

		if (p->allnull)
			add_error(c, VE_PRIMARY_KEY, c->rowno, 0, NULL,
			    xstrdup("cells composing the primary keys are all "
			    "\"None\""));
		else if (p->prev != 0)
			add_error(c, VE_PRIMARY_KEY, c->rowno, 0, NULL,
			    xasprintf("the same as in the row at position %lu",
			    p->prev));
	}
	for (k = 0; k < sc->nfkeys; k++) {
		const struct fkey *fk = &sc->fkeys[k];

		if (c->fkset[k] == NULL || c->quiet)
			continue;
		if (!row_key(c, fk->fields, fk->nfields, &key, &len))
			continue;	/* all null: not checked */
		if (c->fkprobe[k] != NULL) {
			/* the target spilled: looked up at the end */
			fk_payload(c, fk);
			keyprobe_add(c->fkprobe[k], key, len, hash_fast(key, len),
			    c->rowno, c->pay.s, c->pay.len);
			continue;
		}
		/* sorted tables repeat keys: remember the last answer */
		if (c->fkfound[k] < 0 || c->fklast[k].len != len ||
		    memcmp(c->fklast[k].s, key, len) != 0) {
			buf_reset(&c->fklast[k]);
			buf_add(&c->fklast[k], key, len);
			c->fkfound[k] = keyset_has(c->fkset[k], key, len);
		}
		if (!c->fkfound[k])
			fk_error(c, k);
	}
}

static void
row_end(struct vctx *c)
{
	size_t i;

	for (i = c->ncell; i < c->nf; i++) {
		c->fs[i].null = 1;
		c->nblank++;
		if (c->fs[i].active && c->sc->fields[i].required)
			pend(c, VE_CONSTRAINT, i + 1, xstrdup(""),
			    schema_constraint_note(&c->sc->fields[i],
			    C_REQUIRED));
	}
	for (i = c->ncell; i < c->nf; i++)
		pend(c, VE_MISSING_CELL, i + 1, xstrdup(""), NULL);
	if (c->nblank == c->nf) {
		pend_clear(c);
		pend(c, VE_BLANK_ROW, 0, NULL, NULL);
	}
	pend_flush(c);
	row_keys(c);
}

/*
 * After the first rows, guess the number of rows from the file's size
 * and size the key sets once, instead of doubling them ~20 times.
 */
static void
size_keysets(struct vctx *c)
{
	unsigned long long est;
	size_t k;

	if (c->seen == 0 || c->fsize <= c->seen)
		return;
	est = c->fsize / c->seen * (c->rowno - 1) + c->fsize % c->seen *
	    (c->rowno - 1) / c->seen;
	est += est / 8;
	if (est > c->fsize / 2)
		est = c->fsize / 2;
	for (k = 0; k < c->nps; k++)
		keyset_reserve(c->ps[k].ks, (size_t)est);
}

static void
on_row(void *arg, size_t ncells)
{
	struct vctx *c = arg;

	(void)ncells;
	if (!c->skip) {
		if (c->rowno == 1) {
			header_end(c);
			c->err0 = c->rep->nerr;
		} else
			row_end(c);
	}
	if (c->rowno == SIZE_ROWS)
		size_keysets(c);
	c->rowno++;
	c->ncell = 0;
	c->nblank = 0;
}

/* --- key errors found at the end ----------------------------------------- */

/*
 * A spilled key set finds repeated keys, and a foreign key to one finds
 * its misses, after the last row, in key order.  They wait here, then
 * are merged by row with the errors found in order, and the error limit
 * is applied to the whole: the report is the one the in-memory sets
 * give.  With a limit, only the first `keep` are kept while collecting.
 */
struct derr {
	unsigned long	 row;
	unsigned	 rank;
	size_t		 field;
	size_t		 seq;
	enum verror_type type;
	char		*cell;
	char		*note;
};

struct dlist {
	struct vctx	*c;
	size_t		 k;		/* the pset or foreign key at hand */
	struct derr	*e;
	size_t		 n, cap, seq;
	size_t		 keep;		/* 0: every one */
};

static int
derr_cmp(const void *x, const void *y)
{
	const struct derr *a = x, *b = y;

	if (a->row != b->row)
		return a->row < b->row ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void
dlist_cut(struct dlist *d, size_t keep)
{
	size_t i;

	if (d->n > 1)
		qsort(d->e, d->n, sizeof(*d->e), derr_cmp);
	for (i = keep; i < d->n; i++) {
		free(d->e[i].cell);
		free(d->e[i].note);
	}
	if (d->n > keep)
		d->n = keep;
}

static void
defer(struct dlist *d, enum verror_type t, unsigned rank,
    unsigned long row, size_t field, char *cell, char *note)
{
	struct derr *e;

	if (d->keep > 0 && d->n >= 2 * d->keep + 64)
		dlist_cut(d, d->keep);
	d->e = xgrow(d->e, &d->cap, d->n + 1, sizeof(*d->e));
	e = &d->e[d->n++];
	e->row = row;
	e->rank = rank;
	e->field = field;
	e->seq = d->seq++;
	e->type = t;
	e->cell = cell;
	e->note = note;
}

/* A row of a spilled set repeats the key of row prev. */
static void
on_dup(void *arg, unsigned long row, unsigned long prev, const char *pay,
    size_t plen)
{
	struct dlist *d = arg;
	struct vctx *c = d->c;
	const size_t *cols;
	size_t ncols;

	if (c->limited && row > c->limit_row)
		return;		/* after the limit: never checked */
	cols = keyset_cols(c->ps[d->k].ks, &ncols);
	if (ncols == 1 && c->uniq[cols[0]] == (long)d->k)
		defer(d, VE_UNIQUE, RANK_UNIQUE, row, cols[0] + 1,
		    cell_copy(pay != NULL ? pay : "", plen),
		    xasprintf("the same as in the row at position %lu", prev));
	if (c->pk == (long)d->k)
		defer(d, VE_PRIMARY_KEY, RANK_PKEY, row, 0, NULL,
		    xasprintf("the same as in the row at position %lu", prev));
}

/* A row's foreign key d->k is not in its spilled target. */
static void
on_miss(void *arg, unsigned long row, const char *pay, size_t plen)
{
	struct dlist *d = arg;
	struct vctx *c = d->c;
	const struct fkey *fk = &c->sc->fkeys[d->k];
	struct fkval *v;
	uint32_t l;
	size_t i, off = 0;

	if (c->limited && row > c->limit_row)
		return;
	v = xcalloc(fk->nfields + 1, sizeof(*v));
	for (i = 0; i < fk->nfields && off + sizeof(l) <= plen; i++) {
		memcpy(&l, pay + off, sizeof(l));
		off += sizeof(l);
		v[i].null = l == KEY_NULL;
		if (!v[i].null) {
			v[i].s = pay + off;
			v[i].len = l;
			off += l;
		}
	}
	defer(d, VE_FOREIGN_KEY, RANK_FKEY + (unsigned)d->k, row, 0, NULL,
	    fk_note(c, fk, v));
	free(v);
}

/* Errors of the rows in order: those found as read, and d's. */
static void
merge_deferred(struct vctx *c, struct dlist *d)
{
	struct vreport *r = c->rep;
	struct vtask *vt = &r->task[c->task];
	size_t ni = r->nerr - c->err0, head = vt->nerrors - ni;
	size_t keep, i = 0, j = 0, n = 0, total = ni + d->n;
	struct verror *out;
	unsigned *rank;

	keep = r->limit == 0 ? total : r->limit > head ? r->limit - head : 0;
	if (keep > total)
		keep = total;
	if (d->n > 1)
		qsort(d->e, d->n, sizeof(*d->e), derr_cmp);
	out = xcalloc(keep + 1, sizeof(*out));
	rank = xcalloc(keep + 1, sizeof(*rank));
	while (n < keep) {
		const struct verror *a = i < ni ? &r->err[c->err0 + i] : NULL;
		const struct derr *b = j < d->n ? &d->e[j] : NULL;
		unsigned ra = a != NULL ? r->rank[c->err0 + i] : 0;
		if (a != NULL && (b == NULL || (a->row != b->row ?
		    a->row < b->row : ra != b->rank ? ra < b->rank :
		    a->field <= b->field))) {
			out[n] = *a;
			rank[n++] = ra;
			i++;
			continue;
		}
		if (b == NULL)
			break;		/* not reached: n < keep <= ni + d->n */
		out[n].type = b->type;
		out[n].resource = c->task;
		out[n].row = b->row;
		out[n].field = b->field;
		out[n].field_name = b->field > 0 && b->field <= c->nf ?
		    vreport_pool_take(r,
		    xstrdup(c->sc->fields[b->field - 1].name)) : NULL;
		out[n].cell = vreport_pool_take(r, b->cell);
		out[n].note = vreport_pool_take(r, b->note);
		d->e[j].cell = d->e[j].note = NULL;
		rank[n++] = b->rank;
		j++;
	}
	r->nerr = c->err0;
	for (i = 0; i < n; i++) {
		r->err = xgrow(r->err, &r->caperr, r->nerr + 1,
		    sizeof(*r->err));
		r->rank = xgrow(r->rank, &r->caprank, r->nerr + 1,
		    sizeof(*r->rank));
		r->err[r->nerr] = out[i];
		r->rank[r->nerr++] = rank[i];
	}
	vt->nerrors = head + n;
	if (total > keep || (r->limit > 0 && vt->nerrors >= r->limit)) {
		if (!c->limited)
			limit_note(c);
		if (n > 0)
			c->limit_row = out[n - 1].row;
	}
	free(out);
	free(rank);
}

/*
 * After the last row: finish the spilled sets (their repeated keys are
 * errors of a validating pass) and look up the probes of foreign keys.
 * 0, or -1 after a diagnostic when a temporary file failed.
 */
static int
keys_finish(struct vctx *c)
{
	struct dlist d;
	const char *path = NULL;
	size_t k, i;
	int any = 0, rc = 0, e;

	memset(&d, 0, sizeof(d));
	d.c = c;
	if (c->rep->limit > 0)
		d.keep = c->rep->limit;
	for (k = 0; k < c->nps && rc == 0; k++) {
		const size_t *cols;
		size_t ncols;
		int roles;

		if (!keyset_spilled(c->ps[k].ks))
			continue;
		cols = keyset_cols(c->ps[k].ks, &ncols);
		roles = !c->lookup && (c->pk == (long)k || (ncols == 1 &&
		    c->uniq[cols[0]] == (long)k));
		d.k = k;
		if (keyset_finish(c->ps[k].ks, c->ps[k].target,
		    roles ? on_dup : NULL, &d) != 0)
			rc = -1;
		any |= roles;
		if ((e = keyset_status(c->ps[k].ks, &path)) != 0)
			diag_errno(e, path, "temporary file of a key set");
	}
	for (k = 0; k < c->sc->nfkeys && rc == 0; k++) {
		if (c->fkprobe[k] == NULL)
			continue;
		d.k = k;
		if (keyprobe_misses(c->fkprobe[k], c->fkset[k], on_miss,
		    &d) != 0) {
			rc = -1;
			if ((e = keyprobe_status(c->fkprobe[k], &path)) != 0 ||
			    (e = keyset_status(c->fkset[k], &path)) != 0)
				diag_errno(e, path, "temporary file of a key set");
		}
		any = 1;
	}
	if (rc == 0 && any)
		merge_deferred(c, &d);
	for (i = 0; i < d.n; i++) {
		free(d.e[i].cell);
		free(d.e[i].note);
	}
	free(d.e);
	return rc;
}

/* --- passes ------------------------------------------------------------ */

/* The pass's key set over cols, or a new one; its index in ps. */
static long
pset_get(struct vctx *c, const size_t *cols, size_t ncols)
{
	size_t k;

	for (k = 0; k < c->nps; k++) {
		size_t n;
		const size_t *kc = keyset_cols(c->ps[k].ks, &n);

		if (n == ncols && memcmp(kc, cols, ncols * sizeof(size_t)) == 0)
			return (long)k;
	}
	c->ps = xrealloc(c->ps, (c->nps + 1) * sizeof(*c->ps));
	memset(&c->ps[c->nps], 0, sizeof(*c->ps));
	c->ps[c->nps].ks = keyset_new(cols, ncols, &c->rep->mem);
	return (long)c->nps++;
}

static void
ctx_release(struct vctx *c)
{
	size_t i;

	for (i = 0; i < c->nf; i++) {
		buf_release(&c->fs[i].key);
		buf_release(&c->fs[i].raw);
	}
	free(c->fs);
	for (i = 0; i < c->nkept; i++)
		free(c->labels[i]);
	free(c->labels);
	pend_clear(c);
	free(c->pend);
	for (i = 0; i < c->nps; i++)
		if (!c->ps[i].target)
			keyset_free(c->ps[i].ks);
	free(c->ps);
	free(c->uniq);
	free(c->fkset);
	for (i = 0; i < c->sc->nfkeys; i++) {
		buf_release(&c->fklast[i]);
		keyprobe_free(c->fkprobe[i]);
	}
	free(c->fkprobe);
	buf_release(&c->pay);
	free(c->fklast);
	free(c->fkfound);
	buf_release(&c->kb);
}

static void
source_error(struct vctx *c, unsigned long row, char *note)
{
	add_error(c, VE_SOURCE, row, 0, NULL, note);
}

/*
 * The digest a resource hash names (an enum digest_alg), and its hex
 * part in *hex; -1 for one not checked.
 */
static int
hash_alg(const char *hash, const char **hex)
{
	const char *colon = strchr(hash, ':');

	if (colon == NULL) {
		*hex = hash;
		return DIGEST_MD5;
	}
	*hex = colon + 1;
	if ((size_t)(colon - hash) == 3 && strncmp(hash, "md5", 3) == 0)
		return DIGEST_MD5;
	if ((size_t)(colon - hash) == 6 && strncmp(hash, "sha256", 6) == 0)
		return DIGEST_SHA256;
	return -1;
}

/* hash-count and byte-count, as the reference checks them at the end. */
static void
check_counts(struct vctx *c, const struct csvread_result *rr,
    const char *want)
{
	char hex[DIGEST_HEX_MAX];

	/* (c->dg is only set with a wanted hash) */
	if (c->dg != NULL && want != NULL) {
		digest_final(c->dg, hex);
		if (strcasecmp(hex, want) != 0)
			add_error(c, VE_HASH_COUNT, 0, 0, NULL,
			    xasprintf("expected is \"%s\" and actual is "
			    "\"%s\"", want, hex));
	}
	if (c->fix != NULL && c->fix->bytes > 0 && c->fix->bytes != rr->bytes)
		add_error(c, VE_BYTE_COUNT, 0, 0, NULL, xasprintf("expected "
		    "is \"%llu\" and actual is \"%llu\"", c->fix->bytes,
		    rr->bytes));
}

/*
 * One pass over resource ri.  Quiet: only fill the target key sets of
 * the resource that are not complete.  Else validate, filling them too.
 * fkt[k] is the target of foreign key k, or -1.  -1 on an I/O error.
 */
static int
run_pass(struct vreport *rep, const struct vresource *res,
    const struct vfixity *fix, size_t ri, size_t task, int quiet,
    struct target *tg, size_t ntg, const long *fkt)
{
	static const struct csvread_cb cb = { on_cell, on_row, ctx_stop,
	    ctx_chunk };
	const char *want = NULL;
	const struct schema *sc = res[ri].schema;
	struct csvread_result rr;
	struct vctx c;
	size_t i, k, m;
	int rc, alg = -1;

	memset(&c, 0, sizeof(c));
	c.rep = rep;
	c.res = &res[ri];
	c.task = task;
	c.sc = sc;
	c.nf = sc->nfields;
	c.quiet = quiet;
	c.lookup = quiet;
	c.rowno = 1;
	c.err0 = rep->nerr;
	c.pk = -1;
	c.empty_is_missing_only = sc->nmissing == 1 && sc->missing[0][0] ==
	    '\0';
	c.fs = xcalloc(c.nf + 1, sizeof(*c.fs));
	c.uniq = xcalloc(c.nf + 1, sizeof(long));
	c.fkset = xcalloc(sc->nfkeys + 1, sizeof(*c.fkset));
	c.fkprobe = xcalloc(sc->nfkeys + 1, sizeof(*c.fkprobe));
	c.fklast = xcalloc(sc->nfkeys + 1, sizeof(*c.fklast));
	c.fkfound = xcalloc(sc->nfkeys + 1, sizeof(*c.fkfound));
	for (k = 0; k < sc->nfkeys; k++) {
		buf_init(&c.fklast[k]);
		c.fkfound[k] = -1;
	}
	buf_init(&c.kb);
	buf_init(&c.pay);
	for (i = 0; i < c.nf; i++) {
		buf_init(&c.fs[i].key);
		buf_init(&c.fs[i].raw);
		c.uniq[i] = -1;
	}
	/* targets first, so unique fields and the primary key share them */
	for (k = 0; k < ntg; k++) {
		if (tg[k].res != ri || tg[k].complete)
			continue;
		c.ps = xrealloc(c.ps, (c.nps + 1) * sizeof(*c.ps));
		memset(&c.ps[c.nps], 0, sizeof(*c.ps));
		c.ps[c.nps].ks = tg[k].ks;
		c.ps[c.nps].target = 1;
		c.nps++;
		c.nbuild++;
	}
	if (!quiet) {
		for (i = 0; i < c.nf; i++)
			if (sc->fields[i].unique)
				c.uniq[i] = pset_get(&c, &i, 1);
		if (sc->npkey > 0)
			c.pk = pset_get(&c, sc->pkey, sc->npkey);
		for (k = 0; k < sc->nfkeys; k++)
			if (fkt[k] >= 0)
				c.fkset[k] = tg[fkt[k]].ks;
		/* a target that spilled is looked up in one merge */
		for (k = 0; k < sc->nfkeys; k++)
			if (c.fkset[k] != NULL && keyset_spilled(c.fkset[k]))
				c.fkprobe[k] = keyprobe_new(&rep->mem);
	}
	for (i = 0; i < c.nf; i++)
		c.fs[i].active = !quiet;
	for (k = 0; k < c.nps; k++) {
		size_t ncols;
		const size_t *cols = keyset_cols(c.ps[k].ks, &ncols);

		for (m = 0; m < ncols; m++) {
			c.fs[cols[m]].active = 1;
			c.fs[cols[m]].need_key = 1;
		}
		if (ncols == 1)
			c.fs[cols[0]].solo = c.ps[k].ks;
	}
	for (k = 0; k < sc->nfkeys; k++)
		if (c.fkset[k] != NULL)
			for (m = 0; m < sc->fkeys[k].nfields; m++) {
				c.fs[sc->fkeys[k].fields[m]].need_key = 1;
				c.fs[sc->fkeys[k].fields[m]].keep_raw = 1;
			}
	for (i = 0; i < c.nf; i++) {
		const struct field *f = &sc->fields[i];
		struct fstate *fs = &c.fs[i];

		fs->checks = f->has[C_MINLENGTH] || f->has[C_MAXLENGTH] ||
		    f->has[C_MINIMUM] || f->has[C_MAXIMUM] ||
		    f->has[C_PATTERN] || f->has[C_ENUM];
		if (f->has[C_ENUM] && f->type != FT_STRING &&
		    f->type != FT_ANY)
			fs->need_key = 1;
		if (c.uniq[i] >= 0)
			fs->keep_raw = 1;
		fs->plain = (f->type == FT_STRING || f->type == FT_ANY) &&
		    f->fmt == FMT_DEFAULT && !fs->checks && !fs->need_key &&
		    !fs->keep_raw;
		fs->cache = 1;
	}
	{
		struct stat st;

		c.fsize = stat(res[ri].path, &st) == 0 && st.st_size > 0 ?
		    (unsigned long long)st.st_size : 0;
	}
	c.fix = fix;
	if (!quiet && fix != NULL && fix->hash != NULL &&
	    (alg = hash_alg(fix->hash, &want)) < 0)
		vreport_warn(rep, task, xasprintf("hash \"%s\" not checked: "
		    "md5 and sha256 only", fix->hash));
	if (alg >= 0)
		c.dg = digest_new((enum digest_alg)alg);
	rc = csvread_file_jobs(res[ri].path, &cb, &c, &rr, rep->jobs);
	if (rc == 0)
		rc = keys_finish(&c);
	/* the stop at the error limit leaves the rest unread: no counts */
	if (rc == 0 && !quiet && !c.limited)
		check_counts(&c, &rr, want);
	digest_free(c.dg);
	if (rc == 0) {
		/* a record that csv_fini never finished is not a row */
		if (rr.status == CSVREAD_EMPTY || (rr.status == CSVREAD_OK &&
		    (rr.records == 0 || (rr.records == 1 && c.nlabels == 0 &&
		    !quiet))))
			source_error(&c, 0, xstrdup("the source is empty"));
		else if (rr.status == CSVREAD_UNTERMINATED)
			source_error(&c, rr.records + 1, xasprintf("the quoted "
			    "cell opened in row %lu is never closed",
			    rr.records + 1));
		else if (rr.status == CSVREAD_TOOBIG)
			source_error(&c, rr.records + 1, xasprintf("a cell in "
			    "row %lu is larger than %lu bytes", rr.records + 1,
			    CSVREAD_CELL_MAX));
		if (!quiet) {
			unsigned long rows = rr.records > 0 ?
			    rr.records - 1 : 0;

			/* at the limit: the rows read up to its last error */
			if (c.limited && c.limit_row > 0 &&
			    c.limit_row - 1 < rows)
				rows = c.limit_row - 1;
			rep->task[task].rows = rows;
		}
	}
	for (k = 0; k < ntg; k++)
		if (tg[k].res == ri)
			tg[k].complete = 1;
	ctx_release(&c);
	return rc;
}

static int
same_cols(const struct keyset *ks, const size_t *cols, size_t n)
{
	size_t m;
	const size_t *kc = keyset_cols(ks, &m);

	return m == n && memcmp(kc, cols, n * sizeof(size_t)) == 0;
}

static long
find_resource(const struct vresource *res, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (res[i].name != NULL && strcmp(res[i].name, name) == 0)
			return (long)i;
	return -1;
}

int
validate_resources(const struct vresource *res, size_t n,
    struct vreport *rep)
{
	return validate_resources_fixity(res, NULL, n, rep);
}

int
validate_resources_fixity(const struct vresource *res,
    const struct vfixity *fix, size_t n, struct vreport *rep)
{
	struct target *tg = NULL;
	size_t ntg = 0, captg = 0, base, nerr0 = rep->nerr, j, k, m, t;
	long **fkt, ti;
	size_t *cols = NULL;
	int rc = 0;

	base = rep->ntask;
	rep->task = xrealloc(rep->task, (base + n + 1) * sizeof(*rep->task));
	for (j = 0; j < n; j++) {
		struct vtask *vt = &rep->task[base + j];

		memset(vt, 0, sizeof(*vt));
		vt->name = vreport_pool_take(rep, xstrdup(res[j].name != NULL ?
		    res[j].name : ""));
		vt->path = vreport_pool_take(rep, xstrdup(res[j].label != NULL ?
		    res[j].label : res[j].path));
		vt->nfields = res[j].schema->nfields;
	}
	rep->ntask = base + n;
	fkt = xcalloc(n + 1, sizeof(*fkt));
	for (j = 0; j < n && rc == 0; j++) {
		const struct schema *sc = res[j].schema;

		fkt[j] = xcalloc(sc->nfkeys + 1, sizeof(long));
		for (k = 0; k < sc->nfkeys; k++) {
			const struct fkey *fk = &sc->fkeys[k];
			const struct schema *to;

			fkt[j][k] = -1;
			ti = fk->resource[0] == '\0' ? (long)j :
			    find_resource(res, n, fk->resource);
			if (ti < 0) {
				vreport_warn(rep, base + j, xasprintf("foreign "
				    "key to resource \"%s\" not checked: the "
				    "resource is not validated with this one",
				    fk->resource));
				continue;
			}
			to = res[ti].schema;
			free(cols);
			cols = xcalloc(fk->nfields, sizeof(size_t));
			for (m = 0; m < fk->nfields; m++) {
				long fi = schema_field_index(to,
				    fk->ref_fields[m]);

				if (fi < 0) {
					diag(DIAG_USAGE, sc->path, 0, "foreign "
					    "key refers to unknown field '%s' "
					    "of resource '%s'",
					    fk->ref_fields[m], res[ti].name);
					rc = -1;
					break;
				}
				cols[m] = (size_t)fi;
			}
			if (rc != 0)
				break;
			for (t = 0; t < ntg; t++)
				if (tg[t].res == (size_t)ti &&
				    same_cols(tg[t].ks, cols, fk->nfields))
					break;
			if (t == ntg) {
				tg = xgrow(tg, &captg, ntg + 1, sizeof(*tg));
				tg[ntg].res = (size_t)ti;
				tg[ntg].ks = keyset_new(cols, fk->nfields,
				    &rep->mem);
				tg[ntg].complete = 0;
				ntg++;
			}
			fkt[j][k] = (long)t;
		}
	}
	for (j = 0; j < n && rc == 0; j++) {
		const struct schema *sc = res[j].schema;

		/* fill the targets this resource needs that are not ready */
		for (k = 0; k < sc->nfkeys && rc == 0; k++)
			if (fkt[j][k] >= 0 && !tg[fkt[j][k]].complete) {
				size_t r = tg[fkt[j][k]].res;

				if (run_pass(rep, res, NULL, r, base + r, 1,
				    tg, ntg, fkt[r]) != 0)
					rc = -1;
			}
		if (rc == 0 && run_pass(rep, res, fix != NULL ? &fix[j] :
		    NULL, j, base + j, 0, tg, ntg, fkt[j]) != 0)
			rc = -1;
	}
	for (t = 0; t < ntg; t++)
		keyset_free(tg[t].ks);
	free(tg);
	for (j = 0; j < n; j++)
		free(fkt[j]);
	free(fkt);
	free(cols);
	if (rc != 0)
		return -1;
	return rep->nerr > nerr0 ? 1 : 0;
}
