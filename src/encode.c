/* encode: a document's rows, encoded off the writing thread. */
#include <stdlib.h>

#include "csvio.h"
#include "encode.h"
#include "table.h"
#include "xalloc.h"

/* Rows encoded at a time: a long document's tables never hold more. */
#define ENCODE_WINDOW	1024

struct encoding {
	struct encoded		 *e;
	const enum jcol *const	 *types;
};

/* Encode the rows gathered so far and clear the tables. */
static void
encode_rows(void *arg, struct table *tables[T__MAX])
{
	struct encoding *x = arg;
	int t;

	for (t = 0; t < T__MAX; t++) {
		if (tables[t]->nrows == 0)
			continue;
		x->e->nrows[t] += tables[t]->nrows;
		csvio_rows_buf(tables[t], &x->e->csv[t]);
		if (x->types[t] != NULL)
			jsonio_rows_buf(tables[t], x->types[t], &x->e->json[t]);
		table_clear(tables[t]);
	}
}

struct encoded *
encode_document(const struct document *d, const struct emit_opts *eo,
    const enum jcol *const types[T__MAX])
{
	struct encoded *e = xcalloc(1, sizeof(*e));
	struct table *tables[T__MAX];
	struct encoding x = { e, types };
	int t;

	buf_init(&e->source);
	for (t = 0; t < T__MAX; t++) {
		buf_init(&e->csv[t]);
		buf_init(&e->json[t]);
	}
	emit_new_tables(tables);
	emit_document_rows_by(d, eo, tables, ENCODE_WINDOW, encode_rows, &x);
	encode_rows(&x, tables);
	for (t = 0; t < T__MAX; t++)
		table_free(tables[t]);
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
