/*
 * datapackage: Frictionless Data Package descriptors (jansson);
 * datapackage.json is written a member at a time.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/datapackage.h"
#include "release/jsonout_int.h"


static json_t *
load(const char *path, enum diag_level lvl)
{
	json_error_t err;
	json_t *j;

	j = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL)
		diag(err.line > 0 ? lvl : DIAG_SYS, path,
		    err.line > 0 ? (unsigned long)err.line : 0, "%s", err.text);
	return j;
}

static void
set_str(json_t *o, const char *k, const char *v)
{
	if (v != NULL && *v != '\0')
		json_object_set_new(o, k, json_string(v));
}

static json_t *
str_array(char *const *l)
{
	json_t *a = json_array();

	for (; l != NULL && *l != NULL; l++)
		json_array_append_new(a, json_string(*l));
	return a;
}

static json_t *
licenses(const struct citation *c)
{
	json_t *a = json_array(), *o;
	char *u;
	size_t i;

	for (i = 0; i < c->nlicenses; i++) {
		o = json_object();
		set_str(o, "name", c->licenses[i]);
		u = xasprintf("https://spdx.org/licenses/%s.html",
		    c->licenses[i]);
		set_str(o, "path", u);
		free(u);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
contributors(const struct citation *c)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < c->nauthors; i++) {
		o = json_object();
		set_str(o, "title", c->authors[i]);
		set_str(o, "role", "author");
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * The sources, one per article, as an array at depth d, each written to
 * f as it is made.
 */
static int
put_sources(struct buf *out, struct fs_out *f, const struct dp_release *r,
    int d)
{
	const struct citation_ref *s;
	struct dp_refs cur;
	json_t *o;
	size_t i;
	int rc = 0;

	buf_addc(out, '[');
	dp_refs_open(&cur, r);
	for (i = 0; rc == 0 && (s = dp_refs_next(&cur)) != NULL; i++) {
		o = json_object();
		set_str(o, "title", s->title);
		/* The v1 profile forbids ".." in a path. */
		if (s->url != NULL && strstr(s->url, "..") == NULL &&
		    (strncmp(s->url, "https://", 8) == 0 ||
		    strncmp(s->url, "http://", 7) == 0))
			set_str(o, "path", s->url);
		jsonout_item(out, i, d);
		rc = jsonout_value(out, o, d + 1);
		fs_out_put(f, out);
	}
	if (dp_refs_close(&cur) != 0)
		return -1;
	jsonout_close(out, i, d, ']');
	return rc;
}

static json_t *
dialect(void)
{
	json_t *o = json_object();

	json_object_set_new(o, "delimiter", json_string(","));
	json_object_set_new(o, "doubleQuote", json_true());
	json_object_set_new(o, "header", json_true());
	json_object_set_new(o, "lineTerminator", json_string("\n"));
	json_object_set_new(o, "quoteChar", json_string("\""));
	return o;
}

static json_t *
resource(const struct dp_release *r, const struct dp_table *t)
{
	json_t *o = json_object(), *schema;
	char *h;
	int csv = strcmp(r->flavour, "csv") == 0;

	if ((schema = load(t->schema_file, DIAG_USAGE)) == NULL) {
		json_decref(o);
		return NULL;
	}
	if (!json_is_object(schema) ||
	    !json_is_array(json_object_get(schema, "fields"))) {
		diag(DIAG_USAGE, t->schema_file, 0, "not a Table Schema: "
		    "no \"fields\" array");
		json_decref(schema);
		json_decref(o);
		return NULL;
	}
	set_str(o, "name", t->name);
	set_str(o, "path", t->path);
	set_str(o, "profile", "tabular-data-resource");
	set_str(o, "title", json_string_value(json_object_get(schema,
	    "title")));
	set_str(o, "description", json_string_value(json_object_get(schema,
	    "description")));
	set_str(o, "format", csv ? "csv" : "json");
	set_str(o, "mediatype", csv ? "text/csv" : "application/json");
	set_str(o, "encoding", "utf-8");
	json_object_set_new(o, "bytes", json_integer((json_int_t)t->bytes));
	h = xasprintf("sha256:%s", t->sha256);
	set_str(o, "hash", h);
	free(h);
	if (csv)
		json_object_set_new(o, "dialect", dialect());
	json_object_set_new(o, "schema", schema);
	return o;
}

