/*
 * dpkg: reading a data package descriptor (datapackage.json) into
 * struct schema_pkg (schema.h): its resources, their local paths,
 * schemas, dialects, hashes and byte counts.
 *
 * The writer of datapackage.json is release/datapackage.c.  The reader
 * stays here, in validate/: validating a package (package.c) needs it,
 * and validate/ may not include release/, a later stage.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/xalloc.h"
#include "validate/schema.h"
#include "validate/schema_int.h"

static char *
dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s == NULL ? xstrdup("") : xstrndup(path, (size_t)(s - path) + 1);
}

/* A local relative path: no scheme, not absolute, no ".." segment. */
static int
safe_relpath(const char *p)
{
	const char *seg;
	size_t n;

	if (*p == '\0' || *p == '/' || strstr(p, "://") != NULL)
		return 0;
	for (seg = p; *seg != '\0'; seg += n + (seg[n] == '/')) {
		n = strcspn(seg, "/");
		if (n == 2 && seg[0] == '.' && seg[1] == '.')
			return 0;
	}
	return 1;
}

static int
ascii_ieq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (lower((unsigned char)*a) != lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

static int
check_dialect(struct ld *ld, json_t *d, const char *res)
{
	const char *k;
	json_t *x;

	if (!json_is_object(d)) {
		lderr(ld, "resource '%s': 'dialect' must be an object", res);
		return -1;
	}
	json_object_foreach(d, k, x) {
		int ok = 1;

		if (strcmp(k, "delimiter") == 0)
			ok = json_is_string(x) &&
			    strcmp(json_string_value(x), ",") == 0;
		else if (strcmp(k, "quoteChar") == 0)
			ok = json_is_string(x) &&
			    strcmp(json_string_value(x), "\"") == 0;
		else if (strcmp(k, "header") == 0 ||
		    strcmp(k, "doubleQuote") == 0 ||
		    strcmp(k, "caseSensitiveHeader") == 0)
			ok = json_is_true(x);
		else if (strcmp(k, "skipInitialSpace") == 0)
			ok = json_is_false(x);
		else if (strcmp(k, "lineTerminator") == 0)
			ok = json_is_string(x);
		else if (strcmp(k, "csvddfVersion") == 0 ||
		    strcmp(k, "$schema") == 0)
			ok = 1;
		else
			ok = 0;
		if (!ok) {
			lderr(ld, "resource '%s': dialect '%s' other than the "
			    "CSV default is not supported", res, k);
			return -1;
		}
	}
	return 0;
}

void
schema_pkg_free(struct schema_pkg *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nres; i++) {
		free(p->res[i].name);
		free(p->res[i].path);
		free(p->res[i].hash);
		schema_free(p->res[i].schema);
	}
	free(p->res);
	free(p->name);
	free(p->path);
	free(p);
}

