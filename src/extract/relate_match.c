/*
 * relate_match: a compiled pattern matched at one unit of a sentence,
 * by backtracking over its nodes within a step limit: words, slots
 * (an entity, a coordinated list of them with fillers and relative
 * clauses, a kind, a status, a date, a number), gaps and alternations;
 * the special classes; the failures remembered while one pattern is
 * tried at every unit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/relate_int.h"
#include "lib/xalloc.h"
#include "tables/model.h"

/* --- matching ---------------------------------------------------------- */

/* Ready ms for a match: empty captures (the items are not cleared). */
static void
mstate_init(struct mstate *ms, const struct relate *R, const struct sent *S)
{
	int i;

	ms->R = R;
	ms->S = S;
	for (i = 0; i < CAP__MAX; i++)
		ms->cap[i].n = 0;
	ms->nlists = 0;
	ms->end = 0;
	ms->steps = 0;
	ms->memo = NULL;
}

/* Ready the table for pattern p over sentence S: forget all. */
void
rel_memo_begin(struct memotab *mt, const struct pat *p, const struct sent *S)
{
	size_t need = p->nn * (S->n + 1);

	if (need > mt->cap) {
		free(mt->e);
		mt->e = xcalloc(need, sizeof(*mt->e));
		mt->cap = need;
	}
	mt->stride = S->n + 1;
	if (++mt->stamp == 0) {
		memset(mt->e, 0, mt->cap * sizeof(*mt->e));
		mt->stamp = 1;
	}
}

struct snap {
	size_t	n[CAP__MAX];
	size_t	nlists;
};

static void
snap_take(const struct mstate *ms, struct snap *sn)
{
	int i;

	for (i = 0; i < CAP__MAX; i++)
		sn->n[i] = ms->cap[i].n;
	sn->nlists = ms->nlists;
}

static void
snap_back(struct mstate *ms, const struct snap *sn)
{
	int i;

	for (i = 0; i < CAP__MAX; i++)
		ms->cap[i].n = sn->n[i];
	ms->nlists = sn->nlists;
}

static void
push(struct mstate *ms, int cap, size_t u, int cert)
{
	struct capv *c;

	if (cap < 0)
		return;
	c = &ms->cap[cap];
	if (c->n < CAP_MAXITEMS) {
		c->it[c->n].u = u;
		c->it[c->n].cert = cert;
		c->n++;
	}
}

static int
lit_pfx(const struct node *nd, const struct unit *u)
{
	size_t i;

	for (i = 0; i < nd->npfx; i++)
		if (strncmp(u->low, nd->pfx[i], nd->pfxn[i]) == 0)
			return 1;
	return 0;
}

static int
lit_ok(const struct node *nd, const struct unit *u)
{
	size_t lo = 0, hi = nd->nwid;

	if (u->low == NULL)
		return 0;
	if (u->wid >= 0 && hi == 1)
		return nd->wid[0] == u->wid || (nd->npfx > 0 &&
		    lit_pfx(nd, u));
	if (u->wid >= 0)
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (nd->wid[mid] == u->wid)
				return 1;
			if (nd->wid[mid] < u->wid)
				lo = mid + 1;
			else
				hi = mid;
		}
	return nd->npfx > 0 && lit_pfx(nd, u);
}

int
rel_ent_fits(const struct unit *u, enum stype st)
{
	enum etype t;

	if (u->type != U_ENT)
		return 0;
	if (u->adj)		/* "Turkish": an ADJ slot only */
		return st == ST_ADJ && u->ent->type == ET_COUNTRY;
	if (u->named)		/* a treaty named: fills KIND slots only */
		return st == ST_ENTITY;
	t = u->ent->type;
	switch (st) {
	case ST_STATE:
		return t == ET_COUNTRY;
	case ST_ORG:
		return t == ET_ORGANIZATION;
	case ST_PARTY:	/* a ministry or parliament acts for its state */
		return t == ET_COUNTRY || (t == ET_ORGANIZATION && !u->organ);
	case ST_PERSON:
		return t == ET_PERSON;
	case ST_GROUP:
		return t == ET_GROUP;
	case ST_REGION:
		return t == ET_REGION;
	case ST_CITY:
		return t == ET_CITY;
	case ST_ENTITY:
		return 1;
	default:
		return 0;
	}
}

/*
 * A gap skips anything but ';'; a strict one no state, no organisation
 * and no status ("have discussed an agreement" is not "have an
 * agreement").  u is the unit at index i.
 */
