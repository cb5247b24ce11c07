/*
 * sheaf dump: run the extraction over articles and print one table as
 * CSV on standard output, without validating or publishing anything.
 * For pipelines that want a table on a pipe, and for debugging.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "article.h"
#include "cmd.h"
#include "csvio.h"
#include "diag.h"
#include "emit.h"
#include "model.h"
#include "pipeline.h"
#include "table.h"

int
cmd_dump(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "table", required_argument, NULL, 't' },
		{ "omit-text", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *self = cmd_find("dump");
	struct emit_opts eo = { 0 };
	struct table *tables[T__MAX] = { NULL };
	const char *want = "paragraphs";
	struct pipeline *pl = NULL;
	struct article *a;
	struct corpus c;
	char **inputs = NULL;
	int ch, t, which = -1, rc = EXIT_OK;
	size_t i;

	while ((ch = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		switch (ch) {
		case 't':
			want = optarg;
			break;
		case 'O':
			eo.omit_text = 1;
			break;
		default:
			return cmd_usage(self);
		}
	}
	if (optind >= argc)
		return cmd_usage(self);
	for (t = 0; t < T__MAX; t++)
		if (strcmp(emit_table_name((enum emit_table)t), want) == 0)
			which = t;
	if (which < 0) {
		diag(DIAG_USAGE, NULL, 0, "unknown table '%s'", want);
		return EXIT_USAGE;
	}
	corpus_init(&c);
	if ((inputs = pipeline_inputs(argv + optind,
	    (size_t)(argc - optind))) == NULL ||
	    (pl = pipeline_load()) == NULL)
		goto out;
	for (i = 0; inputs[i] != NULL; i++) {
		if (article_read(inputs[i], &a) != 0 ||
		    pipeline_add(pl, &c, a) != 0)
			goto out;
	}
	emit_tables(&c, &eo, tables);
	if (csvio_write(tables[which], stdout) != 0)
		diag(DIAG_SYS, "<stdout>", 0, "write error");
out:
	rc = diag_exit();
	for (t = 0; t < T__MAX; t++)
		table_free(tables[t]);
	pipeline_inputs_free(inputs);
	pipeline_free(pl);
	corpus_release(&c);
	return rc;
}
