/* changelog: SemVer rules and CHANGES.md (see changelog.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/changelog.h"
#include "diff/diff.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/xalloc.h"
#include "release/release.h"

/* Values longer than this are named, not shown, in CHANGES.md. */
#define SHOW_MAX	60

int
semver_parse(const char *s, struct semver *v)
{
	unsigned long long *part[3];
	char *end;
	int i;

	if (!semver_valid(s))
		return -1;
	part[0] = &v->major;
	part[1] = &v->minor;
	part[2] = &v->patch;
	for (i = 0; i < 3; i++) {
		errno = 0;
		*part[i] = strtoull(s, &end, 10);
		if (errno != 0)
			return -1;
		s = end + 1;
	}
	return 0;
}

int
semver_cmp(const struct semver *a, const struct semver *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return 0;
}

void
semver_least(const struct semver *old, enum diff_bump bump,
    struct semver *out)
{
	*out = *old;
	switch (bump) {
	case DIFF_MAJOR:
		out->major++;
		out->minor = out->patch = 0;
		break;
	case DIFF_MINOR:
		out->minor++;
		out->patch = 0;
		break;
	case DIFF_PATCH:
		out->patch++;
		break;
	case DIFF_NONE:
		break;
	}
}

int
changelog_check(const struct diff *d, const char *oldv, const char *newv)
{
	struct semver o, n, least;

	if (oldv == NULL || semver_parse(oldv, &o) != 0) {
		diag(DIAG_USAGE, diff_side_label(d->old), 0, "previous "
		    "release has no SemVer version (CITATION.cff)");
		return -1;
	}
	if (newv == NULL || semver_parse(newv, &n) != 0) {
		diag(DIAG_USAGE, NULL, 0, "version '%s' is not SemVer",
		    newv != NULL ? newv : "");
		return -1;
	}
	semver_least(&o, d->bump, &least);
	if (semver_cmp(&n, &least) >= 0)
		return 0;
	if (d->bump == DIFF_NONE)
		diag(DIAG_DATA, NULL, 0, "version %s is lower than the "
		    "previous version %s", newv, oldv);
	else
		diag(DIAG_DATA, NULL, 0, "%s: version %s needs at least "
		    "%llu.%llu.%llu (a %s bump over %s)", d->reason, newv,
		    least.major, least.minor, least.patch,
		    diff_bump_name(d->bump), oldv);
	return -1;
}

static void
md_item(struct buf *b, const struct diff_item *it)
{
	buf_adds(b, "- ");
	diff_item_text(it, b);
	diff_item_detail(it, 1, b);
	buf_printf(b, " (%s)\n", diff_bump_name(it->bump));
}

static int
md_rows(const struct diff *d, const struct diff_table *t, enum diff_op op,
    size_t maxrows, struct buf *b)
{
	static const char *const opname[] = { "added", "changed", "removed" };
	struct diff_rowview v;
	struct buf k;
	size_t i, j, shown = 0, total = 0;

	buf_init(&k);
	for (i = 0; i < t->nrows; i++) {
		const struct diff_row *r = &t->rows[i];

		if (r->op != op)
			continue;
		if (total++ >= maxrows)
			continue;
		if (diff_row_view(d, t, r, &v) != 0) {
			buf_release(&k);
			return -1;
		}
		buf_reset(&k);
		for (j = 0; j < v.nkey; j++) {
			buf_printf(&k, "%s%s=", j > 0 ? " " : "", v.kname[j]);
			diff_json_value(&k, v.kval[j], v.klen[j]);
		}
		buf_printf(b, "- %s ", opname[op]);
		diff_md_code(b, buf_str(&k));
		if (r->count > 1)
			buf_printf(b, " (%lu times)", r->count);
		for (j = 0; op == DIFF_CHANGED && j < v.n; j++) {
			buf_reset(&k);
			buf_printf(b, "%s", j == 0 ? ": " : "; ");
			diff_md_code(b, v.name[j]);
			if ((v.oldv[j] != NULL && v.oldlen[j] > SHOW_MAX) ||
			    (v.newv[j] != NULL && v.newlen[j] > SHOW_MAX))
				continue;
			diff_json_value(&k, v.oldv[j], v.oldlen[j]);
			buf_adds(&k, " -> ");
			diff_json_value(&k, v.newv[j], v.newlen[j]);
			buf_addc(b, ' ');
			diff_md_code(b, buf_str(&k));
		}
		buf_addc(b, '\n');
		diff_rowview_release(&v);
		shown++;
	}
	if (total > shown)
		buf_printf(b, "- ... and %zu more %s (`sheaf diff` lists them "
		    "all)\n", total - shown, opname[op]);
	buf_release(&k);
	return 0;
}

