/* fuzz: the harnesses' temporary directory and quiet diagnostics. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/xalloc.h"

const char fuzz_table_schema[] =
    "{\"fields\": ["
    "{\"name\": \"id\", \"type\": \"integer\","
    " \"constraints\": {\"required\": true, \"minimum\": 0}},"
    "{\"name\": \"parent\", \"type\": \"integer\"},"
    "{\"name\": \"name\", \"type\": \"string\", \"constraints\":"
    " {\"minLength\": 1, \"maxLength\": 40,"
    " \"pattern\": \"[A-Za-z][a-z0-9 ]*\"}},"
    "{\"name\": \"email\", \"type\": \"string\", \"format\": \"email\"},"
    "{\"name\": \"uri\", \"type\": \"string\", \"format\": \"uri\"},"
    "{\"name\": \"uuid\", \"type\": \"string\", \"format\": \"uuid\"},"
    "{\"name\": \"kind\", \"type\": \"string\","
    " \"constraints\": {\"enum\": [\"a\", \"b\", \"c\"]}},"
    "{\"name\": \"score\", \"type\": \"number\", \"constraints\":"
    " {\"minimum\": -1.5, \"maximum\": 1e6}},"
    "{\"name\": \"amount\", \"type\": \"number\", \"decimalChar\": \",\","
    " \"groupChar\": \".\", \"bareNumber\": false},"
    "{\"name\": \"flag\", \"type\": \"boolean\","
    " \"trueValues\": [\"yes\", \"1\"], \"falseValues\": [\"no\", \"0\"]},"
    "{\"name\": \"day\", \"type\": \"date\","
    " \"constraints\": {\"minimum\": \"1900-01-01\"}},"
    "{\"name\": \"day2\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"},"
    "{\"name\": \"at\", \"type\": \"datetime\"},"
    "{\"name\": \"clock\", \"type\": \"time\", \"format\": \"any\"},"
    "{\"name\": \"year\", \"type\": \"year\","
    " \"constraints\": {\"maximum\": 2100}},"
    "{\"name\": \"ym\", \"type\": \"yearmonth\"},"
    "{\"name\": \"span\", \"type\": \"duration\"},"
    "{\"name\": \"where\", \"type\": \"geopoint\"},"
    "{\"name\": \"where2\", \"type\": \"geopoint\", \"format\": \"array\"},"
    "{\"name\": \"obj\", \"type\": \"object\"},"
    "{\"name\": \"arr\", \"type\": \"array\"},"
    "{\"name\": \"code\", \"type\": \"string\","
    " \"constraints\": {\"unique\": true}},"
    "{\"name\": \"any\", \"type\": \"any\"}"
    "],"
    " \"missingValues\": [\"\", \"NA\"],"
    " \"primaryKey\": [\"id\"],"
    " \"foreignKeys\": [{\"fields\": [\"parent\"],"
    " \"reference\": {\"resource\": \"\", \"fields\": [\"id\"]}}]}";

static char	*tmpdir;
static FILE	*devnull;
static unsigned	 serial;

static void
cleanup(void)
{
	if (tmpdir != NULL)
		fs_rmtree(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
	if (devnull != NULL)
		fclose(devnull);
	devnull = NULL;
}

const char *
fuzz_setup(void)
{
	const char *base = getenv("TMPDIR");
	struct stat st;

	if (tmpdir != NULL)
		return tmpdir;
	if (base == NULL || *base == '\0')
		base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
		    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	tmpdir = xasprintf("%s/sheaf-fuzz.XXXXXX", base);
	if (mkdtemp(tmpdir) == NULL) {
		fprintf(stderr, "fuzz: mkdtemp %s: %s\n", tmpdir,
		    strerror(errno));
		exit(1);
	}
	atexit(cleanup);
	diag_set_verbosity(-1);
	return tmpdir;
}

char *
fuzz_put(const char *name, const uint8_t *data, size_t size)
{
	char *path = xasprintf("%s/%s", fuzz_setup(), name);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1 || (size > 0 && write(fd, data, size) !=
	    (ssize_t)size) || close(fd) != 0) {
		fprintf(stderr, "fuzz: cannot write %s: %s\n", path,
		    strerror(errno));
		exit(1);
	}
	return path;
}

char *
fuzz_mkdtemp(void)
{
	char *path = xasprintf("%s/d%u", fuzz_setup(), serial++);

	fs_rmtree(path);
	if (mkdir(path, 0700) != 0) {
		fprintf(stderr, "fuzz: mkdir %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return path;
}

void *
fuzz_devnull(void)
{
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL) {
		perror("fuzz: /dev/null");
		exit(1);
	}
	return devnull;
}
