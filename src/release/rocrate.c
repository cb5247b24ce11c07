/*
 * rocrate: ro-crate-metadata.json, built with jansson and dumped with
 * sorted keys and a fixed entity order: descriptor, root, files (byte
 * order of their paths), licences, authors, publishers, articles.
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
 * File entities of every file under data, into graph and parts; the
 * files of known[] (sums taken as they were written) are not read.
 */
static int
add_files(const struct dp_release *r, const char *data,
    const struct bag_sum *known, size_t nknown, json_t *graph,
    json_t *parts)
{
	struct digest_sum sum;
	const struct digest_sum *ks;
	struct filetree t;
	const struct dp_table *tab;
	json_t *f;
	char *p, *size, *sch;
	size_t i, k, n;
	int rc = 0;

	filetree_init(&t);
	if (filetree_list(data, &t) != 0)
		return -1;
	for (i = 0; i < t.n && rc == 0; i++) {
		const char *rel = t.e[i].path;

		if (t.e[i].isdir || strcmp(rel, ROCRATE_FILE) == 0)
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
		n = strlen(rel);
		for (k = 0; k < r->nrefs && strncmp(rel, "source/", 7) == 0;
		    k++) {
			const char *id = r->refs[k].id;

			if (id != NULL && n == 7 + strlen(id) + 4 &&
			    strncmp(rel + 7, id, strlen(id)) == 0 &&
			    strcmp(rel + n - 4, ".txt") == 0) {
				p = article_id(r, k);
				json_object_set_new(f, "isBasedOn", ref(p));
				free(p);
				break;
			}
		}
		json_array_append_new(graph, f);
		json_array_append_new(parts, ref(rel));
	}
	filetree_release(&t);
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

int
rocrate_write(const struct dp_release *r, const char *data,
    const struct bag_sum *known, size_t nknown, struct buf *out)
{
	const struct citation *c = r->cff;
	json_t *doc, *graph, *root, *parts, *arr, *cites, *pubs, *a;
	char *id, *s;
	size_t i, k;
	int rc;

	graph = json_array();
	json_array_append_new(graph, json_pack("{s:s,s:s,s:o,s:o}", "@id",
	    ROCRATE_FILE, "@type", "CreativeWork", "conformsTo",
	    ref(CRATE_SPEC), "about", ref("./")));
	root = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "@id", "./", "@type",
	    "Dataset", "name", c->title, "description", c->abstract,
	    "version", r->version, "datePublished", r->date);
	json_array_append_new(graph, root);
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
	parts = json_array();
	json_object_set_new(root, "hasPart", parts);
	rc = add_files(r, data, known, nknown, graph, parts);

	/* licences */
	arr = json_array();
	for (i = 0; i < c->nlicenses; i++) {
		s = xasprintf(SPDX "%s", c->licenses[i]);
		json_array_append_new(arr, ref(s));
		json_array_append_new(graph, json_pack("{s:s,s:s,s:s,s:s}",
		    "@id", s, "@type", "CreativeWork", "name", c->licenses[i],
		    "identifier", c->licenses[i]));
		free(s);
	}
	json_object_set_new(root, "license", arr);
	/* the dataset's authors */
	arr = json_array();
	for (i = 0; i < c->nauthors; i++) {
		const struct citation_person *p = &c->people[i];

		id = p->orcid != NULL ? xstrdup(p->orcid) :
		    xasprintf("#author-%zu", i + 1);
		json_array_append_new(arr, ref(id));
		json_array_append_new(graph, person(p, id));
		free(id);
	}
	json_object_set_new(root, "author", arr);
	/* the source articles and their publishers */
	cites = json_array();
	pubs = json_object();
	for (i = 0; i < r->nrefs; i++) {
		const struct citation_ref *sr = &r->refs[i];

		id = article_id(r, i);
		json_array_append_new(cites, ref(id));
		a = json_pack("{s:s,s:s,s:s}", "@id", id, "@type",
		    "CreativeWork", "name", sr->title);
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
			json_t *pid = json_object_get(pubs, sr->publisher);

			if (pid == NULL) {
				s = xasprintf("#publisher-%zu",
				    json_object_size(pubs) + 1);
				pid = json_string(s);
				json_object_set_new(pubs, sr->publisher, pid);
				free(s);
			}
			json_object_set_new(a, "publisher",
			    ref(json_string_value(pid)));
		}
		json_array_append_new(graph, a);
		free(id);
	}
	json_object_set_new(root, "citation", cites);
	/* publishers in the order first named */
	for (k = 1; k <= json_object_size(pubs); k++) {
		const char *name;
		json_t *pid;

		s = xasprintf("#publisher-%zu", k);
		json_object_foreach(pubs, name, pid)
			if (strcmp(json_string_value(pid), s) == 0)
				json_array_append_new(graph, json_pack(
				    "{s:s,s:s,s:s}", "@id", s, "@type",
				    "Organization", "name", name));
		free(s);
	}
	json_decref(pubs);

	doc = json_pack("{s:[s,{s:s}],s:o}", "@context", CRATE_CONTEXT,
	    "sha256", SHA256_TERM, "@graph", graph);
	if (rc == 0) {
		s = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
		if (s == NULL) {
			fputs("sheaf: out of memory (RO-Crate)\n", stderr);
			exit(EXIT_SYS);
		}
		buf_adds(out, s);
		buf_addc(out, '\n');
		free(s);
	}
	json_decref(doc);
	return rc;
}
