/* jsonio: JSON writing and sidecar reading with jansson. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/csvio.h"
#include "tables/jsonio.h"
#include "tables/model.h"
#include "tables/table.h"

/*
 * Rows are written one object a line inside the array, so a JSON table
 * streams and diffs well; keys keep column order.  Each row is put
 * together by hand, strings and integers included (numbers are left to
 * jansson), giving the same bytes json_dumps(JSON_COMPACT |
 * JSON_PRESERVE_ORDER) gives for the row as an object
 * (tests/unit/t_jsonio compares them), without building and freeing a
 * jansson value per row or cell: that was the largest single cost of
 * extraction.
 */

/* json_dump_callback() output appended to a buf. */
static int
to_buf(const char *p, size_t n, void *arg)
{
	buf_add(arg, p, n);
	return 0;
}

/*
 * s as a JSON string, as jansson's dump writes it with our flags: '"'
 * and '\\' escaped, controls as \b \f \n \r \t or \u00XX (upper
 * case), everything else as it is, multi-byte UTF-8 included.  Cells
 * are valid UTF-8 (checked on input, and the CSV copy of every cell is
 * validated before anything is published); a string that is not, which
 * jansson cuts short, is left to jansson.
 */
static void
put_string(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, from, bad;
	int isnul;
	char esc[6];
	json_t *j;

	if (utf8_check(s, n, &bad, &isnul) != 0) {
		j = json_string_nocheck(s);
		json_dump_callback(j, to_buf, b, JSON_ENCODE_ANY);
		json_decref(j);
		return;
	}
	buf_addc(b, '"');
	for (i = from = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(b, s + from, i - from);
		from = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"':
		case '\\':
			esc[1] = (char)c;
			break;
		case '\b':
			esc[1] = 'b';
			break;
		case '\f':
			esc[1] = 'f';
			break;
		case '\n':
			esc[1] = 'n';
			break;
		case '\r':
			esc[1] = 'r';
			break;
		case '\t':
			esc[1] = 't';
			break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 0xF];
			buf_add(b, esc, 6);
			continue;
		}
		buf_add(b, esc, 2);
	}
	buf_add(b, s + from, n - from);
	buf_addc(b, '"');
}

int
jsonio_source_record(struct buf *b, const char *id, const char *text,
    size_t len)
{
	json_t *j = json_stringn(text, len);

	if (j == NULL)		/* not UTF-8, or a NUL: only a file keeps it */
		return -1;
	buf_adds(b, "{\"id\":");
	put_string(b, id);
	buf_adds(b, ",\"text\":");
	json_dump_callback(j, to_buf, b, JSON_ENCODE_ANY);
	json_decref(j);
	buf_add(b, "}\n", 2);
	return 0;
}

/* A value the encoder leaves to jansson (numbers: its %.17g rules). */
static void
put_jansson(struct buf *b, json_t *v, const char *s)
{
	char *d = v != NULL ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) :
	    NULL;

	json_decref(v);
	if (d != NULL)
		buf_adds(b, d);
	else
		put_string(b, s);
	free(d);
}

/* n in decimal, as printf's %lld writes it. */
static void
put_integer(struct buf *b, long long n)
{
	char d[24], *p = d + sizeof(d);
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n :
	    (unsigned long long)n;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(d + sizeof(d) - p));
}

/* One cell typed by its column: number, boolean or string; null. */
static void
put_cell(struct buf *b, const char *v, enum jcol type)
{
	char *end;

	if (v == NULL) {
		buf_add(b, "null", 4);
		return;
	}
	switch (type) {
	case JCOL_INTEGER: {
		long long n;

		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno == 0 && *end == '\0' && end != v) {
			put_integer(b, n);
			return;
		}
		break;
	}
	case JCOL_NUMBER: {
		double d;

		errno = 0;
		d = strtod(v, &end);
		if (errno == 0 && *end == '\0' && end != v) {
			put_jansson(b, json_real(d), v);
			return;
		}
		break;
	}
	case JCOL_BOOLEAN:
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
			buf_adds(b, v);
			return;
		}
		break;
	case JCOL_STRING:
		break;
	}
	put_string(b, v);
}

void
jsonio_rows_buf(const struct table *t, const enum jcol *types,
    struct buf *b)
{
	size_t r, c;
	const char *const *cells;

