/* jsonout: a JSON document written piece by piece (jsonout_int.h). */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/xalloc.h"
#include "release/jsonout_int.h"

struct indent {
	struct buf	*out;
	int		 cols;
};

static int
put_indented(const char *s, size_t n, void *arg)
{
	const struct indent *in = arg;
	const char *nl;
	size_t k;

	while ((nl = memchr(s, '\n', n)) != NULL) {
		k = (size_t)(nl - s) + 1;
		buf_add(in->out, s, k);
		buf_printf(in->out, "%*s", in->cols, "");
		s += k;
		n -= k;
	}
	buf_add(in->out, s, n);
	return 0;
}

int
jsonout_value(struct buf *out, json_t *v, int d)
{
	struct indent in = { out, 2 * d };
	int rc;

	rc = json_dump_callback(v, put_indented, &in, JSON_INDENT(2) |
	    JSON_SORT_KEYS | JSON_ENCODE_ANY);
	json_decref(v);
	return rc == 0 ? 0 : -1;
}

void
jsonout_item(struct buf *out, size_t n, int d)
{
	buf_printf(out, "%s\n%*s", n > 0 ? "," : "", 2 * (d + 1), "");
}

void
jsonout_close(struct buf *out, size_t n, int d, int c)
{
	if (n > 0)
		buf_printf(out, "\n%*s", 2 * d, "");
	buf_addc(out, c);
}

static int
cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
jsonout_members(struct buf *out, json_t *o, int d, size_t *n,
    const char *lo, const char *hi)
{
	const char **keys, *k;
	json_t *v;
	size_t i, nk = 0;
	int rc = 0;

	keys = xcalloc(json_object_size(o) + 1, sizeof(*keys));
	json_object_foreach(o, k, v)
		if ((lo == NULL || strcmp(k, lo) > 0) &&
		    (hi == NULL || strcmp(k, hi) < 0))
			keys[nk++] = k;
	qsort(keys, nk, sizeof(*keys), cmp_key);
	for (i = 0; i < nk && rc == 0; i++) {
		jsonout_item(out, (*n)++, d);
		buf_printf(out, "\"%s\": ", keys[i]);
		rc = jsonout_value(out,
		    json_incref(json_object_get(o, keys[i])), d + 1);
	}
	free(keys);
	return rc;
}
