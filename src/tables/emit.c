/* emit: the model as output tables. */
#include <stdlib.h>
#include <string.h>

#include "lib/digest.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/emit.h"
#include "tables/model.h"
#include "tables/table.h"

static const char *const documents_cols[] = {
	"document_id", "source_file", "source_sha256", "title", "subtitle",
	"authors", "publisher", "published", "url", "language", "char_count",
	"word_count", "paragraph_count", NULL
};
static const char *const paragraphs_cols[] = {
	"paragraph_id", "document_id", "ordinal", "role", "section", "text",
	"text_sha256", "char_start", "char_end", "word_count", NULL
};
static const char *const entities_cols[] = {
	"entity_id", "name", "type", "iso3", "cow_ccode", "acronym",
	"mention_count", "first_paragraph_id", "source", NULL
};
static const char *const mentions_cols[] = {
	"mention_id", "document_id", "paragraph_id", "entity_id",
	"char_start", "char_end", "surface", "form", NULL
};
static const char *const treaties_cols[] = {
	"treaty_id", "document_id", "kind", "status", "date",
	"date_precision", "certainty", "count", "paragraph_id", "evidence",
	NULL
};
static const char *const treaty_parties_cols[] = {
	"treaty_id", "entity_id", "role", "document_id", "status", "date",
	NULL
};
static const char *const memberships_cols[] = {
	"membership_id", "document_id", "organization_id", "member_id",
	"status", "start", "end", "certainty", "paragraph_id", "evidence",
	NULL
};

static const struct {
	const char		*name;
	const char *const	*cols;
} tables[T__MAX] = {
	{ "documents", documents_cols },
	{ "paragraphs", paragraphs_cols },
	{ "entities", entities_cols },
	{ "mentions", mentions_cols },
	{ "treaties", treaties_cols },
	{ "treaty_parties", treaty_parties_cols },
	{ "memberships", memberships_cols },
};

const char *
emit_table_name(enum emit_table t)
{
	return tables[t].name;
}

const char *const *
emit_columns(enum emit_table t)
{
	return tables[t].cols;
}

static char *
sha256_text(const char *s)
{
	char *hex = xmalloc(DIGEST_HEX_MAX);

	digest_buf(DIGEST_SHA256, s, strlen(s), hex);
	return hex;
}

/*
 * Code point offsets of byte offsets of the text, met in increasing
 * order (mentions are sorted and do not overlap): counting on from the
 * last one keeps a paragraph of many mentions linear, not quadratic.
 */
struct cpcursor {
	size_t	 off, cp;
};

