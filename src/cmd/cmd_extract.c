/*
 * sheaf extract --shard K/N: one shard of a build split over many
 * machines.  The pipeline runs over the whole input list but keeps only
 * the documents of shard K (shard_of(), shard.h), encodes their rows as
 * build would, and writes them, their sources and the shard's entities
 * as a partial table set (its format is in shard.h) for `sheaf merge`.
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
#include "extract/input.h"
#include "extract/pipeline.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "tables/encode.h"
#include "tables/jsonio.h"
#include "tables/model.h"
#include "tables/sink.h"
#include "tables/table.h"

struct extract {
	struct build	 b;		/* options, tables, types */
	char		*tmp;		/* PART.tmp-XXXXXX */
	FILE		*csv[T__MAX];
	FILE		*json[T__MAX];
	FILE		*docs;
	FILE		*src;		/* source/documents.jsonl, or NULL */
};

static int
keep_shard(void *arg, const char *id)
{
	const struct build *b = arg;

	return shard_of(id, b->shard_n) == b->shard_k;
}

static FILE *
create_in(const char *dir, const char *name, const char *ext)
{
	char *p = xasprintf("%s/%s%s", dir, name, ext);
	FILE *fp = fs_create(p);

	free(p);
	return fp;
}

/* Encoded rows appended to a file of the partial set. */
static int
put_file(void *arg, const char *p, size_t n, size_t rows)
{
	(void)rows;
	return fwrite(p, 1, n, arg) == n ? 0 : -1;
}

static int
extract_consume(void *arg, struct document *d, struct entity_set *ents,
    void *prep)
{
	struct extract *x = arg;
	struct build *b = &x->b;
	struct encoded *e = prep;
	int t, rc = 0;

	if (e == NULL) {		/* its source could not be written */
		document_free(d);
		return -1;
	}
	if (!build_accept(b, d, ents)) {
		encode_free(e);
		return 0;
	}
	fprintf(x->docs, "%zu\t%s", d->ordinal, d->id);
	for (t = 0; t < T__MAX && rc == 0; t++) {
		if (t == T_ENTITIES) {
			fputs("\t0\t0", x->docs);
			continue;
		}
		if (encode_each(e, t, 0, put_file, x->csv[t]) != 0 ||
		    encode_each(e, t, 1, put_file, x->json[t]) != 0) {
			diag_errno(errno, x->tmp, "write error");
			rc = -1;
		}
		fprintf(x->docs, "\t%zu\t%zu", encode_csv_bytes(e, t),
		    e->nrows[t]);
	}
	if (rc == 0 && e->source.len > 0 && x->src == NULL &&
	    (x->src = create_in(x->b.srcdir, SINK_SOURCE_JSONL, "")) == NULL)
		rc = -1;
	if (rc == 0 && e->source.len > 0 && fwrite(buf_str(&e->source), 1,
	    e->source.len, x->src) != e->source.len) {
		diag_errno(errno, x->tmp, "write error");
		rc = -1;
	}
	fprintf(x->docs, "\t%zu\n", e->source.len);
	encode_free(e);
	if (rc == 0 && ferror(x->docs)) {
		diag_errno(errno, x->tmp, "write error");
		rc = -1;
	}
	document_free(d);
	return rc;
}

static int
close_in(FILE **fp, const char *dir, const char *name, const char *ext)
{
	char *p = xasprintf("%s/%s%s", dir, name, ext);
	int rc = *fp != NULL ? fs_close(*fp, p) : 0;

	*fp = NULL;
	free(p);
	return rc;
}

static int
extract_open(struct extract *x, const char *part)
{
	struct stat st;
	int t;

	if (lstat(part, &st) == 0) {
		diag(DIAG_SYS, part, 0, "already exists; a partial table set "
		    "is never overwritten");
		return -1;
	}
	if (errno != ENOENT) {	/* e.g. a file where a folder should be */
		diag_errno(errno, part, "cannot create");
		return -1;
	}
	x->tmp = xasprintf("%s.tmp-XXXXXX", part);
	if (mkdtemp(x->tmp) == NULL) {
		diag_errno(errno, x->tmp, "cannot create directory");
		free(x->tmp);
		x->tmp = NULL;
		return -1;
	}
	if (!x->b.eo.omit_text) {
		x->b.srcdir = xasprintf("%s/source", x->tmp);
		if (fs_mkdirs(x->b.srcdir) != 0)
			return -1;
	}
	for (t = 0; t < T__MAX; t++) {
		if (t == T_ENTITIES)
			continue;
		x->csv[t] = create_in(x->tmp, x->b.tables[t]->name, ".csv");
		x->json[t] = create_in(x->tmp, x->b.tables[t]->name, ".jsonl");
		if (x->csv[t] == NULL || x->json[t] == NULL)
			return -1;
	}
	x->docs = create_in(x->tmp, "documents", ".tsv");
	return x->docs != NULL ? 0 : -1;
}

