/*
 * ner_int: what the files of the ner module share.  Only extract/ner.c,
 * ner_acronym.c, ner_people.c and ner_org.c include it; every other file
 * uses ner.h, the module's API.
 *
 *   ner.c          the run: tokens, lexicon matches, the document-local
 *                  entities and surfaces, resolution, and ner_run() with
 *                  its three passes
 *   ner_acronym.c  acronym definitions (Schwartz & Hearst 2003), pass 1
 *   ner_people.c   people, pass 1
 *   ner_org.c      organisation names by head word, places after "in",
 *                  passes 2 and 3
 *
 * Functions one of them gives the others are prefixed ner_.
 */
#ifndef SHEAF_NER_INT_H
#define SHEAF_NER_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "extract/lexicon.h"
#include "tables/model.h"

struct aho;

/* Candidate kinds and priorities (higher wins for one span). */
enum ckind { CK_LEX, CK_DOC };
enum prio { PR_PATTERN = 1, PR_PERSON, PR_LEXICON, PR_DEFINED };

struct cand {
	size_t		 s, e;
	uint32_t	 ent;
	unsigned char	 kind, form, prio;
	unsigned char	 capital;	/* a capital: metonym decided later */
	uint32_t	 amb;		/* lex_pat amb: entity decided later */
};

/*
 * A lexicon candidate as a kept paragraph holds it for the later
 * passes: a cand in 20 bytes, not 32 (an article's byte offsets fit in
 * 32 bits).
 */
struct lcand {
	uint32_t	 s, e;
	uint32_t	 ent;
	uint32_t	 amb;
	unsigned char	 kind, form, prio, capital;
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
	struct lcand	*lc;		/* owned: its lexicon candidates */
	size_t		 nlc;
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
	struct kept	*kept;		/* by paragraph, the first nkeptp */
	size_t		 nkeptp, capkept;
	size_t		 nkept;		/* bytes of memory kept */
	int		 keepstop;	/* a paragraph did not fit: keep no more */
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
	/* ambiguous short names: decided after pass 3 */
	unsigned char	*named;		/* lexicon entity -> 1: named in full */
	size_t		*amb;		/* pairs: mention index, lex_pat amb */
	size_t		 namb, capamb;
};

/* --- tokens ---------------------------------------------------------- */

/* Inline: every rule calls these in its inner loops. */

static inline int
tok_eq(const struct run *r, size_t j, const char *w)
{
	size_t n = strlen(w);

	return r->t[j].e - r->t[j].s == n &&
	    memcmp(r->text + r->t[j].s, w, n) == 0;
}

/* The word lists that hold token j, looked up once per token. */
static inline struct tok *
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

static inline int
tok_in(const struct run *r, size_t j, enum lex_list l)
{
	return (tok_lists(r, j)->wl >> l & 1) != 0;
}

/* --- ner.c ----------------------------------------------------------- */

uint32_t	 ner_smap_get(const struct smap *m, const char *k);
void		 ner_smap_put(struct smap *m, const char *k, uint32_t v);
void		 ner_smap_put_count(struct smap *m, const char *k);
void		 ner_smap_release(struct smap *m);
char		*ner_slug_of(const char *name);
struct cand	*ner_cand_add(struct run *r, size_t s, size_t e, uint32_t ent,
		    int kind, int form, int prio);
size_t		 ner_cand_ending(const struct run *r, size_t e, size_t s0,
		    size_t s1, int lexonly);
uint32_t	 ner_dent_get(struct run *r, const char *id, const char *name,
		    const char *acronym, enum etype type, enum esource src);
int		 ner_lpat_has(const struct run *r, const char *surface,
		    unsigned exact);
void		 ner_lpat_add(struct run *r, const char *surface, uint32_t ent,
		    int kind, enum mform form, unsigned flags, int prio);

/* --- ner_acronym.c --------------------------------------------------- */

/*
 * Pass 1: the acronyms the current paragraph defines, "Long Form (SF)"
 * and "SF (Long Form)", linked to an entity, with SF and the long form
 * as local surfaces.
 */
void		 ner_find_definitions(struct run *r);

/* --- ner_people.c ---------------------------------------------------- */

int		 ner_titlecase_para(const struct run *r);
/* Pass 1: the people the current paragraph names, into r->per. */
void		 ner_find_people(struct run *r);
void		 ner_find_byline(struct run *r);
void		 ner_author_people(struct run *r, const char *authors);
void		 ner_people_to_surfaces(struct run *r);

/* --- ner_org.c ------------------------------------------------------- */

/*
 * Passes 2 and 3: the names headed by an organisation or treaty word,
 * the organisations named in apposition and the places after "in" in
 * the current paragraph (none in a title-case one), as candidates and
 * local surfaces.
 */
void		 ner_find_orgs(struct run *r);

#endif
