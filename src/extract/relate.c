/*
 * relate: the rule engine for treaties and memberships.
 *
 * Loading parses every rule into an AST and compiles it into a small
 * graph of nodes (literal, slot, gap, alternation, end) matched by
 * backtracking over the units of one sentence.  Classes are named
 * sub-patterns, expanded where they are used.  Running walks the source
 * paragraphs sentence by sentence: units are built from the text, the
 * mentions and the dates; the anaphor rules bind "the organization" to
 * the organisation in focus; the kind, status and hedge rules mark
 * chunks; then every treaty and membership rule is tried at every unit.
 *
 * This file makes the rows of the matches, gives them their ids and
 * runs the rules over a document (relate_run()).  The pattern language
 * is in relate_pattern.c, the rule files in relate_rules.c, the
 * sentence's units in relate_sent.c and the matcher in relate_match.c;
 * relate_int.h holds what they share.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/relate.h"
#include "extract/relate_int.h"
#include "extract/sentence.h"
#include "extract/timex.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "tables/model.h"

/* --- relations --------------------------------------------------------- */

#define ROW_MAXPARTIES	(CAP_MAXITEMS + 1)

struct trow {
	int		 kind, status, cert;
	long		 count;
	const char	*party[ROW_MAXPARTIES];
	size_t		 np;
	struct timex_value date;
	size_t		 anchor;
	const char	*name;	/* the named treaty's entity id, or NULL */
	int		 fresh;	/* "a new agreement": not one before */
};

struct mrow {
	const char	*org, *member;
	int		 status, cert;
	int		 resumed;	/* the rule's "resumed" */
	struct timex_value start, end;
	size_t		 anchor;
};

struct rows {
	struct trow	*t;
	size_t		 nt, capt;
	struct mrow	*m;
	size_t		 nm, capm;
};

static int
in_list(const struct mstate *ms, size_t i)
{
	size_t k;

	for (k = 0; k < ms->nlists; k++)
		if (i >= ms->list_lo[k] && i < ms->list_hi[k])
			return 1;
	return 0;
}

static int
stops_window(const struct relate *R, const struct sent *S, size_t i)
{
	if (S->u[i].type == U_ENT && !S->u[i].adj)
		return 1;
	return rel_special_len(R, S, SP_WINDOW_STOP, i) > 0;
}

/* First unit of the window read for hedges and negation. */
static size_t
window_start(const struct relate *R, const struct sent *S, size_t start)
{
	size_t w = start, k;

	for (k = 0; k < PRE_WINDOW && w > 0; k++) {
		if (stops_window(R, S, w - 1))
			break;
		w--;
	}
	return w;
}

/*
 * The certainty of a match: the rule's, lowered by the hedges in the
 * window (list items keep their own); -1 if a negation is there.
 */
static int
match_cert(const struct mstate *ms, const struct rule *ru, size_t start)
{
	const struct sent *S = ms->S;
	int cert = ru->cert;
	size_t i;

	for (i = window_start(ms->R, S, start); i < ms->end; i++) {
		if (in_list(ms, i))
			continue;
		if (rel_special_len(ms->R, S, SP_NEGATION, i) > 0)
			return -1;
		if (S->u[i].hedge_end > i)
			cert = rel_min_cert(cert, S->u[i].hedge);
	}
	return cert;
}

/* The date unit of a match by the rule's policy, or NULL. */
/*
 * Does unit j open a clause: after a comma, a conjunction or a
 * window_stop (and a determiner)?  "..., and B will leave", not "took
 * over from B in May".
 */
static int
clause_subject(const struct relate *R, const struct sent *S, size_t j)
{
	if (j > 0 && rel_special_len(R, S, SP_DETERMINER, j - 1) == 1)
		j--;
	return j == 0 || rel_special_len(R, S, SP_LIST_SEP, j - 1) > 0 ||
	    rel_special_len(R, S, SP_WINDOW_STOP, j - 1) > 0 ||
	    S->u[j - 1].wid == R->w_and || S->u[j - 1].wid == R->w_or;
}

/* Is entity e named in units [lo, hi) of S ("NATO ... (NATO)")? */
static int
in_match(const struct sent *S, size_t lo, size_t hi, const struct entity *e)
{
	size_t j;

	for (j = lo; j < hi && j < S->n; j++)
		if (S->u[j].type == U_ENT && S->u[j].ent == e)
			return 1;
	return 0;
}

static const struct timex *
match_date(const struct mstate *ms, const struct rule *ru, size_t start)
{
	const struct sent *S = ms->S;
	size_t i, best = 0, bestd = (size_t)-1, lo0 = start, hi0 = ms->end;

	if (ms->cap[CAP_DATE].n > 0)
		return &S->u[ms->cap[CAP_DATE].it[0].u].tx;
	if (ru->date == DP_NONE)
		return NULL;
	/* distances count from the status ("signed") when there is one */
	if (ms->cap[CAP_STATUS].n > 0) {
		lo0 = ms->cap[CAP_STATUS].it[0].u;
		hi0 = S->u[lo0].status_end;
	}
	for (i = 0; i < S->n; i++) {
		size_t d, j, lo, hi;
		int barred = 0;

		if (S->u[i].type != U_DATE)
			continue;
		if (ru->date == DP_SPAN && (i < start || i >= ms->end))
			continue;
		/* "A, which joined in 2021, and B": one item's date */
		for (j = 0; j < ms->nlists; j++)
			if (i > ms->list_lo[j] && i < ms->list_hi[j])
				break;
		if (j < ms->nlists)
			continue;
		d = i < lo0 ? lo0 - i : i >= hi0 ? i - hi0 + 1 : 0;
		/* "joined in 2024, after B ratified ...": not B's date */
		lo = i < lo0 ? i + 1 : hi0;
		hi = i < lo0 ? lo0 : i;
		/* nor across another state or organisation outside the
		 * match: "A joined X on Tuesday, and B will leave Y on 1
		 * January" */
		for (j = lo; j < hi && !barred; j++)
			barred = rel_special_len(ms->R, S, SP_DATE_BARRIER,
			    j) > 0 ||
			    ((j < start || j >= ms->end) &&
			    rel_ent_fits(&S->u[j], ST_PARTY) &&
			    clause_subject(ms->R, S, j) &&
			    !in_match(S, start, ms->end, S->u[j].ent));
		if (barred)
			continue;
		if (d < bestd) {
			best = i;
			bestd = d;
		}
	}
	return bestd == (size_t)-1 ? NULL : &S->u[best].tx;
}

/* Is the generic kind chunk at k anaphoric ("the latest treaties")? */
static int
kind_anaphoric(const struct relate *R, const struct sent *S, size_t k)
{
	size_t j, n;

	for (n = 0, j = k; j > 0 && n < ANAPHOR_WINDOW; j--, n++) {
		const struct unit *u = &S->u[j - 1];

		if (u->type == U_ENT || stops_window(R, S, j - 1))
			return 0;
		if (rel_special_len(R, S, SP_DEFINITE, j - 1) > 0)
			return 1;
	}
	return 0;
}

/*
 * Is the kind chunk at k owned by a state or organisation named right
 * before it ("China's treaties", "Kenyan treaties")?  Then no party is
 * carried over from context.
 */
