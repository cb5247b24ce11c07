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

/* The JSON type of a Table Schema field type ("integer", ...). */
enum jcol	jsonio_jcol(const char *type);

struct meta;

/* Write t to fp as a whole array; types[] gives each column's type. */
int	jsonio_write(const struct table *, const enum jcol *types, FILE *);
/*
 * Streaming: append the rows of t to an array being written to fp;
 * *n counts the rows written so far (0 before the first call, which
 * opens the array).  jsonio_end() closes the array.
 */
int	jsonio_rows(const struct table *, const enum jcol *types, FILE *,
	    size_t *n);
int	jsonio_end(FILE *, size_t n);
struct buf;
/* Append the rows of t to b as JSON Lines (jsonio_lines' bytes). */
void	jsonio_rows_buf(const struct table *, const enum jcol *types,
	    struct buf *);
struct entity_set;

/*
 * Turn a JSON table (an array of objects, one a row) into CSV on out,
 * columns in the order of names[0..nf) (a Table Schema's fields, whose
 * types[] say which JSON type each value must have), so that it can be validated like
 * any CSV table: null -> missing, numbers and booleans -> their text.
 * Object i is CSV row i + 2 (the header is row 1).  Returns 0, 1 after
 * data diagnostics (a row that is not an object, missing or unknown
 * keys, a string where the field's type wants a JSON number or
 * boolean), or -1 when the file is not a JSON array.
 */
int	jsonio_table_to_csv(const char *path, const char *const *names,
	    const char *const *types, size_t nf, FILE *out);

/*
 * Entities with every attribute (mentions and first_ordinal included),
 * one JSON object a line: how partial table sets carry them.
 */
int	jsonio_write_entities(const struct entity_set *, FILE *);
/* Read what jsonio_write_entities wrote into es; 0 or -1 after diag. */
int	jsonio_read_entities(const char *path, struct entity_set *es);
/*
 * Append to b the source record of a document for source/documents.jsonl:
 * {"id":ID,"text":TEXT} and a newline, TEXT the len bytes given (the
 * verbatim text).  -1 (nothing appended) when the text cannot be a JSON
 * string (not UTF-8, or a NUL byte).
 */
int	jsonio_source_record(struct buf *, const char *id, const char *text,
	    size_t len);
/* The rows of t as JSON Lines: one object and a newline each. */
int	jsonio_lines(const struct table *, const enum jcol *types, FILE *);

/*
 * Read an article's metadata sidecar (a JSON object with the keys id,
 * title, subtitle, authors (string or array), publisher, published, url,
 * language) into m.  Returns 0, or -1 after a diagnostic.
 */
int	jsonio_read_meta(const char *path, struct meta *m);
/*
 * Parse one JSON Lines record (file and line name it in diagnostics):
 * an object with string "id" and "text" and the metadata keys above.
 * Fills m and gives an owned copy of the text.  Returns 0 or -1.
 */
int	jsonio_parse_record(const char *file, unsigned long line,
	    const char *s, size_t n, struct meta *m, char **text,
	    size_t *tlen);

#endif
