/*
 * cast: one cell's text to its logical value, and the check of its
 * constraints (schema_cast(), schema_check() and the notes of schema.h):
 * numbers, booleans, string formats, JSON values and geopoints here,
 * dates and times in datetime.c.
 *
 * Casting follows frictionless-py v5 (frictionless/fields/) and the
 * libraries it calls: Python's int() and Decimal(), the validators and
 * rfc3986 packages.  Deliberate differences are listed in
 * tests/validate/README.md.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "validate/pattern.h"
#include "validate/schema.h"
#include "validate/schema_int.h"

#define NUM_MAXBYTES	256		/* longest number text we cast */

static void
key_tag(struct buf *key, int tag)
{
	if (key != NULL)
		buf_addc(key, tag);
}

/* --- numbers ----------------------------------------------------------- */

/*
 * Python's int() on stripped ASCII text: a sign, then digits with single
 * underscores between them.  0, -1 on a syntax error, -2 when the value
 * does not fit 64 bits.
 */
int
schema_parse_pyint(const char *s, size_t n, long long *out)
{
	unsigned long long v = 0, lim;
	size_t i = 0;
	int neg = 0, prev = 0, over = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (s[i] == '_') {
			if (!prev)
				return -1;
			prev = 0;
			continue;
		}
		if (d > 9)
			return -1;
		if (v > (lim - d) / 10)
			over = 1;
		else
			v = v * 10 + d;
		prev = 1;
	}
	if (!prev)
		return -1;
	if (over)
		return -2;
	if (neg)
		*out = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
		    -(long long)v;
	else
		*out = (long long)v;
	return 0;
}

/* The key of a finite decimal: sign, significant digits, exponent. */
static void
key_decimal(struct buf *key, int neg, const char *dig, size_t nd,
    long long exp10)
{
	size_t i = 0;

	if (key == NULL)
		return;
	/* dig holds the digits of 0.ddd * 10^exp10 */
	while (i < nd && dig[i] == '0') {
		i++;
		exp10--;
	}
	while (nd > i && dig[nd - 1] == '0')
		nd--;
	if (i == nd) {
		buf_adds(key, "N0");
		return;
	}
	buf_addc(key, K_NUM);
	buf_addc(key, neg ? '-' : '+');
	buf_add(key, dig + i, nd - i);
	buf_printf(key, "e%lld", exp10);
}

void
schema_key_int(struct buf *key, long long v)
{
	char d[32];
	int n;

	if (key == NULL)
		return;
	if (v == LLONG_MIN) {
		key_decimal(key, 1, "9223372036854775808", 19, 19);
		return;
	}
	n = snprintf(d, sizeof(d), "%lld", v < 0 ? -v : v);
	key_decimal(key, v < 0, d, (size_t)n, n);
}

/*
 * Python's Decimal() on stripped text: it drops every underscore, then
 * reads [sign] (digits [. digits] | . digits) [e [sign] digits], or inf,
 * infinity, nan, snan in any case (nan with optional digits).  Fills *d
 * and the key; -1 on a syntax error.
 */
static int
parse_decimal(const char *s0, size_t n0, double *d, struct buf *key)
{
	char s[NUM_MAXBYTES + 1], dig[NUM_MAXBYTES + 1];
	size_t i = 0, n = 0, nd = 0, intd = 0, j;
	long long e = 0;
	int neg = 0, eneg = 0, any = 0, eany = 0;

	for (j = 0; j < n0; j++) {
		if (s0[j] == '_')
			continue;
		if (n >= NUM_MAXBYTES)
			return -1;
		s[n++] = s0[j];
	}
	s[n] = '\0';
	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i < n && !is_digit((unsigned char)s[i]) && s[i] != '.') {
		const char *w = s + i;
		size_t m = n - i;

		if (ieq(w, m, "inf") || ieq(w, m, "infinity")) {
			*d = neg ? -INFINITY : INFINITY;
			if (key != NULL)
				buf_adds(key, neg ? "N-inf" : "N+inf");
			return 0;
		}
		if (m >= 3 && lower((unsigned char)w[0]) == 's') {
			w++;
			m--;
		}
		if (m >= 3 && ieq(w, 3, "nan")) {
			for (j = 3; j < m; j++)
				if (!is_digit((unsigned char)w[j]))
					return -1;
			*d = NAN;
			if (key != NULL)
				buf_adds(key, "Nnan");
			return 0;
		}
		return -1;
	}
	for (; i < n && is_digit((unsigned char)s[i]); i++) {
		dig[nd++] = s[i];
		intd++;
		any = 1;
	}
	if (i < n && s[i] == '.')
		for (i++; i < n && is_digit((unsigned char)s[i]); i++) {
			dig[nd++] = s[i];
			any = 1;
		}
	if (!any)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < n && is_digit((unsigned char)s[i]); i++) {
			if (e < 1000000000000LL)
				e = e * 10 + (s[i] - '0');
			eany = 1;
		}
		if (!eany)
			return -1;
	}
	if (i != n)
		return -1;
	*d = strtod(s, NULL);
	key_decimal(key, neg, dig, nd, (long long)intd + (eneg ? -e : e));
	return 0;
}

