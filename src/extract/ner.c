/*
 * ner: entities and mentions by lexicon and rules.
 *
 * A document is read in three passes over its matchable paragraphs.
 * Pass 1: lexicon matches; acronym definitions "Long Form (SF)" and
 * "SF (Long Form)" (Schwartz & Hearst 2003, with the long form
 * restricted to a capitalised name), which link SF and the long form to
 * a lexicon entity or create an organisation or law; people named after
 * a title ("President Xi Jinping", "its president, Azali Assoumani,"),
 * before "is a <position>" or ", a <position>" (author notes), before a
 * reporting verb, or in a byline.  Those give document-local surfaces
 * (acronym, long form, full name, surname), compiled into a second,
 * small automaton.  Pass 2: capitalised names headed by an organisation
 * or treaty word ("Istanbul Process"), unknown names described by one in
 * apposition ("Nordlink, a regional forum") and unknown places after
 * "in" (cities), outside title-case paragraphs, join the local surfaces,
 * so that they count in headings too.  Pass 3:
 * the lexicon and local automata and the head-word names give candidate
 * mentions; the leftmost, then longest, then highest-priority candidate
 * wins and overlapping ones are dropped.
 *
 * Capitals: a capital city is a metonym for its country's government
 * (form "metonym", entity the country) by its context, see
 * capital_metonym(): "Beijing has", "Beijing's", "urged Beijing",
 * "Moscow, for its part," are the government; "in Beijing", "the
 * Vilnius summit", "Beijing, the capital", "Beijing." are the city.  A
 * capital listed with another ("to Moscow and Beijing") shares its use.
 *
 * This file holds the run: tokens, lexicon matches, the document-local
 * entities and surfaces, resolution and the passes.  The rules are in
 * ner_acronym.c (definitions), ner_people.c (people) and ner_org.c
 * (names by head word, places); ner_int.h is what they share.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "extract/ner.h"
#include "extract/ner_int.h"
#include "lib/aho.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/model.h"

#define SLUG_MAX	64	/* bytes of an id's slug */
#define KEEP_MAX	(1024 * 1024) /* bytes of memory that hold a
				 * document's first paragraphs folded and
				 * tokenized between passes */

struct ner {
	struct lexicon	*lex;
};

/* --- small helpers --------------------------------------------------- */

static uint64_t
smap_hash(const char *s)
{
	return hash_fnv1a(s, strlen(s));
}

/* The value of key k, or UINT32_MAX. */
uint32_t
ner_smap_get(const struct smap *m, const char *k)
{
	size_t i;

	if (m->cap == 0)
		return UINT32_MAX;
	for (i = smap_hash(k) & (m->cap - 1); m->key[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->key[i], k) == 0)
			return m->val[i];
	return UINT32_MAX;
}

/* Add k (absent; borrowed, must outlive the map) with value v. */
void
ner_smap_put(struct smap *m, const char *k, uint32_t v)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct smap o = *m;

		m->cap = o.cap == 0 ? 64 : o.cap * 2;
		m->key = xcalloc(m->cap, sizeof(*m->key));
		m->val = xcalloc(m->cap, sizeof(*m->val));
		m->n = 0;
		for (i = 0; i < o.cap; i++)
			if (o.key[i] != NULL)
				ner_smap_put(m, o.key[i], o.val[i]);
		free(o.key);
		free(o.val);
	}
	for (i = smap_hash(k) & (m->cap - 1); m->key[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		;
	m->key[i] = k;
	m->val[i] = v;
	m->n++;
}

/* Add one to the value of k, which is present. */
void
ner_smap_put_count(struct smap *m, const char *k)
{
	size_t i;

	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): k is in m */
	for (i = smap_hash(k) & (m->cap - 1); strcmp(m->key[i], k) != 0;
	    i = (i + 1) & (m->cap - 1))
		;
	m->val[i]++;
}

