/*
 * sheaf diff OLD NEW: what changed between two versions of a dataset
 * (diff.h): metadata, schemas, and rows matched by primary key.  OLD
 * and NEW are release archives, bags, release directories, data
 * packages or release databases (NAME-VERSION.sqlite).  Exit 0 identical, 1 different, 2 unusable input or usage,
 * 3 I/O error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bag/archive.h"
#include "cmd/cmd.h"
#include "diff/diff.h"
#include "lib/diag.h"

/* A failure before or while comparing: unusable input unless I/O. */
static int
unusable(void)
{
	return diag_exit() == EXIT_SYS ? EXIT_SYS : EXIT_USAGE;
}

int
cmd_diff(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "max-files", required_argument, NULL, 'F' },
		{ "max-size", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *self = cmd_find("diff");
	struct diff_side *old = NULL, *new = NULL;
	struct unpack_limits lim;
	struct diff *d = NULL;
	int ch, json = 0, rc;

	archive_default_limits(&lim);
	while ((ch = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (cmd_parse_format(optarg, &json) != 0)
				return EXIT_USAGE;
			break;
		case 'F':
			if (cmd_parse_count(optarg, "--max-files",
			    &lim.max_entries) != 0)
				return EXIT_USAGE;
			break;
		case 'S':
			if (cmd_parse_count(optarg, "--max-size",
			    &lim.max_total) != 0)
				return EXIT_USAGE;
			if (lim.max_entry > lim.max_total)
				lim.max_entry = lim.max_total;
			break;
		default:
			return cmd_usage(self);
		}
	}
	if (argc - optind != 2)
		return cmd_usage(self);
	if ((old = diff_side_open(argv[optind], &lim)) == NULL ||
	    (new = diff_side_open(argv[optind + 1], &lim)) == NULL ||
	    (d = diff_run(old, new)) == NULL) {
		rc = unusable();
		goto out;
	}
	if ((json ? diff_write_json(d, stdout) : diff_write_text(d, stdout))
	    != 0)
		rc = EXIT_SYS;
	else
		rc = diff_identical(d) ? EXIT_OK : EXIT_DATA;
out:
	diff_free(d);
	diff_side_free(new);
	diff_side_free(old);
	return rc;
}
