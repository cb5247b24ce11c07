/*
 * sheaf verify: check releases, and bags other tools made, as a
 * librarian would.  An archive is unpacked safely into a private
 * temporary directory (archive.h); a bag of BagIt 0.93 to 1.0 is checked
 * for completeness and fixity (bagverify.h; --complete: no fetch.txt
 * holes); a checksum file has each archive it lists checked, then
 * verified.  Every problem is reported naming its file; the exit status
 * is 0 or 1 (3 for I/O).
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bag/archive.h"
#include "bag/bagverify.h"
#include "cmd/cmd.h"
#include "lib/csvread.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "ocfl/ocfl.h"
#include "release/sqldb.h"
#include "validate/package.h"
#include "validate/schema.h"
#include "validate/validate.h"

/* Largest checksum file read. */
#define SUMS_MAX	(1UL << 20)

struct verify {
	struct unpack_limits	 lim;
	unsigned		 bagflags;	/* BAG_VERIFY_* */
	/* Rows of the CSV tables of the last csv bag checked, to compare
	 * the SQLite flavour with; have_csv 0 until one is seen. */
	struct sqldb_count	*csv;
	size_t			 ncsv;
	char			*csv_label;
	int			 have_csv;
	int			 fast;	/* --fast: OCFL without digests */
	int			 ocfl;	/* --ocfl: directories are OCFL */
};

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static void
skip_cell(void *arg, const char *s, size_t n)
{
	(void)arg;
	(void)s;
	(void)n;
}

static void
count_row(void *arg, size_t ncells)
{
	(void)ncells;
	(*(long long *)arg)++;
}

/*
 * Rows of every data/csv/TABLE.csv of a bag (records but the header),
 * kept in v for the SQLite check.  Nothing when the bag has no csv/.
 */
static int
keep_csv_rows(struct verify *v, const char *bag, const char *label)
{
	static const struct csvread_cb cb = {
		skip_cell, count_row, NULL, NULL
	};
	struct csvread_result res;
	struct filetree t;
	char *dir, *path;
	size_t i;
	long long rows;
	int rc = 0;

	dir = xasprintf("%s/data/csv", bag);
	if (!filetree_isdir(dir)) {
		free(dir);
		return 0;
	}
	filetree_init(&t);
	if (filetree_list(dir, &t) != 0) {
		free(dir);
		return -1;
	}
	sqldb_counts_free(v->csv, v->ncsv);
	free(v->csv_label);
	v->csv = xcalloc(t.n + 1, sizeof(*v->csv));
	v->ncsv = 0;
	v->csv_label = xstrdup(label);
	for (i = 0; i < t.n; i++) {
		if (t.e[i].isdir || !has_suffix(t.e[i].path, ".csv"))
			continue;
		path = xasprintf("%s/%s", dir, t.e[i].path);
		rows = 0;
		if (csvread_file(path, &cb, &rows, &res) != 0)
			rc = -1;
		v->csv[v->ncsv].table = xstrndup(t.e[i].path,
		    strlen(t.e[i].path) - 4);
		v->csv[v->ncsv++].rows = rows > 0 ? rows - 1 : 0;
		free(path);
	}
	v->have_csv = rc == 0;
	filetree_release(&t);
	free(dir);
	return rc;
}

/*
 * The SQLite flavour: integrity_check, foreign_key_check, and the rows
 * of each table against the CSV flavour's when one was checked.
 */
