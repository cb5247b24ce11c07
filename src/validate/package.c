/* package: data packages of CSV or JSON tables. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "tables/jsonio.h"
#include "validate/package.h"
#include "validate/schema.h"
#include "validate/validate.h"

/* A JSON resource's stated bytes and hash, checked on the JSON file. */
static int
json_fixity(const struct schema_res *r)
{
	struct digest_sum sum;
	struct stat st;
	const char *want;
	int rc = 0;

	if (r->bytes > 0 && (stat(r->path, &st) != 0 ||
	    (unsigned long long)st.st_size != r->bytes)) {
		diag(DIAG_DATA, r->path, 0, "byte-count: %llu bytes stated, "
		    "%lld found", r->bytes, (long long)st.st_size);
		rc = 1;
	}
	if (r->hash == NULL)
		return rc;
	if (strncmp(r->hash, "sha256:", 7) != 0) {
		diag(DIAG_WARN, r->path, 0, "hash '%s' not checked (only "
		    "sha256)", r->hash);
		return rc;
	}
	want = r->hash + 7;
	if (digest_file(r->path, &sum) != 0)
		return -1;
	if (strcmp(sum.hex[DIGEST_SHA256], want) != 0) {
		diag(DIAG_DATA, r->path, 0, "hash-count: sha256 %s stated, "
		    "%s found", want, sum.hex[DIGEST_SHA256]);
		rc = 1;
	}
	return rc;
}

int
package_json_table(const char *path, const struct schema *sc, FILE *out)
{
	size_t f, nf = schema_nfields(sc);
	const char **names = xcalloc(nf + 1, sizeof(*names));
	const char **types = xcalloc(nf + 1, sizeof(*types));
	int rc;

	for (f = 0; f < nf; f++) {
		names[f] = schema_field_name(sc, f);
		types[f] = schema_field_type(sc, f);
	}
	rc = jsonio_table_to_csv(path, names, types, nf, out);
	free(names);
	free(types);
	return rc;
}

int
package_validate(const struct schema_pkg *pkg, int fixity, struct vreport *rep)
{
	struct vresource *res;
	struct vfixity *fix;
	char *tmp = NULL, **csv;
	const char *base;
	size_t i;
	FILE *fp;
	int rc = 0, r;

	res = xcalloc(pkg->nres, sizeof(*res));
	fix = xcalloc(pkg->nres, sizeof(*fix));
	csv = xcalloc(pkg->nres, sizeof(*csv));
	for (i = 0; i < pkg->nres && rc >= 0; i++) {
		const struct schema_res *sr = &pkg->res[i];

		res[i].name = sr->name;
		res[i].path = sr->path;
		res[i].schema = sr->schema;
		if (!sr->json) {
			if (fixity) {
				fix[i].hash = sr->hash;
				fix[i].bytes = sr->bytes;
			}
			continue;
		}
		if (fixity && (r = json_fixity(sr)) != 0)
			rc = r < 0 ? -1 : 1;
		if (tmp == NULL) {
			base = getenv("TMPDIR");
			tmp = xasprintf("%s/sheaf-json-XXXXXX",
			    base != NULL && *base != '\0' ? base : "/tmp");
			if (mkdtemp(tmp) == NULL) {
				diag_errno(errno, tmp, "cannot create");
				free(tmp);
				tmp = NULL;
				rc = -1;
				break;
			}
		}
		csv[i] = xasprintf("%s/%zu.csv", tmp, i);
		if ((fp = fs_create(csv[i])) == NULL) {
			rc = -1;
			break;
		}
		r = package_json_table(sr->path, sr->schema, fp);
		if (fclose(fp) != 0 && r == 0)
			r = -1;
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r > 0)
			rc = 1;
		res[i].path = csv[i];
		res[i].label = sr->path;
	}
	if (rc >= 0) {
		r = validate_resources_fixity(res, fixity ? fix : NULL,
		    pkg->nres, rep);
		if (r != 0)
			rc = r < 0 ? -1 : 1;
	}
	for (i = 0; i < pkg->nres; i++)
		free(csv[i]);
	if (tmp != NULL) {
		fs_rmtree(tmp);
		free(tmp);
	}
	free(csv);
	free(res);
	free(fix);
	return rc;
}