void
ner_smap_release(struct smap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

/* The slug of a name, folded first so accents go: "Erdoğan" -> erdogan */
char *
ner_slug_of(const char *name)
{
	char *k = fold_key(name), *s = text_slug(k, SLUG_MAX);

	free(k);
	return s;
}

struct cand *
ner_cand_add(struct run *r, size_t s, size_t e, uint32_t ent, int kind,
    int form, int prio)
{
	struct cand *c;

	r->c = xgrow(r->c, &r->capc, r->nc + 1, sizeof(*r->c));
	c = &r->c[r->nc++];
	c->s = s;
	c->e = e;
	c->ent = ent;
	c->kind = (unsigned char)kind;
	c->form = (unsigned char)form;
	c->prio = (unsigned char)prio;
	c->capital = 0;
	c->amb = 0;
	return c;
}

/* --- tokens ---------------------------------------------------------- */

static int
is_joiner(int32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == '\'' ||
	    cp == 0x2019;
}

static void
tokenize(struct run *r)
{
	const char *t = r->text;
	size_t i = r->ps, k, k2;
	int32_t cp;
	int allsp = 1;	/* the gap after the last token is all blanks */

	r->nt = 0;
	r->t = r->tbuf;
	while (i < r->pe) {
		struct tok *x;
		int letters = 0, upper = 0;
		size_t dots = 0;

		cp = utf8_get(t, r->pe, i, &k);
		if (!utf8_isword(cp)) {
			if (!utf8_isspace(cp))
				allsp = 0;
			i += k;
			continue;
		}
		if (r->nt + 1 > r->capt)
			r->t = r->tbuf = xgrow(r->tbuf, &r->capt, r->nt + 1,
			    sizeof(*r->t));
		/* the token before is followed by blanks only (sp) when
		 * its gap was, and no possessive was cut off it */
		if (r->nt > 0)
			r->t[r->nt - 1].sp = allsp &&
			    !(r->t[r->nt - 1].flags & T_POSS);
		allsp = 1;
		x = &r->t[r->nt++];
		memset(x, 0, sizeof(*x));
		x->s = i;
		if (utf8_isupper(cp))
			x->flags |= T_CAP;
		else if (utf8_islower(cp))
			x->flags |= T_LOWER;
		for (;;) {
			if (cp >= 0 && cp < 0x80 && utf8_isword(cp)) {
				/* a run of ASCII letters and digits */
				for (;;) {
					if (cp >= 'A' && cp <= 'Z') {
						letters++;
						upper++;
					} else if (cp >= 'a' && cp <= 'z')
						letters++;
					else
						x->flags |= T_DIGIT;
					i++;
					if (i >= r->pe || (unsigned char)t[i] >=
					    0x80 || !utf8_isword(t[i]))
						break;
					cp = (unsigned char)t[i];
				}
				if (i >= r->pe)
					break;
				cp = utf8_get(t, r->pe, i, &k);
				continue;
			}
			if (utf8_isword(cp)) {
				if (utf8_isupper(cp) || utf8_islower(cp)) {
					letters++;
					upper += utf8_isupper(cp);
				} else if (cp >= '0' && cp <= '9')
					x->flags |= T_DIGIT;
				i += k;
			} else if (is_joiner(cp) && i + k < r->pe &&
			    utf8_isword(utf8_get(t, r->pe, i + k, &k2)))
				i += k;
			else if (cp == '.' && i - x->s == 1 + dots * 2 &&
			    utf8_isupper(utf8_get(t, r->pe, x->s, &k2))) {
				/* "U.S.", "U.N.": one token, stops included */
				dots++;
				i += k;
				if (i >= r->pe || !utf8_isupper(utf8_get(t,
				    r->pe, i, &k2))) {
					if (dots < 2) {
						i--;
						dots--;
					}
					break;
				}
			} else
				break;
			if (i >= r->pe)
				break;
			cp = utf8_get(t, r->pe, i, &k);
		}
		x->e = i;
		if (letters >= 2 && upper == letters)
			x->flags |= T_ALLCAP;
		/* Cut a possessive 's / ’s. */
		if (x->e - x->s > 2 && t[x->e - 1] == 's') {
			if (t[x->e - 2] == '\'' && x->e - x->s > 2) {
				x->e -= 2;
				x->flags |= T_POSS;
			} else if (x->e - x->s > 4 &&
			    memcmp(t + x->e - 4, "\xE2\x80\x99", 3) == 0) {
				x->e -= 4;
				x->flags |= T_POSS;
			}
		}
	}
}

static int cand_cmp(const void *, const void *);

static int
byend_cmp(const void *x, const void *y, const struct cand *c)
{
	const struct cand *p = &c[*(const uint32_t *)x];
	const struct cand *q = &c[*(const uint32_t *)y];

	if (p->e != q->e)
		return p->e < q->e ? -1 : 1;
	if (p->s != q->s)
		return p->s < q->s ? -1 : 1;
	return 0;
}

/* Heap sort's sift-down over indices into c, by byend_cmp (qsort has no
 * context argument in C17). */
static void
sift(uint32_t *a, size_t i, size_t n, const struct cand *c)
{
	size_t k;
	uint32_t t;

	while ((k = 2 * i + 1) < n) {
		if (k + 1 < n && byend_cmp(&a[k], &a[k + 1], c) < 0)
			k++;
		if (byend_cmp(&a[i], &a[k], c) >= 0)
			break;
		t = a[i];
		a[i] = a[k];
		a[k] = t;
		i = k;
	}
}

/*
 * Index the candidates: sort them by start (then longest first), mark
 * the tokens that lie inside one (blocked names aside), and build the
 * by-end index.  O(n log n) in candidates plus tokens.
 */
static void
mark_known(struct run *r)
{
	size_t i, j, n;
	size_t reach = 0;
	uint32_t t;

	if (r->nc > 1)
		qsort(r->c, r->nc, sizeof(*r->c), cand_cmp);
	for (i = j = 0; j < r->nt; j++) {
		while (i < r->nc && r->c[i].s <= r->t[j].s) {
			if (!(r->c[i].ent == LEX_BLOCK &&
			    r->c[i].kind == CK_LEX) && r->c[i].e > reach)
				reach = r->c[i].e;
			i++;
		}
		r->t[j].known = reach >= r->t[j].e;
	}
	r->byend = xgrow(r->byend, &r->capbyend, r->nc + 1,
	    sizeof(*r->byend));
	for (i = 0; i < r->nc; i++)
		r->byend[i] = (uint32_t)i;
	n = r->nbyend = r->nc;
	for (i = n / 2; i-- > 0; )
		sift(r->byend, i, n, r->c);
	while (n > 1) {
		t = r->byend[0];
		r->byend[0] = r->byend[n - 1];
		r->byend[n - 1] = t;
		sift(r->byend, 0, --n, r->c);
	}
}

/*
 * An indexed candidate ending at e whose start lies in [s0, s1], not a
 * blocked name (a lexicon one only, when lexonly); its index or SIZE_MAX.
 */
size_t
ner_cand_ending(const struct run *r, size_t e, size_t s0, size_t s1,
    int lexonly)
{
	size_t lo = 0, hi = r->nbyend;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->c[r->byend[mid]].e < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->nbyend && r->c[r->byend[lo]].e == e; lo++) {
		const struct cand *c = &r->c[r->byend[lo]];

		if (c->s >= s0 && c->s <= s1 && !(c->kind == CK_LEX &&
		    c->ent == LEX_BLOCK) && (!lexonly || c->kind == CK_LEX))
			return r->byend[lo];
	}
	return SIZE_MAX;
}

