/*
 * encode: one document's rows in their written form -- CSV rows (no
 * header) and JSON Lines, table by table -- made on the worker thread
 * that extracted the document, so that the thread writing the output
 * in input order only copies bytes.  Core module, used by the build,
 * extract and dump commands.
 */
#ifndef SHEAF_ENCODE_H
#define SHEAF_ENCODE_H

#include <stddef.h>
#include <stdio.h>

#include "lib/buf.h"
#include "tables/emit.h"
#include "tables/jsonio.h"

struct document;

/*
 * Rows of one table in one format that did not stay in memory: pieces
 * of whole rows in an anonymous temporary file (tmpfile(3), $TMPDIR).
 */
struct spill {
	FILE		*fp;		/* NULL: nothing spilled */
	size_t		*len;		/* bytes of each piece, in order */
	size_t		*rows;		/* rows of each piece */
	size_t		 n, cap;
	size_t		 bytes;		/* all pieces */
	int		 err;		/* errno of a failed spill, or 0 */
};

struct encoded {
	/*
	 * The rows, in the spill's pieces first, then in the buffer: a
	 * buffer past ENCODE_SPILL bytes goes to the spill, so that a very
	 * long document does not hold all its encoded rows in memory.
	 * Read them with encode_each().
	 */
	struct buf	csv[T__MAX];	/* CSV rows as csvio_rows writes */
	struct buf	json[T__MAX];	/* one JSON object and \n a row */
	struct spill	csv_spill[T__MAX], json_spill[T__MAX];
	size_t		json_buf_rows[T__MAX];	/* rows in json[t] */
	size_t		nrows[T__MAX];
	/*
	 * The document's record for source/documents.jsonl
	 * (jsonio_source_record), or empty when its source is a file of
	 * its own; filled by the build's prepare hook.
	 */
	struct buf	source;
};

/*
 * The rows of d (every table but entities, emit_document_rows()), with
 * each column's JSON type from types[t] (NULL: no JSON rows for that
 * table, as `sheaf dump` wants).  Touches nothing shared, so
 * that many threads may encode at once.  Never NULL.
 */
struct encoded	*encode_document(const struct document *,
		    const struct emit_opts *,
		    const enum jcol *const types[T__MAX]);
void		 encode_free(struct encoded *);
/*
 * Hand the encoded rows of table t (CSV, or JSON with json set) to
 * put(arg, bytes, n, rows) in order, in pieces of whole rows.  Returns
 * 0, put's first non-zero result, or -1 after a diagnostic (a spill
 * that failed or cannot be read back).
 */
int		 encode_each(const struct encoded *, int t, int json,
		    int (*put)(void *, const char *, size_t, size_t),
		    void *arg);
/* Bytes of the CSV rows of table t (spilled and in memory). */
size_t		 encode_csv_bytes(const struct encoded *, int t);

#endif
