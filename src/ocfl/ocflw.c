/*
 * ocflw: a release's csv bag as the next version of an OCFL object.
 * The inventory is built with jansson (keys sorted, two-space indent,
 * so that the same releases give the same bytes); digests come from
 * digest.c.  See ocflw.h for the atomicity.
 */
#define _GNU_SOURCE	/* renameat2(RENAME_EXCHANGE, RENAME_NOREPLACE) */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "bag/archive.h"
#include "bag/bagverify.h"
#include "diff/changelog.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "ocfl/ocfl.h"
#include "ocfl/ocflw.h"
#include "release/citation.h"
#include "release/release.h"

#define LAYOUT		"0004-hashed-n-tuple-storage-layout"
#define INV_TYPE	"https://ocfl.io/1.1/spec/#inventory"
#define META_MAX	(16UL << 20)

/* What the release says about itself. */
struct relmeta {
	char	*name, *version, *created, *message;
	char	*user, *address;	/* address may be NULL */
};

static void
relmeta_release(struct relmeta *m)
{
	free(m->name);
	free(m->version);
	free(m->created);
	free(m->message);
	free(m->user);
	free(m->address);
}

char *
ocflw_object_id(const char *name)
{
	return xasprintf("urn:sheaf:%s", name);
}

/* The first line of CHANGES.md without its heading marks, or NULL. */
static char *
changes_line(const char *bag)
{
	char *path, *text = NULL, *p, *e, *out = NULL;
	size_t len;

	path = xasprintf("%s/data/CHANGES.md", bag);
	if (filetree_exists(path) &&
	    fs_read_file(path, META_MAX, &text, &len) == 0) {
		for (p = text; *p == '#' || *p == ' '; p++)
			continue;
		e = strchr(p, '\n');
		out = e != NULL ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
	}
	free(text);
	free(path);
	return out;
}

static int
read_meta(const char *bag, struct relmeta *m)
{
	struct citation cff;
	const struct citation_person *u;
	json_error_t je;
	json_t *dp;
	const char *name, *version, *created;
	char *path;

	memset(m, 0, sizeof(*m));
	path = xasprintf("%s/data/datapackage.json", bag);
	dp = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	name = json_string_value(json_object_get(dp, "name"));
	version = json_string_value(json_object_get(dp, "version"));
	created = json_string_value(json_object_get(dp, "created"));
	if (name == NULL || version == NULL || created == NULL ||
	    strlen(created) < 10) {
		diag(DIAG_DATA, path, 0, "not the datapackage.json of a sheaf "
		    "release (name, version and created are needed)");
		json_decref(dp);
		free(path);
		return -1;
	}
	m->name = xstrdup(name);
	m->version = xstrdup(version);
	/* the release date, as the bags' Bagging-Date */
	m->created = xasprintf("%.10sT00:00:00Z", created);
	json_decref(dp);
	free(path);
	if ((m->message = changes_line(bag)) == NULL)
		m->message = xasprintf("%s %s", m->name, m->version);
	path = xasprintf("%s/data/CITATION.cff", bag);
	if (citation_read(path, &cff) != 0) {
		free(path);
		relmeta_release(m);
		return -1;
	}
	free(path);
	u = cff.contact;
	m->user = xstrdup(u != NULL && u->name != NULL ? u->name :
	    cff.authors[0]);
	if (u != NULL && u->email != NULL)
		m->address = xasprintf("mailto:%s", u->email);
	else if (u != NULL && u->orcid != NULL)
		m->address = xstrdup(u->orcid);
	else if (u != NULL && u->website != NULL)
		m->address = xstrdup(u->website);
	citation_release(&cff);
	return 0;
}

/* --- the storage root ------------------------------------------------------ */

static int
write_text(const char *path, const char *s)
{
	return fs_write_file(path, s, strlen(s));
}