static int
extract_close(struct extract *x, const char *part)
{
	FILE *fp;
	int t, rc = 0;

	for (t = 0; t < T__MAX; t++) {
		if (t == T_ENTITIES)
			continue;
		rc |= close_in(&x->csv[t], x->tmp, x->b.tables[t]->name, ".csv");
		rc |= close_in(&x->json[t], x->tmp, x->b.tables[t]->name,
		    ".jsonl");
	}
	rc |= close_in(&x->docs, x->tmp, "documents", ".tsv");
	if (x->src != NULL)
		rc |= close_in(&x->src, x->b.srcdir, SINK_SOURCE_JSONL, "");
	if (rc != 0)
		return -1;
	if ((fp = create_in(x->tmp, "entities", ".jsonl")) == NULL)
		return -1;
	if (jsonio_write_entities(&x->b.ents, fp) != 0) {
		diag_errno(errno, x->tmp, "write error");
		fclose(fp);
		return -1;
	}
	if (close_in(&fp, x->tmp, "entities", ".jsonl") != 0)
		return -1;
	if ((fp = create_in(x->tmp, "partial", ".json")) == NULL)
		return -1;
	fprintf(fp, "{\"format\": \"%s\", \"version\": %d, \"shard\": %u, "
	    "\"of\": %u, \"omit_text\": %s}\n", PARTIAL_FORMAT,
	    PARTIAL_VERSION, x->b.shard_k, x->b.shard_n,
	    x->b.eo.omit_text ? "true" : "false");
	/* sync the whole set once, then rename it into place */
	if (close_in(&fp, x->tmp, "partial", ".json") != 0 ||
	    filetree_sync(x->tmp) != 0)
		return -1;
	if (rename(x->tmp, part) != 0) {
		diag_errno(errno, part, "cannot rename %s into place", x->tmp);
		return -1;
	}
	free(x->tmp);
	x->tmp = NULL;
	return 0;
}

int
cmd_extract(int argc, char *argv[])
{
	const struct sheaf_cmd *self = cmd_find("extract");
	struct pipeline_hooks hooks = { 0 };
	struct pipeline *pl = NULL;
	struct input *in = NULL;
	struct extract x;
	int t;

	memset(&x, 0, sizeof(x));
	build_init(&x.b);
	x.b.out = NULL;
	if (build_parse_opts(&x.b, argc, argv) != 0)
		return cmd_usage(self);
	if (x.b.ocfl != NULL) {
		diag(DIAG_USAGE, NULL, 0, "--ocfl belongs to 'sheaf build' "
		    "and 'sheaf merge'");
		return EXIT_USAGE;
	}
	if (x.b.shard_n == 0 || x.b.out == NULL ||
	    (x.b.nargs == 0 && x.b.jsonl == NULL))
		return cmd_usage(self);
	signal(SIGXFSZ, SIG_IGN);
	/* the schemas give the JSON types, as in build */
	if (build_schemas(&x.b) != 0 || (pl = pipeline_load()) == NULL ||
	    (in = input_open(x.b.args, x.b.nargs, x.b.jsonl)) == NULL ||
	    extract_open(&x, x.b.out) != 0)
		goto out;
	hooks.keep = keep_shard;
	hooks.prepare = build_prepare;
	hooks.discard = build_discard;
	hooks.consume = extract_consume;
	hooks.arg = &x;
	if (pipeline_run(pl, in, x.b.jobs, &hooks) != 0 ||
	    diag_exit() != EXIT_OK) {
		diag(DIAG_DATA, NULL, 0, "no partial table set was written");
		goto out;
	}
	build_warn_empty(&x.b);
	extract_close(&x, x.b.out);
out:
	for (t = 0; t < T__MAX; t++) {
		if (x.csv[t] != NULL)
			fclose(x.csv[t]);
		if (x.json[t] != NULL)
			fclose(x.json[t]);
	}
	if (x.docs != NULL)
		fclose(x.docs);
	if (x.src != NULL)
		fclose(x.src);
	if (x.tmp != NULL) {
		fs_rmtree(x.tmp);
		free(x.tmp);
	}
	input_close(in);
	pipeline_free(pl);
	build_release(&x.b);
	return diag_exit();
}
