/*
 * jsonio: the JSON backend (jansson).  Writes a table as a JSON array of
 * objects with keys in column order; values typed by the table's schema
 * (integers and numbers as JSON numbers, booleans as true/false, missing
 * values as null, everything else as strings).  No jansson type appears
 * in this header.
 */
#ifndef SHEAF_JSONIO_H
#define SHEAF_JSONIO_H

#include <stdio.h>

struct table;

enum jcol { JCOL_STRING, JCOL_INTEGER, JCOL_NUMBER, JCOL_BOOLEAN };

struct meta;

/* Write t to fp; types[] gives each column's JSON type. */
int	jsonio_write(const struct table *, const enum jcol *types, FILE *);

/*
 * Read an article's metadata sidecar (a JSON object with the keys id,
 * title, subtitle, authors (string or array), publisher, published, url,
 * language) into m.  Returns 0, or -1 after a diagnostic.
 */
int	jsonio_read_meta(const char *path, struct meta *m);

#endif
