/*
 * report: a diff in words -- the names of bumps and kinds, each change
 * as text -- and printed as text or JSON (see diff.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diff/diff.h"
#include "diff/diff_int.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/utf8.h"

/* --- names ---------------------------------------------------------------- */

const char *
diff_bump_name(enum diff_bump b)
{
	static const char *const n[] = { "none", "patch", "minor", "major" };

	return (unsigned)b < 4 ? n[b] : "?";
}

const char *
diff_kind_name(enum diff_kind k)
{
	static const char *const n[] = {
		"metadata", "table_added", "table_removed", "field_added",
		"field_removed", "field_retyped", "field_format",
		"fields_reordered", "constraint_tightened",
		"constraint_loosened", "constraint_changed", "missing_values",
		"primary_key", "foreign_key_added", "foreign_key_removed",
		"field_doc"
	};

	return (unsigned)k <= DK_FIELD_DOC ? n[k] : "?";
}

void
diff_item_text(const struct diff_item *it, struct buf *b)
{
	const char *t = it->table, *f = it->field;

	switch (it->kind) {
	case DK_META:
		buf_printf(b, "metadata '%s' changed", it->what);
		break;
	case DK_TABLE_ADDED:
		buf_printf(b, "table '%s' added", t);
		break;
	case DK_TABLE_REMOVED:
		buf_printf(b, "table '%s' removed", t);
		break;
	case DK_FIELD_ADDED:
		buf_printf(b, "field '%s' added to %s", f, t);
		break;
	case DK_FIELD_REMOVED:
		buf_printf(b, "field '%s' removed from %s", f, t);
		break;
	case DK_FIELD_RETYPED:
		buf_printf(b, "field '%s' of %s retyped", f, t);
		break;
	case DK_FIELD_FORMAT:
		buf_printf(b, "format of field '%s' of %s changed", f, t);
		break;
	case DK_FIELDS_REORDERED:
		buf_printf(b, "fields of %s reordered", t);
		break;
	case DK_TIGHTENED:
	case DK_LOOSENED:
	case DK_CONSTRAINT:
		buf_printf(b, "constraint '%s' of field '%s' of %s %s",
		    it->what, f, t, it->kind == DK_TIGHTENED ? "tightened" :
		    it->kind == DK_LOOSENED ? "loosened" : "changed");
		break;
	case DK_MISSING:
		buf_printf(b, "missing values of %s changed", t);
		break;
	case DK_PKEY:
		buf_printf(b, "primary key of %s changed", t);
		break;
	case DK_FKEY_ADDED:
		buf_printf(b, "foreign key of %s added", t);
		break;
	case DK_FKEY_REMOVED:
		buf_printf(b, "foreign key of %s removed", t);
		break;
	case DK_FIELD_DOC:
		buf_printf(b, "%s of field '%s' of %s changed", it->what, f, t);
		break;
	}
}

/* A Markdown code span holding s. */
void
diff_md_code(struct buf *b, const char *s)
{
	if (strchr(s, '`') == NULL)
		buf_printf(b, "`%s`", s);
	else
		buf_printf(b, "`` %s ``", s);
}

static void
detail_value(struct buf *b, const char *v, int quote, int md)
{
	struct buf t;

	buf_init(&t);
	if (v == NULL)
		buf_adds(&t, "(none)");
	else if (quote)
		diff_json_string(&t, v, strlen(v));
	else
		buf_adds(&t, v);
	if (md)
		diff_md_code(b, buf_str(&t));
	else
		buf_adds(b, buf_str(&t));
	buf_release(&t);
}