static int
gap_ok(const struct mstate *ms, const struct node *nd, size_t i)
{
	const struct unit *u = &ms->S->u[i];

	if (rel_special_len(ms->R, ms->S, SP_GAP_STOP, i) > 0)
		return 0;
	return nd->any || ((!rel_ent_fits(u, ST_PARTY) || u->owner) &&
	    u->status_end <= i);
}

static int m_node(struct mstate *, const struct pat *, int, size_t);
static int m_miss(struct mstate *, const struct pat *, int, size_t);
static int first_ok(const struct relate *, const struct sent *,
    const struct pat *, size_t);

/* Does unit u match a lookahead's words or slot types? */
static int
neg_hit(const struct node *nd, const struct unit *u)
{
	int st;

	if (lit_ok(nd, u))
		return 1;
	for (st = 0; st < ST__MAX; st++) {
		if (!(nd->negst & 1u << st))
			continue;
		if (st == ST_DATE ? u->type == U_DATE : st == ST_NUM ?
		    u->type == U_NUM : rel_ent_fits(u, (enum stype)st))
			return 1;
	}
	return 0;
}

/* Length in units of a special class matched at pos, 0 if none. */
size_t
rel_special_len(const struct relate *R, const struct sent *S, enum special sp,
    size_t pos)
{
	struct mstate ms;
	size_t len = 0;

	if (!R->has_special[sp] || pos >= S->n)
		return 0;
	if (S->cache && S->spc[pos * SP__MAX + sp] >= 0)
		return (size_t)S->spc[pos * SP__MAX + sp];
	if (!(R->special[sp].first & FIRST_ENT) &&
	    !first_ok(R, S, &R->special[sp], pos))
		len = 0;
	else {
		mstate_init(&ms, R, S);
		if (m_node(&ms, &R->special[sp], R->special[sp].start, pos))
			len = ms.end - pos;
	}
	if (S->cache)
		S->spc[pos * SP__MAX + sp] = (int)len;
	return len;
}

int
rel_min_cert(int a, int b)
{
	return a < b ? a : b;
}

/*
 * Units before a list item that do not stop the list: list fillers
 * ("such as", "countries like"), hedges ("possibly", which lower the
 * item's certainty), adjectives and regions ("Central Asian"), and
 * after the first item capitalised words.  Returns units taken.
 */
static size_t
filler_at(const struct mstate *ms, size_t q, int first, int *cert)
{
	const struct unit *u = &ms->S->u[q];
	size_t n;

	if (u->hedge_end > q) {
		*cert = rel_min_cert(*cert, u->hedge);
		return u->hedge_end - q;
	}
	if ((n = rel_special_len(ms->R, ms->S, SP_LIST_FILLER, q)) > 0)
		return n;
	if (u->type == U_ENT && (u->adj || u->ent->type == ET_REGION))
		return 1;
	if (!first && u->type == U_WORD && u->upper)
		return 1;
	return 0;
}

struct litem {
	size_t	u, end;
	int	cert;
};

/*
 * After a list item at p, a relative clause between commas ("A, which
 * joined in 2021, as well as B"): the units up to its closing comma,
 * or 0.  The clause holds no entity that fits st and at most
 * LIST_MAXREL units; the list goes on only when a separator follows.
 */
static size_t
relative_len(const struct mstate *ms, enum stype st, size_t p)
{
	const struct sent *S = ms->S;
	size_t q, r;

	if (p + 1 >= S->n || rel_special_len(ms->R, S, SP_LIST_SEP, p) == 0 ||
	    (r = rel_special_len(ms->R, S, SP_RELATIVE, p + 1)) == 0)
		return 0;
	for (q = p + 1 + r; q < S->n && q <= p + LIST_MAXREL; q++) {
		if (rel_ent_fits(&S->u[q], st) ||
		    rel_special_len(ms->R, S, SP_GAP_STOP, q) > 0)
			return 0;
		if (rel_special_len(ms->R, S, SP_LIST_SEP, q) > 0)
			return q - p;
	}
	return 0;
}

#define OFFICIAL_WORDS	5	/* "'s national security adviser" */

/*
 * After a state as a list item at p, the official who acts for it: a
 * possessive or a title of lower-case words (up to OFFICIAL_WORDS), then
 * a person, maybe after a comma ("A's head of government, NAME", "the
 * B adviser NAME"); or a possessive and a title alone ("A's foreign
 * minister").  Returns the units taken, or 0.
 */
