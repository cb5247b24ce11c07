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
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "extract/ner.h"
#include "lib/aho.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/model.h"

#define SLUG_MAX	64	/* bytes of an id's slug */
#define NAME_MAX_TOK	4	/* tokens of a person's name */
#define SF_MIN		2	/* bytes of a short form */
#define SF_MAX		10
#define PAREN_MAX	160	/* bytes inside a definition's parentheses */
#define NEAR_POSITION	6	/* tokens from "is a" to the position */
#define BYLINE_MAX_TOK	16	/* tokens of a byline paragraph */
#define KEEP_MAX	(256 * 1024)	/* bytes of a document's paragraphs
				 * kept folded and tokenized between passes */

/* Candidate kinds and priorities (higher wins for one span). */
enum ckind { CK_LEX, CK_DOC };
enum prio { PR_PATTERN = 1, PR_PERSON, PR_LEXICON, PR_DEFINED };

struct ner {
	struct lexicon	*lex;
};

struct cand {
	size_t		 s, e;
	uint32_t	 ent;
	unsigned char	 kind, form, prio;
	unsigned char	 capital;	/* a capital: metonym decided later */
};

/* An entity found by the rules in this document. */
struct dent {
	char		*id;
	char		*name;
	char		*acronym;
	enum etype	 type;
	enum esource	 src;
};

/* A document-local surface. */
struct lpat {
	struct lex_pat	 p;		/* p.ent: lexicon or dent index */
	unsigned char	 kind, prio;
};

/* A person found in pass 1. */
struct person {
	char		*name;
	size_t		 ntok;
	char		*surname;	/* NULL for one-token names */
};

#define T_CAP		0x01u	/* starts upper case */
#define T_ALLCAP	0x02u	/* two or more letters, all upper case */
#define T_LOWER		0x04u	/* starts lower case */
#define T_POSS		0x08u	/* a possessive 's was cut off */
#define T_DIGIT		0x10u	/* holds a digit */

struct tok {
	size_t		 s, e;
	unsigned	 flags;
	int		 sp;		/* only white space up to the next */
	int		 known;		/* inside a lexicon or local match */
	int		 wldone;	/* wl and wlfirst are set */
	unsigned	 wl, wlfirst;	/* lexicon_lists() of the token */
};

/* A string -> index map (open addressing); keys are borrowed. */
struct smap {
	const char	**key;
	uint32_t	*val;
	size_t		 cap, n;	/* cap: 0 or a power of two */
};

/* A paragraph as the first pass left it, for the later ones. */
struct kept {
	struct fold	 f;
	struct tok	*t;		/* owned */
	size_t		 nt;
	int		 done;
};

struct run {
	const struct lexicon *lex;
	struct document	*doc;
	struct entity_set *es;
	const char	*text;
	size_t		 ps, pe;	/* current paragraph */
	size_t		 pi;
	struct fold	*f;		/* its folded text: tmpf or kept */
	struct fold	 tmpf;
	struct cand	*c;
	size_t		 nc, capc;
	struct tok	*t;		/* its tokens: tbuf or kept */
	size_t		 nt;
	struct tok	*tbuf;
	size_t		 capt;
	struct kept	*kept;		/* by paragraph */
	size_t		 nkept;		/* bytes kept */
	struct dent	*d;
	size_t		 nd, capd;
	struct lpat	*lp;
	size_t		 nlp, caplp;
	struct person	*per;
	size_t		 nper, capper;
	struct aho	*ac;		/* over lp[] */
	struct smap	 dmap;		/* dent id -> d[] */
	struct smap	 lpmap[2];	/* surface -> lp[], [1]: exact */
	struct smap	 pmap;		/* person name -> per[] */
	uint32_t	*byend;		/* c[] by end, then start */
	size_t		 nbyend, capbyend;
	struct mention	*m;
	size_t		 nm, capm;
	/* the lexicon candidates of each paragraph, found once */
	struct cand	*lc;
	size_t		 nlc, caplc;
	size_t		*lcoff;		/* paragraph -> first in lc */
	size_t		*lcn;		/* paragraph -> how many */
	char		*lcdone;	/* paragraph -> 1: found */
};

/* --- small helpers --------------------------------------------------- */

static uint64_t
smap_hash(const char *s)
{
	return hash_fnv1a(s, strlen(s));
}

/* The value of key k, or UINT32_MAX. */
static uint32_t
smap_get(const struct smap *m, const char *k)
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
static void
smap_put(struct smap *m, const char *k, uint32_t v)
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
				smap_put(m, o.key[i], o.val[i]);
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
static void
smap_put_count(struct smap *m, const char *k)
{
	size_t i;

	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): k is in m */
	for (i = smap_hash(k) & (m->cap - 1); strcmp(m->key[i], k) != 0;
	    i = (i + 1) & (m->cap - 1))
		;
	m->val[i]++;
}