static size_t
cp_at(const struct document *d, struct cpcursor *k, size_t off)
{
	if (off < k->off)	/* out of order: count from the start */
		k->off = k->cp = 0;
	k->cp += utf8_count(d->art->text + k->off, off - k->off);
	k->off = off;
	return k->cp;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static void
emit_document(const struct document *d, struct table *t)
{
	size_t r = table_add_row(t), c = 0;
	const struct meta *m = &d->art->meta;

	table_set(t, r, c++, d->id);
	table_set(t, r, c++, base_name(d->art->path));
	table_set(t, r, c++, d->art->sha256);
	table_set(t, r, c++, d->title);
	table_set(t, r, c++, d->subtitle);
	table_set(t, r, c++, d->authors);
	table_set(t, r, c++, m->publisher);
	table_set(t, r, c++, m->published);
	table_set(t, r, c++, m->url);
	table_set(t, r, c++, m->language != NULL ? m->language : "en");
	table_set_uint(t, r, c++, d->art->ncp);
	table_set_uint(t, r, c++, d->words);
	table_set_uint(t, r, c++, d->npara);
}

/* Where rows go: the tables, handed on every `window` rows of one. */
struct sinkw {
	struct table	**out;
	size_t		  window;
	void		(*flush)(void *, struct table *out[T__MAX]);
	void		 *arg;
};

static void
row_done(const struct sinkw *w, const struct table *t)
{
	if (w->flush != NULL && t->nrows >= w->window)
		w->flush(w->arg, w->out);
}

static void
emit_paragraphs(const struct document *d, const struct emit_opts *o,
    const struct sinkw *w)
{
	struct table *t = w->out[T_PARAGRAPHS];
	size_t i, r, c;

	for (i = 0; i < d->npara; i++) {
		const struct paragraph *p = &d->para[i];

		r = table_add_row(t);
		c = 0;
		table_set(t, r, c++, p->id);
		table_set(t, r, c++, d->id);
		table_set_uint(t, r, c++, p->ordinal);
		table_set(t, r, c++, role_name(p->role));
		table_set(t, r, c++, p->section);
		table_set(t, r, c++, o->omit_text ? NULL : p->text);
		table_take(t, r, c++, sha256_text(p->text));
		table_set_uint(t, r, c++, p->cstart);
		table_set_uint(t, r, c++, p->cend);
		table_set_uint(t, r, c++, p->words);
		row_done(w, t);
	}
}

static void
emit_mentions(const struct document *d, const struct emit_opts *o,
    const struct sinkw *w)
{
	struct table *t = w->out[T_MENTIONS];
	struct cpcursor k = { 0, 0 };
	size_t i, r, c, cs;

	for (i = 0; i < d->nment; i++) {
		const struct mention *m = &d->ment[i];
		const struct paragraph *p = &d->para[m->para];

		cs = cp_at(d, &k, m->start);
		r = table_add_row(t);
		c = 0;
		table_take(t, r, c++, xasprintf("%s@%zu", p->id,
		    cs - p->cstart));
		table_set(t, r, c++, d->id);
		table_set(t, r, c++, p->id);
		table_set(t, r, c++, m->entity_id);
		table_set_uint(t, r, c++, cs);
		table_set_uint(t, r, c++, cp_at(d, &k, m->end));
		table_take(t, r, c++, o->omit_text ? NULL :
		    xstrndup(d->art->text + m->start, m->end - m->start));
		table_set(t, r, c++, mform_name(m->form));
		row_done(w, t);
	}
}

static void
emit_relations(const struct document *d, const struct emit_opts *o,
    struct table *tt, struct table *tp, struct table *tm)
{
	size_t i, j, r, c;

	for (i = 0; i < d->ntreaty; i++) {
		const struct treaty *x = &d->treaty[i];

		r = table_add_row(tt);
		c = 0;
		table_set(tt, r, c++, x->id);
		table_set(tt, r, c++, d->id);
		table_set(tt, r, c++, x->kind);
		table_set(tt, r, c++, x->status);
		table_set(tt, r, c++, x->date);
		table_set(tt, r, c++, x->precision);
		table_set(tt, r, c++, x->certainty);
		if (x->count >= 0)
			table_set_uint(tt, r, c, (unsigned long long)x->count);
		c++;
		table_set(tt, r, c++, d->para[x->para].id);
		table_set(tt, r, c++, o->omit_text ? NULL : x->evidence);
		for (j = 0; j < x->nparty; j++) {
			size_t q = table_add_row(tp);

			table_set(tp, q, 0, x->id);
			table_set(tp, q, 1, x->party[j].entity_id);
			table_set(tp, q, 2, x->party[j].role);
			table_set(tp, q, 3, d->id);
			table_set(tp, q, 4, x->party[j].status);
			table_set(tp, q, 5, x->party[j].date);
		}
	}
	for (i = 0; i < d->nmemb; i++) {
		const struct membership *m = &d->memb[i];

		r = table_add_row(tm);
		c = 0;
		table_set(tm, r, c++, m->id);
		table_set(tm, r, c++, d->id);
		table_set(tm, r, c++, m->org_id);
		table_set(tm, r, c++, m->member_id);
		table_set(tm, r, c++, m->status);
		table_set(tm, r, c++, m->start);
		table_set(tm, r, c++, m->end);
		table_set(tm, r, c++, m->certainty);
		table_set(tm, r, c++, d->para[m->para].id);
		table_set(tm, r, c++, o->omit_text ? NULL : m->evidence);
	}
}

void
emit_entity_rows(const struct entity_set *es, struct table *t)
{
	size_t i, r, c;

	for (i = 0; i < es->n; i++) {
		const struct entity *e = &es->e[i];

		r = table_add_row(t);
		c = 0;
		table_set(t, r, c++, e->id);
		table_set(t, r, c++, e->name);
		table_set(t, r, c++, etype_name(e->type));
		table_set(t, r, c++, e->iso3);
		table_set(t, r, c++, e->cow_ccode);
		table_set(t, r, c++, e->acronym);
		table_set_uint(t, r, c++, e->mentions);
		table_set(t, r, c++, e->first_paragraph_id);
		table_set(t, r, c++, esource_name(e->source));
	}
	table_sort(t, 0);
}

void
emit_new_tables(struct table *out[T__MAX])
{
	int t;

	for (t = 0; t < T__MAX; t++)
		out[t] = table_new(tables[t].name, tables[t].cols);
}

void
emit_document_rows_by(const struct document *d, const struct emit_opts *o,
    struct table *out[T__MAX], size_t window,
    void (*flush)(void *, struct table *out[T__MAX]), void *arg)
{
	struct sinkw w = { out, window > 0 ? window : 1, flush, arg };

	emit_document(d, out[T_DOCUMENTS]);
	emit_paragraphs(d, o, &w);
	emit_mentions(d, o, &w);
	emit_relations(d, o, out[T_TREATIES], out[T_TREATY_PARTIES],
	    out[T_MEMBERSHIPS]);
}

void
emit_document_rows(const struct document *d, const struct emit_opts *o,
    struct table *out[T__MAX])
{
	emit_document_rows_by(d, o, out, 0, NULL, NULL);
}