/* --- lexicon matches ------------------------------------------------- */

/* The ASCII word of text[a..b) ending at b, as [*ws, b). */
static size_t
word_before(const char *t, size_t a, size_t b)
{
	while (b > a && ((t[b - 1] >= 'a' && t[b - 1] <= 'z') ||
	    (t[b - 1] >= 'A' && t[b - 1] <= 'Z')))
		b--;
	return b;
}

/*
 * Is the capital at [s,e) used for its country's government?  Yes when
 * a possessive follows.  No when a capitalised word follows (part of a
 * name: "the Vienna Talks").  No when a place word (locatives.txt: words of
 * place and movement, determiners) comes before; yes when another
 * lower-case word does ("sent Islamabad", "in which Beijing").
 * Otherwise yes when a lower-case word follows ("Beijing has"), or a
 * comma and a lower-case word that is not a place word ("Moscow, for
 * its part," but not "Beijing, the capital").
 */
static int
capital_metonym(const struct run *r, size_t s, size_t e)
{
	const char *t = r->text;
	size_t i, j, k;
	int32_t cp;

	if ((e + 2 <= r->pe && t[e] == '\'' && t[e + 1] == 's') ||
	    (e + 4 <= r->pe && memcmp(t + e, "\xE2\x80\x99s", 4) == 0)) {
		size_t a = e + (t[e] == '\'' ? 2 : 4);

		if (a >= r->pe || !utf8_isword(utf8_get(t, r->pe, a, &k)))
			return 1;
	}
	/* Part of a longer name: "the Vienna Talks", "Beijing Olympics". */
	for (i = e; i < r->pe && t[i] == ' '; i++)
		;
	if (i > e && i < r->pe && utf8_isupper(utf8_get(t, r->pe, i, &k)))
		return 0;
	i = s;
	while (i > r->ps && (t[i - 1] == ' ' || t[i - 1] == '\n'))
		i--;
	j = word_before(t, r->ps, i);
	/* A whole word ("Union's" ends in "s", which is not one). */
	if (j < i && i < s && (j == r->ps || t[j - 1] == ' ' ||
	    t[j - 1] == '\n' || t[j - 1] == '(')) {
		if (lexicon_has(r->lex, WL_LOCATIVE, t + j, i - j))
			return 0;
		if (t[j] >= 'a' && t[j] <= 'z')
			return 1;
	}
	for (i = e; i < r->pe && (t[i] == ' ' || t[i] == '\n'); i++)
		;
	if (i < r->pe && t[i] == ',') {
		for (i++; i < r->pe && (t[i] == ' ' || t[i] == '\n'); i++)
			;
		for (j = i; j < r->pe && t[j] >= 'a' && t[j] <= 'z'; j++)
			;
		return j > i && !lexicon_has(r->lex, WL_LOCATIVE, t + i,
		    j - i);
	}
	if (i == e || i >= r->pe)
		return 0;
	cp = utf8_get(t, r->pe, i, &k);
	return utf8_islower(cp);
}

