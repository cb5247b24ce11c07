/*
 * datapackage: the Frictionless Data Package (v1, profile
 * tabular-data-package) descriptor of one release flavour, and the
 * description of a release that it and the codebook (codebook.h) are
 * written from, with the cursor over its source articles (dp_refs).  No
 * jansson type appears here.  Core API; release.c
 * and codebook.c include it.
 */
#ifndef SHEAF_DATAPACKAGE_H
#define SHEAF_DATAPACKAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct buf;
struct fs_out;
struct citation;
struct citation_ref;

/* One table as published in one flavour; borrowed strings. */
struct dp_table {
	const char	*name;		/* "documents" */
	const char	*path;		/* "csv/documents.csv", under data/ */
	const char	*schema_file;	/* its Table Schema on disk */
	uint64_t	 bytes;
	char		 sha256[65];
	long long	 rows;		/* -1 when unknown */
};

/* A release flavour as the descriptor and the codebook see it. */
struct dp_release {
	const struct citation	  *cff;
	const char		  *name;	/* "sheaf-corpus" */
	const char		  *version;	/* "1.0.0" */
	const char		  *date;	/* "2024-05-01" */
	const char		  *flavour;	/* "csv" or "json" */
	const struct dp_table	  *tables;
	size_t			   ntables;
	/*
	 * The source articles, nrefs of them: refs[], or when refs is
	 * NULL, the rows of the JSON documents table refs_path as the
	 * build's sink writes it (one a line), read one at a time by a
	 * dp_refs cursor so that memory does not grow with them.
	 */
	const struct citation_ref *refs;
	const char		  *refs_path;
	size_t			   nrefs;
	size_t			   nsources;	/* articles in source/ */
	/*
	 * Of them, those held as records of source/documents.jsonl (the
	 * rest are one file each).
	 */
	size_t			   nsources_jsonl;
	int			   omit_text;
};

/*
 * Write datapackage.json to f: name, title, description, version,
 * created (the release date at 00:00 UTC), licenses, keywords,
 * contributors, sources and one tabular-data-resource per table with
 * path, format, mediatype, encoding, bytes, hash and its schema inline.
 * Keys are sorted.  It is written a source at a time, so memory does
 * not grow with the articles; a write error is kept in f, for
 * fs_out_close() to report.  Returns 0, or -1 after a diagnostic (an
 * unreadable schema is a usage error), when f may hold part of it.
 */
int		datapackage_write(const struct dp_release *, struct fs_out *f);

/*
 * Append the Datasette metadata.json of the SQLite flavour to out: the
 * title with the version, description, licence and its URL, the DOI or
 * URL as source, and under databases.DB (the database file's name
 * without .sqlite) each table's title, description and column
 * descriptions (r->tables: name and schema_file are read).  Keys are
 * sorted.  Returns 0, or -1 after a diagnostic.
 */
int		datapackage_datasette(const struct dp_release *r,
		    const char *db, struct buf *out);

/*
 * A pass over the source articles of a dp_release, in order: open,
 * then next until NULL (each valid until the next call), then close.
 * Embedded by value; the fields are private.
 */
struct dp_refs {
	const struct dp_release	*r;
	size_t			 i;
	FILE			*fp;
	char			*line;
	size_t			 cap;
	int			 state;
	struct citation_ref	*cur;
	int			 bad;
};
void		dp_refs_open(struct dp_refs *, const struct dp_release *);
/* The next article, or NULL at the end; cursor is a struct dp_refs. */
const struct citation_ref *dp_refs_next(void *cursor);
/* 0, or -1 after a diagnostic when refs_path could not be read. */
int		dp_refs_close(struct dp_refs *);

/*
 * The rows of the JSON documents table at path into *n, when it is in
 * the shape the build's sink writes (one row a line), which dp_refs
 * reads: 0; 1 when it is not (load it with datapackage_json_refs); -1
 * after a diagnostic when it cannot be read.
 */
int		datapackage_json_count(const char *path, size_t *n);

/*
 * Rows of a JSON table (an array of objects) at path; -1 after a
 * diagnostic when it cannot be read.
 */
long long	datapackage_json_rows(const char *path);

/*
 * Read the source-article metadata from a JSON documents table (keys
 * title, authors, publisher, published, url, language); fills *refs
 * (owned by the caller along with its strings: free with
 * datapackage_refs_free).  Returns 0, or -1 after a diagnostic.
 */
int		datapackage_json_refs(const char *path,
		    struct citation_ref **refs, size_t *n);
void		datapackage_refs_free(struct citation_ref *, size_t);

#endif