/*
 * Remove what frictionless-py removes when bareNumber is false: leading
 * characters other than '-' and digits, trailing non-digits.
 */
static void
unbare(const char **s, size_t *n)
{
	while (*n > 0 && **s != '-' && !is_digit((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && !is_digit((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static int
cast_integer(const struct field *f, const char *s, size_t n,
    struct value *v, struct buf *key)
{
	long long x;

	strip(&s, &n);
	if (!f->bare_number)
		unbare(&s, &n);
	if (schema_parse_pyint(s, n, &x) != 0)
		return -1;
	v->i = x;
	v->d = (double)x;
	schema_key_int(key, x);
	return 0;
}

static int
cast_number(const struct field *f, const char *s, size_t n,
    struct value *v, struct buf *key)
{
	char tmp[NUM_MAXBYTES + 1];
	size_t gl, dl, i, m = 0;

	strip(&s, &n);
	if (f->num_custom) {
		if (!f->bare_number)
			unbare(&s, &n);
		gl = strlen(f->group_char);
		dl = strlen(f->decimal_char);
		for (i = 0; i < n; ) {
			if (m >= NUM_MAXBYTES)
				return -1;
			if (gl > 0 && n - i >= gl &&
			    memcmp(s + i, f->group_char, gl) == 0) {
				i += gl;
				continue;
			}
			if (strcmp(f->decimal_char, ".") != 0) {
				if (s[i] == '.')
					return -1;
				if (dl > 0 && n - i >= dl &&
				    memcmp(s + i, f->decimal_char, dl) == 0) {
					tmp[m++] = '.';
					i += dl;
					continue;
				}
			}
			tmp[m++] = s[i++];
		}
		s = tmp;
		n = m;
		strip(&s, &n);
	}
	if (parse_decimal(s, n, &v->d, key) != 0)
		return -1;
	v->i = 0;
	return 0;
}

static int
cast_boolean(const struct field *f, const char *s, size_t n,
    struct value *v, struct buf *key)
{
	size_t i;

	for (i = 0; i < f->ntrue; i++)
		if (strlen(f->true_values[i]) == n &&
		    memcmp(f->true_values[i], s, n) == 0) {
			v->i = 1;
			if (key != NULL)
				buf_adds(key, "B1");
			return 0;
		}
	for (i = 0; i < f->nfalse; i++)
		if (strlen(f->false_values[i]) == n &&
		    memcmp(f->false_values[i], s, n) == 0) {
			v->i = 0;
			if (key != NULL)
				buf_adds(key, "B0");
			return 0;
		}
	return -1;
}

/* --- string formats -------------------------------------------------- */

/* rfc3986 with a required scheme: [^:/?#]+ then ':' at the start. */
static int
check_uri(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ':')
			return i > 0 ? 0 : -1;
		if (s[i] == '/' || s[i] == '?' || s[i] == '#')
			return -1;
	}
	return -1;
}

static int
email_atext(unsigned char c)
{
	return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') ||
	    (c != '\0' && strchr("-!#$%&'*+/=?^_`{}|~", c) != NULL);
}

static int
alnum(unsigned char c)
{
	return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') || c >= 0x80;
}

/* python-validators' email(): dot-atom or quoted local part, DNS domain. */
static int
check_email(const char *s, size_t n)
{
	const char *at = NULL, *d;
	size_t i, nl, nd, lab, k;

	for (i = 0; i < n; i++)
		if (s[i] == '@')
			at = s + i;
	if (at == NULL || at == s)
		return -1;
	nl = (size_t)(at - s);
	if (nl > 64)
		return -1;
	if (s[0] == '"') {
		if (nl < 2 || s[nl - 1] != '"')
			return -1;
		for (i = 1; i + 1 < nl; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c == '\\' && i + 2 < nl) {
				i++;
				continue;
			}
			if (c == '"' || c == '\\' || c == 0 || c == '\r' ||
			    c == '\n' || c >= 0x80)
				return -1;
		}
	} else {
		for (i = 0; i < nl; i++) {
			if (s[i] == '.') {
				if (i == 0 || i + 1 == nl || s[i + 1] == '.')
					return -1;
			} else if (!email_atext((unsigned char)s[i]))
				return -1;
		}
	}
	/* domain: labels [A-Z0-9]([A-Z0-9-]{0,61}[A-Z0-9])? '.', then a TLD */
	d = at + 1;
	nd = n - nl - 1;
	if (nd == 9 && memcmp(d, "localhost", 9) == 0)
		return 0;	/* the whitelist's default */
	if (nd == 0 || memchr(d, '.', nd) == NULL)
		return -1;
	for (i = 0; i < nd; i = k + 1) {
		for (k = i; k < nd && d[k] != '.'; k++)
			if (!alnum((unsigned char)d[k]) && d[k] != '-')
				return -1;
		lab = k - i;
		if (k == nd) {
			/* TLD: [A-Z0-9-]{2,63} not ending in '-' */
			if (lab < 2 || lab > 63 || d[k - 1] == '-')
				return -1;
			break;
		}
		if (lab == 0 || lab > 63 || d[i] == '-' || d[k - 1] == '-')
			return -1;
	}
	return 0;
}

static int
hexval(int c)
{
	if (is_digit(c))
		return c - '0';
	c = lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Python's UUID(): drop urn:, uuid:, braces and hyphens; 32 hex digits. */
static int
check_uuid(const char *s, size_t n)
{
	size_t i, hex = 0;

	if (n >= 4 && memcmp(s, "urn:", 4) == 0) {
		s += 4;
		n -= 4;
	}
	if (n >= 5 && memcmp(s, "uuid:", 5) == 0) {
		s += 5;
		n -= 5;
	}
	while (n > 0 && (*s == '{' || *s == '}')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == '{' || s[n - 1] == '}'))
		n--;
	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			continue;
		if (hexval((unsigned char)s[i]) < 0)
			return -1;
		hex++;
	}
	return hex == 32 ? 0 : -1;
}

/* Python's base64.b64decode() without validate: alphabet and padding. */
static int
check_base64(const char *s, size_t n)
{
	size_t i, data = 0, pad = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '=') {
			pad++;
			continue;
		}
		if (is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'z') ||
		    c == '+' || c == '/') {
			if (pad > 0)
				break;	/* data after padding ends the input */
			data++;
		}
	}
	if (data % 4 == 1)
		return -1;
	if (data % 4 != 0 && pad < 4 - data % 4)
		return -1;
	return 0;
}