void
diff_item_detail(const struct diff_item *it, int md, struct buf *b)
{
	int quote = it->kind == DK_META || it->kind == DK_FIELD_DOC;

	switch (it->kind) {
	case DK_TABLE_ADDED:
	case DK_TABLE_REMOVED:
		buf_printf(b, " (%s rows)", it->new != NULL ? it->new :
		    it->old != NULL ? it->old : "?");
		return;
	case DK_FIELD_ADDED:
	case DK_FIELD_REMOVED:
		buf_adds(b, " (");
		detail_value(b, it->new != NULL ? it->new : it->old, 0, md);
		buf_addc(b, ')');
		return;
	case DK_FKEY_ADDED:
	case DK_FKEY_REMOVED:
		buf_adds(b, ": ");
		detail_value(b, it->new != NULL ? it->new : it->old, 0, md);
		return;
	default:
		break;
	}
	buf_adds(b, ": ");
	detail_value(b, it->old, quote, md);
	buf_adds(b, " -> ");
	detail_value(b, it->new, quote, md);
}

/* --- writing -------------------------------------------------------------- */

void
diff_json_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, k;

	buf_addc(b, '"');
	for (i = 0; i < n; i += k) {
		k = 1;
		switch (p[i]) {
		case '"':
			buf_adds(b, "\\\"");
			continue;
		case '\\':
			buf_adds(b, "\\\\");
			continue;
		case '\n':
			buf_adds(b, "\\n");
			continue;
		case '\r':
			buf_adds(b, "\\r");
			continue;
		case '\t':
			buf_adds(b, "\\t");
			continue;
		default:
			break;
		}
		if (p[i] < 0x20)
			buf_printf(b, "\\u%04x", p[i]);
		else if (p[i] < 0x80)
			buf_addc(b, p[i]);
		else if (utf8_get(s, n, i, &k) < 0)
			buf_adds(b, "\\ufffd");	/* k is 1 */
		else
			buf_add(b, p + i, k);
	}
	buf_addc(b, '"');
}

/* A value as JSON: a string, or null when missing. */
void
diff_json_value(struct buf *b, const char *s, size_t n)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		diff_json_string(b, s, n);
}

static void
json_str(struct buf *b, const char *s)
{
	diff_json_value(b, s, s != NULL ? strlen(s) : 0);
}

static int
flush(struct buf *b, FILE *fp)
{
	int ok = b->len == 0 || fwrite(b->s, 1, b->len, fp) == b->len;

	buf_reset(b);
	if (!ok) {
		diag_errno(errno, NULL, "write error");
		return -1;
	}
	return 0;
}

static void
text_side(struct buf *b, const char *mark, const struct diff_side *s)
{
	buf_printf(b, "%s %s (%s %s)\n", mark, s->label,
	    s->name != NULL ? s->name : "?",
	    s->version != NULL ? s->version : "?");
}

static void
text_item(struct buf *b, const struct diff_item *it)
{
	diff_item_text(it, b);
	diff_item_detail(it, 0, b);
	buf_printf(b, " [%s]\n", diff_bump_name(it->bump));
}

static void
text_key(struct buf *b, const struct diff_rowview *v)
{
	size_t i;

	for (i = 0; i < v->nkey; i++) {
		buf_printf(b, "%s%s=", i > 0 ? " " : "", v->kname[i]);
		diff_json_value(b, v->kval[i], v->klen[i]);
	}
}

static int
text_rows(const struct diff *d, const struct diff_table *t, struct buf *b,
    FILE *fp)
{
	static const char mark[] = { '+', '~', '-' };
	struct diff_rowview v;
	size_t i, k;

	for (i = 0; i < t->nrows; i++) {
		const struct diff_row *r = &t->rows[i];

		if (diff_row_view(d, t, r, &v) != 0)
			return -1;
		buf_printf(b, "  %c ", mark[r->op]);
		text_key(b, &v);
		if (r->count > 1)
			buf_printf(b, " (%lu times)", r->count);
		buf_addc(b, '\n');
		for (k = 0; k < v.n; k++) {
			buf_printf(b, "      %s: ", v.name[k]);
			if (r->op != DIFF_ADDED)
				diff_json_value(b, v.oldv[k], v.oldlen[k]);
			if (r->op == DIFF_CHANGED)
				buf_adds(b, " -> ");
			if (r->op != DIFF_REMOVED)
				diff_json_value(b, v.newv[k], v.newlen[k]);
			buf_addc(b, '\n');
		}
		diff_rowview_release(&v);
		if (flush(b, fp) != 0)
			return -1;
	}
	return 0;
}