static size_t
official_len(const struct mstate *ms, size_t p)
{
	const struct sent *S = ms->S;
	size_t q = p, w = 0, n;
	int poss = 0;

	if (p == 0 || S->u[p - 1].type != U_ENT ||
	    S->u[p - 1].ent->type != ET_COUNTRY)
		return 0;
	if ((n = rel_special_len(ms->R, S, SP_POSSESSIVE, q)) > 0) {
		q += n;
		poss = 1;
	}
	while (q < S->n && w < OFFICIAL_WORDS && S->u[q].type == U_WORD &&
	    !S->u[q].upper && S->u[q].wid != ms->R->w_and &&
	    S->u[q].wid != ms->R->w_or &&
	    rel_special_len(ms->R, S, SP_RELATIVE, q) == 0) {
		q++;
		w++;
	}
	if (w == 0)
		return 0;
	n = rel_special_len(ms->R, S, SP_LIST_SEP, q);
	if (q + n < S->n && rel_ent_fits(&S->u[q + n], ST_PERSON))
		return q + n + 1 - p;
	return poss ? q - p : 0;
}

/*
 * A coordinated list of entities fitting st from pos: item (sep item)*
 * where sep is ',' or a list_conj or both, and a relative clause may
 * stand after an item (relative_len()).  Returns the item count.
 */
static size_t
parse_list(const struct mstate *ms, enum stype st, size_t pos,
    struct litem *out, size_t max)
{
	const struct sent *S = ms->S;
	size_t p = pos, n = 0;
	int conj = 0;

	while (n < max) {
		size_t q = p, fill = 0, s;
		int cert = CERT_CERTAIN;

		while (q < S->n && !rel_ent_fits(&S->u[q], st)) {
			size_t len;

			if (fill == LIST_MAXFILL ||
			    (len = filler_at(ms, q, n == 0, &cert)) == 0)
				return n;
			q += len;
			fill++;
		}
		if (q >= S->n)
			return n;
		out[n].u = q;
		out[n].end = q + 1;
		out[n].cert = cert;
		n++;
		p = q + 1;
		if (p < S->n && S->u[p].sep)	/* "the two countries" */
			s = 1;
		else {
			size_t r = relative_len(ms, st, p), c;

			/* "signed by A's foreign minister, NAME, and B's":
			 * the state for its official, when more follows */
			if (r == 0 && (st == ST_STATE || st == ST_PARTY) &&
			    (r = official_len(ms, p)) > 0 && p + r < S->n &&
			    (rel_special_len(ms->R, S, SP_LIST_SEP,
			    p + r) > 0 || rel_special_len(ms->R, S,
			    SP_LIST_CONJ, p + r) > 0)) {
				p += r;
				r = 0;
			}

			if (r > 0 && rel_special_len(ms->R, S, SP_LIST_SEP,
			    p + r) > 0 && p + r + 1 < S->n &&
			    (rel_ent_fits(&S->u[p + r + 1], st) ||
			    rel_special_len(ms->R, S, SP_LIST_CONJ,
			    p + r + 1) > 0))
				p += r;
			s = rel_special_len(ms->R, S, SP_LIST_SEP, p);
			c = rel_special_len(ms->R, S, SP_LIST_CONJ, p + s);
			/* "A and B, C's partners": after "and" or "or" a
			 * bare comma ends the list ("as well as A, B and
			 * C" goes on) */
			if (conj && c == 0)
				return n;
			conj = c == 1 && (S->u[p + s].wid == ms->R->w_and ||
			    S->u[p + s].wid == ms->R->w_or);
			s += c;
		}
		if (s == 0)
			return n;
		p += s;
	}
	return n;
}

