/*
 * build: the steps of `sheaf build` that `sheaf merge` shares (build.h):
 * options, release metadata, schemas, the staging payload, the pipeline
 * hooks that encode a document and write its source, progress, and the
 * finish (entities, JSON Schemas, validation, publication).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bag/archive.h"
#include "bag/bag.h"
#include "cmd/build.h"
#include "cmd/cmd.h"
#include "diff/changelog.h"
#include "extract/pipeline.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/paths.h"
#include "lib/strset.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "ocfl/ocflw.h"
#include "release/citation.h"
#include "release/release.h"
#include "tables/emit.h"
#include "tables/encode.h"
#include "tables/model.h"
#include "tables/sink.h"
#include "tables/table.h"
#include "validate/jsonschema.h"
#include "validate/schema.h"
#include "validate/validate.h"

/* Memory of each key set of the build's validation before it spills. */
#define BUILD_KEY_MEMORY	((size_t)2 << 20)

void
build_init(struct build *b)
{
	memset(b, 0, sizeof(*b));
	b->out = "out";
	b->jobs = 1;
	strset_init(&b->ids);
}

int
build_parse_opts(struct build *b, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "version", required_argument, NULL, 'V' },
		{ "date", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "citation", required_argument, NULL, 'c' },
		{ "schemas", required_argument, NULL, 'S' },
		{ "omit-text", no_argument, NULL, 'O' },
		{ "jsonl", required_argument, NULL, 'J' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "shard", required_argument, NULL, 'K' },
		{ "previous", required_argument, NULL, 'P' },
		{ "ocfl", required_argument, NULL, 'R' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "source-files", no_argument, NULL, 'F' },
		{ "unpacked", no_argument, NULL, 'U' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "o:V:d:n:c:j:q", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o':
			b->out = optarg;
			break;
		case 'V':
			b->version = optarg;
			break;
		case 'd':
			b->date_opt = optarg;
			break;
		case 'n':
			b->name_opt = optarg;
			break;
		case 'c':
			b->citation = optarg;
			break;
		case 'S':
			b->schemas = optarg;
			break;
		case 'O':
			b->eo.omit_text = 1;
			break;
		case 'J':
			b->jsonl = optarg;
			break;
		case 'j':
			if (cmd_parse_jobs(optarg, &b->jobs) != 0)
				return -1;
			b->jobs_set = 1;
			break;
		case 'K':
			if (sscanf(optarg, "%u/%u%c", &b->shard_k, &b->shard_n,
			    (char *)&ch) != 2 || b->shard_n < 1 ||
			    b->shard_k < 1 || b->shard_k > b->shard_n) {
				diag(DIAG_USAGE, NULL, 0, "--shard wants K/N "
				    "with 1 <= K <= N, not '%s'", optarg);
				return -1;
			}
			break;
		case 'P':
			b->previous = optarg;
			break;
		case 'R':
			b->ocfl = optarg;
			break;
		case 'q':
			diag_set_verbosity(-1);
			b->quiet = 1;
			break;
		case 'F':
			b->source_files = 1;
			break;
		case 'U':
			b->unpacked = 1;
			break;
		default:
			return -1;
		}
	}
	if (!b->jobs_set)
		b->jobs = cmd_default_jobs();
	b->args = argv + optind;
	b->nargs = (size_t)(argc - optind);
	return 0;
}

/* Citation, version, date and name: checked before any work is done. */
int
build_metadata(struct build *b)
{
	const char *cpath;

	cpath = b->citation != NULL ? b->citation : paths_citation();
	if (cpath == NULL) {
		diag(DIAG_USAGE, NULL, 0, "no CITATION.cff for the dataset; "
		    "give one with --citation FILE");
		return -1;
	}
	if (citation_read(cpath, &b->cff) != 0)
		return -1;
	b->have_cff = 1;
	if (b->version == NULL)
		b->version = b->cff.version;
	if (b->version == NULL) {
		diag(DIAG_USAGE, cpath, 0, "no version: give --version X.Y.Z "
		    "or a version in the citation file");
		return -1;
	}
	if (!semver_valid(b->version)) {
		/* name the citation file when the version came from it */
		diag(DIAG_USAGE, b->version == b->cff.version ? cpath : NULL,
		    0, "version '%s' is not SemVer (MAJOR.MINOR.PATCH, e.g. "
		    "1.0.0)", b->version);
		return -1;
	}
	if (release_date(b->date_opt, b->date) != 0)
		return -1;
	b->name = b->name_opt != NULL ? xstrdup(b->name_opt) :
	    text_slug(b->cff.title != NULL ? b->cff.title : "", 64);
	if (!release_name_valid(b->name)) {
		diag(DIAG_USAGE, NULL, 0, "release name '%s' must be lower-case "
		    "letters, digits, '-', '_' or '.' (give --name)", b->name);
		return -1;
	}
	if (b->previous != NULL) {
		struct unpack_limits lim;

		archive_default_limits(&lim);
		if ((b->prev = diff_side_open(b->previous, &lim)) == NULL) {
			diag(DIAG_USAGE, b->previous, 0, "--previous: not a "
			    "usable release");
			return -1;
		}
	}
	return 0;
}

