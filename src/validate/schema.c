/*
 * schema: Table Schema and Data Package descriptors (the jansson backend
 * for them), and the casting of cells to logical values.
 *
 * Casting follows frictionless-py v5 (frictionless/fields/) and the
 * libraries it calls: Python's int() and Decimal(), datetime.strptime(),
 * dateutil's isoparse(), isodate's parse_duration(), the validators and
 * rfc3986 packages.  Deliberate differences are listed in
 * tests/validate/README.md.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/xalloc.h"
#include "validate/pattern.h"
#include "validate/schema.h"

#define DESC_MAXBYTES	(16ul << 20)	/* descriptor file size cap */
#define NUM_MAXBYTES	256		/* longest number text we cast */

static const char *const type_names[FT__MAX] = {
	"string", "number", "integer", "boolean", "object", "array", "date",
	"time", "datetime", "year", "yearmonth", "duration", "geopoint", "any"
};

static const char *const cons_names[C__MAX] = {
	"required", "minLength", "maxLength", "minimum", "maximum",
	"pattern", "enum", "unique"
};

#define B(c)	(1u << (c))
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

/* Key tags: one byte before every key, so types never collide. */
#define K_STR	'S'
#define K_NUM	'N'
#define K_BOOL	'B'
#define K_DATE	'D'
#define K_DTAW	'Z'	/* datetime with an offset, as UTC */
#define K_DTNA	'L'	/* datetime without an offset */
#define K_TMAW	'T'
#define K_TMNA	't'
#define K_YM	'M'
#define K_DUR	'P'
#define K_JSON	'J'
#define K_GEO	'G'

const char *
schema_type_name(enum ftype t)
{
	return t < FT__MAX ? type_names[t] : "?";
}

