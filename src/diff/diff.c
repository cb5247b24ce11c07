/* diff: comparing two versions of a dataset (see diff.h). */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bag/archive.h"
#include "diff/diff.h"
#include "lib/buf.h"
#include "lib/csvread.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/hash.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/sqldb.h"
#include "validate/package.h"
#include "validate/schema.h"

#define DIG_BYTES	16		/* of a row's SHA-256 kept */
#define HEADER_MAX	4096		/* columns of a CSV header */
#define MAP_MIN		64

/* --- sides ---------------------------------------------------------------- */

struct side_table {
	char			*name;		/* owned */
	char			*path;		/* owned: CSV file */
	const struct schema	*schema;	/* borrowed or in pkg */
};

struct diff_side {
	char			*label;
	char			*tmp;		/* private temporary dir */
	struct schema_pkg	*pkg;
	struct citation		 cff;
	int			 have_cff;
	const struct citation	*cffp;
	char			*name, *version;
	struct side_table	*t;		/* sorted by name */
	size_t			 nt;
};

static const char *
tmpbase(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && *t != '\0' ? t : "/tmp";
}

static int
side_tmp(struct diff_side *s)
{
	if (s->tmp != NULL)
		return 0;
	s->tmp = xasprintf("%s/sheaf-diff-XXXXXX", tmpbase());
	if (mkdtemp(s->tmp) == NULL) {
		diag_errno(errno, s->tmp, "cannot create a temporary "
		    "directory");
		free(s->tmp);
		s->tmp = NULL;
		return -1;
	}
	return 0;
}

static int
table_cmp(const void *a, const void *b)
{
	const struct side_table *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
isfile(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* A JSON table turned into CSV in the side's temporary directory. */
static char *
json_to_csv(struct diff_side *s, const struct schema_res *r, size_t i)
{
	char *csv;
	FILE *fp;
	int rc;

	if (side_tmp(s) != 0)
		return NULL;
	csv = xasprintf("%s/table-%zu.csv", s->tmp, i);
	if ((fp = fs_create(csv)) == NULL) {
		free(csv);
		return NULL;
	}
	rc = package_json_table(r->path, r->schema, fp);
	if (fclose(fp) != 0 && rc == 0) {
		diag_errno(errno, csv, "write error");
		rc = -1;
	}
	if (rc != 0) {
		if (rc > 0)
			diag(DIAG_USAGE, r->path, 0, "not a usable JSON table");
		free(csv);
		return NULL;
	}
	return csv;
}

/* The data package in dir: its tables, name and CITATION.cff. */
static int
load_package(struct diff_side *s, const char *dir)
{
	char *p;
	size_t i;

	p = xasprintf("%s/datapackage.json", dir);
	s->pkg = schema_pkg_load(p);
	free(p);
	if (s->pkg == NULL)
		return -1;
	s->t = xcalloc(s->pkg->nres, sizeof(*s->t));
	for (i = 0; i < s->pkg->nres; i++) {
		const struct schema_res *r = &s->pkg->res[i];

		s->t[i].name = xstrdup(r->name);
		s->t[i].schema = r->schema;
		s->nt = i + 1;
		s->t[i].path = r->json ? json_to_csv(s, r, i) :
		    xstrdup(r->path);
		if (s->t[i].path == NULL)
			return -1;
	}
	qsort(s->t, s->nt, sizeof(*s->t), table_cmp);
	if (s->pkg->name != NULL)
		s->name = xstrdup(s->pkg->name);
	p = xasprintf("%s/CITATION.cff", dir);
	if (isfile(p)) {
		if (citation_read(p, &s->cff) != 0) {
			free(p);
			return -1;
		}
		s->have_cff = 1;
		s->cffp = &s->cff;
		if (s->cff.version != NULL)
			s->version = xstrdup(s->cff.version);
	}
	free(p);
	return 0;
}

/* The package folder of a bag or package directory; NULL if neither. */
static char *
package_dir(const char *dir)
{
	char *p = xasprintf("%s/data/datapackage.json", dir);

	if (isfile(p)) {
		free(p);
		return xasprintf("%s/data", dir);
	}
	free(p);
	p = xasprintf("%s/datapackage.json", dir);
	if (isfile(p)) {
		free(p);
		return xstrdup(dir);
	}
	free(p);
	return NULL;
}

static char *
unpack(struct diff_side *s, const char *path,
    const struct unpack_limits *lim)
{
	char *top = NULL, *bag, *dir;

	if (side_tmp(s) != 0)
		return NULL;
	if (archive_unpack(path, s->tmp, lim, &top) != 0)
		return NULL;
	bag = xasprintf("%s/%s", s->tmp, top);
	free(top);
	dir = package_dir(bag);
	if (dir == NULL)
		diag(DIAG_USAGE, path, 0, "the archive holds no "
		    "datapackage.json");
	free(bag);
	return dir;
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n > k && strcmp(s + n - k, suf) == 0;
}

/*
 * A release directory: the bag or archive to read, by preference a
 * csv bag, a json bag, then the archives of each.  Two candidates of
 * the same kind make the directory ambiguous.
 */
static char *
release_dir(struct diff_side *s, const char *dir,
    const struct unpack_limits *lim)
{
	static const struct {
		const char	*suffix;
		int		 bag;
	} pref[] = {
		{ "-csv", 1 }, { "-json", 1 }, { "-csv.tar.gz", 0 },
		{ "-csv.zip", 0 }, { "-json.tar.gz", 0 }, { "-json.zip", 0 }
	};
	enum { NPREF = sizeof(pref) / sizeof(pref[0]) };
	char *best[NPREF] = { NULL }, *p, *sub, *res = NULL;
	struct dirent *de;
	int k, amb[NPREF] = { 0 };
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		diag_errno(errno, dir, "cannot open");
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		for (k = 0; k < NPREF; k++) {
			if (!has_suffix(de->d_name, pref[k].suffix))
				continue;
			if (pref[k].bag) {
				if ((sub = package_dir(p)) == NULL)
					continue;
				free(sub);
			} else if (!isfile(p))
				continue;
			if (best[k] != NULL)
				amb[k] = 1;
			else
				best[k] = xstrdup(p);
			break;
		}
		free(p);
	}
	closedir(d);
	for (k = 0; k < NPREF && best[k] == NULL; k++)
		continue;
	if (k == NPREF)
		diag(DIAG_USAGE, dir, 0, "not a release, bag, archive or data "
		    "package: no datapackage.json, bag or release archive");
	else if (amb[k])
		diag(DIAG_USAGE, dir, 0, "more than one release in the "
		    "directory: give the bag or archive to compare");
	else if (pref[k].bag)
		res = package_dir(best[k]);
	else
		res = unpack(s, best[k], lim);
	for (k = 0; k < NPREF; k++)
		free(best[k]);
	return res;
}

struct diff_side *
diff_side_open(const char *path, const struct unpack_limits *lim)
{
	struct diff_side *s = xcalloc(1, sizeof(*s));
	const char *base;
	char *dir = NULL;
	struct stat st;

	s->label = xstrdup(path);
	if (stat(path, &st) != 0) {
		diag_errno(errno, path, "cannot open");
		goto fail;
	}
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	if (S_ISDIR(st.st_mode)) {
		if ((dir = package_dir(path)) == NULL)
			dir = release_dir(s, path, lim);
	} else if (strcmp(base, "datapackage.json") == 0)
		dir = base == path ? xstrdup(".") :
		    xstrndup(path, (size_t)(base - path - 1));
	else if (has_suffix(base, ".sqlite")) {
		/* the SQLite flavour: its tables and schemas as a package */
		if (side_tmp(s) == 0 && sqldb_export(path, s->tmp) == 0)
			dir = xstrdup(s->tmp);
	} else
		dir = unpack(s, path, lim);
	if (dir == NULL || load_package(s, dir) != 0)
		goto fail;
	free(dir);
	return s;
fail:
	free(dir);
	diff_side_free(s);
	return NULL;
}

struct diff_side *
diff_side_new(const char *label, const char *name, const char *version,
    const struct citation *cff, const struct diff_table_in *tables,
    size_t ntables)
{
	struct diff_side *s = xcalloc(1, sizeof(*s));
	size_t i;

	s->label = xstrdup(label);
	s->name = name != NULL ? xstrdup(name) : NULL;
	s->version = version != NULL ? xstrdup(version) : NULL;
	s->cffp = cff;
	s->t = xcalloc(ntables + 1, sizeof(*s->t));
	for (i = 0; i < ntables; i++) {
		s->t[i].name = xstrdup(tables[i].name);
		s->t[i].path = xstrdup(tables[i].path);
		s->t[i].schema = tables[i].schema;
	}
	s->nt = ntables;
	qsort(s->t, s->nt, sizeof(*s->t), table_cmp);
	return s;
}

void
diff_side_free(struct diff_side *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nt; i++) {
		free(s->t[i].name);
		free(s->t[i].path);
	}
	free(s->t);
	schema_pkg_free(s->pkg);
	if (s->have_cff)
		citation_release(&s->cff);
	if (s->tmp != NULL) {
		fs_rmtree(s->tmp);
		free(s->tmp);
	}
	free(s->name);
	free(s->version);
	free(s->label);
	free(s);
}

