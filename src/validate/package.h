/*
 * package: validating a whole data package -- every resource, foreign keys
 * across them, and the bytes and hash the descriptor states -- whether
 * its tables are CSV files or JSON tables (arrays of row objects; these
 * are turned into CSV in a private temporary directory first, and
 * reported under their own names).  Users: cmd_validate, cmd_verify.
 */
#ifndef SHEAF_PACKAGE_H
#define SHEAF_PACKAGE_H

#include <stdio.h>

struct schema;
struct schema_pkg;
struct vreport;

/*
 * A JSON table at path as CSV on out, columns in the order of sc's
 * fields (jsonio_table_to_csv() over sc's field names and types).
 */
int	package_json_table(const char *path, const struct schema *sc,
	    FILE *out);

/*
 * Validate pkg into rep; with fixity, also check each resource's
 * "bytes" and "hash".  Returns 0 valid, 1 invalid, -1 after a
 * diagnostic when a file cannot be read.
 */
int	package_validate(const struct schema_pkg *, int fixity, struct vreport *);

#endif