/* Is text[a..b) only a list or coordination joint (", ", " and ")? */
static int
coordinated(const char *t, size_t a, size_t b)
{
	static const char *const joints[] = {
		", ", " and ", " or ", ", and ", ", or ", " & "
	};
	size_t i;

	for (i = 0; i < sizeof(joints) / sizeof(joints[0]); i++)
		if (b - a == strlen(joints[i]) &&
		    memcmp(t + a, joints[i], b - a) == 0)
			return 1;
	return 0;
}

static void
on_lex(void *arg, size_t fs, size_t fe, unsigned v)
{
	struct run *r = arg;
	const struct lex_pat *p = &r->lex->pat[v];
	struct cand *c;
	size_t s, e;

	if (!lexpat_accept(p, r->text, r->f, fs, fe, &s, &e))
		return;
	if (p->ent == LEX_BLOCK) {
		ner_cand_add(r, s, e, LEX_BLOCK, CK_LEX, MF_NAME, PR_LEXICON);
		return;
	}
	c = ner_cand_add(r, s, e, p->ent, CK_LEX, p->form, PR_LEXICON);
	c->capital = (p->flags & LP_CAPITAL) != 0;
	c->amb = p->amb;
}

static void
on_local(void *arg, size_t fs, size_t fe, unsigned v)
{
	struct run *r = arg;
	const struct lpat *lp = &r->lp[v];
	size_t s, e;

	if (!lexpat_accept(&lp->p, r->text, r->f, fs, fe, &s, &e))
		return;
	ner_cand_add(r, s, e, lp->p.ent, lp->kind, lp->p.form, lp->prio);
}

/* Bytes of memory a kept paragraph holds. */
static size_t
kept_bytes(const struct kept *k)
{
	return k->f.cap * (1 + sizeof(*k->f.from) + sizeof(*k->f.to)) +
	    k->nt * sizeof(*k->t) + k->nlc * sizeof(*k->lc);
}

/*
 * Fold and tokenize paragraph pi into r->f and r->t, and keep the
 * result for the later passes if the paragraphs kept so far leave room
 * for it.  Paragraphs are kept from the first on, until the first that
 * does not fit: r->kept covers a prefix of the document, not all of it.
 */