static int
kind_owned(const struct relate *R, const struct sent *S, size_t k)
{
	size_t j;

	for (j = k; j > 0 && k - j < 3; j--) {
		const struct unit *u = &S->u[j - 1];

		if (u->type == U_ENT)
			return u->ent->type == ET_COUNTRY ||
			    u->ent->type == ET_ORGANIZATION;
		if (rel_special_len(R, S, SP_POSSESSIVE, j - 1) == 0)
			return 0;
	}
	return 0;
}

/*
 * Does the kind chunk at k state a treaty other than those before it,
 * of the same kind and parties ("a new agreement", "another pact", "a
 * second accord": class renewal in the chunk or the ANAPHOR_WINDOW
 * units before it, not after a definite word: "the new agreement" is
 * the last one)?
 */
static int
kind_fresh(const struct relate *R, const struct sent *S, size_t k)
{
	size_t j, e = S->u[k].kind_end > k ? S->u[k].kind_end : k + 1;

	for (j = k; j < e && j < S->n; j++)
		if (rel_special_len(R, S, SP_RENEWAL, j) > 0)
			return j == 0 ||
			    rel_special_len(R, S, SP_DEFINITE, j - 1) == 0;
	for (j = k; j > 0 && k - j < ANAPHOR_WINDOW; j--) {
		if (S->u[j - 1].type == U_ENT || stops_window(R, S, j - 1) ||
		    rel_special_len(R, S, SP_DEFINITE, j - 1) > 0)
			return 0;
		if (rel_special_len(R, S, SP_RENEWAL, j - 1) > 0)
			return j == 1 ||
			    rel_special_len(R, S, SP_DEFINITE, j - 2) == 0;
	}
	return 0;
}

static int
kind_plural(const struct relate *R, const struct sent *S, size_t k)
{
	size_t j;

	for (j = k; j < S->u[k].kind_end; j++)
		if (rel_special_len(R, S, SP_PLURAL, j) > 0)
			return 1;
	return 0;
}

static int
has_party(const struct trow *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->np; i++)
		if (strcmp(t->party[i], id) == 0)
			return 1;
	return 0;
}

static void
add_party(struct trow *t, const char *id)
{
	if (t->np < ROW_MAXPARTIES && !has_party(t, id))
		t->party[t->np++] = id;
}

/*
 * May rows of the named treaties a and b (entity ids, NULL: not named)
 * be one treaty?  Only two different names say no: "the treaty" may
 * be any named one.
 */
static int
names_agree(const char *a, const char *b)
{
	return a == NULL || b == NULL || strcmp(a, b) == 0;
}

/* Does earlier row a make row b redundant? */
static int
trow_covers(const struct trow *a, const struct trow *b)
{
	size_t i;

	if (a->kind != b->kind || a->status != b->status ||
	    !names_agree(a->name, b->name) ||
	    (b->count >= 0 && a->count != b->count))
		return 0;
	for (i = 0; i < b->np; i++)
		if (!has_party(a, b->party[i]))
			return 0;
	return 1;
}

static void
trow_add(struct rows *rw, const struct trow *t)
{
	size_t i;

	if (t->np == 0)
		return;
	for (i = 0; i < rw->nt; i++)
		if (trow_covers(&rw->t[i], t))
			return;
	/* a row this one covers goes: "signed treaties" gives way to
	 * "signed treaties with 20 countries" */
	for (i = 0; i < rw->nt; )
		if (trow_covers(t, &rw->t[i])) {
			memmove(rw->t + i, rw->t + i + 1,
			    (rw->nt - i - 1) * sizeof(*rw->t));
			rw->nt--;
		} else
			i++;
	rw->t = xgrow(rw->t, &rw->capt, rw->nt + 1, sizeof(*rw->t));
	rw->t[rw->nt++] = *t;
}

/* Does a distributive word ("each") stand in the window of a match? */
static int
distributive(const struct mstate *ms, size_t start)
{
	size_t i;

	for (i = window_start(ms->R, ms->S, start); i < ms->end; i++)
		if (!in_list(ms, i) &&
		    rel_special_len(ms->R, ms->S, SP_DISTRIBUTIVE, i) > 0)
			return 1;
	return 0;
}

/*
 * The rows of one subject group (base holds its parties): an aggregate
 * row for a count, then one row per counterpart (plural kind or count)
 * or one row with all counterparts, or the subject alone.
 */
static void
treaty_group(const struct mstate *ms, const struct trow *base, int plural,
    struct rows *rw)
{
	const struct sent *S = ms->S;
	const struct capv *W = &ms->cap[CAP_WITH];
	/* a count of at least one (the tables' constraint) */
	int counted = ms->cap[CAP_COUNT].n > 0 &&
	    S->u[ms->cap[CAP_COUNT].it[0].u].num >= 1;
	struct trow t;
	size_t j;

	if (counted) {
		t = *base;
		t.count = S->u[ms->cap[CAP_COUNT].it[0].u].num;
		t.anchor = ms->cap[CAP_COUNT].it[0].u;
		trow_add(rw, &t);
	}
	if (W->n > 0 && (plural || counted)) {
		for (j = 0; j < W->n; j++) {
			t = *base;
			add_party(&t, S->u[W->it[j].u].ent->id);
			t.cert = rel_min_cert(t.cert, W->it[j].cert);
			t.anchor = W->it[j].u;
			if (t.np > base->np)
				trow_add(rw, &t);
		}
	} else if (W->n > 0) {
		t = *base;
		for (j = 0; j < W->n; j++) {
			add_party(&t, S->u[W->it[j].u].ent->id);
			t.cert = rel_min_cert(t.cert, W->it[j].cert);
		}
		trow_add(rw, &t);
	} else if (!counted)
		trow_add(rw, base);
}

/* Are all the parties captured among those of the treaty context? */
static int
parties_in_ctx(const struct run *run, const struct sent *S,
    const struct capv *P)
{
	size_t i, j;

	for (i = 0; i < P->n; i++) {
		for (j = 0; j < run->ctx_nall; j++)
			if (strcmp(run->ctx_all[j],
			    S->u[P->it[i].u].ent->id) == 0)
				break;
		if (j == run->ctx_nall)
			return 0;
	}
	return 1;
}

/* Is the entity id one of P's? */
static int
party_is(const struct sent *S, const struct capv *P, const char *id)
{
	size_t i;

	for (i = 0; i < P->n && id != NULL; i++)
		if (strcmp(id, S->u[P->it[i].u].ent->id) == 0)
			return 1;
	return 0;
}

/* Is kind k one that a kind rule marks generic ("treaty")? */
static int
kind_is_generic(const struct relate *R, int k)
{
	return k >= 0 && k < (int)sizeof(R->kgeneric) && R->kgeneric[k];
}

/*
 * Does "with" follow unit e with no state or organisation in the four
 * units after it ("deals with other countries")?
 */
static int
unnamed_with(const struct relate *R, const struct sent *S, size_t e)
{
	int w = rel_word_find(R, "with");
	size_t j;

	if (w < 0 || e >= S->n || S->u[e].wid != w)
		return 0;
	for (j = e + 1; j < S->n && j <= e + 4; j++)
		if (rel_ent_fits(&S->u[j], ST_PARTY))
			return 0;
	return 1;
}

static int after_preposition(const struct relate *, const struct sent *,
    size_t);