/* 0=ocfl_1.1, ocfl_layout.json and the layout's config, into dir. */
static int
write_root_files(const char *dir)
{
	char *p;
	int rc;

	p = xasprintf("%s/0=ocfl_1.1", dir);
	rc = write_text(p, "ocfl_1.1\n");
	free(p);
	p = xasprintf("%s/ocfl_layout.json", dir);
	rc |= write_text(p, "{\n  \"description\": \"Hashed N-tuple storage "
	    "layout: sha256 of the object id, three tuples of three "
	    "characters, then the full digest\",\n  \"extension\": \""
	    LAYOUT "\"\n}\n");
	free(p);
	p = xasprintf("%s/extensions/" LAYOUT, dir);
	rc |= fs_mkdirs(p);
	free(p);
	p = xasprintf("%s/extensions/" LAYOUT "/config.json", dir);
	rc |= write_text(p, "{\n  \"digestAlgorithm\": \"sha256\",\n  "
	    "\"extensionName\": \"" LAYOUT "\",\n  \"numberOfTuples\": 3,\n  "
	    "\"shortObjectRoot\": false,\n  \"tupleSize\": 3\n}\n");
	free(p);
	return rc != 0 ? -1 : 0;
}

/* An existing root must be OCFL 1.1 and laid out as we lay it out. */
static int
check_root(const char *root)
{
	json_t *j;
	const char *ext;
	char *p;
	int rc = 0;

	p = xasprintf("%s/0=ocfl_1.1", root);
	if (!filetree_exists(p)) {
		diag(DIAG_DATA, root, 0, "not an OCFL 1.1 storage root (no "
		    "0=ocfl_1.1); nothing added");
		free(p);
		return -1;
	}
	free(p);
	p = xasprintf("%s/ocfl_layout.json", root);
	if (filetree_exists(p)) {
		j = json_load_file(p, JSON_REJECT_DUPLICATES, NULL);
		ext = json_string_value(json_object_get(j, "extension"));
		if (ext == NULL || strcmp(ext, LAYOUT) != 0) {
			diag(DIAG_DATA, p, 0, "the storage root is laid out by "
			    "'%s'; sheaf adds objects by " LAYOUT " only",
			    ext != NULL ? ext : "(unknown)");
			rc = -1;
		}
		json_decref(j);
	}
	free(p);
	return rc;
}

/* --- the object ------------------------------------------------------------ */

struct bagfile {
	char		*path;		/* logical path; owned */
	char		 hex[DIGEST_HEX_MAX];	/* sha512 */
	int		 store;		/* new bytes: copied into vN */
};

struct add {
	const char	*root, *bag;
	struct relmeta	 meta;
	char		*id, *objrel, *obj;	/* owned */
	json_t		*inv;		/* owned: the new inventory */
	long		 n;		/* new version number */
	char		*vn;		/* its name; owned */
	struct bagfile	*f;
	size_t		 nf, stored, held;
};

/* The content path of logical path lp in the head state of inv, or NULL. */
static const char *
head_content(json_t *inv, const char *lp)
{
	json_t *state, *paths, *p, *cps;
	const char *head, *d;
	size_t i;

	head = json_string_value(json_object_get(inv, "head"));
	state = json_object_get(json_object_get(json_object_get(inv,
	    "versions"), head != NULL ? head : ""), "state");
	json_object_foreach(state, d, paths) {
		json_array_foreach(paths, i, p) {
			if (!json_is_string(p) ||
			    strcmp(json_string_value(p), lp) != 0)
				continue;
			cps = json_object_get(json_object_get(inv, "manifest"),
			    d);
			return json_string_value(json_array_get(cps, 0));
		}
	}
	return NULL;
}

