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

#include "buf.h"
#include "emit.h"
#include "jsonio.h"

struct document;

struct encoded {
	struct buf	csv[T__MAX];	/* CSV rows as csvio_rows writes */
	struct buf	json[T__MAX];	/* one JSON object and \n a row */
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

#endif