int
changelog_write(const struct diff *d, const char *name, const char *version,
    size_t maxrows, struct buf *b)
{
	const char *ov = diff_side_version(d->old);
	size_t i, nmeta = 0, nschema = 0;
	int k;

	buf_printf(b, "# Changes in %s %s\n\n", name, version);
	buf_printf(b, "Compared with %s %s.\n\n", diff_side_name(d->old) !=
	    NULL ? diff_side_name(d->old) : "the previous release",
	    ov != NULL ? ov : "(version unknown)");
	for (i = 0; i < d->nitems; i++) {
		if (d->items[i].kind == DK_META) {
			if (strcmp(d->items[i].what, "version") != 0)
				nmeta++;
		} else
			nschema++;
	}
	if (d->bump == DIFF_NONE) {
		buf_adds(b, "No change to the data, the schemas or the "
		    "metadata but the version.\n");
		goto tail;
	}
	buf_printf(b, "This is a **%s** update: %s.\n",
	    diff_bump_name(d->bump), d->reason);
	if (nmeta > 0) {
		buf_adds(b, "\n## Metadata\n\n");
		for (i = 0; i < d->nitems; i++)
			if (d->items[i].kind == DK_META &&
			    strcmp(d->items[i].what, "version") != 0)
				md_item(b, &d->items[i]);
	}
	if (nschema > 0) {
		buf_adds(b, "\n## Schemas\n\n");
		for (i = 0; i < d->nitems; i++)
			if (d->items[i].kind != DK_META)
				md_item(b, &d->items[i]);
	}
	if (diff_tables_changed(d) > 0) {
		buf_adds(b, "\n## Rows\n\n| table | rows before | rows after "
		    "| added | removed | changed |\n"
		    "|---|---:|---:|---:|---:|---:|\n");
		for (i = 0; i < d->ntables; i++) {
			const struct diff_table *t = &d->tables[i];

			if (t->in_old && t->in_new)
				buf_printf(b, "| %s | %llu | %llu | %llu | "
				    "%llu | %llu |\n", t->name, t->nold,
				    t->nnew, t->nadded, t->nremoved,
				    t->nchanged);
		}
		for (i = 0; i < d->ntables; i++) {
			const struct diff_table *t = &d->tables[i];

			if (t->nrows == 0)
				continue;
			buf_printf(b, "\n### %s\n\n", t->name);
			for (k = DIFF_ADDED; k <= DIFF_REMOVED; k++)
				if (md_rows(d, t, (enum diff_op)k, maxrows,
				    b) != 0)
					return -1;
		}
	}
tail:
	buf_adds(b, "\nWritten by sheaf; `sheaf diff OLD NEW` shows every "
	    "change.\n");
	return 0;
}

void
changelog_summary(const struct diff *d, struct buf *b)
{
	const char *ov = diff_side_version(d->old);
	unsigned long long a = 0, r = 0, c = 0;
	size_t i, nschema = 0;

	for (i = 0; i < d->ntables; i++) {
		a += d->tables[i].nadded;
		r += d->tables[i].nremoved;
		c += d->tables[i].nchanged;
	}
	for (i = 0; i < d->nitems; i++)
		if (d->items[i].kind != DK_META)
			nschema++;
	buf_printf(b, "%s (%s): %llu rows added, %llu removed, %llu "
	    "changed; %zu schema change%s; see data/CHANGES.md",
	    ov != NULL ? ov : "unknown", diff_bump_name(d->bump), a, r, c,
	    nschema, nschema == 1 ? "" : "s");
}

int
changelog_build(const struct diff_side *prev, const struct diff_side *cur,
    const char *name, const char *version, char **md, char **summary)
{
	struct diff *d;
	struct buf b;
	int rc = -1;

	*md = *summary = NULL;
	if ((d = diff_run(prev, cur)) == NULL)
		return -1;
	buf_init(&b);
	if (changelog_check(d, diff_side_version(prev), version) != 0 ||
	    changelog_write(d, name, version, 100, &b) != 0)
		goto out;
	*md = buf_detach(&b);
	changelog_summary(d, &b);
	*summary = buf_detach(&b);
	if (d->bump != DIFF_NONE)
		diag(DIAG_NOTE, NULL, 0, "%s update over %s: %s",
		    diff_bump_name(d->bump), diff_side_version(prev),
		    d->reason);
	rc = 0;
out:
	buf_release(&b);
	diff_free(d);
	return rc;
}
