/*
 * schema: loading Table Schemas (the jansson backend for descriptors),
 * and the names of types and constraints.  Casting cells is cast.c and
 * datetime.c; reading data packages is dpkg.c.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/xalloc.h"
#include "validate/pattern.h"
#include "validate/schema.h"
#include "validate/schema_int.h"

#define DESC_MAXBYTES	(16ul << 20)	/* descriptor file size cap */

const char *const schema_type_names[FT__MAX] = {
	"string", "number", "integer", "boolean", "object", "array", "date",
	"time", "datetime", "year", "yearmonth", "duration", "geopoint", "any"
};

const char *const schema_cons_names[C__MAX] = {
	"required", "minLength", "maxLength", "minimum", "maximum",
	"pattern", "enum", "unique"
};

#define CMP	(B(C_REQUIRED) | B(C_MINIMUM) | B(C_MAXIMUM) | B(C_ENUM) | \
		 B(C_UNIQUE))
#define LEN	(B(C_REQUIRED) | B(C_MINLENGTH) | B(C_MAXLENGTH) | \
		 B(C_ENUM) | B(C_UNIQUE))
#define BASIC	(B(C_REQUIRED) | B(C_ENUM) | B(C_UNIQUE))

/* The constraints each type takes (frictionless-py supported_constraints). */
static const unsigned type_cons[FT__MAX] = {
	[FT_STRING] = LEN | B(C_PATTERN),
	[FT_NUMBER] = CMP, [FT_INTEGER] = CMP,
	[FT_BOOLEAN] = BASIC,
	[FT_OBJECT] = LEN, [FT_ARRAY] = LEN,
	[FT_DATE] = CMP, [FT_TIME] = CMP, [FT_DATETIME] = CMP,
	[FT_YEAR] = CMP, [FT_YEARMONTH] = CMP,
	[FT_DURATION] = BASIC, [FT_GEOPOINT] = BASIC, [FT_ANY] = BASIC
};

const char *
schema_type_name(enum ftype t)
{
	return t < FT__MAX ? schema_type_names[t] : "?";
}

/* --- loading ----------------------------------------------------------- */

void
lderr(struct ld *ld, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag(DIAG_USAGE, ld->name, 0, "%s", msg);
	ld->failed = 1;
}