	for (r = 0; r < t->nrows; r++) {
		cells = (const char *const *)&t->cells[r * t->ncols];
		buf_addc(b, '{');
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				buf_addc(b, ',');
			put_string(b, t->cols[c]);
			buf_addc(b, ':');
			put_cell(b, cells[c], types[c]);
		}
		buf_add(b, "}\n", 2);
	}
}

/* Each row as one compact object, keys in column order. */
static int
put_rows(const struct table *t, const enum jcol *types, FILE *fp,
    size_t *n, int lines)
{
	struct buf b;
	const char *row, *nl;
	int rc = 0;

	buf_init(&b);
	jsonio_rows_buf(t, types, &b);
	for (row = buf_str(&b); *row != '\0' && rc == 0; row = nl + 1) {
		nl = strchr(row, '\n');
		if (!lines && fputs(*n == 0 ? "[\n" : ",\n", fp) == EOF)
			rc = -1;
		if (fwrite(row, 1, (size_t)(nl - row + lines), fp) !=
		    (size_t)(nl - row + lines))
			rc = -1;
		(*n)++;
	}
	buf_release(&b);
	return rc != 0 || ferror(fp) ? -1 : 0;
}

int
jsonio_rows(const struct table *t, const enum jcol *types, FILE *fp,
    size_t *n)
{
	return put_rows(t, types, fp, n, 0);
}

int
jsonio_lines(const struct table *t, const enum jcol *types, FILE *fp)
{
	size_t n = 0;

	return put_rows(t, types, fp, &n, 1);
}

int
jsonio_end(FILE *fp, size_t n)
{
	if (fputs(n > 0 ? "\n]\n" : "[]\n", fp) == EOF)
		return -1;
	return ferror(fp) ? -1 : 0;
}

enum jcol
jsonio_jcol(const char *type)
{
	if (strcmp(type, "integer") == 0)
		return JCOL_INTEGER;
	if (strcmp(type, "number") == 0)
		return JCOL_NUMBER;
	if (strcmp(type, "boolean") == 0)
		return JCOL_BOOLEAN;
	return JCOL_STRING;
}

int
jsonio_write(const struct table *t, const enum jcol *types, FILE *fp)
{
	size_t n = 0;

	if (jsonio_rows(t, types, fp, &n) != 0)
		return -1;
	return jsonio_end(fp, n);
}

static int
get_str(json_t *o, const char *key, char **out, const char *path,
    unsigned long line)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		diag(DIAG_DATA, path, line, "\"%s\" must be a string", key);
		return -1;
	}
	free(*out);
	*out = json_string_length(v) > 0 ? xstrdup(json_string_value(v)) :
	    NULL;
	return 0;
}

/* The metadata keys of an object into m. */
static int
meta_from_json(json_t *root, struct meta *m, const char *path,
    unsigned long line)
{
	json_t *v;
	struct buf b;
	size_t i;

	if (get_str(root, "id", &m->id, path, line) ||
	    get_str(root, "title", &m->title, path, line) ||
	    get_str(root, "subtitle", &m->subtitle, path, line) ||
	    get_str(root, "publisher", &m->publisher, path, line) ||
	    get_str(root, "published", &m->published, path, line) ||
	    get_str(root, "url", &m->url, path, line) ||
	    get_str(root, "language", &m->language, path, line))
		return -1;
	v = json_object_get(root, "authors");
	if (!json_is_array(v))
		return get_str(root, "authors", &m->authors, path, line);
	buf_init(&b);
	for (i = 0; i < json_array_size(v); i++) {
		json_t *a = json_array_get(v, i);

		if (!json_is_string(a)) {
			diag(DIAG_DATA, path, line,
			    "\"authors\" must hold strings");
			buf_release(&b);
			return -1;
		}
		if (b.len > 0)
			buf_adds(&b, "; ");
		buf_adds(&b, json_string_value(a));
	}
	free(m->authors);
	m->authors = b.len > 0 ? buf_detach(&b) : NULL;
	buf_release(&b);
	return 0;
}

int
jsonio_read_meta(const char *path, struct meta *m)
{
	json_error_t err;
	json_t *root;
	int rc;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		diag(err.line > 0 ? DIAG_DATA : DIAG_SYS, path,
		    err.line > 0 ? (unsigned long)err.line : 0, "%s", err.text);
		return -1;
	}
	if (!json_is_object(root)) {
		diag(DIAG_DATA, path, 1, "metadata must be a JSON object");
		json_decref(root);
		return -1;
	}
	rc = meta_from_json(root, m, path, 0);
	json_decref(root);
	return rc;
}

