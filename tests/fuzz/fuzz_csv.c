/*
 * fuzz_csv: CSV bytes through the streaming validator against one
 * fixed Table Schema (fuzz_table_schema: every field type, constraints,
 * a primary key, a unique field and a foreign key into the same table);
 * then both report printers.  Differential: the report of one thread
 * with key sets in memory must be the report of -j 2 (segments of 16 to
 * 64 bytes, so that every input is cut) with key sets that spill at
 * 1 KiB; abort() when not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/csvread.h"
#include "validate/schema.h"
#include "validate/validate.h"

static struct schema	*sc;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	csvread_segments(16, 64);
	if ((sc = schema_load_string(fuzz_table_schema, "fuzz_csv")) == NULL) {
		fprintf(stderr, "fuzz_csv: the fixed schema does not load\n");
		exit(1);
	}
	return 0;
}

/* The JSON report of r validated with jobs threads and keymem bytes. */
static char *
report(struct vresource *r, unsigned jobs, size_t keymem, int print)
{
	struct vreport *rep = vreport_new(50);
	char *buf = NULL;
	size_t len = 0;
	FILE *m;

	vreport_set_jobs(rep, jobs);
	vreport_set_keymem(rep, keymem, NULL);
	validate_resources(r, 1, rep);
	if (print)
		vreport_print_text(rep, fuzz_devnull());
	if ((m = open_memstream(&buf, &len)) == NULL)
		abort();
	vreport_print_json(rep, m);
	fclose(m);
	vreport_free(rep);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vresource r = { 0 };
	char *path, *one, *two;

	path = fuzz_put("t.csv", data, size);
	r.name = "t";
	r.path = path;
	r.schema = sc;
	one = report(&r, 1, 0, 1);
	two = report(&r, 2, 1024, 0);
	if (strcmp(one, two) != 0) {
		fprintf(stderr, "fuzz_csv: -j 2 and spilled key sets give "
		    "another report\n--- -j 1\n%s\n--- -j 2\n%s\n", one, two);
		abort();
	}
	free(one);
	free(two);
	free(path);
	return 0;
}