/* The release version the head holds: bag-info.txt's Version line. */
static char *
head_release(const struct add *a, json_t *inv)
{
	const char *cp = head_content(inv, "bag-info.txt");
	char *path, *text = NULL, *p, *e, *v = NULL;
	size_t len;

	if (cp == NULL)
		return NULL;
	path = xasprintf("%s/%s", a->obj, cp);
	if (fs_read_file(path, META_MAX, &text, &len) == 0) {
		for (p = text; p != NULL && *p != '\0'; p = e) {
			e = strchr(p, '\n');
			if (strncmp(p, "Version: ", 9) == 0) {
				v = e != NULL ? xstrndup(p + 9,
				    (size_t)(e - p - 9)) : xstrdup(p + 9);
				break;
			}
			if (e != NULL)
				e++;
		}
	}
	free(text);
	free(path);
	return v;
}

/*
 * The existing object: valid, and its head an older release than
 * ours.  Sets a->inv to a copy of its inventory and a->n.
 */
static int
load_object(struct add *a)
{
	struct ocfl_result res;
	struct semver sa, sb;
	json_error_t je;
	json_t *inv;
	const char *head;
	char *p, *hv;
	int rc = -1, v, r;

	memset(&res, 0, sizeof(res));
	/* its errors are shown, not its warnings: verify shows those */
	v = diag_verbosity();
	diag_set_verbosity(-1);
	r = ocfl_verify_object(a->obj, 1, &res);
	diag_set_verbosity(v);
	if (r != 0) {
		diag(DIAG_DATA, a->obj, 0, "the object %s is not valid; "
		    "nothing added", a->id);
		return -1;
	}
	p = xasprintf("%s/inventory.json", a->obj);
	inv = json_load_file(p, JSON_REJECT_DUPLICATES, &je);
	free(p);
	head = json_string_value(json_object_get(inv, "head"));
	if (inv == NULL || head == NULL || head[1] == '0') {
		diag(DIAG_DATA, a->obj, 0, "the object's versions are not "
		    "v1, v2 ...; nothing added");
		json_decref(inv);
		return -1;
	}
	a->n = strtol(head + 1, NULL, 10) + 1;
	hv = head_release(a, inv);
	if (hv == NULL || semver_parse(hv, &sa) != 0 ||
	    semver_parse(a->meta.version, &sb) != 0)
		diag(DIAG_DATA, a->obj, 0, "the head (%s) of %s holds no sheaf "
		    "release (bag-info.txt with a Version); nothing added",
		    head, a->id);
	else if (semver_cmp(&sb, &sa) == 0)
		diag(DIAG_DATA, a->root, 0, "release %s is already %s of %s; "
		    "nothing added", a->meta.version, head, a->id);
	else if (semver_cmp(&sb, &sa) < 0)
		diag(DIAG_DATA, a->root, 0, "release %s is lower than %s, the "
		    "head (%s) of %s; nothing added", a->meta.version, hv,
		    head, a->id);
	else
		rc = 0;
	free(hv);
	if (rc == 0)
		a->inv = inv;
	else
		json_decref(inv);
	return rc;
}

static int
bagfile_cmp(const void *x, const void *y)
{
	return strcmp(((const struct bagfile *)x)->path,
	    ((const struct bagfile *)y)->path);
}

/* Every file of the bag with its sha512. */
static int
list_bag(struct add *a)
{
	struct digest_sum sum;
	struct filetree t;
	size_t i, cap = 0;
	char *p;
	int rc = 0;

	filetree_init(&t);
	if (filetree_list(a->bag, &t) != 0)
		return -1;
	for (i = 0; i < t.n && rc == 0; i++) {
		if (t.e[i].isdir)
			continue;
		p = xasprintf("%s/%s", a->bag, t.e[i].path);
		if (digest_file(p, &sum) != 0)
			rc = -1;
		else {
			a->f = xgrow(a->f, &cap, a->nf + 1, sizeof(*a->f));
			memset(&a->f[a->nf], 0, sizeof(*a->f));
			a->f[a->nf].path = xstrdup(t.e[i].path);
			memcpy(a->f[a->nf].hex, sum.hex[DIGEST_SHA512],
			    DIGEST_HEX_MAX);
			a->nf++;
		}
		free(p);
	}
	filetree_release(&t);
	if (a->nf > 1)
		qsort(a->f, a->nf, sizeof(*a->f), bagfile_cmp);
	return rc;
}

