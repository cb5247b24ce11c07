/*
 * sheaf archive --ocfl ROOT RELEASE...: keep releases as the versions
 * of one OCFL object (ocflw.h).  RELEASE is a published release
 * directory OUT/NAME-VERSION (its csv bag is added) or a csv bag; it is
 * verified as a bag first, and releases are added in the order given.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bag.h"
#include "cmd.h"
#include "diag.h"
#include "ftree.h"
#include "ocflw.h"
#include "xalloc.h"

/* The csv bag of a release directory, or the bag itself; owned. */
static char *
csv_bag(const char *path)
{
	const char *base = strrchr(path, '/');
	char *p, *q;
	size_t n;

	p = xasprintf("%s/bagit.txt", path);
	if (ftree_exists(p)) {
		free(p);
		return xstrdup(path);
	}
	free(p);
	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	p = xasprintf("%s/%.*s-csv", path, (int)n, base);
	q = xasprintf("%s/bagit.txt", p);
	if (!ftree_exists(q)) {
		diag(DIAG_DATA, path, 0, "neither a bag nor a release "
		    "directory holding %.*s-csv", (int)n, base);
		free(p);
		p = NULL;
	}
	free(q);
	return p;
}

int
cmd_archive(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "ocfl", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *self = cmd_find("archive");
	const char *root = NULL;
	char *bag;
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
	for (i = optind; i < argc; i++) {
		if ((bag = csv_bag(argv[i])) == NULL)
			return diag_exit();
		rc = bag_verify(bag, bag);
		if (rc != 0) {
			diag(DIAG_DATA, bag, 0, "not a valid bag; nothing "
			    "added");
			free(bag);
			return diag_exit();
		}
		rc = ocflw_add_release(root, bag);
		free(bag);
		if (rc != EXIT_OK)
			return rc;
	}
	return diag_exit();
}