int
build_schemas(struct build *b)
{
	size_t i;
	char *p;
	int t;

	emit_new_tables(b->tables);
	b->sdir = b->schemas != NULL ? b->schemas : paths_schemas();
	for (t = 0; t < T__MAX; t++) {
		p = xasprintf("%s/%s.json", b->sdir, b->tables[t]->name);
		b->schema[t] = schema_load(p);
		if (b->schema[t] == NULL) {
			free(p);
			return -1;
		}
		if (schema_nfields(b->schema[t]) != b->tables[t]->ncols) {
			diag(DIAG_USAGE, p, 0, "schema has %zu fields, the %s "
			    "table %zu columns", schema_nfields(b->schema[t]),
			    b->tables[t]->name, b->tables[t]->ncols);
			free(p);
			return -1;
		}
		free(p);
		b->types[t] = xcalloc(b->tables[t]->ncols, sizeof(enum jcol));
		for (i = 0; i < b->tables[t]->ncols; i++)
			b->types[t][i] = jsonio_jcol(
			    schema_field_type(b->schema[t], i));
		b->tnames[t] = b->tables[t]->name;
	}
	b->tnames[T__MAX] = NULL;
	return 0;
}

/* The staging directory and its payload folders; the sink. */
int
build_stage(struct build *b)
{
	const char *sub[] = { "csv", "json", "source" };
	const enum jcol *types[T__MAX];
	size_t i;
	char *p;
	int t;

	if (release_staging_open(b->out, &b->stage) != 0)
		return -1;
	b->staged = 1;
	b->payload = xasprintf("%s/payload", b->stage.dir);
	for (i = 0; i < 3; i++) {
		if (i == 2 && b->eo.omit_text)
			break;
		p = xasprintf("%s/%s", b->payload, sub[i]);
		if (fs_mkdirs(p) != 0) {
			free(p);
			return -1;
		}
		free(p);
	}
	for (t = 0; t < T__MAX; t++)
		types[t] = b->types[t];
	if (!b->eo.omit_text)
		b->srcdir = xasprintf("%s/source", b->payload);
	b->sink = sink_open(b->payload, b->tables, types);
	return b->sink != NULL ? 0 : -1;
}

void
build_progress(struct build *b, int last)
{
	struct timespec now;
	double secs, mbs;

	if (b->quiet || diag_verbosity() < 0 || !isatty(STDERR_FILENO))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!last && now.tv_sec == b->shown.tv_sec)
		return;
	b->shown = now;
	secs = (double)(now.tv_sec - b->start.tv_sec) +
	    (double)(now.tv_nsec - b->start.tv_nsec) / 1e9;
	mbs = secs > 0 ? (double)b->bytes / 1e6 / secs : 0;
	if (b->total > 0 && b->ndocs > 0 && b->ndocs < b->total)
		fprintf(stderr, "\rsheaf: %zu/%zu documents, %.1f MB/s, "
		    "ETA %.0f s   ", b->ndocs, b->total, mbs,
		    secs / (double)b->ndocs * (double)(b->total - b->ndocs));
	else
		fprintf(stderr, "\rsheaf: %zu documents, %.1f MB/s   ",
		    b->ndocs, mbs);
	if (last)
		fputc('\n', stderr);
}

int
build_accept(struct build *b, struct document *d,
    const struct entity_set *ents)
{
	if (!strset_add(&b->ids, d->id)) {
		diag(DIAG_DATA, d->art->name, 0, "document id '%s' is used "
		    "twice; give the article a unique file name or \"id\"",
		    d->id);
		document_free(d);
		return 0;
	}
	entity_set_merge(&b->ents, ents);
	if (pipeline_yield(d) != PIPELINE_YIELDS)
		b->nempty++;
	return 1;
}

void
build_warn_empty(const struct build *b)
{
	if (b->nempty > 0)
		diag(DIAG_WARN, NULL, 0, "%zu document%s yielded no body "
		    "paragraph or no entity (named above)", b->nempty,
		    b->nempty == 1 ? "" : "s");
}

