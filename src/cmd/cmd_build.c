/*
 * sheaf build: articles -> tables -> validated payload -> release.
 *
 * Documents stream through the pipeline (on -j threads, handed on in
 * input order) and their rows are written as they come into a private
 * staging directory inside the output directory; only when every table
 * validates against its schema does release.c publish the version with
 * one atomic rename.  A failed or killed build leaves nothing under a
 * final name.  The steps themselves are in build.c, shared with merge;
 * this file is the command and its consume hook.
 */
#include <signal.h>
#include <time.h>

#include "cmd/build.h"
#include "cmd/cmd.h"
#include "extract/input.h"
#include "extract/pipeline.h"
#include "lib/diag.h"
#include "tables/encode.h"
#include "tables/model.h"
#include "tables/sink.h"

/* One extracted document: its rows and source go out at once. */
static int
build_consume(void *arg, struct document *d, struct entity_set *ents,
    void *prep)
{
	struct build *b = arg;
	int rc = 0;

	if (prep == NULL) {		/* its source could not be written */
		document_free(d);
		return -1;
	}
	if (!build_accept(b, d, ents)) {
		encode_free(prep);
		return 0;
	}
	if (sink_put_encoded(b->sink, prep) != 0)
		rc = -1;
	encode_free(prep);
	b->ndocs++;
	b->bytes += d->art->rawlen;
	build_progress(b, 0);
	document_free(d);
	return rc;
}

int
cmd_build(int argc, char *argv[])
{
	const struct sheaf_cmd *self = cmd_find("build");
	struct pipeline_hooks hooks = { 0 };
	struct pipeline *pl = NULL;
	struct input *in = NULL;
	struct build b;

	build_init(&b);
	if (build_parse_opts(&b, argc, argv) != 0)
		return cmd_usage(self);
	if (b.shard_n != 0) {
		diag(DIAG_USAGE, NULL, 0, "--shard belongs to 'sheaf extract'");
		return EXIT_USAGE;
	}
	if (b.nargs == 0 && b.jsonl == NULL)
		return cmd_usage(self);
	/* a file size limit must fail a write, not kill the process */
	signal(SIGXFSZ, SIG_IGN);
	clock_gettime(CLOCK_MONOTONIC, &b.start);
	if (build_metadata(&b) != 0 || build_schemas(&b) != 0 ||
	    (pl = pipeline_load()) == NULL ||
	    (in = input_open(b.args, b.nargs, b.jsonl)) == NULL)
		goto out;
	b.total = input_count(in);
	if (build_stage(&b) != 0)
		goto out;
	hooks.prepare = build_prepare;
	hooks.discard = build_discard;
	hooks.consume = build_consume;
	hooks.arg = &b;
	if (pipeline_run(pl, in, b.jobs, &hooks) != 0 ||
	    diag_exit() != EXIT_OK) {
		diag(DIAG_DATA, NULL, 0, "nothing was published");
		goto out;
	}
	build_finish(&b);
out:
	input_close(in);
	pipeline_free(pl);
	build_release(&b);
	return diag_exit();
}
