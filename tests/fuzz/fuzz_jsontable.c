/*
 * fuzz_jsontable: a table in its JSON form (an array of objects, as the
 * json flavour of a release holds) through the JSON-to-CSV reader of
 * `sheaf validate` and `verify`, against fuzz_table_schema; the CSV it
 * gives is then validated.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "validate/package.h"
#include "validate/schema.h"
#include "validate/validate.h"

static struct schema	*sc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	sc = schema_load_string(fuzz_table_schema, "fuzz_jsontable");
	if (sc == NULL) {
		fprintf(stderr, "fuzz_jsontable: the schema does not load\n");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vresource r = { 0 };
	struct vreport *rep;
	char *path, *csv;
	FILE *fp;
	int rc;

	path = fuzz_put("t.json", data, size);
	csv = xasprintf("%s/t.csv", fuzz_setup());
	if ((fp = fs_create(csv)) == NULL)
		exit(1);
	rc = package_json_table(path, sc, fp);
	if (fclose(fp) != 0)
		exit(1);
	if (rc >= 0) {
		r.name = "t";
		r.path = csv;
		r.label = path;
		r.schema = sc;
		rep = vreport_new(50);
		validate_resources(&r, 1, rep);
		vreport_free(rep);
	}
	free(csv);
	free(path);
	return 0;
}