static void
keep(struct run *r, size_t pi)
{
	struct kept *k;
	size_t old = r->nkeptp;

	r->kept = xgrow(r->kept, &r->capkept, pi + 1, sizeof(*r->kept));
	memset(r->kept + old, 0, (pi + 1 - old) * sizeof(*r->kept));
	r->nkeptp = pi + 1;
	k = &r->kept[pi];
	fold_text(&k->f, r->text + r->ps, r->pe - r->ps, r->ps);
	tokenize(r);
	k->nt = r->nt;
	if (r->nkept + kept_bytes(k) > KEEP_MAX) {
		/* the fold serves this pass only */
		fold_release(&r->tmpf);
		r->tmpf = k->f;
		memset(k, 0, sizeof(*k));
		r->f = &r->tmpf;
		r->nkeptp = pi;
		r->keepstop = 1;
		return;
	}
	r->f = &k->f;
	k->t = xcalloc(r->nt + 1, sizeof(*k->t));
	if (r->nt > 0)
		memcpy(k->t, r->t, r->nt * sizeof(*k->t));
	r->t = k->t;
	k->done = 1;
	r->nkept += kept_bytes(k);
}

/* A lexicon candidate in the 20 bytes a kept paragraph holds it in. */
static void
lcand_put(struct lcand *l, const struct cand *c)
{
	l->s = (uint32_t)c->s;
	l->e = (uint32_t)c->e;
	l->ent = c->ent;
	l->amb = c->amb;
	l->kind = c->kind;
	l->form = c->form;
	l->prio = c->prio;
	l->capital = c->capital;
}

/* A kept candidate back (lcand_put's inverse). */
static void
lcand_get(struct cand *c, const struct lcand *l)
{
	memset(c, 0, sizeof(*c));
	c->s = l->s;
	c->e = l->e;
	c->ent = l->ent;
	c->amb = l->amb;
	c->kind = l->kind;
	c->form = l->form;
	c->prio = l->prio;
	c->capital = l->capital;
}

/*
 * Fold paragraph pi, tokenize it and collect its lexicon candidates.
 * The first paragraphs, up to KEEP_MAX bytes of memory, are folded,
 * tokenized and scanned once, and the later passes take what the first
 * kept; the others are done again in each pass, so that what a pass
 * holds does not grow with the length of the document.
 */
static void
para_begin(struct run *r, size_t pi)
{
	struct kept *k = pi < r->nkeptp ? &r->kept[pi] : NULL;
	size_t j;

	r->pi = pi;
	r->ps = r->doc->para[pi].start;
	r->pe = r->doc->para[pi].end;
	r->nc = 0;
	if (k != NULL && k->done) {
		r->f = &k->f;
		r->t = k->t;
		r->nt = k->nt;
		r->c = xgrow(r->c, &r->capc, k->nlc + 1, sizeof(*r->c));
		for (j = 0; j < k->nlc; j++)
			lcand_get(&r->c[j], &k->lc[j]);
		r->nc = k->nlc;
		return;
	}
	if (!r->keepstop)
		keep(r, pi);
	else {
		fold_text_again(&r->tmpf, r->text + r->ps, r->pe - r->ps,
		    r->ps);
		r->f = &r->tmpf;
		tokenize(r);
	}
	aho_scan(r->lex->ac, r->f->s, r->f->len, on_lex, r);
	if (pi < r->nkeptp && (k = &r->kept[pi])->done) {
		k->lc = xcalloc(r->nc + 1, sizeof(*k->lc));
		for (j = 0; j < r->nc; j++)
			lcand_put(&k->lc[j], &r->c[j]);
		k->nlc = r->nc;
		r->nkept += k->nlc * sizeof(*k->lc);
	}
}

/* --- document-local entities and surfaces ---------------------------- */

uint32_t
ner_dent_get(struct run *r, const char *id, const char *name,
    const char *acronym, enum etype type, enum esource src)
{
	struct dent *d;
	uint32_t x = ner_smap_get(&r->dmap, id);

	if (x != UINT32_MAX)
		return x;
	r->d = xgrow(r->d, &r->capd, r->nd + 1, sizeof(*r->d));
	d = &r->d[r->nd];
	d->id = xstrdup(id);
	ner_smap_put(&r->dmap, d->id, (uint32_t)r->nd);
	d->name = text_normalize(name, strlen(name));
	d->acronym = acronym != NULL ? xstrdup(acronym) : NULL;
	d->type = type;
	d->src = src;
	return (uint32_t)r->nd++;
}