static void treaty_rows1(struct run *, const struct mstate *,
    const struct rule *, size_t, int, size_t, struct rows *);

/*
 * The rows of a focus rule's match that names no treaty ("A and B
 * ratified in May"): the treaty in focus, the last one named by its name
 * or a row was made for in this paragraph or the TREATY_FOCUS_PARAS
 * before (not a bilateral one), one row per
 * party (each ratifies or signs for itself), which keeps it in focus;
 * a rule that states no status ("B followed") repeats the last row's.
 * None without a focus.
 */
static void
focus_rows(struct run *run, const struct mstate *ms,
    const struct rule *ru, size_t start, int cert, struct rows *rw)
{
	const struct sent *S = ms->S;
	const struct capv *P = &ms->cap[CAP_PARTY];
	const struct timex *tx = match_date(ms, ru, start);
	struct trow t;
	size_t i;
	int status = ms->cap[CAP_STATUS].n > 0 ?
	    S->u[ms->cap[CAP_STATUS].it[0].u].status :
	    ru->tstatus >= 0 ? ru->tstatus : run->fstatus;

	/* no focus; or "B followed" after a treaty named with no act */
	if (run->fkind < 0 || status < 0 ||
	    run->srcpara - run->fkind_para > TREATY_FOCUS_PARAS)
		return;
	for (i = 0; i < P->n; i++) {
		const struct entity *e = S->u[P->it[i].u].ent;

		if (e == NULL)
			continue;
		memset(&t, 0, sizeof(t));
		t.kind = run->fkind;
		t.status = status;
		t.count = -1;
		t.cert = rel_min_cert(cert, P->it[i].cert);
		t.anchor = P->it[i].u;
		if (tx != NULL)
			t.date = tx->from.prec != TIMEX_NONE ? tx->from :
			    tx->to;
		add_party(&t, e->id);
		trow_add(rw, &t);
	}
	if (P->n > 0) {	/* still the treaty talked about */
		run->fkind_para = run->srcpara;
		run->fstatus = status;
	}
}

/*
 * Is the entity at unit u the host of a meeting: right after a `host`
 * phrase ("hosted by"), at most HOST_UNITS units long, or right before
 * a `host_after` one (", the host")?  A host is no party to what is
 * signed at its meeting.
 */
#define HOST_UNITS	4

static int
is_host(const struct relate *R, const struct sent *S, size_t u)
{
	size_t j;

	for (j = u; j > 0 && u - j < HOST_UNITS; j--)
		if (rel_special_len(R, S, SP_HOST, j - 1) == u - j + 1)
			return 1;
	return rel_special_len(R, S, SP_HOST_AFTER, u + 1) > 0;
}

/* Does the match name a host as a party or counterpart? */
static int
names_host(const struct mstate *ms)
{
	const struct capv *P = &ms->cap[CAP_PARTY];
	const struct capv *W = &ms->cap[CAP_WITH];
	size_t i;

	for (i = 0; i < P->n; i++)
		if (is_host(ms->R, ms->S, P->it[i].u))
			return 1;
	for (i = 0; i < W->n; i++)
		if (is_host(ms->R, ms->S, W->it[i].u))
			return 1;
	return 0;
}

/*
 * Does the match's counterpart list start right after a `comitative`
 * phrase ("together with")?  States that act together with the subject
 * are fellow subjects, not the other side of its treaty.
 */
static int
with_comitative(const struct mstate *ms)
{
	const struct capv *W = &ms->cap[CAP_WITH];
	size_t j, u;

	if (W->n == 0)
		return 0;
	u = W->it[0].u;
	for (j = u; j > 0 && u - j < HOST_UNITS; j--)
		if (rel_special_len(ms->R, ms->S, SP_COMITATIVE, j - 1) ==
		    u - j + 1)
			return 1;
	return 0;
}

/* The rows of a treaty match: one treaty per kind captured ("A signed
 * the X Declaration and the Y Act"); a focus rule that captures none
 * takes the treaty in focus; none when it takes a host as a party or
 * reads fellow subjects as counterparts ("together with B"). */
static void
treaty_rows(struct run *run, const struct mstate *ms, const struct rule *ru,
    size_t start, int cert, struct rows *rw)
{
	size_t k;

	/* "signed at a summit hosted by C": the rule took the host */
	if (names_host(ms) || with_comitative(ms))
		return;
	if (ms->cap[CAP_KIND].n == 0 && ru->focus) {
		focus_rows(run, ms, ru, start, cert, rw);
		return;
	}
	for (k = 0; k < ms->cap[CAP_KIND].n; k++)
		treaty_rows1(run, ms, ru, start, cert,
		    ms->cap[CAP_KIND].it[k].u, rw);
}

/*
 * The entity id of the treaty named by the kind chunk at kc ("the X
 * Convention"), or NULL when the chunk is a bare noun ("the treaty").
 */
static const char *
kind_name(const struct sent *S, size_t kc)
{
	size_t j, e = S->u[kc].kind_end > kc ? S->u[kc].kind_end : kc + 1;

	for (j = kc; j < e && j < S->n; j++)
		if (S->u[j].named && S->u[j].ent != NULL)
			return S->u[j].ent->id;
	return NULL;
}

/* Does the match capture, besides unit kc, a kind chunk of kind k? */
static int
other_kind(const struct mstate *ms, size_t kc, int k)
{
	size_t i;

	for (i = 0; i < ms->cap[CAP_KIND].n; i++)
		if (ms->cap[CAP_KIND].it[i].u != kc &&
		    ms->S->u[ms->cap[CAP_KIND].it[i].u].kind == k)
			return 1;
	return 0;
}

