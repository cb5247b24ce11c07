/*
 * rocrate: ro-crate-metadata.json, written one entity at a time (each
 * dumped by jansson with sorted keys) in a fixed entity order:
 * descriptor, root, files (byte order of their paths), licences,
 * authors, articles, publishers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bag/bag.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/datapackage.h"
#include "release/rocrate.h"

#define CRATE_CONTEXT	"https://w3id.org/ro/crate/1.1/context"
#define CRATE_SPEC	"https://w3id.org/ro/crate/1.1"
#define SHA256_TERM	"https://w3id.org/ro/terms/workflow-run#sha256"
#define SPDX		"https://spdx.org/licenses/"

/* Media types by the endings sheaf's payload files have. */
static const struct {
	const char	*end, *type;
} formats[] = {
	{ ".schema.json", "application/schema+json" },
	{ ".json", "application/json" },
	{ ".csv", "text/csv" },
	{ ".md", "text/markdown" },
	{ ".cff", "application/yaml" },
	{ ".txt", "text/plain" },
	{ ".jsonl", "application/jsonl" },
	{ ".html", "text/html" },
	{ ".svg", "image/svg+xml" },
};

static const char *
format_of(const char *path)
{
	size_t i, n = strlen(path), k;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		k = strlen(formats[i].end);
		if (n > k && strcmp(path + n - k, formats[i].end) == 0)
			return formats[i].type;
	}
	return "application/octet-stream";
}

static json_t *
ref(const char *id)
{
	return json_pack("{s:s}", "@id", id);
}

/* Set key to s when s is not NULL. */
static void
set_opt(json_t *o, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		json_object_set_new(o, key, json_string(s));
}

/* The @id of source article i: its URL, else a local one. */
static char *
article_id(const struct dp_release *r, size_t i)
{
	const struct citation_ref *a = &r->refs[i];

	if (a->url != NULL && *a->url != '\0')
		return xstrdup(a->url);
	return xasprintf("#source-%s", a->id != NULL ? a->id : "");
}

/* The table whose data/ path is rel, or NULL. */
static const struct dp_table *
table_at(const struct dp_release *r, const char *rel)
{
	size_t i;

	for (i = 0; i < r->ntables; i++)
		if (strcmp(r->tables[i].path, rel) == 0)
			return &r->tables[i];
	return NULL;
}

/*
 * The crate is written as it goes, one entity at a time, so that memory
 * holds one entity, not a tree that grows with the corpus.  Each piece
 * is dumped by jansson (JSON_INDENT(2), sorted keys) and indented to its
 * depth; the joins between pieces are written the way jansson writes
 * them, so the bytes are those of the whole tree dumped at once.
 */
struct indent {
	struct buf	*out;
	int		 cols;
};

static int
put_indented(const char *s, size_t n, void *arg)
{
	const struct indent *in = arg;
	const char *nl;
	size_t k;

	while ((nl = memchr(s, '\n', n)) != NULL) {
		k = (size_t)(nl - s) + 1;
		buf_add(in->out, s, k);
		buf_printf(in->out, "%*s", in->cols, "");
		s += k;
		n -= k;
	}
	buf_add(in->out, s, n);
	return 0;
}

/* Append v (consumed) as it is dumped at depth d of the document. */
static void
emit(struct buf *out, json_t *v, int d)
{
	struct indent in = { out, 2 * d };

	if (json_dump_callback(v, put_indented, &in, JSON_INDENT(2) |
	    JSON_SORT_KEYS | JSON_ENCODE_ANY) != 0) {
		fputs("sheaf: out of memory (RO-Crate)\n", stderr);
		exit(EXIT_SYS);
	}
	json_decref(v);
}

/* Start item n (from 0) of an array or object at depth d. */
static void
item(struct buf *out, size_t n, int d)
{
	buf_printf(out, "%s\n%*s", n > 0 ? "," : "", 2 * (d + 1), "");
}