int
jsonio_parse_record(const char *file, unsigned long line, const char *s,
    size_t n, struct meta *m, char **text, size_t *tlen)
{
	json_error_t err;
	json_t *root, *t;

	*text = NULL;
	*tlen = 0;
	root = json_loadb(s, n, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		diag(DIAG_DATA, file, line, "invalid JSON at column %d: %s",
		    err.column, err.text);
		return -1;
	}
	if (!json_is_object(root)) {
		diag(DIAG_DATA, file, line, "a record must be a JSON object");
		goto fail;
	}
	if (!json_is_string(json_object_get(root, "id")) ||
	    json_string_length(json_object_get(root, "id")) == 0) {
		diag(DIAG_DATA, file, line, "record without a string \"id\"");
		goto fail;
	}
	t = json_object_get(root, "text");
	if (!json_is_string(t)) {
		diag(DIAG_DATA, file, line, "record without a string \"text\"");
		goto fail;
	}
	if (meta_from_json(root, m, file, line) != 0)
		goto fail;
	*tlen = json_string_length(t);
	*text = xstrndup(json_string_value(t), *tlen);
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	meta_release(m);
	return -1;
}

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

int
jsonio_write_entities(const struct entity_set *es, FILE *fp)
{
	json_t *o;
	size_t i;
	char *s;

	for (i = 0; i < es->n; i++) {
		const struct entity *e = &es->e[i];

		o = json_object();
		json_object_set_new(o, "id", json_string(e->id));
		json_object_set_new(o, "name", str_or_null(e->name));
		json_object_set_new(o, "type", json_integer(e->type));
		json_object_set_new(o, "iso3", str_or_null(e->iso3));
		json_object_set_new(o, "cow_ccode", str_or_null(e->cow_ccode));
		json_object_set_new(o, "acronym", str_or_null(e->acronym));
		json_object_set_new(o, "source", json_integer(e->source));
		json_object_set_new(o, "mentions",
		    json_integer((json_int_t)e->mentions));
		json_object_set_new(o, "first_paragraph_id",
		    str_or_null(e->first_paragraph_id));
		json_object_set_new(o, "first_ordinal",
		    json_integer((json_int_t)e->first_ordinal));
		s = json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT);
		json_decref(o);
		if (s == NULL || fputs(s, fp) == EOF || fputc('\n', fp) == EOF) {
			free(s);
			return -1;
		}
		free(s);
	}
	return ferror(fp) ? -1 : 0;
}

