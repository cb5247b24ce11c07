/*
 * sheaf merge: the release of a build split over many machines, from the
 * partial table sets of all N shards (their format is in shard.h).  It
 * checks that every shard is there once, from one split, then copies the
 * documents' rows and sources back in input order into the staging
 * payload, merges the entities, and finishes exactly as build does
 * (build.h), so the release is byte-identical to a single build.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/build.h"
#include "cmd/cmd.h"
#include "cmd/shard.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/filetree.h"
#include "lib/strset.h"
#include "lib/xalloc.h"
#include "tables/jsonio.h"
#include "tables/model.h"
#include "tables/sink.h"
#include "tables/table.h"

struct pdoc {
	size_t		 ordinal;
	char		*id;
	long		 csvbytes[T__MAX];
	size_t		 jsonrows[T__MAX];
	long		 srcbytes;	/* its source record; 0: a file */
};

struct partial {
	const char	*dir;
	unsigned	 k, n;
	int		 omit_text;
	struct pdoc	*doc;
	size_t		 ndoc, cap, next;
	FILE		*csv[T__MAX];
	FILE		*json[T__MAX];
	FILE		*src;		/* source/documents.jsonl, or NULL */
};

static int
read_partial_meta(struct partial *p)
{
	char *path = xasprintf("%s/partial.json", p->dir), fmt[32], omit[8];
	int version, rc = -1;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_errno(errno, path, "cannot open (not a partial table "
		    "set?)");
		free(path);
		return -1;
	}
	if (fscanf(fp, "{\"format\": \"%31[^\"]\", \"version\": %d, "
	    "\"shard\": %u, \"of\": %u, \"omit_text\": %7[a-z]}", fmt,
	    &version, &p->k, &p->n, omit) != 5 ||
	    strcmp(fmt, PARTIAL_FORMAT) != 0)
		diag(DIAG_DATA, path, 1, "not a sheaf partial table set");
	else if (version != PARTIAL_VERSION)
		diag(DIAG_DATA, path, 1, "partial format version %d; this "
		    "sheaf reads version %d", version, PARTIAL_VERSION);
	else if (p->n == 0 || p->k == 0 || p->k > p->n)
		diag(DIAG_DATA, path, 1, "bad shard %u/%u", p->k, p->n);
	else {
		p->omit_text = strcmp(omit, "true") == 0;
		rc = 0;
	}
	fclose(fp);
	free(path);
	return rc;
}

static int
read_partial_docs(struct partial *p)
{
	char *path = xasprintf("%s/documents.tsv", p->dir), *line = NULL;
	char *s, *end;
	size_t cap = 0;
	unsigned long lineno = 0;
	ssize_t n;
	FILE *fp;
	int t, rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_errno(errno, path, "cannot open");
		free(path);
		return -1;
	}
	while (rc == 0 && (n = getline(&line, &cap, fp)) > 0) {
		struct pdoc *d;

		lineno++;
		p->doc = xgrow(p->doc, &p->cap, p->ndoc + 1, sizeof(*p->doc));
		d = &p->doc[p->ndoc];
		memset(d, 0, sizeof(*d));
		errno = 0;
		d->ordinal = strtoull(line, &end, 10);
		if (errno != 0 || *end != '\t' ||
		    (s = strchr(end + 1, '\t')) == NULL) {
			rc = -1;
			break;
		}
		d->id = xstrndup(end + 1, (size_t)(s - end - 1));
		p->ndoc++;
		for (t = 0; t < T__MAX && rc == 0; t++) {
			d->csvbytes[t] = strtol(s + 1, &end, 10);
			if (*end != '\t' || d->csvbytes[t] < 0)
				rc = -1;
			else
				d->jsonrows[t] = strtoull(end + 1, &s, 10);
			if (rc == 0 && *s != '\t')
				rc = -1;
		}
		if (rc == 0) {
			d->srcbytes = strtol(s + 1, &end, 10);
			if (*end != '\n' || d->srcbytes < 0)
				rc = -1;
		}
		if (rc == 0 && p->ndoc > 1 &&
		    p->doc[p->ndoc - 2].ordinal >= d->ordinal)
			rc = -1;
	}
	if (rc != 0)
		diag(DIAG_DATA, path, lineno, "malformed document line");
	free(line);
	fclose(fp);
	free(path);
	return rc;
}

