/* encode: a document's rows, encoded off the writing thread. */
#include <stdlib.h>

#include "csvio.h"
#include "encode.h"
#include "table.h"
#include "xalloc.h"

struct encoded *
encode_document(const struct document *d, const struct emit_opts *eo,
    const enum jcol *const types[T__MAX])
{
	struct encoded *e = xcalloc(1, sizeof(*e));
	struct table *tables[T__MAX];
	int t;

	buf_init(&e->source);
	emit_new_tables(tables);
	emit_document_rows(d, eo, tables);
	for (t = 0; t < T__MAX; t++) {
		buf_init(&e->csv[t]);
		buf_init(&e->json[t]);
		e->nrows[t] = tables[t]->nrows;
		csvio_rows_buf(tables[t], &e->csv[t]);
		if (types[t] != NULL)
			jsonio_rows_buf(tables[t], types[t], &e->json[t]);
		table_free(tables[t]);
	}
	return e;
}

void
encode_free(struct encoded *e)
{
	int t;

	if (e == NULL)
		return;
	buf_release(&e->source);
	for (t = 0; t < T__MAX; t++) {
		buf_release(&e->csv[t]);
		buf_release(&e->json[t]);
	}
	free(e);
}
