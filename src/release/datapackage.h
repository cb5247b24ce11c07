/*
 * datapackage: the Frictionless Data Package (v1, profile
 * tabular-data-package) descriptor of one release flavour, and the
 * description of a release that it and the codebook (codebook.h) are
 * written from.  No jansson type appears here.  Core API; release.c
 * and codebook.c include it.
 */
#ifndef SHEAF_DATAPACKAGE_H
#define SHEAF_DATAPACKAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct buf;
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
	const struct citation_ref *refs;	/* the source articles */
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
 * not grow with the articles; a write error stays in ferror(f), for
 * fs_close() to report.  Returns 0, or -1 after a diagnostic (an
 * unreadable schema is a usage error), when f may hold part of it.
 */
int		datapackage_write(const struct dp_release *, FILE *f);

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
