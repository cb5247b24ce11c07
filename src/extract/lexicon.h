/*
 * lexicon: loads the entity lexicon and the rule word lists (formats in
 * data/lexicon/README.md) into one read-only struct lexicon, with one
 * Aho-Corasick automaton over the folded form of every surface; and
 * folds text the same way, keeping the map from folded bytes back to
 * source bytes.  Matching a surface at a place checks token boundaries,
 * the case the surface asks for, plurals and the possessive.
 * Used by ner.c and its tests.  Needs model.h for the enums.
 */
#ifndef SHEAF_LEXICON_H
#define SHEAF_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "tables/model.h"

#define LEX_NONE	UINT32_MAX	/* no entity */
#define LEX_BLOCK	(UINT32_MAX - 1) /* a blocked surface: no mention */

/* Pattern flags. */
#define LP_EXACT	0x01u	/* case-sensitive (acronyms) */
#define LP_PLURAL	0x02u	/* may take a plural "s" */
#define LP_CAPITAL	0x04u	/* a capital: metonym by context */

struct lex_entity {
	char		*id;
	char		*name;
	char		*iso3;		/* countries, else NULL */
	char		*cow;		/* COW ccode, else NULL */
	char		*acronym;	/* first acronym, or NULL */
	enum etype	 type;
	uint32_t	 country;	/* cities: country, or LEX_NONE */
};

/* One surface that names an entity. */
struct lex_pat {
	char		*surface;	/* as written, context removed */
	size_t		 ctx;		/* folded bytes of context before */
	size_t		 rctx;		/* folded bytes of context after */
	uint64_t	 capmask;	/* word k must start upper case */
	uint32_t	 ent;		/* entity index, LEX_BLOCK */
	enum mform	 form;
	unsigned	 flags;
};

/* Folded text: NFKD, case-folded, marks dropped, spaces collapsed. */
struct fold {
	char		*s;		/* NUL-terminated */
	size_t		 len;
	size_t		*from;		/* source offset of folded byte i */
	size_t		*to;		/* end of the source of folded byte i */
	size_t		 cap;		/* bytes allocated */
};

/* The rule word lists (one file each; see README.md). */
enum lex_list {
	WL_ORGHEAD,	/* head nouns of organisation names */
	WL_TITLE,	/* person titles, up to WL_TITLE_MAX words */
	WL_POSITION,	/* positions in author notes */
	WL_NONNAME,	/* capitalised words that are never names */
	WL_PARTICLE,	/* lower-case particles inside person names */
	WL_CONNECTOR,	/* lower-case words inside organisation names */
	WL_FAMILYFIRST,	/* family names written first (Xi Jinping) */
	WL_LOCATIVE,	/* prepositions of place before a city */
	WL_VERB,	/* reporting verbs after a person's name */
	WL_LAWHEAD,	/* head nouns of treaty and law names */
	WL__MAX
};
#define WL_TITLE_MAX	4

struct wordset;
struct wordidx;

struct lexicon {
	struct lex_entity *ent;
	size_t		 nent;
	struct lex_pat	*pat;
	size_t		 npat;
	struct aho	*ac;		/* keys: folded surfaces; value: pat */
	struct wordset	*wl[WL__MAX];
	struct wordidx	*wx;		/* the lists' words, hashed */
	uint32_t	*byid;		/* entity indices sorted by id */
	size_t		 nbyid;
};

/*
 * Load every lexicon file of lexdir and countries.tsv of genlexdir.
 * Returns an owned lexicon, or NULL after a diagnostic naming file and
 * line (unreadable file, bad line, a surface naming two entities).
 */
struct lexicon	*lexicon_load(const char *lexdir, const char *genlexdir);
void		 lexicon_free(struct lexicon *);
/* Index of the entity with this id, or LEX_NONE. */
uint32_t	 lexicon_find(const struct lexicon *, const char *id);
/* 1 if s[0..n) is in the list (ASCII case ignored). */
int		 lexicon_has(const struct lexicon *, enum lex_list,
		    const char *s, size_t n);
/*
 * The lists that hold s[0..n) (ASCII case ignored) as bits 1 << enum
 * wordlist; if first is not NULL, *first is set to the lists with an
 * entry whose first word is s[0..n) ("foreign" of "foreign minister").
 */
unsigned	 lexicon_lists(const struct lexicon *, const char *s, size_t n,
		    unsigned *first);

/*
 * Fold src[0..n) into f; offsets in f->from/to are src offsets plus
 * base.  fold_release() frees what fold_text() allocated.
 */
void	fold_text(struct fold *f, const char *src, size_t n, size_t base);
/* fold_text() again into f (zeroed or from fold_text()), reusing its
 * memory. */
void	fold_text_again(struct fold *f, const char *src, size_t n,
	    size_t base);
void	fold_release(struct fold *);
/* The folded form of a NUL-terminated string; owned by the caller. */
char	*fold_key(const char *s);
/* Bit k set when word k of s (space-separated) starts upper case. */
uint64_t fold_capmask(const char *s);

/*
 * Check an occurrence f->s[fs..fe) of pattern p's key in folded text
 * whose source is text: token boundaries on both sides (a plural "s"
 * after it when p allows one), the case p asks for, and for LP_EXACT
 * the exact source spelling.  On success returns 1 and sets *s and *e
 * to the source byte span of the mention (context left out; a
 * possessive "'s" is never part of it).
 */
int	lexpat_accept(const struct lex_pat *p, const char *text,
	    const struct fold *f, size_t fs, size_t fe, size_t *s, size_t *e);

#endif