/* The new inventory: the old one (or a fresh one) and version vN. */
static void
make_inventory(struct add *a)
{
	json_t *man, *state, *ver, *user, *lower, *arr;
	const char *d;
	size_t i;
	char *lc, *cp;

	if (a->inv == NULL) {
		a->n = 1;
		a->inv = json_pack("{s:s,s:s,s:s,s:{},s:{}}", "id", a->id,
		    "type", INV_TYPE, "digestAlgorithm", "sha512", "manifest",
		    "versions");
	}
	a->vn = xasprintf("v%ld", a->n);
	man = json_object_get(a->inv, "manifest");
	/* an older object may write digests in upper case */
	lower = json_object();
	json_object_foreach(man, d, arr) {
		lc = xstrdup(d);
		for (i = 0; lc[i] != '\0'; i++)
			lc[i] = (char)tolower((unsigned char)lc[i]);
		json_object_set_new(lower, lc, json_string(d));
		free(lc);
	}
	state = json_object();
	for (i = 0; i < a->nf; i++) {
		const char *key = json_string_value(json_object_get(lower,
		    a->f[i].hex));

		if (key == NULL) {
			cp = xasprintf("%s/content/%s", a->vn, a->f[i].path);
			json_object_set_new(man, a->f[i].hex,
			    json_pack("[s]", cp));
			json_object_set_new(lower, a->f[i].hex,
			    json_string(a->f[i].hex));
			free(cp);
			a->f[i].store = 1;
			a->stored++;
			key = a->f[i].hex;
		} else
			a->held++;
		if ((arr = json_object_get(state, key)) == NULL) {
			arr = json_array();
			json_object_set_new(state, key, arr);
		}
		json_array_append_new(arr, json_string(a->f[i].path));
	}
	json_decref(lower);
	user = json_pack("{s:s}", "name", a->meta.user);
	if (a->meta.address != NULL)
		json_object_set_new(user, "address",
		    json_string(a->meta.address));
	ver = json_pack("{s:s,s:s,s:o,s:o}", "created", a->meta.created,
	    "message", a->meta.message, "state", state, "user", user);
	json_object_set_new(json_object_get(a->inv, "versions"), a->vn, ver);
	json_object_set_new(a->inv, "head", json_string(a->vn));
}

/* dir/inventory.json and its sidecar. */
static int
write_inventory(const struct add *a, const char *dir)
{
	char hex[DIGEST_HEX_MAX], *s, *p, *side;
	int rc;

	s = json_dumps(a->inv, JSON_INDENT(2) | JSON_SORT_KEYS);
	if (s == NULL) {
		fputs("sheaf: out of memory (inventory)\n", stderr);
		exit(EXIT_SYS);
	}
	p = xasprintf("%s/inventory.json", dir);
	rc = fs_write_file(p, s, strlen(s));
	free(p);
	digest_buf(DIGEST_SHA512, s, strlen(s), hex);
	free(s);
	side = xasprintf("%s inventory.json\n", hex);
	p = xasprintf("%s/inventory.json.sha512", dir);
	rc |= write_text(p, side);
	free(p);
	free(side);
	return rc != 0 ? -1 : 0;
}

/* Into dir (the new state of the object): version vN, inventories. */
static int
write_version(const struct add *a, const char *dir)
{
	struct digest_sum sum;
	char *from, *to, *vdir, *sl;
	size_t i;
	int rc = 0;

	vdir = xasprintf("%s/%s", dir, a->vn);
	if (fs_mkdirs(vdir) != 0) {
		free(vdir);
		return -1;
	}
	for (i = 0; i < a->nf && rc == 0; i++) {
		if (!a->f[i].store)
			continue;
		from = xasprintf("%s/%s", a->bag, a->f[i].path);
		to = xasprintf("%s/content/%s", vdir, a->f[i].path);
		sl = strrchr(to, '/');
		*sl = '\0';
		rc = fs_mkdirs(to);
		*sl = '/';
		if (rc == 0 && filetree_copy(from, to, &sum) != 0)
			rc = -1;
		else if (rc == 0 && strcmp(sum.hex[DIGEST_SHA512],
		    a->f[i].hex) != 0) {
			diag(DIAG_DATA, from, 0, "changed while it was being "
			    "added; nothing added");
			rc = -1;
		}
		free(from);
		free(to);
	}
	if (rc == 0)
		rc = write_inventory(a, vdir);
	if (rc == 0)
		rc = write_inventory(a, dir);
	free(vdir);
	return rc;
}