static int
open_partial_tables(struct partial *p, struct table *const tables[T__MAX])
{
	char *path;
	int t;

	for (t = 0; t < T__MAX; t++) {
		if (t == T_ENTITIES)
			continue;
		path = xasprintf("%s/%s.csv", p->dir, tables[t]->name);
		p->csv[t] = fopen(path, "r");
		if (p->csv[t] == NULL)
			diag_errno(errno, path, "cannot open");
		free(path);
		path = xasprintf("%s/%s.jsonl", p->dir, tables[t]->name);
		p->json[t] = fopen(path, "r");
		if (p->json[t] == NULL)
			diag_errno(errno, path, "cannot open");
		free(path);
		if (p->csv[t] == NULL || p->json[t] == NULL)
			return -1;
	}
	return 0;
}

/* Bytes left to read in fp, or -1. */
static long long
file_left(FILE *fp)
{
	struct stat st;
	off_t pos = ftello(fp);

	if (pos < 0 || fstat(fileno(fp), &st) != 0)
		return -1;
	return (long long)st.st_size - (long long)pos;
}

/* Copy one document's rows of every table from a partial to the sink. */
static int
copy_doc(struct build *b, struct partial *p, const struct pdoc *d)
{
	char *buf = NULL, *line = NULL;
	size_t cap = 0, i;
	struct buf jb;
	ssize_t n;
	int t, rc = 0;

	buf_init(&jb);
	for (t = 0; t < T__MAX && rc == 0; t++) {
		if (t == T_ENTITIES)
			continue;
		/* a count past the end is a damaged part, not a malloc */
		if (d->csvbytes[t] > file_left(p->csv[t]) ||
		    (buf = xrealloc(buf, (size_t)d->csvbytes[t] + 1),
		    fread(buf, 1, (size_t)d->csvbytes[t], p->csv[t]) !=
		    (size_t)d->csvbytes[t])) {
			diag(DIAG_DATA, p->dir, 0, "%s.csv is shorter than "
			    "documents.tsv says", b->tables[t]->name);
			rc = -1;
			break;
		}
		buf_reset(&jb);
		for (i = 0; i < d->jsonrows[t]; i++) {
			if ((n = getline(&line, &cap, p->json[t])) <= 0) {
				diag(DIAG_DATA, p->dir, 0, "%s.jsonl is shorter "
				    "than documents.tsv says",
				    b->tables[t]->name);
				rc = -1;
				break;
			}
			buf_add(&jb, line, (size_t)n);
		}
		if (rc == 0 && sink_put_raw(b->sink, t, buf,
		    (size_t)d->csvbytes[t], buf_str(&jb), d->jsonrows[t]) != 0)
			rc = -1;
	}
	free(buf);
	free(line);
	buf_release(&jb);
	return rc;
}

/* A document's source: its JSON Lines record, or its file. */
static int
copy_source(struct build *b, struct partial *p, const struct pdoc *d)
{
	char *from, *to, *rec;
	int rc;

	if (d->srcbytes > 0) {
		from = xasprintf("%s/source/" SINK_SOURCE_JSONL, p->dir);
		if (p->src == NULL && (p->src = fopen(from, "r")) == NULL) {
			diag_errno(errno, from, "cannot open");
			free(from);
			return -1;
		}
		rec = NULL;
		rc = 0;
		if (d->srcbytes > file_left(p->src) ||
		    (rec = xmalloc((size_t)d->srcbytes), fread(rec, 1,
		    (size_t)d->srcbytes, p->src) != (size_t)d->srcbytes)) {
			diag(DIAG_DATA, from, 0, "shorter than documents.tsv "
			    "says");
			rc = -1;
		} else
			rc = sink_put_source(b->sink, rec, (size_t)d->srcbytes);
		free(rec);
		free(from);
		return rc;
	}
	from = xasprintf("%s/source/%s.txt", p->dir, d->id);
	to = xasprintf("%s/source/%s.txt", b->payload, d->id);
	rc = filetree_copy(from, to, NULL);
	free(from);
	free(to);
	return rc;
}