int
datapackage_write(const struct dp_release *r, struct fs_out *f)
{
	const struct citation *c = r->cff;
	json_t *dp = json_object(), *res = json_array(), *o;
	struct buf b, *out = &b;
	char *s;
	size_t i, n;
	int rc = 0;

	set_str(dp, "name", r->name);
	set_str(dp, "profile", "tabular-data-package");
	set_str(dp, "title", c->title);
	set_str(dp, "description", c->abstract);
	set_str(dp, "version", r->version);
	s = xasprintf("%sT00:00:00Z", r->date);
	set_str(dp, "created", s);
	free(s);
	if (c->doi != NULL) {
		s = xasprintf("https://doi.org/%s", c->doi);
		set_str(dp, "id", s);
		free(s);
	}
	if (c->url != NULL)
		set_str(dp, "homepage", c->url);
	json_object_set_new(dp, "licenses", licenses(c));
	if (c->nkeywords > 0)
		json_object_set_new(dp, "keywords", str_array(c->keywords));
	json_object_set_new(dp, "contributors", contributors(c));
	for (i = 0; i < r->ntables; i++) {
		if ((o = resource(r, &r->tables[i])) == NULL) {
			rc = -1;
			continue;
		}
		json_array_append_new(res, o);
	}
	json_object_set_new(dp, "resources", res);
	if (rc == 0) {
		/* the members, with the sources in their place */
		buf_init(&b);
		buf_addc(out, '{');
		n = 0;
		rc = jsonout_members(out, dp, 0, &n, NULL, "sources");
		if (rc == 0 && r->nrefs > 0) {
			jsonout_item(out, n++, 0);
			buf_adds(out, "\"sources\": ");
			rc = put_sources(out, f, r, 1);
		}
		if (rc == 0)
			rc = jsonout_members(out, dp, 0, &n, "sources", NULL);
		jsonout_close(out, n, 0, '}');
		buf_addc(out, '\n');
		if (rc != 0)
			diag(DIAG_SYS, "datapackage.json", 0, "cannot encode");
		else
			fs_out_put(f, out);
		buf_release(&b);
	}
	json_decref(dp);
	return rc;
}

/* Datasette's table metadata: title, description, column descriptions. */
static json_t *
datasette_table(const struct dp_table *t)
{
	json_t *o, *schema, *cols, *f;
	const char *d;
	size_t i;

	if ((schema = load(t->schema_file, DIAG_USAGE)) == NULL)
		return NULL;
	o = json_object();
	cols = json_object();
	set_str(o, "title", json_string_value(json_object_get(schema,
	    "title")));
	set_str(o, "description", json_string_value(json_object_get(schema,
	    "description")));
	json_array_foreach(json_object_get(schema, "fields"), i, f) {
		d = json_string_value(json_object_get(f, "description"));
		if (json_is_string(json_object_get(f, "name")) && d != NULL)
			set_str(cols, json_string_value(json_object_get(f,
			    "name")), d);
	}
	json_object_set_new(o, "columns", cols);
	json_decref(schema);
	return o;
}

int
datapackage_datasette(const struct dp_release *r, const char *db,
    struct buf *out)
{
	const struct citation *c = r->cff;
	json_t *m = json_object(), *dbs = json_object(), *d = json_object();
	json_t *tabs = json_object(), *o;
	char *s;
	size_t i;
	int rc = 0;