/* The earlier state of the object in dir: directories and hard links. */
static int
link_object(const struct add *a, const char *dir)
{
	struct filetree t;
	size_t i;
	char *from, *to;
	int rc = 0;

	filetree_init(&t);
	if (filetree_list(a->obj, &t) != 0)
		return -1;
	if (mkdir(dir, 0755) != 0) {
		diag_errno(errno, dir, "cannot create a directory");
		rc = -1;
	}
	for (i = 0; i < t.n && rc == 0; i++) {
		if (strcmp(t.e[i].path, "inventory.json") == 0 ||
		    strcmp(t.e[i].path, "inventory.json.sha512") == 0)
			continue;	/* written anew */
		from = xasprintf("%s/%s", a->obj, t.e[i].path);
		to = xasprintf("%s/%s", dir, t.e[i].path);
		if (t.e[i].isdir ? mkdir(to, 0755) != 0 : link(from, to) !=
		    0) {
			diag_errno(errno, to, "cannot %s", t.e[i].isdir ?
			    "create a directory" : "link");
			rc = -1;
		}
		free(from);
		free(to);
	}
	filetree_release(&t);
	return rc;
}

/*
 * A new object: build it under the staging directory with the part of
 * its path that does not exist yet, and rename that part into place.
 */
static int
build_new(const struct add *a, const char *dir)
{
	char *odir, *decl;
	int rc = 0;

	odir = xasprintf("%s/%s", dir, a->objrel);
	decl = xasprintf("%s/0=ocfl_object_1.1", odir);
	if (fs_mkdirs(odir) != 0 || write_text(decl, "ocfl_object_1.1\n") !=
	    0 || write_version(a, odir) != 0 || filetree_sync(dir) != 0)
		rc = -1;
	free(decl);
	free(odir);
	return rc;
}

static int
publish_new(const struct add *a, const char *stage)
{
	char *part, *from, *to;
	size_t k;
	int rc = 0;

	if (build_new(a, stage) != 0)
		return -1;
	/* the first component of objrel missing under the root */
	for (k = 0;; k++) {
		if (a->objrel[k] != '/' && a->objrel[k] != '\0')
			continue;
		part = xstrndup(a->objrel, k);
		to = xasprintf("%s/%s", a->root, part);
		if (!filetree_exists(to)) {
			from = xasprintf("%s/%s", stage, part);
			if (renameat2(AT_FDCWD, from, AT_FDCWD, to,
			    RENAME_NOREPLACE) != 0) {
				diag_errno(errno, to, "cannot rename into "
				    "place");
				rc = -1;
			}
			free(from);
			free(to);
			free(part);
			break;
		}
		free(to);
		free(part);
		if (a->objrel[k] == '\0') {
			diag(DIAG_SYS, a->obj, 0, "appeared while it was "
			    "being made; nothing added");
			return -1;
		}
	}
	if (rc == 0)
		rc = fs_sync_dir(a->root);
	return rc;
}

/*
 * An existing object: its next state, exchanged with it in one step;
 * where the file system cannot exchange, the version directory, then
 * the root inventory, then its sidecar are renamed into place.
 */
