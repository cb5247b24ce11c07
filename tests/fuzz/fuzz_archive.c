/*
 * fuzz_archive: archive bytes through what `sheaf verify ARCHIVE` does:
 * the safe unpacker (small limits, so that bombs are cheap to find)
 * into a fresh directory, then the bag check, then the tables against
 * the bag's own data package.
 */
#include <stdlib.h>
#include <sys/stat.h>

#include "bag/archive.h"
#include "bag/bag.h"
#include "bag/bagverify.h"
#include "fuzz.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "validate/package.h"
#include "validate/schema.h"
#include "validate/validate.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

static void
check_tables(const char *bag)
{
	struct schema_pkg *pkg;
	struct vreport *rep;
	struct stat st;
	char *path;

	path = xasprintf("%s/data/datapackage.json", bag);
	if (stat(path, &st) == 0 && (pkg = schema_pkg_load(path)) != NULL) {
		rep = vreport_new(100);
		package_validate(pkg, 1, rep);
		vreport_print_text(rep, fuzz_devnull());
		vreport_free(rep);
		schema_pkg_free(pkg);
	}
	free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct unpack_limits lim;
	char *path, *dest, *top, *bag;

	path = fuzz_put("a.archive", data, size);
	dest = fuzz_mkdtemp();
	archive_default_limits(&lim);
	lim.max_entry = 1 << 20;
	lim.max_total = 4 << 20;
	lim.max_entries = 512;
	if (archive_unpack(path, dest, &lim, &top) == 0) {
		bag = xasprintf("%s/%s", dest, top);
		if (bag_verify(bag, top, 0) == 0)
			check_tables(bag);
		free(bag);
		free(top);
	}
	fs_rmtree(dest);
	free(dest);
	free(path);
	return 0;
}