const char *
diff_side_label(const struct diff_side *s)
{
	return s->label;
}

const char *
diff_side_name(const struct diff_side *s)
{
	return s->name;
}

const char *
diff_side_version(const struct diff_side *s)
{
	return s->version;
}

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
static void
md_code(struct buf *b, const char *s)
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
		md_code(b, buf_str(&t));
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

/* --- collecting changes --------------------------------------------------- */

static struct diff_item *
add_item(struct diff *d, size_t *cap, enum diff_kind k, enum diff_bump bump,
    const char *table, const char *field, const char *what)
{
	struct diff_item *it;

	d->items = xgrow(d->items, cap, d->nitems + 1, sizeof(*d->items));
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = k;
	it->bump = bump;
	it->table = table != NULL ? xstrdup(table) : NULL;
	it->field = field != NULL ? xstrdup(field) : NULL;
	it->what = what != NULL ? xstrdup(what) : NULL;
	return it;
}

static void
set_vals(struct diff_item *it, const char *o, const char *n)
{
	it->old = o != NULL ? xstrdup(o) : NULL;
	it->new = n != NULL ? xstrdup(n) : NULL;
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static char *
join(char *const *v, size_t n, const char *sep)
{
	struct buf b;
	size_t i;

	if (v == NULL)
		return NULL;
	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, sep);
		buf_adds(&b, v[i]);
	}
	return buf_detach(&b);
}

static void
meta_one(struct diff *d, size_t *cap, const char *key, enum diff_bump bump,
    const char *o, const char *n)
{
	if (same_str(o, n))
		return;
	set_vals(add_item(d, cap, DK_META, bump, NULL, NULL, key), o, n);
}

static void
meta_list(struct diff *d, size_t *cap, const char *key, enum diff_bump bump,
    char *const *o, size_t no, char *const *n, size_t nn, const char *sep)
{
	char *a = join(o, no, sep), *b = join(n, nn, sep);

	meta_one(d, cap, key, bump, a, b);
	free(a);
	free(b);
}

/*
 * Metadata.  The version itself needs no bump; a licence change a
 * minor one (the terms of reuse change); descriptive keys a patch.
 */
static void
meta_compare(struct diff *d, size_t *cap)
{
	const struct citation *o = d->old->cffp, *n = d->new->cffp;
	static const struct citation none;

	meta_one(d, cap, "name", DIFF_PATCH, d->old->name, d->new->name);
	meta_one(d, cap, "version", DIFF_NONE, d->old->version,
	    d->new->version);
	if (o == NULL && n == NULL)
		return;
	if (o == NULL)
		o = &none;
	if (n == NULL)
		n = &none;
	meta_one(d, cap, "title", DIFF_PATCH, o->title, n->title);
	meta_one(d, cap, "abstract", DIFF_PATCH, o->abstract, n->abstract);
	meta_list(d, cap, "authors", DIFF_PATCH, o->authors, o->nauthors,
	    n->authors, n->nauthors, "; ");
	meta_list(d, cap, "license", DIFF_MINOR, o->licenses, o->nlicenses,
	    n->licenses, n->nlicenses, ", ");
	meta_list(d, cap, "keywords", DIFF_PATCH, o->keywords, o->nkeywords,
	    n->keywords, n->nkeywords, "; ");
	meta_one(d, cap, "doi", DIFF_PATCH, o->doi, n->doi);
	meta_one(d, cap, "url", DIFF_PATCH, o->url, n->url);
}

/* --- schemas -------------------------------------------------------------- */