static void
treaty_rows1(struct run *run, const struct mstate *ms, const struct rule *ru,
    size_t start, int cert, size_t kc, struct rows *rw)
{
	const struct sent *S = ms->S;
	const struct capv *P = &ms->cap[CAP_PARTY];
	const struct timex *tx = match_date(ms, ru, start);
	size_t i;
	int ctx_ok = run->ctx_np > 0 &&
	    run->srcpara - run->ctx_para <= CTX_PARAS;
	int plural = kind_plural(run->R, S, kc);
	size_t nt0 = rw->nt;
	struct trow base, t;

	/* a subject is no prepositional object: "partners in the X
	 * alliance, suspended ..." is not X's act (but "the committee
	 * of A's parliament ratified" is A's) */
	if (P->n > 0 && P->it[0].u <= start + 1 &&
	    after_preposition(run->R, S, P->it[0].u) &&
	    rel_special_len(run->R, S, SP_POSSESSIVE, P->it[0].u + 1) == 0)
		return;
	/* "trade deals with other countries": counterparts the sentence
	 * mentions but does not name leave the parties unknown: no row
	 * (an aggregate, "treaties with 40 countries", counts them) */
	if (ms->cap[CAP_WITH].n == 0 && ms->cap[CAP_COUNT].n == 0 &&
	    unnamed_with(run->R, S, S->u[kc].kind_end))
		return;
	memset(&base, 0, sizeof(base));
	base.kind = S->u[kc].kind;
	base.name = kind_name(S, kc);
	base.fresh = kind_fresh(run->R, S, kc);
	/* "the X Charter, a mutual defence pact": the apposition says
	 * what kind of treaty a generic name is */
	if (kind_is_generic(run->R, base.kind)) {
		size_t e = S->u[kc].kind_end, j;

		if (e + 1 < S->n &&
		    rel_special_len(run->R, S, SP_LIST_SEP, e) > 0)
			for (j = e + 1; j < S->n && j <= e + 4; j++)
				if (S->u[j].kind_end > j) {
					if (!S->u[j].kind_generic)
						base.kind = S->u[j].kind;
					break;
				}
	}
	/* "the agreement" is the last one when its parties are among it
	 * (not in "the agreement and its protocol", after a protocol) */
	if (S->u[kc].kind_generic && run->ctx_kind >= 0 && ctx_ok &&
	    kind_anaphoric(run->R, S, kc) && parties_in_ctx(run, S, P) &&
	    !other_kind(ms, kc, run->ctx_kind))
		base.kind = run->ctx_kind;
	/* "ratified treaties with China" after a sentence on China's
	 * extradition treaties: a bare noun takes the specific kind of the
	 * treaties just talked about when they share a party */
	else if (S->u[kc].kind_generic && run->skind >= 0 &&
	    run->srcpara - run->skind_para <= FOCUS_PARAS &&
	    !other_kind(ms, kc, run->skind) &&
	    (party_is(S, P, run->skind_party) ||
	    party_is(S, &ms->cap[CAP_WITH], run->skind_party)))
		base.kind = run->skind;
	/* the specific kind the next sentences may mean */
	if (!kind_is_generic(run->R, base.kind) && P->n > 0) {
		run->skind = base.kind;
		run->skind_para = run->srcpara;
		run->skind_party = S->u[P->it[0].u].ent->id;
	}
	base.status = ms->cap[CAP_STATUS].n > 0 ?
	    S->u[ms->cap[CAP_STATUS].it[0].u].status : ru->tstatus;
	base.count = -1;
	base.cert = cert;
	base.anchor = start;
	if (tx != NULL)
		base.date = tx->from.prec != TIMEX_NONE ? tx->from : tx->to;
	if (P->n > 1 && (ru->each || distributive(ms, start) ||
	    (plural && ms->cap[CAP_WITH].n > 0))) {
		/* "A and B each signed an agreement with C"; "A and B
		 * suspended their treaties with C" */
		for (i = 0; i < P->n; i++) {
			t = base;
			add_party(&t, S->u[P->it[i].u].ent->id);
			t.cert = rel_min_cert(cert, P->it[i].cert);
			t.anchor = P->it[i].u;
			treaty_group(ms, &t, plural, rw);
		}
	} else {
		for (i = 0; i < P->n; i++) {
			add_party(&base, S->u[P->it[i].u].ent->id);
			base.cert = rel_min_cert(base.cert, P->it[i].cert);
		}
		/* "The latest treaties, with A and B, ...": whose?  (A
		 * rule with no party slot, "The treaty entered into force
		 * in 2012", only from this sentence or the one just
		 * before, or after one that opens with the treaty.) */
		if (P->n == 0 && ctx_ok && !kind_owned(run->R, S, kc) &&
		    ((ru->pat.caps & (1u << CAP_PARTY | 1u << CAP_WITH)) ||
		    run->ctx_sent == S->start + 1 ||
		    run->ctx_sent == run->prev_sent || run->tsubj_on) &&
		    (kind_anaphoric(run->R, S, kc) ||
		    base.kind == run->ctx_kind)) {
			/* "... had signed the pact": with no counterpart
			 * named, the same treaty, all its parties */
			int all = ms->cap[CAP_WITH].n == 0 &&
			    kind_anaphoric(run->R, S, kc);

			for (i = 0; i < (all ? run->ctx_nall : run->ctx_np);
			    i++)
				add_party(&base, all ? run->ctx_all[i] :
				    run->ctx_party[i]);
		}
		/* "A ratified an agreement with B.  B's parliament approved
		 * the agreement": the same treaty, all its parties */
		else if (P->n > 0 && ms->cap[CAP_WITH].n == 0 &&
		    run->ctx_np > 0 &&
		    run->srcpara - run->ctx_para <= SAME_TREATY_PARAS &&
		    S->u[kc].kind_generic && kind_anaphoric(run->R, S, kc) &&
		    parties_in_ctx(run, S, P))
			for (i = 0; i < run->ctx_nall; i++)
				add_party(&base, run->ctx_all[i]);
		/* "A, which signed a peace treaty in 1979": a treaty that
		 * has two sides, the other the article's subject */
		if (base.np == 1 && ms->cap[CAP_WITH].n == 0 && kc > 0 &&
		    rel_special_len(run->R, S, SP_BILATERAL, kc - 1) > 0) {
			const struct entity *o =
			    rel_top_state(run, base.party[0]);

			if (o != NULL)
				add_party(&base, o->id);
		}
		treaty_group(ms, &base, plural, rw);
	}
	/* the treaty the next sentences may mean with no noun at all: a
	 * multilateral one (one party's act, or more than two parties);
	 * after a bilateral treaty, "C signed in May" is C's own treaty
	 * with someone, not this one */
	if (rw->nt > nt0) {
		run->fkind = rw->t[rw->nt - 1].np == 2 ? -1 : base.kind;
		run->fstatus = rw->t[rw->nt - 1].status;
		run->fkind_para = run->srcpara;
	}
	/* the subject of this sentence is the context of the next ones;
	 * a later match on part of it ("Australia" of "Japan and
	 * Australia") does not narrow it */
	if (P->n > 0 && !(run->ctx_sent == S->start + 1 &&
	    parties_in_ctx(run, S, P))) {
		const struct capv *W = &ms->cap[CAP_WITH];

		run->ctx_np = run->ctx_nall = 0;
		for (i = 0; i < P->n; i++)
			run->ctx_party[run->ctx_np++] =
			    S->u[P->it[i].u].ent->id;
		for (i = 0; i < P->n; i++)
			run->ctx_all[run->ctx_nall++] =
			    S->u[P->it[i].u].ent->id;
		for (i = 0; i < W->n; i++)
			run->ctx_all[run->ctx_nall++] =
			    S->u[W->it[i].u].ent->id;
		run->ctx_para = run->srcpara;
		run->ctx_kind = base.kind;
		run->ctx_sent = S->start + 1;
	}
}

static void
mrow_add(struct rows *rw, const struct mrow *m)
{
	size_t i;

	if (strcmp(m->org, m->member) == 0)
		return;
	for (i = 0; i < rw->nm; i++)
		if (strcmp(rw->m[i].org, m->org) == 0 &&
		    strcmp(rw->m[i].member, m->member) == 0 &&
		    rw->m[i].status == m->status)
			return;
	rw->m = xgrow(rw->m, &rw->capm, rw->nm + 1, sizeof(*rw->m));
	rw->m[rw->nm++] = *m;
}

