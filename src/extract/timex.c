/* timex: calendar date expressions normalised TIMEX3-style. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/timex.h"
#include "lib/datafile.h"
#include "lib/diag.h"
#include "lib/utf8.h"
#include "lib/wordlist.h"
#include "lib/xalloc.h"

enum tlist {
	TL_FROM, TL_TO, TL_BETWEEN, TL_AND, TL_DASH, TL_SINCE, TL_UNTIL,
	TL_ORDINAL, TL_BEFORE_YEAR, TL__MAX
};

static const char *const tlist_names[TL__MAX] = {
	"from", "to", "between", "and", "dash", "since", "until", "ordinal",
	"before-year"
};

struct month_name {
	char	*name;	/* owned */
	size_t	 len;
	int	 month;
};

struct timex_rules {
	struct wordlist	 list[TL__MAX];	/* ASCII case ignored */
	struct month_name *mon;
	size_t		 nmon, capmon;
	unsigned char	 monfirst[256];	/* 1: a month name starts so */
};

/* Tokens of the scanned text. */
enum ttype { TT_NUM, TT_WORD, TT_PUNCT };

struct tok {
	size_t		start, end;
	enum ttype	type;
};

/* Largest number of tokens looked at when scanning one text. */
#define TIMEX_MAXTOK	100000

/*
 * A line of the rules file that names no word list: "month N name...",
 * the names of month N, into r's month names.
 */
static int
month_line(void *arg, const struct datafile *df, const char *name,
    size_t namelen, char *rest)
{
	struct timex_rules *r = arg;
	char *w, *e;
	long m;

	if (namelen != 5 || strncmp(name, "month", 5) != 0) {
		diag(DIAG_USAGE, df->path, df->line, "unknown list '%.*s'",
		    (int)namelen, name);
		return -1;
	}
	rest += strspn(rest, " \t");
	m = strtol(rest, &w, 10);
	if (w == rest || m < 1 || m > 12 || (*w != ' ' && *w != '\t')) {
		diag(DIAG_USAGE, df->path, df->line,
		    "month number 1-12 expected");
		return -1;
	}
	for (; *w != '\0'; w = e) {
		w += strspn(w, " \t");
		if (*w == '\0')
			break;
		e = w + strcspn(w, " \t");
		r->mon = xgrow(r->mon, &r->capmon, r->nmon + 1,
		    sizeof(*r->mon));
		r->mon[r->nmon].name = xstrndup(w, (size_t)(e - w));
		r->mon[r->nmon].len = strlen(r->mon[r->nmon].name);
		r->mon[r->nmon].month = (int)m;
		r->monfirst[(unsigned char)*w] = 1;
		r->nmon++;
	}
	return 0;
}

struct timex_rules *
timex_rules_load(const char *path)
{
	struct timex_rules *r;
	int i, bad;

	r = xcalloc(1, sizeof(*r));
	for (i = 0; i < TL__MAX; i++)
		wordlist_init(&r->list[i]);
	bad = wordlist_load(path, tlist_names, TL__MAX, r->list, month_line,
	    r) != 0;
	if (!bad && r->nmon == 0) {
		diag(DIAG_USAGE, path, 0, "no month names");
		bad = 1;
	}
	if (bad) {
		timex_rules_free(r);
		return NULL;
	}
	return r;
}

void
timex_rules_free(struct timex_rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < TL__MAX; i++)
		wordlist_release(&r->list[i]);
	for (i = 0; i < r->nmon; i++)
		free(r->mon[i].name);
	free(r->mon);
	free(r);
}

const char *
timex_prec_name(enum timex_prec p)
{
	switch (p) {
	case TIMEX_YEAR:
		return "year";
	case TIMEX_MONTH:
		return "month";
	case TIMEX_DAY:
		return "day";
	default:
		return NULL;
	}
}

/* --- tokens ------------------------------------------------------------ */

/*
 * Non-ASCII punctuation and spaces that the tokenizer must not glue:
 * U+0080-U+00BF (NBSP, guillemets, Latin-1 signs), U+2000-U+203F and
 * U+3000.
 */
static int
cp_punct(int32_t cp)
{
	return (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x203F) ||
	    cp == 0x3000;
}

/*
 * ASCII blanks, NBSP, the spaces U+2000-U+200A and U+202F, and the line
 * and paragraph separators.
 */
