/*
 * side: the versions a diff compares (see diff.h): release archives,
 * unpacked bags, release directories, data package directories and
 * release databases, read as data packages; or a side made of parts.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bag/archive.h"
#include "diff/diff.h"
#include "diff/diff_int.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/sqldb.h"
#include "validate/package.h"
#include "validate/schema.h"

const char *
diff_tmpbase(void)
{
	const char *t = getenv("TMPDIR");

	return t != NULL && *t != '\0' ? t : "/tmp";
}

static int
side_tmp(struct diff_side *s)
{
	if (s->tmp != NULL)
		return 0;
	s->tmp = xasprintf("%s/sheaf-diff-XXXXXX", diff_tmpbase());
	if (mkdtemp(s->tmp) == NULL) {
		diag_errno(errno, s->tmp, "cannot create a temporary "
		    "directory");
		free(s->tmp);
		s->tmp = NULL;
		return -1;
	}
	return 0;
}

static int
table_cmp(const void *a, const void *b)
{
	const struct side_table *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
isfile(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* A JSON table turned into CSV in the side's temporary directory. */
static char *
json_to_csv(struct diff_side *s, const struct schema_res *r, size_t i)
{
	char *csv;
	FILE *fp;
	int rc;

	if (side_tmp(s) != 0)
		return NULL;
	csv = xasprintf("%s/table-%zu.csv", s->tmp, i);
	if ((fp = fs_create(csv)) == NULL) {
		free(csv);
		return NULL;
	}
	rc = package_json_table(r->path, r->schema, fp);
	if (fclose(fp) != 0 && rc == 0) {
		diag_errno(errno, csv, "write error");
		rc = -1;
	}
	if (rc != 0) {
		if (rc > 0)
			diag(DIAG_USAGE, r->path, 0, "not a usable JSON table");
		free(csv);
		return NULL;
	}
	return csv;
}

/* The data package in dir: its tables, name and CITATION.cff. */
static int
load_package(struct diff_side *s, const char *dir)
{
	char *p;
	size_t i;

	p = xasprintf("%s/datapackage.json", dir);
	s->pkg = schema_pkg_load(p);
	free(p);
	if (s->pkg == NULL)
		return -1;
	s->t = xcalloc(s->pkg->nres, sizeof(*s->t));
	for (i = 0; i < s->pkg->nres; i++) {
		const struct schema_res *r = &s->pkg->res[i];

		s->t[i].name = xstrdup(r->name);
		s->t[i].schema = r->schema;
		s->nt = i + 1;
		s->t[i].path = r->json ? json_to_csv(s, r, i) :
		    xstrdup(r->path);
		if (s->t[i].path == NULL)
			return -1;
	}
	qsort(s->t, s->nt, sizeof(*s->t), table_cmp);
	if (s->pkg->name != NULL)
		s->name = xstrdup(s->pkg->name);
	p = xasprintf("%s/CITATION.cff", dir);
	if (isfile(p)) {
		if (citation_read(p, &s->cff) != 0) {
			free(p);
			return -1;
		}
		s->have_cff = 1;
		s->cffp = &s->cff;
		if (s->cff.version != NULL)
			s->version = xstrdup(s->cff.version);
	}
	free(p);
	return 0;
}

/* The package folder of a bag or package directory; NULL if neither. */
static char *
package_dir(const char *dir)
{
	char *p = xasprintf("%s/data/datapackage.json", dir);

	if (isfile(p)) {
		free(p);
		return xasprintf("%s/data", dir);
	}
	free(p);
	p = xasprintf("%s/datapackage.json", dir);
	if (isfile(p)) {
		free(p);
		return xstrdup(dir);
	}
	free(p);
	return NULL;
}

static char *
unpack(struct diff_side *s, const char *path,
    const struct unpack_limits *lim)
{
	char *top = NULL, *bag, *dir;

	if (side_tmp(s) != 0)
		return NULL;
	if (archive_unpack(path, s->tmp, lim, &top) != 0)
		return NULL;
	bag = xasprintf("%s/%s", s->tmp, top);
	free(top);
	dir = package_dir(bag);
	if (dir == NULL)
		diag(DIAG_USAGE, path, 0, "the archive holds no "
		    "datapackage.json");
	free(bag);
	return dir;
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n > k && strcmp(s + n - k, suf) == 0;
}

/*
 * A release directory: the bag or archive to read, by preference a
 * csv bag, a json bag, then the archives of each.  Two candidates of
 * the same kind make the directory ambiguous.
 */
