/*
 * diff: comparing two versions of a dataset (see diff.h): running the
 * comparison, and the bump it needs with its reason.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff/diff.h"
#include "diff/diff_int.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/xalloc.h"

static FILE *
spill_open(void)
{
	char *p = xasprintf("%s/sheaf-diff-XXXXXX", diff_tmpbase());
	FILE *fp = NULL;
	int fd;

	if ((fd = mkstemp(p)) == -1) {
		diag_errno(errno, p, "cannot create a temporary file");
		free(p);
		return NULL;
	}
	unlink(p);
	if ((fp = fdopen(fd, "w+b")) == NULL) {
		diag_errno(errno, p, "cannot open a temporary file");
		close(fd);
	}
	free(p);
	return fp;
}

static void
consider(struct diff *d, enum diff_bump b, struct buf *why)
{
	if (b <= d->bump)
		return;
	d->bump = b;
	free(d->reason);
	d->reason = xstrdup(buf_str(why));
}

/* The strongest bump and the first change that needs it. */
static void
decide(struct diff *d)
{
	struct buf b;
	size_t i, j;

	buf_init(&b);
	for (i = 0; i < d->nitems; i++) {
		buf_reset(&b);
		diff_item_text(&d->items[i], &b);
		consider(d, d->items[i].bump, &b);
	}
	for (i = 0; i < d->ntables; i++) {
		const struct diff_table *t = &d->tables[i];

		if (!t->in_old || !t->in_new)
			continue;
		for (j = 0; j < 3; j++) {
			static const char *const what[] = {
				"removed from", "added to", "changed in"
			};
			static const enum diff_bump bump[] = {
				DIFF_MAJOR, DIFF_MINOR, DIFF_PATCH
			};
			unsigned long long n = j == 0 ? t->nremoved :
			    j == 1 ? t->nadded : t->nchanged;

			if (n == 0)
				continue;
			buf_reset(&b);
			buf_printf(&b, "rows %s %s", what[j], t->name);
			consider(d, bump[j], &b);
		}
	}
	buf_release(&b);
}

struct diff *
diff_run(const struct diff_side *old, const struct diff_side *new)
{
	struct diff *d = xcalloc(1, sizeof(*d));
	struct diff_table *t;
	size_t cap = 0, i = 0, j = 0;
	int c;

	d->old = old;
	d->new = new;
	diff_meta_compare(d, &cap);
	if ((d->spill = spill_open()) == NULL)
		goto fail;
	d->tables = xcalloc(old->nt + new->nt + 1, sizeof(*d->tables));
	while (i < old->nt || j < new->nt) {
		const struct side_table *o = i < old->nt ? &old->t[i] : NULL;
		const struct side_table *n = j < new->nt ? &new->t[j] : NULL;

		if (o == NULL)
			c = 1;
		else if (n == NULL)
			c = -1;
		else
			c = strcmp(o->name, n->name);
		t = &d->tables[d->ntables++];
		/* c > 0 only when n is there */
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference) */
		t->name = xstrdup(c <= 0 ? o->name : n->name);
		t->in_old = c <= 0;
		t->in_new = c >= 0;
		t->old_schema = c <= 0 ? o->schema : NULL;
		t->new_schema = c >= 0 ? n->schema : NULL;
		if (c == 0) {
			diff_schema_compare(d, &cap, t->name, o->schema,
			    n->schema);
			if (diff_rows_compare(d, t, o, n) != 0)
				goto fail;
		} else if (diff_read_table(c < 0 ? o->path : n->path, c < 0 ?
		    o->schema : n->schema, diff_count_row, c < 0 ? &t->nold :
		    &t->nnew) != 0)
			goto fail;
		else {
			char rows[32];

			snprintf(rows, sizeof(rows), "%llu", c < 0 ? t->nold :
			    t->nnew);
			diff_set_vals(diff_add_item(d, &cap, c < 0 ?
			    DK_TABLE_REMOVED : DK_TABLE_ADDED, c < 0 ?
			    DIFF_MAJOR : DIFF_MINOR, t->name, NULL, NULL),
			    c < 0 ? rows : NULL, c < 0 ? NULL : rows);
		}
		if (c <= 0)
			i++;
		if (c >= 0)
			j++;
	}
	decide(d);
	return d;
fail:
	diff_free(d);
	return NULL;
}

void
diff_free(struct diff *d)
{
	size_t i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->nitems; i++) {
		free(d->items[i].table);
		free(d->items[i].field);
		free(d->items[i].what);
		free(d->items[i].old);
		free(d->items[i].new);
	}
	free(d->items);
	for (i = 0; i < d->ntables; i++) {
		struct diff_table *t = &d->tables[i];

		for (j = 0; j < t->nrows; j++)
			free(t->rows[j].key);
		free(t->rows);
		for (j = 0; j < t->nkey; j++)
			free(t->key[j]);
		free(t->key);
		free(t->name);
	}
	free(d->tables);
	free(d->reason);
	if (d->spill != NULL)
		fclose(d->spill);
	free(d);
}

int
diff_identical(const struct diff *d)
{
	return d->nitems == 0 && diff_tables_changed(d) == 0;
}

size_t
diff_tables_changed(const struct diff *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->ntables; i++)
		if (d->tables[i].nrows > 0)
			n++;
	return n;
}