static int
cast_string(const struct field *f, const char *s, size_t n, struct value *v,
    struct buf *key)
{
	int r = 0;

	switch (f->fmt) {
	case FMT_URI:
		r = check_uri(s, n);
		break;
	case FMT_EMAIL:
		r = check_email(s, n);
		break;
	case FMT_UUID:
		r = check_uuid(s, n);
		break;
	case FMT_BINARY:
		r = check_base64(s, n);
		break;
	default:
		break;
	}
	if (r != 0)
		return -1;
	v->i = 0;
	if (key != NULL) {
		buf_addc(key, K_STR);
		buf_add(key, s, n);
	}
	return 0;
}

/* --- JSON types -------------------------------------------------------- */

static int
cast_json(const struct field *f, const char *s, size_t n, struct value *v,
    struct buf *key)
{
	json_t *j;
	char *dump;
	int ok;

	j = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
	if (j == NULL)
		return -1;
	ok = f->type == FT_OBJECT ? json_is_object(j) : json_is_array(j);
	if (ok) {
		v->i = (long long)(json_is_object(j) ? json_object_size(j) :
		    json_array_size(j));
		if (key != NULL && (dump = json_dumps(j, JSON_COMPACT |
		    JSON_SORT_KEYS | JSON_ENCODE_ANY)) != NULL) {
			buf_addc(key, K_JSON);
			buf_adds(key, dump);
			free(dump);
		}
	}
	json_decref(j);
	return ok ? 0 : -1;
}