/* The local surface (normalised) with this case rule, or UINT32_MAX. */
static uint32_t
lpat_find(const struct run *r, const char *surface, unsigned exact)
{
	char *norm = text_normalize(surface, strlen(surface));
	uint32_t x = ner_smap_get(&r->lpmap[exact ? 1 : 0], norm);

	free(norm);
	return x;
}

int
ner_lpat_has(const struct run *r, const char *surface, unsigned exact)
{
	return lpat_find(r, surface, exact) != UINT32_MAX;
}

void
ner_lpat_add(struct run *r, const char *surface, uint32_t ent, int kind,
    enum mform form, unsigned flags, int prio)
{
	struct lpat *lp;
	uint32_t x = lpat_find(r, surface, flags & LP_EXACT);

	if (x != UINT32_MAX) {
		/* A definition outranks a name found by pattern. */
		if (r->lp[x].prio < prio) {
			r->lp[x].p.ent = ent;
			r->lp[x].p.form = form;
			r->lp[x].kind = (unsigned char)kind;
			r->lp[x].prio = (unsigned char)prio;
		}
		return;
	}
	r->lp = xgrow(r->lp, &r->caplp, r->nlp + 1, sizeof(*r->lp));
	lp = &r->lp[r->nlp++];
	memset(lp, 0, sizeof(*lp));
	lp->p.surface = text_normalize(surface, strlen(surface));
	ner_smap_put(&r->lpmap[(flags & LP_EXACT) ? 1 : 0], lp->p.surface,
	    (uint32_t)(r->nlp - 1));
	lp->p.capmask = fold_capmask(lp->p.surface);
	lp->p.ent = ent;
	lp->p.form = form;
	lp->p.flags = flags;
	lp->kind = (unsigned char)kind;
	lp->prio = (unsigned char)prio;
}

/* --- resolution ------------------------------------------------------ */

static int
cand_cmp(const void *x, const void *y)
{
	const struct cand *p = x, *q = y;

	if (p->s != q->s)
		return p->s < q->s ? -1 : 1;
	if (p->e != q->e)
		return p->e > q->e ? -1 : 1;
	if (p->prio != q->prio)
		return (int)q->prio - (int)p->prio;
	if (p->kind != q->kind)
		return (int)p->kind - (int)q->kind;
	if (p->ent != q->ent)
		return p->ent < q->ent ? -1 : 1;
	return (int)p->form - (int)q->form;
}

static struct entity *
intern(struct run *r, const struct cand *c)
{
	struct entity *e;
	int added;

	if (c->kind == CK_LEX) {
		const struct lex_entity *le = &r->lex->ent[c->ent];

		e = entity_set_intern(r->es, le->id, &added);
		if (added) {
			e->name = xstrdup(le->name);
			e->type = le->type;
			e->iso3 = le->iso3 ? xstrdup(le->iso3) : NULL;
			e->cow_ccode = le->cow ? xstrdup(le->cow) : NULL;
			e->acronym = le->acronym ? xstrdup(le->acronym) : NULL;
			e->source = ES_LEXICON;
		}
	} else {
		const struct dent *d = &r->d[c->ent];

		e = entity_set_intern(r->es, d->id, &added);
		if (added) {
			e->name = xstrdup(d->name);
			e->type = d->type;
			e->acronym = d->acronym ? xstrdup(d->acronym) : NULL;
			e->source = d->src;
		}
	}
	return e;
}