static int
merge_partials(struct build *b, struct partial *parts, size_t np)
{
	struct entity_set es;
	char *path;
	size_t i, best;
	int t, rc = 0;

	for (;;) {
		best = np;
		for (i = 0; i < np; i++)
			if (parts[i].next < parts[i].ndoc && (best == np ||
			    parts[i].doc[parts[i].next].ordinal <
			    parts[best].doc[parts[best].next].ordinal))
				best = i;
		if (best == np)
			break;
		{
			struct partial *p = &parts[best];
			const struct pdoc *d = &p->doc[p->next++];

			if (!strset_add(&b->ids, d->id)) {
				diag(DIAG_DATA, p->dir, 0, "document id '%s' "
				    "is used twice", d->id);
				return -1;
			}
			if (copy_doc(b, p, d) != 0)
				return -1;
			if (!b->eo.omit_text && copy_source(b, p, d) != 0)
				return -1;
			b->ndocs++;
		}
	}
	/* rows past what documents.tsv lists would be lost: refuse */
	for (i = 0; i < np; i++)
		for (t = 0; t < T__MAX; t++) {
			if (t == T_ENTITIES || (getc(parts[i].csv[t]) == EOF &&
			    getc(parts[i].json[t]) == EOF))
				continue;
			diag(DIAG_DATA, parts[i].dir, 0, "%s.csv or .jsonl holds "
			    "more than documents.tsv says", b->tables[t]->name);
			return -1;
		}
	for (i = 0; i < np && rc == 0; i++) {
		memset(&es, 0, sizeof(es));
		path = xasprintf("%s/entities.jsonl", parts[i].dir);
		rc = jsonio_read_entities(path, &es);
		free(path);
		if (rc == 0)
			entity_set_merge(&b->ents, &es);
		entity_set_release(&es);
	}
	return rc;
}

int
cmd_merge(int argc, char *argv[])
{
	const struct sheaf_cmd *self = cmd_find("merge");
	struct partial *parts = NULL;
	unsigned char *seen = NULL;
	struct build b;
	size_t i, np;
	int t;

	build_init(&b);
	if (build_parse_opts(&b, argc, argv) != 0)
		return cmd_usage(self);
	if (b.nargs == 0 || b.jsonl != NULL || b.shard_n != 0)
		return cmd_usage(self);
	signal(SIGXFSZ, SIG_IGN);
	np = b.nargs;
	parts = xcalloc(np, sizeof(*parts));
	for (i = 0; i < np; i++) {
		parts[i].dir = b.args[i];
		if (read_partial_meta(&parts[i]) != 0 ||
		    read_partial_docs(&parts[i]) != 0)
			goto out;
	}
	/* every shard once, all of the same split and text policy */
	seen = xcalloc(parts[0].n + 1, 1);
	for (i = 0; i < np; i++) {
		if (parts[i].n != parts[0].n ||
		    parts[i].omit_text != parts[0].omit_text) {
			diag(DIAG_DATA, parts[i].dir, 0, "belongs to another "
			    "split than %s (shards of %u, text %s)",
			    parts[0].dir, parts[0].n,
			    parts[0].omit_text ? "omitted" : "kept");
			goto out;
		}
		if (seen[parts[i].k]++) {
			diag(DIAG_DATA, parts[i].dir, 0, "shard %u/%u given "
			    "twice", parts[i].k, parts[i].n);
			goto out;
		}
	}
	for (i = 1; i <= parts[0].n; i++)
		if (!seen[i]) {
			diag(DIAG_DATA, NULL, 0, "shard %zu/%u is missing: the "
			    "release would lack its documents", i, parts[0].n);
			goto out;
		}
	b.eo.omit_text = parts[0].omit_text;
	if (build_metadata(&b) != 0 || build_schemas(&b) != 0)
		goto out;
	for (i = 0; i < np; i++)
		if (open_partial_tables(&parts[i], b.tables) != 0)
			goto out;
	if (build_stage(&b) != 0 || merge_partials(&b, parts, np) != 0)
		goto out;
	build_finish(&b);
out:
	for (i = 0; parts != NULL && i < np; i++) {
		size_t j;

		for (j = 0; j < parts[i].ndoc; j++)
			free(parts[i].doc[j].id);
		free(parts[i].doc);
		for (t = 0; t < T__MAX; t++) {
			if (parts[i].csv[t] != NULL)
				fclose(parts[i].csv[t]);
			if (parts[i].json[t] != NULL)
				fclose(parts[i].json[t]);
		}
		if (parts[i].src != NULL)
			fclose(parts[i].src);
	}
	free(parts);
	free(seen);
	build_release(&b);
	return diag_exit();
}