static int
verify_sqlite(struct verify *v, const char *path)
{
	struct sqldb_count *c;
	size_t n, i, j;
	int rc;

	rc = sqldb_check(path, &c, &n);
	if (n == 0 && rc == 0) {
		diag(DIAG_DATA, path, 0, "holds no table");
		rc = -1;
	}
	if (rc == 0 && !v->have_csv)
		diag(DIAG_WARN, path, 0, "no CSV flavour beside it: row "
		    "counts not compared");
	for (i = 0; rc == 0 && v->have_csv && i < n; i++) {
		for (j = 0; j < v->ncsv; j++)
			if (strcmp(v->csv[j].table, c[i].table) == 0)
				break;
		if (j == v->ncsv) {
			diag(DIAG_DATA, path, 0, "table %s is not in %s",
			    c[i].table, v->csv_label);
			rc = -1;
		} else if (v->csv[j].rows != c[i].rows) {
			diag(DIAG_DATA, path, 0, "table %s has %lld rows, "
			    "%s/data/csv/%s.csv %lld", c[i].table, c[i].rows,
			    v->csv_label, c[i].table, v->csv[j].rows);
			rc = -1;
		}
	}
	for (j = 0; rc == 0 && v->have_csv && j < v->ncsv; j++) {
		for (i = 0; i < n; i++)
			if (strcmp(v->csv[j].table, c[i].table) == 0)
				break;
		if (i == n) {
			diag(DIAG_DATA, path, 0, "has no table %s (%s has "
			    "it)", v->csv[j].table, v->csv_label);
			rc = -1;
		}
	}
	sqldb_counts_free(c, n);
	return rc;
}

/*
 * Every table of the bag against the bag's own schemas, as its
 * datapackage.json lists them (foreign keys included).  Problems are
 * reported against the table's file.
 */
static int
verify_tables(struct verify *v, const char *bag, const char *label)
{
	struct schema_pkg *pkg;
	struct vreport *rep;
	struct stat st;
	char *path;
	int rc;

	(void)v;
	path = xasprintf("%s/data/datapackage.json", bag);
	if (stat(path, &st) != 0) {
		/* a bag that is not a data package: fixity is all there is */
		diag(DIAG_WARN, label, 0, "no data/datapackage.json: tables "
		    "not validated");
		free(path);
		return 0;
	}
	pkg = schema_pkg_load(path);
	free(path);
	if (pkg == NULL) {
		diag(DIAG_DATA, label, 0, "data/datapackage.json is not a "
		    "usable data package");
		return 1;
	}
	rep = vreport_new(100);
	vreport_set_jobs(rep, cmd_default_jobs());
	rc = package_validate(pkg, 1, rep);
	if (rc == 1) {
		vreport_print_text(rep, stderr);
		diag(DIAG_DATA, label, 0, "tables do not validate against "
		    "their schemas");
	}
	vreport_free(rep);
	schema_pkg_free(pkg);
	return rc == 0 ? 0 : 1;
}

static int
verify_bag(struct verify *v, const char *dir, const char *label)
{
	int rc = bag_verify(dir, label, v->bagflags);

	if (rc == 0)
		rc = verify_tables(v, dir, label);
	if (rc == 0)
		rc = keep_csv_rows(v, dir, label);
	return rc;
}

static char *
dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	if (s == NULL)
		return xstrdup(".");
	if (s == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(s - path));
}

static const char *
base_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

struct sumline {
	char		 hex[65];
	char		*name;		/* owned */
	unsigned long	 line;
};

/*
 * Parse a sha256sum-style file: "HEX  NAME" or "HEX *NAME" lines.
 * Names must be plain file names next to the checksum file.
 */
