/*
 * rocrate: ro-crate-metadata.json, written one entity at a time (each
 * dumped by jansson with sorted keys) in a fixed entity order:
 * descriptor, root, files (byte order of their paths), licences,
 * authors, articles, publishers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bag/bag.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/datapackage.h"
#include "release/jsonout_int.h"
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

/* The @id of a source article: its URL, else a local one. */
static char *
article_id(const struct citation_ref *a)
{
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

/* Is rel a file the crate describes? */
static int
described(const struct filetree *t, size_t i)
{
	return !t->e[i].isdir && strcmp(t->e[i].path, ROCRATE_FILE) != 0;
}

/* The root's hasPart, at depth d: a reference to each file, each
 * written to f as it is made; -1 when one cannot be encoded. */
static int
put_parts(struct buf *out, struct fs_out *f, const struct filetree *t,
    int d)
{
	size_t i, n = 0;
	int rc = 0;

	buf_addc(out, '[');
	for (i = 0; i < t->n && rc == 0; i++)
		if (described(t, i)) {
			jsonout_item(out, n++, d);
			rc = jsonout_value(out, ref(t->e[i].path), d + 1);
			fs_out_put(f, out);
		}
	jsonout_close(out, n, d, ']');
	return rc;
}

/* The root's citation, at depth d: a reference to each article, each
 * written to f as it is made; -1 when one cannot be encoded. */
static int
put_citations(struct buf *out, struct fs_out *f, const struct dp_release *r,
    int d)
{
	const struct citation_ref *a;
	struct dp_refs cur;
	char *id;
	size_t i;
	int rc = 0;

	buf_addc(out, '[');
	dp_refs_open(&cur, r);
	for (i = 0; rc == 0 && (a = dp_refs_next(&cur)) != NULL; i++) {
		id = article_id(a);
		jsonout_item(out, i, d);
		rc = jsonout_value(out, ref(id), d + 1);
		free(id);
		fs_out_put(f, out);
	}
	if (dp_refs_close(&cur) != 0)
		rc = -1;
	jsonout_close(out, i, d, ']');
	return rc;
}

/*
 * File entities of the files of t under data, as graph items from *n at
 * depth d, each written to f as it is made; the files of known[] (sums
 * taken as they were written) are not read.  refs[] (nrefs) are the
 * source articles, which verbatim copies source/ID.txt are linked to.
 * -1 after a diagnostic when a file cannot be read; *bad is set when an
 * entity cannot be encoded.
 */
static int
put_files(struct buf *out, struct fs_out *out_f,
    const struct dp_release *r,
    const struct citation_ref *refs, size_t nrefs, const char *data,
    const struct filetree *t, const struct bag_sum *known, size_t nknown,
    size_t *n, int d, int *bad)
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
		for (k = 0; k < nrefs && strncmp(rel, "source/", 7) == 0;
		    k++) {
			const char *id = refs[k].id;

			if (id != NULL && len == 7 + strlen(id) + 4 &&
			    strncmp(rel + 7, id, strlen(id)) == 0 &&
			    strcmp(rel + len - 4, ".txt") == 0) {
				p = article_id(&refs[k]);
				json_object_set_new(f, "isBasedOn", ref(p));
				free(p);
				break;
			}
		}
		jsonout_item(out, (*n)++, d);
		*bad |= jsonout_value(out, f, d + 1);
		fs_out_put(out_f, out);
	}
	return rc;
}

/*
 * The source articles that put_files() links verbatim copies to: r's
 * own when it holds them, else, when data has copies source/ID.txt (one
 * file a document grows with the corpus anyway), read from refs_path
 * (free with datapackage_refs_free when *refs is not r->refs); none
 * otherwise.  Returns 0, or -1 after a diagnostic.
 */
static int
source_refs(const struct dp_release *r, const struct filetree *t,
    struct citation_ref **refs, size_t *n)
{
	size_t i, len;