static void
memb_rows(const struct run *run, const struct mstate *ms,
    const struct rule *ru, size_t start, int cert, struct rows *rw)
{
	const struct sent *S = ms->S;
	const struct capv *O = &ms->cap[CAP_ORG], *M = &ms->cap[CAP_MEMBER];
	const struct timex *tx = match_date(ms, ru, start);
	const char *orgs[CAP_MAXITEMS];
	size_t no = 0, i, j;
	struct mrow base;

	memset(&base, 0, sizeof(base));
	base.status = ru->val;
	base.resumed = ru->resumed;
	if (tx != NULL) {
		switch (tx->kind) {
		case TIMEX_POINT:
			if (ru->dateis_end)
				base.end = tx->from;
			else
				base.start = tx->from;
			break;
		case TIMEX_RANGE:
			base.start = tx->from;
			base.end = tx->to;
			break;
		case TIMEX_SINCE:
			base.start = tx->from;
			break;
		case TIMEX_UNTIL:
			base.end = tx->to;
			break;
		}
	}
	/* NOLINTBEGIN(clang-analyzer-core.NullDereference): S->u holds
	 * every unit the captures name */
	if (ms->cap[CAP_START].n > 0)
		base.start = S->u[ms->cap[CAP_START].it[0].u].tx.from;
	if (ms->cap[CAP_END].n > 0) {
		const struct timex *e = &S->u[ms->cap[CAP_END].it[0].u].tx;

		base.end = e->to.prec != TIMEX_NONE ? e->to : e->from;
	}
	for (i = 0; i < O->n; i++)
		orgs[no++] = S->u[O->it[i].u].ent->id;
	if (no == 0) {
		const struct entity *f = rel_focus_org(run, S->start,
		    S->u[start].start, 0);

		if (f == NULL)
			return;
		orgs[no++] = f->id;
	}
	/* NOLINTEND(clang-analyzer-core.NullDereference) */
	for (i = 0; i < no; i++)
		for (j = 0; j < M->n; j++) {
			struct mrow m = base;

			m.org = orgs[i];
			m.member = S->u[M->it[j].u].ent->id;
			m.cert = rel_min_cert(cert, M->it[j].cert);
			m.anchor = M->it[j].u;
			mrow_add(rw, &m);
		}
}

/* --- output ------------------------------------------------------------ */

/* The first 10 hex digits of the SHA-256 of s. */
static void
sha10(const char *s, char out[11])
{
	char hex[DIGEST_HEX_MAX];

	digest_buf(DIGEST_SHA256, s, strlen(s), hex);
	memcpy(out, hex, 10);
	out[10] = '\0';
}

static int
id_used(const struct document *doc, const char *id)
{
	size_t i;

	for (i = 0; i < doc->ntreaty; i++)
		if (doc->treaty[i].id != NULL &&
		    strcmp(doc->treaty[i].id, id) == 0)
			return 1;
	for (i = 0; i < doc->nmemb; i++)
		if (doc->memb[i].id != NULL && strcmp(doc->memb[i].id, id) == 0)
			return 1;
	return 0;
}

/* "<doc>:<tag><10 hex>", with ".2", ".3", ... after a collision. */
static char *
make_id(const struct document *doc, char tag, const char *content)
{
	char h[11], *id;
	unsigned n;

	sha10(content, h);
	id = xasprintf("%s:%c%s", doc->id != NULL ? doc->id : "", tag, h);
	for (n = 2; id_used(doc, id); n++) {
		free(id);
		id = xasprintf("%s:%c%s.%u", doc->id != NULL ? doc->id : "",
		    tag, h, n);
	}
	return id;
}

static int
cmpstrp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
cmp_trow(const void *a, const void *b)
{
	const struct trow *x = a, *y = b;

	return x->anchor < y->anchor ? -1 : x->anchor > y->anchor;
}

static int
cmp_mrow(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;

	return x->anchor < y->anchor ? -1 : x->anchor > y->anchor;
}

static int
same_parties(const struct treaty *x, const struct trow *t)
{
	size_t i, j;

	if (x->nparty != t->np)
		return 0;
	for (i = 0; i < t->np; i++) {
		for (j = 0; j < x->nparty; j++)
			if (strcmp(x->party[j].entity_id, t->party[i]) == 0)
				break;
		if (j == x->nparty)
			return 0;
	}
	return 1;
}

/*
 * Is date a (YYYY[-MM[-DD]], or empty) after date b, compared on what
 * both give?  "rejoined in 2021" after "withdrew in 2020" is not
 * superseded by the withdrawal.
 */
static int
date_after(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
		return 0;
	n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
	return strncmp(a, b, n) > 0;
}

/* Do two treaties have the same parties? */
static int
treaty_same_parties(const struct treaty *x, const struct treaty *y)
{
	size_t i, j;

	if (x->nparty != y->nparty)
		return 0;
	for (i = 0; i < y->nparty; i++) {
		for (j = 0; j < x->nparty; j++)
			if (strcmp(x->party[j].entity_id,
			    y->party[i].entity_id) == 0)
				break;
		if (j == x->nparty)
			return 0;
	}
	return 1;
}

static int
cert_of(const char *name)
{
	int c = rel_lookup(rel_cert_names, name, strlen(name));

	return c < 0 ? CERT_CERTAIN : c;
}

/* Raise x's certainty to c if c is higher. */
static void
raise_cert(char **x, int c)
{
	if (c > cert_of(*x)) {
		free(*x);
		*x = xstrdup(rel_cert_names[c]);
	}
}

/*
 * Append the rows of one sentence to doc.  A relation the document
 * already stated (rows from first to the end) is not repeated: the
 * first row keeps its evidence, takes a date it lacked and the higher
 * certainty; but a row of "a new agreement" (fresh) starts a new
 * generation of its kind and parties, which merges with none before
 * (run->tgen).  Ids are given by finish_rows().
 */
static void
emit_rows(struct run *run, size_t para, const char *evidence,
    struct rows *rw)
{
	struct document *doc = run->doc;
	size_t t0 = run->t0, m0 = run->m0;
	size_t i, j;