/* --- small helpers ------------------------------------------------------- */

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Python's str.isspace() on ASCII. */
static int
is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static void
strip(const char **s, size_t *n)
{
	while (*n > 0 && is_space((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static int
ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lit[i] == '\0' || lower((unsigned char)s[i]) != lit[i])
			return 0;
	return lit[n] == '\0';
}

static size_t
utf8_len(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static void
key_tag(struct buf *key, int tag)
{
	if (key != NULL)
		buf_addc(key, tag);
}

static void
key_ll(struct buf *key, int tag, long long a, long b)
{
	if (key != NULL)
		buf_printf(key, "%c%lld.%ld", tag, a, b);
}

/* --- numbers ----------------------------------------------------------- */

/*
 * Python's int() on stripped ASCII text: a sign, then digits with single
 * underscores between them.  0, -1 on a syntax error, -2 when the value
 * does not fit 64 bits.
 */
static int
parse_pyint(const char *s, size_t n, long long *out)
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

static void
key_int(struct buf *key, long long v)
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
	if (parse_pyint(s, n, &x) != 0)
		return -1;
	v->i = x;
	v->d = (double)x;
	key_int(key, x);
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

/* --- dates and times ------------------------------------------------ */

struct dt {
	int	 year, month, day, hour, minute, second;
	long	 us;
	int	 hastz;
	long	 off;		/* seconds east of UTC */
};

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* What Python's datetime() constructor accepts. */
static int
dt_valid(const struct dt *t)
{
	return t->year >= 1 && t->year <= 9999 && t->month >= 1 &&
	    t->month <= 12 && t->day >= 1 &&
	    t->day <= mdays(t->year, t->month) && t->hour >= 0 &&
	    t->hour <= 23 && t->minute >= 0 && t->minute <= 59 &&
	    t->second >= 0 && t->second <= 59 && t->us >= 0 &&
	    t->us <= 999999;
}

static int
two(const char *s, size_t n, size_t pos, int *out)
{
	if (pos + 2 > n || !is_digit((unsigned char)s[pos]) ||
	    !is_digit((unsigned char)s[pos + 1]))
		return -1;
	*out = (s[pos] - '0') * 10 + (s[pos + 1] - '0');
	return 0;
}

/* dateutil's _parse_tzstr. */
static int
iso_tz(const char *s, size_t n, struct dt *t)
{
	int hh, mm = 0, sign;
	size_t i;

	t->hastz = 1;
	t->off = 0;
	if (n == 1 && (s[0] == 'Z' || s[0] == 'z'))
		return 0;
	if (n != 3 && n != 5 && n != 6)
		return -1;
	if (s[0] != '+' && s[0] != '-')
		return -1;
	sign = s[0] == '-' ? -1 : 1;
	if (two(s, n, 1, &hh) != 0)
		return -1;
	if (n > 3) {
		i = s[3] == ':' ? 4 : 3;
		if (i >= n)
			return -1;
		for (mm = 0; i < n; i++) {
			if (!is_digit((unsigned char)s[i]))
				return -1;
			mm = mm * 10 + (s[i] - '0');
		}
	}
	if (hh == 0 && mm == 0)
		return 0;
	if (mm > 59 || hh > 23)
		return -1;
	t->off = sign * (hh * 3600L + mm * 60L);
	return 0;
}

/* dateutil's _parse_isotime: hh[:mm[:ss[.f]]][tz] and hhmmss forms. */
static int
iso_time(const char *s, size_t n, struct dt *t)
{
	size_t pos = 0, k;
	int comp = -1, has_sep = 0, c[3] = { 0, 0, 0 };

	t->us = 0;
	t->hastz = 0;
	if (n < 2)
		return -1;
	while (pos < n && comp < 5) {
		comp++;
		if (s[pos] == '-' || s[pos] == '+' || s[pos] == 'Z' ||
		    s[pos] == 'z') {
			if (iso_tz(s + pos, n - pos, t) != 0)
				return -1;
			pos = n;
			break;
		}
		if (comp == 1 && s[pos] == ':') {
			has_sep = 1;
			pos++;
		} else if (comp == 2 && has_sep) {
			if (s[pos] != ':')
				return -1;
			pos++;
		}
		if (comp < 3) {
			if (two(s, n, pos, &c[comp]) != 0)
				return -1;
			pos += 2;
		}
		if (comp == 3) {
			long us = 0;
			size_t nd;

			if (pos + 1 >= n || (s[pos] != '.' && s[pos] != ',') ||
			    !is_digit((unsigned char)s[pos + 1]))
				continue;
			k = pos + 1;
			for (nd = 0; k < n && is_digit((unsigned char)s[k]);
			    k++, nd++)
				if (nd < 6)
					us = us * 10 + (s[k] - '0');
			for (; nd < 6; nd++)
				us *= 10;
			t->us = us;
			pos = k;
		}
	}
	if (pos < n)
		return -1;
	t->hour = c[0];
	t->minute = c[1];
	t->second = c[2];
	if (t->hour == 24 && (t->minute != 0 || t->second != 0 || t->us != 0))
		return -1;
	return 0;
}

/* dateutil's isoparse() for YYYY[-]MM[-]DD, a separator and a time. */
static int
iso_datetime(const char *s, size_t n, struct dt *t)
{
	size_t pos;
	int has_sep, y1, y2;

	if (n < 4 || two(s, n, 0, &y1) != 0 || two(s, n, 2, &y2) != 0)
		return -1;
	t->year = y1 * 100 + y2;
	t->month = t->day = 1;
	t->hour = t->minute = t->second = 0;
	t->us = 0;
	t->hastz = 0;
	pos = 4;
	if (pos >= n)
		return 0;
	has_sep = s[pos] == '-';
	pos += has_sep;
	if (two(s, n, pos, &t->month) != 0)
		return -1;
	pos += 2;
	if (pos >= n)
		return has_sep ? 0 : -1;
	if (has_sep) {
		if (s[pos] != '-')
			return -1;
		pos++;
	}
	if (two(s, n, pos, &t->day) != 0)
		return -1;
	pos += 2;
	if (pos < n && iso_time(s + pos + 1, n - pos - 1, t) != 0)
		return -1;
	return 0;
}

/*
 * Python's datetime.strptime(): the format becomes a regular expression
 * (directives as ordered alternatives, whitespace runs as \s+, literal
 * characters matched ignoring case) which must match a prefix of the
 * text, and that prefix must be all of it.  Here the regular expression
 * is run by backtracking in the same order, so the first parse found is
 * Python's.
 */
struct sp {
	const char	*s;
	size_t		 n;
	struct dt	 t;
	int		 yy, julian, ampm, h12, isH, hasI, hasy;
};

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const char *const day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

static long sp_run(struct sp *, const char *fmt, size_t pos);

/* Try a number of w digits in [lo, hi] at pos, then the rest. */
static long
sp_num(struct sp *p, const char *rest, size_t pos, int w, int lo, int hi,
    int *dst)
{
	int v = 0, i;
	long r;

	if (pos + (size_t)w > p->n)
		return -1;
	for (i = 0; i < w; i++) {
		if (!is_digit((unsigned char)p->s[pos + i]))
			return -1;
		v = v * 10 + (p->s[pos + i] - '0');
	}
	if (v < lo || v > hi)
		return -1;
	*dst = v;
	r = sp_run(p, rest, pos + (size_t)w);
	return r;
}

/* %d %m %H %I %M %S: two digits (in range), then one digit. */
static long
sp_12(struct sp *p, const char *rest, size_t pos, int lo, int hi, int *dst,
    int space)
{
	long r;

	if ((r = sp_num(p, rest, pos, 2, lo, hi, dst)) >= 0)
		return r;
	if ((r = sp_num(p, rest, pos, 1, lo, 9, dst)) >= 0)
		return r;
	if (space && pos < p->n && p->s[pos] == ' ')
		return sp_num(p, rest, pos + 1, 1, 1, 9, dst);
	return -1;
}

static long
sp_name(struct sp *p, const char *rest, size_t pos,
    const char *const *names, int nnames, int abbr, int *dst)
{
	int i, best = -1;
	size_t len, bestlen = 0;
	long r;

	/* Python sorts the alternatives longest first. */
	for (i = 0; i < nnames; i++) {
		len = abbr ? 3 : strlen(names[i]);
		if (pos + len <= p->n && len > bestlen) {
			size_t k;

			for (k = 0; k < len; k++)
				if (lower((unsigned char)p->s[pos + k]) !=
				    names[i][k])
					break;
			if (k == len) {
				best = i;
				bestlen = len;
			}
		}
	}
	if (best < 0)
		return -1;
	*dst = best + 1;
	r = sp_run(p, rest, pos + bestlen);
	return r;
}

static long
sp_dir(struct sp *p, char d, const char *rest, size_t pos)
{
	int dummy, k;
	long r;
	size_t i, w;

	switch (d) {
	case 'Y':
		p->hasy = 1;
		return sp_num(p, rest, pos, 4, 0, 9999, &p->t.year);
	case 'y':
		p->hasy = 1;
		p->yy = 1;
		return sp_num(p, rest, pos, 2, 0, 99, &p->t.year);
	case 'm':
		return sp_12(p, rest, pos, 1, 12, &p->t.month, 0);
	case 'd':
		return sp_12(p, rest, pos, 1, 31, &p->t.day, 1);
	case 'H':
		p->isH = 1;
		return sp_12(p, rest, pos, 0, 23, &p->t.hour, 0);
	case 'I':
		p->hasI = 1;
		return sp_12(p, rest, pos, 1, 12, &p->h12, 0);
	case 'M':
		return sp_12(p, rest, pos, 0, 59, &p->t.minute, 0);
	case 'S':
		return sp_12(p, rest, pos, 0, 61, &p->t.second, 0);
	case 'f':
		for (w = 6; w >= 1; w--) {
			long us = 0;

			if (pos + w > p->n)
				continue;
			for (i = 0; i < w; i++) {
				if (!is_digit((unsigned char)p->s[pos + i]))
					break;
				us = us * 10 + (p->s[pos + i] - '0');
			}
			if (i < w)
				continue;
			for (i = w; i < 6; i++)
				us *= 10;
			p->t.us = us;
			if ((r = sp_run(p, rest, pos + w)) >= 0)
				return r;
		}
		return -1;
	case 'j':
		if ((r = sp_num(p, rest, pos, 3, 1, 366, &p->julian)) >= 0)
			return r;
		if ((r = sp_num(p, rest, pos, 2, 1, 99, &p->julian)) >= 0)
			return r;
		return sp_num(p, rest, pos, 1, 1, 9, &p->julian);
	case 'b':
		return sp_name(p, rest, pos, month_names, 12, 1, &p->t.month);
	case 'B':
		return sp_name(p, rest, pos, month_names, 12, 0, &p->t.month);
	case 'a':
		return sp_name(p, rest, pos, day_names, 7, 1, &dummy);
	case 'A':
		return sp_name(p, rest, pos, day_names, 7, 0, &dummy);
	case 'p':
		if (pos + 2 > p->n)
			return -1;
		if (ieq(p->s + pos, 2, "am"))
			p->ampm = 1;
		else if (ieq(p->s + pos, 2, "pm"))
			p->ampm = 2;
		else
			return -1;
		return sp_run(p, rest, pos + 2);
	case 'z':
		if (pos < p->n && p->s[pos] == 'Z') {
			p->t.hastz = 1;
			p->t.off = 0;
			return sp_run(p, rest, pos + 1);
		}
		if (pos + 5 > p->n || (p->s[pos] != '+' && p->s[pos] != '-'))
			return -1;
		{
			int hh, mm, ss = 0, sign = p->s[pos] == '-' ? -1 : 1;
			size_t q = pos + 1;

			if (two(p->s, p->n, q, &hh) != 0)
				return -1;
			q += 2;
			k = q < p->n && p->s[q] == ':';
			q += (size_t)k;
			if (two(p->s, p->n, q, &mm) != 0 || mm > 59)
				return -1;
			q += 2;
			if (q < p->n && (p->s[q] == ':') == k &&
			    two(p->s, p->n, q + (size_t)k, &ss) == 0 &&
			    ss <= 59) {
				p->t.hastz = 1;
				p->t.off = sign * (hh * 3600L + mm * 60L + ss);
				if ((r = sp_run(p, rest, q + (size_t)k + 2))
				    >= 0)
					return r;
			}
			p->t.hastz = 1;
			p->t.off = sign * (hh * 3600L + mm * 60L);
			return sp_run(p, rest, q);
		}
	case '%':
		if (pos < p->n && p->s[pos] == '%')
			return sp_run(p, rest, pos + 1);
		return -1;
	default:
		return -1;
	}
}

static long
sp_run(struct sp *p, const char *fmt, size_t pos)
{
	size_t k, m;
	long r;

	for (;;) {
		if (*fmt == '\0')
			return (long)pos;
		if (*fmt == '%')
			return sp_dir(p, fmt[1], fmt + 2, pos);
		if (is_space((unsigned char)*fmt)) {
			while (is_space((unsigned char)*fmt))
				fmt++;
			for (m = 0; pos + m < p->n &&
			    is_space((unsigned char)p->s[pos + m]); m++)
				;
			for (k = m; k >= 1; k--)
				if ((r = sp_run(p, fmt, pos + k)) >= 0)
					return r;
			return -1;
		}
		if (pos >= p->n || lower((unsigned char)p->s[pos]) !=
		    lower((unsigned char)*fmt))
			return -1;
		fmt++;
		pos++;
	}
}

/* Directives sp_dir() knows; anything else makes the format unusable. */
static int
strptime_format_ok(const char *fmt)
{
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		if (*fmt == '\0' || strchr("YymdHIMSfjbBaApz%", *fmt) == NULL)
			return 0;
	}
	return 1;
}

static int
strptime_py(const char *fmt, const char *s, size_t n, struct dt *t)
{
	struct sp p;
	long end;

	memset(&p, 0, sizeof(p));
	p.s = s;
	p.n = n;
	p.t.year = 1900;
	p.t.month = p.t.day = 1;
	end = sp_run(&p, fmt, 0);
	if (end < 0 || (size_t)end != n)
		return -1;
	if (p.yy)
		p.t.year += p.t.year <= 68 ? 2000 : 1900;
	if (p.hasI && !p.isH) {
		p.t.hour = p.h12;
		if (p.ampm == 2 && p.h12 != 12)
			p.t.hour += 12;
		else if (p.ampm != 2 && p.h12 == 12)
			p.t.hour = 0;
	}
	if (p.julian > 0) {
		long long z;

		if (p.t.year < 1 || p.t.year > 9999)
			return -1;
		z = days_from_civil(p.t.year, 1, 1) + p.julian - 1;
		civil_from_days(z, &p.t.year, &p.t.month, &p.t.day);
	}
	*t = p.t;
	return dt_valid(t) ? 0 : -1;
}

/* A stand-in for dateutil's free-form parser: common layouts, in order. */
static const char *const any_date_formats[] = {
	"%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%m/%d/%Y",
	"%m-%d-%Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y",
	"%B %d, %Y", "%b %d, %Y", "%d. %B %Y", NULL
};
static const char *const any_time_formats[] = {
	"%H:%M:%S.%f", "%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p",
	"%I %p", "%H%M%S", NULL
};

static int
any_date(const char *s, size_t n, struct dt *t)
{
	size_t i;

	if (iso_datetime(s, n, t) == 0 && dt_valid(t))
		return 0;
	for (i = 0; any_date_formats[i] != NULL; i++)
		if (strptime_py(any_date_formats[i], s, n, t) == 0)
			return 0;
	return -1;
}

static int
any_time(const char *s, size_t n, struct dt *t)
{
	size_t i;

	t->year = 2000;
	t->month = t->day = 1;
	if (iso_time(s, n, t) == 0 && t->hour < 24 && dt_valid(t))
		return 0;
	for (i = 0; any_time_formats[i] != NULL; i++)
		if (strptime_py(any_time_formats[i], s, n, t) == 0)
			return 0;
	return -1;
}

static int
any_datetime(const char *s, size_t n, struct dt *t)
{
	size_t i;
	struct dt tt;

	if (iso_datetime(s, n, t) == 0 && t->hour < 24 && dt_valid(t))
		return 0;
	/* a date, spaces, a time */
	for (i = n; i > 0; i--) {
		if (s[i - 1] != ' ')
			continue;
		if (any_date(s, i - 1, t) == 0 && any_time(s + i, n - i, &tt)
		    == 0) {
			t->hour = tt.hour;
			t->minute = tt.minute;
			t->second = tt.second;
			t->us = tt.us;
			t->hastz = tt.hastz;
			t->off = tt.off;
			return 0;
		}
	}
	if (any_date(s, n, t) == 0) {
		t->hour = t->minute = t->second = 0;
		t->us = 0;
		return 0;
	}
	return -1;
}

/* Seconds since the epoch, as UTC when an offset is known. */
static long long
dt_epoch(const struct dt *t)
{
	return days_from_civil(t->year, t->month, t->day) * 86400LL +
	    t->hour * 3600LL + t->minute * 60LL + t->second -
	    (t->hastz ? t->off : 0);
}

static int
cast_date(const struct field *f, const char *s, size_t n, struct value *v,
    struct buf *key)
{
	struct dt t;
	int r;

	if (f->fmt == FMT_DEFAULT)
		r = strptime_py("%Y-%m-%d", s, n, &t);
	else if (f->fmt == FMT_ANY)
		r = any_date(s, n, &t);
	else
		r = strptime_py(f->format, s, n, &t);
	if (r != 0)
		return -1;
	v->i = days_from_civil(t.year, t.month, t.day);
	v->j = 0;
	key_ll(key, K_DATE, v->i, 0);
	return 0;
}

static int
cast_datetime(const struct field *f, const char *s, size_t n,
    struct value *v, struct buf *key)
{
	struct dt t;
	int r, h24 = 0;

	if (f->fmt == FMT_DEFAULT) {
		/* frictionless-py guards against dateutil's short forms */
		if (n < 19 || s[16] != ':')
			return -1;
		r = iso_datetime(s, n, &t);
		if (r == 0 && t.hour == 24) {
			t.hour = 0;
			h24 = 1;
		}
		if (r == 0 && !dt_valid(&t))
			r = -1;
	} else if (f->fmt == FMT_ANY)
		r = any_datetime(s, n, &t);
	else
		r = strptime_py(f->format, s, n, &t);
	if (r != 0)
		return -1;
	v->i = dt_epoch(&t) + (h24 ? 86400 : 0);
	v->j = t.us;
	key_ll(key, t.hastz ? K_DTAW : K_DTNA, v->i, v->j);
	return 0;
}

static int
cast_time(const struct field *f, const char *s, size_t n, struct value *v,
    struct buf *key)
{
	struct dt t;
	int r;

	memset(&t, 0, sizeof(t));
	if (f->fmt == FMT_DEFAULT) {
		if (n < 8 || s[5] != ':')
			return -1;
		t.year = 2000;
		t.month = t.day = 1;
		r = iso_time(s, n, &t);
		if (r == 0 && t.hour == 24)
			t.hour = 0;
		if (r == 0 && !dt_valid(&t))
			r = -1;
	} else if (f->fmt == FMT_ANY)
		r = any_time(s, n, &t);
	else
		r = strptime_py(f->format, s, n, &t);
	if (r != 0)
		return -1;
	v->i = t.hour * 3600LL + t.minute * 60LL + t.second -
	    (t.hastz ? t.off : 0);
	v->j = t.us;
	key_ll(key, t.hastz ? K_TMAW : K_TMNA, v->i, v->j);
	return 0;
}

static int
cast_year(const char *s, size_t n, struct value *v, struct buf *key)
{
	long long y;

	if (utf8_len(s, n) != 4)
		return -1;
	strip(&s, &n);
	if (parse_pyint(s, n, &y) != 0 || y < 0 || y > 9999)
		return -1;
	v->i = y;
	v->j = 0;
	key_int(key, y);
	return 0;
}

static int
cast_yearmonth(const char *s, size_t n, struct value *v, struct buf *key)
{
	const char *dash = memchr(s, '-', n);
	const char *a, *b;
	size_t na, nb;
	long long y, m;

	if (dash == NULL || memchr(dash + 1, '-', n - (size_t)(dash - s) - 1)
	    != NULL)
		return -1;
	a = s;
	na = (size_t)(dash - s);
	b = dash + 1;
	nb = n - na - 1;
	strip(&a, &na);
	strip(&b, &nb);
	if (parse_pyint(a, na, &y) != 0 || parse_pyint(b, nb, &m) != 0 ||
	    m < 1 || m > 12 || y > LLONG_MAX / 12 - 1 || y < LLONG_MIN / 12 + 1)
		return -1;
	v->i = y * 12 + m - 1;
	v->j = 0;
	key_ll(key, K_YM, v->i, 0);
	return 0;
}

/* A number with an optional [,.] fraction, as isodate reads it. */
static int
dur_num(const char *s, size_t n, size_t *pos, double *out)
{
	char tmp[64];
	size_t i = *pos, m = 0;

	while (i < n && is_digit((unsigned char)s[i]) && m < 60)
		tmp[m++] = s[i++];
	if (m == 0 || m >= 60)
		return -1;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') &&
	    is_digit((unsigned char)s[i + 1])) {
		tmp[m++] = '.';
		i++;
		while (i < n && is_digit((unsigned char)s[i]) && m < 62)
			tmp[m++] = s[i++];
	}
	tmp[m] = '\0';
	*out = strtod(tmp, NULL);
	*pos = i;
	return 0;
}

/* isodate's ISO8601_PERIOD_REGEX: [+-]P[nY][nM][nW][nD][T[nH][nM][nS]] */
static int
cast_duration(const char *s, size_t n, struct value *v, struct buf *key)
{
	static const char date_des[] = "YMWD", time_des[] = "HMS";
	double c[7] = { 0, 0, 0, 0, 0, 0, 0 }, x;
	size_t pos = 0, save;
	int neg = 0, slot = 0, w;

	if (pos < n && (s[pos] == '+' || s[pos] == '-'))
		neg = s[pos++] == '-';
	if (pos >= n || s[pos] != 'P')
		return -1;
	pos++;
	/* P(?!\b): a word character must follow */
	if (pos >= n || !(is_digit((unsigned char)s[pos]) ||
	    (lower((unsigned char)s[pos]) >= 'a' &&
	    lower((unsigned char)s[pos]) <= 'z') || s[pos] == '_'))
		return -1;
	while (pos < n && is_digit((unsigned char)s[pos])) {
		save = pos;
		if (dur_num(s, n, &pos, &x) != 0 || pos >= n)
			return -1;
		for (w = slot; w < 4 && date_des[w] != s[pos]; w++)
			;
		if (w == 4) {
			pos = save;
			break;
		}
		c[w] = x;
		slot = w + 1;
		pos++;
	}
	if (pos < n && s[pos] == 'T') {
		pos++;
		slot = 0;
		while (pos < n && is_digit((unsigned char)s[pos])) {
			if (dur_num(s, n, &pos, &x) != 0 || pos >= n)
				return -1;
			for (w = slot; w < 3 && time_des[w] != s[pos]; w++)
				;
			if (w == 3)
				return -1;
			c[4 + w] = x;
			slot = w + 1;
			pos++;
		}
	}
	if (pos != n)
		return -1;
	v->d = c[0] * 12 + c[1];
	v->i = 0;
	v->j = 0;
	if (key != NULL) {
		double secs = ((c[2] * 7 + c[3]) * 24 + c[4]) * 3600 +
		    c[5] * 60 + c[6];

		buf_printf(key, "%c%.17g,%.17g", K_DUR,
		    neg ? -v->d : v->d, neg ? -secs : secs);
	}
	return 0;
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
		return cast_date(f, s, n, v, key);
	case FT_TIME:
		return cast_time(f, s, n, v, key);
	case FT_DATETIME:
		return cast_datetime(f, s, n, v, key);
	case FT_YEAR:
		return cast_year(s, n, v, key);
	case FT_YEARMONTH:
		return cast_yearmonth(s, n, v, key);
	case FT_DURATION:
		return cast_duration(s, n, v, key);
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
		len = f->type == FT_STRING ? utf8_len(s, n) : (size_t)v->i;
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
	return xasprintf("type is \"%s/%s\"", type_names[f->type], f->format);
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
	buf_printf(&b, "constraint \"%s\" is \"", cons_names[c]);
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

/* --- loading ----------------------------------------------------------- */

struct ld {
	const char	*name;		/* for diagnostics */
	int		 failed;
};

static void lderr(struct ld *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
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
static json_t *
load_json(const char *path)
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

static const char *
opt_string(struct ld *ld, json_t *obj, const char *key, const char *where)
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
			if (strcmp(k, cons_names[ci]) == 0)
				break;
		if (ci == C__MAX) {
			lderr(ld, "%s: unknown constraint '%s'", where, k);
			continue;
		}
		if (!(type_cons[f->type] & B(ci))) {
			lderr(ld, "%s: constraint '%s' is not supported by "
			    "type '%s'", where, k, type_names[f->type]);
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
				    k, type_names[f->type]);
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
	if ((s = opt_string(ld, j, "title", where)) != NULL)
		f->title = xstrdup(s);
	if ((s = opt_string(ld, j, "description", where)) != NULL)
		f->description = xstrdup(s);
	s = opt_string(ld, j, "type", where);
	f->type = FT_STRING;
	if (s != NULL) {
		for (t = 0; t < FT__MAX; t++)
			if (strcmp(s, type_names[t]) == 0)
				break;
		if (t == FT__MAX) {
			lderr(ld, "%s: unsupported type '%s'", where, s);
			return -1;
		}
		f->type = (enum ftype)t;
	}
	fmt = opt_string(ld, j, "format", where);
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
			else if (strptime_format_ok(f->format))
				f->fmt = FMT_PATTERN;
			else
				lderr(ld, "%s: unsupported %s pattern '%s' "
				    "(directives: %%Y %%y %%m %%d %%H %%I %%M "
				    "%%S %%f %%j %%b %%B %%a %%A %%p %%z)",
				    where, type_names[f->type], f->format);
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
			    "'default'", where, type_names[f->type]);
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
		if ((s = opt_string(ld, j, "decimalChar", where)) != NULL) {
			free(f->decimal_char);
			f->decimal_char = xstrdup(s);
			f->num_custom = 1;
		}
		if ((s = opt_string(ld, j, "groupChar", where)) != NULL) {
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

static struct schema *
schema_from_json(json_t *j, const char *name)
{
	struct ld ld = { name, 0 };
	struct schema *sc;
	json_t *fields, *x, *fk;
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
			res = opt_string(&ld, ref, "resource",
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

	if ((j = load_json(path)) == NULL)
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
	return i < sc->nfields ? type_names[sc->fields[i].type] : NULL;
}

/* --- data packages --------------------------------------------------- */

static char *
dir_of(const char *path)
{
	const char *s = strrchr(path, '/');

	return s == NULL ? xstrdup("") : xstrndup(path, (size_t)(s - path) + 1);
}

/* A local relative path: no scheme, not absolute, no ".." segment. */
static int
safe_relpath(const char *p)
{
	const char *seg;
	size_t n;

	if (*p == '\0' || *p == '/' || strstr(p, "://") != NULL)
		return 0;
	for (seg = p; *seg != '\0'; seg += n + (seg[n] == '/')) {
		n = strcspn(seg, "/");
		if (n == 2 && seg[0] == '.' && seg[1] == '.')
			return 0;
	}
	return 1;
}

static int
ascii_ieq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (lower((unsigned char)*a) != lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

static int
check_dialect(struct ld *ld, json_t *d, const char *res)
{
	const char *k;
	json_t *x;

	if (!json_is_object(d)) {
		lderr(ld, "resource '%s': 'dialect' must be an object", res);
		return -1;
	}
	json_object_foreach(d, k, x) {
		int ok = 1;

		if (strcmp(k, "delimiter") == 0)
			ok = json_is_string(x) &&
			    strcmp(json_string_value(x), ",") == 0;
		else if (strcmp(k, "quoteChar") == 0)
			ok = json_is_string(x) &&
			    strcmp(json_string_value(x), "\"") == 0;
		else if (strcmp(k, "header") == 0 ||
		    strcmp(k, "doubleQuote") == 0 ||
		    strcmp(k, "caseSensitiveHeader") == 0)
			ok = json_is_true(x);
		else if (strcmp(k, "skipInitialSpace") == 0)
			ok = json_is_false(x);
		else if (strcmp(k, "lineTerminator") == 0)
			ok = json_is_string(x);
		else if (strcmp(k, "csvddfVersion") == 0 ||
		    strcmp(k, "$schema") == 0)
			ok = 1;
		else
			ok = 0;
		if (!ok) {
			lderr(ld, "resource '%s': dialect '%s' other than the "
			    "CSV default is not supported", res, k);
			return -1;
		}
	}
	return 0;
}

void
schema_pkg_free(struct schema_pkg *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nres; i++) {
		free(p->res[i].name);
		free(p->res[i].path);
		free(p->res[i].hash);
		schema_free(p->res[i].schema);
	}
	free(p->res);
	free(p->name);
	free(p->path);
	free(p);
}

static int
pkg_resource(struct ld *ld, struct schema_pkg *p, const char *dir,
    json_t *r, size_t idx)
{
	struct schema_res *sr = &p->res[idx];
	const char *name, *path, *s;
	json_t *x;
	char *spath;

	if (!json_is_object(r)) {
		lderr(ld, "resources[%zu] must be an object", idx);
		return -1;
	}
	name = opt_string(ld, r, "name", "resource");
	if (name == NULL || *name == '\0') {
		lderr(ld, "resources[%zu] needs a 'name'", idx);
		return -1;
	}
	sr->name = xstrdup(name);
	if (json_object_get(r, "data") != NULL) {
		lderr(ld, "resource '%s': inline 'data' is not supported",
		    name);
		return -1;
	}
	path = opt_string(ld, r, "path", name);
	if (path == NULL) {
		lderr(ld, "resource '%s' needs a 'path' (a single local file)",
		    name);
		return -1;
	}
	if (!safe_relpath(path)) {
		lderr(ld, "resource '%s': path '%s' must be relative, local "
		    "and without '..'", name, path);
		return -1;
	}
	sr->path = xasprintf("%s%s", dir, path);
	if ((s = opt_string(ld, r, "encoding", name)) != NULL &&
	    !ascii_ieq(s, "utf-8") && !ascii_ieq(s, "utf8") &&
	    !ascii_ieq(s, "utf-8-sig")) {
		lderr(ld, "resource '%s': encoding '%s' is not supported "
		    "(UTF-8 only)", name, s);
		return -1;
	}
	if ((s = opt_string(ld, r, "format", name)) != NULL &&
	    ascii_ieq(s, "json"))
		sr->json = 1;	/* a JSON table: an array of row objects */
	else if (s != NULL && !ascii_ieq(s, "csv")) {
		lderr(ld, "resource '%s': format '%s' is not supported (CSV "
		    "or a JSON array of row objects)", name, s);
		return -1;
	}
	if ((x = json_object_get(r, "dialect")) != NULL &&
	    check_dialect(ld, x, name) != 0)
		return -1;
	if ((s = opt_string(ld, r, "hash", name)) != NULL)
		sr->hash = xstrdup(s);
	if ((x = json_object_get(r, "bytes")) != NULL) {
		if (!json_is_integer(x) || json_integer_value(x) < 0) {
			lderr(ld, "resource '%s': 'bytes' must be a "
			    "non-negative integer", name);
			return -1;
		}
		sr->bytes = (unsigned long long)json_integer_value(x);
	}
	x = json_object_get(r, "schema");
	if (json_is_object(x)) {
		spath = xasprintf("%s#%s", p->path, name);
		sr->schema = schema_from_json(x, spath);
		free(spath);
	} else if (json_is_string(x)) {
		if (!safe_relpath(json_string_value(x))) {
			lderr(ld, "resource '%s': schema path must be "
			    "relative, local and without '..'", name);
			return -1;
		}
		spath = xasprintf("%s%s", dir, json_string_value(x));
		sr->schema = schema_load(spath);
		free(spath);
	} else {
		lderr(ld, "resource '%s' needs a 'schema' (an object or a "
		    "path)", name);
		return -1;
	}
	if (sr->schema == NULL) {
		ld->failed = 1;
		return -1;
	}
	return 0;
}

/* Every foreign key must name a resource of the package and its fields. */
static int
pkg_check_refs(struct ld *ld, struct schema_pkg *p)
{
	size_t i, k, m, t;

	for (i = 0; i < p->nres; i++) {
		const struct schema *sc = p->res[i].schema;

		for (k = 0; k < sc->nfkeys; k++) {
			const struct fkey *fk = &sc->fkeys[k];
			const struct schema *to = sc;

			if (fk->resource[0] != '\0') {
				for (t = 0; t < p->nres; t++)
					if (strcmp(p->res[t].name,
					    fk->resource) == 0)
						break;
				if (t == p->nres) {
					lderr(ld, "resource '%s': foreign key "
					    "to unknown resource '%s'",
					    p->res[i].name, fk->resource);
					return -1;
				}
				to = p->res[t].schema;
			}
			for (m = 0; m < fk->nfields; m++)
				if (schema_field_index(to,
				    fk->ref_fields[m]) < 0) {
					lderr(ld, "resource '%s': foreign key "
					    "to unknown field '%s'",
					    p->res[i].name, fk->ref_fields[m]);
					return -1;
				}
		}
	}
	return 0;
}

struct schema_pkg *
schema_pkg_load(const char *path)
{
	struct ld ld = { path, 0 };
	struct schema_pkg *p;
	json_t *j, *res, *r;
	const char *s;
	char *dir;
	size_t i, k;

	if ((j = load_json(path)) == NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->path = xstrdup(path);
	dir = dir_of(path);
	if (!json_is_object(j)) {
		lderr(&ld, "a data package must be a JSON object");
		goto fail;
	}
	if ((s = opt_string(&ld, j, "name", "package")) != NULL)
		p->name = xstrdup(s);
	res = json_object_get(j, "resources");
	if (!json_is_array(res) || json_array_size(res) == 0) {
		lderr(&ld, "a data package needs a non-empty 'resources' "
		    "array");
		goto fail;
	}
	p->res = xcalloc(json_array_size(res), sizeof(*p->res));
	json_array_foreach(res, i, r) {
		p->nres = i + 1;
		if (pkg_resource(&ld, p, dir, r, i) != 0)
			goto fail;
		for (k = 0; k < i; k++)
			if (strcmp(p->res[k].name, p->res[i].name) == 0) {
				lderr(&ld, "duplicate resource name '%s'",
				    p->res[i].name);
				goto fail;
			}
	}
	if (pkg_check_refs(&ld, p) != 0)
		goto fail;
	free(dir);
	json_decref(j);
	return p;
fail:
	free(dir);
	json_decref(j);
	schema_pkg_free(p);
	return NULL;
}
