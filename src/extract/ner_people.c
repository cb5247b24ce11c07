/*
 * ner_people: people, in pass 1 of ner_run(): named after a title
 * ("President Xi Jinping", "its president, Azali Assoumani,"), before
 * "is a <position>" or ", a <position>" (author notes), before a
 * reporting verb, in a byline or among the document's authors.  Their
 * full names and surnames become document-local surfaces.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "extract/ner_int.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/model.h"

#define NAME_MAX_TOK	4	/* tokens of a person's name */
#define NEAR_POSITION	6	/* tokens from "is a" to the position */
#define BYLINE_MAX_TOK	16	/* tokens of a byline paragraph */

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

	if (ner_smap_get(&r->pmap, name) != UINT32_MAX) {
		free(name);
		free(surname);
		return;
	}
	r->per = xgrow(r->per, &r->capper, r->nper + 1, sizeof(*r->per));
	p = &r->per[r->nper++];
	p->name = name;
	p->ntok = ntok;
	p->surname = surname;
	ner_smap_put(&r->pmap, p->name, (uint32_t)(r->nper - 1));
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
		/* a surname that is also a month ("May") is no name alone */
		if (!tok_in(r, sj, WL_NONNAME))
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
		/* a surname that is also a month or a function word,
		 * right after a first name and before no number:
		 * "Prime Minister Theresa May said" */
		else if (n == 1 && b == j - 1 && r->t[j - 1].sp &&
		    (r->t[j].flags & T_CAP) &&
		    !(r->t[j].flags & (T_ALLCAP | T_DIGIT)) &&
		    tok_in(r, j, WL_NONNAME) && (j + 1 >= r->nt ||
		    !(r->t[j + 1].flags & T_DIGIT)) && (j + 1 >= r->nt ||
		    !r->t[j].sp || !namelike(r, j + 1))) {
			b = j;
			n++;
			break;
		}
		/* one or two particles before a name word ("von der") */
		else if (n > 0 && tok_in(r, j, WL_PARTICLE) &&
		    j + 2 < r->nt && r->t[j].sp &&
		    tok_in(r, j + 1, WL_PARTICLE) && namelike(r, j + 2)) {
			j++;
			continue;
		}
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
int
ner_titlecase_para(const struct run *r)
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

void
ner_find_people(struct run *r)
{
	size_t j, L, k, a, b;
	int plural;

	if (ner_titlecase_para(r))
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
void
ner_find_byline(struct run *r)
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
void
ner_author_people(struct run *r, const char *authors)
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
void
ner_people_to_surfaces(struct run *r)
{
	struct smap sur;	/* surname -> number of people */
	size_t i;
	char *slug, *id;
	uint32_t d, x;

	memset(&sur, 0, sizeof(sur));
	for (i = 0; i < r->nper; i++) {
		if (r->per[i].surname == NULL)
			continue;
		x = ner_smap_get(&sur, r->per[i].surname);
		if (x == UINT32_MAX)
			ner_smap_put(&sur, r->per[i].surname, 1);
		else
			ner_smap_put_count(&sur, r->per[i].surname);
	}
	for (i = 0; i < r->nper; i++) {
		struct person *p = &r->per[i];

		/* "President Xi" with "Xi Jinping" elsewhere. */
		if (p->ntok == 1 && ner_smap_get(&sur, p->name) != UINT32_MAX)
			continue;
		slug = ner_slug_of(p->name);
		id = xasprintf("person/%s", slug);
		d = ner_dent_get(r, id, p->name, NULL, ET_PERSON, ES_PATTERN);
		free(slug);
		free(id);
		ner_lpat_add(r, p->name, d, CK_DOC, MF_NAME, 0, PR_PERSON);
		/* A surname two people share names neither. */
		if (p->surname != NULL && ner_smap_get(&sur, p->surname) == 1)
			ner_lpat_add(r, p->surname, d, CK_DOC, MF_NAME, 0,
			    PR_PERSON);
	}
	ner_smap_release(&sur);
}