int
diff_write_text(const struct diff *d, FILE *fp)
{
	struct buf b;
	size_t i, j;
	int rc = -1;

	if (diff_identical(d))
		return 0;
	buf_init(&b);
	text_side(&b, "---", d->old);
	text_side(&b, "+++", d->new);
	for (i = 0; i < d->nitems && d->items[i].kind == DK_META; i++)
		text_item(&b, &d->items[i]);
	for (j = 0; j < d->ntables; j++) {
		const struct diff_table *t = &d->tables[j];
		int any = t->nrows > 0;

		for (i = 0; i < d->nitems; i++)
			if (d->items[i].table != NULL &&
			    strcmp(d->items[i].table, t->name) == 0)
				any = 1;
		if (!any)
			continue;
		buf_printf(&b, "table %s: ", t->name);
		if (!t->in_old || !t->in_new)
			buf_printf(&b, "%s (%llu rows)\n", t->in_new ? "added" :
			    "removed", t->in_new ? t->nnew : t->nold);
		else
			buf_printf(&b, "%llu added, %llu removed, %llu "
			    "changed (%llu -> %llu rows)\n", t->nadded,
			    t->nremoved, t->nchanged, t->nold, t->nnew);
		for (i = 0; i < d->nitems; i++)
			if (d->items[i].table != NULL &&
			    strcmp(d->items[i].table, t->name) == 0 &&
			    d->items[i].kind != DK_TABLE_ADDED &&
			    d->items[i].kind != DK_TABLE_REMOVED) {
				buf_adds(&b, "  schema: ");
				text_item(&b, &d->items[i]);
			}
		if (flush(&b, fp) != 0 || text_rows(d, t, &b, fp) != 0)
			goto out;
	}
	buf_printf(&b, "bump: %s", diff_bump_name(d->bump));
	if (d->reason != NULL)
		buf_printf(&b, " (%s)", d->reason);
	buf_addc(&b, '\n');
	rc = flush(&b, fp);
out:
	buf_release(&b);
	return rc;
}

static void
json_side(struct buf *b, const struct diff_side *s)
{
	buf_adds(b, "{\"label\": ");
	json_str(b, s->label);
	buf_adds(b, ", \"name\": ");
	json_str(b, s->name);
	buf_adds(b, ", \"version\": ");
	json_str(b, s->version);
	buf_addc(b, '}');
}

static void
json_item(struct buf *b, const struct diff_item *it)
{
	struct buf t;

	buf_init(&t);
	diff_item_text(it, &t);
	buf_printf(b, "{\"bump\": \"%s\", \"field\": ",
	    diff_bump_name(it->bump));
	json_str(b, it->field);
	buf_printf(b, ", \"kind\": \"%s\", \"new\": ",
	    diff_kind_name(it->kind));
	json_str(b, it->new);
	buf_adds(b, ", \"old\": ");
	json_str(b, it->old);
	buf_adds(b, ", \"table\": ");
	json_str(b, it->table);
	buf_adds(b, ", \"text\": ");
	json_str(b, buf_str(&t));
	buf_adds(b, ", \"what\": ");
	json_str(b, it->what);
	buf_addc(b, '}');
	buf_release(&t);
}

static int
json_rows(const struct diff *d, const struct diff_table *t, enum diff_op op,
    struct buf *b, FILE *fp)
{
	struct diff_rowview v;
	size_t i, k, n = 0;