static int
geo_num(json_t *x, double *out, struct buf *canon)
{
	char tmp[64];
	const char *t;

	if (json_is_integer(x) || json_is_real(x)) {
		*out = json_number_value(x);
		snprintf(tmp, sizeof(tmp), "%.17g", *out);
		return parse_decimal(tmp, strlen(tmp), out, canon);
	}
	if (json_is_string(x)) {
		size_t n = json_string_length(x);

		t = json_string_value(x);
		strip(&t, &n);
		return parse_decimal(t, n, out, canon);
	}
	return -1;
}

static int
cast_geopoint(const struct field *f, const char *s, size_t n,
    struct value *v, struct buf *key)
{
	struct buf c;
	double lon, lat;
	const char *comma, *a, *b;
	size_t na, nb;
	json_t *j = NULL;
	int r = -1;

	buf_init(&c);
	if (f->fmt == FMT_DEFAULT) {
		comma = memchr(s, ',', n);
		if (comma == NULL || memchr(comma + 1, ',',
		    n - (size_t)(comma - s) - 1) != NULL)
			goto out;
		a = s;
		na = (size_t)(comma - s);
		b = comma + 1;
		nb = n - na - 1;
		strip(&a, &na);
		strip(&b, &nb);
		if (parse_decimal(a, na, &lon, &c) != 0)
			goto out;
		buf_addc(&c, ',');
		if (parse_decimal(b, nb, &lat, &c) != 0)
			goto out;
	} else {
		json_t *x, *y;

		j = json_loadb(s, n, JSON_DECODE_ANY, NULL);
		if (j == NULL)
			goto out;
		if (f->fmt == FMT_ARRAY) {
			if (!json_is_array(j) || json_array_size(j) != 2)
				goto out;
			x = json_array_get(j, 0);
			y = json_array_get(j, 1);
		} else {
			if (!json_is_object(j) || json_object_size(j) != 2)
				goto out;
			x = json_object_get(j, "lon");
			y = json_object_get(j, "lat");
			if (x == NULL || y == NULL)
				goto out;
		}
		if (geo_num(x, &lon, &c) != 0)
			goto out;
		buf_addc(&c, ',');
		if (geo_num(y, &lat, &c) != 0)
			goto out;
	}
	if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
		goto out;
	v->d = lon;
	v->i = 0;
	if (key != NULL) {
		buf_addc(key, K_GEO);
		buf_add(key, c.s, c.len);
	}
	r = 0;
out:
	json_decref(j);
	buf_release(&c);
	return r;
}

/* --- the cast and check entry points --------------------------------- */

int
schema_cast(const struct field *f, const char *s, size_t n, struct value *v,
    struct buf *key)
{
	v->j = 0;
	switch (f->type) {
	case FT_STRING:
		return cast_string(f, s, n, v, key);
	case FT_INTEGER:
		return cast_integer(f, s, n, v, key);
	case FT_NUMBER:
		return cast_number(f, s, n, v, key);
	case FT_BOOLEAN:
		return cast_boolean(f, s, n, v, key);
	case FT_OBJECT:
	case FT_ARRAY:
		return cast_json(f, s, n, v, key);
	case FT_DATE:
		return schema_cast_date(f, s, n, v, key);
	case FT_TIME:
		return schema_cast_time(f, s, n, v, key);
	case FT_DATETIME:
		return schema_cast_datetime(f, s, n, v, key);
	case FT_YEAR:
		return schema_cast_year(s, n, v, key);
	case FT_YEARMONTH:
		return schema_cast_yearmonth(s, n, v, key);
	case FT_DURATION:
		return schema_cast_duration(s, n, v, key);
	case FT_GEOPOINT:
		return cast_geopoint(f, s, n, v, key);
	case FT_ANY:
	case FT__MAX:
		break;
	}
	if (key != NULL) {
		key_tag(key, K_STR);
		buf_add(key, s, n);
	}
	return 0;
}

/* -1, 0, 1 as a is below, equal to or above b; 2 when unordered (NaN). */
static int
value_cmp(const struct field *f, const struct value *a,
    const struct value *b)
{
	if (f->type == FT_NUMBER) {
		if (isnan(a->d) || isnan(b->d))
			return 2;
		return (a->d > b->d) - (a->d < b->d);
	}
	if (a->i != b->i)
		return a->i < b->i ? -1 : 1;
	return (a->j > b->j) - (a->j < b->j);
}

