/*
 * ocfl: validation of OCFL 1.1 objects and storage roots.  The codes
 * and their wording follow the specification's validation codes
 * (https://ocfl.io/1.1/spec/validation-codes.html); each check below
 * names the code it reports.  The inventory is held as jansson values;
 * lookups (content path -> digest, logical path -> digest) are jansson
 * objects used as hash tables.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "ocfl/ocfl.h"

/* Largest inventory.json read (an inventory of a million files fits). */
#define INV_MAX		(256UL << 20)
#define SIDECAR_MAX	4096

#define TYPE_PREFIX	"https://ocfl.io/"
#define TYPE_SUFFIX	"/spec/#inventory"

/*
 * Extensions registered in the OCFL extensions repository
 * (github.com/OCFL/extensions), by directory name; W013 names others.
 */
static const char *const registered_ext[] = {
	"0001-digest-algorithms",
	"0002-flat-direct-storage-layout",
	"0003-hash-and-id-n-tuple-storage-layout",
	"0004-hashed-n-tuple-storage-layout",
	"0005-mutable-head",
	"0006-flat-omit-prefix-storage-layout",
	"0007-n-tuple-omit-prefix-storage-layout",
	"0008-schema-registry",
	"0009-digest-algorithms",
	"0010-differential-ocfl-version",
	"0011-direct-clean-path-layout",
};

struct check {
	const char		*obj;	/* object root */
	int			 fast;
	unsigned long		 errors, warnings;
	/* storage roots: objects placed by 0004 with its defaults */
	int			 hashed;
};

static void
report(struct check *c, enum diag_level lv, const char *file,
    const char *code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
report(struct check *c, enum diag_level lv, const char *file,
    const char *code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag(lv, file, 0, "%s: %s", code, msg);
	if (lv == DIAG_WARN)
		c->warnings++;
	else
		c->errors++;
}

#define ERR(c, f, code, ...)	report((c), DIAG_DATA, (f), (code), __VA_ARGS__)
#define WARN(c, f, code, ...)	report((c), DIAG_WARN, (f), (code), __VA_ARGS__)

/* --- small helpers ----------------------------------------------------- */

struct dent {
	char	*name;
	int	 isdir;
	int	 isreg;
};

static int
dent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name,
	    ((const struct dent *)b)->name);
}

/* The entries of one directory, sorted; -1 after a diagnostic. */
static int
list_dir(const char *dir, struct dent **out, size_t *n)
{
	struct dirent *de;
	struct stat st;
	size_t cap = 0;
	char *p;
	DIR *d;

	*out = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		diag_errno(errno, dir, "cannot open directory");
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &st) != 0)
			memset(&st, 0, sizeof(st));
		free(p);
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		(*out)[*n].name = xstrdup(de->d_name);
		(*out)[*n].isdir = S_ISDIR(st.st_mode);
		(*out)[*n].isreg = S_ISREG(st.st_mode);
		(*n)++;
	}
	closedir(d);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), dent_cmp);
	return 0;
}

static void
free_dents(struct dent *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(d[i].name);
	free(d);
}

/*
 * "v" and a positive decimal number: the number, and in *width the
 * length of the digits when zero-padded ("v001" -> 1, width 3), else 0.
 * -1 when s is not a version name.
 */
static long
vnum(const char *s, int *width)
{
	const char *p;
	long v = 0;

	if (s == NULL || s[0] != 'v' || s[1] == '\0')
		return -1;
	for (p = s + 1; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || v > 100000000L)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v == 0)
		return -1;
	*width = s[1] == '0' ? (int)strlen(s + 1) : 0;
	return v;
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* A URI per RFC 3986: scheme ":" something. */
static int
is_uri(const char *s)
{
	const char *p = s;

	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
	    *p == '.')
		p++;
	return *p == ':' && p[1] != '\0';
}