static int
pkg_resource(struct ld *ld, struct schema_pkg *p, const char *dir,
    json_t *r, size_t idx)
{
	struct schema_res *sr = &p->res[idx];
	const char *name, *path, *s;
	json_t *x;
	char *spath;

	if (!json_is_object(r)) {
		lderr(ld, "resources[%zu] must be an object", idx);
		return -1;
	}
	name = schema_opt_string(ld, r, "name", "resource");
	if (name == NULL || *name == '\0') {
		lderr(ld, "resources[%zu] needs a 'name'", idx);
		return -1;
	}
	sr->name = xstrdup(name);
	if (json_object_get(r, "data") != NULL) {
		lderr(ld, "resource '%s': inline 'data' is not supported",
		    name);
		return -1;
	}
	path = schema_opt_string(ld, r, "path", name);
	if (path == NULL) {
		lderr(ld, "resource '%s' needs a 'path' (a single local file)",
		    name);
		return -1;
	}
	if (!safe_relpath(path)) {
		lderr(ld, "resource '%s': path '%s' must be relative, local "
		    "and without '..'", name, path);
		return -1;
	}
	sr->path = xasprintf("%s%s", dir, path);
	if ((s = schema_opt_string(ld, r, "encoding", name)) != NULL &&
	    !ascii_ieq(s, "utf-8") && !ascii_ieq(s, "utf8") &&
	    !ascii_ieq(s, "utf-8-sig")) {
		lderr(ld, "resource '%s': encoding '%s' is not supported "
		    "(UTF-8 only)", name, s);
		return -1;
	}
	if ((s = schema_opt_string(ld, r, "format", name)) != NULL &&
	    ascii_ieq(s, "json"))
		sr->json = 1;	/* a JSON table: an array of row objects */
	else if (s != NULL && !ascii_ieq(s, "csv")) {
		lderr(ld, "resource '%s': format '%s' is not supported (CSV "
		    "or a JSON array of row objects)", name, s);
		return -1;
	}
	if ((x = json_object_get(r, "dialect")) != NULL &&
	    check_dialect(ld, x, name) != 0)
		return -1;
	if ((s = schema_opt_string(ld, r, "hash", name)) != NULL)
		sr->hash = xstrdup(s);
	if ((x = json_object_get(r, "bytes")) != NULL) {
		if (!json_is_integer(x) || json_integer_value(x) < 0) {
			lderr(ld, "resource '%s': 'bytes' must be a "
			    "non-negative integer", name);
			return -1;
		}
		sr->bytes = (unsigned long long)json_integer_value(x);
	}
	x = json_object_get(r, "schema");
	if (json_is_object(x)) {
		spath = xasprintf("%s#%s", p->path, name);
		sr->schema = schema_from_json(x, spath);
		free(spath);
	} else if (json_is_string(x)) {
		if (!safe_relpath(json_string_value(x))) {
			lderr(ld, "resource '%s': schema path must be "
			    "relative, local and without '..'", name);
			return -1;
		}
		spath = xasprintf("%s%s", dir, json_string_value(x));
		sr->schema = schema_load(spath);
		free(spath);
	} else {
		lderr(ld, "resource '%s' needs a 'schema' (an object or a "
		    "path)", name);
		return -1;
	}
	if (sr->schema == NULL) {
		ld->failed = 1;
		return -1;
	}
	return 0;
}

/* Every foreign key must name a resource of the package and its fields. */
static int
pkg_check_refs(struct ld *ld, struct schema_pkg *p)
{
	size_t i, k, m, t;

	for (i = 0; i < p->nres; i++) {
		const struct schema *sc = p->res[i].schema;

		for (k = 0; k < sc->nfkeys; k++) {
			const struct fkey *fk = &sc->fkeys[k];
			const struct schema *to = sc;

			if (fk->resource[0] != '\0') {
				for (t = 0; t < p->nres; t++)
					if (strcmp(p->res[t].name,
					    fk->resource) == 0)
						break;
				if (t == p->nres) {
					lderr(ld, "resource '%s': foreign key "
					    "to unknown resource '%s'",
					    p->res[i].name, fk->resource);
					return -1;
				}
				to = p->res[t].schema;
			}
			for (m = 0; m < fk->nfields; m++)
				if (schema_field_index(to,
				    fk->ref_fields[m]) < 0) {
					lderr(ld, "resource '%s': foreign key "
					    "to unknown field '%s'",
					    p->res[i].name, fk->ref_fields[m]);
					return -1;
				}
		}
	}
	return 0;
}

struct schema_pkg *
schema_pkg_load(const char *path)
{
	struct ld ld = { path, 0 };
	struct schema_pkg *p;
	json_t *j, *res, *r;
	const char *s;
	char *dir;
	size_t i, k;

	if ((j = schema_load_json(path)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	dir = dir_of(path);
	if (!json_is_object(j)) {
		lderr(&ld, "a data package must be a JSON object");
		goto fail;
	}
	if ((s = schema_opt_string(&ld, j, "name", "package")) != NULL)
		p->name = xstrdup(s);
	res = json_object_get(j, "resources");
	if (!json_is_array(res) || json_array_size(res) == 0) {
		lderr(&ld, "a data package needs a non-empty 'resources' "
		    "array");
		goto fail;
	}
	p->res = xcalloc(json_array_size(res), sizeof(*p->res));
	json_array_foreach(res, i, r) {
		p->nres = i + 1;
		if (pkg_resource(&ld, p, dir, r, i) != 0)
			goto fail;
		for (k = 0; k < i; k++)
			if (strcmp(p->res[k].name, p->res[i].name) == 0) {
				lderr(&ld, "duplicate resource name '%s'",
				    p->res[i].name);
				goto fail;
			}
	}
	if (pkg_check_refs(&ld, p) != 0)
		goto fail;
	free(dir);
	json_decref(j);
	return p;
fail:
	free(dir);
	json_decref(j);
	schema_pkg_free(p);
	return NULL;
}
