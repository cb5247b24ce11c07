/*
 * relate_sent: a sentence as the units the patterns match: words,
 * punctuation and numbers lexed from the text, the document's entity
 * mentions and the date expressions.  Also what the units need from the
 * document: the treaty kind an entity's name states, the organisation
 * in focus; the anaphor rules that put "the organization" or "the two
 * countries" in place; and the kind, status and hedge chunks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/relate_int.h"
#include "extract/timex.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/model.h"

/* a wire dateline ("CITY, Jan 1 (Agency) -") ends within this many units */
#define DATELINE_UNITS	12

/* --- sentences as units ------------------------------------------------ */

void
rel_sent_release(struct sent *S)
{
	size_t i;

	for (i = 0; i < S->n && S->lowbuf == NULL; i++)
		free(S->u[i].low);
	free(S->u);
	S->u = NULL;
	S->n = S->cap = 0;
}

/*
 * The units changed: find the slot types they fill again and forget
 * the special classes matched.  The word bits stay: words are only ever
 * replaced, so the bits keep all the sentence has.
 */
void
rel_sent_changed(struct sent *S)
{
	size_t i, need;
	int st;

	S->st = 0;
	for (i = 0; i < S->n; i++) {
		struct unit *u = &S->u[i];

		if (u->type == U_ENT) {
			if (!u->fitsok) {
				u->fits = 0;
				for (st = 0; st < ST_DATE; st++)
					if (rel_ent_fits(u, (enum stype)st))
						u->fits |= 1u << st;
				u->fitsok = 1;
			}
			S->st |= u->fits;
		} else if (u->type == U_DATE)
			S->st |= 1u << ST_DATE;
		else if (u->type == U_NUM && u->num >= 0)
			S->st |= 1u << ST_NUM;
		if (u->kind_end > i)
			S->st |= 1u << ST_KIND;
		if (u->status_end > i)
			S->st |= 1u << ST_STATUS;
	}
	if (!S->cache)
		return;
	need = (S->n + 1) * SP__MAX;
	if (need > S->spcap) {
		free(S->spc);
		S->spc = xcalloc(need, sizeof(*S->spc));
		S->spcap = need;
	}
	memset(S->spc, 0xff, need * sizeof(*S->spc));
}

/*
 * Can the sentence hold a match of rule r?  1 unless a requirement
 * fails.  S->rhit has a bit for each requirement of each rule (R->greq)
 * that a word of the sentence meets, set once per sentence from the
 * words' postings (R->rpost).
 */
int
rel_rule_possible(const struct relate *R, const struct sent *S, size_t r)
{
	const struct pat *p = &R->r[r].pat;
	size_t i, g = R->greq[r], n = p->nreq;
	uint64_t miss;

	if (S->wbits == NULL || n == 0)
		return 1;
	if (n > 64) {
		for (i = 0; i < n; i++, g++)
			if (!(S->rhit[g / 64] >> (g % 64) & 1) &&
			    !(p->req[i].st & S->st))
				return 0;
		return 1;
	}
	/* the bits g .. g + n - 1 of rhit: those no word met */
	miss = S->rhit[g / 64] >> (g % 64);
	if (g % 64 != 0 && g % 64 + n > 64)
		miss |= S->rhit[g / 64 + 1] << (64 - g % 64);
	miss = ~miss & (n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1);
	if (miss & R->r[r].wordonly)
		return 0;	/* words only, and none there */
	for (i = 0; miss != 0; miss >>= 1, i++)
		if ((miss & 1) && !(p->req[i].st & S->st))
			return 0;
	return 1;
}

static struct unit *
sent_add(struct sent *S, enum utype t, size_t start, size_t end)
{
	struct unit *u;

	static const struct unit zero;

	if (S->n + 1 > S->cap)
		S->u = xgrow(S->u, &S->cap, S->n + 1, sizeof(*S->u));
	u = &S->u[S->n++];
	*u = zero;
	u->type = t;
	u->start = start;
	u->end = end;
	u->num = -1;
	u->wid = -1;
	return u;
}

static int
cp_space(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\f' || cp == '\v' || cp == 0xA0 ||
	    (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Letters and digits of words: anything but ASCII and Unicode marks. */
static int
cp_wordch(long cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2190 &&
	    cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F))
		return 0;
	return !cp_space(cp);
}

static int
cp_apos(long cp)
{
	return cp == '\'' || cp == 0x2019;
}

static int
isdigit_c(int c)
{
	return c >= '0' && c <= '9';
}

static int
ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    isdigit_c(c);
}

/*
 * One token of plain text at s[i] (i < end, not a blank): a word (with
 * inner hyphens, full stops and apostrophes: "counter-terrorism",
 * "U.S.", "don't"; a possessive "'s" is its own token), a number, or
 * one punctuation character.  Returns its end.
 */