static char *
fkey_text(const struct schema *s, const struct fkey *k, const char *self)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_addc(&b, '(');
	for (i = 0; i < k->nfields; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    s->fields[k->fields[i]].name);
	buf_printf(&b, ") -> %s(", *k->resource != '\0' ? k->resource : self);
	for (i = 0; i < k->nfields; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", k->ref_fields[i]);
	buf_addc(&b, ')');
	return buf_detach(&b);
}

static char *
pkey_text(const struct schema *s)
{
	struct buf b;
	size_t i;

	if (s->npkey == 0)
		return NULL;
	buf_init(&b);
	buf_addc(&b, '(');
	for (i = 0; i < s->npkey; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    s->fields[s->pkey[i]].name);
	buf_addc(&b, ')');
	return buf_detach(&b);
}

/* Tightened (1), loosened (-1) or unchanged (0) from an ordering. */
static void
tl(struct diff *d, size_t *cap, const char *t, const char *f,
    const char *what, int dir, const char *o, const char *n)
{
	if (dir == 0)
		return;
	set_vals(add_item(d, cap, dir > 0 ? DK_TIGHTENED : DK_LOOSENED,
	    dir > 0 ? DIFF_MAJOR : DIFF_MINOR, t, f, what), o, n);
}

static void
flag_constraint(struct diff *d, size_t *cap, const char *t, const char *f,
    const char *what, int o, int n)
{
	tl(d, cap, t, f, what, n - o, o ? "true" : "false",
	    n ? "true" : "false");
}

static void
length_constraint(struct diff *d, size_t *cap, const char *t, const char *f,
    const char *what, int ho, size_t o, int hn, size_t n, int min)
{
	char so[32], sn[32];
	int dir;

	if (!ho && !hn)
		return;
	if (ho && hn && o == n)
		return;
	snprintf(so, sizeof(so), "%zu", o);
	snprintf(sn, sizeof(sn), "%zu", n);
	if (!ho)
		dir = 1;
	else if (!hn)
		dir = -1;
	else
		dir = (min ? n > o : n < o) ? 1 : -1;
	tl(d, cap, t, f, what, dir, ho ? so : NULL, hn ? sn : NULL);
}

static int
value_cmp(enum ftype ty, const struct value *a, const struct value *b)
{
	if (ty == FT_NUMBER)
		return a->d < b->d ? -1 : a->d > b->d;
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return a->j < b->j ? -1 : a->j > b->j;
}

static void
bound_constraint(struct diff *d, size_t *cap, const char *t,
    const struct field *fo, const struct field *fn, enum constraint c)
{
	int ho = fo->has[c], hn = fn->has[c], min = c == C_MINIMUM, dir, r;
	const char *jo = min ? fo->minimum_json : fo->maximum_json;
	const char *jn = min ? fn->minimum_json : fn->maximum_json;

	if (!ho && !hn)
		return;
	if (!ho)
		dir = 1;
	else if (!hn)
		dir = -1;
	else {
		r = value_cmp(fo->type, min ? &fn->minimum : &fn->maximum,
		    min ? &fo->minimum : &fo->maximum);
		if (r == 0)
			return;
		dir = (min ? r > 0 : r < 0) ? 1 : -1;
	}
	tl(d, cap, t, fo->name, min ? "minimum" : "maximum", dir,
	    ho ? jo : NULL, hn ? jn : NULL);
}

static int
key_cmp(const void *a, const void *b, size_t la, size_t lb)
{
	int r = memcmp(a, b, la < lb ? la : lb);

	if (r != 0)
		return r;
	return la < lb ? -1 : la > lb;
}

/* Is every enum key of a among b's? */
static int
enum_subset(const struct field *a, const struct field *b)
{
	size_t i, j;

	for (i = 0; i < a->nenum; i++) {
		for (j = 0; j < b->nenum; j++)
			if (key_cmp(a->enum_key[i], b->enum_key[j],
			    a->enum_keylen[i], b->enum_keylen[j]) == 0)
				break;
		if (j == b->nenum)
			return 0;
	}
	return 1;
}

static char *
enum_text(const struct field *f)
{
	char *s = join(f->enum_json, f->nenum, ", ");
	char *r = xasprintf("[%s]", s);

	free(s);
	return r;
}

static void
enum_constraint(struct diff *d, size_t *cap, const char *t,
    const struct field *fo, const struct field *fn)
{
	int ho = fo->has[C_ENUM], hn = fn->has[C_ENUM], sub, sup, dir;
	char *o, *n;

	if (!ho && !hn)
		return;
	sub = ho && hn && enum_subset(fn, fo);
	sup = ho && hn && enum_subset(fo, fn);
	if (sub && sup)
		return;
	o = ho ? enum_text(fo) : NULL;
	n = hn ? enum_text(fn) : NULL;
	if (!ho || (hn && sub))
		dir = 1;
	else if (!hn || sup)
		dir = -1;
	else
		dir = 0;
	if (dir != 0)
		tl(d, cap, t, fo->name, "enum", dir, o, n);
	else
		set_vals(add_item(d, cap, DK_CONSTRAINT, DIFF_MAJOR, t,
		    fo->name, "enum"), o, n);
	free(o);
	free(n);
}

static void
field_compare(struct diff *d, size_t *cap, const char *t,
    const struct field *fo, const struct field *fn)
{
	int same_type = fo->type == fn->type;

	if (!same_type)
		set_vals(add_item(d, cap, DK_FIELD_RETYPED, DIFF_MAJOR, t,
		    fo->name, NULL), schema_type_name(fo->type),
		    schema_type_name(fn->type));
	else if (!same_str(fo->format, fn->format))
		set_vals(add_item(d, cap, DK_FIELD_FORMAT, DIFF_MAJOR, t,
		    fo->name, NULL), fo->format, fn->format);
	flag_constraint(d, cap, t, fo->name, "required", fo->required,
	    fn->required);
	flag_constraint(d, cap, t, fo->name, "unique", fo->unique,
	    fn->unique);
	length_constraint(d, cap, t, fo->name, "minLength",
	    fo->has[C_MINLENGTH], fo->min_length, fn->has[C_MINLENGTH],
	    fn->min_length, 1);
	length_constraint(d, cap, t, fo->name, "maxLength",
	    fo->has[C_MAXLENGTH], fo->max_length, fn->has[C_MAXLENGTH],
	    fn->max_length, 0);
	if (same_type) {
		bound_constraint(d, cap, t, fo, fn, C_MINIMUM);
		bound_constraint(d, cap, t, fo, fn, C_MAXIMUM);
	}
	if (!same_str(fo->pattern, fn->pattern)) {
		if (fo->pattern == NULL || fn->pattern == NULL)
			tl(d, cap, t, fo->name, "pattern",
			    fo->pattern == NULL ? 1 : -1, fo->pattern,
			    fn->pattern);
		else
			set_vals(add_item(d, cap, DK_CONSTRAINT, DIFF_MAJOR, t,
			    fo->name, "pattern"), fo->pattern, fn->pattern);
	}
	if (same_type)
		enum_constraint(d, cap, t, fo, fn);
	if (!same_str(fo->title, fn->title))
		set_vals(add_item(d, cap, DK_FIELD_DOC, DIFF_PATCH, t,
		    fo->name, "title"), fo->title, fn->title);
	if (!same_str(fo->description, fn->description))
		set_vals(add_item(d, cap, DK_FIELD_DOC, DIFF_PATCH, t,
		    fo->name, "description"), fo->description,
		    fn->description);
}