static void
resolve(struct run *r)
{
	size_t i, end = r->ps, cap_end = SIZE_MAX;
	int cap_met = 0;
	struct entity *e;
	struct mention *m;

	if (r->nc > 1)
		qsort(r->c, r->nc, sizeof(*r->c), cand_cmp);
	for (i = 0; i < r->nc; i++) {
		struct cand *c = &r->c[i];

		if (c->s < end)
			continue;
		end = c->e;
		if (c->kind == CK_LEX && c->ent == LEX_BLOCK)
			continue;
		if (c->capital) {
			/* A capital listed with another shares its use
			 * ("to Moscow and Beijing"). */
			if (cap_end == SIZE_MAX ||
			    !coordinated(r->text, cap_end, c->s))
				cap_met = capital_metonym(r, c->s, c->e);
			cap_end = c->e;
			if (cap_met) {
				c->ent = r->lex->ent[c->ent].country;
				c->form = MF_METONYM;
			}
		}
		r->m = xgrow(r->m, &r->capm, r->nm + 1, sizeof(*r->m));
		m = &r->m[r->nm++];
		m->para = r->pi;
		m->start = c->s;
		m->end = c->e;
		m->form = (enum mform)c->form;
		m->entity_id = NULL;
		if (c->kind == CK_LEX && c->amb != 0) {
			/* Decided once the whole document is read. */
			r->amb = xgrow(r->amb, &r->capamb, r->namb * 2 + 2,
			    sizeof(*r->amb));
			r->amb[r->namb * 2] = r->nm - 1;
			r->amb[r->namb * 2 + 1] = c->amb;
			r->namb++;
			continue;
		}
		if (c->kind == CK_LEX && (c->form == MF_NAME ||
		    c->form == MF_ACRONYM))
			r->named[c->ent] = 1;
		e = intern(r, c);
		e->mentions++;
		if (e->first_paragraph_id == NULL &&
		    r->doc->para[r->pi].id != NULL)
			e->first_paragraph_id = xstrdup(r->doc->para[r->pi].id);
		m->entity_id = e->id;
	}
}

/* Index of the paragraph with this id, or SIZE_MAX. */
static size_t
para_of(const struct document *doc, const char *id)
{
	size_t i;

	for (i = 0; i < doc->npara; i++)
		if (doc->para[i].id != NULL && strcmp(doc->para[i].id, id) == 0)
			return i;
	return SIZE_MAX;
}

/*
 * An ambiguous short name ("Congo") names the one of its candidates
 * the document names in full or by its acronym; if it names none of
 * them, or several, the default (the first candidate) holds.
 */
static void
resolve_ambiguous(struct run *r)
{
	size_t i, k, named;
	struct cand c;
	struct entity *e;
	struct mention *m;
	const char *pid;

	for (i = 0; i < r->namb; i++) {
		const struct lex_amb *a = &r->lex->amb[r->amb[i * 2 + 1] - 1];

		m = &r->m[r->amb[i * 2]];
		memset(&c, 0, sizeof(c));
		c.kind = CK_LEX;
		c.ent = a->cand[0];
		for (k = 0, named = 0; k < a->ncand; k++)
			if (r->named[a->cand[k]]) {
				if (named++ == 0)
					c.ent = a->cand[k];
			}
		if (named != 1)
			c.ent = a->cand[0];
		e = intern(r, &c);
		e->mentions++;
		pid = r->doc->para[m->para].id;
		if (pid != NULL && (e->first_paragraph_id == NULL ||
		    para_of(r->doc, e->first_paragraph_id) > m->para)) {
			free(e->first_paragraph_id);
			e->first_paragraph_id = xstrdup(pid);
		}
		m->entity_id = e->id;
	}
}

static int
ment_cmp(const void *x, const void *y)
{
	const struct mention *p = x, *q = y;

	return p->start < q->start ? -1 : p->start > q->start;
}

/* --- public ---------------------------------------------------------- */

struct ner *
ner_load(const char *lexdir, const char *genlexdir)
{
	struct lexicon *lex = lexicon_load(lexdir, genlexdir);
	struct ner *n;

	if (lex == NULL)
		return NULL;
	n = xcalloc(1, sizeof(*n));
	n->lex = lex;
	return n;
}

void
ner_free(struct ner *n)
{
	if (n == NULL)
		return;
	lexicon_free(n->lex);
	free(n);
}

static int
matchable(enum role role)
{
	return role != ROLE_BOILERPLATE && role != ROLE_CREDIT;
}