static int
read_sums(const char *path, struct sumline **out, size_t *n)
{
	char *text, *p, *e, *name;
	size_t len, cap = 0, i;
	unsigned long line = 0;
	int bad = 0;

	*out = NULL;
	*n = 0;
	if (fs_read_file(path, SUMS_MAX, &text, &len) != 0)
		return -1;
	for (p = text; p < text + len; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			e = text + len;
		*e = '\0';
		line++;
		if (e > p && e[-1] == '\r')
			e[-1] = '\0';
		if (*p == '\0')
			continue;
		for (i = 0; i < 64 && isxdigit((unsigned char)p[i]); i++)
			continue;
		if (i != 64 || p[64] != ' ' || (p[65] != ' ' && p[65] != '*') ||
		    p[66] == '\0') {
			diag(DIAG_DATA, path, line, "malformed line: expected "
			    "a SHA-256 checksum, two spaces and a file name");
			bad = 1;
			continue;
		}
		name = p + 66;
		if (strchr(name, '/') != NULL || strcmp(name, "..") == 0 ||
		    strcmp(name, ".") == 0) {
			diag(DIAG_DATA, path, line, "'%s' refused: names must "
			    "be files next to the checksum file", name);
			bad = 1;
			continue;
		}
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		for (i = 0; i < 64; i++)
			(*out)[*n].hex[i] = (char)tolower((unsigned char)p[i]);
		(*out)[*n].hex[64] = '\0';
		(*out)[*n].name = xstrdup(name);
		(*out)[*n].line = line;
		(*n)++;
	}
	free(text);
	return bad ? -1 : 0;
}

static void
free_sums(struct sumline *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(s[i].name);
	free(s);
}

/* Check one file's SHA-256 against a checksum line. */
static int
check_sum(const char *file, const struct sumline *s, const char *sums)
{
	struct digest_sum d;

	if (digest_file(file, &d) != 0)
		return -1;
	if (strcmp(d.hex[DIGEST_SHA256], s->hex) != 0) {
		diag(DIAG_DATA, file, 0, "sha256 checksum mismatch (%s line "
		    "%lu)", sums, s->line);
		return -1;
	}
	return 0;
}

/*
 * The checksum file next to an archive, if one lists it:
 * NAME-VERSION-csv.tar.gz -> NAME-VERSION.sha256.
 */
static int
check_sibling(const char *path)
{
	const char *base = base_of(path), *dash;
	struct sumline *s;
	char *dir, *sums;
	size_t n, i;
	int rc = 0;

	if (has_suffix(base, ".sqlite"))
		dash = base + strlen(base) - strlen(".sqlite");
	else if ((dash = strrchr(base, '-')) == NULL || dash == base)
		return 0;
	dir = dir_of(path);
	sums = xasprintf("%s/%.*s.sha256", dir, (int)(dash - base), base);
	free(dir);
	if (!filetree_exists(sums)) {
		free(sums);
		return 0;
	}
	if (read_sums(sums, &s, &n) != 0) {
		free_sums(s, n);
		free(sums);
		return -1;
	}
	for (i = 0; i < n; i++)
		if (strcmp(s[i].name, base) == 0) {
			diag(DIAG_NOTE, path, 0, "checked against %s", sums);
			rc = check_sum(path, &s[i], sums);
		}
	free_sums(s, n);
	free(sums);
	return rc;
}

/*
 * Unpack the archive at path in a temporary directory and call fn on
 * the bag in it, labelled ARCHIVE:TOP; the directory is removed after.
 */
static int
with_unpacked(struct verify *v, const char *path,
    int (*fn)(struct verify *, const char *, const char *))
{
	const char *tmpdir = getenv("TMPDIR");
	char *tmp, *top = NULL, *bag, *label;
	int rc = 0;

	tmp = xasprintf("%s/sheaf-verify-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(tmp) == NULL) {
		diag_errno(errno, tmp, "cannot create a temporary directory");
		free(tmp);
		return -1;
	}
	if (archive_unpack(path, tmp, &v->lim, &top) != 0)
		rc = -1;
	else {
		bag = xasprintf("%s/%s", tmp, top);
		label = xasprintf("%s:%s", path, top);
		if (fn(v, bag, label) != 0)
			rc = -1;
		free(label);
		free(bag);
	}
	free(top);
	if (fs_rmtree(tmp) != 0)
		rc = -1;
	free(tmp);
	return rc;
}

static int
verify_archive(struct verify *v, const char *path, int sibling)
{
	int rc = 0;

	if (sibling && check_sibling(path) != 0)
		rc = -1;
	if (with_unpacked(v, path, verify_bag) != 0)
		rc = -1;
	return rc;
}