static int
m_slot(struct mstate *ms, const struct pat *p, const struct node *nd,
    size_t pos)
{
	const struct sent *S = ms->S;
	const struct unit *u = pos < S->n ? &S->u[pos] : NULL;
	struct litem li[CAP_MAXITEMS];
	struct snap sn;
	size_t n, k, i, next;

	if (u == NULL)
		return 0;
	snap_take(ms, &sn);
	switch (nd->st) {
	case ST_KIND:
		if (u->kind_end <= pos)
			return 0;
		next = u->kind_end;
		break;
	case ST_STATUS:
		if (u->status_end <= pos)
			return 0;
		next = u->status_end;
		break;
	case ST_DATE:
		if (u->type != U_DATE)
			return 0;
		next = pos + 1;
		break;
	case ST_NUM:
		if (u->type != U_NUM || u->num < 0)
			return 0;
		next = pos + 1;
		break;
	default:
		if (!nd->list) {
			/* "the SCO": an entity slot takes a determiner */
			if (!rel_ent_fits(u, nd->st) &&
			    (k = rel_special_len(ms->R, S, SP_DETERMINER,
			    pos)) > 0 &&
			    pos + k < S->n &&
			    rel_ent_fits(&S->u[pos + k], nd->st))
				pos += k;
			else if (!rel_ent_fits(u, nd->st))
				return 0;
			next = pos + 1;
			break;
		}
		n = parse_list(ms, nd->st, pos, li, CAP_MAXITEMS);
		/* the whole list, else its first item alone: trying every
		 * length would make long lists quadratic */
		for (k = n; k > 0; k = k > 1 ? 1 : 0) {
			for (i = 0; i < k; i++)
				push(ms, nd->cap, li[i].u, li[i].cert);
			if (ms->nlists < LIST_MAXLISTS) {
				ms->list_lo[ms->nlists] = pos;
				ms->list_hi[ms->nlists] = li[k - 1].end;
				ms->nlists++;
			}
			if (!m_miss(ms, p, nd->next, li[k - 1].end) &&
			    m_node(ms, p, nd->next, li[k - 1].end))
				return 1;
			snap_back(ms, &sn);
		}
		return 0;
	}
	push(ms, nd->cap, pos, CERT_CERTAIN);
	if (!m_miss(ms, p, nd->next, next) && m_node(ms, p, nd->next, next))
		return 1;
	snap_back(ms, &sn);
	return 0;
}

static int m_node1(struct mstate *, const struct pat *, int, size_t);

/*
 * m_node() for a word node whose word is not at pos: a failure of one
 * step (counted, as m_node() would), found without the call.
 */
static size_t alt_range(const struct mstate *, const struct node *, size_t,
    size_t *);

static int
m_miss(struct mstate *ms, const struct pat *p, int ni, size_t pos)
{
	const struct node *nd = &p->n[ni];
	size_t lo;

	/* an alternation of plain words, none of them there: the node's
	 * step and one for each branch */
	if (nd->type == N_ALT && nd->naother == 0 &&
	    alt_range(ms, nd, pos, &lo) == lo) {
		ms->steps += 1 + nd->nalt;
		return 1;
	}
	if (nd->type != N_LIT || nd->neg ||
	    (pos < ms->S->n && lit_ok(nd, &ms->S->u[pos])))
		return 0;
	ms->steps++;
	return 1;
}

/*
 * The branches of alternation nd whose plain word is at unit pos:
 * ak[*lo .. return value).  None when the unit has no word id.
 */
static size_t
alt_range(const struct mstate *ms, const struct node *nd, size_t pos,
    size_t *lo)
{
	const struct unit *u;
	size_t a = 0, b = nd->nak, hi;

	*lo = 0;
	if (pos >= ms->S->n || (u = &ms->S->u[pos])->low == NULL ||
	    u->wid < 0)
		return 0;
	while (a < b) {		/* the first key >= wid */
		size_t mid = a + (b - a) / 2;

		if (nd->ak[mid].wid < u->wid)
			a = mid + 1;
		else
			b = mid;
	}
	for (hi = a; hi < nd->nak && nd->ak[hi].wid == u->wid; hi++)
		;
	*lo = a;
	return hi;
}

/*
 * Try the branches of alternation nd at pos in order.  A plain word
 * branch whose word is not there is not called: it would fail in one
 * step, which is counted all the same.
 */
static int
m_alt(struct mstate *ms, const struct pat *p, const struct node *nd,
    size_t pos)
{
	struct snap sn;
	size_t lo, hi = alt_range(ms, nd, pos, &lo), io = 0;
	long prev = -1, br;

	snap_take(ms, &sn);
	while (lo < hi || io < nd->naother) {
		if (io == nd->naother || (lo < hi &&
		    nd->ak[lo].br < nd->aother[io]))
			br = nd->ak[lo++].br;
		else
			br = nd->aother[io++];
		ms->steps += (unsigned long)(br - prev - 1);
		prev = br;
		if (m_miss(ms, p, nd->alt[br], pos))
			continue;	/* nothing to undo */
		if (m_node(ms, p, nd->alt[br], pos))
			return 1;
		snap_back(ms, &sn);
	}
	ms->steps += (unsigned long)((long)nd->nalt - prev - 1);
	return 0;
}

