/*
 * gencountries: writes build/lexicon/countries.tsv, the country part of
 * the entity lexicon, at build time.
 *
 *   gencountries ISO3166-1.json COW-STATES.csv COUNTRY-COW.tsv > out
 *
 * Input: Debian iso-codes' iso_3166-1.json (alpha_3, name, common_name,
 * official_name), the Correlates of War State System Membership List
 * (each ccode's latest row), and the hand-kept alpha-3 -> COW ccode
 * joins of data/lexicon/country-cow.tsv.  A country's COW code is the
 * hand-kept one if the file names it ("-" = none), else that of the COW
 * state whose name equals one of its ISO names (letters and digits only,
 * case ignored).  Rows of country-cow.tsv for codes ISO 3166-1 lacks
 * (user-assigned codes such as XKX) add a country with the name given.
 *
 * Output: one line per country, sorted by alpha-3:
 *   iso3 TAB cow_ccode TAB name TAB variant|variant|...
 * name is common_name, else name; inverted names ("Korea, Republic of")
 * are put in reading order, parenthesised parts dropped.  The variants
 * are every such form of name, common_name and official_name.
 *
 * A stand-alone build tool (not part of libsheaf); errors go to stderr
 * and exit 1.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#define MAXVAR	8
#define LINEMAX	4096

struct cow {
	char	 abb[8];
	long	 ccode;
	char	 name[128];
	long	 styear, endyear;
};

struct join {
	char	 a3[8];
	long	 ccode;		/* -1 = explicitly none */
	char	 name[128];	/* for codes ISO lacks; "" otherwise */
	int	 used;
};

struct country {
	char	 a3[8];
	long	 ccode;		/* -1 = none */
	char	*name;
	char	*var[MAXVAR];
	int	 nvar;
};

static struct cow *cows;
static size_t ncow, capcow;
static struct join *joins;
static size_t njoin, capjoin;
static struct country *ctry;
static size_t nctry, capctry;

