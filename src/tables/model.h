/*
 * model: the plain structs that flow forward through the pipeline.
 *
 *   article_read()  -> struct article        (article.h)
 *   segment_run()   -> document paragraphs   (segment.h)
 *   ner_run()       -> entities + mentions   (ner.h)
 *   relate_run()    -> treaties, memberships (relate.h)
 *   emit_tables()   -> struct table per output table (emit.h)
 *
 * Offsets: "byte" offsets index struct article.text (the decoded source:
 * BOM removed, CRLF/CR turned into LF); "cp" offsets count Unicode code
 * points of the same text and are what the tables publish.
 *
 * Ownership: a struct corpus owns its documents and its entity set; a
 * document owns its article, paragraphs, mentions and relations, and a
 * pool of strings that holds its paragraphs' ids and texts.  Entity
 * ids in mentions and relations are borrowed from the corpus entity set.
 * Anyone may include.
 */
#ifndef SHEAF_MODEL_H
#define SHEAF_MODEL_H

#include <stddef.h>
#include <stdint.h>

enum role {
	ROLE_TITLE,
	ROLE_SUBTITLE,
	ROLE_HEADING,
	ROLE_BODY,
	ROLE_CAPTION,
	ROLE_CREDIT,
	ROLE_AUTHOR_NOTE,
	ROLE_BOILERPLATE,
	ROLE__MAX
};

/* Metadata from a sidecar (.meta.json) or a JSONL record; NULL = unknown. */
struct meta {
	char	*id;		/* document id wanted by the caller */
	char	*title;
	char	*subtitle;
	char	*authors;	/* "; "-separated */
	char	*publisher;
	char	*published;	/* YYYY, YYYY-MM or YYYY-MM-DD */
	char	*url;
	char	*language;	/* BCP 47, e.g. "en" */
};

struct article {
	char	*path;		/* file name as given; "-" for stdin */
	char	*name;		/* display name for diagnostics */
	char	*raw;		/* verbatim bytes */
	size_t	 rawlen;
	char	*text;		/* decoded text, NUL-terminated; the same
				 * buffer as raw when decoding changed
				 * nothing (no BOM, no CR) */
	size_t	 len;		/* bytes in text */
	size_t	 ncp;		/* code points in text */
	char	 sha256[65];	/* hex SHA-256 of raw */
	size_t	 ordinal;	/* position in the input, from 0 */
	int	 jsonl;		/* a JSON Lines record, not a file */
	struct meta meta;
};

/*
 * Offsets and counts inside one article are 32-bit: an article holds at
 * most ARTICLE_MAX (extract/article.h, 64 MiB) bytes.  A long document
 * has hundreds of thousands of paragraphs and mentions, each of these
 * structs.
 */
struct paragraph {
	uint32_t start, end;	/* byte offsets into article.text */
	uint32_t cstart, cend;	/* code point offsets, end exclusive */
	uint32_t ordinal;	/* 1-based */
	uint32_t words;
	enum role role;
	uint8_t	 item;		/* 1: a list item (a bullet mark is left
				 * out of its text and offsets) */
	/* the strings live in the document's pool (document_strdup) */
	char	*id;
	char	*text;		/* normalised text */
	char	*section;	/* heading in force (its paragraph's text),
				 * NULL before the first */
};

enum etype {
	ET_COUNTRY, ET_REGION, ET_CITY, ET_ORGANIZATION, ET_PERSON,
	ET_GROUP, ET_EVENT, ET_LAW, ET_OTHER, ET__MAX
};

enum esource { ES_LEXICON, ES_ACRONYM, ES_PATTERN, ES__MAX };

enum mform { MF_NAME, MF_ACRONYM, MF_ADJECTIVE, MF_METONYM, MF__MAX };

struct entity {
	char	*id;		/* e.g. "country/CHN", "org/sco" */
	char	*name;		/* canonical name */
	enum etype type;
	char	*iso3;		/* countries only, else NULL */
	char	*cow_ccode;	/* countries only, else NULL */
	char	*acronym;	/* NULL if none */
	enum esource source;
	size_t	 mentions;	/* corpus-wide count */
	char	*first_paragraph_id; /* owned copy */
	size_t	 first_ordinal;	/* input position of the first document */
};