	/* stable order: by anchor unit, then by rule order */
	for (i = 1; i < rw->nt; i++)
		for (j = i; j > 0 && cmp_trow(&rw->t[j - 1], &rw->t[j]) > 0;
		    j--) {
			struct trow x = rw->t[j];

			rw->t[j] = rw->t[j - 1];
			rw->t[j - 1] = x;
		}
	for (i = 1; i < rw->nm; i++)
		for (j = i; j > 0 && cmp_mrow(&rw->m[j - 1], &rw->m[j]) > 0;
		    j--) {
			struct mrow x = rw->m[j];

			rw->m[j] = rw->m[j - 1];
			rw->m[j - 1] = x;
		}
	for (i = 0; i < rw->nt; i++) {
		const struct trow *t = &rw->t[i];
		struct treaty *x = NULL;
		int gen = 0;

		/* the generation of this kind and these parties: the
		 * latest, one more for "a new agreement" */
		for (j = t0; j < doc->ntreaty; j++)
			if (strcmp(doc->treaty[j].kind,
			    rel_kind_names[t->kind]) == 0 &&
			    same_parties(&doc->treaty[j], t) &&
			    run->tgen[j - t0] + t->fresh > gen)
				gen = run->tgen[j - t0] + t->fresh;
		for (j = t0; j < doc->ntreaty; j++) {
			struct treaty *y = &doc->treaty[j];

			if (run->tgen[j - t0] == gen &&
			    strcmp(y->kind, rel_kind_names[t->kind]) == 0 &&
			    strcmp(y->status,
			    rel_tstatus_names[t->status]) == 0 &&
			    y->count == t->count && same_parties(y, t) &&
			    names_agree(run->tname[j - t0], t->name) &&
			    (*y->date == '\0' || t->date.prec == TIMEX_NONE ||
			    strcmp(y->date, t->date.value) == 0))
				x = y;
		}
		if (x != NULL) {
			if (run->tname[x - doc->treaty - t0] == NULL)
				run->tname[x - doc->treaty - t0] = t->name;
			if (*x->date == '\0' && t->date.prec != TIMEX_NONE) {
				free(x->date);
				x->date = xstrdup(t->date.value);
				x->precision =
				    xstrdup(timex_prec_name(t->date.prec));
			}
			raise_cert(&x->certainty, t->cert);
			continue;
		}
		doc->treaty = xrealloc(doc->treaty, (doc->ntreaty + 1) *
		    sizeof(*doc->treaty));
		x = &doc->treaty[doc->ntreaty];
		memset(x, 0, sizeof(*x));
		x->kind = xstrdup(rel_kind_names[t->kind]);
		x->status = xstrdup(rel_tstatus_names[t->status]);
		x->date = xstrdup(t->date.value);
		x->precision = timex_prec_name(t->date.prec) != NULL ?
		    xstrdup(timex_prec_name(t->date.prec)) : NULL;
		x->certainty = xstrdup(rel_cert_names[t->cert]);
		x->count = t->count;
		x->para = para;
		x->evidence = xstrdup(evidence);
		for (j = 0; j < t->np; j++)
			treaty_add_party(x, t->party[j], "party", NULL, NULL);
		run->tname = xgrow(run->tname, &run->tnamecap,
		    doc->ntreaty - t0 + 1, sizeof(*run->tname));
		run->tname[doc->ntreaty - t0] = t->name;
		run->tgen = xgrow(run->tgen, &run->tgencap,
		    doc->ntreaty - t0 + 1, sizeof(*run->tgen));
		run->tgen[doc->ntreaty - t0] = gen;
		doc->ntreaty++;
	}
	for (i = 0; i < rw->nm; i++) {
		const struct mrow *m = &rw->m[i];
		struct membership *x = NULL;

		for (j = m0; j < doc->nmemb; j++) {
			struct membership *y = &doc->memb[j];

			if (strcmp(y->org_id, m->org) == 0 &&
			    strcmp(y->member_id, m->member) == 0 &&
			    strcmp(y->status,
			    rel_mstatus_names[m->status]) == 0)
				x = y;
		}
		if (x != NULL) {
			run->mresumed[x - doc->memb - m0] |= m->resumed;
			if (x->start == NULL && m->start.prec != TIMEX_NONE)
				x->start = xstrdup(m->start.value);
			if (x->end == NULL && m->end.prec != TIMEX_NONE)
				x->end = xstrdup(m->end.value);
			raise_cert(&x->certainty, m->cert);
			continue;
		}
		doc->memb = xrealloc(doc->memb, (doc->nmemb + 1) *
		    sizeof(*doc->memb));
		x = &doc->memb[doc->nmemb];
		memset(x, 0, sizeof(*x));
		x->org_id = m->org;
		x->member_id = m->member;
		x->status = xstrdup(rel_mstatus_names[m->status]);
		x->start = m->start.prec != TIMEX_NONE ?
		    xstrdup(m->start.value) : NULL;
		x->end = m->end.prec != TIMEX_NONE ?
		    xstrdup(m->end.value) : NULL;
		x->certainty = xstrdup(rel_cert_names[m->cert]);
		x->para = para;
		x->evidence = xstrdup(evidence);
		run->mresumed = xgrow(run->mresumed, &run->mrescap,
		    doc->nmemb - m0 + 1, sizeof(*run->mresumed));
		run->mresumed[doc->nmemb - m0] = (unsigned char)m->resumed;
		doc->nmemb++;
	}
}

static void
memb_release(struct membership *m)
{
	free(m->id);
	free(m->status);
	free(m->start);
	free(m->end);
	free(m->certainty);
	free(m->evidence);
}

/*
 * After the last sentence: drop memberships superseded by a stronger
 * status of the same pair ("supersedes member prospective"), except
 * those resumed after it (resumed[i - m0]: "A returned to X", or a start
 * after the other row's end), and treaty rows superseded by a later
 * event of the same treaty (not of another named one: tname[i - t0],
 * the named treaty of each row or NULL; nor of another generation,
 * tgen[i - t0]: "a new agreement" is not the one before), then give
 * the new rows their ids.
 */
static void
finish_rows(const struct relate *R, struct document *doc, size_t t0,
    size_t m0, const unsigned char *resumed, const char **tname,
    const int *tgen)
{
	struct buf b;
	size_t i, j, k;
	char *drop;

	drop = xcalloc(doc->nmemb + 1, 1);
	for (i = m0; i < doc->nmemb; i++) {
		const struct membership *m = &doc->memb[i];
		int st = rel_lookup(rel_mstatus_names, m->status,
		    strlen(m->status));

		for (j = m0; j < doc->nmemb && !drop[i]; j++) {
			const struct membership *o = &doc->memb[j];
			int os = rel_lookup(rel_mstatus_names, o->status,
			    strlen(o->status));

			drop[i] = j != i && strcmp(o->org_id, m->org_id) == 0 &&
			    strcmp(o->member_id, m->member_id) == 0 &&
			    (R->supersedes[os] & 1u << st) &&
			    !resumed[i - m0] &&
			    !date_after(m->start, o->end);
		}
	}
	for (i = k = m0; i < doc->nmemb; i++) {
		if (drop[i])
			memb_release(&doc->memb[i]);
		else
			doc->memb[k++] = doc->memb[i];
	}
	free(drop);
	doc->nmemb = k;
	/* a treaty's later event ("treaty_supersedes in_force signed"):
	 * one row of the same kind and parties, the latest status */
	drop = xcalloc(doc->ntreaty + 1, 1);
	for (i = t0; i < doc->ntreaty; i++) {
		const struct treaty *t = &doc->treaty[i];
		int st = rel_lookup(rel_tstatus_names, t->status,
		    strlen(t->status));

		for (j = t0; j < doc->ntreaty && !drop[i] && t->count < 0;
		    j++) {
			const struct treaty *o = &doc->treaty[j];
			int os = rel_lookup(rel_tstatus_names, o->status,
			    strlen(o->status));

			drop[i] = j != i && !drop[j] && o->count < 0 &&
			    strcmp(o->kind, t->kind) == 0 &&
			    names_agree(tname[i - t0], tname[j - t0]) &&
			    tgen[i - t0] == tgen[j - t0] &&
			    treaty_same_parties(o, t) &&
			    (R->tsupersedes[os] & 1u << st) &&
			    !date_after(t->date, o->date);
		}
	}
	for (i = k = t0; i < doc->ntreaty; i++) {
		if (drop[i])
			treaty_release(&doc->treaty[i]);
		else
			doc->treaty[k++] = doc->treaty[i];
	}
	free(drop);
	doc->ntreaty = k;
	buf_init(&b);
	for (i = t0; i < doc->ntreaty; i++) {
		struct treaty *x = &doc->treaty[i];
		const char *sorted[ROW_MAXPARTIES];

		for (j = 0; j < x->nparty && j < ROW_MAXPARTIES; j++)
			sorted[j] = x->party[j].entity_id;
		/* cppcheck-suppress uninitvar ; the first j are set */
		qsort(sorted, j, sizeof(*sorted), cmpstrp);
		buf_reset(&b);
		buf_printf(&b, "%s\n", x->kind);
		for (k = 0; k < j; k++)
			buf_printf(&b, "%s%s", k ? " " : "", sorted[k]);
		buf_printf(&b, "\n%s\n%s", x->date, x->evidence);
		x->id = make_id(doc, 't', buf_str(&b));
	}
	for (i = m0; i < doc->nmemb; i++) {
		struct membership *x = &doc->memb[i];

		buf_reset(&b);
		buf_printf(&b, "%s\n%s\n%s\n%s", x->org_id, x->member_id,
		    x->status, x->evidence);
		x->id = make_id(doc, 'm', buf_str(&b));
	}
	buf_release(&b);
}

