/*
 * replay: a main() for the fuzz harnesses without libFuzzer.  Runs
 * LLVMFuzzerTestOneInput once on every file named, and on every file
 * of every directory named (in name order), then prints how many.
 * A crash or sanitizer report ends the run with its status; an
 * unreadable file is exit 2.  Used by `make check` (tests/cli/fuzz.sh).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "lib/xalloc.h"

static int	verbose;

static int
run_file(const char *path)
{
	FILE *fp;
	uint8_t *data;
	size_t n;
	struct stat st;

	if ((fp = fopen(path, "rb")) == NULL || fstat(fileno(fp), &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	n = (size_t)st.st_size;
	/* exactly n bytes, so that ASan sees a read past the end */
	data = xmalloc(n > 0 ? n : 1);
	if (n > 0 && fread(data, 1, n, fp) != n) {
		fprintf(stderr, "replay: %s: short read\n", path);
		fclose(fp);
		free(data);
		return -1;
	}
	fclose(fp);
	if (verbose)
		fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(data, n);
	free(data);
	return 0;
}

static int
namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir, unsigned long *count)
{
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), namecmp);
	for (i = 0; i < n; i++) {
		if (rc == 0 && run_file(names[i]) != 0)
			rc = -1;
		else if (rc == 0)
			(*count)++;
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char *argv[])
{
	unsigned long count = 0;
	struct stat st;
	int i;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
			continue;
		}
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i],
			    strerror(errno));
			return 2;
		}
		if (S_ISDIR(st.st_mode) ? run_dir(argv[i], &count) != 0 :
		    run_file(argv[i]) != 0)
			return 2;
		if (!S_ISDIR(st.st_mode))
			count++;
	}
	printf("%lu inputs\n", count);
	return 0;
}