/* ["a", "b"]: a list as a JSON array of strings. */
static char *
json_list(char *const *v, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_addc(&b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, ", ");
		diff_json_string(&b, v[i], strlen(v[i]));
	}
	buf_addc(&b, ']');
	return buf_detach(&b);
}

static void
schema_compare(struct diff *d, size_t *cap, const char *t,
    const struct schema *so, const struct schema *sn)
{
	struct buf bo, bn;
	char **fo, **fn;
	size_t i, j, nfo, nfn;
	long k;
	int found;

	/* fields removed, common fields in old order */
	buf_init(&bo);
	buf_init(&bn);
	for (i = 0; i < so->nfields; i++) {
		if (schema_field_index(sn, so->fields[i].name) < 0) {
			set_vals(add_item(d, cap, DK_FIELD_REMOVED, DIFF_MAJOR,
			    t, so->fields[i].name, NULL),
			    schema_type_name(so->fields[i].type), NULL);
			continue;
		}
		buf_printf(&bo, "%s%s", bo.len > 0 ? ", " : "",
		    so->fields[i].name);
	}
	for (i = 0; i < sn->nfields; i++) {
		if (schema_field_index(so, sn->fields[i].name) < 0) {
			set_vals(add_item(d, cap, DK_FIELD_ADDED, DIFF_MINOR, t,
			    sn->fields[i].name, NULL), NULL,
			    schema_type_name(sn->fields[i].type));
			continue;
		}
		buf_printf(&bn, "%s%s", bn.len > 0 ? ", " : "",
		    sn->fields[i].name);
	}
	if (strcmp(buf_str(&bo), buf_str(&bn)) != 0) {
		char *a = xasprintf("(%s)", buf_str(&bo));
		char *b = xasprintf("(%s)", buf_str(&bn));

		set_vals(add_item(d, cap, DK_FIELDS_REORDERED, DIFF_MAJOR, t,
		    NULL, NULL), a, b);
		free(a);
		free(b);
	}
	buf_release(&bo);
	buf_release(&bn);
	for (i = 0; i < so->nfields; i++)
		if ((k = schema_field_index(sn, so->fields[i].name)) >= 0)
			field_compare(d, cap, t, &so->fields[i],
			    &sn->fields[k]);

	/* missing values, keys */
	fo = so->missing;
	fn = sn->missing;
	found = so->nmissing == sn->nmissing;
	for (i = 0; found && i < so->nmissing; i++)
		found = strcmp(fo[i], fn[i]) == 0;
	if (!found) {
		char *a = json_list(fo, so->nmissing);
		char *b = json_list(fn, sn->nmissing);

		set_vals(add_item(d, cap, DK_MISSING, DIFF_MAJOR, t, NULL,
		    NULL), a, b);
		free(a);
		free(b);
	}
	{
		char *a = pkey_text(so), *b = pkey_text(sn);

		if (!same_str(a, b))
			set_vals(add_item(d, cap, DK_PKEY, DIFF_MAJOR, t, NULL,
			    NULL), a, b);
		free(a);
		free(b);
	}
	nfo = so->nfkeys;
	nfn = sn->nfkeys;
	fo = xcalloc(nfo + 1, sizeof(*fo));
	fn = xcalloc(nfn + 1, sizeof(*fn));
	for (i = 0; i < nfo; i++)
		fo[i] = fkey_text(so, &so->fkeys[i], t);
	for (i = 0; i < nfn; i++)
		fn[i] = fkey_text(sn, &sn->fkeys[i], t);
	for (i = 0; i < nfo; i++) {
		for (j = 0; j < nfn && strcmp(fo[i], fn[j]) != 0; j++)
			continue;
		if (j == nfn)
			set_vals(add_item(d, cap, DK_FKEY_REMOVED, DIFF_MINOR,
			    t, NULL, NULL), fo[i], NULL);
	}
	for (j = 0; j < nfn; j++) {
		for (i = 0; i < nfo && strcmp(fo[i], fn[j]) != 0; i++)
			continue;
		if (i == nfo)
			set_vals(add_item(d, cap, DK_FKEY_ADDED, DIFF_MAJOR,
			    t, NULL, NULL), NULL, fn[j]);
	}
	for (i = 0; i < nfo; i++)
		free(fo[i]);
	for (i = 0; i < nfn; i++)
		free(fn[i]);
	free(fo);
	free(fn);
}

/* --- reading tables ------------------------------------------------------- */

struct reader {
	const char		*path;
	const struct schema	*s;
	struct buf		 data;		/* the record's cells */
	size_t			*off;		/* ncells + 1 offsets */
	size_t			 ncells, cap;
	int			 overflow;
	size_t			*fcol;		/* column of each field */
	size_t			 ncols;		/* 0 before the header */
	unsigned long		 rec;
	int			 err;
	int			(*fn)(struct reader *, void *);
	void			*arg;
};

static void
rd_cell(void *arg, const char *s, size_t n)
{
	struct reader *r = arg;
	size_t lim = r->ncols > 0 ? r->ncols : HEADER_MAX;

	if (r->err)
		return;
	if (r->ncells >= lim) {
		r->overflow = 1;
		return;
	}
	if (r->ncells + 2 > r->cap)
		r->off = xgrow(r->off, &r->cap, r->ncells + 2,
		    sizeof(*r->off));
	r->off[r->ncells] = r->data.len;
	buf_add(&r->data, s, n);
	r->ncells++;
	r->off[r->ncells] = r->data.len;
}

static const char *
rd_val(const struct reader *r, size_t field, size_t *n)
{
	size_t c = r->fcol[field];

	*n = r->off[c + 1] - r->off[c];
	return r->data.s != NULL ? r->data.s + r->off[c] : "";
}