/* RFC 3339 date-time: YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm). */
static int
is_rfc3339(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";
	size_t i;

	for (i = 0; pat[i] != '\0'; i++) {
		if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    (pat[i] == 'T' ? (s[i] != 'T' && s[i] != 't') :
		    s[i] != pat[i]))
			return 0;
	}
	s += i;
	if (*s == '.') {
		if (!isdigit((unsigned char)*++s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if ((*s == 'Z' || *s == 'z') && s[1] == '\0')
		return 1;
	return (*s == '+' || *s == '-') && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && s[3] == ':' &&
	    isdigit((unsigned char)s[4]) && isdigit((unsigned char)s[5]) &&
	    s[6] == '\0';
}

/*
 * A path of elements joined by '/': 0, or the code of what is wrong:
 * an empty, "." or ".." element (bad_elem), a leading or trailing '/'
 * (bad_end).
 */
static const char *
path_problem(const char *p, const char *bad_elem, const char *bad_end)
{
	const char *s, *e;
	size_t n;

	if (*p == '\0')
		return bad_elem;
	if (*p == '/' || p[strlen(p) - 1] == '/')
		return bad_end;
	for (s = p;; s = e + 1) {
		e = strchr(s, '/');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return bad_elem;
		if (e == NULL)
			return NULL;
	}
}

/*
 * Paths must be unique and none may be a directory of another:
 * reports code for each clash.  paths is sorted here.
 */
static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
check_conflicts(struct check *c, const char *file, const char **paths,
    size_t n, const char *code, const char *what)
{
	json_t *dirs = json_object();
	size_t i, k;
	char *d;

	if (n > 1)
		qsort(paths, n, sizeof(*paths), str_cmp);
	for (i = 0; i + 1 < n; i++)
		if (strcmp(paths[i], paths[i + 1]) == 0)
			ERR(c, file, code, "%s '%s' appears twice", what,
			    paths[i]);
	/* every directory a path implies */
	for (i = 0; i < n; i++) {
		for (k = 0; paths[i][k] != '\0'; k++) {
			if (paths[i][k] != '/')
				continue;
			d = xstrndup(paths[i], k);
			json_object_set_new(dirs, d, json_true());
			free(d);
		}
	}
	for (i = 0; i < n; i++)
		if (json_object_get(dirs, paths[i]) != NULL)
			ERR(c, file, code, "%s '%s' is also a directory of "
			    "another", what, paths[i]);
	json_decref(dirs);
}

/* --- one inventory ----------------------------------------------------- */

struct inv {
	json_t		*j;		/* owned */
	char		*file;		/* owned: its path, for diagnostics */
	char		*bytes;		/* owned: as read */
	size_t		 len;
	const char	*id, *type, *alg, *head, *cdir;
	int		 spec;		/* 10 for 1.0, 11 for 1.1, 0 unknown */
	int		 width;		/* zero-padding of version names */
	long		 nver;		/* versions v1..vN when in order */
	json_t		*manifest, *versions, *fixity;	/* borrowed */
	json_t		*cpath;		/* owned: content path -> digest */
	int		 usable;	/* versions and manifest usable */
};

static void
inv_free(struct inv *v)
{
	if (v == NULL)
		return;
	json_decref(v->j);
	json_decref(v->cpath);
	free(v->file);
	free(v->bytes);
	free(v);
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The version name of number k in this inventory's padding. */
static char *
vname(const struct inv *v, long k)
{
	return v->width > 0 ? xasprintf("v%0*ld", v->width, k) :
	    xasprintf("v%ld", k);
}

static void
check_version_block(struct check *c, struct inv *v, const char *name,
    json_t *ver)
{
	static const char *const keys[] = { "created", "state", "message",
	    "user", NULL };
	const char *key, *created, *lp, *prob;
	const char **lpaths = NULL;
	size_t nl = 0, cap = 0, i, k;
	json_t *state, *paths, *p, *user, *val;

	if (!json_is_object(ver)) {
		ERR(c, v->file, "E047", "version %s is not a JSON object",
		    name);
		return;
	}
	json_object_foreach(ver, key, val) {
		for (k = 0; keys[k] != NULL && strcmp(keys[k], key) != 0; k++)
			continue;
		if (keys[k] == NULL)
			ERR(c, v->file, "E102", "version %s has the key '%s', "
			    "which the specification does not define", name,
			    key);
	}
	val = json_object_get(ver, "created");
	if (val == NULL)
		ERR(c, v->file, "E048", "version %s has no 'created'", name);
	else if ((created = json_string_value(val)) == NULL ||
	    !is_rfc3339(created))
		ERR(c, v->file, "E049", "version %s: 'created' is not an RFC "
		    "3339 date-time with seconds and a time zone", name);
	val = json_object_get(ver, "message");
	if (val != NULL && !json_is_string(val))
		ERR(c, v->file, "E094", "version %s: 'message' is not a "
		    "string", name);
	user = json_object_get(ver, "user");
	if (val == NULL || user == NULL)
		WARN(c, v->file, "W007", "version %s has no '%s'", name,
		    val == NULL ? "message" : "user");
	if (user != NULL) {
		if (!json_is_object(user) || jstr(user, "name") == NULL)
			ERR(c, v->file, "E054", "version %s: 'user' has no "
			    "string 'name'", name);
		else if ((val = json_object_get(user, "address")) == NULL)
			WARN(c, v->file, "W008", "version %s: 'user' has no "
			    "'address'", name);
		else if (!json_is_string(val) ||
		    !is_uri(json_string_value(val)))
			WARN(c, v->file, "W009", "version %s: the user's "
			    "address is not a URI", name);
	}
	state = json_object_get(ver, "state");
	if (state == NULL) {
		ERR(c, v->file, "E048", "version %s has no 'state'", name);
		return;
	}
	if (!json_is_object(state)) {
		ERR(c, v->file, "E050", "version %s: 'state' is not a JSON "
		    "object", name);
		return;
	}
	json_object_foreach(state, key, paths) {
		if (v->manifest != NULL &&
		    json_object_get(v->manifest, key) == NULL)
			ERR(c, v->file, "E050", "version %s: state digest "
			    "'%.16s...' is not in the manifest", name, key);
		if (!json_is_array(paths)) {
			ERR(c, v->file, "E051", "version %s: state of "
			    "'%.16s...' is not an array of logical paths",
			    name, key);
			continue;
		}
		json_array_foreach(paths, i, p) {
			if ((lp = json_string_value(p)) == NULL) {
				ERR(c, v->file, "E051", "version %s: a logical "
				    "path is not a string", name);
				continue;
			}
			if ((prob = path_problem(lp, "E052", "E053")) != NULL)
				ERR(c, v->file, prob, "version %s: logical "
				    "path '%s' %s", name, lp,
				    strcmp(prob, "E052") == 0 ? "has an empty, "
				    "'.' or '..' element" : "begins or ends "
				    "with '/'");
			lpaths = xgrow(lpaths, &cap, nl + 1, sizeof(*lpaths));
			lpaths[nl++] = lp;
		}
	}
	check_conflicts(c, v->file, lpaths, nl, "E095",
	    "logical path");
	free(lpaths);
}

/*
 * Structure and rules of one inventory; what can be used later is kept
 * in v (usable says whether manifest and versions are).
 */
static void
check_inventory(struct check *c, struct inv *v)
{
	static const char *const keys[] = { "id", "type", "digestAlgorithm",
	    "head", "contentDirectory", "fixity", "manifest", "versions",
	    NULL };
	const char *key, *prob, *cp, *s;
	const char **cpaths = NULL;
	size_t ncp = 0, cap = 0, i, k;
	json_t *val, *paths, *p, *lowset, *used, *ver, *st, *fx;
	long n, maxv = 0;
	int w = -1, wi, bad_names = 0;
	char *lc, *nm;

	json_object_foreach(v->j, key, val) {
		for (k = 0; keys[k] != NULL && strcmp(keys[k], key) != 0; k++)
			continue;
		if (keys[k] == NULL)
			ERR(c, v->file, "E102", "the key '%s' is not one the "
			    "specification defines", key);
	}
	v->id = jstr(v->j, "id");
	v->type = jstr(v->j, "type");
	v->alg = jstr(v->j, "digestAlgorithm");
	v->head = jstr(v->j, "head");
	if (v->id == NULL)
		ERR(c, v->file, "E036", "no string 'id'");
	else if (!is_uri(v->id))
		WARN(c, v->file, "W005", "the id '%s' is not a URI", v->id);
	if (v->type == NULL)
		ERR(c, v->file, "E036", "no string 'type'");
	else if (strcmp(v->type, TYPE_PREFIX "1.1" TYPE_SUFFIX) == 0)
		v->spec = 11;
	else if (strcmp(v->type, TYPE_PREFIX "1.0" TYPE_SUFFIX) == 0)
		v->spec = 10;
	else
		ERR(c, v->file, "E038", "type '%s' is not an OCFL inventory "
		    "type", v->type);
	if (v->alg == NULL)
		ERR(c, v->file, "E036", "no string 'digestAlgorithm'");
	else if (strcmp(v->alg, "sha256") == 0)
		WARN(c, v->file, "W004", "the digest algorithm is sha256; "
		    "sha512 is recommended");
	else if (strcmp(v->alg, "sha512") != 0) {
		ERR(c, v->file, "E025", "the digest algorithm '%s' is "
		    "neither sha512 nor sha256", v->alg);
		v->alg = NULL;
	}
	if (v->head == NULL && json_object_get(v->j, "head") != NULL)
		ERR(c, v->file, "E040", "'head' is not a version name");
	else if (v->head == NULL)
		ERR(c, v->file, "E036", "no 'head'");
	val = json_object_get(v->j, "contentDirectory");
	v->cdir = "content";
	if (val != NULL) {
		s = json_string_value(val);
		if (s == NULL || *s == '\0' || strchr(s, '/') != NULL ||
		    strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
			ERR(c, v->file, "E017", "contentDirectory is not a "
			    "single path element");
		else
			v->cdir = s;
	}

	/* versions: v1..vN, one naming convention */
	v->versions = json_object_get(v->j, "versions");
	if (v->versions == NULL)
		ERR(c, v->file, "E041", "no 'versions' block");
	else if (!json_is_object(v->versions)) {
		ERR(c, v->file, "E044", "'versions' is not a JSON object");
		v->versions = NULL;
	} else if (json_object_size(v->versions) == 0) {
		ERR(c, v->file, "E008", "'versions' is empty");
		v->versions = NULL;
	}
	if (v->versions != NULL) {
		json_object_foreach(v->versions, key, val) {
			if ((n = vnum(key, &wi)) < 0) {
				ERR(c, v->file, "E046", "'%s' is not a "
				    "version name", key);
				bad_names = 1;
				continue;
			}
			if (w == -1)
				w = wi;
			else if (w != wi) {
				ERR(c, v->file, w > 0 || wi > 0 ? "E012" :
				    "E013", "version names mix zero-padded "
				    "and plain numbers ('%s')", key);
				bad_names = 1;
			}
			if (n > maxv)
				maxv = n;
		}
		v->width = w > 0 ? w : 0;
		if (v->width > 0) {
			WARN(c, v->file, "W001", "version names are "
			    "zero-padded");
			nm = vname(v, maxv);
			if (strlen(nm) != (size_t)v->width + 1 || nm[1] !=
			    '0') {
				ERR(c, v->file, "E011", "zero-padded version "
				    "'%s' does not start with 'v0'", nm);
				bad_names = 1;
			}
			free(nm);
		}
		for (n = 1; !bad_names && n <= maxv; n++) {
			nm = vname(v, n);
			if (json_object_get(v->versions, nm) == NULL) {
				ERR(c, v->file, n == 1 ? "E009" : "E010",
				    "versions skip %s", nm);
				bad_names = 1;
			}
			free(nm);
		}
		if (!bad_names)
			v->nver = maxv;
		if (v->head != NULL && !bad_names) {
			nm = vname(v, maxv);
			if (strcmp(v->head, nm) != 0)
				ERR(c, v->file, "E040", "head '%s' is not the "
				    "highest version, '%s'", v->head, nm);
			free(nm);
		} else if (v->head != NULL &&
		    json_object_get(v->versions, v->head) == NULL)
			ERR(c, v->file, "E040", "head '%s' is not a "
			    "version", v->head);
	}

	/* manifest */
	v->manifest = json_object_get(v->j, "manifest");
	v->cpath = json_object();
	if (v->manifest == NULL)
		ERR(c, v->file, "E041", "no 'manifest' block");
	else if (!json_is_object(v->manifest)) {
		ERR(c, v->file, "E041", "'manifest' is not a JSON object");
		v->manifest = NULL;
	}
	if (v->manifest != NULL) {
		lowset = json_object();
		json_object_foreach(v->manifest, key, paths) {
			lc = xstrdup(key);
			lower(lc);
			if (json_object_get(lowset, lc) != NULL)
				ERR(c, v->file, "E096", "digest '%.16s...' "
				    "appears twice in the manifest", key);
			json_object_set_new(lowset, lc, json_true());
			free(lc);
			if (!json_is_array(paths)) {
				ERR(c, v->file, "E092", "manifest entry "
				    "'%.16s...' is not an array", key);
				continue;
			}
			json_array_foreach(paths, i, p) {
				if ((cp = json_string_value(p)) == NULL) {
					ERR(c, v->file, "E092", "a content "
					    "path is not a string");
					continue;
				}
				if ((prob = path_problem(cp, "E099",
				    "E100")) != NULL) {
					ERR(c, v->file, prob, "content path "
					    "'%s' %s", cp,
					    strcmp(prob, "E099") == 0 ? "has an"
					    " empty, '.' or '..' element" :
					    "begins or ends with '/'");
					continue;
				}
				json_object_set_new(v->cpath, cp,
				    json_string(key));
				cpaths = xgrow(cpaths, &cap, ncp + 1,
				    sizeof(*cpaths));
				cpaths[ncp++] = cp;
			}
		}
		json_decref(lowset);
		check_conflicts(c, v->file, cpaths, ncp, "E101",
		    "content path");
	}

	/* each version; E107: every manifest digest in some state */
	if (v->versions != NULL) {
		used = json_object();
		json_object_foreach(v->versions, key, ver) {
			check_version_block(c, v, key, ver);
			st = json_object_get(ver, "state");
			if (json_is_object(st)) {
				const char *d;
				json_t *x;

				json_object_foreach(st, d, x)
					json_object_set_new(used, d,
					    json_true());
			}
		}
		if (v->manifest != NULL)
			json_object_foreach(v->manifest, key, paths)
				if (json_object_get(used, key) == NULL)
					ERR(c, v->file, "E107", "manifest "
					    "digest '%.16s...' is in no "
					    "version's state", key);
		json_decref(used);
	}

	/* content paths: vN/contentDirectory/... of a version */
	for (i = 0; i < ncp && v->versions != NULL; i++) {
		const char *sl = strchr(cpaths[i], '/');
		size_t cl = strlen(v->cdir);

		nm = sl != NULL ? xstrndup(cpaths[i],
		    (size_t)(sl - cpaths[i])) : xstrdup(cpaths[i]);
		if (json_object_get(v->versions, nm) == NULL ||
		    strncmp(sl + 1, v->cdir, cl) != 0 || sl[1 + cl] != '/')
			ERR(c, v->file, "E042", "content path '%s' is not in "
			    "a version's content directory", cpaths[i]);
		free(nm);
	}
	free(cpaths);

	/* fixity */
	v->fixity = json_object_get(v->j, "fixity");
	if (v->fixity != NULL && !json_is_object(v->fixity)) {
		ERR(c, v->file, "E111", "'fixity' is not a JSON object");
		v->fixity = NULL;
	}
	if (v->fixity != NULL) {
		json_object_foreach(v->fixity, key, fx) {
			const char *d;

			if (!json_is_object(fx)) {
				ERR(c, v->file, "E057", "fixity block '%s' is "
				    "not a JSON object", key);
				continue;
			}
			lowset = json_object();
			json_object_foreach(fx, d, paths) {
				lc = xstrdup(d);
				lower(lc);
				if (json_object_get(lowset, lc) != NULL)
					ERR(c, v->file, "E097", "digest "
					    "'%.16s...' appears twice in "
					    "fixity block '%s'", d, key);
				json_object_set_new(lowset, lc, json_true());
				free(lc);
				if (!json_is_array(paths)) {
					ERR(c, v->file, "E057", "fixity entry "
					    "is not an array");
					continue;
				}
				json_array_foreach(paths, i, p) {
					if ((cp = json_string_value(p)) ==
					    NULL)
						continue;
					prob = path_problem(cp, "E099",
					    "E100");
					if (prob != NULL)
						ERR(c, v->file, prob, "fixity "
						    "content path '%s' is not "
						    "well formed", cp);
					else if (json_object_get(v->cpath,
					    cp) == NULL)
						ERR(c, v->file, "E057", "fixity"
						    " content path '%s' is not "
						    "in the manifest", cp);
				}
			}
			json_decref(lowset);
		}
	}
	v->usable = v->versions != NULL && v->manifest != NULL &&
	    v->nver > 0;
}

/*
 * Read dir/inventory.json: NULL when absent (no diagnostic) or not
 * JSON (E033); else checked by check_inventory.
 */
static struct inv *
load_inventory(struct check *c, const char *dir, int *absent)
{
	struct inv *v;
	json_error_t je;
	char *file;

	*absent = 0;
	file = xasprintf("%s/inventory.json", dir);
	if (!filetree_exists(file)) {
		*absent = 1;
		free(file);
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	v->file = file;
	if (fs_read_file(file, INV_MAX, &v->bytes, &v->len) != 0) {
		inv_free(v);
		c->errors++;
		return NULL;
	}
	v->j = json_loadb(v->bytes, v->len, JSON_REJECT_DUPLICATES, &je);
	if (v->j == NULL || !json_is_object(v->j)) {
		ERR(c, file, "E033", "not a JSON object (%s, line %d)",
		    v->j == NULL ? je.text : "another JSON value",
		    v->j == NULL ? je.line : 1);
		inv_free(v);
		return NULL;
	}
	check_inventory(c, v);
	return v;
}

/* dir/inventory.json.ALG: E058 absent, E061 malformed, E060 wrong. */
static void
check_sidecar(struct check *c, const char *dir, const struct inv *v)
{
	char hex[DIGEST_HEX_MAX], *path, *text = NULL, *p;
	size_t len, n;
	int a;

	if (v->alg == NULL)
		return;
	path = xasprintf("%s/inventory.json.%s", dir, v->alg);
	if (!filetree_exists(path)) {
		ERR(c, path, "E058", "no inventory sidecar");
		free(path);
		return;
	}
	if (fs_read_file(path, SIDECAR_MAX, &text, &len) != 0) {
		c->errors++;
		free(path);
		return;
	}
	for (n = 0; n < len && isxdigit((unsigned char)text[n]); n++)
		continue;
	p = text + n;
	if (n == 0 || (*p != ' ' && *p != '\t')) {
		ERR(c, path, "E061", "not 'DIGEST inventory.json'");
		goto out;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (strcmp(p, "inventory.json") != 0 &&
	    strcmp(p, "inventory.json\n") != 0) {
		ERR(c, path, "E061", "not 'DIGEST inventory.json'");
		goto out;
	}
	text[n] = '\0';
	lower(text);
	a = digest_alg_by_name(v->alg);
	digest_buf((enum digest_alg)a, v->bytes, v->len, hex);
	if (strcmp(hex, text) != 0)
		ERR(c, path, "E060", "the digest of inventory.json is not "
		    "the one the sidecar states");
out:
	free(text);
	free(path);
}

/* --- the object -------------------------------------------------------- */

static int
declaration(struct check *c, const char *dir, const struct dent *d,
    size_t n, int *spec)
{
	char *path, *text = NULL, *want;
	size_t i, len, found = 0;
	const char *name = NULL;

	*spec = 0;
	for (i = 0; i < n; i++)
		if (strncmp(d[i].name, "0=", 2) == 0) {
			found++;
			name = d[i].name;
		}
	if (found != 1) {
		ERR(c, dir, "E003", found == 0 ? "no object declaration "
		    "(0=ocfl_object_1.1)" : "more than one declaration file");
		return -1;
	}
	if (strcmp(name, "0=ocfl_object_1.1") == 0)
		*spec = 11;
	else if (strcmp(name, "0=ocfl_object_1.0") == 0)
		*spec = 10;
	else {
		ERR(c, dir, strncmp(name, "0=ocfl_object_", 14) == 0 ?
		    "E004" : "E006", "'%s' is not an OCFL object declaration",
		    name);
		return -1;
	}
	path = xasprintf("%s/%s", dir, name);
	want = xasprintf("%s\n", name + 2);
	if (fs_read_file(path, 1024, &text, &len) != 0)
		c->errors++;
	else if (len != strlen(want) || memcmp(text, want, len) != 0)
		ERR(c, path, "E007", "the declaration does not read '%s' and "
		    "a newline", name + 2);
	free(text);
	free(want);
	free(path);
	return 0;
}

/* Does the logical state of a version equal between two inventories? */
static json_t *
resolved_state(const struct inv *v, json_t *ver)
{
	json_t *out = json_object(), *st, *paths, *p, *cps;
	const char *d;
	size_t i;

	st = json_object_get(ver, "state");
	if (!json_is_object(st))
		return out;
	json_object_foreach(st, d, paths) {
		cps = v->manifest != NULL ? json_object_get(v->manifest, d) :
		    NULL;
		json_array_foreach(paths, i, p) {
			if (!json_is_string(p))
				continue;
			/* the first content path holding those bytes */
			json_object_set_new(out, json_string_value(p),
			    json_is_array(cps) && json_array_size(cps) > 0 ?
			    json_copy(json_array_get(cps, 0)) :
			    json_string(d));
		}
	}
	return out;
}

static int
same_state(const struct inv *a, json_t *va, const struct inv *b,
    json_t *vb)
{
	json_t *sa, *sb, *x, *y;
	const char *k;
	int same;

	if (a->alg != NULL && b->alg != NULL && strcmp(a->alg, b->alg) == 0) {
		/* same digests: logical path -> digest, any case */
		sa = json_object();
		sb = json_object();
		for (int side = 0; side < 2; side++) {
			json_t *st = json_object_get(side ? vb : va, "state");
			json_t *dst = side ? sb : sa, *paths, *p;
			const char *d;
			size_t i;
			char *lc;

			if (!json_is_object(st))
				continue;
			json_object_foreach(st, d, paths) {
				lc = xstrdup(d);
				lower(lc);
				json_array_foreach(paths, i, p)
					if (json_is_string(p))
						json_object_set_new(dst,
						    json_string_value(p),
						    json_string(lc));
				free(lc);
			}
		}
	} else {
		sa = resolved_state(a, va);
		sb = resolved_state(b, vb);
	}
	same = json_object_size(sa) == json_object_size(sb);
	json_object_foreach(sa, k, x) {
		y = json_object_get(sb, k);
		if (y == NULL || !json_equal(x, y))
			same = 0;
	}
	json_decref(sa);
	json_decref(sb);
	return same;
}

/* A version directory's inventory against the root's (E037 ... W011). */
static void
check_version_inventory(struct check *c, const struct inv *root,
    struct inv *v, const char *vn, long k, int is_head, int *last_spec)
{
	const char *key, *cp, *d, *rd;
	json_t *ver, *rver, *x, *y;
	char hex[DIGEST_HEX_MAX];
	long n;
	int w;

	if (is_head && (v->len != root->len ||
	    memcmp(v->bytes, root->bytes, v->len) != 0))
		ERR(c, v->file, "E064", "the head version's inventory is not "
		    "the same as the root inventory");
	if (v->id != NULL && root->id != NULL && strcmp(v->id, root->id) != 0)
		ERR(c, v->file, "E037", "id '%s' is not the root inventory's "
		    "'%s'", v->id, root->id);
	if (v->head != NULL && strcmp(v->head, vn) != 0)
		ERR(c, v->file, "E040", "head '%s' in the inventory of %s",
		    v->head, vn);
	if (v->spec != 0) {
		if (v->spec < *last_spec)
			ERR(c, v->file, "E103", "the inventory of %s declares "
			    "an older specification than an earlier "
			    "version's", vn);
		*last_spec = v->spec;
	}
	if (strcmp(v->cdir, root->cdir) != 0)
		ERR(c, v->file, "E019", "contentDirectory '%s' differs from "
		    "the root inventory's '%s'", v->cdir, root->cdir);
	if (v->versions == NULL || root->versions == NULL)
		return;
	json_object_foreach(v->versions, key, ver) {
		if ((n = vnum(key, &w)) < 0)
			continue;
		rver = json_object_get(root->versions, key);
		if (n > k || rver == NULL) {
			ERR(c, v->file, "E066", "version %s in the inventory of "
			    "%s is not a version before it", key, vn);
			continue;
		}
		if (!same_state(root, rver, v, ver))
			ERR(c, v->file, "E066", "version %s's state differs "
			    "from the root inventory's", key);
		x = json_pack("{s:O?,s:O?,s:O?}", "c",
		    json_object_get(ver, "created"), "m",
		    json_object_get(ver, "message"), "u",
		    json_object_get(ver, "user"));
		y = json_pack("{s:O?,s:O?,s:O?}", "c",
		    json_object_get(rver, "created"), "m",
		    json_object_get(rver, "message"), "u",
		    json_object_get(rver, "user"));
		if (!json_equal(x, y))
			WARN(c, v->file, "W011", "version %s's created, "
			    "message or user differ from the root "
			    "inventory's", key);
		json_decref(x);
		json_decref(y);
	}
	/* its manifest's digests against the root's, or the files */
	json_object_foreach(v->cpath, cp, x) {
		d = json_string_value(x);
		y = json_object_get(root->cpath, cp);
		if (y == NULL)
			continue;	/* E023 or E092 elsewhere */
		if (v->alg != NULL && root->alg != NULL &&
		    strcmp(v->alg, root->alg) == 0) {
			rd = json_string_value(y);
			if (strcasecmp(rd, d) != 0)
				ERR(c, v->file, "E092", "digest of '%s' "
				    "differs from the root inventory's", cp);
		} else if (!c->fast && v->alg != NULL) {
			char *f = xasprintf("%s/%s", c->obj, cp);

			if (filetree_exists(f) &&
			    digest_file_named(f, v->alg, hex) == 0 &&
			    strcasecmp(hex, d) != 0)
				ERR(c, v->file, "E092", "%s digest of '%s' "
				    "does not match the file", v->alg, cp);
			free(f);
		}
	}
}

/* Files and directories of a version directory (E015, W002, E023 ...). */
static void
check_version_dir(struct check *c, const struct inv *root, const char *vn,
    json_t *ondisk)
{
	struct dent *d;
	size_t n, i, k;
	struct filetree t;
	json_t *parents;
	char *vdir, *cdir, *side, *rel;

	vdir = xasprintf("%s/%s", c->obj, vn);
	if (list_dir(vdir, &d, &n) != 0) {
		c->errors++;
		free(vdir);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(d[i].name, "inventory.json") == 0 && d[i].isreg)
			continue;
		if (strncmp(d[i].name, "inventory.json.", 15) == 0 &&
		    d[i].isreg)
			continue;
		if (strcmp(d[i].name, root->cdir) == 0 && d[i].isdir)
			continue;
		side = xasprintf("%s/%s", vdir, d[i].name);
		if (d[i].isdir)
			WARN(c, side, "W002", "a directory other than the "
			    "content directory '%s' in a version", root->cdir);
		else
			ERR(c, side, "E015", "a file other than the inventory "
			    "and its sidecar in a version directory");
		free(side);
	}
	free_dents(d, n);
	cdir = xasprintf("%s/%s", vdir, root->cdir);
	if (filetree_isdir(cdir)) {
		filetree_init(&t);
		if (filetree_list(cdir, &t) != 0)
			c->errors++;
		parents = json_object();
		for (i = 0; i < t.n; i++)
			for (k = 0; t.e[i].path[k] != '\0'; k++)
				if (t.e[i].path[k] == '/') {
					rel = xstrndup(t.e[i].path, k);
					json_object_set_new(parents, rel,
					    json_true());
					free(rel);
				}
		for (i = 0; i < t.n; i++) {
			rel = xasprintf("%s/%s/%s", vn, root->cdir,
			    t.e[i].path);
			if (t.e[i].isdir) {
				if (json_object_get(parents, t.e[i].path) ==
				    NULL)
					ERR(c, cdir, "E024", "empty directory "
					    "'%s'", rel);
			} else {
				json_object_set_new(ondisk, rel, json_true());
				if (json_object_get(root->cpath, rel) == NULL)
					ERR(c, c->obj, "E023", "content file "
					    "'%s' is not in the manifest", rel);
			}
			free(rel);
		}
		json_decref(parents);
		filetree_release(&t);
	}
	free(cdir);
	free(vdir);
}

/* E092/E093: content files against the manifest and fixity digests. */
static void
check_fixity(struct check *c, const struct inv *root, json_t *ondisk)
{
	const char *cp, *alg, *d;
	json_t *x, *fx, *paths, *p;
	char hex[DIGEST_HEX_MAX], *f;
	size_t i;
	int r;

	json_object_foreach(root->cpath, cp, x) {
		if (json_object_get(ondisk, cp) == NULL) {
			ERR(c, root->file, "E092", "content path '%s' names no "
			    "file", cp);
			continue;
		}
		if (c->fast || root->alg == NULL)
			continue;
		f = xasprintf("%s/%s", c->obj, cp);
		if (digest_file_named(f, root->alg, hex) != 0)
			c->errors++;
		else if (strcasecmp(hex, json_string_value(x)) != 0)
			ERR(c, f, "E092", "%s digest is not the manifest's",
			    root->alg);
		free(f);
	}
	if (root->fixity == NULL)
		return;
	json_object_foreach(root->fixity, alg, fx) {
		if (!json_is_object(fx))
			continue;
		json_object_foreach(fx, d, paths) {
			if (!json_is_array(paths))
				continue;
			json_array_foreach(paths, i, p) {
				if ((cp = json_string_value(p)) == NULL)
					continue;
				if (json_object_get(ondisk, cp) == NULL) {
					ERR(c, root->file, "E093", "fixity "
					    "content path '%s' names no file",
					    cp);
					continue;
				}
				if (c->fast)
					continue;
				f = xasprintf("%s/%s", c->obj, cp);
				r = digest_file_named(f, alg, hex);
				if (r == -1)
					c->errors++;
				else if (r == 0 && strcasecmp(hex, d) != 0)
					ERR(c, f, "E093", "%s digest is not "
					    "the fixity block's", alg);
				free(f);
			}
		}
	}
}

static void
check_extensions(struct check *c, const char *dir)
{
	struct dent *d;
	size_t n, i, k;
	char *p;

	if (list_dir(dir, &d, &n) != 0) {
		c->errors++;
		return;
	}
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", dir, d[i].name);
		if (!d[i].isdir)
			ERR(c, p, "E067", "a file in the extensions directory");
		else {
			for (k = 0; k < sizeof(registered_ext) /
			    sizeof(registered_ext[0]); k++)
				if (strcmp(d[i].name, registered_ext[k]) == 0)
					break;
			if (k == sizeof(registered_ext) /
			    sizeof(registered_ext[0]))
				WARN(c, p, "W013", "'%s' is not a registered "
				    "extension", d[i].name);
		}
		free(p);
	}
	free_dents(d, n);
}

static int
verify_object(struct check *c)
{
	struct dent *d;
	size_t n, i;
	struct inv *root, *vi;
	json_t *ondisk;
	int spec, absent, w, last_spec = 0;
	long k;
	char *vn, *vdir, *p;

	if (list_dir(c->obj, &d, &n) != 0)
		return -1;
	(void)declaration(c, c->obj, d, n, &spec);
	root = load_inventory(c, c->obj, &absent);
	if (absent)
		ERR(c, c->obj, "E063", "no inventory.json in the object root");
	if (root == NULL) {
		free_dents(d, n);
		return 0;
	}
	check_sidecar(c, c->obj, root);
	if (spec != 0 && root->spec != 0 && root->spec != spec)
		ERR(c, root->file, "E038", "type '%s' does not match the "
		    "object declaration", root->type);

	/* the object root's entries (E001) */
	for (i = 0; i < n; i++) {
		const char *nm = d[i].name;
		int ok = 0;

		if (d[i].isreg)
			ok = strncmp(nm, "0=", 2) == 0 ||
			    strcmp(nm, "inventory.json") == 0 ||
			    (strncmp(nm, "inventory.json.", 15) == 0 &&
			    root->alg != NULL && strcmp(nm + 15,
			    root->alg) == 0);
		else if (d[i].isdir)
			ok = strcmp(nm, "logs") == 0 ||
			    strcmp(nm, "extensions") == 0 ||
			    (root->versions != NULL && json_object_get(
			    root->versions, nm) != NULL && vnum(nm, &w) > 0);
		if (!ok && d[i].isdir && vnum(nm, &w) > 0) {
			p = xasprintf("%s/%s", c->obj, nm);
			ERR(c, p, "E046", "version directory %s is not a "
			    "version of the root inventory", nm);
			free(p);
		} else if (!ok) {
			p = xasprintf("%s/%s", c->obj, nm);
			ERR(c, p, "E001", "%s not allowed in an object root",
			    d[i].isdir ? "a directory" : "a file");
			free(p);
		}
		if (d[i].isdir && strcmp(nm, "extensions") == 0) {
			p = xasprintf("%s/%s", c->obj, nm);
			check_extensions(c, p);
			free(p);
		}
	}
	free_dents(d, n);
	if (!root->usable) {
		inv_free(root);
		return 0;
	}

	/* every version directory, its inventory and its content */
	ondisk = json_object();
	for (k = 1; k <= root->nver; k++) {
		vn = vname(root, k);
		vdir = xasprintf("%s/%s", c->obj, vn);
		if (!filetree_isdir(vdir)) {
			ERR(c, vdir, k == 1 ? "E008" : "E010", "version "
			    "directory %s is missing", vn);
			free(vdir);
			free(vn);
			continue;
		}
		check_version_dir(c, root, vn, ondisk);
		vi = load_inventory(c, vdir, &absent);
		if (absent)
			WARN(c, vdir, "W010", "no inventory.json in version "
			    "%s", vn);
		if (vi != NULL) {
			check_sidecar(c, vdir, vi);
			check_version_inventory(c, root, vi, vn, k,
			    k == root->nver, &last_spec);
			/* E023: files of its versions not in its manifest */
			const char *cp;
			json_t *x;

			json_object_foreach(ondisk, cp, x) {
				if (json_object_get(vi->cpath, cp) == NULL)
					ERR(c, vi->file, "E023", "content file "
					    "'%s' is not in the manifest of "
					    "%s", cp, vn);
			}
			inv_free(vi);
		}
		free(vdir);
		free(vn);
	}
	if (root->spec != 0 && last_spec > root->spec)
		ERR(c, root->file, "E103", "the root inventory declares an "
		    "older specification than a version's inventory");
	check_fixity(c, root, ondisk);
	json_decref(ondisk);
	inv_free(root);
	return 0;
}

enum ocfl_kind
ocfl_kind(const char *dir)
{
	struct dent *d;
	size_t n, i;
	enum ocfl_kind k = OCFL_NONE;
	int bag = 0, declared = 0;

	if (list_dir(dir, &d, &n) != 0)
		return OCFL_NONE;
	for (i = 0; i < n; i++) {
		if (strncmp(d[i].name, "0=ocfl_object_", 14) == 0) {
			k = OCFL_OBJECT;
			declared = 1;
		} else if (strncmp(d[i].name, "0=ocfl_1.", 9) == 0 ||
		    strcmp(d[i].name, "ocfl_layout.json") == 0) {
			k = OCFL_ROOT;
			break;
		} else if (strcmp(d[i].name, "inventory.json") == 0 &&
		    k == OCFL_NONE)
			k = OCFL_OBJECT;
		else if (strcmp(d[i].name, "bagit.txt") == 0)
			bag = 1;
	}
	/* a bag with an inventory.json among its tag files stays a bag */
	if (bag && k == OCFL_OBJECT && !declared)
		k = OCFL_NONE;
	free_dents(d, n);
	return k;
}

int
ocfl_verify_object(const char *dir, int fast, struct ocfl_result *res)
{
	struct check c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.obj = dir;
	c.fast = fast;
	rc = verify_object(&c);
	res->errors += c.errors;
	res->warnings += c.warnings;
	res->objects++;
	if (rc != 0)
		return -1;
	if (c.errors > 0) {
		res->bad_objects++;
		return 1;
	}
	return 0;
}

/* --- storage roots ------------------------------------------------------- */

/*
 * Under 0004-hashed-n-tuple-storage-layout an object lives where the
 * sha256 of its id says (ocfl_hashed_ntuple_path); elsewhere, nobody
 * finds it by its id.
 */
static void
check_placement(struct check *c, const char *dir)
{
	const char *id;
	char *p, *want;
	json_t *j;

	p = xasprintf("%s/inventory.json", dir);
	j = json_load_file(p, JSON_REJECT_DUPLICATES, NULL);
	free(p);
	if ((id = jstr(j, "id")) != NULL) {
		const char *rel = dir + strlen(c->obj);

		while (*rel == '/')
			rel++;
		want = ocfl_hashed_ntuple_path(id);
		if (strcmp(rel, want) != 0)
			ERR(c, dir, "E083", "object '%s' is not where the "
			    "storage layout (0004-hashed-n-tuple-storage-"
			    "layout) puts it, %s/%s", id, c->obj, want);
		free(want);
	}
	json_decref(j);
}

/* 0004-hashed-n-tuple-storage-layout with its default parameters? */
static int
hashed_layout(const char *root, json_t *layout)
{
	const char *ext = jstr(layout, "extension");
	json_t *cf, *v;
	char *p;
	int ok;

	if (ext == NULL || strcmp(ext, "0004-hashed-n-tuple-storage-layout")
	    != 0)
		return 0;
	p = xasprintf("%s/extensions/%s/config.json", root, ext);
	cf = json_load_file(p, JSON_REJECT_DUPLICATES, NULL);
	free(p);
	ok = 1;
	if (cf != NULL) {
		v = json_object_get(cf, "digestAlgorithm");
		ok &= v == NULL || (json_is_string(v) &&
		    strcmp(json_string_value(v), "sha256") == 0);
		v = json_object_get(cf, "tupleSize");
		ok &= v == NULL || json_integer_value(v) == 3;
		v = json_object_get(cf, "numberOfTuples");
		ok &= v == NULL || json_integer_value(v) == 3;
		v = json_object_get(cf, "shortObjectRoot");
		ok &= v == NULL || json_is_false(v);
	}
	json_decref(cf);
	return ok;
}

static int
walk_root(struct check *c, const char *dir, int top, int fast,
    struct ocfl_result *res)
{
	struct dent *d;
	size_t n, i;
	int rc = 0, r, sub = 0;
	char *p;

	if (list_dir(dir, &d, &n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strncmp(d[i].name, "0=ocfl_object_", 14) == 0)
			break;
	if (i < n && !top) {
		free_dents(d, n);
		if (c->hashed)
			check_placement(c, dir);
		r = ocfl_verify_object(dir, fast, res);
		if (r == 0 && diag_verbosity() >= 0)
			printf("%s: OK\n", dir);
		return r < 0 ? -1 : r;
	}
	for (i = 0; i < n; i++) {
		p = xasprintf("%s/%s", dir, d[i].name);
		if (top && d[i].isdir &&
		    strncmp(d[i].name, ".sheaf-tmp-", 11) == 0) {
			diag(DIAG_WARN, p, 0, "left by an interrupted 'sheaf "
			    "archive' (not part of the storage hierarchy); "
			    "the next one removes it");
			c->warnings++;
			free(p);
			continue;
		}
		if (top && (strncmp(d[i].name, "0=", 2) == 0 ||
		    strcmp(d[i].name, "ocfl_layout.json") == 0 ||
		    strcmp(d[i].name, "extensions") == 0 || !d[i].isdir)) {
			/* E087: other files at the top are ignored */
			free(p);
			continue;
		}
		if (!d[i].isdir) {
			ERR(c, p, "E084", "a file in the storage hierarchy "
			    "outside any object");
		} else {
			sub++;
			r = walk_root(c, p, 0, fast, res);
			if (r < 0)
				rc = -1;
			else if (r > 0 && rc == 0)
				rc = 1;
		}
		free(p);
	}
	if (!top && sub == 0 && n == 0)
		ERR(c, dir, "E073", "an empty directory in the storage root");
	else if (!top && sub == 0)
		ERR(c, dir, "E085", "a storage hierarchy that ends without "
		    "an object");
	free_dents(d, n);
	return rc;
}

int
ocfl_verify_root(const char *dir, int fast, struct ocfl_result *res)
{
	struct check c;
	char *p, *text = NULL;
	size_t len;
	json_t *j;
	int rc;

	memset(&c, 0, sizeof(c));
	c.obj = dir;
	p = xasprintf("%s/0=ocfl_1.1", dir);
	if (!filetree_exists(p)) {
		free(p);
		p = xasprintf("%s/0=ocfl_1.0", dir);
	}
	if (!filetree_exists(p))
		ERR(&c, dir, "E069", "no storage root declaration "
		    "(0=ocfl_1.1)");
	else if (fs_read_file(p, 1024, &text, &len) != 0)
		c.errors++;
	else if (len != strlen(strrchr(p, '=') + 1) + 1 ||
	    memcmp(text, strrchr(p, '=') + 1, len - 1) != 0 ||
	    text[len - 1] != '\n')
		ERR(&c, p, "E080", "the declaration does not read '%s' and a "
		    "newline", strrchr(p, '=') + 1);
	free(text);
	free(p);
	p = xasprintf("%s/ocfl_layout.json", dir);
	if (filetree_exists(p)) {
		j = json_load_file(p, JSON_REJECT_DUPLICATES, NULL);
		if (!json_is_object(j) || jstr(j, "extension") == NULL ||
		    jstr(j, "description") == NULL)
			ERR(&c, p, "E070", "not an object with string "
			    "'extension' and 'description'");
		else
			c.hashed = hashed_layout(dir, j);
		json_decref(j);
	}
	free(p);
	p = xasprintf("%s/extensions", dir);
	if (filetree_isdir(p))
		check_extensions(&c, p);
	free(p);
	rc = walk_root(&c, dir, 1, fast, res);
	res->errors += c.errors;
	res->warnings += c.warnings;
	if (rc == 0 && c.errors > 0)
		rc = 1;
	return rc;
}

char *
ocfl_hashed_ntuple_path(const char *id)
{
	char hex[DIGEST_HEX_MAX];

	digest_buf(DIGEST_SHA256, id, strlen(id), hex);
	return xasprintf("%.3s/%.3s/%.3s/%s", hex, hex + 3, hex + 6, hex);
}
