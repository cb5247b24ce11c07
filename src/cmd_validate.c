/*
 * cmd_validate: `sheaf validate FILE.csv --schema SCHEMA.json` and
 * `sheaf validate datapackage.json|DIR` (every resource, foreign keys
 * included; DIR holds datapackage.json or, a release bag, data/ does); `sheaf validate --schema SCHEMA.json --print-json-schema`
 * prints the JSON Schema of the table's JSON form instead.  The report
 * goes to standard output; exit 0 valid, 1 invalid, 2 usage or unusable
 * schema, 3 I/O error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "jsonschema.h"
#include "schema.h"
#include "validate.h"
#include "vpkg.h"
#include "xalloc.h"

#define LIMIT_DEFAULT	1000

/* A decimal count; -1 when s is not one. */
static long
parse_count(const char *s)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > 100000000ul)
		return -1;
	return (long)v;
}

/* The resource name of a lone CSV: its file name without ".csv". */
static char *
csv_name(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".csv") == 0)
		n -= 4;
	return xstrndup(b, n);
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
print_report(const struct vreport *rep, int json)
{
	int r = json ? vreport_print_json(rep, stdout) :
	    vreport_print_text(rep, stdout);

	if (r != 0) {
		diag_errno(errno, "standard output", "write error");
		return -1;
	}
	return 0;
}

int
cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "limit-errors", required_argument, NULL, 'l' },
		{ "schema", required_argument, NULL, 's' },
		{ "print-json-schema", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *me = cmd_find("validate");
	const char *schema_path = NULL, *input;
	struct schema_pkg *pkg = NULL;
	struct schema *sc = NULL;
	struct vresource *res = NULL;
	struct vfixity *fix = NULL;
	struct vreport *rep = NULL;
	char *name = NULL, *pkgpath = NULL;
	size_t nres = 0;
	long limit = LIMIT_DEFAULT;
	int ch, json = 0, rc, r, printjs = 0;

	while ((ch = getopt_long(argc, argv, "f:l:s:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = 1;
			else if (strcmp(optarg, "text") == 0)
				json = 0;
			else {
				diag(DIAG_USAGE, NULL, 0, "unknown format '%s' "
				    "(text or json)", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'l':
			if ((limit = parse_count(optarg)) < 1) {
				diag(DIAG_USAGE, NULL, 0, "--limit-errors "
				    "wants a positive count, not '%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		case 's':
			schema_path = optarg;
			break;
		case 'J':
			printjs = 1;
			break;
		case 'h':
			printf("usage: sheaf %s\n\n%s\n%s", me->synopsis,
			    me->summary, me->help);
			return EXIT_OK;
		default:
			return cmd_usage(me);
		}
	}
	if (printjs) {
		if (schema_path == NULL || argc != optind)
			return cmd_usage(me);
		if ((sc = schema_load(schema_path)) == NULL)
			return diag_exit();
		rc = EXIT_OK;
		if (jsonschema_write(sc, stdout) != 0) {
			diag_errno(errno, "standard output", "write error");
			rc = EXIT_SYS;
		}
		schema_free(sc);
		return rc;
	}
	if (argc - optind != 1)
		return cmd_usage(me);
	input = argv[optind];
	if (schema_path != NULL) {
		if ((sc = schema_load(schema_path)) == NULL)
			return diag_exit();
		res = xcalloc(1, sizeof(*res));
		name = csv_name(input);
		res[0].name = name;
		res[0].path = input;
		res[0].schema = sc;
		nres = 1;
	} else {
		if (is_dir(input)) {
			/* a package directory, or a release bag's top */
			pkgpath = xasprintf("%s/datapackage.json", input);
			if (access(pkgpath, F_OK) != 0) {
				char *alt = xasprintf("%s/data/datapackage.json",
				    input);

				if (access(alt, F_OK) == 0) {
					free(pkgpath);
					pkgpath = alt;
				} else
					free(alt);
			}
		} else {
			size_t n = strlen(input);

			if (n < 5 || strcmp(input + n - 5, ".json") != 0) {
				diag(DIAG_USAGE, input, 0, "a CSV file needs "
				    "--schema SCHEMA.json; else give a "
				    "datapackage.json");
				return EXIT_USAGE;
			}
			pkgpath = xstrdup(input);
		}
		if ((pkg = schema_pkg_load(pkgpath)) == NULL) {
			free(pkgpath);
			return diag_exit();
		}
	}
	rep = vreport_new((size_t)limit);
	if (pkg != NULL)
		r = vpkg_validate(pkg, 1, rep);
	else
		r = validate_resources_fixity(res, fix, nres, rep);
	if (r < 0)
		rc = diag_exit();
	else if (print_report(rep, json) != 0)
		rc = EXIT_SYS;
	else
		rc = r == 0 ? EXIT_OK : EXIT_DATA;
	vreport_free(rep);
	free(res);
	free(fix);
	free(name);
	free(pkgpath);
	schema_free(sc);
	schema_pkg_free(pkg);
	return rc;
}