static int
rd_missing(const struct reader *r, size_t field)
{
	size_t n;
	const char *v = rd_val(r, field, &n);

	return schema_is_missing(r->s, v, n);
}

static int
rd_header(struct reader *r)
{
	const struct schema *s = r->s;
	size_t i, c, n;
	const char *v;

	if (r->overflow) {
		diag(DIAG_USAGE, r->path, 1, "header of more than %d columns",
		    HEADER_MAX);
		return -1;
	}
	r->fcol = xcalloc(s->nfields + 1, sizeof(*r->fcol));
	for (i = 0; i < s->nfields; i++) {
		r->fcol[i] = r->ncells;
		for (c = 0; c < r->ncells; c++) {
			n = r->off[c + 1] - r->off[c];
			v = r->data.s + r->off[c];
			if (n != strlen(s->fields[i].name) ||
			    memcmp(v, s->fields[i].name, n) != 0)
				continue;
			if (r->fcol[i] != r->ncells) {
				diag(DIAG_USAGE, r->path, 1, "column '%s' "
				    "appears twice in the header",
				    s->fields[i].name);
				return -1;
			}
			r->fcol[i] = c;
		}
		if (r->fcol[i] == r->ncells) {
			diag(DIAG_USAGE, r->path, 1, "no column for the "
			    "schema's field '%s'", s->fields[i].name);
			return -1;
		}
	}
	r->ncols = r->ncells;
	return 0;
}

static void
rd_row(void *arg, size_t ncells)
{
	struct reader *r = arg;

	(void)ncells;
	if (r->err)
		return;
	r->rec++;
	if (r->ncells == 0 && !r->overflow)
		;	/* a blank line: no row */
	else if (r->ncols == 0) {
		if (rd_header(r) != 0)
			r->err = 1;
	} else if (r->overflow || r->ncells != r->ncols) {
		diag(DIAG_USAGE, r->path, r->rec, "row has %s%zu cells, the "
		    "header %zu", r->overflow ? "more than " : "", r->ncells,
		    r->ncols);
		r->err = 1;
	} else if (r->fn(r, r->arg) != 0)
		r->err = 1;
	buf_reset(&r->data);
	r->ncells = 0;
	r->overflow = 0;
}

static int
rd_stop(void *arg)
{
	return ((struct reader *)arg)->err;
}

/* Stream the table at path, calling fn for every row after the header. */
static int
read_table(const char *path, const struct schema *s,
    int (*fn)(struct reader *, void *), void *arg)
{
	static const struct csvread_cb cb = {
		rd_cell, rd_row, rd_stop, NULL
	};
	struct csvread_result res;
	struct reader r;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.path = path;
	r.s = s;
	r.fn = fn;
	r.arg = arg;
	buf_init(&r.data);
	if (csvread_file(path, &cb, &r, &res) != 0 || r.err)
		goto out;
	switch (res.status) {
	case CSVREAD_OK:
		if (r.ncols == 0)
			diag(DIAG_USAGE, path, 0, "no header row");
		else
			rc = 0;
		break;
	case CSVREAD_EMPTY:
		diag(DIAG_USAGE, path, 0, "empty file: no header row");
		break;
	case CSVREAD_UNTERMINATED:
		diag(DIAG_USAGE, path, res.records + 1, "quoted cell not "
		    "closed at the end of the file");
		break;
	case CSVREAD_TOOBIG:
		diag(DIAG_USAGE, path, res.records + 1, "cell of more than "
		    "%lu bytes", (unsigned long)CSVREAD_CELL_MAX);
		break;
	}
out:
	buf_release(&r.data);
	free(r.off);
	free(r.fcol);
	return rc;
}

static int
count_row(struct reader *r, void *arg)
{
	(void)r;
	(*(unsigned long long *)arg)++;
	return 0;
}

/* --- the key map ---------------------------------------------------------- */

struct entry {
	unsigned long long	 hash;
	long long		 oldoff, newoff;
	unsigned long		 nold, nnew;
	unsigned long		 oldrec, newrec;
	unsigned char		 dig[DIG_BYTES];
	unsigned char		 changed;
	size_t			 keylen;
	char			 key[];
};

struct map {
	struct entry	**slot;
	size_t		  size, n;
};

static void
map_release(struct map *m)
{
	size_t i;

	for (i = 0; i < m->size; i++)
		free(m->slot[i]);
	free(m->slot);
	memset(m, 0, sizeof(*m));
}

static void
map_grow(struct map *m)
{
	struct entry **old = m->slot;
	size_t i, j, osize = m->size;

	m->size = osize > 0 ? osize * 2 : MAP_MIN;
	m->slot = xcalloc(m->size, sizeof(*m->slot));
	for (i = 0; i < osize; i++) {
		if (old[i] == NULL)
			continue;
		for (j = old[i]->hash & (m->size - 1); m->slot[j] != NULL;
		    j = (j + 1) & (m->size - 1))
			continue;
		m->slot[j] = old[i];
	}
	free(old);
}

static struct entry *
map_find(const struct map *m, const char *key, size_t n,
    unsigned long long h)
{
	size_t j;

	if (m->size == 0)
		return NULL;
	for (j = h & (m->size - 1); m->slot[j] != NULL;
	    j = (j + 1) & (m->size - 1))
		if (m->slot[j]->hash == h && m->slot[j]->keylen == n &&
		    memcmp(m->slot[j]->key, key, n) == 0)
			return m->slot[j];
	return NULL;
}

static struct entry *
map_add(struct map *m, const char *key, size_t n, unsigned long long h)
{
	struct entry *e;
	size_t j;

	if ((e = map_find(m, key, n, h)) != NULL)
		return e;
	if (2 * (m->n + 1) > m->size)
		map_grow(m);
	e = xcalloc(1, sizeof(*e) + n + 1);
	e->hash = h;
	e->oldoff = e->newoff = -1;
	e->keylen = n;
	memcpy(e->key, key, n);
	for (j = h & (m->size - 1); m->slot[j] != NULL;
	    j = (j + 1) & (m->size - 1))
		continue;
	m->slot[j] = e;
	m->n++;
	return e;
}

/* --- comparing rows ------------------------------------------------------- */

/* How one side's fields map to the comparison. */
struct tside {
	const struct schema	*s;
	const char		*path;
	size_t			*keyf;		/* nkey field indices */
	size_t			*comf;		/* ncom field indices */
};