	s = xasprintf("%s %s", c->title, r->version);
	set_str(m, "title", s);
	free(s);
	set_str(m, "description", c->abstract);
	if (c->nlicenses > 0) {
		set_str(m, "license", c->licenses[0]);
		s = xasprintf("https://spdx.org/licenses/%s.html",
		    c->licenses[0]);
		set_str(m, "license_url", s);
		free(s);
	}
	if (c->doi != NULL) {
		s = xasprintf("https://doi.org/%s", c->doi);
		set_str(m, "source", c->title);
		set_str(m, "source_url", s);
		free(s);
	} else if (c->url != NULL) {
		set_str(m, "source", c->title);
		set_str(m, "source_url", c->url);
	}
	for (i = 0; i < r->ntables; i++) {
		if ((o = datasette_table(&r->tables[i])) == NULL) {
			rc = -1;
			continue;
		}
		json_object_set_new(tabs, r->tables[i].name, o);
	}
	json_object_set_new(d, "tables", tabs);
	json_object_set_new(dbs, db, d);
	json_object_set_new(m, "databases", dbs);
	if (rc == 0) {
		s = json_dumps(m, JSON_INDENT(2) | JSON_SORT_KEYS);
		if (s == NULL) {
			diag(DIAG_SYS, "metadata.json", 0, "cannot encode");
			rc = -1;
		} else {
			buf_adds(out, s);
			buf_addc(out, '\n');
			free(s);
		}
	}
	json_decref(m);
	return rc;
}

long long
datapackage_json_rows(const char *path)
{
	json_t *j = load(path, DIAG_DATA);
	long long n;

	if (j == NULL)
		return -1;
	if (!json_is_array(j)) {
		diag(DIAG_DATA, path, 1, "a JSON table must be an array");
		json_decref(j);
		return -1;
	}
	n = (long long)json_array_size(j);
	json_decref(j);
	return n;
}

static const char *
get(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) && json_string_length(v) > 0 ?
	    json_string_value(v) : NULL;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
ref_of(struct citation_ref *r, json_t *o)
{
	const char *t = get(o, "title");

	r->title = dup_or_null(t != NULL ? t :
	    get(o, "document_id") != NULL ? get(o, "document_id") :
	    "untitled");
	r->id = dup_or_null(get(o, "document_id"));
	r->authors = dup_or_null(get(o, "authors"));
	r->publisher = dup_or_null(get(o, "publisher"));
	r->url = dup_or_null(get(o, "url"));
	r->published = dup_or_null(get(o, "published"));
	r->language = dup_or_null(get(o, "language"));
}

static void
ref_clear(struct citation_ref *r)
{
	free((char *)(uintptr_t)r->id);
	free((char *)(uintptr_t)r->title);
	free((char *)(uintptr_t)r->authors);
	free((char *)(uintptr_t)r->publisher);
	free((char *)(uintptr_t)r->url);
	free((char *)(uintptr_t)r->published);
	free((char *)(uintptr_t)r->language);
	memset(r, 0, sizeof(*r));
}

/*
 * The next row of a table as the build's sink writes it, "[", one row a
 * line ending in ',' but the last, "]": *o (owned by the caller) and 1;
 * 0 at the end; -1 when the file is not in that shape.  *state starts
 * at 0 (before "["), is 1 among the rows and 2 after "]".
 */
static int
next_row(FILE *fp, char **line, size_t *cap, int *state, json_t **o)
{
	ssize_t got;
	size_t len;
	char *l;

	while ((got = getline(line, cap, fp)) > 0) {
		l = *line;
		len = (size_t)got;
		while (len > 0 && (l[len - 1] == '\n' || l[len - 1] == '\r'))
			len--;
		if (*state == 0 && len == 1 && l[0] == '[') {
			*state = 1;
			continue;
		}
		if (*state == 0 && len == 2 && memcmp(l, "[]", 2) == 0) {
			*state = 2;
			continue;
		}
		if (*state == 1 && len == 1 && l[0] == ']') {
			*state = 2;
			continue;
		}
		if (*state != 1)
			return -1;
		if (len > 0 && l[len - 1] == ',')
			len--;
		if ((*o = json_loadb(l, len, JSON_REJECT_DUPLICATES,
		    NULL)) == NULL || !json_is_object(*o)) {
			json_decref(*o);
			return -1;
		}
		return 1;
	}
	return *state == 2 && !ferror(fp) ? 0 : -1;
}

