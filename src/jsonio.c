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
jsonio_write(const struct table *t, const enum jcol *types, FILE *fp)
{
	json_t *row;
	size_t r, c;
	char *s;
	int rc = 0;

	if (fputs("[", fp) == EOF)
		return -1;
	for (r = 0; r < t->nrows && rc == 0; r++) {
		row = json_object();
		for (c = 0; c < t->ncols; c++)
			json_object_set_new(row, t->cols[c],
			    cell_value(table_get(t, r, c), types[c]));
		s = json_dumps(row, JSON_PRESERVE_ORDER | JSON_COMPACT);
		json_decref(row);
		if (s == NULL)
			return -1;
		if (fputs(r == 0 ? "\n" : ",\n", fp) == EOF ||
		    fputs(s, fp) == EOF)
			rc = -1;
		free(s);
	}
	if (rc == 0 && fputs(t->nrows > 0 ? "\n]\n" : "]\n", fp) == EOF)
		rc = -1;
	return rc != 0 || ferror(fp) ? -1 : 0;
}

static int
get_str(json_t *o, const char *key, char **out, const char *path)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		diag(DIAG_DATA, path, 0, "\"%s\" must be a string", key);
		return -1;
	}
	free(*out);
	*out = json_string_length(v) > 0 ? xstrdup(json_string_value(v)) :
	    NULL;
	return 0;
}

int
jsonio_read_meta(const char *path, struct meta *m)
{
	json_error_t err;
	json_t *root, *v;
	struct buf b;
	size_t i;
	int rc = 0;

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
	if (get_str(root, "id", &m->id, path) ||
	    get_str(root, "title", &m->title, path) ||
	    get_str(root, "subtitle", &m->subtitle, path) ||
	    get_str(root, "publisher", &m->publisher, path) ||
	    get_str(root, "published", &m->published, path) ||
	    get_str(root, "url", &m->url, path) ||
	    get_str(root, "language", &m->language, path))
		rc = -1;
	v = json_object_get(root, "authors");
	if (rc == 0 && json_is_array(v)) {
		buf_init(&b);
		for (i = 0; i < json_array_size(v); i++) {
			json_t *a = json_array_get(v, i);

			if (!json_is_string(a)) {
				diag(DIAG_DATA, path, 0,
				    "\"authors\" must hold strings");
				rc = -1;
				break;
			}
			if (b.len > 0)
				buf_adds(&b, "; ");
			buf_adds(&b, json_string_value(a));
		}
		free(m->authors);
		m->authors = b.len > 0 ? buf_detach(&b) : NULL;
		buf_release(&b);
	} else if (rc == 0)
		rc = get_str(root, "authors", &m->authors, path);
	json_decref(root);
	return rc;
}