struct mention {
	uint32_t para;		/* index into document.para */
	uint32_t start, end;	/* byte offsets into article.text */
	enum mform form;
	const char *entity_id;	/* borrowed from the entity set */
};

/*
 * A party to a treaty.  status and date are the party's own when they
 * differ from the treaty's (the party withdrew from or suspended a
 * treaty that stays in force for the others); NULL where the treaty's
 * status and date hold for it too.
 */
struct party {
	const char *entity_id;	/* borrowed */
	char	*role;		/* "party", ... */
	char	*status;	/* a treaty status, or NULL */
	char	*date;		/* "", YYYY, YYYY-MM or YYYY-MM-DD, or NULL */
};

struct treaty {
	char	*id;
	char	*kind;		/* vocabulary from the relation rules */
	char	*status;	/* schemas/treaties.json: status */
	char	*date;		/* "", YYYY, YYYY-MM or YYYY-MM-DD */
	char	*precision;	/* "year", "month", "day" or NULL */
	char	*certainty;	/* certain, probable, possible */
	long	 count;		/* aggregates only; -1 otherwise */
	size_t	 para;
	char	*evidence;	/* the sentence */
	struct party *party;
	size_t	 nparty;
};

struct membership {
	char	*id;
	const char *org_id;	/* borrowed */
	const char *member_id;	/* borrowed */
	char	*status;	/* schemas/memberships.json: status */
	char	*start;		/* partial date or NULL */
	char	*end;
	char	*certainty;
	size_t	 para;
	char	*evidence;
};

struct strchunk;

struct document {
	char	*id;
	size_t	 ordinal;	/* position in the input, from 0 */
	struct article *art;	/* owned */
	struct paragraph *para;
	size_t	 npara;
	char	*title;		/* borrowed from para[] or meta; may be NULL */
	char	*subtitle;
	char	*authors;	/* owned, "; "-separated, NULL if unknown */
	size_t	 words;
	struct mention *ment;
	size_t	 nment;
	struct treaty *treaty;
	size_t	 ntreaty;
	struct membership *memb;
	size_t	 nmemb;
	struct strchunk *strs;	/* owned: the pool (document_strdup) */
};

struct entity_set {
	struct entity *e;	/* owned */
	size_t	 n, cap;
	void	*index;		/* private to ner.c */
};

struct corpus {
	struct document **doc;	/* owned */
	size_t	 ndoc, cap;
	struct entity_set ents;
};

const char	*role_name(enum role);
const char	*etype_name(enum etype);
const char	*esource_name(enum esource);
const char	*mform_name(enum mform);

void	meta_release(struct meta *);
void	article_free(struct article *);
void	document_free(struct document *);
/*
 * A copy of s[0..n) (NUL added) in d's string pool, freed with d: the
 * strings of a document's paragraphs (ids, texts) are packed in a few
 * large blocks, not an allocation each.
 */
char	*document_strndup(struct document *d, const char *s, size_t n);
/* The same for a NUL-terminated s. */
char	*document_strdup(struct document *d, const char *s);
/*
 * Append a party to t: id is borrowed (the entity set's), role, status
 * and date are copied; status and date may be NULL (the treaty's hold).
 * Returns the new party.
 */
/* Free what t owns (not t itself). */
void		 treaty_release(struct treaty *t);
struct party	*treaty_add_party(struct treaty *t, const char *id,
		    const char *role, const char *status, const char *date);
void	entity_set_release(struct entity_set *);
/* Find an entity by id; NULL if absent. */
struct entity *entity_set_find(const struct entity_set *, const char *id);
/* Find or add an entity by id; on add, the rest is zeroed (caller fills). */
struct entity *entity_set_intern(struct entity_set *, const char *id,
		    int *added);
/*
 * Add src's entities to dst: counts are summed; an entity's attributes
 * and first paragraph come from the document earliest in the input, so
 * the result does not depend on the order of merging.  src entities
 * carry their first_ordinal.
 */
void	entity_set_merge(struct entity_set *dst, const struct entity_set *src);
/* Set every entity's first_ordinal (a document's entities). */
void	entity_set_stamp(struct entity_set *, size_t ordinal);
void	corpus_init(struct corpus *);
void	corpus_release(struct corpus *);

#endif