/* Close with c an array or object of n items at depth d. */
static void
close_with(struct buf *out, size_t n, int d, int c)
{
	if (n > 0)
		buf_printf(out, "\n%*s", 2 * d, "");
	buf_addc(out, c);
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Members of the object o (at depth d) whose keys k have lo < k < hi
 * (NULL: no bound), in key order, as items n, n+1, ...; the new count.
 */
static size_t
members(struct buf *out, json_t *o, int d, size_t n, const char *lo,
    const char *hi)
{
	const char **keys, *k;
	json_t *v;
	size_t i, nk = 0;

	keys = xcalloc(json_object_size(o) + 1, sizeof(*keys));
	json_object_foreach(o, k, v)
		if ((lo == NULL || strcmp(k, lo) > 0) &&
		    (hi == NULL || strcmp(k, hi) < 0))
			keys[nk++] = k;
	qsort(keys, nk, sizeof(*keys), cmp_key);
	for (i = 0; i < nk; i++) {
		item(out, n++, d);
		buf_printf(out, "\"%s\": ", keys[i]);
		emit(out, json_incref(json_object_get(o, keys[i])), d + 1);
	}
	free(keys);
	return n;
}

/* Is rel a file the crate describes? */
static int
described(const struct filetree *t, size_t i)
{
	return !t->e[i].isdir && strcmp(t->e[i].path, ROCRATE_FILE) != 0;
}

/* The root's hasPart, at depth d: a reference to each file. */
static void
put_parts(struct buf *out, const struct filetree *t, int d)
{
	size_t i, n = 0;

	buf_addc(out, '[');
	for (i = 0; i < t->n; i++)
		if (described(t, i)) {
			item(out, n++, d);
			emit(out, ref(t->e[i].path), d + 1);
		}
	close_with(out, n, d, ']');
}

/* The root's citation, at depth d: a reference to each article. */
static void
put_citations(struct buf *out, const struct dp_release *r, int d)
{
	char *id;
	size_t i;

	buf_addc(out, '[');
	for (i = 0; i < r->nrefs; i++) {
		id = article_id(r, i);
		item(out, i, d);
		emit(out, ref(id), d + 1);
		free(id);
	}
	close_with(out, r->nrefs, d, ']');
}

/*
 * File entities of the files of t under data, as graph items from *n at
 * depth d; the files of known[] (sums taken as they were written) are
 * not read.
 */
static int
put_files(struct buf *out, const struct dp_release *r, const char *data,
    const struct filetree *t, const struct bag_sum *known, size_t nknown,
    size_t *n, int d)
{
	struct digest_sum sum;
	const struct digest_sum *ks;
	const struct dp_table *tab;
	json_t *f;
	char *p, *size, *sch;
	size_t i, k, len;
	int rc = 0;

	for (i = 0; i < t->n && rc == 0; i++) {
		const char *rel = t->e[i].path;

		if (!described(t, i))
			continue;
		for (ks = NULL, k = 0; k < nknown && ks == NULL; k++)
			if (strcmp(known[k].path, rel) == 0)
				ks = known[k].sum;
		if (ks == NULL) {
			p = xasprintf("%s/%s", data, rel);
			rc = digest_file(p, &sum);
			free(p);
			if (rc != 0)
				break;
			ks = &sum;
		}
		size = xasprintf("%llu", (unsigned long long)ks->size);
		f = json_pack("{s:s,s:s,s:s,s:s,s:s}", "@id", rel, "@type",
		    "File", "encodingFormat", format_of(rel), "contentSize",
		    size, "sha256", ks->hex[DIGEST_SHA256]);
		free(size);
		if ((tab = table_at(r, rel)) != NULL) {
			sch = xasprintf("schemas/%s.json", tab->name);
			json_object_set_new(f, "name", json_string(tab->name));
			json_object_set_new(f, "conformsTo", ref(sch));
			free(sch);
		}
		/* a verbatim article: source/ID.txt */
		len = strlen(rel);
		for (k = 0; k < r->nrefs && strncmp(rel, "source/", 7) == 0;
		    k++) {
			const char *id = r->refs[k].id;

			if (id != NULL && len == 7 + strlen(id) + 4 &&
			    strncmp(rel + 7, id, strlen(id)) == 0 &&
			    strcmp(rel + len - 4, ".txt") == 0) {
				p = article_id(r, k);
				json_object_set_new(f, "isBasedOn", ref(p));
				free(p);
				break;
			}
		}
		item(out, (*n)++, d);
		emit(out, f, d + 1);
	}
	return rc;
}

static json_t *
person(const struct citation_person *p, const char *id)
{
	json_t *o = json_pack("{s:s,s:s,s:s}", "@id", id, "@type",
	    p->entity ? "Organization" : "Person", "name", p->name);

	set_opt(o, "email", p->email);
	set_opt(o, "url", p->website);
	return o;
}

/* Source article i as a CreativeWork; pubs maps publishers to ids. */
static json_t *
article(const struct dp_release *r, size_t i, json_t *pubs)
{
	const struct citation_ref *sr = &r->refs[i];
	json_t *a, *arr, *pid;
	char *id, *s;

	id = article_id(r, i);
	a = json_pack("{s:s,s:s,s:s}", "@id", id, "@type", "CreativeWork",
	    "name", sr->title);
	free(id);
	set_opt(a, "url", sr->url);
	set_opt(a, "datePublished", sr->published);
	set_opt(a, "inLanguage", sr->language);
	if (sr->authors != NULL && *sr->authors != '\0') {
		const char *p = sr->authors, *e;

		arr = json_array();
		for (;;) {
			e = strstr(p, "; ");
			s = e != NULL ? xstrndup(p, (size_t)(e - p)) :
			    xstrdup(p);
			json_array_append_new(arr, json_string(s));
			free(s);
			if (e == NULL)
				break;
			p = e + 2;
		}
		json_object_set_new(a, "author", arr);
	}
	if (sr->publisher != NULL && *sr->publisher != '\0') {
		if ((pid = json_object_get(pubs, sr->publisher)) == NULL) {
			s = xasprintf("#publisher-%zu",
			    json_object_size(pubs) + 1);
			pid = json_string(s);
			json_object_set_new(pubs, sr->publisher, pid);
			free(s);
		}
		json_object_set_new(a, "publisher",
		    ref(json_string_value(pid)));
	}
	return a;
}

int
rocrate_write(const struct dp_release *r, const char *data,
    const struct bag_sum *known, size_t nknown, struct buf *out)
{
	const struct citation *c = r->cff;
	struct filetree t;
	json_t *root, *arr, *pubs;
	char *id, *s;
	size_t i, k, n, mark = out->len;
	int rc;

	filetree_init(&t);
	if (filetree_list(data, &t) != 0)
		return -1;

	/* the document: @context, then @graph at depth 1 */
	buf_addc(out, '{');
	item(out, 0, 0);
	buf_adds(out, "\"@context\": ");
	emit(out, json_pack("[s,{s:s}]", CRATE_CONTEXT, "sha256",
	    SHA256_TERM), 1);
	item(out, 1, 0);
	buf_adds(out, "\"@graph\": [");
	n = 0;
	item(out, n++, 1);
	emit(out, json_pack("{s:s,s:s,s:o,s:o}", "@id", ROCRATE_FILE,
	    "@type", "CreativeWork", "conformsTo", ref(CRATE_SPEC), "about",
	    ref("./")), 2);

	/* the root: its fixed members, citation and hasPart streamed */
	root = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "@id", "./", "@type",
	    "Dataset", "name", c->title, "description", c->abstract,
	    "version", r->version, "datePublished", r->date);
	if (c->doi != NULL) {
		s = xasprintf("https://doi.org/%s", c->doi);
		json_object_set_new(root, "identifier", json_string(s));
		free(s);
	}
	set_opt(root, "url", c->url);
	arr = json_array();
	for (i = 0; i < c->nkeywords; i++)
		json_array_append_new(arr, json_string(c->keywords[i]));
	json_object_set_new(root, "keywords", arr);
	arr = json_array();
	for (i = 0; i < c->nlicenses; i++) {
		s = xasprintf(SPDX "%s", c->licenses[i]);
		json_array_append_new(arr, ref(s));
		free(s);
	}
	json_object_set_new(root, "license", arr);
	arr = json_array();
	for (i = 0; i < c->nauthors; i++) {
		id = c->people[i].orcid != NULL ?
		    xstrdup(c->people[i].orcid) :
		    xasprintf("#author-%zu", i + 1);
		json_array_append_new(arr, ref(id));
		free(id);
	}
	json_object_set_new(root, "author", arr);
	item(out, n++, 1);
	buf_addc(out, '{');
	k = members(out, root, 2, 0, NULL, "citation");
	item(out, k++, 2);
	buf_adds(out, "\"citation\": ");
	put_citations(out, r, 3);
	k = members(out, root, 2, k, "citation", "hasPart");
	item(out, k++, 2);
	buf_adds(out, "\"hasPart\": ");
	put_parts(out, &t, 3);
	k = members(out, root, 2, k, "hasPart", NULL);
	close_with(out, k, 2, '}');
	json_decref(root);

	rc = put_files(out, r, data, &t, known, nknown, &n, 1);
	filetree_release(&t);
	if (rc != 0) {
		out->len = mark;
		out->s[mark] = '\0';
		return rc;
	}

	/* licences */
	for (i = 0; i < c->nlicenses; i++) {
		s = xasprintf(SPDX "%s", c->licenses[i]);
		item(out, n++, 1);
		emit(out, json_pack("{s:s,s:s,s:s,s:s}", "@id", s, "@type",
		    "CreativeWork", "name", c->licenses[i], "identifier",
		    c->licenses[i]), 2);
		free(s);
	}
	/* the dataset's authors */
	for (i = 0; i < c->nauthors; i++) {
		const struct citation_person *p = &c->people[i];

		id = p->orcid != NULL ? xstrdup(p->orcid) :
		    xasprintf("#author-%zu", i + 1);
		item(out, n++, 1);
		emit(out, person(p, id), 2);
		free(id);
	}
	/* the source articles and their publishers */
	pubs = json_object();
	for (i = 0; i < r->nrefs; i++) {
		item(out, n++, 1);
		emit(out, article(r, i, pubs), 2);
	}
	/* publishers in the order first named */
	for (k = 1; k <= json_object_size(pubs); k++) {
		const char *name;
		json_t *pid;

		s = xasprintf("#publisher-%zu", k);
		json_object_foreach(pubs, name, pid)
			if (strcmp(json_string_value(pid), s) == 0) {
				item(out, n++, 1);
				emit(out, json_pack("{s:s,s:s,s:s}", "@id", s,
				    "@type", "Organization", "name", name), 2);
			}
		free(s);
	}
	json_decref(pubs);
	close_with(out, n, 1, ']');
	close_with(out, 2, 0, '}');
	buf_addc(out, '\n');
	return 0;
}