static char *
get_dup(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

int
jsonio_read_entities(const char *path, struct entity_set *es)
{
	json_error_t err;
	json_t *o, *id, *ty, *so, *me, *fo;
	struct entity *e;
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	ssize_t n;
	FILE *fp;
	int rc = 0, added;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	while (rc == 0 && (n = getline(&line, &cap, fp)) > 0) {
		lineno++;
		o = json_loadb(line, (size_t)n, 0, &err);
		id = json_object_get(o, "id");
		ty = json_object_get(o, "type");
		so = json_object_get(o, "source");
		me = json_object_get(o, "mentions");
		fo = json_object_get(o, "first_ordinal");
		if (!json_is_string(id) || !json_is_integer(ty) ||
		    json_integer_value(ty) < 0 ||
		    json_integer_value(ty) >= ET__MAX ||
		    !json_is_integer(so) || json_integer_value(so) < 0 ||
		    json_integer_value(so) >= ES__MAX ||
		    !json_is_integer(me) || json_integer_value(me) < 0 ||
		    !json_is_integer(fo) || json_integer_value(fo) < 0) {
			diag(DIAG_DATA, path, lineno, "not an entity record");
			rc = -1;
		} else {
			e = entity_set_intern(es, json_string_value(id), &added);
			if (!added) {
				diag(DIAG_DATA, path, lineno,
				    "entity '%s' twice", e->id);
				rc = -1;
				json_decref(o);
				break;
			}
			e->name = get_dup(o, "name");
			e->type = (enum etype)json_integer_value(ty);
			e->iso3 = get_dup(o, "iso3");
			e->cow_ccode = get_dup(o, "cow_ccode");
			e->acronym = get_dup(o, "acronym");
			e->source = (enum esource)json_integer_value(so);
			e->mentions = (size_t)json_integer_value(me);
			e->first_paragraph_id = get_dup(o, "first_paragraph_id");
			e->first_ordinal = (size_t)json_integer_value(fo);
		}
		json_decref(o);
	}
	if (ferror(fp)) {
		diag_errno(errno, path, "cannot read");
		rc = -1;
	}
	free(line);
	fclose(fp);
	return rc;
}

/* The JSON type a Table Schema type is written as (jsonschema.h). */
static int
json_type_ok(const char *ftype, json_t *v)
{
	if (json_is_null(v))
		return 1;
	if (strcmp(ftype, "integer") == 0)
		return json_is_integer(v);
	if (strcmp(ftype, "number") == 0)
		return json_is_number(v);
	if (strcmp(ftype, "boolean") == 0)
		return json_is_boolean(v);
	if (strcmp(ftype, "object") == 0)
		return json_is_object(v);
	if (strcmp(ftype, "array") == 0)
		return json_is_array(v);
	return json_is_string(v);
}

static int
put_json_cell(FILE *out, json_t *v)
{
	char num[64];
	char *s;
	int rc;

	switch (json_typeof(v)) {
	case JSON_NULL:
		return 0;
	case JSON_STRING:
		return csvio_put_field(out, json_string_value(v));
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return csvio_put_field(out, num);
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		return csvio_put_field(out, num);
	case JSON_TRUE:
		return csvio_put_field(out, "true");
	case JSON_FALSE:
		return csvio_put_field(out, "false");
	default:
		s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		rc = s != NULL ? csvio_put_field(out, s) : -1;
		free(s);
		return rc;
	}
}

/*
 * Rows of a JSON table reported one by one, at most: a hostile table of
 * millions of bad rows must not print millions of lines.
 */
#define JSONT_SHOWN	100

/* Count one bad row value; 1 if it is still to be reported. */
static int
row_shown(size_t *nbad)
{
	return ++*nbad <= JSONT_SHOWN;
}

/* The index of the field named key, or -1. */
static long
field_index(const char *const *names, size_t nf, const char *key)
{
	size_t f;

	for (f = 0; f < nf; f++)
		if (strcmp(names[f], key) == 0)
			return (long)f;
	return -1;
}

int
jsonio_table_to_csv(const char *path, const char *const *names,
    const char *const *types, size_t nf, FILE *out)
{
	json_error_t err;
	json_t *root, *row, *v;
	const char *key;
	size_t i, f, nbad = 0;
	int rc = 0;

	root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		diag(DIAG_DATA, path, err.line > 0 ? (unsigned long)err.line :
		    0, "not JSON: %s", err.text);
		return -1;
	}
	if (!json_is_array(root)) {
		diag(DIAG_DATA, path, 0, "a JSON table must be an array of "
		    "row objects");
		json_decref(root);
		return -1;
	}
	for (f = 0; f < nf; f++) {
		if (f > 0)
			fputc(',', out);
		csvio_put_field(out, names[f]);
	}
	fputc('\n', out);
	json_array_foreach(root, i, row) {
		if (!json_is_object(row)) {
			if (row_shown(&nbad))
				diag(DIAG_DATA, path, 0, "row %zu: not an "
				    "object", i + 2);
			rc = 1;
			continue;
		}
		json_object_foreach(row, key, v)
			if (field_index(names, nf, key) < 0) {
				if (row_shown(&nbad))
					diag(DIAG_DATA, path, 0, "row %zu: "
					    "unknown key '%s'", i + 2, key);
				rc = 1;
			}
		for (f = 0; f < nf; f++) {
			const char *name = names[f];

			v = json_object_get(row, name);
			if (f > 0)
				fputc(',', out);
			if (v == NULL) {
				if (row_shown(&nbad))
					diag(DIAG_DATA, path, 0, "row %zu: no "
					    "key '%s'", i + 2, name);
				rc = 1;
				continue;
			}
			if (!json_type_ok(types[f], v)) {
				if (row_shown(&nbad))
					diag(DIAG_DATA, path, 0, "row %zu: '%s' "
					    "is not a JSON %s value", i + 2,
					    name, types[f]);
				rc = 1;
			}
			put_json_cell(out, v);
		}
		fputc('\n', out);
	}
	json_decref(root);
	if (nbad > JSONT_SHOWN)
		diag(DIAG_DATA, path, 0, "%zu more problems in its rows not "
		    "shown", nbad - JSONT_SHOWN);
	if (ferror(out)) {
		diag_errno(errno, path, "cannot write its CSV form");
		return -1;
	}
	return rc;
}
