/*
 * ner_acronym: acronym definitions (Schwartz & Hearst 2003), in pass 1
 * of ner_run().  "Long Form (SF)" and "SF (Long Form)", with the long
 * form restricted to a capitalised name, link SF and the long form to a
 * lexicon entity or create an organisation or law of the document; both
 * become document-local surfaces.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "extract/ner_int.h"
#include "lib/aho.h"
#include "lib/xalloc.h"
#include "tables/model.h"

#define SF_MIN		2	/* bytes of a short form */
#define SF_MAX		10
#define PAREN_MAX	160	/* bytes inside a definition's parentheses */

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

	if (ner_lpat_has(r, sf, LP_EXACT))
		return;		/* the first definition holds */
	lf = xstrndup(r->text + ls, le - ls);
	if ((i = ner_cand_ending(r, le, ls, ls, 1)) != SIZE_MAX)
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
		slug = ner_slug_of(sf);
		id = xasprintf("%s/%s", prefix, slug);
		free(slug);
		old = entity_set_find(r->es, id);
		if (lexicon_find(r->lex, id) != LEX_NONE || (old != NULL &&
		    old->name != NULL && !words_agree(r, a, b, old->name))) {
			free(id);
			slug = ner_slug_of(lf);
			id = xasprintf("%s/%s", prefix, slug);
			free(slug);
		}
		ent = ner_dent_get(r, id, lf, sf, type, ES_ACRONYM);
		free(id);
	}
	ner_lpat_add(r, sf, ent, kind, MF_ACRONYM, LP_EXACT, PR_DEFINED);
	ner_lpat_add(r, lf, ent, kind, MF_NAME, 0, PR_DEFINED);
	free(lf);
}

void
ner_find_definitions(struct run *r)
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
			if (!ner_lpat_has(r, sf, LP_EXACT)) {
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
