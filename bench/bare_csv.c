/*
 * bare_csv: the baseline for `sheaf validate` throughput in `make bench`:
 * a bare libcsv parse of a file, nothing done with the fields.
 *
 *   bare_csv FILE
 *
 * Reads FILE in 1 MiB blocks with read(2) and feeds them to csv_parse()
 * in strict mode (CSV_STRICT | CSV_STRICT_FINI: malformed quoting is an
 * error, as a validator needs).  The callbacks only count fields and
 * rows, which it prints ("ROWS rows, FIELDS fields, BYTES bytes") so
 * that a run can be checked.  Exit 0, 1 on a CSV error, 2 usage, 3 I/O.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#define BLOCK	(1 << 20)

struct counts {
	unsigned long long	fields;
	unsigned long long	rows;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct counts *c = data;

	(void)s;
	(void)len;
	c->fields++;
}

static void
on_row(int ch, void *data)
{
	struct counts *c = data;

	(void)ch;
	c->rows++;
}

int
main(int argc, char *argv[])
{
	static char block[BLOCK];
	struct csv_parser p;
	struct counts c = { 0, 0 };
	unsigned long long total = 0;
	ssize_t n;
	int fd, rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: bare_csv FILE\n");
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		fprintf(stderr, "bare_csv: %s: %s\n", argv[1],
		    strerror(errno));
		return 3;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		fprintf(stderr, "bare_csv: csv_init failed\n");
		close(fd);
		return 3;
	}
	while ((n = read(fd, block, sizeof(block))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "bare_csv: %s: %s\n", argv[1],
			    strerror(errno));
			rc = 3;
			break;
		}
		if (csv_parse(&p, block, (size_t)n, on_field, on_row, &c) !=
		    (size_t)n) {
			fprintf(stderr, "bare_csv: %s: %s\n", argv[1],
			    csv_strerror(csv_error(&p)));
			rc = 1;
			break;
		}
		total += (unsigned long long)n;
	}
	if (rc == 0 && csv_fini(&p, on_field, on_row, &c) != 0) {
		fprintf(stderr, "bare_csv: %s: %s\n", argv[1],
		    csv_strerror(csv_error(&p)));
		rc = 1;
	}
	csv_free(&p);
	close(fd);
	if (rc == 0)
		printf("%llu rows, %llu fields, %llu bytes\n", c.rows,
		    c.fields, total);
	return rc;
}