/* --- running ----------------------------------------------------------- */

/*
 * Could a treaty or membership rule match the sentence at all?  Judged
 * before the chunks are marked, by what they could add at most: the
 * entities of any anaphor, a kind or status chunk where a kind or status
 * rule could match.  When none could, the sentence states nothing.
 */
static int
sent_may_relate(const struct relate *R, struct sent *S)
{
	static const struct {
		enum rtype	 t;
		unsigned	 add;
	} chunk[] = {
		{ R_ANAPHOR, (1u << ST_DATE) - 1 },	/* entity slots */
		{ R_KIND, 1u << ST_KIND },
		{ R_STATUS, 1u << ST_STATUS }
	};
	unsigned st = S->st, add = 0;
	size_t c, k;
	int may = 0;

	for (c = 0; c < sizeof(chunk) / sizeof(chunk[0]); c++)
		for (k = 0; k < R->nbytype[chunk[c].t]; k++)
			if (rel_rule_possible(R, S, R->bytype[chunk[c].t][k])) {
				add |= chunk[c].add;
				break;
			}
	S->st |= add;
	for (k = 0; k < R->nbytype[R_TREATY] && !may; k++)
		may = rel_rule_possible(R, S, R->bytype[R_TREATY][k]);
	for (k = 0; k < R->nbytype[R_MEMB] && !may; k++)
		may = rel_rule_possible(R, S, R->bytype[R_MEMB][k]);
	S->st = st;
	return may;
}

/*
 * Does a preposition stand right before unit i, or before a determiner
 * before it ("With the UAE, Israel signed ...": not the subject)?
 */
static int
after_preposition(const struct relate *R, const struct sent *S, size_t i)
{
	size_t k = i;

	if (k > 0 && rel_special_len(R, S, SP_DETERMINER, k - 1) == 1)
		k--;
	return k > 0 && rel_special_len(R, S, SP_PREPOSITION, k - 1) == 1;
}

/* Note word id wid in S's filters (the words it has, the rules they
 * may start). */
void
rel_sent_word(const struct relate *R, struct sent *S, int wid)
{
	size_t w = (size_t)wid, g;

	if (wid < 0 || S->wbits == NULL ||
	    (S->wbits[w / 64] >> (w % 64) & 1))
		return;
	S->wbits[w / 64] |= (uint64_t)1 << (w % 64);
	for (g = R->rpostoff[w]; g < R->rpostoff[w + 1]; g++)
		S->rhit[R->rpost[g] / 64] |= (uint64_t)1 << (R->rpost[g] % 64);
}

/*
 * Remember whether S opens with a treaty as its subject, for "it" in the
 * next sentence (anaphor TREATY): its first state, organisation or kind
 * chunk within SUBJ_UNITS units, not one after a preposition ("Under
 * the X, A ...").  A named treaty ("The X Convention was adopted ...")
 * or a described one ("The accord was signed ...") is; a state or an
 * organisation ends it.  A sentence that opens with neither keeps the
 * last one.
 */
static void
treaty_subject(struct run *run, const struct sent *S)
{
	const struct relate *R = run->R;
	size_t i;

	for (i = 0; i < S->n && i < SUBJ_UNITS; i++) {
		const struct unit *u = &S->u[i];
		size_t k = i;

		if (k > 0 && rel_special_len(R, S, SP_DETERMINER, k - 1) == 1)
			k--;
		if (k > 0 && rel_special_len(R, S, SP_PREPOSITION, k - 1) == 1)
			continue;
		if (u->kind_end > i && (u->named || (k < i &&
		    u->type == U_WORD && S->u[k].wid >= 0 &&
		    S->u[u->kind_end - 1].wid >= 0 &&
		    !kind_plural(R, S, i)))) {
			run->tsubj_on = 1;
			run->tsubj = u->named ? u->ent : NULL;
			run->tsubj_kind = u->kind;
			run->tsubj_det = S->u[k].wid;
			run->tsubj_word = S->u[u->kind_end - 1].wid;
			run->tsubj_para = run->srcpara;
			return;
		}
		if (u->type == U_ENT && !u->adj && !u->named &&
		    rel_ent_fits(u, ST_PARTY)) {
			run->tsubj_on = 0;
			return;
		}
	}
}

static void
do_sentence(struct run *run, size_t para, size_t ss, size_t se)
{
	const struct relate *R = run->R;
	struct mstate ms;
	struct sent S;
	struct rows rw;
	size_t r, i;

	if (se - ss > SENT_MAXBYTES) {
		diag(DIAG_WARN, run->doc->art->name, 0, "sentence of %zu bytes "
		    "at byte %zu not read for relations", se - ss, ss);
		return;
	}
	rel_sent_build(run, &S, ss, se);
	/* the filters: words, slot types, special classes */
	S.wbits = run->wbits;
	memset(S.wbits, 0, run->nwbits * sizeof(*S.wbits));
	S.rhit = run->rhit;
	memset(S.rhit, 0, (R->ngreq / 64 + 1) * sizeof(*S.rhit));
	for (i = 0; i < S.n; i++)
		rel_sent_word(R, &S, S.u[i].wid);
	S.cache = 1;
	S.spc = run->spc;
	S.spcap = run->spcap;
	S.rflag = run->rflag;
	S.rlist = run->rlist;
	rel_sent_changed(&S);
	memset(&rw, 0, sizeof(rw));
	if (!sent_may_relate(R, &S)) {
		/* no relation, but maybe a treaty as the subject "it"
		 * stands for in the next sentence ("The accord was drafted
		 * in 2015.  It was signed by ...") */
		rel_annotate(R, &S, R_KIND);
		goto out;
	}
	rel_resolve_anaphora(run, &S);
	for (i = 0; i < S.n; i++)	/* named treaties, after the splices */
		if (S.u[i].named)
			S.u[i].kind_end = i + 1;
	rel_sent_changed(&S);
	rel_annotate(R, &S, R_KIND);
	rel_annotate(R, &S, R_STATUS);
	rel_annotate(R, &S, R_HEDGE);
	/* a treaty named by its name is in focus, row or not: "the X
	 * Agreement will enter into force after A became the 60th state
	 * to ratify it" (a bilateral row made below takes it out) */
	for (i = 0; i < S.n; i++)
		if (S.u[i].named && S.u[i].kind_end > i) {
			run->fkind = S.u[i].kind;
			run->fkind_para = run->srcpara;
		}
	for (r = 0; r < R->nr; r++) {
		const struct rule *ru = &R->r[r];

		if ((ru->type != R_TREATY && ru->type != R_MEMB) ||
		    !rel_rule_possible(R, &S, r))
			continue;
		rel_memo_begin(&run->memo, &ru->pat, &S);
		for (i = 0; i < S.n; i++) {
			int cert;

			if (!rel_pat_match_memo(&ms, R, &S, &ru->pat, i,
			    &run->memo))
				continue;
			if ((cert = match_cert(&ms, ru, i)) < 0)
				continue;
			if (ru->type == R_TREATY)
				treaty_rows(run, &ms, ru, i, cert, &rw);
			else
				memb_rows(run, &ms, ru, i, cert, &rw);
		}
	}
	if (rw.nt > 0 || rw.nm > 0) {
		char *ev = text_normalize(S.text + ss, se - ss);

		emit_rows(run, para, ev, &rw);
		free(ev);
	}
out:
	/* the subject "it" in the next sentence refers to (a sentence
	 * that opens with no state or organisation keeps the last one:
	 * "A rejoined X.  Its president signed ...  The country ...") */
	for (i = 0; i < S.n && i < SUBJ_UNITS; i++)
		if (S.u[i].type == U_ENT && !S.u[i].adj &&
		    !S.u[i].named && rel_ent_fits(&S.u[i], ST_PARTY) &&
		    !after_preposition(R, &S, i)) {
			run->subj = S.u[i].ent;
			run->subj_para = run->srcpara;
			break;
		}
	treaty_subject(run, &S);
	run->prev_sent = S.start + 1;
	free(rw.t);
	free(rw.m);
	run->spc = S.spc;	/* may have grown */
	run->spcap = S.spcap;
	run->ubuf = S.u;		/* kept for the next sentence */
	run->ucap = S.cap;
	S.u = NULL;
	S.n = 0;
	rel_sent_release(&S);
}