/* Read a whole file (at most DESC_MAXBYTES) as JSON; NULL after diag. */
json_t *
schema_load_json(const char *path)
{
	json_error_t e;
	struct buf b;
	char chunk[8192];
	size_t n;
	FILE *fp;
	json_t *j;

	if ((fp = fopen(path, "rb")) == NULL) {
		diag_errno(errno, path, "cannot open");
		return NULL;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (b.len + n > DESC_MAXBYTES) {
			diag(DIAG_USAGE, path, 0, "descriptor larger than "
			    "%lu bytes", DESC_MAXBYTES);
			fclose(fp);
			buf_release(&b);
			return NULL;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(fp)) {
		diag_errno(errno, path, "read error");
		fclose(fp);
		buf_release(&b);
		return NULL;
	}
	fclose(fp);
	j = json_loadb(b.s != NULL ? b.s : "", b.len, JSON_REJECT_DUPLICATES,
	    &e);
	buf_release(&b);
	if (j == NULL)
		diag(DIAG_USAGE, path, (unsigned long)e.line,
		    "invalid JSON: %s", e.text);
	return j;
}

static char *
dump_compact(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	char *r = xstrdup(s != NULL ? s : "null");

	free(s);
	return r;
}

/* A string or an array of strings as a list; -1 after lderr. */
static int
string_list(struct ld *ld, json_t *j, const char *what, char ***out,
    size_t *n, int allow_one)
{
	size_t i;
	json_t *x;

	*out = NULL;
	*n = 0;
	if (allow_one && json_is_string(j)) {
		*out = xcalloc(1, sizeof(char *));
		(*out)[0] = xstrdup(json_string_value(j));
		*n = 1;
		return 0;
	}
	if (!json_is_array(j)) {
		lderr(ld, "'%s' must be an array of strings", what);
		return -1;
	}
	*out = xcalloc(json_array_size(j) + 1, sizeof(char *));
	json_array_foreach(j, i, x) {
		if (!json_is_string(x)) {
			lderr(ld, "'%s' must hold strings only", what);
			return -1;
		}
		(*out)[(*n)++] = xstrdup(json_string_value(x));
	}
	return 0;
}

static void
strv_free(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

const char *
schema_opt_string(struct ld *ld, json_t *obj, const char *key,
    const char *where)
{
	json_t *x = json_object_get(obj, key);

	if (x == NULL)
		return NULL;
	if (!json_is_string(x)) {
		lderr(ld, "%s: '%s' must be a string", where, key);
		return NULL;
	}
	return json_string_value(x);
}

static int
opt_bool(struct ld *ld, json_t *obj, const char *key, const char *where,
    int def)
{
	json_t *x = json_object_get(obj, key);

	if (x == NULL)
		return def;
	if (!json_is_boolean(x)) {
		lderr(ld, "%s: '%s' must be true or false", where, key);
		return def;
	}
	return json_is_true(x);
}

/* The shortest text that reads back as d (Python's repr of a float). */
static void
fmt_shortest(char *buf, size_t sz, double d)
{
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sz, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			return;
	}
}

/* Cast a constraint value given in JSON (a string, number or boolean). */
static int
cast_json_value(const struct field *f, json_t *x, struct value *v,
    struct buf *key)
{
	char tmp[64];
	const char *s;
	size_t n;

	if (json_is_string(x)) {
		s = json_string_value(x);
		n = json_string_length(x);
	} else if (f->type == FT_STRING || f->type == FT_ANY) {
		return -1;	/* Python compares a str with a str only */
	} else if (json_is_integer(x)) {
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(x));
		s = tmp;
		n = strlen(tmp);
	} else if (json_is_real(x)) {
		if (f->type == FT_INTEGER) {
			double d = json_real_value(x);

			if (d != floor(d) || fabs(d) > 9.2e18)
				return -1;
			snprintf(tmp, sizeof(tmp), "%.0f", d);
		} else
			fmt_shortest(tmp, sizeof(tmp), json_real_value(x));
		s = tmp;
		n = strlen(tmp);
	} else if (json_is_boolean(x) && f->type == FT_BOOLEAN) {
		v->i = json_is_true(x);
		if (key != NULL)
			buf_adds(key, json_is_true(x) ? "B1" : "B0");
		return 0;
	} else if ((json_is_object(x) && f->type == FT_OBJECT) ||
	    (json_is_array(x) && f->type == FT_ARRAY)) {
		char *d = json_dumps(x, JSON_COMPACT | JSON_SORT_KEYS);
		int r = schema_cast(f, d, strlen(d), v, key);

		free(d);
		return r;
	} else
		return -1;
	if (f->type == FT_STRING || f->type == FT_ANY) {
		v->i = 0;
		if (key != NULL) {
			buf_addc(key, K_STR);
			buf_add(key, s, n);
		}
		return 0;
	}
	return schema_cast(f, s, n, v, key);
}

static int
parse_constraints(struct ld *ld, struct field *f, json_t *c)
{
	const char *k;
	json_t *x, *e;
	char where[300], err[200];
	size_t i;
	int ci;
	struct buf key;

	snprintf(where, sizeof(where), "field '%s'", f->name);
	if (!json_is_object(c)) {
		lderr(ld, "%s: 'constraints' must be an object", where);
		return -1;
	}
	json_object_foreach(c, k, x) {
		for (ci = 0; ci < C__MAX; ci++)
			if (strcmp(k, schema_cons_names[ci]) == 0)
				break;
		if (ci == C__MAX) {
			lderr(ld, "%s: unknown constraint '%s'", where, k);
			continue;
		}
		if (!(type_cons[f->type] & B(ci))) {
			lderr(ld, "%s: constraint '%s' is not supported by "
			    "type '%s'", where, k, schema_type_names[f->type]);
			continue;
		}
		f->has[ci] = 1;
		switch (ci) {
		case C_REQUIRED:
		case C_UNIQUE:
			if (!json_is_boolean(x)) {
				lderr(ld, "%s: '%s' must be true or false",
				    where, k);
				break;
			}
			if (ci == C_REQUIRED)
				f->required = json_is_true(x);
			else
				f->unique = json_is_true(x);
			f->has[ci] = json_is_true(x);
			break;
		case C_MINLENGTH:
		case C_MAXLENGTH:
			if (!json_is_integer(x) || json_integer_value(x) < 0) {
				lderr(ld, "%s: '%s' must be a non-negative "
				    "integer", where, k);
				break;
			}
			if (ci == C_MINLENGTH)
				f->min_length = (size_t)json_integer_value(x);
			else
				f->max_length = (size_t)json_integer_value(x);
			break;
		case C_MINIMUM:
		case C_MAXIMUM:
			if (cast_json_value(f, x, ci == C_MINIMUM ?
			    &f->minimum : &f->maximum, NULL) != 0) {
				lderr(ld, "%s: '%s' is not a valid %s", where,
				    k, schema_type_names[f->type]);
				break;
			}
			if (ci == C_MINIMUM)
				f->minimum_json = dump_compact(x);
			else
				f->maximum_json = dump_compact(x);
			break;
		case C_PATTERN:
			if (!json_is_string(x)) {
				lderr(ld, "%s: 'pattern' must be a string",
				    where);
				break;
			}
			f->pattern = xstrdup(json_string_value(x));
			f->re = pattern_compile(f->pattern, err, sizeof(err));
			if (f->re == NULL)
				lderr(ld, "%s: unusable pattern '%s': %s",
				    where, f->pattern, err);
			break;
		case C_ENUM:
			if (!json_is_array(x) || json_array_size(x) == 0) {
				lderr(ld, "%s: 'enum' must be a non-empty "
				    "array", where);
				break;
			}
			f->nenum = json_array_size(x);
			f->enum_json = xcalloc(f->nenum, sizeof(char *));
			f->enum_key = xcalloc(f->nenum, sizeof(char *));
			f->enum_keylen = xcalloc(f->nenum, sizeof(size_t));
			json_array_foreach(x, i, e) {
				struct value v;

				buf_init(&key);
				f->enum_json[i] = dump_compact(e);
				if (cast_json_value(f, e, &v, &key) == 0) {
					f->enum_keylen[i] = key.len;
					f->enum_key[i] = buf_detach(&key);
				}
				buf_release(&key);
			}
			break;
		}
	}
	return ld->failed ? -1 : 0;
}