	*refs = (struct citation_ref *)(uintptr_t)r->refs;
	*n = r->refs != NULL ? r->nrefs : 0;
	if (r->refs != NULL || r->refs_path == NULL)
		return 0;
	for (i = 0; i < t->n; i++) {
		len = strlen(t->e[i].path);
		if (described(t, i) && strncmp(t->e[i].path, "source/",
		    7) == 0 && len > 11 &&
		    strcmp(t->e[i].path + len - 4, ".txt") == 0)
			return datapackage_json_refs(r->refs_path, refs, n);
	}
	return 0;
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

/* A source article as a CreativeWork; pubs maps publishers to ids. */
static json_t *
article(const struct citation_ref *sr, json_t *pubs)
{
	json_t *a, *arr, *pid;
	char *id, *s;

	id = article_id(sr);
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
    const struct bag_sum *known, size_t nknown, struct fs_out *f)
{
	const struct citation *c = r->cff;
	struct filetree t;
	struct buf b, *out = &b;
	struct dp_refs cur;
	const struct citation_ref *a;
	struct citation_ref *refs;
	json_t *root, *arr, *pubs;
	char *id, *s;
	size_t i, k, n, nrefs;
	int rc, bad = 0;

	filetree_init(&t);
	if (filetree_list(data, &t) != 0)
		return -1;
	buf_init(&b);

	/* the document: @context, then @graph at depth 1 */
	buf_addc(out, '{');
	jsonout_item(out, 0, 0);
	buf_adds(out, "\"@context\": ");
	bad |= jsonout_value(out, json_pack("[s,{s:s}]", CRATE_CONTEXT,
	    "sha256", SHA256_TERM), 1);
	jsonout_item(out, 1, 0);
	buf_adds(out, "\"@graph\": [");
	n = 0;
	jsonout_item(out, n++, 1);
	bad |= jsonout_value(out, json_pack("{s:s,s:s,s:o,s:o}", "@id",
	    ROCRATE_FILE, "@type", "CreativeWork", "conformsTo",
	    ref(CRATE_SPEC), "about", ref("./")), 2);

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
	jsonout_item(out, n++, 1);
	buf_addc(out, '{');
	k = 0;
	bad |= jsonout_members(out, root, 2, &k, NULL, "citation");
	jsonout_item(out, k++, 2);
	buf_adds(out, "\"citation\": ");
	bad |= put_citations(out, f, r, 3);
	bad |= jsonout_members(out, root, 2, &k, "citation", "hasPart");
	jsonout_item(out, k++, 2);
	buf_adds(out, "\"hasPart\": ");
	bad |= put_parts(out, f, &t, 3);
	bad |= jsonout_members(out, root, 2, &k, "hasPart", NULL);
	jsonout_close(out, k, 2, '}');
	json_decref(root);

	rc = source_refs(r, &t, &refs, &nrefs);
	if (rc == 0)
		rc = put_files(out, f, r, refs, nrefs, data, &t, known, nknown,
		    &n, 1, &bad);
	if (refs != r->refs)
		datapackage_refs_free(refs, nrefs);
	filetree_release(&t);
	if (rc != 0) {
		buf_release(&b);
		return rc;
	}

	/* licences */
	for (i = 0; i < c->nlicenses; i++) {
		s = xasprintf(SPDX "%s", c->licenses[i]);
		jsonout_item(out, n++, 1);
		bad |= jsonout_value(out, json_pack("{s:s,s:s,s:s,s:s}", "@id",
		    s, "@type", "CreativeWork", "name", c->licenses[i],
		    "identifier", c->licenses[i]), 2);
		free(s);
	}
	/* the dataset's authors */
	for (i = 0; i < c->nauthors; i++) {
		const struct citation_person *p = &c->people[i];

		id = p->orcid != NULL ? xstrdup(p->orcid) :
		    xasprintf("#author-%zu", i + 1);
		jsonout_item(out, n++, 1);
		bad |= jsonout_value(out, person(p, id), 2);
		free(id);
	}
	/* the source articles and their publishers */
	pubs = json_object();
	dp_refs_open(&cur, r);
	while ((a = dp_refs_next(&cur)) != NULL) {
		jsonout_item(out, n++, 1);
		bad |= jsonout_value(out, article(a, pubs), 2);
		fs_out_put(f, out);
	}
	if (dp_refs_close(&cur) != 0)
		rc = -1;
	/* publishers in the order first named */
	for (k = 1; k <= json_object_size(pubs); k++) {
		const char *name;
		json_t *pid;

		s = xasprintf("#publisher-%zu", k);
		json_object_foreach(pubs, name, pid)
			if (strcmp(json_string_value(pid), s) == 0) {
				jsonout_item(out, n++, 1);
				bad |= jsonout_value(out,
				    json_pack("{s:s,s:s,s:s}", "@id", s,
				    "@type", "Organization", "name", name), 2);
			}
		free(s);
	}
	json_decref(pubs);
	jsonout_close(out, n, 1, ']');
	jsonout_close(out, 2, 0, '}');
	buf_addc(out, '\n');
	fs_out_put(f, out);
	buf_release(&b);
	if (bad) {
		diag(DIAG_SYS, ROCRATE_FILE, 0, "cannot encode");
		return -1;
	}
	return rc;
}