struct rowcmp {
	struct diff		*d;
	struct diff_table	*t;
	struct tside		 side[2];	/* old, new */
	size_t			 ncom;
	struct map		 map;
	struct buf		 key, row;
	struct digest		*dg;
	int			 pass;		/* 0 old, 1 new, 2 old again */
};

/*
 * The key fields, each byte escaped (0x00 -> 01 01, 0x01 -> 01 02) and
 * joined by 0x00, so that comparing encodings as bytes compares the
 * fields left to right.
 */
static void
encode_key(struct rowcmp *c, const struct reader *r, const size_t *fields,
    size_t n)
{
	const char *v;
	size_t i, j, len;

	buf_reset(&c->key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&c->key, 0);
		v = rd_val(r, fields[i], &len);
		for (j = 0; j < len; j++) {
			if ((unsigned char)v[j] <= 1) {
				buf_addc(&c->key, 1);
				buf_addc(&c->key, v[j] + 1);
			} else
				buf_addc(&c->key, v[j]);
		}
	}
}

static void
put_len(struct buf *b, uint64_t n)
{
	unsigned char x[8];
	int i;

	for (i = 0; i < 8; i++)
		x[i] = (unsigned char)(n >> (8 * i));
	buf_add(b, x, 8);
}

/* The digest of the common fields: (missing | value length bytes)... */
static void
row_digest(struct rowcmp *c, const struct reader *r, const size_t *comf,
    unsigned char out[DIG_BYTES])
{
	char hex[DIGEST_HEX_MAX];
	const char *v;
	size_t i, len;

	buf_reset(&c->row);
	for (i = 0; i < c->ncom; i++) {
		if (rd_missing(r, comf[i])) {
			buf_addc(&c->row, 0);
			continue;
		}
		v = rd_val(r, comf[i], &len);
		buf_addc(&c->row, 1);
		put_len(&c->row, len);
		buf_add(&c->row, v, len);
	}
	digest_update(c->dg, c->row.s != NULL ? c->row.s : "", c->row.len);
	digest_final(c->dg, hex);
	for (i = 0; i < DIG_BYTES; i++)
		out[i] = (unsigned char)(((hex[2 * i] <= '9' ? hex[2 * i] -
		    '0' : hex[2 * i] - 'a' + 10) << 4) | (hex[2 * i + 1] <=
		    '9' ? hex[2 * i + 1] - '0' : hex[2 * i + 1] - 'a' + 10));
}

/* Write every field of a row to the spill file; its offset, or -1. */
static long long
spill_row(struct diff *d, const struct reader *r)
{
	const char *v;
	struct buf b;
	size_t i, len;
	long long off;
	int ok;

	if ((off = ftello(d->spill)) < 0) {
		diag_errno(errno, NULL, "temporary file");
		return -1;
	}
	buf_init(&b);
	for (i = 0; i < r->s->nfields; i++) {
		v = rd_val(r, i, &len);
		if (rd_missing(r, i)) {
			buf_addc(&b, 0);
			continue;
		}
		buf_addc(&b, 1);
		put_len(&b, len);
		buf_add(&b, v, len);
	}
	ok = b.len == 0 || fwrite(b.s, 1, b.len, d->spill) == b.len;
	buf_release(&b);
	if (!ok) {
		diag_errno(errno, NULL, "cannot write a temporary file");
		return -1;
	}
	return off;
}

static int
dup_key(struct rowcmp *c, const struct reader *r, unsigned long first)
{
	diag(DIAG_USAGE, r->path, r->rec, "primary key of %s repeats that "
	    "of row %lu: not a usable release", c->t->name, first);
	return -1;
}

static const char *
key_of(const struct rowcmp *c)
{
	return c->key.s != NULL ? c->key.s : "";
}

/* Is the old row of e wanted (removed or changed)? */
static int
needs_old(const struct diff_table *t, const struct entry *e)
{
	if (t->keyless)
		return e->nold > e->nnew;
	return e->nnew == 0 || e->changed;
}

static int
on_row(struct reader *r, void *arg)
{
	struct rowcmp *c = arg;
	struct tside *sd = &c->side[c->pass == 1];
	struct diff_table *t = c->t;
	unsigned char dig[DIG_BYTES];
	unsigned long long h;
	struct entry *e;

	encode_key(c, r, sd->keyf, t->nkey);
	h = hash_fnv1a(key_of(c), c->key.len);
	if (c->pass == 2) {
		e = map_find(&c->map, key_of(c), c->key.len, h);
		if (e == NULL || e->oldoff >= 0 || !needs_old(t, e))
			return 0;
		return (e->oldoff = spill_row(c->d, r)) < 0 ? -1 : 0;
	}
	e = map_add(&c->map, key_of(c), c->key.len, h);
	if (c->pass == 0) {
		if (e->nold++ > 0 && !t->keyless)
			return dup_key(c, r, e->oldrec);
		e->oldrec = r->rec;
		t->nold++;
		if (!t->keyless)
			row_digest(c, r, sd->comf, e->dig);
		return 0;
	}
	if (e->nnew++ > 0 && !t->keyless)
		return dup_key(c, r, e->newrec);
	e->newrec = r->rec;
	t->nnew++;
	if (t->keyless) {
		if (e->nnew > e->nold && e->newoff < 0 &&
		    (e->newoff = spill_row(c->d, r)) < 0)
			return -1;
		return 0;
	}
	if (e->nold > 0) {
		row_digest(c, r, sd->comf, dig);
		if (memcmp(dig, e->dig, DIG_BYTES) == 0)
			return 0;
		e->changed = 1;
	}
	return (e->newoff = spill_row(c->d, r)) < 0 ? -1 : 0;
}

static int
row_order(const void *a, const void *b)
{
	const struct diff_row *x = a, *y = b;
	int r = key_cmp(x->key, y->key, x->keylen, y->keylen);

	if (r != 0)
		return r;
	return (int)x->op - (int)y->op;
}