static size_t
lex(const char *s, size_t i, size_t end, enum utype *t)
{
	size_t k, j, k2;
	long cp = utf8_get(s, end, i, &k);
	int dots = 0, alldig = 1;

	if (cp_apos(cp) && i + k < end && (s[i + k] == 's' ||
	    s[i + k] == 'S') && (i + k + 1 >= end ||
	    !cp_wordch(utf8_get(s, end, i + k + 1, &k2)))) {
		*t = U_WORD;
		return i + k + 1;
	}
	if (!cp_wordch(cp)) {
		*t = U_PUNCT;
		return i + k;
	}
	for (j = i; j < end; ) {
		/* a run of ASCII letters and digits */
		while (j < end && ascii_alnum((unsigned char)s[j]))
			if (!isdigit_c((unsigned char)s[j++]))
				alldig = 0;
		if (j >= end)
			break;
		cp = utf8_get(s, end, j, &k);
		if (cp_wordch(cp)) {
			if (!isdigit_c((int)cp))
				alldig = 0;
			j += k;
			continue;
		}
		/* an inner joiner followed by a word character */
		if ((cp == '-' || cp == '.' || cp == ',' || cp_apos(cp) ||
		    cp == 0x2010 || cp == 0x2011) && j + k < end &&
		    cp_wordch(utf8_get(s, end, j + k, &k2))) {
			long nx = utf8_get(s, end, j + k, &k2);

			if (cp == ',' && !(alldig && isdigit_c((int)nx)))
				break;
			/* "China's": stop before a possessive */
			if (cp_apos(cp) && (nx == 's' || nx == 'S') &&
			    (j + k + 1 >= end || !cp_wordch(utf8_get(s, end,
			    j + k + 1, &k2))))
				break;
			if (cp == '.')
				dots++;
			if (cp != '.' && cp != ',')
				alldig = 0;
			j += k;
			continue;
		}
		/* "U.S.": keep the final stop of dotted initials */
		if (cp == '.' && dots > 0 && j - i <= 2 * (size_t)dots + 2)
			j++;
		break;
	}
	*t = alldig ? U_NUM : U_WORD;
	return j;
}

/* name_kind(): an organisation that has no members (an institute). */
#define KIND_NONMEMBER	(-3)

/*
 * The treaty kind an entity's name states, or -1: a law or convention
 * ("Shanghai Convention on Combating Terrorism") anywhere in its name,
 * an organisation-like entity only in its last word ("Enhanced Defense
 * Cooperation Agreement", not "North Atlantic Treaty Organization").
 */
static int
name_kind(const struct relate *R, const struct entity *e)
{
	struct sent S;
	size_t p, n, i, k, h;
	int kind = -1;

	if (e->name == NULL || (e->type != ET_LAW &&
	    e->type != ET_ORGANIZATION && e->type != ET_OTHER &&
	    e->type != ET_EVENT))
		return -1;
	memset(&S, 0, sizeof(S));
	S.text = e->name;
	n = strlen(e->name);
	for (p = 0; p < n && S.n < 64; ) {
		enum utype t;
		struct unit *u;
		size_t end;

		if (cp_space(utf8_get(e->name, n, p, &k))) {
			p += k;
			continue;
		}
		end = lex(e->name, p, n, &t);
		u = sent_add(&S, t, p, end);
		u->low = rel_fold(e->name + p, end - p);
		u->wid = rel_word_find(R, u->low);
		p = end;
	}
	/* the head is the word before the first head_stop ("of"), else
	 * the last: "Framework Convention on Climate Change" */
	h = S.n > 0 ? S.n - 1 : 0;
	for (i = 1; i < S.n; i++)
		if (rel_special_len(R, &S, SP_HEAD_STOP, i) > 0) {
			h = i - 1;
			break;
		}
	rel_annotate(R, &S, R_KIND);
	for (i = 0; i < S.n && kind < 0; i++)
		if (S.u[i].kind_end > i && (e->type == ET_LAW ||
		    S.u[i].kind_end == S.n || S.u[i].kind_end == h + 1))
			kind = S.u[i].kind;
	/* a law named without a kind ("Trans-Pacific Partnership") is a
	 * treaty unless its head is a domestic law's ("Security Law") */
	if (kind < 0 && e->type == ET_LAW && S.n > 0 && R->klaw >= 0 &&
	    rel_special_len(R, &S, SP_DOMESTIC_LAW, h) == 0)
		kind = R->klaw;
	/* "Norwegian Institute of ...", "Ministerial Conference": no
	 * members (a head of one word, or of two ending at the head) */
	if (kind < 0 && e->type == ET_ORGANIZATION && S.n > 0 &&
	    (rel_special_len(R, &S, SP_NONMEMBER_HEAD, h) > 0 ||
	    (h > 0 && rel_special_len(R, &S, SP_NONMEMBER_HEAD, h - 1) == 2)))
		kind = KIND_NONMEMBER;
	rel_sent_release(&S);
	return kind;
}

