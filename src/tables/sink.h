/*
 * sink: streams the output tables into a payload directory as rows
 * arrive: DIR/csv/<table>.csv and DIR/json/<table>.json for each table,
 * and the source records of JSON Lines documents into
 * DIR/source/documents.jsonl, so that memory does not grow with the
 * number of documents.  Every file is hashed (SHA-256, SHA-512) as it
 * is written.  Core module, used by the build command.
 */
#ifndef SHEAF_SINK_H
#define SHEAF_SINK_H

#include "tables/emit.h"
#include "tables/jsonio.h"

/* Where the source records go, under DIR/source/. */
#define SINK_SOURCE_JSONL	"documents.jsonl"

struct sink;
struct table;

/*
 * Create the files and write the CSV headers; tables[] gives the
 * columns, types[t] each column's JSON type (borrowed until sink_free).
 * NULL after a diagnostic.
 */
struct sink	*sink_open(const char *dir, struct table *const tables[T__MAX],
		    const enum jcol *const types[T__MAX]);
/* Write the rows now in tables[] and clear them.  0 or -1 after diag. */
int		 sink_put(struct sink *, struct table *const tables[T__MAX]);
/*
 * Append already-encoded rows of table t (as written by csvio_rows and
 * one line of jsonio_lines for each of njson rows) -- what a partial
 * table set of `sheaf extract` holds.  0 or -1 after diag.
 */
int		 sink_put_raw(struct sink *, int t, const char *csv, size_t ncsv,
		    const char *json, size_t njson);
struct encoded;
/* Append one document's encoded rows (encode.h).  0 or -1 after diag. */
int		 sink_put_encoded(struct sink *, const struct encoded *);
/*
 * Append one document's source record (jsonio_source_record's bytes)
 * to DIR/source/documents.jsonl, made at the first.  0 or -1 after diag.
 */
int		 sink_put_source(struct sink *, const char *rec, size_t n);
/* Rows written to table t so far. */
size_t		 sink_nrows(const struct sink *, int t);
/* Close the JSON arrays, sync and close every file.  0 or -1. */
int		 sink_close(struct sink *);
struct digest_sum;
/*
 * After sink_close: the size and digests of table t's CSV (json 0) or
 * JSON file, computed from the bytes as they were written.
 */
const struct digest_sum *sink_sum(const struct sink *, int t, int json);
/* After sink_close: the same of documents.jsonl; NULL if none was made. */
const struct digest_sum *sink_source_sum(const struct sink *);
/* Free the sink (closing files without syncing if still open). */
void		 sink_free(struct sink *);

#endif
