/*
 * citation: the dataset's CITATION.cff (Citation File Format 1.2.0),
 * read with libyaml and checked (type: dataset, the required keys, key
 * names the CFF schema knows, value types), and the stamped copy each
 * release carries: the same document with version, date-released and
 * one newspaper-article reference per source article.  The parsed
 * document is kept whole so keys sheaf does not use are re-emitted.
 * No libyaml type appears here.  Core API; anyone may include.
 */
#ifndef SHEAF_CITATION_H
#define SHEAF_CITATION_H

#include <stddef.h>

struct buf;
struct fs_out;
struct cff_node;	/* private to citation.c */

/* An author or contact: a person or an entity (organisation). */
struct citation_person {
	char	*name;		/* display name; owned */
	char	*orcid;		/* https://orcid.org/..., or NULL */
	char	*email;		/* NULL when absent */
	char	*website;	/* NULL when absent */
	int	 entity;	/* 1: an entity ('name'), 0: a person */
};

/* Largest CITATION.cff read. */
#define CITATION_MAX	(1UL << 20)

struct citation {
	char	 *path;		/* file read, for messages; owned */
	char	 *title;	/* the strings below are owned */
	char	 *message;
	char	 *abstract;
	char	 *version;	/* NULL when absent */
	char	 *doi;		/* NULL when absent */
	char	 *url;		/* NULL when absent */
	char	**licenses;	/* SPDX ids, NULL-terminated, at least one */
	size_t	  nlicenses;
	char	**keywords;	/* NULL-terminated; may be empty */
	size_t	  nkeywords;
	char	**authors;	/* display names, NULL-terminated: a person's
				   "given particle family suffix", an
				   entity's name */
	size_t	  nauthors;
	/* the authors again, with what identifies them and whether each
	 * is an entity (an organisation) or a person (parallel) */
	struct citation_person	*people;
	/* the first of 'contact', else the first author; owned */
	struct citation_person	*contact;
	struct cff_node *root;	/* the whole parsed document; owned */
};

/*
 * Read and check path into out.  Returns 0, or -1 after diagnostics
 * naming path:line for each problem (level DATA; SYS when unreadable).
 * out is left released on failure.
 */
int	citation_read(const char *path, struct citation *out);
void	citation_release(struct citation *);

/* A source article, for the references of the stamped file; borrowed. */
struct citation_ref {
	const char	*title;
	const char	*authors;	/* "; "-separated, NULL if unknown */
	const char	*publisher;	/* NULL if unknown */
	const char	*url;		/* NULL if unknown */
	const char	*published;	/* YYYY, YYYY-MM or YYYY-MM-DD, or NULL */
	const char	*language;	/* ISO 639 code, or NULL */
	const char	*id;		/* document id (source/ID.txt), or NULL */
};

/*
 * Append to out the stamped CITATION.cff: c's document with version and
 * date-released (YYYY-MM-DD) set and refs[] appended to references.
 * Returns 0, or -1 after a diagnostic.
 */
int	citation_stamp(const struct citation *c, const char *version,
	    const char *date, const struct citation_ref *refs, size_t nrefs,
	    struct buf *out);
/*
 * The same with the references one at a time: next(arg) gives each
 * (valid until the next call) and NULL after the last, so that memory
 * does not grow with them.
 */
int	citation_stamp_next(const struct citation *c, const char *version,
	    const char *date, const struct citation_ref *(*next)(void *),
	    void *arg, struct buf *out);
/*
 * The same again, written to out as it is made; a write error is kept
 * in out, for fs_out_close() to report.
 */
int	citation_stamp_file(const struct citation *c, const char *version,
	    const char *date, const struct citation_ref *(*next)(void *),
	    void *arg, struct fs_out *out);

#endif