static int
parse_field(struct ld *ld, struct field *f, json_t *j, size_t idx)
{
	const char *s, *fmt;
	char where[300];
	json_t *x;
	int t;

	if (!json_is_object(j)) {
		lderr(ld, "fields[%zu] must be an object", idx);
		return -1;
	}
	x = json_object_get(j, "name");
	if (!json_is_string(x)) {
		lderr(ld, "fields[%zu]: 'name' must be a string", idx);
		return -1;
	}
	f->name = xstrdup(json_string_value(x));
	snprintf(where, sizeof(where), "field '%s'", f->name);
	if ((s = schema_opt_string(ld, j, "title", where)) != NULL)
		f->title = xstrdup(s);
	if ((s = schema_opt_string(ld, j, "description", where)) != NULL)
		f->description = xstrdup(s);
	s = schema_opt_string(ld, j, "type", where);
	f->type = FT_STRING;
	if (s != NULL) {
		for (t = 0; t < FT__MAX; t++)
			if (strcmp(s, schema_type_names[t]) == 0)
				break;
		if (t == FT__MAX) {
			lderr(ld, "%s: unsupported type '%s'", where, s);
			return -1;
		}
		f->type = (enum ftype)t;
	}
	fmt = schema_opt_string(ld, j, "format", where);
	if (fmt != NULL && strncmp(fmt, "fmt:", 4) == 0)
		fmt += 4;	/* the pre-1.0 spelling of a pattern */
	f->format = xstrdup(fmt != NULL ? fmt : "default");
	f->fmt = FMT_DEFAULT;
	if (strcmp(f->format, "default") != 0) {
		switch (f->type) {
		case FT_STRING:
			if (strcmp(f->format, "email") == 0)
				f->fmt = FMT_EMAIL;
			else if (strcmp(f->format, "uri") == 0)
				f->fmt = FMT_URI;
			else if (strcmp(f->format, "uuid") == 0)
				f->fmt = FMT_UUID;
			else if (strcmp(f->format, "binary") == 0)
				f->fmt = FMT_BINARY;
			else
				lderr(ld, "%s: unsupported string format "
				    "'%s'", where, f->format);
			break;
		case FT_DATE:
		case FT_TIME:
		case FT_DATETIME:
			if (strcmp(f->format, "any") == 0)
				f->fmt = FMT_ANY;
			else if (schema_strptime_format_ok(f->format))
				f->fmt = FMT_PATTERN;
			else
				lderr(ld, "%s: unsupported %s pattern '%s' "
				    "(directives: %%Y %%y %%m %%d %%H %%I %%M "
				    "%%S %%f %%j %%b %%B %%a %%A %%p %%z)",
				    where, schema_type_names[f->type],
				    f->format);
			break;
		case FT_GEOPOINT:
			if (strcmp(f->format, "array") == 0)
				f->fmt = FMT_ARRAY;
			else if (strcmp(f->format, "object") == 0)
				f->fmt = FMT_OBJECT;
			else
				lderr(ld, "%s: unsupported geopoint format "
				    "'%s'", where, f->format);
			break;
		default:
			lderr(ld, "%s: type '%s' takes no format but "
			    "'default'", where, schema_type_names[f->type]);
			break;
		}
	}
	f->bare_number = 1;
	f->decimal_char = xstrdup(".");
	f->group_char = xstrdup("");
	if (f->type == FT_NUMBER || f->type == FT_INTEGER) {
		if (json_object_get(j, "bareNumber") != NULL)
			f->num_custom = 1;
		f->bare_number = opt_bool(ld, j, "bareNumber", where, 1);
	}
	if (f->type == FT_NUMBER) {
		if ((s = schema_opt_string(ld, j, "decimalChar", where))
		    != NULL) {
			free(f->decimal_char);
			f->decimal_char = xstrdup(s);
			f->num_custom = 1;
		}
		if ((s = schema_opt_string(ld, j, "groupChar", where))
		    != NULL) {
			free(f->group_char);
			f->group_char = xstrdup(s);
			f->num_custom = 1;
		}
	}
	if (f->type == FT_BOOLEAN) {
		static const char *const tv[] = { "true", "True", "TRUE", "1" };
		static const char *const fv[] = { "false", "False", "FALSE",
		    "0" };
		size_t i;

		if ((x = json_object_get(j, "trueValues")) != NULL) {
			if (string_list(ld, x, "trueValues", &f->true_values,
			    &f->ntrue, 0) != 0)
				return -1;
		} else {
			f->true_values = xcalloc(4, sizeof(char *));
			for (i = 0; i < 4; i++)
				f->true_values[i] = xstrdup(tv[i]);
			f->ntrue = 4;
		}
		if ((x = json_object_get(j, "falseValues")) != NULL) {
			if (string_list(ld, x, "falseValues",
			    &f->false_values, &f->nfalse, 0) != 0)
				return -1;
		} else {
			f->false_values = xcalloc(4, sizeof(char *));
			for (i = 0; i < 4; i++)
				f->false_values[i] = xstrdup(fv[i]);
			f->nfalse = 4;
		}
	}
	if (ld->failed)
		return -1;
	if ((x = json_object_get(j, "constraints")) != NULL)
		return parse_constraints(ld, f, x);
	return 0;
}