/*
 * The table read a line at a time (next_row), so that memory holds the
 * references, not the parsed table.  0, or 1 when the file is not in
 * that shape (the caller loads it whole).
 */
static int
refs_by_line(FILE *fp, struct citation_ref **refs, size_t *n)
{
	char *line = NULL;
	size_t cap = 0, rcap = 0;
	json_t *o;
	int state = 0, r;

	while ((r = next_row(fp, &line, &cap, &state, &o)) == 1) {
		*refs = xgrow(*refs, &rcap, *n + 2, sizeof(**refs));
		memset(&(*refs)[*n], 0, 2 * sizeof(**refs));
		ref_of(&(*refs)[(*n)++], o);
		json_decref(o);
	}
	free(line);
	return r == 0 ? 0 : 1;
}

int
datapackage_json_count(const char *path, size_t *n)
{
	char *line = NULL;
	size_t cap = 0;
	json_t *o;
	FILE *fp;
	int state = 0, r;

	*n = 0;
	if ((fp = fopen(path, "r")) == NULL) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	while ((r = next_row(fp, &line, &cap, &state, &o)) == 1) {
		json_decref(o);
		(*n)++;
	}
	free(line);
	fclose(fp);
	return r == 0 ? 0 : 1;
}

void
dp_refs_open(struct dp_refs *c, const struct dp_release *r)
{
	memset(c, 0, sizeof(*c));
	c->r = r;
	if (r->refs != NULL || r->refs_path == NULL)
		return;
	c->cur = xcalloc(1, sizeof(*c->cur));
	if ((c->fp = fopen(r->refs_path, "r")) == NULL) {
		diag_errno(errno, r->refs_path, "cannot open");
		c->bad = 1;
	}
}

const struct citation_ref *
dp_refs_next(void *cursor)
{
	struct dp_refs *c = cursor;
	json_t *o;
	int rc;

	if (c->r->refs != NULL)
		return c->i < c->r->nrefs ? &c->r->refs[c->i++] : NULL;
	if (c->fp == NULL || c->bad)
		return NULL;
	ref_clear(c->cur);
	if ((rc = next_row(c->fp, &c->line, &c->cap, &c->state, &o)) != 1) {
		if (rc != 0) {
			diag(DIAG_SYS, c->r->refs_path, 0, "cannot read the "
			    "documents a row at a time");
			c->bad = 1;
		}
		return NULL;
	}
	ref_of(c->cur, o);
	json_decref(o);
	c->i++;
	return c->cur;
}

int
dp_refs_close(struct dp_refs *c)
{
	int bad = c->bad;

	if (c->cur != NULL) {
		ref_clear(c->cur);
		free(c->cur);
	}
	if (c->fp != NULL)
		fclose(c->fp);
	free(c->line);
	memset(c, 0, sizeof(*c));
	return bad ? -1 : 0;
}

int
datapackage_json_refs(const char *path, struct citation_ref **refs,
    size_t *n)
{
	json_t *j, *o;
	struct citation_ref *r;
	FILE *fp;
	size_t i;
	int rc;

	*refs = NULL;
	*n = 0;
	if ((fp = fopen(path, "r")) != NULL) {
		rc = refs_by_line(fp, refs, n);
		fclose(fp);
		if (rc == 0) {
			if (*refs == NULL)
				*refs = xcalloc(1, sizeof(**refs));
			return 0;
		}
		datapackage_refs_free(*refs, *n);
		*refs = NULL;
		*n = 0;
	}
	if ((j = load(path, DIAG_DATA)) == NULL)
		return -1;
	if (!json_is_array(j)) {
		diag(DIAG_DATA, path, 1, "a JSON table must be an array");
		json_decref(j);
		return -1;
	}
	r = xcalloc(json_array_size(j) + 1, sizeof(*r));
	json_array_foreach(j, i, o)
		ref_of(&r[i], o);
	*n = json_array_size(j);
	*refs = r;
	json_decref(j);
	return 0;
}

void
datapackage_refs_free(struct citation_ref *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ref_clear(&r[i]);
	free(r);
}