int
relate_run(const struct relate *R, struct document *doc,
    const struct entity_set *es)
{
	struct run run;
	struct sentence *sv = NULL;
	size_t i, j, n, cap = 0, caporgm = 0, capstatem = 0;

	if (doc->art == NULL || doc->art->text == NULL) {
		diag(DIAG_DATA, doc->id, 0, "document has no text");
		return -1;
	}
	memset(&run, 0, sizeof(run));
	run.R = R;
	run.doc = doc;
	run.es = es;
	run.ctx_kind = -1;
	run.skind = -1;
	run.fkind = -1;
	run.fstatus = -1;
	run.t0 = doc->ntreaty;
	run.m0 = doc->nmemb;
	run.srcord = xcalloc(doc->npara + 1, sizeof(*run.srcord));
	/* keyed by entity: as many keys as the document has entities,
	 * or mentions if fewer */
	n = es->n < doc->nment ? es->n : doc->nment;
	for (run.esize = 16; run.esize < 2 * (n + 1); run.esize *= 2)
		;
	run.ekey = xcalloc(run.esize, sizeof(*run.ekey));
	run.ekind = xcalloc(run.esize, sizeof(*run.ekind));
	run.ecount = xcalloc(run.esize, sizeof(*run.ecount));
	for (i = 0; i < run.esize; i++)
		run.ekind[i] = -2;
	run.ment_ent = xcalloc(doc->nment + 1, sizeof(*run.ment_ent));
	run.mcount = xcalloc(doc->nment + 1, sizeof(*run.mcount));
	for (i = 0; i < doc->nment; i++) {
		const struct entity *e;

		if (doc->ment[i].entity_id != NULL &&
		    (e = entity_set_find(es, doc->ment[i].entity_id)) != NULL) {
			run.ment_ent[i] = (uint32_t)(e - es->e) + 1;
			(void)rel_ent_slot(&run, e, 1);
		}
	}
	run.nwbits = R->nword / 64 + 1;
	run.wbits = xcalloc(run.nwbits, sizeof(*run.wbits));
	run.rhit = xcalloc(R->ngreq / 64 + 1, sizeof(*run.rhit));
	run.rflag = xcalloc(R->nr + 1, 1);
	run.rlist = xcalloc(R->nr + 1, sizeof(*run.rlist));
	for (i = 0, n = 0; i < doc->npara; i++)
		if (R->sources[doc->para[i].role])
			run.srcord[i] = (uint32_t)++n;
	for (i = 0; i < doc->nment; i++) {
		const struct mention *m = &doc->ment[i];
		const struct entity *e = rel_mention_entity(&run, m);

		if (e == NULL || m->form == MF_ADJECTIVE ||
		    m->para >= doc->npara)
			continue;
		/* how often the document names an organisation counts
		 * its title and headings too: the article's subject */
		if (e->type == ET_ORGANIZATION || e->type == ET_COUNTRY) {
			size_t k = rel_ent_slot(&run, e, 0);

			if (k != SIZE_MAX)
				run.mcount[i] = (uint32_t)++run.ecount[k];
		}
		if (!R->sources[doc->para[m->para].role])
			continue;
		if (e->type == ET_ORGANIZATION) {
			run.orgm = xgrow(run.orgm, &caporgm, run.norgm + 1,
			    sizeof(*run.orgm));
			run.orgm[run.norgm++] = (uint32_t)i;
		} else if (e->type == ET_COUNTRY) {
			run.statem = xgrow(run.statem, &capstatem,
			    run.nstatem + 1, sizeof(*run.statem));
			run.statem[run.nstatem++] = (uint32_t)i;
		}
	}
	for (i = 0; i < doc->npara; i++) {
		const struct paragraph *p = &doc->para[i];

		if (!R->sources[p->role] || p->end <= p->start ||
		    p->end > doc->art->len)
			continue;
		run.srcpara++;
		n = sentence_split(R->sent, doc->art->text + p->start,
		    p->end - p->start, sv, cap);
		if (n > cap) {
			sv = xgrow(sv, &cap, n, sizeof(*sv));
			sentence_split(R->sent, doc->art->text + p->start,
			    p->end - p->start, sv, n);
		}
		for (j = 0; j < n; j++)
			do_sentence(&run, i, p->start + sv[j].start,
			    p->start + sv[j].end);
	}
	run.mresumed = xgrow(run.mresumed, &run.mrescap,
	    doc->nmemb - run.m0 + 1, sizeof(*run.mresumed));
	run.tname = xgrow(run.tname, &run.tnamecap,
	    doc->ntreaty - run.t0 + 1, sizeof(*run.tname));
	run.tgen = xgrow(run.tgen, &run.tgencap,
	    doc->ntreaty - run.t0 + 1, sizeof(*run.tgen));
	finish_rows(R, doc, run.t0, run.m0, run.mresumed, run.tname,
	    run.tgen);
	free(sv);
	free(run.orgm);
	free(run.statem);
	free(run.srcord);
	free(run.ekey);
	free(run.ekind);
	free(run.ecount);
	free(run.ment_ent);
	free(run.mcount);
	free(run.mresumed);
	free(run.tname);
	free(run.tgen);
	free(run.wbits);
	free(run.rhit);
	free(run.spc);
	free(run.lowbuf);
	free(run.ubuf);
	free(run.mlist);
	free(run.rflag);
	free(run.rlist);
	free(run.memo.e);
	return 0;
}