static int
publish_next(const struct add *a, const char *stage)
{
	char *next, *from, *to, *parent, *sl;
	static const char *const order[] = { NULL, "inventory.json",
	    "inventory.json.sha512" };
	size_t i;
	int rc = 0;

	next = xasprintf("%s/object", stage);
	if (link_object(a, next) != 0 || write_version(a, next) != 0 ||
	    filetree_sync(next) != 0) {
		free(next);
		return -1;
	}
	if (renameat2(AT_FDCWD, next, AT_FDCWD, a->obj,
	    RENAME_EXCHANGE) != 0) {
		if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
			diag_errno(errno, a->obj, "cannot exchange with the "
			    "new state");
			free(next);
			return -1;
		}
		for (i = 0; i < 3 && rc == 0; i++) {
			from = xasprintf("%s/%s", next, order[i] != NULL ?
			    order[i] : a->vn);
			to = xasprintf("%s/%s", a->obj, order[i] != NULL ?
			    order[i] : a->vn);
			if (rename(from, to) != 0) {
				diag_errno(errno, to, "cannot rename into "
				    "place");
				rc = -1;
			}
			free(from);
			free(to);
		}
	}
	parent = xstrdup(a->obj);
	if ((sl = strrchr(parent, '/')) != NULL)
		*sl = '\0';
	if (rc == 0)
		rc = fs_sync_dir(parent);
	free(parent);
	free(next);
	return rc;
}

static void
add_release(struct add *a)
{
	size_t i;

	relmeta_release(&a->meta);
	for (i = 0; i < a->nf; i++)
		free(a->f[i].path);
	free(a->f);
	free(a->id);
	free(a->objrel);
	free(a->obj);
	free(a->vn);
	json_decref(a->inv);
}