static int
cp_space(int32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202F;
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
isalpha_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A letter: an ASCII one, or a non-ASCII code point but those above. */
static int
cp_alpha(int32_t cp)
{
	if (cp < 0x80)
		return isalpha_ascii(cp);
	return !cp_punct(cp) && !cp_space(cp);
}

/*
 * Words are letter runs, with apostrophes inside ("China's") kept;
 * numbers are digit runs with any letters glued on ("3rd", "1990s").
 */
static size_t
tokenize(const char *s, size_t len, struct tok **out, struct tok *buf,
    size_t nbuf)
{
	const unsigned char *u = (const unsigned char *)s;
	struct tok *t = buf;
	size_t n = 0, cap = nbuf, i = 0, k;

	while (i < len && n < TIMEX_MAXTOK) {
		size_t st = i;
		enum ttype ty;
		int32_t cp = utf8_get(s, len, i, &k);

		if (cp_space(cp)) {
			i += k;
			continue;
		}
		if (isdig(u[i])) {
			while (i < len && isdig(u[i]))
				i++;
			while (i < len && isalpha_ascii(u[i]))
				i++;
			ty = TT_NUM;
		} else if (cp_alpha(cp)) {
			for (;;) {
				while (i < len && cp_alpha(utf8_get(s, len, i,
				    &k)))
					i += k;
				/* an apostrophe followed by a letter */
				if (i < len && u[i] == '\'' && i + 1 < len &&
				    isalpha_ascii(u[i + 1])) {
					i++;
					continue;
				}
				if (i < len && utf8_get(s, len, i, &k) ==
				    0x2019 && i + k < len &&
				    isalpha_ascii(u[i + k])) {
					i += k;
					continue;
				}
				break;
			}
			ty = TT_WORD;
		} else {
			i += k;
			ty = TT_PUNCT;
		}
		if (n + 1 > cap) {	/* off buf, onto the heap */
			struct tok *o = t;

			t = xgrow(t == buf ? NULL : t, &cap, n + 1,
			    sizeof(*t));
			if (o == buf)
				memcpy(t, buf, n * sizeof(*t));
		}
		t[n].start = st;
		t[n].end = i;
		t[n].type = ty;
		n++;
	}
	*out = t;
	return n;
}

/* --- parsing ----------------------------------------------------------- */

struct scan {
	const struct timex_rules *r;
	const char	*s;
	size_t		 len;
	struct tok	*t;
	size_t		 n;
};

static int
tok_in(const struct scan *sc, size_t i, enum tlist l)
{
	if (i >= sc->n)
		return 0;
	return wordlist_has_nocase(&sc->r->list[l], sc->s + sc->t[i].start,
	    sc->t[i].end - sc->t[i].start);
}

static int
tok_is(const struct scan *sc, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i < sc->n && sc->t[i].end - sc->t[i].start == n &&
	    memcmp(sc->s + sc->t[i].start, w, n) == 0;
}

/* Adjacent: no blank between tokens i-1 and i. */
static int
glued(const struct scan *sc, size_t i)
{
	return i > 0 && i < sc->n && sc->t[i - 1].end == sc->t[i].start;
}

/* The month of token i (0 if none); *next = the token after it. */
static int
month_at(const struct scan *sc, size_t i, size_t *next)
{
	size_t j, n;

	if (i >= sc->n || sc->t[i].type != TT_WORD)
		return 0;
	n = sc->t[i].end - sc->t[i].start;
	if (!sc->r->monfirst[(unsigned char)sc->s[sc->t[i].start]])
		return 0;
	for (j = 0; j < sc->r->nmon; j++) {
		const char *m = sc->r->mon[j].name;

		if (sc->r->mon[j].len == n &&
		    memcmp(m, sc->s + sc->t[i].start, n) == 0) {
			*next = i + 1;
			if (n < 5 && tok_is(sc, i + 1, ".") && glued(sc, i + 1))
				(*next)++;
			return sc->r->mon[j].month;
		}
	}
	return 0;
}

/* A plain number of exactly ndig digits (0 = 1 or 2) at token i; -1 if not. */
static long
num_at(const struct scan *sc, size_t i, int ndig)
{
	const char *p;
	size_t n, d;
	long v = 0;

	if (i >= sc->n || sc->t[i].type != TT_NUM)
		return -1;
	p = sc->s + sc->t[i].start;
	n = sc->t[i].end - sc->t[i].start;
	/* at most 4 digits are wanted: no overflow on a longer run */
	for (d = 0; d < n && isdig((unsigned char)p[d]); d++)
		if (d < 9)
			v = v * 10 + (p[d] - '0');
	if (ndig == 0 ? (d < 1 || d > 2) : d != (size_t)ndig)
		return -1;
	if (d < n) {	/* letters glued on: only a day's ordinal suffix */
		if (ndig != 0 || !wordlist_has_nocase(&sc->r->list[TL_ORDINAL],
		    p + d, n - d))
			return -1;
	}
	return v;
}

/*
 * A four-digit year at token i, not part of a bigger number
 * ("1,2015", "2015.5") and not a count glued to '%'.
 */
static long
year_at(const struct scan *sc, size_t i)
{
	long y = num_at(sc, i, 4);
	const char *s = sc->s;
	size_t e;

	if (y < 1000 || y > 2999)
		return -1;
	e = sc->t[i].end;
	if (e + 1 < sc->len && (s[e] == ',' || s[e] == '.') &&
	    isdig((unsigned char)s[e + 1]))
		return -1;
	if (e < sc->len && s[e] == '%')
		return -1;
	if (sc->t[i].start >= 2 && (s[sc->t[i].start - 1] == ',' ||
	    s[sc->t[i].start - 1] == '.') &&
	    isdig((unsigned char)s[sc->t[i].start - 2]))
		return -1;
	return y;
}

static int
days_in(long y, long m)
{
	static const int d[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 28;
	return d[m - 1];
}

static void
setval(struct timex_value *v, long y, long m, long d)
{
	unsigned uy = (unsigned)y % 10000, um = (unsigned)m % 100,
	    ud = (unsigned)d % 100;

	if (d > 0) {
		snprintf(v->value, sizeof(v->value), "%04u-%02u-%02u",
		    uy, um, ud);
		v->prec = TIMEX_DAY;
	} else if (m > 0) {
		snprintf(v->value, sizeof(v->value), "%04u-%02u", uy, um);
		v->prec = TIMEX_MONTH;
	} else {
		snprintf(v->value, sizeof(v->value), "%04u", uy);
		v->prec = TIMEX_YEAR;
	}
}

/* May a bare year stand at token i? */
static int
bare_year_ok(const struct scan *sc, size_t i)
{
	const char *w;
	size_t n;

	if (i == 0)
		return 1;
	if (tok_in(sc, i - 1, TL_BEFORE_YEAR))
		return 1;
	w = sc->s + sc->t[i - 1].start;
	n = sc->t[i - 1].end - sc->t[i - 1].start;
	/* a possessive: "China's 2015 law" */
	if (sc->t[i - 1].type == TT_WORD && n > 2 && (w[n - 1] == 's' ||
	    w[n - 1] == 'S') && (w[n - 2] == '\'' || (n > 4 &&
	    memcmp(w + n - 4, "\xE2\x80\x99", 3) == 0)))
		return 1;
	return 0;
}

/*
 * A date at token i: ISO Y-M-D, D Month Y, Month D(,) Y, Month(,) Y, or
 * a year (bare years only where bare_year_ok).  *next = after it.
 */
static int
date_at(const struct scan *sc, size_t i, int bare, struct timex_value *v,
    size_t *next)
{
	long y, m, d;
	size_t j;

	memset(v, 0, sizeof(*v));
	/* ISO 8601: 2015-06-03 */
	if ((y = year_at(sc, i)) > 0 && tok_is(sc, i + 1, "-") &&
	    glued(sc, i + 1) && glued(sc, i + 2) &&
	    (m = num_at(sc, i + 2, 2)) >= 1 && m <= 12 &&
	    tok_is(sc, i + 3, "-") && glued(sc, i + 3) && glued(sc, i + 4) &&
	    (d = num_at(sc, i + 4, 2)) >= 1 && d <= days_in(y, m)) {
		setval(v, y, m, d);
		*next = i + 5;
		return 1;
	}
	/* 3 June 2015, 3rd June 2015, 3 June, 2015 */
	if ((d = num_at(sc, i, 0)) >= 1 && (m = month_at(sc, i + 1, &j)) > 0) {
		if (tok_is(sc, j, ","))
			j++;
		if ((y = year_at(sc, j)) > 0 && d <= days_in(y, m)) {
			setval(v, y, m, d);
			*next = j + 1;
			return 1;
		}
		return 0;
	}
	if ((m = month_at(sc, i, &j)) > 0) {
		size_t k = j;

		/* June 3, 2015; June 3 2015 */
		if ((d = num_at(sc, k, 0)) >= 1) {
			k++;
			if (tok_is(sc, k, ","))
				k++;
			if ((y = year_at(sc, k)) > 0 && d <= days_in(y, m)) {
				setval(v, y, m, d);
				*next = k + 1;
				return 1;
			}
			return 0;
		}
		/* June 2015; June, 2015 */
		if (tok_is(sc, k, ","))
			k++;
		if ((y = year_at(sc, k)) > 0) {
			setval(v, y, m, 0);
			*next = k + 1;
			return 1;
		}
		return 0;
	}
	if ((y = year_at(sc, i)) >= 1800 && y <= 2099 &&
	    (!bare || bare_year_ok(sc, i))) {
		setval(v, y, 0, 0);
		*next = i + 1;
		return 1;
	}
	return 0;
}

/* "2014-16": a two-digit end year after a dash, later than the start. */
static int
short_year_at(const struct scan *sc, size_t i, const struct timex_value *f,
    struct timex_value *v)
{
	long yy = num_at(sc, i, 2), y;

	if (yy < 0 || f->prec != TIMEX_YEAR || !glued(sc, i))
		return 0;
	y = strtol(f->value, NULL, 10);
	yy += y - y % 100;
	if (yy <= y)
		return 0;
	memset(v, 0, sizeof(*v));
	setval(v, yy, 0, 0);
	return 1;
}

size_t
timex_scan(const struct timex_rules *r, const char *s, size_t len,
    struct timex *out, size_t max)
{
	struct scan sc;
	struct tok tbuf[128];
	size_t i, j, k, found = 0;

	/* every date holds a number token (a year or a day), which starts
	 * with a digit: text without one has no date */
	for (i = 0; i < len && !isdig((unsigned char)s[i]); i++)
		;
	if (i == len)
		return 0;
	sc.r = r;
	sc.s = s;
	sc.len = len;
	sc.n = tokenize(s, len, &sc.t, tbuf, sizeof(tbuf) / sizeof(tbuf[0]));
	for (i = 0; i < sc.n; ) {
		struct timex x;
		size_t first = i;

		memset(&x, 0, sizeof(x));
		x.kind = TIMEX_POINT;
		if ((tok_in(&sc, i, TL_FROM) || tok_in(&sc, i, TL_BETWEEN)) &&
		    date_at(&sc, i + 1, 0, &x.from, &j)) {
			enum tlist close = tok_in(&sc, i, TL_FROM) ? TL_TO :
			    TL_AND;

			if ((tok_in(&sc, j, close) || tok_in(&sc, j, TL_DASH))
			    && date_at(&sc, j + 1, 0, &x.to, &k)) {
				x.kind = TIMEX_RANGE;
				j = k;
			} else if (tok_in(&sc, j, TL_DASH) &&
			    short_year_at(&sc, j + 1, &x.from, &x.to)) {
				x.kind = TIMEX_RANGE;
				j += 2;
			} else if (close == TL_TO) {
				/* "from 2014 on": an open range */
				x.kind = TIMEX_SINCE;
			} else {
				memset(&x.from, 0, sizeof(x.from));
				i++;
				continue;
			}
		} else if (tok_in(&sc, i, TL_SINCE) &&
		    date_at(&sc, i + 1, 0, &x.from, &j)) {
			x.kind = TIMEX_SINCE;
		} else if (tok_in(&sc, i, TL_UNTIL) &&
		    date_at(&sc, i + 1, 0, &x.to, &j)) {
			x.kind = TIMEX_UNTIL;
		} else if (date_at(&sc, i, 1, &x.from, &j)) {
			first = i;
			if (tok_in(&sc, j, TL_DASH) &&
			    date_at(&sc, j + 1, 0, &x.to, &k) &&
			    x.to.prec == x.from.prec &&
			    strcmp(x.to.value, x.from.value) > 0) {
				x.kind = TIMEX_RANGE;
				j = k;
			} else if (tok_in(&sc, j, TL_DASH) &&
			    short_year_at(&sc, j + 1, &x.from, &x.to)) {
				x.kind = TIMEX_RANGE;
				j += 2;
			} else if (tok_in(&sc, j, TL_TO) &&
			    x.from.prec == TIMEX_YEAR &&
			    date_at(&sc, j + 1, 0, &x.to, &k) &&
			    x.to.prec == TIMEX_YEAR &&
			    strcmp(x.to.value, x.from.value) > 0) {
				x.kind = TIMEX_RANGE;
				j = k;
			}
		} else {
			i++;
			continue;
		}
		x.start = sc.t[first].start;
		x.end = sc.t[j - 1].end;
		if (found < max)
			out[found] = x;
		found++;
		i = j;
	}
	if (sc.t != tbuf)
		free(sc.t);
	return found;
}
