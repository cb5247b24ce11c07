/*
 * sheaf archive --ocfl ROOT RELEASE...: keep releases as the versions
 * of one OCFL object (ocflw.h).  RELEASE is a published release
 * directory OUT/NAME-VERSION (its csv bag is added, unpacked or from
 * its archive) or a csv bag; it is verified as a bag first, and
 * releases are added in the order given.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lib/diag.h"
#include "ocfl/ocflw.h"

int
cmd_archive(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "ocfl", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *self = cmd_find("archive");
	const char *root = NULL;
	int ch, i, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			root = optarg;
			break;
		default:
			return cmd_usage(self);
		}
	}
	if (root == NULL || optind >= argc)
		return cmd_usage(self);
	for (i = optind; i < argc; i++)
		if ((rc = ocflw_add_path(root, argv[i])) != EXIT_OK)
			return rc;
	return diag_exit();
}