/* The slot of entity e in run's table, added if add; or SIZE_MAX. */
size_t
rel_ent_slot(const struct run *run, const struct entity *e, int add)
{
	size_t i, h;

	if (e == NULL || (i = (size_t)(e - run->es->e)) >= run->es->n)
		return SIZE_MAX;
	for (h = (i * 0x9E3779B97F4A7C15ULL) >> 7 & (run->esize - 1);
	    run->ekey[h] != 0; h = (h + 1) & (run->esize - 1))
		if (run->ekey[h] == i + 1)
			return h;
	if (!add)
		return SIZE_MAX;
	run->ekey[h] = i + 1;
	return h;
}

/* name_kind(), once per entity and run. */
static int
entity_kind(const struct run *run, const struct entity *e)
{
	size_t k;

	if (e == NULL || (size_t)(e - run->es->e) >= run->es->n)
		return -1;
	if ((k = rel_ent_slot(run, e, 0)) == SIZE_MAX)
		return name_kind(run->R, e);	/* not named here */
	if (run->ekind[k] == -2)
		run->ekind[k] = name_kind(run->R, e);
	return run->ekind[k];
}

/* The entity of a mention of the document (found once per run). */
const struct entity *
rel_mention_entity(const struct run *run, const struct mention *m)
{
	uint32_t x = run->ment_ent[m - run->doc->ment];

	return x != 0 ? &run->es->e[x - 1] : NULL;
}

/* Build the units of the sentence text[ss..se). */
void
rel_sent_build(struct run *run, struct sent *S, size_t ss, size_t se)
{
	const struct document *doc = run->doc;
	const char *text = doc->art->text;
	struct timex txbuf[16], *tx = txbuf;
	uint64_t hw;
	size_t ntx, ti = 0, mi, p, k;
	size_t nm = 0, mj = 0;
	int kind;

	memset(S, 0, sizeof(*S));
	S->u = run->ubuf;	/* the run's, handed back by do_sentence() */
	S->cap = run->ucap;
	run->ubuf = NULL;
	run->ucap = 0;
	S->text = text;
	S->start = ss;
	S->end = se;
	/* room for every word folded (no longer than it is) and its NUL */
	if (run->lowcap < se - ss + SENT_MAXUNITS + 1) {
		free(run->lowbuf);
		run->lowcap = se - ss + SENT_MAXUNITS + 1;
		run->lowbuf = xmalloc(run->lowcap);
	}
	S->lowbuf = run->lowbuf;
	/* mentions inside the sentence, not overlapping each other */
	while (run->mi < doc->nment && doc->ment[run->mi].start < ss)
		run->mi++;
	for (mi = run->mi; mi < doc->nment && doc->ment[mi].start < se; mi++) {
		const struct mention *m = &doc->ment[mi];

		if (m->end > se || m->end <= m->start ||
		    rel_mention_entity(run, m) == NULL)
			continue;
		if (nm > 0 && m->start < doc->ment[run->mlist[nm - 1]].end)
			continue;
		if (nm + 1 > run->capm)
			run->mlist = xgrow(run->mlist, &run->capm, nm + 1,
			    sizeof(*run->mlist));
		run->mlist[nm++] = mi;
	}
	/* dates, unless they overlap a mention */
	ntx = timex_scan(run->R->tx, text + ss, se - ss, txbuf,
	    sizeof(txbuf) / sizeof(txbuf[0]));
	if (ntx > sizeof(txbuf) / sizeof(txbuf[0])) {
		tx = xcalloc(ntx, sizeof(*tx));
		timex_scan(run->R->tx, text + ss, se - ss, tx, ntx);
	}
	for (p = ss; p < se && S->n < SENT_MAXUNITS; ) {
		size_t mnext = mj < nm ? doc->ment[run->mlist[mj]].start : se;
		size_t tnext, lim, e;
		enum utype t;
		struct unit *u;
		long cp;

		while (ti < ntx && (tx[ti].start + ss < p || (mj < nm &&
		    tx[ti].start + ss < doc->ment[run->mlist[mj]].end &&
		    tx[ti].end + ss > doc->ment[run->mlist[mj]].start)))
			ti++;
		tnext = ti < ntx ? tx[ti].start + ss : se;
		if (p == mnext) {
			const struct mention *m = &doc->ment[run->mlist[mj++]];

			u = sent_add(S, U_ENT, m->start, m->end);
			u->ent = rel_mention_entity(run, m);
			u->adj = m->form == MF_ADJECTIVE;
			kind = u->adj ? -1 : entity_kind(run, u->ent);
			if (kind >= 0) {
				u->named = 1;
				u->kind = kind;
				u->kind_end = S->n;
			} else if (kind == KIND_NONMEMBER)
				u->organ = 1;
			u->upper = 1;
			p = m->end;
			continue;
		}
		if (p == tnext) {
			u = sent_add(S, U_DATE, p, tx[ti].end + ss);
			u->tx = tx[ti];
			u->tx.start += ss;
			u->tx.end += ss;
			p = u->end;
			ti++;
			continue;
		}
		if ((unsigned char)text[p] < 0x80) {	/* ASCII blanks */
			if (text[p] == ' ' || (text[p] >= '\t' &&
			    text[p] <= '\r')) {
				p++;
				continue;
			}
		} else {
			cp = utf8_get(text, se, p, &k);
			if (cp_space(cp)) {
				p += k;
				continue;
			}
		}
		lim = mnext < tnext ? mnext : tnext;
		e = lex(text, p, lim, &t);
		u = sent_add(S, t, p, e);
		u->low = S->lowbuf + S->lowlen;
		S->lowlen += rel_fold_into(u->low, text + p, e - p, &hw) + 1;
		u->wid = rel_word_find_h(run->R, u->low, hw);
		u->upper = (unsigned char)text[p] < 0x80 ? text[p] >= 'A' &&
		    text[p] <= 'Z' : text_is_upper_at(text + p);
		if (t == U_WORD && u->wid >= 0 && run->R->wnum[u->wid] >= 0) {
			u->type = U_NUM;
			u->num = run->R->wnum[u->wid];
		}
		if (u->type == U_NUM && u->num < 0) {
			const char *q;
			long v = 0;

			for (q = u->low; *q != '\0' && v >= 0; q++) {
				if (*q == ',')
					continue;
				if (*q == '.')
					break;
				v = v > 100000000 ? -1 : v * 10 + (*q - '0');
			}
			u->num = v;
		}
		p = e;
	}
	if (tx != txbuf)
		free(tx);
}