void *
build_prepare(void *arg, const struct document *d)
{
	const struct build *b = arg;
	const enum jcol *types[T__MAX];
	int t;

	struct encoded *e;
	char *p;
	int rc;

	for (t = 0; t < T__MAX; t++)
		types[t] = b->types[t];
	e = encode_document(d, &b->eo, types);
	/*
	 * A JSON Lines record's text goes back into JSON Lines
	 * (source/documents.jsonl, written in input order by the sink),
	 * not into a file of its own, unless --source-files.
	 */
	if (b->srcdir != NULL && d->art->jsonl && !b->source_files &&
	    jsonio_source_record(&e->source, d->id, d->art->raw,
	    d->art->rawlen) == 0)
		return e;
	if (b->srcdir != NULL) {
		p = xasprintf("%s/%s.txt", b->srcdir, d->id);
		rc = fs_write_file(p, d->art->raw, d->art->rawlen);
		free(p);
		if (rc != 0) {
			encode_free(e);
			return NULL;
		}
	}
	return e;
}

void
build_discard(void *prep)
{
	encode_free(prep);
}

/*
 * --previous: compare the validated payload with the previous release,
 * enforce the SemVer rule (changelog.h), make CHANGES.md.
 */
static int
build_changes(struct build *b, char **md, char **summary)
{
	struct diff_table_in tin[T__MAX];
	struct diff_side *cur;
	char *paths[T__MAX];
	int t, rc;

	for (t = 0; t < T__MAX; t++) {
		paths[t] = xasprintf("%s/csv/%s.csv", b->payload,
		    b->tables[t]->name);
		tin[t].name = b->tables[t]->name;
		tin[t].path = paths[t];
		tin[t].schema = b->schema[t];
	}
	cur = diff_side_new("the new release", b->name, b->version, &b->cff,
	    tin, T__MAX);
	rc = changelog_build(b->prev, cur, b->name, b->version, md, summary);
	diff_side_free(cur);
	for (t = 0; t < T__MAX; t++)
		free(paths[t]);
	return rc;
}

/* The validation report on stderr, each line "sheaf: FILE:ROW:..." */
static void
print_report(const struct vreport *rep)
{
	char *text = NULL, *line, *nl;
	size_t len = 0;
	FILE *mem;

	if ((mem = open_memstream(&text, &len)) == NULL)
		return;
	vreport_print_text(rep, mem);
	fclose(mem);
	for (line = text; line != NULL && *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line) - 1;
		fprintf(stderr, "sheaf: %.*s\n", (int)(nl - line), line);
	}
	free(text);
}

/*
 * The closing line of build and merge, on stderr unless quiet: the
 * release folder, its documents, the rows of each table and the
 * warnings of the run (diag counts them, whoever issued them), with the
 * documents that yielded no body or no entity (each named in a warning).
 */
static void
summary(const struct build *b, const char *final, int existed,
    const size_t *nrows)
{
	unsigned long w = diag_warnings();
	int t;

	if (diag_verbosity() < 0)
		return;
	fprintf(stderr, "sheaf: %s %s: %zu document%s; rows:",
	    existed ? "already published" : "published", final,
	    nrows[T_DOCUMENTS], nrows[T_DOCUMENTS] == 1 ? "" : "s");
	for (t = 0; t < T__MAX; t++)
		fprintf(stderr, "%s %s %zu", t == 0 ? "" : ",", b->tnames[t],
		    nrows[t]);
	fprintf(stderr, "; %lu warning%s", w, w == 1 ? "" : "s");
	if (b->nempty > 0)
		fprintf(stderr, " (%zu document%s without body or entity)",
		    b->nempty, b->nempty == 1 ? "" : "s");
	fputc('\n', stderr);
}

