/* encode: a document's rows, encoded off the writing thread. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/diag.h"
#include "lib/xalloc.h"
#include "tables/csvio.h"
#include "tables/encode.h"
#include "tables/table.h"

/* Rows encoded at a time: a long document's tables never hold more. */
#define ENCODE_WINDOW	1024
/* Bytes of encoded rows of one table and format kept in memory. */
#define ENCODE_SPILL	((size_t)256 << 10)

/* Move b (whole rows, `rows` of them) to the end of the spill. */
static void
spill_put(struct spill *sp, struct buf *b, size_t rows)
{
	if (sp->err != 0)
		return;
	if (sp->fp == NULL && (sp->fp = tmpfile()) == NULL) {
		sp->err = errno != 0 ? errno : EIO;
		return;
	}
	if (fwrite(buf_str(b), 1, b->len, sp->fp) != b->len) {
		sp->err = errno != 0 ? errno : EIO;
		return;
	}
	sp->len = xgrow(sp->len, &sp->cap, sp->n + 1, sizeof(*sp->len));
	sp->rows = xrealloc(sp->rows, sp->cap * sizeof(*sp->rows));
	sp->len[sp->n] = b->len;
	sp->rows[sp->n++] = rows;
	sp->bytes += b->len;
	buf_reset(b);
}

static void
spill_release(struct spill *sp)
{
	if (sp->fp != NULL)
		fclose(sp->fp);
	free(sp->len);
	free(sp->rows);
}

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
		struct encoded *e = x->e;

		if (tables[t]->nrows == 0)
			continue;
		e->nrows[t] += tables[t]->nrows;
		csvio_rows_buf(tables[t], &e->csv[t]);
		if (x->types[t] != NULL) {
			jsonio_rows_buf(tables[t], x->types[t], &e->json[t]);
			e->json_buf_rows[t] += tables[t]->nrows;
		}
		table_clear(tables[t]);
		if (e->csv[t].len > ENCODE_SPILL)
			spill_put(&e->csv_spill[t], &e->csv[t], 0);
		if (e->json[t].len > ENCODE_SPILL) {
			spill_put(&e->json_spill[t], &e->json[t],
			    e->json_buf_rows[t]);
			if (e->json[t].len == 0)
				e->json_buf_rows[t] = 0;
		}
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
		spill_release(&e->csv_spill[t]);
		spill_release(&e->json_spill[t]);
	}
	free(e);
}

int
encode_each(const struct encoded *e, int t, int json,
    int (*put)(void *, const char *, size_t, size_t), void *arg)
{
	const struct spill *sp = json ? &e->json_spill[t] : &e->csv_spill[t];
	const struct buf *b = json ? &e->json[t] : &e->csv[t];
	struct buf piece;
	size_t i;
	int rc = 0;

	if (sp->err != 0) {
		diag_errno(sp->err, "$TMPDIR", "cannot keep the rows of a "
		    "long document in a temporary file");
		return -1;
	}
	if (sp->fp != NULL) {
		buf_init(&piece);
		if (fflush(sp->fp) != 0 || fseek(sp->fp, 0, SEEK_SET) != 0) {
			diag_errno(errno, "$TMPDIR", "cannot read back the "
			    "rows of a long document");
			rc = -1;
		}
		for (i = 0; i < sp->n && rc == 0; i++) {
			buf_reset(&piece);
			if (fread(buf_room(&piece, sp->len[i]), 1, sp->len[i],
			    sp->fp) != sp->len[i]) {
				diag_errno(errno != 0 ? errno : EIO, "$TMPDIR",
				    "cannot read back the rows of a long "
				    "document");
				rc = -1;
				break;
			}
			rc = put(arg, piece.s, sp->len[i], sp->rows[i]);
		}
		buf_release(&piece);
	}
	if (rc == 0 && b->len > 0)
		rc = put(arg, buf_str(b), b->len,
		    json ? e->json_buf_rows[t] : 0);
	return rc;
}

size_t
encode_csv_bytes(const struct encoded *e, int t)
{
	return e->csv_spill[t].bytes + e->csv[t].len;
}