/* The fields to match rows on, and each side's view of the table. */
static void
choose_key(struct rowcmp *c)
{
	const struct schema *so = c->side[0].s, *sn = c->side[1].s;
	const struct schema *ks = NULL;
	struct diff_table *t = c->t;
	size_t i, k;

	for (i = 0; i < sn->npkey; i++)
		if (schema_field_index(so, sn->fields[sn->pkey[i]].name) < 0)
			break;
	if (sn->npkey > 0 && i == sn->npkey)
		ks = sn;
	else {
		for (i = 0; i < so->npkey; i++)
			if (schema_field_index(sn,
			    so->fields[so->pkey[i]].name) < 0)
				break;
		if (so->npkey > 0 && i == so->npkey)
			ks = so;
	}
	for (i = 0; i < so->nfields; i++)
		if (schema_field_index(sn, so->fields[i].name) >= 0)
			c->ncom++;
	t->keyless = ks == NULL;
	t->nkey = ks != NULL ? ks->npkey : c->ncom;
	t->key = xcalloc(t->nkey + 1, sizeof(*t->key));
	for (k = 0; k < 2; k++) {
		c->side[k].keyf = xcalloc(t->nkey + 1, sizeof(size_t));
		c->side[k].comf = xcalloc(c->ncom + 1, sizeof(size_t));
	}
	for (i = 0, k = 0; i < so->nfields; i++) {
		long j = schema_field_index(sn, so->fields[i].name);

		if (j < 0)
			continue;
		c->side[0].comf[k] = i;
		c->side[1].comf[k] = (size_t)j;
		if (ks == NULL)
			t->key[k] = xstrdup(so->fields[i].name);
		k++;
	}
	if (ks == NULL) {
		for (k = 0; k < 2; k++)
			memcpy(c->side[k].keyf, c->side[k].comf,
			    c->ncom * sizeof(size_t));
		return;
	}
	for (i = 0; i < ks->npkey; i++) {
		const char *name = ks->fields[ks->pkey[i]].name;

		t->key[i] = xstrdup(name);
		c->side[0].keyf[i] = (size_t)schema_field_index(so, name);
		c->side[1].keyf[i] = (size_t)schema_field_index(sn, name);
	}
}

static void
add_row(struct diff_table *t, size_t *cap, const struct entry *e,
    enum diff_op op, unsigned long count)
{
	struct diff_row *r;

	t->rows = xgrow(t->rows, cap, t->nrows + 1, sizeof(*t->rows));
	r = &t->rows[t->nrows++];
	r->op = op;
	r->count = count;
	r->key = xmalloc(e->keylen + 1);
	memcpy(r->key, e->key, e->keylen);
	r->key[e->keylen] = '\0';
	r->keylen = e->keylen;
	r->oldoff = e->oldoff;
	r->newoff = e->newoff;
	if (op == DIFF_ADDED)
		t->nadded += count;
	else if (op == DIFF_REMOVED)
		t->nremoved += count;
	else
		t->nchanged += count;
}

static int
rows_compare(struct diff *d, struct diff_table *t, const struct side_table *o,
    const struct side_table *n)
{
	struct rowcmp c;
	struct entry *e;
	size_t i, cap = 0;
	int need_old = 0, rc = -1;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.t = t;
	c.side[0].s = o->schema;
	c.side[0].path = o->path;
	c.side[1].s = n->schema;
	c.side[1].path = n->path;
	buf_init(&c.key);
	buf_init(&c.row);
	c.dg = digest_new(DIGEST_SHA256);
	choose_key(&c);
	if (read_table(o->path, o->schema, on_row, &c) != 0)
		goto out;
	c.pass = 1;
	if (read_table(n->path, n->schema, on_row, &c) != 0)
		goto out;
	for (i = 0; i < c.map.size; i++)
		if ((e = c.map.slot[i]) != NULL && needs_old(t, e))
			need_old = 1;
	c.pass = 2;
	if (need_old && read_table(o->path, o->schema, on_row, &c) != 0)
		goto out;
	for (i = 0; i < c.map.size; i++) {
		if ((e = c.map.slot[i]) == NULL)
			continue;
		if (t->keyless) {
			if (e->nnew > e->nold)
				add_row(t, &cap, e, DIFF_ADDED,
				    e->nnew - e->nold);
			else if (e->nold > e->nnew)
				add_row(t, &cap, e, DIFF_REMOVED,
				    e->nold - e->nnew);
		} else if (e->nold == 0)
			add_row(t, &cap, e, DIFF_ADDED, 1);
		else if (e->nnew == 0)
			add_row(t, &cap, e, DIFF_REMOVED, 1);
		else if (e->changed)
			add_row(t, &cap, e, DIFF_CHANGED, 1);
	}
	if (t->nrows > 1)
		qsort(t->rows, t->nrows, sizeof(*t->rows), row_order);
	rc = 0;
out:
	map_release(&c.map);
	for (i = 0; i < 2; i++) {
		free(c.side[i].keyf);
		free(c.side[i].comf);
	}
	buf_release(&c.key);
	buf_release(&c.row);
	digest_free(c.dg);
	return rc;
}

/* --- running -------------------------------------------------------------- */

static FILE *
spill_open(void)
{
	char *p = xasprintf("%s/sheaf-diff-XXXXXX", tmpbase());
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
	meta_compare(d, &cap);
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
			schema_compare(d, &cap, t->name, o->schema,
			    n->schema);
			if (rows_compare(d, t, o, n) != 0)
				goto fail;
		} else if (read_table(c < 0 ? o->path : n->path, c < 0 ?
		    o->schema : n->schema, count_row, c < 0 ? &t->nold :
		    &t->nnew) != 0)
			goto fail;
		else {
			char rows[32];

			snprintf(rows, sizeof(rows), "%llu", c < 0 ? t->nold :
			    t->nnew);
			set_vals(add_item(d, &cap, c < 0 ? DK_TABLE_REMOVED :
			    DK_TABLE_ADDED, c < 0 ? DIFF_MAJOR : DIFF_MINOR,
			    t->name, NULL, NULL), c < 0 ? rows : NULL,
			    c < 0 ? NULL : rows);
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

/* --- row views ------------------------------------------------------------ */

/* Read one spilled row of nf fields: vals[i] NULL when missing. */
static int
read_spill(const struct diff *d, long long off, size_t nf, char **vals,
    size_t *lens)
{
	unsigned char x[8];
	uint64_t n;
	size_t i = 0;
	int k, c;

	if (fseeko(d->spill, (off_t)off, SEEK_SET) != 0)
		goto err;
	for (i = 0; i < nf; i++) {
		if ((c = getc(d->spill)) == EOF)
			goto err;
		if (c == 0) {
			vals[i] = NULL;
			lens[i] = 0;
			continue;
		}
		if (fread(x, 1, 8, d->spill) != 8)
			goto err;
		for (n = 0, k = 7; k >= 0; k--)
			n = n << 8 | x[k];
		if (n > CSVREAD_CELL_MAX)
			goto err;
		vals[i] = xmalloc((size_t)n + 1);
		if (n > 0 && fread(vals[i], 1, (size_t)n, d->spill) != n) {
			free(vals[i]);
			vals[i] = NULL;
			goto err;
		}
		vals[i][n] = '\0';
		lens[i] = (size_t)n;
	}
	return 0;
err:
	while (i-- > 0)
		free(vals[i]);
	diag(DIAG_SYS, NULL, 0, "cannot read back a temporary file");
	return -1;
}

static int
same_val(const char *a, size_t la, const char *b, size_t lb)
{
	if (a == NULL || b == NULL)
		return a == b;
	return la == lb && memcmp(a, b, la) == 0;
}

static int
is_key(const struct diff_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nkey; i++)
		if (strcmp(t->key[i], name) == 0)
			return 1;
	return 0;
}