static int
m_node(struct mstate *ms, const struct pat *p, int ni, size_t pos)
{
	struct memo *e;
	unsigned long steps0;
	int ok;

	if (ms->memo == NULL || pos >= ms->memo->stride)
		return m_node1(ms, p, ni, pos);
	e = &ms->memo->e[(size_t)ni * ms->memo->stride + pos];
	if (e->stamp == ms->memo->stamp) {
		ms->steps += e->steps;
		return 0;
	}
	steps0 = ms->steps;
	ok = m_node1(ms, p, ni, pos);
	if (!ok && ms->steps <= MATCH_MAXSTEPS) {
		e->stamp = ms->memo->stamp;
		e->steps = (uint32_t)(ms->steps - steps0);
	}
	return ok;
}

static int
m_node1(struct mstate *ms, const struct pat *p, int ni, size_t pos)
{
	const struct node *nd = &p->n[ni];
	const struct sent *S = ms->S;
	size_t k;

	if (++ms->steps > MATCH_MAXSTEPS)
		return 0;
	switch (nd->type) {
	case N_END:
		ms->end = pos;
		return 1;
	case N_LIT:
		if (nd->neg == 2)	/* "&X": X follows, not consumed */
			return pos < S->n && neg_hit(nd, &S->u[pos]) &&
			    m_node(ms, p, nd->next, pos);
		if (nd->neg)		/* "!X": X does not follow */
			return (pos >= S->n || !neg_hit(nd, &S->u[pos])) &&
			    m_node(ms, p, nd->next, pos);
		return pos < S->n && lit_ok(nd, &S->u[pos]) &&
		    !m_miss(ms, p, nd->next, pos + 1) &&
		    m_node(ms, p, nd->next, pos + 1);
	case N_GAP:
		for (k = 0; k <= (size_t)nd->max && pos + k <= S->n; k++) {
			if (k > 0 && !gap_ok(ms, nd, pos + k - 1))
				break;
			if (!m_miss(ms, p, nd->next, pos + k) &&
			    m_node(ms, p, nd->next, pos + k))
				return 1;
		}
		return 0;
	case N_ALT:
		return m_alt(ms, p, nd, pos);
	case N_SLOT:
		return m_slot(ms, p, nd, pos);
	}
	return 0;
}

/* Can a match of p start at unit pos?  A quick filter. */
static int
first_ok(const struct relate *R, const struct sent *S, const struct pat *p,
    size_t pos)
{
	const struct unit *u;
	size_t lo = 0, hi = p->nfwid;

	if (p->first & FIRST_ANY)
		return 1;
	if (pos >= S->n)
		return 0;
	u = &S->u[pos];
	if ((p->first & FIRST_KIND) && u->kind_end > pos)
		return 1;
	if ((p->first & FIRST_STATUS) && u->status_end > pos)
		return 1;
	if ((p->first & FIRST_DATE) && u->type == U_DATE)
		return 1;
	if ((p->first & FIRST_NUM) && u->type == U_NUM)
		return 1;
	if ((p->first & FIRST_ENT) && (u->type == U_ENT ||
	    rel_special_len(R, S, SP_DETERMINER, pos) > 0))
		return 1;
	/* a list starts with an item or a filler (see filler_at()) */
	if ((p->first & FIRST_LIST) && (u->type == U_ENT ||
	    u->hedge_end > pos ||
	    rel_special_len(R, S, SP_LIST_FILLER, pos) > 0))
		return 1;
	if ((p->first & FIRST_WORD) && u->wid >= 0)
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (p->fwid[mid] == u->wid)
				return 1;
			if (p->fwid[mid] < u->wid)
				lo = mid + 1;
			else
				hi = mid;
		}
	return 0;
}

/* Does p match at unit pos?  memo: NULL, or ready for p and S. */
int
rel_pat_match_memo(struct mstate *ms, const struct relate *R,
    const struct sent *S, const struct pat *p, size_t pos,
    struct memotab *memo)
{
	if (!first_ok(R, S, p, pos))
		return 0;
	mstate_init(ms, R, S);
	ms->memo = memo;
	return m_node(ms, p, p->start, pos);
}

int
rel_pat_match(struct mstate *ms, const struct relate *R, const struct sent *S,
    const struct pat *p, size_t pos)
{
	return rel_pat_match_memo(ms, R, S, p, pos, NULL);
}