static char *
release_dir(struct diff_side *s, const char *dir,
    const struct unpack_limits *lim)
{
	static const struct {
		const char	*suffix;
		int		 bag;
	} pref[] = {
		{ "-csv", 1 }, { "-json", 1 }, { "-csv.tar.gz", 0 },
		{ "-csv.zip", 0 }, { "-json.tar.gz", 0 }, { "-json.zip", 0 }
	};
	enum { NPREF = sizeof(pref) / sizeof(pref[0]) };
	char *best[NPREF] = { NULL }, *p, *sub, *res = NULL;
	struct dirent *de;
	int k, amb[NPREF] = { 0 };
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		diag_errno(errno, dir, "cannot open");
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		for (k = 0; k < NPREF; k++) {
			if (!has_suffix(de->d_name, pref[k].suffix))
				continue;
			if (pref[k].bag) {
				if ((sub = package_dir(p)) == NULL)
					continue;
				free(sub);
			} else if (!isfile(p))
				continue;
			if (best[k] != NULL)
				amb[k] = 1;
			else
				best[k] = xstrdup(p);
			break;
		}
		free(p);
	}
	closedir(d);
	for (k = 0; k < NPREF && best[k] == NULL; k++)
		continue;
	if (k == NPREF)
		diag(DIAG_USAGE, dir, 0, "not a release, bag, archive or data "
		    "package: no datapackage.json, bag or release archive");
	else if (amb[k])
		diag(DIAG_USAGE, dir, 0, "more than one release in the "
		    "directory: give the bag or archive to compare");
	else if (pref[k].bag)
		res = package_dir(best[k]);
	else
		res = unpack(s, best[k], lim);
	for (k = 0; k < NPREF; k++)
		free(best[k]);
	return res;
}

struct diff_side *
diff_side_open(const char *path, const struct unpack_limits *lim)
{
	struct diff_side *s = xcalloc(1, sizeof(*s));
	const char *base;
	char *dir = NULL;
	struct stat st;

	s->label = xstrdup(path);
	if (stat(path, &st) != 0) {
		diag_errno(errno, path, "cannot open");
		goto fail;
	}
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	if (S_ISDIR(st.st_mode)) {
		if ((dir = package_dir(path)) == NULL)
			dir = release_dir(s, path, lim);
	} else if (strcmp(base, "datapackage.json") == 0)
		dir = base == path ? xstrdup(".") :
		    xstrndup(path, (size_t)(base - path - 1));
	else if (has_suffix(base, ".sqlite")) {
		/* the SQLite flavour: its tables and schemas as a package */
		if (side_tmp(s) == 0 && sqldb_export(path, s->tmp) == 0)
			dir = xstrdup(s->tmp);
	} else
		dir = unpack(s, path, lim);
	if (dir == NULL || load_package(s, dir) != 0)
		goto fail;
	free(dir);
	return s;
fail:
	free(dir);
	diff_side_free(s);
	return NULL;
}

struct diff_side *
diff_side_new(const char *label, const char *name, const char *version,
    const struct citation *cff, const struct diff_table_in *tables,
    size_t ntables)
{
	struct diff_side *s = xcalloc(1, sizeof(*s));
	size_t i;

	s->label = xstrdup(label);
	s->name = name != NULL ? xstrdup(name) : NULL;
	s->version = version != NULL ? xstrdup(version) : NULL;
	s->cffp = cff;
	s->t = xcalloc(ntables + 1, sizeof(*s->t));
	for (i = 0; i < ntables; i++) {
		s->t[i].name = xstrdup(tables[i].name);
		s->t[i].path = xstrdup(tables[i].path);
		s->t[i].schema = tables[i].schema;
	}
	s->nt = ntables;
	qsort(s->t, s->nt, sizeof(*s->t), table_cmp);
	return s;
}

void
diff_side_free(struct diff_side *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nt; i++) {
		free(s->t[i].name);
		free(s->t[i].path);
	}
	free(s->t);
	schema_pkg_free(s->pkg);
	if (s->have_cff)
		citation_release(&s->cff);
	if (s->tmp != NULL) {
		fs_rmtree(s->tmp);
		free(s->tmp);
	}
	free(s->name);
	free(s->version);
	free(s->label);
	free(s);
}

const char *
diff_side_label(const struct diff_side *s)
{
	return s->label;
}

const char *
diff_side_name(const struct diff_side *s)
{
	return s->name;
}

const char *
diff_side_version(const struct diff_side *s)
{
	return s->version;
}
