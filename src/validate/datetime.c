/*
 * datetime: casting dates, times, datetimes, years, year-months and
 * durations (the date and time half of schema_cast(), see cast.c).
 *
 * It follows frictionless-py v5 and the libraries it calls:
 * datetime.strptime(), dateutil's isoparse() and isodate's
 * parse_duration().  Deliberate differences are listed in
 * tests/validate/README.md.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/utf8.h"
#include "validate/schema.h"
#include "validate/schema_int.h"

static void
key_ll(struct buf *key, int tag, long long a, long b)
{
	if (key != NULL)
		buf_printf(key, "%c%lld.%ld", tag, a, b);
}

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
int
schema_strptime_format_ok(const char *fmt)
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

int
schema_cast_date(const struct field *f, const char *s, size_t n,
    struct value *v, struct buf *key)
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

int
schema_cast_datetime(const struct field *f, const char *s, size_t n,
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

int
schema_cast_time(const struct field *f, const char *s, size_t n,
    struct value *v, struct buf *key)
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

int
schema_cast_year(const char *s, size_t n, struct value *v, struct buf *key)
{
	long long y;

	if (utf8_count(s, n) != 4)
		return -1;
	strip(&s, &n);
	if (schema_parse_pyint(s, n, &y) != 0 || y < 0 || y > 9999)
		return -1;
	v->i = y;
	v->j = 0;
	schema_key_int(key, y);
	return 0;
}

int
schema_cast_yearmonth(const char *s, size_t n, struct value *v, struct buf *key)
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
	if (schema_parse_pyint(a, na, &y) != 0 ||
	    schema_parse_pyint(b, nb, &m) != 0 || m < 1 || m > 12 ||
	    y > LLONG_MAX / 12 - 1 || y < LLONG_MIN / 12 + 1)
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
int
schema_cast_duration(const char *s, size_t n, struct value *v, struct buf *key)
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