static int
verify_sums(struct verify *v, const char *path)
{
	struct sumline *s;
	char *dir, *file;
	size_t n, i;
	int rc;

	rc = read_sums(path, &s, &n);
	if (rc == 0 && n == 0) {
		diag(DIAG_DATA, path, 0, "lists no files");
		rc = -1;
	}
	dir = dir_of(path);
	for (i = 0; i < n; i++) {
		file = xasprintf("%s/%s", dir, s[i].name);
		if (check_sum(file, &s[i], path) != 0)
			rc = -1;
		/* the database after the archives, metadata.json: its sum */
		if (filetree_exists(file) && !has_suffix(file, ".sqlite") &&
		    !has_suffix(file, ".json") &&
		    verify_archive(v, file, 0) != 0)
			rc = -1;
		free(file);
	}
	for (i = 0; i < n; i++) {
		if (!has_suffix(s[i].name, ".sqlite"))
			continue;
		file = xasprintf("%s/%s", dir, s[i].name);
		if (filetree_exists(file) && verify_sqlite(v, file) != 0)
			rc = -1;
		free(file);
	}
	free(dir);
	free_sums(s, n);
	return rc;
}

/* A file whose first line reads like "HEX  NAME" is a checksum file. */
static int
is_sums(const char *path)
{
	char head[80];
	size_t n, i;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	if (n < 67)
		return 0;
	for (i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)head[i]))
			return 0;
	return head[64] == ' ' && (head[65] == ' ' || head[65] == '*');
}

/*
 * A directory is a bag; or a release directory NAME-VERSION holding
 * NAME-VERSION.sha256, whose archives are checked whole, and the bags
 * unpacked beside them (with --unpacked), each of which is checked.
 */
static int
verify_dir(struct verify *v, const char *path)
{
	struct filetree t;
	char *p, *sums;
	size_t i;
	int rc = 0;

	p = xasprintf("%s/bagit.txt", path);
	sums = xasprintf("%s/%s.sha256", path, base_of(path));
	if (filetree_exists(p) || !filetree_exists(sums)) {
		free(p);
		free(sums);
		return verify_bag(v, path, path);
	}
	free(p);
	rc = verify_sums(v, sums);
	free(sums);
	filetree_init(&t);
	if (filetree_list(path, &t) != 0)
		rc = -1;
	for (i = 0; i < t.n; i++) {
		if (!t.e[i].isdir || strchr(t.e[i].path, '/') != NULL)
			continue;
		p = xasprintf("%s/%s", path, t.e[i].path);
		if (verify_bag(v, p, p) != 0)
			rc = -1;
		free(p);
	}
	filetree_release(&t);
	return rc;
}

/*
 * A database named on the command line: its line of the checksum file
 * beside it, then its checks, with the CSV flavour beside it for the
 * row counts: the unpacked bag NAME-VERSION-csv, else the archive
 * NAME-VERSION-csv.tar.gz (or .zip).
 */
static int
verify_sqlite_file(struct verify *v, const char *path)
{
	static const char *const ext[] = { "", ".tar.gz", ".zip", NULL };
	const char *base = base_of(path);
	const char *const *e;
	char *dir, *bag;
	int rc = 0;

	if (check_sibling(path) != 0)
		rc = -1;
	dir = dir_of(path);
	v->have_csv = 0;
	for (e = ext; *e != NULL; e++) {
		bag = xasprintf("%s/%.*s-csv%s", dir, (int)(strlen(base) -
		    strlen(".sqlite")), base, *e);
		if (**e == '\0' ? filetree_isdir(bag) : filetree_exists(bag)) {
			if ((**e == '\0' ? keep_csv_rows(v, bag, bag) :
			    with_unpacked(v, bag, keep_csv_rows)) != 0)
				rc = -1;
			free(bag);
			break;
		}
		free(bag);
	}
	if (verify_sqlite(v, path) != 0)
		rc = -1;
	free(dir);
	return rc;
}

