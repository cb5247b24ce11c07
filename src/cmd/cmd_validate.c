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

#include "bag/archive.h"
#include "cmd/cmd.h"
#include "lib/diag.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "validate/jsonschema.h"
#include "validate/package.h"
#include "validate/schema.h"
#include "validate/validate.h"

#define LIMIT_DEFAULT	1000

/* A decimal count; -1 when s is not one. */
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

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void
add_path(char ***v, size_t *n, char *p)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = p;
}

/*
 * The data packages an input names: a datapackage.json; a package
 * directory or a bag (DIR/data/datapackage.json); a release directory
 * (each bag in it); or a release archive, unpacked with verify's limits
 * into a private temporary directory *tmp that the caller removes.
 */
static int
package_paths(const char *input, char **tmp, char ***out, size_t *n)
{
	struct unpack_limits lim;
	struct filetree t;
	const char *base;
	char *p, *top = NULL;
	size_t i;

	if (has_suffix(input, ".tar.gz") || has_suffix(input, ".tgz") ||
	    has_suffix(input, ".tar") || has_suffix(input, ".zip")) {
		base = getenv("TMPDIR");
		*tmp = xasprintf("%s/sheaf-validate-XXXXXX",
		    base != NULL && *base != '\0' ? base : "/tmp");
		if (mkdtemp(*tmp) == NULL) {
			diag_errno(errno, *tmp, "cannot create");
			free(*tmp);
			*tmp = NULL;
			return -1;
		}
		archive_default_limits(&lim);
		if (archive_unpack(input, *tmp, &lim, &top) != 0)
			return -1;
		add_path(out, n, xasprintf("%s/%s/data/datapackage.json", *tmp,
		    top));
		free(top);
		return 0;
	}
	if (!is_dir(input)) {
		if (!has_suffix(input, ".json")) {
			diag(DIAG_USAGE, input, 0, "a CSV file needs --schema "
			    "SCHEMA.json; else give a datapackage.json, a bag, "
			    "a release directory or archive");
			return -1;
		}
		add_path(out, n, xstrdup(input));
		return 0;
	}
	p = xasprintf("%s/datapackage.json", input);
	if (access(p, F_OK) == 0) {
		add_path(out, n, p);
		return 0;
	}
	free(p);
	p = xasprintf("%s/data/datapackage.json", input);
	if (access(p, F_OK) == 0) {
		add_path(out, n, p);
		return 0;
	}
	free(p);
	/* a release directory: its bags */
	filetree_init(&t);
	if (filetree_list(input, &t) != 0) {
		filetree_release(&t);
		return -1;
	}
	for (i = 0; i < t.n; i++) {
		if (!t.e[i].isdir || strchr(t.e[i].path, '/') != NULL)
			continue;
		p = xasprintf("%s/%s/data/datapackage.json", input,
		    t.e[i].path);
		if (access(p, F_OK) == 0)
			add_path(out, n, p);
		else
			free(p);
	}
	filetree_release(&t);
	if (*n == 0) {
		diag(DIAG_USAGE, input, 0, "holds no datapackage.json, bag or "
		    "release");
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
		{ "jobs", required_argument, NULL, 'j' },
		{ "key-memory", required_argument, NULL, 'K' },
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
	char *name = NULL, *tmp = NULL, **pkgs = NULL;
	size_t nres = 0, npkgs = 0, i;
	uint64_t limit = LIMIT_DEFAULT;
	unsigned jobs = cmd_default_jobs();
	uint64_t keymem = 0;
	int ch, json = 0, rc = EXIT_OK, r, ri, printjs = 0;

	while ((ch = getopt_long(argc, argv, "f:j:l:s:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (cmd_parse_format(optarg, &json) != 0)
				return EXIT_USAGE;
			break;
		case 'l':
			if (cmd_parse_count(optarg, "--limit-errors",
			    &limit) != 0)
				return EXIT_USAGE;
			break;
		case 'j':
			if (cmd_parse_jobs(optarg, &jobs) != 0)
				return EXIT_USAGE;
			break;
		case 'K':
			if (cmd_parse_size(optarg, "--key-memory", 1024,
			    &keymem) != 0)
				return EXIT_USAGE;
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
		if (package_paths(input, &tmp, &pkgs, &npkgs) != 0)
			goto out;
	}
	rep = vreport_new((size_t)limit);
	vreport_set_jobs(rep, jobs);
	vreport_set_keymem(rep, (size_t)keymem, NULL);
	if (npkgs > 0) {
		for (i = 0, r = 0; i < npkgs && r >= 0; i++) {
			if ((pkg = schema_pkg_load(pkgs[i])) == NULL) {
				r = -1;
				break;
			}
			ri = package_validate(pkg, 1, rep);
			if (ri != 0)
				r = ri < 0 ? -1 : 1;
			schema_pkg_free(pkg);
			pkg = NULL;
		}
	} else
		r = validate_resources_fixity(res, fix, nres, rep);
	if (r < 0)
		rc = diag_exit();
	else if (print_report(rep, json) != 0)
		rc = EXIT_SYS;
	else
		rc = r == 0 ? EXIT_OK : EXIT_DATA;
out:
	if (rep == NULL)
		rc = diag_exit();
	vreport_free(rep);
	free(res);
	free(fix);
	free(name);
	for (i = 0; i < npkgs; i++)
		free(pkgs[i]);
	free(pkgs);
	if (tmp != NULL) {
		fs_rmtree(tmp);
		free(tmp);
	}
	schema_free(sc);
	schema_pkg_free(pkg);
	return rc;
}
