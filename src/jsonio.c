/* jsonio: JSON writing and sidecar reading with jansson. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "diag.h"
#include "jsonio.h"
#include "model.h"
#include "table.h"
#include "xalloc.h"

static json_t *
cell_value(const char *v, enum jcol type)
{
	char *end;

	if (v == NULL)
		return json_null();
	switch (type) {
	case JCOL_INTEGER: {
		long long n;

		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno == 0 && *end == '\0' && end != v)
			return json_integer(n);
		break;
	}
	case JCOL_NUMBER: {
		double d;

		errno = 0;
		d = strtod(v, &end);
		if (errno == 0 && *end == '\0' && end != v)
			return json_real(d);
		break;
	}
	case JCOL_BOOLEAN:
		if (strcmp(v, "true") == 0)
			return json_true();
		if (strcmp(v, "false") == 0)
			return json_false();
		break;
	case JCOL_STRING:
		break;
	}
	return json_string(v);
}

/*
 * Rows are written one object a line inside the array, so a JSON table
 * streams and diffs well; keys keep column order.
 */
int
jsonio_rows(const struct table *t, const enum jcol *types, FILE *fp,
    size_t *n)
{
	json_t *row;
	size_t r, c;
	char *s;
	int rc = 0;

	for (r = 0; r < t->nrows && rc == 0; r++) {
		row = json_object();
		for (c = 0; c < t->ncols; c++)
			json_object_set_new(row, t->cols[c],
			    cell_value(table_get(t, r, c), types[c]));
		s = json_dumps(row, JSON_PRESERVE_ORDER | JSON_COMPACT);
		json_decref(row);
		if (s == NULL)
			return -1;
		if (fputs(*n == 0 ? "[\n" : ",\n", fp) == EOF ||
		    fputs(s, fp) == EOF)
			rc = -1;
		free(s);
		(*n)++;
	}
	return rc != 0 || ferror(fp) ? -1 : 0;
}

int
jsonio_end(FILE *fp, size_t n)
{
	if (fputs(n > 0 ? "\n]\n" : "[]\n", fp) == EOF)
		return -1;
	return ferror(fp) ? -1 : 0;
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