int
ocflw_add_release(const char *root, const char *bag)
{
	struct release_staging st;
	struct add a;
	char *parent, *sl, *p;
	int lockfd = -1, rc = -1, newroot;

	memset(&a, 0, sizeof(a));
	a.root = root;
	a.bag = bag;
	if (read_meta(bag, &a.meta) != 0)
		return diag_exit();
	a.id = ocflw_object_id(a.meta.name);
	a.objrel = ocfl_hashed_ntuple_path(a.id);
	a.obj = xasprintf("%s/%s", root, a.objrel);
	if (list_bag(&a) != 0)
		goto out;
	newroot = !filetree_exists(root);
	if (newroot) {
		/* the root appears whole: made in a staging directory */
		parent = xstrdup(root);
		sl = strrchr(parent, '/');
		if (sl == NULL) {
			free(parent);
			parent = xstrdup(".");
		} else if (sl == parent)
			sl[1] = '\0';
		else
			*sl = '\0';
		if (release_staging_open(parent, &st) != 0) {
			free(parent);
			goto out;
		}
		make_inventory(&a);
		p = xasprintf("%s/root", st.dir);
		if (mkdir(p, 0755) != 0)
			diag_errno(errno, p, "cannot create a directory");
		else if (write_root_files(p) == 0 && build_new(&a, p) == 0) {
			if (renameat2(AT_FDCWD, p, AT_FDCWD, root,
			    RENAME_NOREPLACE) != 0)
				diag_errno(errno, root, "cannot rename into "
				    "place");
			else
				rc = fs_sync_dir(parent);
		}
		free(p);
		release_staging_close(&st);
		free(parent);
		goto done;
	}
	if (!filetree_isdir(root)) {
		diag(DIAG_DATA, root, 0, "not a directory; nothing added");
		goto out;
	}
	if (check_root(root) != 0)
		goto out;
	/* one run at a time adds to a storage root */
	if ((lockfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    flock(lockfd, LOCK_EX | LOCK_NB) != 0) {
		diag_errno(errno, root, "cannot lock the storage root (another "
		    "run adding to it?)");
		goto out;
	}
	release_clean_stale(root);
	p = xasprintf("%s/ocfl_layout.json", root);
	if (!filetree_exists(p) && write_root_files(root) != 0) {
		free(p);
		goto out;
	}
	free(p);
	if (filetree_exists(a.obj) && load_object(&a) != 0)
		goto out;
	if (release_staging_open(root, &st) != 0)
		goto out;
	if (a.inv != NULL) {
		make_inventory(&a);
		rc = publish_next(&a, st.dir);
	} else {
		make_inventory(&a);
		rc = publish_new(&a, st.dir);
	}
	release_staging_close(&st);
done:
	if (rc == 0 && diag_verbosity() >= 0)
		fprintf(stderr, "sheaf: %s: added %s as %s of %s (%s): %zu "
		    "file%s, %zu stored, %zu already held\n", root,
		    a.meta.version, a.vn, a.id, a.objrel, a.nf,
		    a.nf == 1 ? "" : "s", a.stored, a.held);
out:
	if (lockfd != -1)
		close(lockfd);
	add_release(&a);
	return rc == 0 ? diag_exit() : (diag_exit() == EXIT_OK ? EXIT_SYS :
	    diag_exit());
}

/*
 * The csv bag of what path names: path itself when it is a bag, else
 * the release directory's NAME-VERSION-csv when it was published with
 * --unpacked; NULL (*arch set, owned) when only its archive is there,
 * NAME-VERSION-csv.tar.gz, else .zip; NULL after a diagnostic when none.
 */
static char *
csv_bag(const char *path, char **arch)
{
	static const char *const ext[] = { ".tar.gz", ".zip", NULL };
	const char *base, *const *e;
	char *p, *q;
	size_t n;

	*arch = NULL;
	p = xasprintf("%s/bagit.txt", path);
	n = filetree_exists(p);
	free(p);
	if (n)
		return xstrdup(path);
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	for (base = path + n; base > path && base[-1] != '/'; base--)
		continue;
	n -= (size_t)(base - path);
	p = xasprintf("%s/%.*s-csv", path, (int)n, base);
	q = xasprintf("%s/bagit.txt", p);
	if (filetree_exists(q)) {
		free(q);
		return p;
	}
	free(q);
	for (e = ext; *e != NULL; e++) {
		q = xasprintf("%s%s", p, *e);
		if (filetree_exists(q)) {
			*arch = q;
			break;
		}
		free(q);
	}
	if (*arch == NULL)
		diag(DIAG_DATA, path, 0, "neither a bag nor a release "
		    "directory holding %.*s-csv or its archive", (int)n, base);
	free(p);
	return NULL;
}

/* Verify the bag (labelled label), then add it. */
static int
add_verified(const char *root, const char *bag, const char *label)
{
	if (bag_verify(bag, label, 0) != 0) {
		diag(DIAG_DATA, label, 0, "not a valid bag; nothing added");
		return diag_exit();
	}
	return ocflw_add_release(root, bag);
}

int
ocflw_add_path(const char *root, const char *path)
{
	struct unpack_limits lim;
	const char *tmpdir = getenv("TMPDIR");
	char *bag, *arch, *tmp, *top = NULL, *label;
	int rc;

	if ((bag = csv_bag(path, &arch)) != NULL) {
		rc = add_verified(root, bag, bag);
		free(bag);
		return rc;
	}
	if (arch == NULL)
		return diag_exit();
	/* a release without --unpacked: its csv archive, unpacked safely */
	tmp = xasprintf("%s/sheaf-ocfl-XXXXXX", tmpdir != NULL &&
	    *tmpdir != '\0' ? tmpdir : "/tmp");
	archive_default_limits(&lim);
	if (mkdtemp(tmp) == NULL) {
		diag_errno(errno, tmp, "cannot create a temporary directory");
		rc = EXIT_SYS;
	} else if (archive_unpack(arch, tmp, &lim, &top) != 0)
		rc = diag_exit();
	else {
		bag = xasprintf("%s/%s", tmp, top);
		label = xasprintf("%s:%s", arch, top);
		rc = add_verified(root, bag, label);
		free(label);
		free(bag);
	}
	if (fs_rmtree(tmp) != 0 && rc == EXIT_OK)
		rc = EXIT_SYS;
	free(top);
	free(tmp);
	free(arch);
	return rc;
}