static void
field_release(struct field *f)
{
	free(f->name);
	free(f->title);
	free(f->description);
	free(f->format);
	free(f->decimal_char);
	free(f->group_char);
	strv_free(f->true_values, f->ntrue);
	strv_free(f->false_values, f->nfalse);
	free(f->minimum_json);
	free(f->maximum_json);
	free(f->pattern);
	pattern_free(f->re);
	strv_free(f->enum_json, f->nenum);
	strv_free(f->enum_key, f->nenum);
	free(f->enum_keylen);
}

void
schema_free(struct schema *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->nfields; i++)
		field_release(&sc->fields[i]);
	free(sc->fields);
	strv_free(sc->missing, sc->nmissing);
	free(sc->pkey);
	for (i = 0; i < sc->nfkeys; i++) {
		free(sc->fkeys[i].fields);
		free(sc->fkeys[i].resource);
		strv_free(sc->fkeys[i].ref_fields, sc->fkeys[i].nfields);
	}
	free(sc->fkeys);
	free(sc->path);
	free(sc);
}

long
schema_field_index(const struct schema *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sc->nfields; i++)
		if (strcmp(sc->fields[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Names to field indices; -1 after lderr. */
static int
name_indices(struct ld *ld, const struct schema *sc, char **names, size_t n,
    const char *what, size_t **out)
{
	size_t i;
	long k;

	*out = xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < n; i++) {
		if ((k = schema_field_index(sc, names[i])) < 0) {
			lderr(ld, "%s names unknown field '%s'", what,
			    names[i]);
			return -1;
		}
		(*out)[i] = (size_t)k;
	}
	return 0;
}

struct schema *
schema_from_json(json_t *desc, const char *name)
{
	struct ld ld = { name, 0 };
	struct schema *sc;
	json_t *j = desc, *fields, *x, *fk;
	char **names;
	size_t i, k, n;

	if (!json_is_object(j)) {
		lderr(&ld, "a Table Schema must be a JSON object");
		return NULL;
	}
	fields = json_object_get(j, "fields");
	if (!json_is_array(fields)) {
		lderr(&ld, "a Table Schema needs a 'fields' array");
		return NULL;
	}
	sc = xcalloc(1, sizeof(*sc));
	sc->path = xstrdup(name);
	sc->fields = xcalloc(json_array_size(fields) + 1, sizeof(*sc->fields));
	json_array_foreach(fields, i, x) {
		if (parse_field(&ld, &sc->fields[i], x, i) != 0) {
			sc->nfields = i + 1;
			goto fail;
		}
		sc->nfields = i + 1;
		for (k = 0; k < i; k++)
			if (strcmp(sc->fields[k].name, sc->fields[i].name)
			    == 0) {
				lderr(&ld, "duplicate field name '%s'",
				    sc->fields[i].name);
				goto fail;
			}
	}
	if ((x = json_object_get(j, "missingValues")) != NULL) {
		if (string_list(&ld, x, "missingValues", &sc->missing,
		    &sc->nmissing, 0) != 0)
			goto fail;
	} else {
		sc->missing = xcalloc(1, sizeof(char *));
		sc->missing[0] = xstrdup("");
		sc->nmissing = 1;
	}
	if ((x = json_object_get(j, "primaryKey")) != NULL) {
		if (string_list(&ld, x, "primaryKey", &names, &n, 1) != 0) {
			strv_free(names, n);
			goto fail;
		}
		sc->npkey = n;
		name_indices(&ld, sc, names, n, "primaryKey", &sc->pkey);
		strv_free(names, n);
		if (ld.failed)
			goto fail;
	}
	if ((x = json_object_get(j, "foreignKeys")) != NULL) {
		if (!json_is_array(x)) {
			lderr(&ld, "'foreignKeys' must be an array");
			goto fail;
		}
		sc->fkeys = xcalloc(json_array_size(x) + 1,
		    sizeof(*sc->fkeys));
		json_array_foreach(x, i, fk) {
			struct fkey *f = &sc->fkeys[i];
			json_t *ref = json_object_get(fk, "reference");
			const char *res;

			sc->nfkeys = i + 1;
			if (!json_is_object(fk) || !json_is_object(ref)) {
				lderr(&ld, "foreignKeys[%zu] needs 'fields' "
				    "and a 'reference' object", i);
				goto fail;
			}
			if (string_list(&ld, json_object_get(fk, "fields"),
			    "foreignKeys.fields", &names, &n, 1) != 0) {
				strv_free(names, n);
				goto fail;
			}
			f->nfields = n;
			name_indices(&ld, sc, names, n, "foreignKeys.fields",
			    &f->fields);
			strv_free(names, n);
			if (ld.failed)
				goto fail;
			res = schema_opt_string(&ld, ref, "resource",
			    "foreignKeys.reference");
			f->resource = xstrdup(res != NULL ? res : "");
			if (string_list(&ld, json_object_get(ref, "fields"),
			    "foreignKeys.reference.fields", &names, &n, 1)
			    != 0 || n != f->nfields || n == 0) {
				strv_free(names, n);
				if (ld.failed)
					goto fail;
				lderr(&ld, "foreignKeys[%zu]: 'fields' and "
				    "'reference.fields' differ in length", i);
				goto fail;
			}
			f->ref_fields = names;
			if (f->resource[0] == '\0')
				for (k = 0; k < n; k++)
					if (schema_field_index(sc,
					    f->ref_fields[k]) < 0) {
						lderr(&ld, "foreignKeys[%zu] "
						    "references unknown field "
						    "'%s'", i,
						    f->ref_fields[k]);
						goto fail;
					}
		}
	}
	if (ld.failed)
		goto fail;
	return sc;
fail:
	schema_free(sc);
	return NULL;
}

struct schema *
schema_load(const char *path)
{
	struct schema *sc;
	json_t *j;

	if ((j = schema_load_json(path)) == NULL)
		return NULL;
	sc = schema_from_json(j, path);
	json_decref(j);
	return sc;
}

struct schema *
schema_load_string(const char *text, const char *name)
{
	struct schema *sc;
	json_error_t e;
	json_t *j;

	if ((j = json_loads(text, JSON_REJECT_DUPLICATES, &e)) == NULL) {
		diag(DIAG_USAGE, name, (unsigned long)e.line,
		    "invalid JSON: %s", e.text);
		return NULL;
	}
	sc = schema_from_json(j, name);
	json_decref(j);
	return sc;
}

size_t
schema_nfields(const struct schema *sc)
{
	return sc->nfields;
}

const char *
schema_field_name(const struct schema *sc, size_t i)
{
	return i < sc->nfields ? sc->fields[i].name : NULL;
}

const char *
schema_field_type(const struct schema *sc, size_t i)
{
	return i < sc->nfields ? schema_type_names[sc->fields[i].type] : NULL;
}