/* Entities, closing the tables, JSON Schemas, validation, publication. */
int
build_finish(struct build *b)
{
	struct vresource res[T__MAX];
	struct vreport *rep;
	char *paths[T__MAX], *labels[T__MAX], *p;
	struct release_in rin;
	struct bag_sum sums[2 * T__MAX + 1];
	char *spaths[2 * T__MAX];
	size_t nrows[T__MAX];
	char *md = NULL, *changes = NULL, *final;
	FILE *fp;
	int t, rc, existed;

	build_progress(b, 1);
	emit_entity_rows(&b->ents, b->tables[T_ENTITIES]);
	if (sink_put(b->sink, b->tables) != 0 || sink_close(b->sink) != 0)
		return -1;
	for (t = 0; t < T__MAX; t++) {
		nrows[t] = sink_nrows(b->sink, t);
		/* hashed as the sink wrote them: not read again */
		spaths[2 * t] = xasprintf("csv/%s.csv", b->tables[t]->name);
		spaths[2 * t + 1] = xasprintf("json/%s.json",
		    b->tables[t]->name);
		sums[2 * t].path = spaths[2 * t];
		sums[2 * t].sum = sink_sum(b->sink, t, 0);
		sums[2 * t + 1].path = spaths[2 * t + 1];
		sums[2 * t + 1].sum = sink_sum(b->sink, t, 1);
	}
	for (t = 0; t < T__MAX; t++) {
		p = xasprintf("%s/json/%s.schema.json", b->payload,
		    b->tables[t]->name);
		rc = -1;
		if ((fp = fs_create(p)) == NULL) {
			free(p);
			goto out;
		}
		if (jsonschema_write(b->schema[t], fp) != 0) {
			diag_errno(errno, p, "write error");
			fclose(fp);
			free(p);
			goto out;
		}
		rc = fs_close(fp, p);
		free(p);
		if (rc != 0)
			goto out;
	}

	/* fail closed: every table must validate before anything is out */
	for (t = 0; t < T__MAX; t++) {
		paths[t] = xasprintf("%s/csv/%s.csv", b->payload,
		    b->tables[t]->name);
		/* reports name the table as it will be published */
		labels[t] = xasprintf("csv/%s.csv", b->tables[t]->name);
		memset(&res[t], 0, sizeof(res[t]));
		res[t].name = b->tables[t]->name;
		res[t].path = paths[t];
		res[t].label = labels[t];
		res[t].schema = b->schema[t];
	}
	rep = vreport_new(1000);
	vreport_set_jobs(rep, b->jobs);
	/*
	 * The key sets of all seven tables (primary keys, unique fields,
	 * foreign-key targets) are held at once: 2 MiB each before they
	 * spill to sorted runs in the staging directory, so that the
	 * build's memory stops growing at a corpus of a few MB (the report
	 * is the same, validate.h).
	 */
	vreport_set_keymem(rep, BUILD_KEY_MEMORY, b->stage.dir);
	rc = validate_resources(res, T__MAX, rep);
	if (rc == 1) {
		print_report(rep);
		diag(DIAG_DATA, NULL, 0, "%zu validation error%s: nothing was "
		    "published", vreport_nerrors(rep),
		    vreport_nerrors(rep) == 1 ? "" : "s");
	}
	vreport_free(rep);
	for (t = 0; t < T__MAX; t++) {
		free(paths[t]);
		free(labels[t]);
	}
	if (rc != 0) {
		rc = -1;
		goto out;
	}
	if (b->prev != NULL && build_changes(b, &md, &changes) != 0) {
		diag(DIAG_DATA, NULL, 0, "nothing was published");
		rc = -1;
		goto out;
	}

	memset(&rin, 0, sizeof(rin));
	rin.outdir = b->out;
	rin.staging = b->stage.dir;
	rin.name = b->name;
	rin.version = b->version;
	rin.date = b->date;
	rin.schemas_dir = b->sdir;
	rin.cff = &b->cff;
	rin.corpus = NULL;	/* documents.json of the payload */
	rin.tables = b->tnames;
	rin.rows = nrows;
	rin.nsums = 2 * T__MAX;
	if (sink_source_sum(b->sink) != NULL) {
		sums[2 * T__MAX].path = "source/" SINK_SOURCE_JSONL;
		sums[2 * T__MAX].sum = sink_source_sum(b->sink);
		rin.nsums++;
	}
	rin.sums = sums;
	rin.unpacked = b->unpacked;
	rin.jobs = b->jobs;
	rin.omit_text = b->eo.omit_text;
	rin.changes_md = md;
	rin.changes_summary = changes;
	final = xasprintf("%s/%s-%s", b->out, b->name, b->version);
	existed = access(final, F_OK) == 0;
	rc = release_publish(&rin) == EXIT_OK ? 0 : -1;
	if (rc == 0)
		summary(b, final, existed, nrows);
	/* the csv bag, as published (unpacked or its archive), verified,
	 * into the OCFL object */
	if (rc == 0 && b->ocfl != NULL &&
	    ocflw_add_path(b->ocfl, final) != EXIT_OK)
		rc = -1;
	free(final);
	free(md);
	free(changes);
out:
	for (t = 0; t < 2 * T__MAX; t++)
		free(spaths[t]);
	return rc;
}

void
build_release(struct build *b)
{
	int t;

	sink_free(b->sink);
	if (b->staged)
		release_staging_close(&b->stage);
	free(b->payload);
	free(b->srcdir);
	free(b->name);
	for (t = 0; t < T__MAX; t++) {
		table_free(b->tables[t]);
		schema_free(b->schema[t]);
		free(b->types[t]);
	}
	entity_set_release(&b->ents);
	strset_release(&b->ids);
	diff_side_free(b->prev);
	if (b->have_cff)
		citation_release(&b->cff);
}