/*
 * An OCFL object or storage root: problems are printed with their
 * codes as they are found; the verdict names the object count.
 */
static void
verify_ocfl(const char *arg, int fast)
{
	struct ocfl_result res;
	size_t n = strlen(arg);
	char *path;
	int rc;

	/* "root/" names its objects "root/a/...", not "root//a/..." */
	while (n > 1 && arg[n - 1] == '/')
		n--;
	path = xstrndup(arg, n);
	memset(&res, 0, sizeof(res));
	if (ocfl_kind(path) == OCFL_ROOT) {
		rc = ocfl_verify_root(path, fast, &res);
		if (rc >= 0)
			diag(rc == 0 ? DIAG_NOTE : DIAG_DATA, path, 0, "OCFL "
			    "storage root: %lu object%s, %lu invalid; %lu "
			    "error%s, %lu warning%s", res.objects,
			    res.objects == 1 ? "" : "s", res.bad_objects,
			    res.errors, res.errors == 1 ? "" : "s",
			    res.warnings, res.warnings == 1 ? "" : "s");
	} else {
		rc = ocfl_verify_object(path, fast, &res);
		if (rc > 0)
			diag(DIAG_DATA, path, 0, "not a valid OCFL object: "
			    "%lu error%s, %lu warning%s", res.errors,
			    res.errors == 1 ? "" : "s", res.warnings,
			    res.warnings == 1 ? "" : "s");
	}
	if (rc == 0 && diag_verbosity() >= 0)
		printf("%s: OK%s\n", path, fast ? " (--fast: digests not "
		    "checked)" : "");
	free(path);
}

int
cmd_verify(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "complete", no_argument, NULL, 'C' },
		{ "fast", no_argument, NULL, 'f' },
		{ "max-files", required_argument, NULL, 'F' },
		{ "ocfl", no_argument, NULL, 'o' },
		{ "max-size", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	const struct sheaf_cmd *self = cmd_find("verify");
	struct verify v;
	struct stat st;
	int ch, i, rc;

	memset(&v, 0, sizeof(v));
	archive_default_limits(&v.lim);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			v.bagflags |= BAG_VERIFY_COMPLETE;
			break;
		case 'f':
			v.fast = 1;
			break;
		case 'o':
			v.ocfl = 1;
			break;
		case 'F':
			if (cmd_parse_count(optarg, "--max-files",
			    &v.lim.max_entries) != 0)
				return EXIT_USAGE;
			break;
		case 'S':
			if (cmd_parse_count(optarg, "--max-size",
			    &v.lim.max_total) != 0)
				return EXIT_USAGE;
			if (v.lim.max_entry > v.lim.max_total)
				v.lim.max_entry = v.lim.max_total;
			break;
		default:
			return cmd_usage(self);
		}
	}
	if (optind >= argc)
		return cmd_usage(self);
	for (i = optind; i < argc; i++) {
		const char *path = argv[i];

		if (stat(path, &st) != 0) {
			diag_errno(errno, path, "cannot open");
			continue;
		}
		if (S_ISDIR(st.st_mode) && (v.ocfl ||
		    ocfl_kind(path) != OCFL_NONE)) {
			verify_ocfl(path, v.fast);
			continue;
		}
		if (S_ISDIR(st.st_mode))
			rc = verify_dir(&v, path);
		else if (is_sums(path))
			rc = verify_sums(&v, path);
		else if (has_suffix(path, ".sqlite"))
			rc = verify_sqlite_file(&v, path);
		else
			rc = verify_archive(&v, path, 1);
		if (rc == 0 && diag_verbosity() >= 0)
			printf("%s: OK\n", path);
	}
	sqldb_counts_free(v.csv, v.ncsv);
	free(v.csv_label);
	return diag_exit();
}