	buf_addc(b, '[');
	for (i = 0; i < t->nrows; i++) {
		const struct diff_row *r = &t->rows[i];

		if (r->op != op)
			continue;
		if (diff_row_view(d, t, r, &v) != 0)
			return -1;
		buf_adds(b, n++ > 0 ? ",\n        {" : "\n        {");
		if (t->keyless)
			buf_printf(b, "\"count\": %lu, ", r->count);
		buf_adds(b, "\"key\": {");
		for (k = 0; k < v.nkey; k++) {
			buf_adds(b, k > 0 ? ", " : "");
			json_str(b, v.kname[k]);
			buf_adds(b, ": ");
			diff_json_value(b, v.kval[k], v.klen[k]);
		}
		buf_adds(b, "}, \"values\": {");
		for (k = 0; k < v.n; k++) {
			buf_adds(b, k > 0 ? ", " : "");
			json_str(b, v.name[k]);
			buf_adds(b, ": ");
			if (op == DIFF_CHANGED) {
				buf_adds(b, "{\"new\": ");
				diff_json_value(b, v.newv[k], v.newlen[k]);
				buf_adds(b, ", \"old\": ");
				diff_json_value(b, v.oldv[k], v.oldlen[k]);
				buf_addc(b, '}');
			} else if (op == DIFF_ADDED)
				diff_json_value(b, v.newv[k], v.newlen[k]);
			else
				diff_json_value(b, v.oldv[k], v.oldlen[k]);
		}
		buf_adds(b, "}}");
		diff_rowview_release(&v);
		if (flush(b, fp) != 0)
			return -1;
	}
	buf_adds(b, n > 0 ? "\n      ]" : "]");
	return 0;
}

int
diff_write_json(const struct diff *d, FILE *fp)
{
	static const char *const opname[] = { "added", "changed" };
	static const enum diff_op ops[] = { DIFF_ADDED, DIFF_CHANGED };
	struct buf b;
	size_t i, k;
	int rc = -1;

	buf_init(&b);
	buf_printf(&b, "{\n  \"bump\": \"%s\",\n  \"identical\": %s,\n"
	    "  \"items\": [", diff_bump_name(d->bump),
	    diff_identical(d) ? "true" : "false");
	for (i = 0; i < d->nitems; i++) {
		buf_adds(&b, i > 0 ? ",\n    " : "\n    ");
		json_item(&b, &d->items[i]);
	}
	buf_adds(&b, d->nitems > 0 ? "\n  ],\n  \"new\": " : "],\n  \"new\": ");
	json_side(&b, d->new);
	buf_adds(&b, ",\n  \"old\": ");
	json_side(&b, d->old);
	buf_adds(&b, ",\n  \"reason\": ");
	json_str(&b, d->reason);
	buf_adds(&b, ",\n  \"tables\": [");
	for (i = 0; i < d->ntables; i++) {
		const struct diff_table *t = &d->tables[i];

		buf_adds(&b, i > 0 ? ",\n    {" : "\n    {");
		for (k = 0; k < 2; k++) {
			buf_printf(&b, "\n      \"%s\": ", opname[k]);
			if (json_rows(d, t, ops[k], &b, fp) != 0)
				goto out;
			buf_addc(&b, ',');
		}
		buf_adds(&b, "\n      \"key\": [");
		for (k = 0; k < t->nkey; k++) {
			buf_adds(&b, k > 0 ? ", " : "");
			json_str(&b, t->key[k]);
		}
		buf_printf(&b, "],\n      \"keyless\": %s,\n      \"name\": ",
		    t->keyless ? "true" : "false");
		json_str(&b, t->name);
		buf_adds(&b, ",\n      \"removed\": ");
		if (json_rows(d, t, DIFF_REMOVED, &b, fp) != 0)
			goto out;
		buf_printf(&b, ",\n      \"rows_added\": %llu,\n"
		    "      \"rows_changed\": %llu,\n"
		    "      \"rows_new\": %llu,\n      \"rows_old\": %llu,\n"
		    "      \"rows_removed\": %llu,\n      \"status\": \"%s\"\n"
		    "    }", t->nadded, t->nchanged, t->nnew, t->nold,
		    t->nremoved, !t->in_old ? "added" : !t->in_new ?
		    "removed" : t->nrows > 0 ? "changed" : "same");
	}
	buf_adds(&b, d->ntables > 0 ? "\n  ]\n}\n" : "]\n}\n");
	rc = flush(&b, fp);
out:
	buf_release(&b);
	return rc;
}
