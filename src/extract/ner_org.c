/*
 * ner_org: organisation names by head word, in passes 2 and 3 of
 * ner_run(): capitalised names headed by an organisation or treaty word
 * ("Istanbul Process"), unknown names described by one in apposition
 * ("Nordlink, a regional forum") and unknown places after "in" (cities),
 * outside title-case paragraphs.
 */
#include <stdint.h>
#include <stdlib.h>

#include "extract/lexicon.h"
#include "extract/ner_int.h"
#include "lib/xalloc.h"
#include "tables/model.h"

/* A rule's organisation or law name text[s..e): entity and surfaces. */
static void
org_found(struct run *r, size_t s, size_t e, int law)
{
	char *name = xstrndup(r->text + s, e - s);
	char *slug = ner_slug_of(name);
	char *id = xasprintf("%s/%s", law ? "law" : "org", slug);
	uint32_t d = ner_dent_get(r, id, name, NULL,
	    law ? ET_LAW : ET_ORGANIZATION, ES_PATTERN);

	ner_cand_add(r, s, e, d, CK_DOC, MF_NAME, PR_PATTERN);
	ner_lpat_add(r, name, d, CK_DOC, MF_NAME, 0, PR_PATTERN);
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
		slug = ner_slug_of(name);
		id = xasprintf("city/%s", slug);
		d = ner_dent_get(r, id, name, NULL, ET_CITY, ES_PATTERN);
		ner_cand_add(r, r->t[a].s, r->t[b].e, d, CK_DOC, MF_NAME,
		    PR_PATTERN);
		ner_lpat_add(r, name, d, CK_DOC, MF_NAME, 0, PR_PATTERN);
		free(name);
		free(slug);
		free(id);
		j = b;
	}
}

void
ner_find_orgs(struct run *r)
{
	size_t j, a, b, h, k, c, q;
	int prep;

	if (ner_titlecase_para(r))
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
		if ((c = ner_cand_ending(r, r->t[k].e, r->t[a].s, r->t[h].s,
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
