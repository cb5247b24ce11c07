/*
 * schemas: the metadata and schema changes between two versions, the
 * items of a diff (struct diff_item), each with the bump it needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "diff/diff_int.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "validate/schema.h"

/* --- collecting changes --------------------------------------------------- */

struct diff_item *
diff_add_item(struct diff *d, size_t *cap, enum diff_kind k,
    enum diff_bump bump, const char *table, const char *field,
    const char *what)
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

void
diff_set_vals(struct diff_item *it, const char *o, const char *n)
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
	diff_set_vals(diff_add_item(d, cap, DK_META, bump, NULL, NULL, key), o,
	    n);
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
void
diff_meta_compare(struct diff *d, size_t *cap)
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
	diff_set_vals(diff_add_item(d, cap, dir > 0 ? DK_TIGHTENED :
	    DK_LOOSENED, dir > 0 ? DIFF_MAJOR : DIFF_MINOR, t, f, what), o, n);
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

int
diff_key_cmp(const void *a, const void *b, size_t la, size_t lb)
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
			if (diff_key_cmp(a->enum_key[i], b->enum_key[j],
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
		diff_set_vals(diff_add_item(d, cap, DK_CONSTRAINT, DIFF_MAJOR,
		    t, fo->name, "enum"), o, n);
	free(o);
	free(n);
}

static void
field_compare(struct diff *d, size_t *cap, const char *t,
    const struct field *fo, const struct field *fn)
{
	int same_type = fo->type == fn->type;

	if (!same_type)
		diff_set_vals(diff_add_item(d, cap, DK_FIELD_RETYPED,
		    DIFF_MAJOR, t, fo->name, NULL),
		    schema_type_name(fo->type), schema_type_name(fn->type));
	else if (!same_str(fo->format, fn->format))
		diff_set_vals(diff_add_item(d, cap, DK_FIELD_FORMAT,
		    DIFF_MAJOR, t, fo->name, NULL), fo->format, fn->format);
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
			diff_set_vals(diff_add_item(d, cap, DK_CONSTRAINT,
			    DIFF_MAJOR, t, fo->name, "pattern"), fo->pattern,
			    fn->pattern);
	}
	if (same_type)
		enum_constraint(d, cap, t, fo, fn);
	if (!same_str(fo->title, fn->title))
		diff_set_vals(diff_add_item(d, cap, DK_FIELD_DOC, DIFF_PATCH, t,
		    fo->name, "title"), fo->title, fn->title);
	if (!same_str(fo->description, fn->description))
		diff_set_vals(diff_add_item(d, cap, DK_FIELD_DOC, DIFF_PATCH, t,
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

void
diff_schema_compare(struct diff *d, size_t *cap, const char *t,
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
			diff_set_vals(diff_add_item(d, cap, DK_FIELD_REMOVED,
			    DIFF_MAJOR, t, so->fields[i].name, NULL),
			    schema_type_name(so->fields[i].type), NULL);
			continue;
		}
		buf_printf(&bo, "%s%s", bo.len > 0 ? ", " : "",
		    so->fields[i].name);
	}
	for (i = 0; i < sn->nfields; i++) {
		if (schema_field_index(so, sn->fields[i].name) < 0) {
			diff_set_vals(diff_add_item(d, cap, DK_FIELD_ADDED,
			    DIFF_MINOR, t, sn->fields[i].name, NULL), NULL,
			    schema_type_name(sn->fields[i].type));
			continue;
		}
		buf_printf(&bn, "%s%s", bn.len > 0 ? ", " : "",
		    sn->fields[i].name);
	}
	if (strcmp(buf_str(&bo), buf_str(&bn)) != 0) {
		char *a = xasprintf("(%s)", buf_str(&bo));
		char *b = xasprintf("(%s)", buf_str(&bn));

		diff_set_vals(diff_add_item(d, cap, DK_FIELDS_REORDERED,
		    DIFF_MAJOR, t, NULL, NULL), a, b);
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

		diff_set_vals(diff_add_item(d, cap, DK_MISSING, DIFF_MAJOR, t,
		    NULL, NULL), a, b);
		free(a);
		free(b);
	}
	{
		char *a = pkey_text(so), *b = pkey_text(sn);

		if (!same_str(a, b))
			diff_set_vals(diff_add_item(d, cap, DK_PKEY, DIFF_MAJOR,
			    t, NULL, NULL), a, b);
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
			diff_set_vals(diff_add_item(d, cap, DK_FKEY_REMOVED,
			    DIFF_MINOR, t, NULL, NULL), fo[i], NULL);
	}
	for (j = 0; j < nfn; j++) {
		for (i = 0; i < nfo && strcmp(fo[i], fn[j]) != 0; i++)
			continue;
		if (i == nfo)
			diff_set_vals(diff_add_item(d, cap, DK_FKEY_ADDED,
			    DIFF_MAJOR, t, NULL, NULL), NULL, fn[j]);
	}
	for (i = 0; i < nfo; i++)
		free(fo[i]);
	for (i = 0; i < nfn; i++)
		free(fn[i]);
	free(fo);
	free(fn);
}
