/*
 * fuzz_csv: CSV bytes through the streaming validator against one
 * fixed Table Schema (fuzz_table_schema: every field type, constraints,
 * a primary key, a unique field and a foreign key into the same table);
 * then both report printers.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "schema.h"
#include "validate.h"

static struct schema	*sc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	if ((sc = schema_load_string(fuzz_table_schema, "fuzz_csv")) == NULL) {
		fprintf(stderr, "fuzz_csv: the fixed schema does not load\n");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vresource r = { 0 };
	struct vreport *rep;
	char *path;

	path = fuzz_put("t.csv", data, size);
	r.name = "t";
	r.path = path;
	r.schema = sc;
	rep = vreport_new(50);
	validate_resources(&r, 1, rep);
	vreport_print_text(rep, fuzz_devnull());
	vreport_print_json(rep, fuzz_devnull());
	vreport_free(rep);
	free(path);
	return 0;
}
