/*
 * jsonschema: the JSON Schema (draft 2020-12) of a table's JSON form,
 * generated from its Table Schema.  The JSON table (jsonio.h) is an
 * array of objects, one per row, every column a key in schema order,
 * missing values as null; integer, number and boolean columns are JSON
 * numbers and booleans, object and array columns JSON values, every
 * other type a string.
 *
 * Mapping: required -> the JSON type alone, else also null; enum ->
 * enum (plus null when not required); pattern -> pattern anchored as
 * ^(?:...)$ (the supported subset of pattern.h reads the same in ECMA
 * 262); minimum/maximum on integer and number; minLength/maxLength on
 * strings; formats email, uri, uuid, date, time, date-time as
 * annotations; title and description copied.  unique, primaryKey and
 * foreignKeys have no JSON Schema form and are named in $comment.
 * Output is deterministic.  Users: the build, cmd_validate, tests.
 */
#ifndef SHEAF_JSONSCHEMA_H
#define SHEAF_JSONSCHEMA_H

#include <stdio.h>

struct schema;

/* Write the JSON Schema of sc to fp; 0, or -1 on a write error. */
int	jsonschema_write(const struct schema *sc, FILE *fp);

#endif
