/*
 * csvread: the streaming CSV reader (libcsv backend).  Reads records the
 * way Python's csv module does, which is what Frictionless counts rows
 * by: RFC 4180 quoting, LF, CRLF or CR line ends, every record counted
 * (a blank line is a record with no cells), spaces kept as data, a UTF-8
 * BOM at the start skipped.  Memory is constant but for the cell being
 * read, which is capped at CSVREAD_CELL_MAX bytes.
 * No libcsv type appears here.  Users: validate.c.
 */
#ifndef SHEAF_CSVREAD_H
#define SHEAF_CSVREAD_H

#include <stddef.h>

#define CSVREAD_CELL_MAX	(64ul << 20)

struct csvread_cb {
	/* One cell of the current record; s is valid during the call only. */
	void	(*cell)(void *arg, const char *s, size_t n);
	/* The end of a record with ncells cells (0: a blank line). */
	void	(*row)(void *arg, size_t ncells);
	/* Polled now and then: nonzero stops the reading (the callbacks
	 * may still see some records after it). */
	int	(*stop)(void *arg);
	/* Optional: every byte of the file as read, BOM included. */
	void	(*chunk)(void *arg, const char *s, size_t n);
};

enum csvread_status {
	CSVREAD_OK,		/* read to the end (or stopped) */
	CSVREAD_EMPTY,		/* no byte but perhaps a BOM */
	CSVREAD_UNTERMINATED,	/* EOF inside a quoted cell */
	CSVREAD_TOOBIG		/* a cell over CSVREAD_CELL_MAX bytes */
};

struct csvread_result {
	enum csvread_status	 status;
	unsigned long		 records;	/* records delivered */
	unsigned long long	 bytes;		/* bytes read, BOM included */
};

/*
 * Read the CSV file at path, calling cb for every cell and record.
 * Returns 0 with *res filled in (a malformed file is a status, not a
 * failure: the record that starts the problem is res->records + 1), or
 * -1 after a diagnostic when the file cannot be read.
 */
int	csvread_file(const char *path, const struct csvread_cb *cb,
	    void *arg, struct csvread_result *res);
/*
 * The same with jobs threads: from 2, the file is cut into segments at
 * guessed record ends that two threads parse with libcsv, while the
 * callbacks run on the caller's, in file order, with the same result (a
 * wrong guess is found and the rest read again on one thread, skipping
 * what was delivered).  Stop is polled after each segment, not chunk.
 * The memory added is a few segments (256 KiB to 4 MiB) and their cells.
 */
int	csvread_file_jobs(const char *path, const struct csvread_cb *cb,
	    void *arg, struct csvread_result *res, unsigned jobs);
/*
 * For tests: segments of min to max bytes (0: the defaults, 256 KiB and
 * 4 MiB), so that small files take many.  Not thread-safe; call first.
 */
void	csvread_segments(size_t min, size_t max);

#endif