int
diff_row_view(const struct diff *d, const struct diff_table *t,
    const struct diff_row *r, struct diff_rowview *v)
{
	const struct schema *so = t->old_schema, *sn = t->new_schema;
	const struct schema *ks = r->op == DIFF_REMOVED ? so : sn;
	char **ov = NULL, **nv = NULL, **kv;
	size_t *ol = NULL, *nl = NULL, i, k, nf;
	long j;

	memset(v, 0, sizeof(*v));
	if (r->op != DIFF_ADDED) {
		ov = xcalloc(so->nfields + 1, sizeof(*ov));
		ol = xcalloc(so->nfields + 1, sizeof(*ol));
		if (read_spill(d, r->oldoff, so->nfields, ov, ol) != 0)
			goto fail;
	}
	if (r->op != DIFF_REMOVED) {
		nv = xcalloc(sn->nfields + 1, sizeof(*nv));
		nl = xcalloc(sn->nfields + 1, sizeof(*nl));
		if (read_spill(d, r->newoff, sn->nfields, nv, nl) != 0)
			goto fail;
	}
	kv = r->op == DIFF_REMOVED ? ov : nv;
	v->nkey = t->nkey;
	v->kname = xcalloc(t->nkey + 1, sizeof(*v->kname));
	v->kval = xcalloc(t->nkey + 1, sizeof(*v->kval));
	v->klen = xcalloc(t->nkey + 1, sizeof(*v->klen));
	for (i = 0; i < t->nkey; i++) {
		j = schema_field_index(ks, t->key[i]);
		v->kname[i] = t->key[i];
		if (kv[j] == NULL)
			continue;
		v->klen[i] = r->op == DIFF_REMOVED ? ol[j] : nl[j];
		v->kval[i] = xmalloc(v->klen[i] + 1);
		memcpy(v->kval[i], kv[j], v->klen[i] + 1);
	}
	nf = ks->nfields;
	v->name = xcalloc(nf + 1, sizeof(*v->name));
	v->oldv = xcalloc(nf + 1, sizeof(*v->oldv));
	v->newv = xcalloc(nf + 1, sizeof(*v->newv));
	v->oldlen = xcalloc(nf + 1, sizeof(*v->oldlen));
	v->newlen = xcalloc(nf + 1, sizeof(*v->newlen));
	for (i = 0, k = 0; i < nf; i++) {
		const char *name = ks->fields[i].name;

		if (is_key(t, name))
			continue;
		if (r->op == DIFF_CHANGED) {
			if ((j = schema_field_index(so, name)) < 0 ||
			    same_val(ov[j], ol[j], nv[i], nl[i]))
				continue;
			v->name[k] = name;
			v->oldv[k] = ov[j];
			v->oldlen[k] = ol[j];
			ov[j] = NULL;
			v->newv[k] = nv[i];
			v->newlen[k] = nl[i];
			nv[i] = NULL;
		} else if (r->op == DIFF_ADDED) {
			v->name[k] = name;
			v->newv[k] = nv[i];
			v->newlen[k] = nl[i];
			nv[i] = NULL;
		} else {
			v->name[k] = name;
			v->oldv[k] = ov[i];
			v->oldlen[k] = ol[i];
			ov[i] = NULL;
		}
		k++;
	}
	v->n = k;
	for (i = 0; ov != NULL && i < so->nfields; i++)
		free(ov[i]);
	for (i = 0; nv != NULL && i < sn->nfields; i++)
		free(nv[i]);
	free(ov);
	free(nv);
	free(ol);
	free(nl);
	return 0;
fail:
	free(ov);
	free(nv);
	free(ol);
	free(nl);
	return -1;
}

void
diff_rowview_release(struct diff_rowview *v)
{
	size_t i;

	for (i = 0; i < v->nkey; i++)
		free(v->kval[i]);
	for (i = 0; i < v->n; i++) {
		free(v->oldv[i]);
		free(v->newv[i]);
	}
	free(v->kname);
	free(v->kval);
	free(v->klen);
	free(v->name);
	free(v->oldv);
	free(v->newv);
	free(v->oldlen);
	free(v->newlen);
	memset(v, 0, sizeof(*v));
}

/* --- writing -------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

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
		else if ((k = utf8_len(p + i, n - i)) == 0) {
			buf_adds(b, "\\ufffd");
			k = 1;
		} else
			buf_add(b, p + i, k);
	}
	buf_addc(b, '"');
}

/* A value as JSON: a string, or null when missing. */
static void
json_val(struct buf *b, const char *s, size_t n)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		diff_json_string(b, s, n);
}

static void
json_str(struct buf *b, const char *s)
{
	json_val(b, s, s != NULL ? strlen(s) : 0);
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
		json_val(b, v->kval[i], v->klen[i]);
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
				json_val(b, v.oldv[k], v.oldlen[k]);
			if (r->op == DIFF_CHANGED)
				buf_adds(b, " -> ");
			if (r->op != DIFF_REMOVED)
				json_val(b, v.newv[k], v.newlen[k]);
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
			json_val(b, v.kval[k], v.klen[k]);
		}
		buf_adds(b, "}, \"values\": {");
		for (k = 0; k < v.n; k++) {
			buf_adds(b, k > 0 ? ", " : "");
			json_str(b, v.name[k]);
			buf_adds(b, ": ");
			if (op == DIFF_CHANGED) {
				buf_adds(b, "{\"new\": ");
				json_val(b, v.newv[k], v.newlen[k]);
				buf_adds(b, ", \"old\": ");
				json_val(b, v.oldv[k], v.oldlen[k]);
				buf_addc(b, '}');
			} else if (op == DIFF_ADDED)
				json_val(b, v.newv[k], v.newlen[k]);
			else
				json_val(b, v.oldv[k], v.oldlen[k]);
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