/* State of the CSV reader. */
static char cell[16][128];
static int ncell, csv_line = 1;

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("gencountries: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
grow(void *p, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return p;
	*cap = *cap < 16 ? 16 : *cap * 2;
	if ((p = realloc(p, *cap * sz)) == NULL)
		die("out of memory");
	return p;
}

static char *
dupstr(const char *s)
{
	char *d = strdup(s);

	if (d == NULL)
		die("out of memory");
	return d;
}

static void
copy(char *dst, size_t n, const char *src)
{
	if (snprintf(dst, n, "%s", src) >= (int)n)
		die("value too long: '%s'", src);
}

static long
number(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		die("bad %s '%s'", what, s);
	return v;
}

/* Letters and digits of s, lower-cased (ASCII), for name joins. */
static void
key(char *dst, size_t n, const char *s)
{
	size_t o = 0;

	for (; *s != '\0' && o + 1 < n; s++)
		if (isalnum((unsigned char)*s))
			dst[o++] = (char)tolower((unsigned char)*s);
	dst[o] = '\0';
}

static void
cb_cell(void *s, size_t len, void *data)
{
	(void)data;
	if (ncell < 16) {
		if (len >= sizeof(cell[0]))
			die("COW list line %d: cell too long", csv_line);
		memcpy(cell[ncell], s, len);
		cell[ncell][len] = '\0';
	}
	ncell++;
}

static void
cb_row(int c, void *data)
{
	struct cow w;
	size_t i;

	(void)c;
	(void)data;
	if (csv_line++ == 1) {
		if (ncell < 9 || strcmp(cell[0], "stateabb") != 0 ||
		    strcmp(cell[1], "ccode") != 0 ||
		    strcmp(cell[2], "statenme") != 0 ||
		    strcmp(cell[3], "styear") != 0 ||
		    strcmp(cell[6], "endyear") != 0)
			die("COW list: unexpected header");
		ncell = 0;
		return;
	}
	if (ncell < 9)
		die("COW list line %d: %d cells", csv_line - 1, ncell);
	copy(w.abb, sizeof(w.abb), cell[0]);
	w.ccode = number(cell[1], "ccode");
	copy(w.name, sizeof(w.name), cell[2]);
	w.styear = number(cell[3], "styear");
	w.endyear = number(cell[6], "endyear");
	ncell = 0;
	/* Keep each state's latest row. */
	for (i = 0; i < ncow; i++)
		if (cows[i].ccode == w.ccode) {
			if (w.endyear > cows[i].endyear ||
			    (w.endyear == cows[i].endyear &&
			    w.styear > cows[i].styear))
				cows[i] = w;
			return;
		}
	cows = grow(cows, &capcow, ncow + 1, sizeof(*cows));
	cows[ncow++] = w;
}

static void
read_cow(const char *path)
{
	struct csv_parser p;
	char buf[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL)
		die("%s: %s", path, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		die("csv_init failed");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, n, cb_cell, cb_row, NULL) != n)
			die("%s: %s", path, csv_strerror(csv_error(&p)));
	if (ferror(fp))
		die("%s: read error", path);
	if (csv_fini(&p, cb_cell, cb_row, NULL) != 0)
		die("%s: %s", path, csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(fp);
	if (ncow == 0)
		die("%s: no states", path);
}

static void
read_joins(const char *path)
{
	char line[LINEMAX], *f[4], *p;
	unsigned long ln = 0;
	struct join *j;
	FILE *fp;
	int nf;

	if ((fp = fopen(path, "r")) == NULL)
		die("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof(line), fp) != NULL) {
		ln++;
		if (strchr(line, '\n') == NULL && !feof(fp))
			die("%s:%lu: line too long", path, ln);
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		nf = 0;
		for (p = line; nf < 4; ) {
			f[nf++] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (nf < 2 || nf > 3)
			die("%s:%lu: want 2 or 3 tab-separated columns",
			    path, ln);
		joins = grow(joins, &capjoin, njoin + 1, sizeof(*joins));
		j = &joins[njoin++];
		memset(j, 0, sizeof(*j));
		if (strlen(f[0]) != 3)
			die("%s:%lu: bad alpha-3 code '%s'", path, ln, f[0]);
		copy(j->a3, sizeof(j->a3), f[0]);
		j->ccode = strcmp(f[1], "-") == 0 ? -1 :
		    number(f[1], "ccode");
		if (nf == 3)
			copy(j->name, sizeof(j->name), f[2]);
	}
	if (ferror(fp))
		die("%s: read error", path);
	fclose(fp);
}

static void
add_variant(struct country *c, const char *s)
{
	int i;

	if (*s == '\0')
		return;
	for (i = 0; i < c->nvar; i++)
		if (strcmp(c->var[i], s) == 0)
			return;
	if (c->nvar == MAXVAR)
		die("%s: too many name variants", c->a3);
	c->var[c->nvar++] = dupstr(s);
}

/*
 * The reading-order form of an ISO name: parenthesised parts dropped,
 * "Korea, Republic of" -> "Republic of Korea", "Virgin Islands, British"
 * -> "British Virgin Islands"; an inverted name whose tail is neither
 * "... of [the]" nor one word keeps only its head ("Saint Helena,
 * Ascension and Tristan da Cunha" -> "Saint Helena").  A leading "the"
 * goes.  Writes into dst.
 */
static void
reading_form(char *dst, size_t n, const char *name)
{
	char tmp[256], head[256], *comma, *tail;
	size_t o = 0, len;
	const char *s;
	int depth = 0;

	for (s = name; *s != '\0' && o + 1 < sizeof(tmp); s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && depth > 0)
			depth--;
		else if (depth == 0)
			tmp[o++] = *s;
	}
	tmp[o] = '\0';
	/* Collapse doubled spaces left by a dropped part; trim. */
	for (o = 0, s = tmp; *s != '\0'; s++)
		if (!(*s == ' ' && (o == 0 || tmp[o - 1] == ' ')))
			tmp[o++] = *s;
	while (o > 0 && tmp[o - 1] == ' ')
		o--;
	tmp[o] = '\0';
	if ((comma = strchr(tmp, ',')) != NULL) {
		*comma = '\0';
		copy(head, sizeof(head), tmp);
		tail = comma + 1;
		while (*tail == ' ')
			tail++;
		len = strlen(tail);
		if ((len > 3 && strcmp(tail + len - 3, " of") == 0) ||
		    (len > 7 && strcmp(tail + len - 7, " of the") == 0) ||
		    strchr(tail, ' ') == NULL) {
			if (snprintf(tmp, sizeof(tmp), "%s %s", tail, head) >=
			    (int)sizeof(tmp))
				die("name too long: '%s'", name);
		} else
			copy(tmp, sizeof(tmp), head);
	}
	s = tmp;
	if (strncmp(s, "the ", 4) == 0 || strncmp(s, "The ", 4) == 0)
		s += 4;
	copy(dst, n, s);
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static long
cow_by_names(const struct country *c)
{
	char k1[256], k2[256];
	size_t i;
	int v;

	for (v = 0; v < c->nvar; v++) {
		key(k1, sizeof(k1), c->var[v]);
		for (i = 0; i < ncow; i++) {
			key(k2, sizeof(k2), cows[i].name);
			if (strcmp(k1, k2) == 0)
				return cows[i].ccode;
		}
	}
	return -1;
}

static struct join *
join_find(const char *a3)
{
	size_t i;

	for (i = 0; i < njoin; i++)
		if (strcmp(joins[i].a3, a3) == 0)
			return &joins[i];
	return NULL;
}

static void
read_iso(const char *path)
{
	const char *fields[] = { "common_name", "name", "official_name" };
	char form[256];
	json_error_t err;
	json_t *root, *arr, *e;
	struct country *c;
	struct join *j;
	size_t i, k;

	if ((root = json_load_file(path, 0, &err)) == NULL)
		die("%s:%d: %s", path, err.line, err.text);
	arr = json_object_get(root, "3166-1");
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		die("%s: no \"3166-1\" array", path);
	json_array_foreach(arr, i, e) {
		const char *a3 = jstr(e, "alpha_3"), *nm = jstr(e, "name");

		if (a3 == NULL || nm == NULL || strlen(a3) != 3)
			die("%s: entry %zu lacks alpha_3 or name", path, i);
		ctry = grow(ctry, &capctry, nctry + 1, sizeof(*ctry));
		c = &ctry[nctry++];
		memset(c, 0, sizeof(*c));
		copy(c->a3, sizeof(c->a3), a3);
		for (k = 0; k < 3; k++) {
			const char *v = jstr(e, fields[k]);

			if (v == NULL)
				continue;
			reading_form(form, sizeof(form), v);
			add_variant(c, form);
			if (c->name == NULL)
				c->name = dupstr(form);
		}
		/* "Holy See (Vatican City State)": the part is a name too. */
		if (strchr(nm, '(') != NULL) {
			const char *o = strchr(nm, '(') + 1;
			size_t len = strcspn(o, ")");

			if (len < sizeof(form) && isupper((unsigned char)*o) &&
			    memchr(o, ' ', len) != NULL) {
				memcpy(form, o, len);
				form[len] = '\0';
				add_variant(c, form);
			}
		}
		if ((j = join_find(a3)) != NULL) {
			c->ccode = j->ccode;
			j->used = 1;
		} else
			c->ccode = cow_by_names(c);
	}
	json_decref(root);
}

static void
add_extra(void)
{
	struct country *c;
	size_t i;

	for (i = 0; i < njoin; i++) {
		if (joins[i].used)
			continue;
		if (joins[i].name[0] == '\0')
			die("country-cow: %s is not in ISO 3166-1 and has no "
			    "name", joins[i].a3);
		ctry = grow(ctry, &capctry, nctry + 1, sizeof(*ctry));
		c = &ctry[nctry++];
		memset(c, 0, sizeof(*c));
		copy(c->a3, sizeof(c->a3), joins[i].a3);
		c->ccode = joins[i].ccode;
		c->name = dupstr(joins[i].name);
		add_variant(c, joins[i].name);
	}
}

static int
ctry_cmp(const void *x, const void *y)
{
	const struct country *p = x, *q = y;

	return strcmp(p->a3, q->a3);
}

int
main(int argc, char *argv[])
{
	size_t i, k;
	int v;

	if (argc != 4) {
		fputs("usage: gencountries ISO3166-1.json COW.csv "
		    "COUNTRY-COW.tsv\n", stderr);
		return 2;
	}
	read_cow(argv[2]);
	read_joins(argv[3]);
	read_iso(argv[1]);
	add_extra();
	qsort(ctry, nctry, sizeof(*ctry), ctry_cmp);
	/* A COW state is one ISO country. */
	for (i = 0; i < nctry; i++)
		for (k = i + 1; k < nctry; k++)
			if (ctry[i].ccode >= 0 &&
			    ctry[i].ccode == ctry[k].ccode)
				die("COW code %ld joined to both %s and %s",
				    ctry[i].ccode, ctry[i].a3, ctry[k].a3);
	printf("# countries.tsv: generated by tools/gencountries; do not "
	    "edit.\n"
	    "# Sources: ISO 3166-1 from Debian iso-codes (%s, LGPL-2.1+);\n"
	    "#   Correlates of War Project, State System Membership List "
	    "v2016 (%s);\n"
	    "#   hand-kept joins in %s.\n"
	    "# Columns: iso3 TAB cow_ccode (empty: not a COW state) TAB "
	    "name TAB variants (|-separated)\n", argv[1], argv[2], argv[3]);
	for (i = 0; i < nctry; i++) {
		printf("%s\t", ctry[i].a3);
		if (ctry[i].ccode >= 0)
			printf("%ld", ctry[i].ccode);
		printf("\t%s\t", ctry[i].name);
		for (v = 0; v < ctry[i].nvar; v++)
			printf("%s%s", v ? "|" : "", ctry[i].var[v]);
		putchar('\n');
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		die("write error: %s", strerror(errno));
	return 0;
}