unsigned
schema_check(const struct field *f, const char *s, size_t n,
    const struct value *v, const char *key, size_t keylen)
{
	unsigned bad = 0;
	size_t len, i;
	int c;

	if (f->has[C_MINLENGTH] || f->has[C_MAXLENGTH]) {
		len = f->type == FT_STRING ? utf8_count(s, n) : (size_t)v->i;
		if (f->has[C_MINLENGTH] && len < f->min_length)
			bad |= B(C_MINLENGTH);
		if (f->has[C_MAXLENGTH] && len > f->max_length)
			bad |= B(C_MAXLENGTH);
	}
	if (f->has[C_MINIMUM]) {
		c = value_cmp(f, v, &f->minimum);
		if (c < 0 || c == 2)
			bad |= B(C_MINIMUM);
	}
	if (f->has[C_MAXIMUM]) {
		c = value_cmp(f, v, &f->maximum);
		if (c > 0)
			bad |= B(C_MAXIMUM);
		if (c == 2)
			bad |= B(C_MAXIMUM);
	}
	if (f->re != NULL && !pattern_match(f->re, s, n))
		bad |= B(C_PATTERN);
	if (f->has[C_ENUM]) {
		for (i = 0; i < f->nenum; i++) {
			if (f->enum_key[i] == NULL)
				continue;
			if (f->type == FT_STRING || f->type == FT_ANY) {
				if (f->enum_keylen[i] == n + 1 &&
				    memcmp(f->enum_key[i] + 1, s, n) == 0)
					break;
			} else if (key != NULL && f->enum_keylen[i] == keylen &&
			    memcmp(f->enum_key[i], key, keylen) == 0)
				break;
		}
		if (i == f->nenum)
			bad |= B(C_ENUM);
	}
	return bad;
}

int
schema_is_missing(const struct schema *sc, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sc->nmissing; i++)
		if (sc->missing[i][0] == (n > 0 ? s[0] : '\0') &&
		    strlen(sc->missing[i]) == n &&
		    memcmp(sc->missing[i], s, n) == 0)
			return 1;
	return 0;
}

char *
schema_type_note(const struct field *f)
{
	return xasprintf("type is \"%s/%s\"", schema_type_names[f->type],
	    f->format);
}

/* Python's repr() of a JSON scalar, as frictionless-py prints values. */
static void
py_repr(struct buf *b, const char *jsontext)
{
	json_t *j = json_loads(jsontext, JSON_DECODE_ANY, NULL);

	if (j == NULL)
		buf_adds(b, jsontext);
	else if (json_is_string(j))
		buf_printf(b, "'%s'", json_string_value(j));
	else if (json_is_true(j))
		buf_adds(b, "True");
	else if (json_is_false(j))
		buf_adds(b, "False");
	else if (json_is_null(j))
		buf_adds(b, "None");
	else
		buf_adds(b, jsontext);
	json_decref(j);
}

static void
py_str(struct buf *b, const char *jsontext)
{
	json_t *j = json_loads(jsontext, JSON_DECODE_ANY, NULL);

	if (j != NULL && json_is_string(j))
		buf_adds(b, json_string_value(j));
	else
		py_repr(b, jsontext);
	json_decref(j);
}

char *
schema_constraint_note(const struct field *f, enum constraint c)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_printf(&b, "constraint \"%s\" is \"", schema_cons_names[c]);
	switch (c) {
	case C_REQUIRED:
		buf_adds(&b, "True");
		break;
	case C_MINLENGTH:
		buf_printf(&b, "%zu", f->min_length);
		break;
	case C_MAXLENGTH:
		buf_printf(&b, "%zu", f->max_length);
		break;
	case C_MINIMUM:
		py_str(&b, f->minimum_json);
		break;
	case C_MAXIMUM:
		py_str(&b, f->maximum_json);
		break;
	case C_PATTERN:
		buf_adds(&b, f->pattern);
		break;
	case C_ENUM:
		buf_addc(&b, '[');
		for (i = 0; i < f->nenum; i++) {
			if (i > 0)
				buf_adds(&b, ", ");
			py_repr(&b, f->enum_json[i]);
		}
		buf_addc(&b, ']');
		break;
	case C_UNIQUE:
	case C__MAX:
		buf_adds(&b, "True");
		break;
	}
	buf_addc(&b, '"');
	return buf_detach(&b);
}
