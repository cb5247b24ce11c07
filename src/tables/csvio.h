/*
 * csvio: the CSV backend (libcsv).  Writes tables as UTF-8 CSV without
 * BOM, header row, comma, fields quoted only where needed, LF line ends
 * (RFC 4180 but for the line end, as the Frictionless spec allows).
 * No libcsv type appears in this header.
 */
#ifndef SHEAF_CSVIO_H
#define SHEAF_CSVIO_H

#include <stdio.h>

struct table;

/* Write t to fp; returns 0 or -1 (errno set) on a write error. */
int	csvio_write(const struct table *, FILE *);
/* The two halves of csvio_write, for streaming: header, then rows. */
int	csvio_header(const struct table *, FILE *);
int	csvio_rows(const struct table *, FILE *);
struct buf;
/* Append the rows of t to b, encoded exactly as csvio_rows writes them. */
void	csvio_rows_buf(const struct table *, struct buf *);
/* Append one CSV-quoted field (quoted only if needed) to fp. */
int	csvio_put_field(FILE *, const char *);

#endif