static void
run_release(struct run *r)
{
	size_t i;

	fold_release(&r->tmpf);
	for (i = 0; i < r->nkeptp; i++) {
		fold_release(&r->kept[i].f);
		free(r->kept[i].t);
		free(r->kept[i].lc);
	}
	free(r->kept);
	free(r->c);
	free(r->tbuf);
	for (i = 0; i < r->nd; i++) {
		free(r->d[i].id);
		free(r->d[i].name);
		free(r->d[i].acronym);
	}
	free(r->d);
	for (i = 0; i < r->nlp; i++)
		free(r->lp[i].p.surface);
	free(r->lp);
	for (i = 0; i < r->nper; i++) {
		free(r->per[i].name);
		free(r->per[i].surname);
	}
	free(r->per);
	aho_free(r->ac);
	free(r->m);
	free(r->byend);
	free(r->named);
	free(r->amb);
	ner_smap_release(&r->dmap);
	ner_smap_release(&r->lpmap[0]);
	ner_smap_release(&r->lpmap[1]);
	ner_smap_release(&r->pmap);
}

/* (Re)build the automaton over the document-local surfaces. */
static void
local_build(struct run *r)
{
	size_t i;

	aho_free(r->ac);
	r->ac = NULL;
	if (r->nlp == 0)
		return;
	r->ac = aho_new();
	for (i = 0; i < r->nlp; i++) {
		/* the key: as fold_key() gives it, in tmpf's memory */
		const char *sf = r->lp[i].p.surface;
		size_t n;

		fold_text_again(&r->tmpf, sf, strlen(sf), 0);
		for (n = r->tmpf.len; n > 0 && r->tmpf.s[n - 1] == ' '; n--)
			;
		if (n > 0)
			aho_add(r->ac, r->tmpf.s, n, (unsigned)i);
	}
	aho_build(r->ac);
}

int
ner_run(const struct ner *n, struct document *doc, struct entity_set *es)
{
	struct run r;
	size_t i, n0;

	if (doc->art == NULL || doc->art->text == NULL) {
		diag(DIAG_DATA, doc->id, 0, "no article text to search");
		return -1;
	}
	for (i = 0; i < doc->npara; i++)
		if (doc->para[i].start > doc->para[i].end ||
		    doc->para[i].end > doc->art->len) {
			diag(DIAG_DATA, doc->art->name, 0, "paragraph %zu "
			    "lies outside the text", i + 1);
			return -1;
		}
	memset(&r, 0, sizeof(r));
	r.lex = n->lex;
	r.doc = doc;
	r.es = es;
	r.text = doc->art->text;
	r.named = xcalloc(n->lex->nent + 1, 1);

	/* Pass 1: definitions and people. */
	for (i = 0; i < doc->npara; i++) {
		if (!matchable(doc->para[i].role))
			continue;
		para_begin(&r, i);
		mark_known(&r);
		ner_find_definitions(&r);
		ner_find_people(&r);
		if (doc->para[i].role != ROLE_BODY)
			ner_find_byline(&r);
	}
	ner_author_people(&r, doc->authors);
	if (doc->authors == NULL)
		ner_author_people(&r, doc->art->meta.authors);
	ner_people_to_surfaces(&r);
	local_build(&r);

	/* Pass 2: names by head word, which then count everywhere
	 * (headings included). */
	n0 = r.nlp;
	for (i = 0; i < doc->npara; i++) {
		if (!matchable(doc->para[i].role))
			continue;
		para_begin(&r, i);
		if (r.ac != NULL)
			aho_scan(r.ac, r.f->s, r.f->len, on_local, &r);
		mark_known(&r);
		ner_find_orgs(&r);
	}
	if (r.nlp > n0)
		local_build(&r);

	/* Pass 3: mentions. */
	for (i = 0; i < doc->npara; i++) {
		if (!matchable(doc->para[i].role))
			continue;
		para_begin(&r, i);
		if (r.ac != NULL)
			aho_scan(r.ac, r.f->s, r.f->len, on_local, &r);
		mark_known(&r);
		ner_find_orgs(&r);
		resolve(&r);
	}
	resolve_ambiguous(&r);
	free(doc->ment);
	doc->ment = r.m;
	doc->nment = r.nm;
	r.m = NULL;
	run_release(&r);
	/* pass 3 finds them in order of start (paragraph by paragraph,
	 * none overlapping): sort only what is not, sparing a long
	 * document's sort its copy of the array */
	for (i = 1; i < doc->nment && ment_cmp(&doc->ment[i - 1],
	    &doc->ment[i]) <= 0; i++)
		;
	if (i < doc->nment)
		qsort(doc->ment, doc->nment, sizeof(*doc->ment), ment_cmp);
	return 0;
}