static void
smap_release(struct smap *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

static int
tok_eq(const struct run *r, size_t j, const char *w)
{
	size_t n = strlen(w);

	return r->t[j].e - r->t[j].s == n &&
	    memcmp(r->text + r->t[j].s, w, n) == 0;
}

/* The word lists that hold token j, looked up once per token. */
static struct tok *
tok_lists(const struct run *r, size_t j)
{
	struct tok *x = &r->t[j];

	if (!x->wldone) {
		x->wl = lexicon_lists(r->lex, r->text + x->s, x->e - x->s,
		    &x->wlfirst);
		x->wldone = 1;
	}
	return x;
}

static int
tok_in(const struct run *r, size_t j, enum lex_list l)
{
	return (tok_lists(r, j)->wl >> l & 1) != 0;
}

/* Does the gap after token j (up to the next token) contain c? */
static int
gap_has(const struct run *r, size_t j, int c)
{
	size_t end = j + 1 < r->nt ? r->t[j + 1].s : r->pe, i;

	for (i = r->t[j].e; i < end; i++)
		if (r->text[i] == c)
			return 1;
	return 0;
}

/* Does the gap after token j end a sentence or clause? */
static int
gap_breaks(const struct run *r, size_t j)
{
	size_t end = j + 1 < r->nt ? r->t[j + 1].s : r->pe, i;

	for (i = r->t[j].e; i < end; i++)
		if (strchr(".!?;:,()", r->text[i]) != NULL &&
		    r->text[i] != '\0')
			return 1;
	return 0;
}

/* The slug of a name, folded first so accents go: "Erdoğan" -> erdogan */
static char *
slug_of(const char *name)
{
	char *k = fold_key(name), *s = text_slug(k, SLUG_MAX);

	free(k);
	return s;
}

static struct cand *
cand_add(struct run *r, size_t s, size_t e, uint32_t ent, int kind,
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
static size_t
cand_ending(const struct run *r, size_t e, size_t s0, size_t s1,
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
	size_t s, e;

	if (!lexpat_accept(p, r->text, r->f, fs, fe, &s, &e))
		return;
	if (p->ent == LEX_BLOCK) {
		cand_add(r, s, e, LEX_BLOCK, CK_LEX, MF_NAME, PR_LEXICON);
		return;
	}
	cand_add(r, s, e, p->ent, CK_LEX, p->form, PR_LEXICON)->capital =
	    (p->flags & LP_CAPITAL) != 0;
}

static void
on_local(void *arg, size_t fs, size_t fe, unsigned v)
{
	struct run *r = arg;
	const struct lpat *lp = &r->lp[v];
	size_t s, e;

	if (!lexpat_accept(&lp->p, r->text, r->f, fs, fe, &s, &e))
		return;
	cand_add(r, s, e, lp->p.ent, lp->kind, lp->p.form, lp->prio);
}

/*
 * Fold paragraph pi, tokenize it and collect lexicon candidates.  The
 * lexicon is scanned once per paragraph (the later passes take a copy
 * of the candidates the first one found), and the first KEEP_MAX bytes
 * of paragraphs are folded and tokenized once too.
 */
static void
para_begin(struct run *r, size_t pi)
{
	struct kept *k = &r->kept[pi];

	r->pi = pi;
	r->ps = r->doc->para[pi].start;
	r->pe = r->doc->para[pi].end;
	r->nc = 0;
	if (k->done) {
		r->f = &k->f;
		r->t = k->t;
		r->nt = k->nt;
	} else if (r->nkept + (r->pe - r->ps) <= KEEP_MAX) {
		fold_text(&k->f, r->text + r->ps, r->pe - r->ps, r->ps);
		r->f = &k->f;
		tokenize(r);
		k->t = xcalloc(r->nt + 1, sizeof(*k->t));
		if (r->nt > 0)
			memcpy(k->t, r->t, r->nt * sizeof(*k->t));
		k->nt = r->nt;
		r->t = k->t;
		k->done = 1;
		r->nkept += r->pe - r->ps;
	} else {
		fold_text_again(&r->tmpf, r->text + r->ps, r->pe - r->ps,
		    r->ps);
		r->f = &r->tmpf;
		tokenize(r);
	}
	if (r->lcdone[pi]) {
		r->c = xgrow(r->c, &r->capc, r->lcn[pi] + 1, sizeof(*r->c));
		if (r->lcn[pi] > 0)
			memcpy(r->c, r->lc + r->lcoff[pi],
			    r->lcn[pi] * sizeof(*r->c));
		r->nc = r->lcn[pi];
	} else {
		aho_scan(r->lex->ac, r->f->s, r->f->len, on_lex, r);
		r->lc = xgrow(r->lc, &r->caplc, r->nlc + r->nc + 1,
		    sizeof(*r->lc));
		if (r->nc > 0)
			memcpy(r->lc + r->nlc, r->c, r->nc * sizeof(*r->c));
		r->lcoff[pi] = r->nlc;
		r->lcn[pi] = r->nc;
		r->nlc += r->nc;
		r->lcdone[pi] = 1;
	}
}

/* --- document-local entities and surfaces ---------------------------- */

static uint32_t
dent_get(struct run *r, const char *id, const char *name,
    const char *acronym, enum etype type, enum esource src)
{
	struct dent *d;
	uint32_t x = smap_get(&r->dmap, id);

	if (x != UINT32_MAX)
		return x;
	r->d = xgrow(r->d, &r->capd, r->nd + 1, sizeof(*r->d));
	d = &r->d[r->nd];
	d->id = xstrdup(id);
	smap_put(&r->dmap, d->id, (uint32_t)r->nd);
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
	uint32_t x = smap_get(&r->lpmap[exact ? 1 : 0], norm);

	free(norm);
	return x;
}

static int
lpat_has(const struct run *r, const char *surface, unsigned exact)
{
	return lpat_find(r, surface, exact) != UINT32_MAX;
}

static void
lpat_add(struct run *r, const char *surface, uint32_t ent, int kind,
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
	smap_put(&r->lpmap[(flags & LP_EXACT) ? 1 : 0], lp->p.surface,
	    (uint32_t)(r->nlp - 1));
	lp->p.capmask = fold_capmask(lp->p.surface);
	lp->p.ent = ent;
	lp->p.form = form;
	lp->p.flags = flags;
	lp->kind = (unsigned char)kind;
	lp->prio = (unsigned char)prio;
}

/* --- acronym definitions (Schwartz & Hearst 2003) --------------------- */

static int
ascii_low(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* A short form: 2-10 bytes, starts with a capital, two or more capitals,
 * only letters, digits and "-&./"; not a roman numeral. */
static int
valid_sf(const char *s, size_t n)
{
	size_t i, caps = 0, roman = 0;

	if (n < SF_MIN || n > SF_MAX || !(s[0] >= 'A' && s[0] <= 'Z'))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z') {
			caps++;
			roman += c == 'I' || c == 'V' || c == 'X';
		} else if (!((c >= 'a' && c <= 'z') || (c >= '0' &&
		    c <= '9') || c == '-' || c == '&' || c == '.' || c == '/'))
			return 0;
	}
	return caps >= 2 && !(roman == n && n <= 4);
}

/*
 * The Schwartz & Hearst match with the short form's first character
 * already matched to the long form's first: every other letter or digit
 * of sf occurs in lf[1..], in order (searched right to left).
 */
static int
sh_match(const char *sf, size_t sn, const char *lf, size_t ln)
{
	size_t si = sn, li = ln;

	while (si > 1) {
		int c = ascii_low((unsigned char)sf[--si]);

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			continue;
		while (li > 1 && ascii_low((unsigned char)lf[li - 1]) != c)
			li--;
		if (li <= 1)
			return 0;
		li--;
	}
	return 1;
}

/* Can tokens a..b (inclusive) be a capitalised name? */
static int
name_tokens(const struct run *r, size_t a, size_t b)
{
	size_t j;

	if (!(r->t[a].flags & T_CAP) || tok_in(r, b, WL_CONNECTOR) ||
	    !(r->t[b].flags & (T_CAP | T_DIGIT)))
		return 0;
	for (j = a; j <= b; j++) {
		if (j < b && !r->t[j].sp)
			return 0;
		if (r->t[j].flags & (T_CAP | T_DIGIT))
			continue;
		if (!tok_in(r, j, WL_CONNECTOR))
			return 0;
	}
	return 1;
}

/*
 * The id prefix and type of an acronym's long form a..b, which the
 * definition shows to be a name: "org" when it holds an organisation
 * word, "law" a treaty word (the last one decides: "U.S. Forces Korea
 * (USFK)"); NULL for neither.
 */
static const char *
any_head_type(const struct run *r, size_t a, size_t b, enum etype *type)
{
	size_t j = b + 1;

	while (j-- > a) {
		if (!(r->t[j].flags & T_CAP))
			continue;
		if (tok_in(r, j, WL_ORGHEAD)) {
			*type = ET_ORGANIZATION;
			return "org";
		}
		if (tok_in(r, j, WL_LAWHEAD)) {
			*type = ET_LAW;
			return "law";
		}
	}
	return NULL;
}

/* Share of the long form's capitalised words found in name (folded). */
static int
words_agree(const struct run *r, size_t a, size_t b, const char *name)
{
	char *kn = fold_key(name), *w, *kw;
	size_t j, n = 0, hit = 0;

	for (j = a; j <= b; j++) {
		if (!(r->t[j].flags & T_CAP))
			continue;
		n++;
		w = xstrndup(r->text + r->t[j].s, r->t[j].e - r->t[j].s);
		kw = fold_key(w);
		hit += strstr(kn, kw) != NULL;
		free(w);
		free(kw);
	}
	free(kn);
	return n > 0 && hit * 2 >= n;
}

struct exact_hit {
	const struct lexicon *lex;
	const char	*sf;
	size_t		 len;
	uint32_t	 ent;
};

static void
on_exact(void *arg, size_t fs, size_t fe, unsigned v)
{
	struct exact_hit *h = arg;
	const struct lex_pat *p = &h->lex->pat[v];

	if (fs == 0 && fe == h->len && (p->flags & LP_EXACT) &&
	    p->ent != LEX_BLOCK && strcmp(p->surface, h->sf) == 0)
		h->ent = p->ent;
}

/* The lexicon entity whose acronym is sf, or LEX_NONE. */
static uint32_t
lex_acronym(const struct lexicon *lex, const char *sf)
{
	struct exact_hit h;
	char *k = fold_key(sf);

	h.lex = lex;
	h.sf = sf;
	h.len = strlen(k);
	h.ent = LEX_NONE;
	aho_scan(lex->ac, k, h.len, on_exact, &h);
	free(k);
	return h.ent;
}

/* Link a definition sf = tokens a..b (long form) to an entity. */
static void
define(struct run *r, const char *sf, size_t a, size_t b)
{
	size_t ls = r->t[a].s, le = r->t[b].e, i;
	char *lf, *slug, *id;
	uint32_t ent = LEX_NONE, x;
	int kind = CK_LEX;
	struct entity *old;
	enum etype type;

	if (lpat_has(r, sf, LP_EXACT))
		return;		/* the first definition holds */
	lf = xstrndup(r->text + ls, le - ls);
	if ((i = cand_ending(r, le, ls, ls, 1)) != SIZE_MAX)
		ent = r->c[i].ent;
	if (ent == LEX_NONE && (x = lex_acronym(r->lex, sf)) != LEX_NONE &&
	    words_agree(r, a, b, r->lex->ent[x].name))
		ent = x;
	if (ent == LEX_NONE) {
		const char *prefix = any_head_type(r, a, b, &type);

		if (b == a || prefix == NULL) {
			free(lf);
			return;
		}
		kind = CK_DOC;
		slug = slug_of(sf);
		id = xasprintf("%s/%s", prefix, slug);
		free(slug);
		old = entity_set_find(r->es, id);
		if (lexicon_find(r->lex, id) != LEX_NONE || (old != NULL &&
		    old->name != NULL && !words_agree(r, a, b, old->name))) {
			free(id);
			slug = slug_of(lf);
			id = xasprintf("%s/%s", prefix, slug);
			free(slug);
		}
		ent = dent_get(r, id, lf, sf, type, ES_ACRONYM);
		free(id);
	}
	lpat_add(r, sf, ent, kind, MF_ACRONYM, LP_EXACT, PR_DEFINED);
	lpat_add(r, lf, ent, kind, MF_NAME, 0, PR_DEFINED);
	free(lf);
}

static void
find_definitions(struct run *r)
{
	const char *t = r->text;
	size_t q, q2, j = 0, jl, k, first, maxw, n, in0, in1;

	for (q = r->ps; q < r->pe; q++) {
		if (t[q] != '(')
			continue;
		for (q2 = q + 1; q2 < r->pe && q2 - q <= PAREN_MAX &&
		    t[q2] != ')' && t[q2] != '(' && t[q2] != '\n'; q2++)
			;
		if (q2 >= r->pe || t[q2] != ')')
			continue;
		/* The last token before "(" and the tokens inside (the
		 * cursor j only moves forward: linear in the paragraph). */
		while (j < r->nt && r->t[j].e <= q)
			j++;
		if (j == 0 || j == r->nt || r->t[j].e > q2)
			continue;
		jl = j - 1;
		in0 = in1 = j;
		while (in1 + 1 < r->nt && r->t[in1 + 1].e <= q2)
			in1++;
		for (k = r->t[jl].e; k < q && t[k] == ' '; k++)
			;
		if (k != q)
			continue;	/* not right after a word */
		n = r->t[in1].e - r->t[in0].s;
		if (in0 == in1 && r->t[in0].s == q + 1 && r->t[in0].e == q2 &&
		    valid_sf(t + q + 1, n)) {
			/* Long Form (SF): the longest fitting suffix of the
			 * min(|SF| + 5, 2|SF|) words before. */
			char *sf = xstrndup(t + q + 1, n);

			maxw = n + 5 < 2 * n ? n + 5 : 2 * n;
			first = jl;
			while (first > 0 && jl - (first - 1) < maxw &&
			    r->t[first - 1].sp)
				first--;
			for (k = first; k < jl; k++) {
				size_t ls = r->t[k].s, le = r->t[jl].e;

				if (ascii_low((unsigned char)t[ls]) !=
				    ascii_low((unsigned char)sf[0]) ||
				    !name_tokens(r, k, jl) ||
				    !sh_match(sf, n, t + ls, le - ls))
					continue;
				define(r, sf, k, jl);
				break;
			}
			/* No match letter by letter (an acronym of a name
			 * in another language: "(NUPI)"): an organisation
			 * or treaty name with the same initial will do. */
			if (!lpat_has(r, sf, LP_EXACT)) {
				enum etype ty;

				for (k = first; k < jl; k++)
					if (ascii_low((unsigned char)
					    t[r->t[k].s]) == ascii_low(
					    (unsigned char)sf[0]) &&
					    name_tokens(r, k, jl) &&
					    any_head_type(r, k, jl, &ty) !=
					    NULL) {
						define(r, sf, k, jl);
						break;
					}
			}
			free(sf);
		} else if (in1 > in0 && (r->t[jl].flags & T_ALLCAP) &&
		    valid_sf(t + r->t[jl].s, r->t[jl].e - r->t[jl].s)) {
			/* SF (Long Form) */
			char *sf = xstrndup(t + r->t[jl].s,
			    r->t[jl].e - r->t[jl].s);
			size_t a = in0;

			if (tok_eq(r, a, "the") || tok_eq(r, a, "The"))
				a++;
			if (a < in1 && r->t[in1].e == q2 &&
			    ascii_low((unsigned char)t[r->t[a].s]) ==
			    ascii_low((unsigned char)sf[0]) &&
			    name_tokens(r, a, in1) &&
			    sh_match(sf, strlen(sf), t + r->t[a].s,
			    r->t[in1].e - r->t[a].s))
				define(r, sf, a, in1);
			free(sf);
		}
	}
}

/* --- people ---------------------------------------------------------- */

/* "al-Assad": a particle, a hyphen, a capitalised name. */
static int
particle_prefixed(const struct run *r, size_t j)
{
	const struct tok *x = &r->t[j];
	const char *h = memchr(r->text + x->s, '-', x->e - x->s);
	size_t k;

	return h != NULL && lexicon_has(r->lex, WL_PARTICLE, r->text + x->s,
	    (size_t)(h - r->text) - x->s) && (size_t)(h - r->text) + 1 < x->e &&
	    utf8_isupper(utf8_get(r->text, x->e, (size_t)(h - r->text) + 1,
	    &k));
}

/*
 * Could token j be part of a person's name?  A token inside a lexicon
 * match may be, when inner is set (a first name such as "Christian" or
 * "Jordan"); the last token of a name may not.
 */
static int
namelike_at(const struct run *r, size_t j, int inner)
{
	const struct tok *x = &r->t[j];

	if ((x->flags & T_LOWER) && particle_prefixed(r, j))
		return 1;
	if (!(x->flags & T_CAP) || (x->flags & (T_ALLCAP | T_DIGIT)) ||
	    (x->known && !inner) || x->e - x->s < 2)
		return 0;
	return !tok_in(r, j, WL_NONNAME) && !tok_in(r, j, WL_ORGHEAD) &&
	    !tok_in(r, j, WL_LAWHEAD) && !tok_in(r, j, WL_TITLE);
}

static int
namelike(const struct run *r, size_t j)
{
	return namelike_at(r, j, 0);
}

/* Add a person (takes name and surname) unless the name is known. */
static void
person_new(struct run *r, char *name, size_t ntok, char *surname)
{
	struct person *p;

	if (smap_get(&r->pmap, name) != UINT32_MAX) {
		free(name);
		free(surname);
		return;
	}
	r->per = xgrow(r->per, &r->capper, r->nper + 1, sizeof(*r->per));
	p = &r->per[r->nper++];
	p->name = name;
	p->ntok = ntok;
	p->surname = surname;
	smap_put(&r->pmap, p->name, (uint32_t)(r->nper - 1));
}

static void
person_add(struct run *r, size_t a, size_t b)
{
	char *name = xstrndup(r->text + r->t[a].s, r->t[b].e - r->t[a].s);
	char *norm = text_normalize(name, strlen(name));
	char *surname = NULL;
	size_t sj;

	free(name);
	if (b > a) {
		sj = tok_in(r, a, WL_FAMILYFIRST) && b - a < 3 ? a : b;
		surname = xstrndup(r->text + r->t[sj].s,
		    r->t[sj].e - r->t[sj].s);
	}
	person_new(r, norm, b - a + 1, surname);
}

/*
 * The longest name (2..4 tokens, particles inside) ending at token b;
 * when strict, it must start a clause (paragraph start, punctuation,
 * "and", a reporting verb).  Returns its first token or SIZE_MAX.
 */
static size_t
name_ending(const struct run *r, size_t b, int strict)
{
	size_t a = b, n = 1;

	if (!namelike(r, b))
		return SIZE_MAX;
	while (a > 0 && n < NAME_MAX_TOK && r->t[a - 1].sp) {
		if (namelike_at(r, a - 1, 1)) {
			n++;
			a--;
			continue;
		}
		/* one or two particles between name words ("von der") */
		if (a >= 2 && tok_in(r, a - 1, WL_PARTICLE) &&
		    namelike(r, a - 2) && r->t[a - 2].sp)
			a--;
		else if (a >= 3 && tok_in(r, a - 1, WL_PARTICLE) &&
		    tok_in(r, a - 2, WL_PARTICLE) && r->t[a - 2].sp &&
		    namelike(r, a - 3) && r->t[a - 3].sp)
			a -= 2;
		else
			break;
	}
	if (n < 2 || tok_in(r, a, WL_PARTICLE))
		return SIZE_MAX;
	if (strict && a > 0 && !gap_breaks(r, a - 1) &&
	    !tok_eq(r, a - 1, "and") && !tok_in(r, a - 1, WL_VERB))
		return SIZE_MAX;
	return a;
}

/* Name tokens from j on (after a title): returns the last or SIZE_MAX. */
static size_t
name_from(const struct run *r, size_t j)
{
	size_t b = SIZE_MAX, n = 0, start = j;

	while (j < r->nt && n < NAME_MAX_TOK) {
		if (namelike(r, j) || (namelike_at(r, j, 1) && r->t[j].sp &&
		    j + 1 < r->nt && namelike(r, j + 1)))
			n++;
		/* a title word inside a name: "Hassan Sheikh Mohamud" */
		else if (n > 0 && (r->t[j].flags & T_CAP) &&
		    !(r->t[j].flags & (T_ALLCAP | T_POSS)) &&
		    tok_in(r, j, WL_TITLE) && r->t[j].sp && j + 1 < r->nt &&
		    namelike(r, j + 1) &&
		    !(tok_lists(r, j - 1)->wlfirst & 1u << WL_TITLE))
			n++;
		else if (!(n > 0 && tok_in(r, j, WL_PARTICLE) &&
		    j + 1 < r->nt && namelike(r, j + 1)))
			break;
		b = j;
		if (!r->t[j].sp)
			break;
		j++;
	}
	if (b != SIZE_MAX && tok_in(r, b, WL_PARTICLE)) {
		/* a particle alone ("Le" before a break) is no name */
		if (b == start)
			return SIZE_MAX;
		b--;
	}
	return n > 0 ? b : SIZE_MAX;
}

/* Is a lower-case title or position word among the few tokens up to j,
 * in the same clause? */
static int
position_before(const struct run *r, size_t j)
{
	size_t k = j + 1, n = 0;

	while (k-- > 0 && n++ < NEAR_POSITION) {
		if (k < j && gap_breaks(r, k))
			return 0;
		if ((r->t[k].flags & T_LOWER) && (tok_in(r, k, WL_POSITION) ||
		    tok_in(r, k, WL_TITLE)))
			return 1;
	}
	return 0;
}

/* Is a position word among the few tokens from j on? */
static int
position_near(const struct run *r, size_t j)
{
	size_t k;

	for (k = j; k < r->nt && k < j + NEAR_POSITION; k++) {
		if (tok_in(r, k, WL_POSITION))
			return 1;
		if (!r->t[k].sp)
			break;
	}
	return 0;
}

/*
 * Is the current paragraph in title case, where capitals say nothing
 * about names?  Titles and headings are; a subtitle is when most of its
 * longer words (four letters or more) are capitalised.
 */
static int
titlecase_para(const struct run *r)
{
	enum role role = r->doc->para[r->pi].role;
	size_t j, n = 0, cap = 0;

	if (role == ROLE_TITLE || role == ROLE_HEADING)
		return 1;
	if (role != ROLE_SUBTITLE)
		return 0;
	for (j = 0; j < r->nt; j++)
		if (r->t[j].e - r->t[j].s >= 4) {
			n++;
			cap += (r->t[j].flags & T_CAP) != 0;
		}
	return n > 0 && cap * 10 >= n * 6;
}

/*
 * The title that starts at token j ("President", "Foreign Minister"):
 * its length in tokens, or 0.  A plural title ("Prime Ministers") sets
 * *plural; a lower-case prefix and a hyphen ("then-President",
 * "ex-President") are allowed before it.
 */
static size_t
title_at(const struct run *r, size_t j, int *plural)
{
	char buf[128];
	const char *w = r->text + r->t[j].s, *h;
	size_t L, k, o, n = r->t[j].e - r->t[j].s;
	unsigned first = 0, firstpl = 0;

	*plural = 0;
	if ((r->t[j].flags & T_LOWER) && (h = memchr(w, '-', n)) != NULL &&
	    (size_t)(h - w) + 2 < n && h[1] >= 'A' && h[1] <= 'Z') {
		n -= (size_t)(h + 1 - w);
		w = h + 1;
	}
	lexicon_lists(r->lex, w, n, &first);
	if (n > 3 && (w[n - 1] == 's' || w[n - 1] == 'S'))
		lexicon_lists(r->lex, w, n - 1, &firstpl);
	if (!((first | firstpl) & 1u << WL_TITLE))
		return 0;
	for (L = WL_TITLE_MAX; L >= 1; L--) {
		if (j + L > r->nt)
			continue;
		for (k = j, o = 0; k < j + L; k++) {
			const char *ks = k == j ? w : r->text + r->t[k].s;
			size_t kn = k == j ? n : r->t[k].e - r->t[k].s;

			if ((k + 1 < j + L && !r->t[k].sp) ||
			    o + kn + 1 >= sizeof(buf))
				break;
			if (o > 0)
				buf[o++] = ' ';
			memcpy(buf + o, ks, kn);
			o += kn;
		}
		if (k < j + L)
			continue;
		if (lexicon_has(r->lex, WL_TITLE, buf, o))
			return L;
		if (o > 3 && (buf[o - 1] == 's' || buf[o - 1] == 'S') &&
		    lexicon_has(r->lex, WL_TITLE, buf, o - 1)) {
			*plural = 1;
			return L;
		}
	}
	return 0;
}

/*
 * People named in a list from token j on: "A, B and C" (each by
 * name_from(), two words or more); returns the last token of the list,
 * or SIZE_MAX when it holds fewer than min names or, when closed is
 * set, does not end at a comma, a full stop or the paragraph's end.
 */
static size_t
name_list(struct run *r, size_t j, size_t min, int closed)
{
	size_t a[8], z[8], n = 0, b, last = SIZE_MAX, i;

	while (n < 8 && j < r->nt) {
		b = name_from(r, j);
		if (b == SIZE_MAX || b == j)
			break;
		a[n] = j;
		z[n++] = b;
		last = b;
		if (b + 1 >= r->nt)
			break;
		if (gap_has(r, b, ',') && !gap_has(r, b, '.'))
			j = b + 1 + tok_eq(r, b + 1, "and");
		else if (r->t[b].sp && tok_eq(r, b + 1, "and"))
			j = b + 2;
		else
			break;
	}
	if (n < min || (closed && last + 1 < r->nt &&
	    !gap_has(r, last, ',') && !gap_has(r, last, '.') &&
	    !gap_has(r, last, ';')))
		return SIZE_MAX;
	for (i = 0; i < n; i++)
		person_add(r, a[i], z[i]);
	return last;
}

/*
 * A position word among the few tokens from j on, in the same clause;
 * lower-case only when lower is set.  Returns its token or SIZE_MAX and
 * sets *plural for a plural ("ministers").
 */
static size_t
position_at(const struct run *r, size_t j, int lower, int *plural)
{
	size_t k, n;

	*plural = 0;
	for (k = j; k < r->nt && k < j + NEAR_POSITION; k++) {
		n = r->t[k].e - r->t[k].s;
		if (!lower || (r->t[k].flags & T_LOWER)) {
			if (tok_in(r, k, WL_POSITION))
				return k;
			if (n > 3 && r->text[r->t[k].s + n - 1] == 's' &&
			    lexicon_has(r->lex, WL_POSITION,
			    r->text + r->t[k].s, n - 1)) {
				*plural = 1;
				return k;
			}
		}
		if (!r->t[k].sp)
			break;
	}
	return SIZE_MAX;
}

/*
 * "A and B, the presidents of ...", "A, B and C, ministers": the names
 * coordinated before the name that starts at token a.
 */
static void
names_before(struct run *r, size_t a)
{
	size_t b;

	while (a >= 2 && r->t[a - 2].sp && tok_eq(r, a - 1, "and")) {
		b = name_ending(r, a - 2, 0);
		if (b == SIZE_MAX)
			return;
		person_add(r, b, a - 2);
		a = b;
		/* "A, B and C": commas before the "and" */
		while (a >= 1 && gap_has(r, a - 1, ',') &&
		    !gap_has(r, a - 1, '.') &&
		    (b = name_ending(r, a - 1, 0)) != SIZE_MAX) {
			person_add(r, b, a - 1);
			a = b;
		}
		return;
	}
}

static void
find_people(struct run *r)
{
	size_t j, L, k, a, b;
	int plural;

	if (titlecase_para(r))
		return;		/* names come from the other paragraphs */

	for (j = 0; j < r->nt; j++) {
		/* Title + name: "President Xi Jinping"; a plural title
		 * before a list: "Prime Ministers A and B". */
		L = title_at(r, j, &plural);
		if (L >= 1 && plural && j + L < r->nt && r->t[j + L - 1].sp) {
			b = name_list(r, j + L, 1, 0);
			if (b != SIZE_MAX) {
				j = b;
				continue;
			}
		}
		if (L >= 1 && !plural && j + L < r->nt) {
			k = j + L - 1;
			/* "Dr. Name": an abbreviation's full stop is fine. */
			if (r->t[k].sp || (r->t[k].e - r->t[k].s <= 4 &&
			    r->t[k + 1].s - r->t[k].e == 2 &&
			    r->text[r->t[k].e] == '.' &&
			    r->text[r->t[k].e + 1] == ' ')) {
				b = name_from(r, k + 1);
				if (b != SIZE_MAX) {
					person_add(r, k + 1, b);
					j = b;
					continue;
				}
			}
			/* "its president, Azali Assoumani, said": a name
			 * of two or more words set off by commas. */
			if (r->t[k + 1].s - r->t[k].e == 2 &&
			    r->text[r->t[k].e] == ',' &&
			    r->text[r->t[k].e + 1] == ' ') {
				b = name_from(r, k + 1);
				if (b != SIZE_MAX && b > k + 1 &&
				    (b + 1 == r->nt || gap_has(r, b, ',') ||
				    gap_has(r, b, '.') || gap_has(r, b, ';'))) {
					person_add(r, k + 1, b);
					j = b;
					continue;
				}
			}
		}
		/* "the three defence ministers, A, B and C, said". */
		if (j + 1 < r->nt && (r->t[j].flags & T_LOWER) &&
		    r->t[j + 1].s - r->t[j].e == 2 &&
		    r->text[r->t[j].e] == ',' &&
		    position_at(r, j, 1, &plural) == j && plural &&
		    (b = name_list(r, j + 1, 2, 1)) != SIZE_MAX) {
			j = b;
			continue;
		}
		/* "the White House adviser Jared Kushner": a lower-case
		 * position word right before a name of two words or more. */
		if (j + 2 < r->nt && (r->t[j].flags & T_LOWER) &&
		    r->t[j].sp && tok_in(r, j, WL_POSITION) &&
		    (b = name_from(r, j + 1)) != SIZE_MAX && b > j + 1) {
			person_add(r, j + 1, b);
			j = b;
			continue;
		}
		/* "the foreign policy chief, Josep Borrell, said". */
		if (j + 1 < r->nt && tok_in(r, j, WL_POSITION) &&
		    (r->t[j].flags & T_LOWER) &&
		    r->t[j + 1].s - r->t[j].e == 2 &&
		    r->text[r->t[j].e] == ',' &&
		    r->text[r->t[j].e + 1] == ' ') {
			b = name_from(r, j + 1);
			if (b != SIZE_MAX && b > j + 1 && (b + 1 == r->nt ||
			    gap_has(r, b, ',') || gap_has(r, b, '.') ||
			    gap_has(r, b, ';'))) {
				person_add(r, j + 1, b);
				j = b;
				continue;
			}
		}
		/* "Uzbekistan's Shavkat Mirziyoyev, whose ...": a name
		 * after a lexicon name's possessive, closed by a comma or
		 * followed by a reporting verb. */
		if ((r->t[j].flags & T_POSS) && r->t[j].known &&
		    j + 1 < r->nt) {
			b = name_from(r, j + 1);
			if (b != SIZE_MAX && b > j + 1 && b + 1 < r->nt &&
			    ((gap_has(r, b, ',') && !gap_has(r, b, '.')) ||
			    (r->t[b].sp && tok_in(r, b + 1, WL_VERB)))) {
				person_add(r, j + 1, b);
				j = b;
				continue;
			}
		}
		/* "Beijing's envoy to the United Nations, Fu Cong, told":
		 * a name set off by commas after a clause holding a
		 * title or position word. */
		if (j + 1 < r->nt && r->t[j + 1].s - r->t[j].e == 2 &&
		    r->text[r->t[j].e] == ',' &&
		    r->text[r->t[j].e + 1] == ' ' &&
		    position_before(r, j)) {
			b = name_from(r, j + 1);
			if (b != SIZE_MAX && b > j + 1 && b + 1 < r->nt &&
			    gap_has(r, b, ',') && !gap_has(r, b, '.')) {
				person_add(r, j + 1, b);
				j = b;
				continue;
			}
		}
		/* "Name is a <position>", "Name, a <position>". */
		if (tok_eq(r, j, "is") || tok_eq(r, j, "was") ||
		    tok_eq(r, j, "serves")) {
			if (j == 0 || !r->t[j - 1].sp)
				continue;
			a = name_ending(r, j - 1, 1);
			k = j + 1;
			if (k < r->nt && (tok_eq(r, k, "a") ||
			    tok_eq(r, k, "an") || tok_eq(r, k, "the") ||
			    tok_eq(r, k, "as")))
				k++;
			if (a != SIZE_MAX && position_near(r, k))
				person_add(r, a, j - 1);
			continue;
		}
		if (j + 1 < r->nt && gap_has(r, j, ',') &&
		    !gap_has(r, j, '.') && (r->t[j + 1].flags & T_LOWER)) {
			/* "Name, a senior fellow at", "Name, director of";
			 * "A and B, the presidents of" */
			k = j + 1;
			if (tok_eq(r, k, "a") || tok_eq(r, k, "an") ||
			    tok_eq(r, k, "the"))
				k++;
			a = name_ending(r, j, 0);
			if (a != SIZE_MAX &&
			    position_at(r, k, 1, &plural) != SIZE_MAX) {
				person_add(r, a, j);
				if (plural)
					names_before(r, a);
				continue;
			}
			/* "Name, who ..." */
			a = name_ending(r, j, 1);
			if (a != SIZE_MAX && tok_eq(r, j + 1, "who")) {
				person_add(r, a, j);
				continue;
			}
		}
		/* "Name, Saudi Arabia's national security adviser," */
		if (j + 2 < r->nt && gap_has(r, j, ',') &&
		    !gap_has(r, j, '.') && r->t[j + 1].known) {
			for (k = j + 1; k + 1 < r->nt && r->t[k].known &&
			    !(r->t[k].flags & T_POSS) && r->t[k].sp; k++)
				;
			a = name_ending(r, j, 0);
			if (a != SIZE_MAX && (r->t[k].flags & T_POSS) &&
			    k + 1 < r->nt &&
			    position_at(r, k + 1, 1, &plural) != SIZE_MAX) {
				person_add(r, a, j);
				continue;
			}
		}
		/* "Name said". */
		if (j + 1 < r->nt && r->t[j].sp && tok_in(r, j + 1, WL_VERB) &&
		    (r->t[j + 1].flags & T_LOWER)) {
			a = name_ending(r, j, 1);
			if (a != SIZE_MAX && j - a < 3)
				person_add(r, a, j);
		}
	}
}

/*
 * A byline: "By Name, Name and Name" as a short paragraph; in an author
 * note (a wire sign-off among them), every "by" before names: "(Reporting
 * by A in X; additional reporting by B; Editing by C)".
 */
static void
find_byline(struct run *r)
{
	size_t j, b;

	if (r->doc->para[r->pi].role == ROLE_AUTHOR_NOTE)
		for (j = 0; j + 1 < r->nt; j++)
			if ((tok_eq(r, j, "by") || tok_eq(r, j, "By")) &&
			    r->t[j].sp &&
			    (b = name_list(r, j + 1, 1, 0)) != SIZE_MAX)
				j = b;

	if (r->nt < 3 || r->nt > BYLINE_MAX_TOK || !tok_eq(r, 0, "By") ||
	    r->t[0].s != r->ps)
		return;
	for (j = 1; j < r->nt; ) {
		if (tok_eq(r, j, "and")) {
			j++;
			continue;
		}
		b = name_from(r, j);
		if (b == SIZE_MAX || b == j)
			return;
		person_add(r, j, b);
		j = b + 1;
	}
}

/* Persons from the document's authors ("; "-separated). */
static void
author_people(struct run *r, const char *authors)
{
	const char *p = authors, *semi;
	size_t n, i, words;
	char *one;

	while (p != NULL && *p != '\0') {
		semi = strchr(p, ';');
		n = semi != NULL ? (size_t)(semi - p) : strlen(p);
		one = text_normalize(p, n);
		for (i = 0, words = 1; one[i] != '\0'; i++)
			words += one[i] == ' ';
		if (words >= 2 && words <= NAME_MAX_TOK &&
		    text_is_upper_at(one))
			person_new(r, one, words,
			    xstrdup(strrchr(one, ' ') + 1));
		else
			free(one);
		p = semi != NULL ? semi + 1 : NULL;
		while (p != NULL && *p == ' ')
			p++;
	}
}

/* Persons to entities and local surfaces. */
static void
people_to_surfaces(struct run *r)
{
	struct smap sur;	/* surname -> number of people */
	size_t i;
	char *slug, *id;
	uint32_t d, x;

	memset(&sur, 0, sizeof(sur));
	for (i = 0; i < r->nper; i++) {
		if (r->per[i].surname == NULL)
			continue;
		x = smap_get(&sur, r->per[i].surname);
		if (x == UINT32_MAX)
			smap_put(&sur, r->per[i].surname, 1);
		else
			smap_put_count(&sur, r->per[i].surname);
	}
	for (i = 0; i < r->nper; i++) {
		struct person *p = &r->per[i];

		/* "President Xi" with "Xi Jinping" elsewhere. */
		if (p->ntok == 1 && smap_get(&sur, p->name) != UINT32_MAX)
			continue;
		slug = slug_of(p->name);
		id = xasprintf("person/%s", slug);
		d = dent_get(r, id, p->name, NULL, ET_PERSON, ES_PATTERN);
		free(slug);
		free(id);
		lpat_add(r, p->name, d, CK_DOC, MF_NAME, 0, PR_PERSON);
		/* A surname two people share names neither. */
		if (p->surname != NULL && smap_get(&sur, p->surname) == 1)
			lpat_add(r, p->surname, d, CK_DOC, MF_NAME, 0,
			    PR_PERSON);
	}
	smap_release(&sur);
}

/* --- organisation names by head word --------------------------------- */

/* A rule's organisation or law name text[s..e): entity and surfaces. */
static void
org_found(struct run *r, size_t s, size_t e, int law)
{
	char *name = xstrndup(r->text + s, e - s);
	char *slug = slug_of(name);
	char *id = xasprintf("%s/%s", law ? "law" : "org", slug);
	uint32_t d = dent_get(r, id, name, NULL,
	    law ? ET_LAW : ET_ORGANIZATION, ES_PATTERN);

	cand_add(r, s, e, d, CK_DOC, MF_NAME, PR_PATTERN);
	lpat_add(r, name, d, CK_DOC, MF_NAME, 0, PR_PATTERN);
	free(name);
	free(slug);
	free(id);
}

/*
 * "launching Nordlink, a regional forum set up to ...": an unknown name
 * set off by a comma and described by an organisation word ("a regional
 * forum", "the new bloc") is an organisation.
 */
static void
find_appositive_orgs(struct run *r)
{
	size_t j, a, b, k, n;

	for (j = 0; j < r->nt; j = b + 1) {
		a = b = j;
		if (!(r->t[a].flags & T_CAP) || r->t[a].known ||
		    tok_in(r, a, WL_NONNAME))
			continue;
		while (b + 1 < r->nt && r->t[b].sp &&
		    (r->t[b + 1].flags & T_CAP) && !r->t[b + 1].known)
			b++;
		if (b + 2 >= r->nt || (r->t[b].flags & (T_POSS | T_DIGIT)) ||
		    r->t[b + 1].s - r->t[b].e != 2 ||
		    r->text[r->t[b].e] != ',')
			continue;
		k = b + 1;
		if (!tok_eq(r, k, "a") && !tok_eq(r, k, "an") &&
		    !tok_eq(r, k, "the"))
			continue;
		for (k++, n = 0; k < r->nt && n < 3 && r->t[k - 1].sp &&
		    (r->t[k].flags & T_LOWER); k++, n++)
			if (tok_in(r, k, WL_ORGHEAD))
				break;
		if (k >= r->nt || n == 3 || !(r->t[k].flags & T_LOWER) ||
		    !tok_in(r, k, WL_ORGHEAD) || (r->t[k].flags & T_POSS) ||
		    (k + 1 < r->nt && r->t[k].sp &&
		    tok_in(r, k + 1, WL_POSITION)))
			continue;
		org_found(r, r->t[a].s, r->t[b].e, 0);
	}
}

/*
 * "in Entebbe", "met in San Remo on Monday": one or two capitalised
 * words after "in" that no rule or lexicon entry knows, that no other
 * capitalised word follows and that are not a title, an organisation or
 * treaty word or a nonname, are a place: a city.
 */
static void
find_places(struct run *r)
{
	size_t j, a, b, k;
	char *name, *slug, *id;
	uint32_t d;

	for (j = 1; j < r->nt; j++) {
		if (!tok_eq(r, j - 1, "in") || !r->t[j - 1].sp)
			continue;
		a = b = j;
		if (j + 1 < r->nt && r->t[j].sp && (r->t[j + 1].flags & T_CAP))
			b = j + 1;
		for (k = a; k <= b; k++)
			if (!(r->t[k].flags & T_CAP) || r->t[k].known ||
			    (r->t[k].flags & (T_ALLCAP | T_DIGIT)) ||
			    tok_in(r, k, WL_NONNAME) ||
			    tok_in(r, k, WL_ORGHEAD) ||
			    tok_in(r, k, WL_LAWHEAD) || tok_in(r, k, WL_TITLE))
				break;
		if (k <= b || (r->t[b].flags & T_POSS) || (b + 1 < r->nt &&
		    r->t[b].sp && (r->t[b + 1].flags & T_CAP)) ||
		    r->t[b].e - r->t[a].s < 3)
			continue;
		name = xstrndup(r->text + r->t[a].s, r->t[b].e - r->t[a].s);
		slug = slug_of(name);
		id = xasprintf("city/%s", slug);
		d = dent_get(r, id, name, NULL, ET_CITY, ES_PATTERN);
		cand_add(r, r->t[a].s, r->t[b].e, d, CK_DOC, MF_NAME,
		    PR_PATTERN);
		lpat_add(r, name, d, CK_DOC, MF_NAME, 0, PR_PATTERN);
		free(name);
		free(slug);
		free(id);
		j = b;
	}
}

static void
find_orgs(struct run *r)
{
	size_t j, a, b, h, k, c, q;
	int prep;

	if (titlecase_para(r))
		return;		/* every word is capitalised */
	find_appositive_orgs(r);
	find_places(r);
	for (j = 0; j < r->nt; j = b + 1) {
		/* A run of capitalised words and connectors. */
		a = j;
		if (!(r->t[a].flags & T_CAP)) {
			b = a;
			continue;
		}
		/* A connector goes on with the name only before a name
		 * word: "X Organisation on Thursday" ends at the head. */
		b = a;
		while (b + 1 < r->nt && r->t[b].sp &&
		    ((r->t[b + 1].flags & T_CAP) ||
		    (tok_in(r, b + 1, WL_CONNECTOR) && b + 2 < r->nt &&
		    r->t[b + 1].sp && (r->t[b + 2].flags & T_CAP) &&
		    !tok_in(r, b + 2, WL_NONNAME))))
			b++;
		while (a <= b && (tok_in(r, a, WL_NONNAME) ||
		    tok_in(r, a, WL_CONNECTOR)))
			a++;
		if (a >= b)
			continue;
		/* The head: the first organisation or treaty word with a
		 * capitalised word before it or a preposition after it. */
		for (h = a; h <= b; h++)
			if ((r->t[h].flags & T_CAP) &&
			    (tok_in(r, h, WL_ORGHEAD) ||
			    tok_in(r, h, WL_LAWHEAD)) && (h > a || (h < b &&
			    (tok_eq(r, h + 1, "of") ||
			    tok_eq(r, h + 1, "for") ||
			    tok_eq(r, h + 1, "on")))))
				break;
		if (h > b)
			continue;
		/* After the head: prepositional parts ("of", "for", "on",
		 * "against", then "the"); "and" only inside one ("Ministry
		 * of Culture and Tourism"); other connectors end it. */
		prep = 0;
		for (k = h + 1; k <= b; k++) {
			/* "Committee of China's ...": a possessive starts
			 * another name; this one ends before its "of" */
			if ((r->t[k].flags & T_CAP) &&
			    (r->t[k].flags & T_POSS) && prep) {
				while (!(r->t[k].flags & T_LOWER))
					k--;
				while (k > h && (r->t[k].flags & T_LOWER))
					k--;
				k++;
				break;
			}
			if (r->t[k].flags & T_CAP)
				continue;
			if (tok_eq(r, k, "of") || tok_eq(r, k, "for") ||
			    tok_eq(r, k, "on") || tok_eq(r, k, "against"))
				prep = 1;
			else if (!(tok_eq(r, k, "the") && prep) &&
			    !((tok_eq(r, k, "and") || tok_eq(r, k, "&")) &&
			    prep))
				break;
		}
		k--;
		while (k > h && !(r->t[k].flags & T_CAP))
			k--;
		/* A known name ending here holds the head ("SCO Regional
		 * Anti-Terrorist Structure (RATS)"): leave it to that, unless
		 * unknown words come before it ("Supreme National Security
		 * Council" is not the "Security Council"). */
		if ((c = cand_ending(r, r->t[k].e, r->t[a].s, r->t[h].s,
		    0)) != SIZE_MAX) {
			for (q = a; q < r->nt && r->t[q].e <= r->c[c].s &&
			    r->t[q].known; q++)
				;
			if (q >= r->nt || r->t[q].e > r->c[c].s)
				continue;
		}
		/* "Standing Committee of the National People's Congress",
		 * "... of China's parliament": a body of a known one, left
		 * to the known name. */
		q = k + 1;
		if (q + 1 < r->nt && r->t[k].sp && tok_eq(r, q, "of")) {
			q++;
			if (q + 1 < r->nt && tok_eq(r, q, "the"))
				q++;
			if (r->t[q].known && (r->t[q].flags & T_CAP))
				continue;
		}
		org_found(r, r->t[a].s, r->t[k].e, tok_in(r, h, WL_LAWHEAD));
	}
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
		e = intern(r, c);
		e->mentions++;
		if (e->first_paragraph_id == NULL &&
		    r->doc->para[r->pi].id != NULL)
			e->first_paragraph_id = xstrdup(r->doc->para[r->pi].id);
		r->m = xgrow(r->m, &r->capm, r->nm + 1, sizeof(*r->m));
		m = &r->m[r->nm++];
		m->para = r->pi;
		m->start = c->s;
		m->end = c->e;
		m->entity_id = e->id;
		m->form = (enum mform)c->form;
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
	for (i = 0; r->kept != NULL && i < r->doc->npara; i++) {
		fold_release(&r->kept[i].f);
		free(r->kept[i].t);
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
	free(r->lc);
	free(r->lcoff);
	free(r->lcn);
	free(r->lcdone);
	smap_release(&r->dmap);
	smap_release(&r->lpmap[0]);
	smap_release(&r->lpmap[1]);
	smap_release(&r->pmap);
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
	r.lcoff = xcalloc(doc->npara + 1, sizeof(*r.lcoff));
	r.lcn = xcalloc(doc->npara + 1, sizeof(*r.lcn));
	r.lcdone = xcalloc(doc->npara + 1, 1);
	r.kept = xcalloc(doc->npara + 1, sizeof(*r.kept));

	/* Pass 1: definitions and people. */
	for (i = 0; i < doc->npara; i++) {
		if (!matchable(doc->para[i].role))
			continue;
		para_begin(&r, i);
		mark_known(&r);
		find_definitions(&r);
		find_people(&r);
		if (doc->para[i].role != ROLE_BODY)
			find_byline(&r);
	}
	author_people(&r, doc->authors);
	if (doc->authors == NULL)
		author_people(&r, doc->art->meta.authors);
	people_to_surfaces(&r);
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
		find_orgs(&r);
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
		find_orgs(&r);
		resolve(&r);
	}
	if (r.nm > 1)
		qsort(r.m, r.nm, sizeof(*r.m), ment_cmp);
	free(doc->ment);
	doc->ment = r.m;
	doc->nment = r.nm;
	r.m = NULL;
	run_release(&r);
	return 0;
}
