/*
 * sheaf dump: run the extraction over articles and print one table as
 * CSV on standard output, without validating or publishing anything.
 * For pipelines that want a table on a pipe, and for debugging.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/build.h"
#include "cmd/cmd.h"
#include "extract/input.h"
#include "extract/pipeline.h"
#include "lib/diag.h"
#include "tables/csvio.h"
#include "tables/emit.h"
#include "tables/encode.h"
#include "tables/model.h"
#include "tables/table.h"

struct dump {
	struct build		 b;	/* ids, entities, tables */
	int			 which;
};

static int
put_out(void *arg, const char *p, size_t n, size_t rows)
{
	(void)arg;
	(void)rows;
	if (fwrite(p, 1, n, stdout) != n) {
		diag(DIAG_SYS, "<stdout>", 0, "write error");
		return -1;
	}
	return 0;
}

static int
consume(void *arg, struct document *d, struct entity_set *ents, void *prep)
{
	struct dump *st = arg;
	const struct encoded *e = prep;
	int rc = 0;

	if (build_accept(&st->b, d, ents)) {
		rc = encode_each(e, st->which, 0, put_out, NULL);
		document_free(d);
	}
	encode_free(prep);
	return rc;
}

int
cmd_dump(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "table", required_argument, NULL, 't' },
		{ "omit-text", no_argument, NULL, 'O' },
		{ "jsonl", required_argument, NULL, 'J' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *self = cmd_find("dump");
	struct pipeline_hooks hooks = { 0 };
	const char *want = "paragraphs", *jsonl = NULL;
	struct pipeline *pl = NULL;
	struct input *in = NULL;
	struct dump st;
	int ch, t;

	memset(&st, 0, sizeof(st));
	build_init(&st.b);
	st.which = -1;
	while ((ch = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			want = optarg;
			break;
		case 'O':
			st.b.eo.omit_text = 1;
			break;
		case 'J':
			jsonl = optarg;
			break;
		default:
			return cmd_usage(self);
		}
	}
	if (optind >= argc && jsonl == NULL)
		return cmd_usage(self);
	for (t = 0; t < T__MAX; t++)
		if (strcmp(emit_table_name((enum emit_table)t), want) == 0)
			st.which = t;
	if (st.which < 0) {
		diag(DIAG_USAGE, NULL, 0, "unknown table '%s'", want);
		return EXIT_USAGE;
	}
	emit_new_tables(st.b.tables);
	if ((pl = pipeline_load()) == NULL ||
	    (in = input_open(argv + optind, (size_t)(argc - optind),
	    jsonl)) == NULL)
		goto out;
	if (csvio_header(st.b.tables[st.which], stdout) != 0) {
		diag(DIAG_SYS, "<stdout>", 0, "write error");
		goto out;
	}
	hooks.prepare = build_prepare;
	hooks.discard = build_discard;
	hooks.consume = consume;
	hooks.arg = &st;
	if (pipeline_run(pl, in, 1, &hooks) == 0 &&
	    st.which == T_ENTITIES) {
		emit_entity_rows(&st.b.ents, st.b.tables[T_ENTITIES]);
		if (csvio_rows(st.b.tables[T_ENTITIES], stdout) != 0)
			diag(DIAG_SYS, "<stdout>", 0, "write error");
	}
out:
	build_release(&st.b);
	input_close(in);
	pipeline_free(pl);
	return diag_exit();
}