/*
 * Is text[a..b) only list punctuation ("A, the B and C")?  Commas and
 * the words "and", "or", "the" between two states named in a row.
 */
static int
list_gap(const char *text, size_t a, size_t b)
{
	static const char *const w[] = { "and", "or", "the", NULL };
	size_t i = a, k, n;

	while (i < b) {
		if (text[i] == ' ' || text[i] == ',') {
			i++;
			continue;
		}
		for (k = 0; w[k] != NULL; k++) {
			n = strlen(w[k]);
			if (i + n <= b && strncmp(text + i, w[k], n) == 0 &&
			    (i + n == b || text[i + n] == ' ' ||
			    text[i + n] == ','))
				break;
		}
		if (w[k] == NULL)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * The state the document names most besides the one whose id is except
 * (its subject: "A, which signed a peace treaty in 1979" in an article
 * about B), when it is named more than twice and more often than any
 * other besides except; else NULL.
 */
const struct entity *
rel_top_state(const struct run *run, const char *except)
{
	const struct entity *top = NULL;
	size_t i, k, n, c1 = 0, c2 = 0;

	for (i = 0; i < run->nstatem; i++) {
		const struct entity *x =
		    rel_mention_entity(run, &run->doc->ment[run->statem[i]]);

		if (x == top || strcmp(x->id, except) == 0 ||
		    (k = rel_ent_slot(run, x, 0)) == SIZE_MAX)
			continue;
		n = run->ecount[k];
		if (n > c1) {
			c2 = c1;
			c1 = n;
			top = x;
		} else if (n > c2)
			c2 = n;
	}
	return c1 > 2 && c1 > c2 ? top : NULL;
}

/*
 * The organisation in focus at byte offset pos of the sentence starting
 * at byte ss: the last organisation with members named before pos in the
 * sentence ("the NDB, which Egypt joined"), unless only list punctuation
 * stands between them ("the UN and the OSCE take part": a fellow item,
 * not the organisation); else, of those named in this source paragraph
 * or the CTX_PARAS before it, the one the document names most (the last
 * named on a tie); else, of those named more than once in the
 * FOCUS_PARAS before it, the one the document names most (an article
 * about one organisation names it once and then says "the bloc" or
 * nothing for several paragraphs).  When named is set (a word such as
 * "the alliance" stands for the organisation) and none of these is
 * found, the last organisation named in the FOCUS_PARAS before it.
 */
const struct entity *
rel_focus_org(const struct run *run, size_t ss, size_t pos, int named)
{
	const char *text = run->doc->art->text;
	const struct entity *best = NULL, *last = NULL;
	size_t i, bestn = 0, bestback = 0;

	for (i = run->norgm; i > 0; i--) {
		const struct mention *m = &run->doc->ment[run->orgm[i - 1]];
		const struct entity *e = rel_mention_entity(run, m);
		size_t back, n;

		if (m->end > pos)
			continue;
		back = run->srcpara - run->srcord[m->para];
		if (back > FOCUS_PARAS || (back > CTX_PARAS && best != NULL &&
		    back > bestback))
			break;
		/* institutes and named treaties have no members */
		if (entity_kind(run, e) != -1 ||
		    (size_t)(e - run->es->e) >= run->es->n)
			continue;
		if (last == NULL)
			last = e;
		if (m->start >= ss) {
			if (m->end < pos && list_gap(text, m->end, pos))
				continue;
			return e;
		}
		/* how often the document has named it so far: its latest
		 * mention before pos is met first */
		n = run->mcount[run->orgm[i - 1]];
		/* further back, only an organisation the document names
		 * more than once: the article's subject */
		if (back > CTX_PARAS && n < 2)
			continue;
		if (best == NULL)	/* the rest of its paragraph counts */
			bestback = back > CTX_PARAS ? back : CTX_PARAS;
		if (best == NULL || n > bestn) {
			best = e;
			bestn = n;
		}
	}
	return best != NULL || !named ? best : last;
}

/* --- chunks: anaphora, kinds, statuses, hedges ------------------------- */

#define PAIR_MAX	9	/* "the nine members" */
#define PAIR_PARAS	8	/* a list of that many is found this far back */

/*
 * The n states that "the n countries" names, before byte offset pos, the
 * earliest first into out: two are the last two different states named
 * in this source paragraph or the CTX_PARAS before it; more (or two
 * not found so) are the last list of exactly n different states named
 * in a row ("A, B and C") in this one or the PAIR_PARAS before it; 0 if
 * there are none.
 */
/*
 * The last country named before byte offset pos, in this source
 * paragraph or the FOCUS_PARAS before it, that has no COW state code
 * (a dependency or special territory: Hong Kong, Puerto Rico), or NULL.
 */
static const struct entity *
last_territory(const struct run *run, size_t pos)
{
	size_t i;

	for (i = run->nstatem; i > 0; i--) {
		const struct mention *m = &run->doc->ment[run->statem[i - 1]];
		const struct entity *e = rel_mention_entity(run, m);

		if (m->end > pos)
			continue;
		if (run->srcpara - run->srcord[m->para] > FOCUS_PARAS)
			break;
		if (e->cow_ccode == NULL || *e->cow_ccode == '\0')
			return e;
	}
	return NULL;
}

/*
 * The two states the document names most, each more than twice and
 * both more often than any other, into out[0..1]; 0 if there are not
 * two such.
 */
static int
top_states(const struct run *run, const struct entity *out[PAIR_MAX])
{
	const struct entity *e[3] = { NULL, NULL, NULL };
	size_t c[3] = { 0, 0, 0 }, i, k, j, n;

	for (i = 0; i < run->nstatem; i++) {
		const struct entity *x =
		    rel_mention_entity(run, &run->doc->ment[run->statem[i]]);

		if (x == e[0] || x == e[1] || x == e[2] ||
		    (k = rel_ent_slot(run, x, 0)) == SIZE_MAX)
			continue;
		n = run->ecount[k];
		for (j = 0; j < 3 && n <= c[j]; j++)
			;
		if (j == 3)
			continue;
		for (k = 2; k > j; k--) {
			e[k] = e[k - 1];
			c[k] = c[k - 1];
		}
		e[j] = x;
		c[j] = n;
	}
	if (e[1] == NULL || c[1] <= 2 || c[1] == c[2])
		return 0;
	out[0] = e[0];
	out[1] = e[1];
	return 1;
}

static int
last_states(const struct run *run, size_t pos, size_t n,
    const struct entity *out[PAIR_MAX])
{
	const char *text = run->doc->art->text;
	size_t i, k, got = 0, runlen = 0, runend = 0;
	const struct entity *rl[PAIR_MAX + 1];

	/* two: the last two named ("the two countries" after "A's talks
	 * with B"); three or more: a list */
	if (n == 2) {
		for (i = run->nstatem; i > 0 && got < n; i--) {
			const struct mention *m =
			    &run->doc->ment[run->statem[i - 1]];
			const struct entity *e = rel_mention_entity(run, m);

			if (m->end > pos)
				continue;
			if (run->srcpara - run->srcord[m->para] > CTX_PARAS)
				break;
			for (k = 0; k < got; k++)
				if (out[n - 1 - k] == e)
					break;
			if (k < got)
				continue;
			out[n - 1 - got] = e;	/* filled from the end */
			got++;
		}
		if (got == n)
			return 1;
		/* else the two states the document names most ("both
		 * new members" of an article about two accessions) */
		if (top_states(run, out))
			return 1;
	}
	/* a list of exactly n: runs of states named in a row, from the
	 * last one back */
	for (i = run->nstatem; i > 0; i--) {
		const struct mention *m = &run->doc->ment[run->statem[i - 1]];
		const struct entity *e = rel_mention_entity(run, m);
		int brk;

		if (m->end > pos)
			continue;
		if (run->srcpara - run->srcord[m->para] > PAIR_PARAS)
			break;
		if (runlen > 0 && !list_gap(text, m->end, runend)) {
			if (runlen == n)
				break;
			runlen = 0;
		}
		for (k = 0; k < runlen && k <= n; k++)
			if (rl[k] == e)
				break;
		brk = k < runlen;	/* a state twice: not one list */
		if (runlen <= n)
			rl[runlen] = e;
		runlen++;
		runend = m->start;
		if (brk)
			runlen = 0;
	}
	if (runlen == n) {
		for (k = 0; k < n; k++)
			out[k] = rl[n - 1 - k];
		return 1;
	}
	return 0;
}

static struct unit *
sent_splice(struct sent *S, size_t i, size_t end, size_t n)
{
	size_t j, s0 = S->u[i].start, e0 = S->u[end - 1].end;

	for (j = i; j < end && S->lowbuf == NULL; j++)
		free(S->u[j].low);
	S->u = xgrow(S->u, &S->cap, S->n - (end - i) + n, sizeof(*S->u));
	memmove(S->u + i + n, S->u + end, (S->n - end) * sizeof(*S->u));
	S->n = S->n - (end - i) + n;
	for (j = i; j < i + n; j++) {
		memset(&S->u[j], 0, sizeof(S->u[j]));
		S->u[j].start = s0;
		S->u[j].end = e0;
		S->u[j].num = -1;
		S->u[j].wid = -1;
	}
	return &S->u[i];
}

/*
 * Does unit i open a subordinate clause: is the word before it a
 * subordinator ("after", "when": class subordinator)?
 */
static int
subordinate_start(const struct relate *R, const struct sent *S, size_t i)
{
	return i > 0 && rel_special_len(R, S, SP_SUBORDINATOR, i - 1) == 1;
}

/* Is unit j the punctuation character p (UTF-8)? */
static int
punct_is(const struct sent *S, size_t j, const char *p)
{
	size_t n = strlen(p);

	return S->u[j].type == U_PUNCT && S->u[j].end - S->u[j].start == n &&
	    memcmp(S->text + S->u[j].start, p, n) == 0;
}

/*
 * The subject of S's main clause: its first state or organisation within
 * SUBJ_UNITS units and before unit i, not one right after a preposition
 * ("With A, B signed ...") nor one in brackets; a wire dateline ("CITY,
 * Jan 1 (Agency) - A signed ...") ends at a dash within DATELINE_UNITS,
 * after which the count starts again.  i when there is none.
 */
static size_t
sentence_subject(const struct relate *R, const struct sent *S, size_t i)
{
	size_t j, k, from = 0;
	int depth = 0;

	for (j = 0; j < i; j++) {
		if (j - from >= SUBJ_UNITS && j >= DATELINE_UNITS)
			break;
		if (punct_is(S, j, "(")) {
			depth++;
			continue;
		}
		if (punct_is(S, j, ")") && depth > 0) {
			depth--;
			continue;
		}
		if (depth == 0 && j < DATELINE_UNITS && (punct_is(S, j, "-") ||
		    punct_is(S, j, "\xE2\x80\x93") ||
		    punct_is(S, j, "\xE2\x80\x94"))) {
			from = j + 1;
			continue;
		}
		if (depth > 0 || j - from >= SUBJ_UNITS ||
		    S->u[j].type != U_ENT || S->u[j].adj ||
		    S->u[j].named || !rel_ent_fits(&S->u[j], ST_PARTY))
			continue;
		k = j;
		if (k > 0 && rel_special_len(R, S, SP_DETERMINER, k - 1) == 1)
			k--;
		if (k > 0 && rel_special_len(R, S, SP_PREPOSITION, k - 1) == 1)
			continue;
		return j;
	}
	return i;
}

/*
 * Is "it" at unit i a treaty (anaphor TREATY)?  It opens a clause (the
 * sentence, or after a punctuation mark, "and" or a subordinator), no
 * state or organisation stands before it in this sentence, and this
 * sentence opens with a named treaty ("The X Convention was adopted in
 * 2019 and it entered into force in 2021": *at is set to its unit,
 * else to S->n) or the
 * previous one's subject is a treaty (run->tsubj_on, see relate.c):
 * "The X was adopted in 2019.  It entered into force in 2021" (not "A
 * signed the X.  It ratified ...", nor "The X was adopted; A said it
 * ...").
 */
static int
treaty_it(const struct run *run, const struct sent *S, size_t i,
    size_t *at)
{
	const struct relate *R = run->R;
	size_t j;

	*at = S->n;
	if (i > 0 && S->u[i - 1].type != U_PUNCT &&
	    rel_special_len(R, S, SP_LIST_CONJ, i - 1) == 0 &&
	    !subordinate_start(R, S, i))
		return 0;
	for (j = 0; j < i; j++)
		if (S->u[j].type == U_ENT && rel_ent_fits(&S->u[j], ST_PARTY))
			return 0;
	for (j = 0; j < i && j < SUBJ_UNITS; j++)
		if (S->u[j].type == U_ENT && S->u[j].named) {
			if (j > 1 || (j == 1 &&
			    rel_special_len(R, S, SP_DETERMINER, 0) != 1))
				break;
			*at = j;
			return 1;
		}
	return run->tsubj_on && run->srcpara - run->tsubj_para <= SUBJ_PARAS;
}

/*
 * Bind anaphors: "the organization" becomes the organisation in focus;
 * "the two countries" becomes "A and B", the last two states named.
 */
void
rel_resolve_anaphora(const struct run *run, struct sent *S)
{
	const struct relate *R = run->R;
	struct mstate ms;
	size_t i, r, k, nrl;
	size_t *rl = S->rlist != NULL ? S->rlist :
	    xcalloc(R->nr + 1, sizeof(*rl));

	/* the rules the sentence may match, found again after a change */
	for (k = nrl = 0; k < R->nbytype[R_ANAPHOR]; k++)
		if (rel_rule_possible(R, S, (r = R->bytype[R_ANAPHOR][k])))
			rl[nrl++] = r;
	for (i = 0; i < S->n && nrl > 0; i++) {
		const struct entity *f, *pair[PAIR_MAX];
		struct unit *u;
		size_t end = 0, at;
		int what = AN_ORG;

		for (k = 0; k < nrl; k++) {
			r = rl[k];
			if (rel_pat_match(&ms, R, S, &R->r[r].pat, i) &&
			    ms.end > end) {
				end = ms.end;
				what = R->r[r].val;
			}
		}
		if (end == 0)
			continue;
		/* "it" is the treaty the previous sentence opens with, or
		 * else the subject it names */
		if (what == AN_TREATY && !treaty_it(run, S, i, &at))
			what = AN_SUBJ;
		if (what == AN_TREATY && (at < S->n || run->tsubj != NULL)) {
			/* the named treaty: a kind chunk */
			const struct entity *t = at < S->n ? S->u[at].ent :
			    run->tsubj;
			int kind = at < S->n ? S->u[at].kind :
			    run->tsubj_kind;

			u = sent_splice(S, i, end, 1);
			u->type = U_ENT;
			u->ent = t;
			u->named = 1;
			u->kind = kind;
			u->upper = 1;
		} else if (what == AN_TREATY) {
			/* a described one: its determiner and noun again
			 * ("the accord"), marked as a kind chunk below */
			u = sent_splice(S, i, end, 2);
			u[0].type = u[1].type = U_WORD;
			u[0].wid = run->tsubj_det;
			u[1].wid = run->tsubj_word;
			u[0].low = R->word[run->tsubj_det];
			u[1].low = R->word[run->tsubj_word];
			u[0].upper = 1;
			rel_sent_word(R, S, run->tsubj_det);
			rel_sent_word(R, S, run->tsubj_word);
			i++;
		} else if (what == AN_TERR) {
			/* "the territory": the last country named that is
			 * no state of the Correlates of War list */
			if ((f = last_territory(run, S->u[i].start)) == NULL)
				continue;
			u = sent_splice(S, i, end, 1);
			u->type = U_ENT;
			u->ent = f;
			u->upper = 1;
		} else if (what == AN_OWNER) {
			/* "its accession treaty": the party named last
			 * before it in the sentence, else the previous
			 * sentence's subject; only "its" is replaced (by
			 * the party and a possessive) */
			const struct entity *sj = run->subj;
			size_t j;
			int ps;

			for (j = i; j > 0; j--)
				if (S->u[j - 1].type == U_ENT &&
				    rel_ent_fits(&S->u[j - 1], ST_PARTY)) {
					sj = S->u[j - 1].ent;
					break;
				}
			if ((ps = rel_word_find(R, "'s")) < 0 || (j == 0 &&
			    (sj == NULL ||
			    run->srcpara - run->subj_para > SUBJ_PARAS)))
				continue;
			u = sent_splice(S, i, i + 1, 2);
			u[0].type = U_ENT;
			u[0].ent = sj;
			u[0].upper = 1;
			u[0].owner = 1;
			u[1].type = U_WORD;
			u[1].wid = ps;
			u[1].low = R->word[ps];
			rel_sent_word(R, S, ps);
			i++;
		} else if (what == AN_SUBJ || what == AN_OBJ) {
			/* SUBJ: only a clause's subject, at the start of
			 * the sentence or after a punctuation mark or
			 * "and"; OBJ: the object its rule says ("admit it
			 * as a member") */
			const struct entity *sj = run->subj;
			size_t j;
			int sub = 0, here = 0;

			if (what == AN_SUBJ && i > 0 &&
			    S->u[i - 1].type != U_PUNCT &&
			    rel_special_len(R, S, SP_LIST_CONJ, i - 1) == 0) {
				if (!subordinate_start(R, S, i))
					continue;
				sub = 1;
			}
			/* after a subordinator ("ten years after it
			 * joined"), the subject of this sentence's main
			 * clause, if it opens with one */
			if (sub && (j = sentence_subject(R, S, i)) < i) {
				sj = S->u[j].ent;
				here = 1;
			}
			/* a state named as an owner before it in the
			 * sentence comes first: "A's ties are intact: it
			 * remains ..." */
			for (j = i; j > 0; j--)
				if (S->u[j - 1].type == U_ENT &&
				    rel_ent_fits(&S->u[j - 1], ST_STATE) &&
				    rel_special_len(R, S, SP_POSSESSIVE,
				    j) > 0) {
					sj = S->u[j - 1].ent;
					break;
				}
			if (j == 0 && !here && (sj == NULL ||
			    run->srcpara - run->subj_para > SUBJ_PARAS))
				continue;
			u = sent_splice(S, i, end, 1);
			u->type = U_ENT;
			u->ent = sj;
			u->upper = 1;
		} else if (what == AN_ORG) {
			if ((f = rel_focus_org(run, S->start, S->u[i].start,
			    1)) == NULL)
				continue;
			u = sent_splice(S, i, end, 1);
			u->type = U_ENT;
			u->ent = f;
			u->upper = 1;
		} else {
			/* "the two countries", "the three governments":
			 * as many states as the number says (2 without) */
			size_t n = 2, j;

			for (j = i; j < end; j++)
				if (S->u[j].type == U_NUM && S->u[j].num >= 2 &&
				    S->u[j].num <= PAIR_MAX)
					n = (size_t)S->u[j].num;
			if (!last_states(run, S->u[i].start, n, pair))
				continue;
			u = sent_splice(S, i, end, 2 * n - 1);
			for (j = 0; j < 2 * n - 1; j++) {
				if (j % 2 == 0) {
					u[j].type = U_ENT;
					u[j].ent = pair[j / 2];
					u[j].upper = 1;
				} else {
					u[j].type = U_PUNCT;
					u[j].sep = 1;
				}
			}
			i += 2 * n - 2;
		}
		rel_sent_changed(S);
		for (k = nrl = 0; k < R->nbytype[R_ANAPHOR]; k++)
			if (rel_rule_possible(R, S,
			    (r = R->bytype[R_ANAPHOR][k])))
				rl[nrl++] = r;
	}
	if (rl != S->rlist)
		free(rl);
}

/* Mark the leftmost-longest chunks of the rules of type t. */
void
rel_annotate(const struct relate *R, struct sent *S, enum rtype t)
{
	struct mstate ms;
	size_t i, r, j, k, end, nposs = 0;
	unsigned char *poss = S->rflag != NULL ? S->rflag :
	    xcalloc(R->nr + 1, 1);
	int val, generic;

	/* only rules of type t are looked at below */
	for (k = 0; k < R->nbytype[t]; k++) {
		r = R->bytype[t][k];
		poss[r] = (unsigned char)rel_rule_possible(R, S, r);
		nposs += poss[r];
	}
	for (i = 0; i < S->n && nposs > 0; i++) {
		/* the rules that can start here, in rule order: those
		 * starting with this word, and those not starting with a
		 * word (first_ok() would turn down the others) */
		const size_t *a = R->anyr[t], *b = NULL;
		size_t na = R->nanyr[t], nb = 0, ia = 0, ib = 0;

		if (S->u[i].wid >= 0) {
			b = R->byw[t] + R->bywoff[t][S->u[i].wid];
			nb = R->bywoff[t][S->u[i].wid + 1] -
			    R->bywoff[t][S->u[i].wid];
		}
		end = 0;
		val = generic = 0;
		while (ia < na || ib < nb) {
			r = ib == nb || (ia < na && a[ia] < b[ib]) ? a[ia++] :
			    b[ib++];
			if (poss[r] &&
			    rel_pat_match(&ms, R, S, &R->r[r].pat, i) &&
			    ms.end > end) {
				end = ms.end;
				val = R->r[r].val;
				generic = R->r[r].generic;
			}
		}
		if (end <= i)
			continue;
		switch (t) {
		case R_KIND:
			S->u[i].kind_end = end;
			S->u[i].kind = val;
			S->u[i].kind_generic = generic;
			break;
		case R_STATUS:
			S->u[i].status_end = end;
			S->u[i].status = val;
			break;
		default:
			S->u[i].hedge_end = end;
			S->u[i].hedge = val;
			break;
		}
	}
	/* leftmost-longest: drop chunks that start inside an earlier one */
	for (i = 0; i < S->n; i++) {
		size_t *e = t == R_KIND ? &S->u[i].kind_end :
		    t == R_STATUS ? &S->u[i].status_end : &S->u[i].hedge_end;

		if (*e <= i)
			continue;
		for (j = i + 1; j < *e; j++) {
			if (t == R_KIND)
				S->u[j].kind_end = 0;
			else if (t == R_STATUS)
				S->u[j].status_end = 0;
			else
				S->u[j].hedge_end = 0;
		}
		i = *e - 1;
	}
	if (poss != S->rflag)
		free(poss);
	rel_sent_changed(S);
}
