/*
 * gencorpus: a deterministic synthetic corpus for `make bench`.
 *
 *   gencorpus [-dv] [-s SEED] [-n NAMES]... -o OUT SIZE TEMPLATE.txt...
 *
 * Each article follows one template's paragraph sequence: page
 * furniture (site name, title, standfirst, caption and credit, headings)
 * and the closing author note are kept; every body paragraph is dropped,
 * kept or doubled and refilled with sentences drawn from all templates'
 * body text.  Names are swapped per article, consistently within it:
 * every name of a NAMES list (one name a line, first tab-separated
 * field, '#' comments) found in the templates becomes another name of
 * the same list, and organisations the templates introduce as
 * "Capitalised Name (ACRONYM)" are swapped for one another, name and
 * acronym together.
 *
 * Output: one JSON Lines file ({"id":"bench-00000001","text":"..."} a
 * line; OUT "-" is standard output) or, with -d, a directory of
 * bench-NNNNNNNN.txt files.  SIZE counts output bytes (lines or files);
 * generation stops after the article that reaches it.  The same seed
 * gives byte-identical output, and a smaller SIZE a prefix of a larger.
 * -v reports on stderr what was found in the templates and written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/xalloc.h"
#include "synth.h"

#define PROG		"gencorpus"
#define MAXCLASS	16		/* -n lists */
#define ORG_CLASS	MAXCLASS	/* organisations found in templates */
#define NAME_MAX_WORDS	12	/* words in an organisation name */
#define ACR_MAX		10		/* letters in an acronym */
#define NAMEFILE_MAX	(16UL * 1024 * 1024)
#define PARA_SENT_MAX	8	/* sentences in a body paragraph */

/* A name of a class: a list entry, or an organisation and acronym. */
struct dentry {
	const char	*s;
	size_t		 len;
	int		 cls;
	size_t		 id;
	int		 acr;		/* organisations: the acronym */
};

/* Piece of a template span: literal bytes or a name to swap. */
struct piece {
	const char	*s;
	size_t		 len;
	int		 cls;		/* -1 literal */
	size_t		 id;
	int		 acr;
};

struct org {
	struct span	 name;
	struct span	 acr;
};

struct range {
	size_t		 first;
	size_t		 n;
};

struct gen {
	struct synth	 sy;
	/* name classes 0..nclass-1 from -n, ORG_CLASS from templates */
	char		*cdata[MAXCLASS];	/* owned file texts */
	struct span	*cname[MAXCLASS + 1];	/* owned */
	size_t		 ncname[MAXCLASS + 1];
	size_t		 nclass;
	struct org	*orgs;			/* owned */
	size_t		 norg;
	/* dictionary, by first byte, longest first */
	struct dentry	*dict;			/* owned */
	size_t		 ndict;
	size_t		 bucket[257];
	/* pieces of every template paragraph and sentence */
	struct piece	*pieces;		/* owned */
	size_t		 npiece, cappiece;
	struct range	*tpr;			/* owned, by para */
	size_t		*tpfirst;		/* owned, per template */
	struct range	*spr;			/* owned, by sent. */
	/* per-article name map */
	size_t		*map[MAXCLASS + 1];	/* owned */
	uint64_t	*mstamp[MAXCLASS + 1];	/* owned */
	uint64_t	 stamp;
	struct rng	 rng;
};

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-dv] [-s SEED] [-n NAMES]... -o OUT "
	    "SIZE TEMPLATE.txt...\n", PROG);
	exit(2);
}

static int
isword(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
isupper_ascii(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Load a names list into class c. */
static int
load_names(struct gen *g, size_t c, const char *path)
{
	FILE *fp;
	struct buf b;
	char chunk[65536], *p, *e, *tab;
	size_t n, cap = 0;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", PROG, path, strerror(errno));
		return -1;
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		buf_add(&b, chunk, n);
		if (b.len > NAMEFILE_MAX) {
			fprintf(stderr, "%s: %s: too large\n", PROG, path);
			fclose(fp);
			buf_release(&b);
			return -1;
		}
	}
	if (ferror(fp)) {
		fprintf(stderr, "%s: %s: read error\n", PROG, path);
		fclose(fp);
		buf_release(&b);
		return -1;
	}
	fclose(fp);
	buf_addc(&b, '\n');
	g->cdata[c] = buf_detach(&b);
	for (p = g->cdata[c]; *p != '\0'; p = e + 1) {
		e = strchr(p, '\n');
		*e = '\0';
		if ((tab = strchr(p, '\t')) != NULL)
			*tab = '\0';
		n = strlen(p);
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r'))
			p[--n] = '\0';
		while (*p == ' ') {
			p++;
			n--;
		}
		if (n == 0 || *p == '#')
			continue;
		g->cname[c] = xgrow(g->cname[c], &cap, g->ncname[c] + 1,
		    sizeof(struct span));
		g->cname[c][g->ncname[c]].s = p;
		g->cname[c][g->ncname[c]].len = n;
		g->ncname[c]++;
	}
	if (g->ncname[c] == 0) {
		fprintf(stderr, "%s: %s: no names\n", PROG, path);
		return -1;
	}
	return 0;
}

/* A word [ws, we) ending just before end, inside [lo, end). */
static const char *
word_before(const char *lo, const char *end)
{
	const char *p = end;

	while (p > lo && p[-1] != ' ' && p[-1] != '\n')
		p--;
	return p;
}

static int
all_lower(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return n > 0;
}

static int
is_article_word(const char *s, size_t n)
{
	return (n == 3 && memcmp(s, "The", 3) == 0) ||
	    (n == 1 && *s == 'A') || (n == 2 && memcmp(s, "An", 2) == 0);
}

/*
 * The organisation name before "(ACR)" at paren: capitalised words,
 * with single short lower-case words between them, not running past a
 * word ending in punctuation, a line start or two lower-case words in
 * a row; leading lower-case words and articles are dropped.
 */
static int
org_name_before(const char *lo, const char *paren, struct span *out)
{
	const char *end, *ws, *start = NULL;
	size_t wl, nwords = 0, ncap = 0;
	int prev_lower = 0;
	unsigned char lastc;

	if (paren - lo < 2 || paren[-1] != ' ')
		return -1;
	end = paren - 1;
	while (nwords < NAME_MAX_WORDS && end > lo) {
		ws = word_before(lo, end);
		wl = (size_t)(end - ws);
		if (wl == 0)
			break;
		lastc = (unsigned char)ws[wl - 1];
		if (!isword(lastc) && lastc != '-')
			break;
		if (isupper_ascii((unsigned char)*ws)) {
			prev_lower = 0;
			ncap++;
		} else if (all_lower(ws, wl) && wl <= 3 && !prev_lower) {
			prev_lower = 1;
		} else
			break;
		start = ws;
		nwords++;
		if (ws == lo || ws[-1] != ' ')
			break;
		end = ws - 1;
	}
	if (start == NULL)
		return -1;
	/* drop leading lower-case words and articles */
	for (;;) {
		end = start;
		while (*end != ' ' && end < paren - 1)
			end++;
		wl = (size_t)(end - start);
		if (end >= paren - 1 || !(all_lower(start, wl) ||
		    is_article_word(start, wl)))
			break;
		if (is_article_word(start, wl))
			ncap--;
		start = end + 1;
	}
	if (ncap < 2)
		return -1;
	out->s = start;
	out->len = (size_t)(paren - 1 - start);
	return 0;
}

/* Organisations "Name (ACR)" in a template's text. */
static void
find_orgs(struct gen *g, const struct tmpl *t, size_t *cap)
{
	const char *p, *end = t->text + t->len, *a;
	struct span name;
	size_t n, i, nup;

	for (p = t->text; (p = memchr(p, '(', (size_t)(end - p))) != NULL;
	    p++) {
		a = p + 1;
		for (n = 0, nup = 0; a + n < end && n <= ACR_MAX &&
		    (isupper_ascii((unsigned char)a[n]) ||
		    (a[n] >= '0' && a[n] <= '9')); n++)
			nup += isupper_ascii((unsigned char)a[n]);
		if (n < 2 || n > ACR_MAX || nup < 2 || a + n >= end ||
		    a[n] != ')' || !isupper_ascii((unsigned char)*a))
			continue;
		if (org_name_before(t->text, p, &name) != 0)
			continue;
		for (i = 0; i < g->norg; i++)
			if (g->orgs[i].acr.len == n &&
			    memcmp(g->orgs[i].acr.s, a, n) == 0)
				break;
		if (i < g->norg)
			continue;
		g->orgs = xgrow(g->orgs, cap, g->norg + 1, sizeof(*g->orgs));
		g->orgs[g->norg].name = name;
		g->orgs[g->norg].acr.s = a;
		g->orgs[g->norg].acr.len = n;
		g->norg++;
	}
}

static int
dentry_cmp(const void *a, const void *b)
{
	const struct dentry *x = a, *y = b;
	unsigned char cx = (unsigned char)*x->s, cy = (unsigned char)*y->s;

	if (cx != cy)
		return cx < cy ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	if (x->cls != y->cls)
		return x->cls < y->cls ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->acr - y->acr;
}

static void
add_dentry(struct gen *g, size_t *cap, struct span s, int cls, size_t id,
    int acr)
{
	struct dentry *d;

	g->dict = xgrow(g->dict, cap, g->ndict + 1, sizeof(*g->dict));
	d = &g->dict[g->ndict++];
	d->s = s.s;
	d->len = s.len;
	d->cls = cls;
	d->id = id;
	d->acr = acr;
}

static void
build_dict(struct gen *g)
{
	size_t c, i, cap = 0, b;

	for (c = 0; c < g->nclass; c++)
		for (i = 0; i < g->ncname[c]; i++)
			add_dentry(g, &cap, g->cname[c][i], (int)c, i, 0);
	for (i = 0; i < g->norg; i++) {
		add_dentry(g, &cap, g->orgs[i].name, ORG_CLASS, i, 0);
		add_dentry(g, &cap, g->orgs[i].acr, ORG_CLASS, i, 1);
	}
	if (g->ndict > 0)
		qsort(g->dict, g->ndict, sizeof(*g->dict), dentry_cmp);
	for (b = 0, i = 0; b < 256; b++) {
		g->bucket[b] = i;
		while (i < g->ndict && (unsigned char)*g->dict[i].s == b)
			i++;
	}
	g->bucket[256] = g->ndict;
}

static void
add_piece(struct gen *g, const char *s, size_t len, int cls, size_t id,
    int acr)
{
	struct piece *p;

	if (len == 0)
		return;
	g->pieces = xgrow(g->pieces, &g->cappiece, g->npiece + 1,
	    sizeof(*g->pieces));
	p = &g->pieces[g->npiece++];
	p->s = s;
	p->len = len;
	p->cls = cls;
	p->id = id;
	p->acr = acr;
}

/* Cut a span into literal and name pieces. */
static struct range
tokenise(struct gen *g, struct span sp)
{
	struct range r;
	const char *s = sp.s, *end = sp.s + sp.len, *lit = sp.s;
	const struct dentry *d;
	size_t i, b;

	r.first = g->npiece;
	while (s < end) {
		if (s > sp.s && isword((unsigned char)s[-1])) {
			s++;
			continue;
		}
		b = (unsigned char)*s;
		d = NULL;
		for (i = g->bucket[b]; i < g->bucket[b + 1]; i++) {
			d = &g->dict[i];
			if (d->len <= (size_t)(end - s) &&
			    memcmp(d->s, s, d->len) == 0 &&
			    (s + d->len == end ||
			    !isword((unsigned char)s[d->len])))
				break;
			d = NULL;
		}
		if (d == NULL) {
			s++;
			continue;
		}
		add_piece(g, lit, (size_t)(s - lit), -1, 0, 0);
		add_piece(g, s, d->len, d->cls, d->id, d->acr);
		s += d->len;
		lit = s;
	}
	add_piece(g, lit, (size_t)(end - lit), -1, 0, 0);
	r.n = g->npiece - r.first;
	return r;
}

static void
prepare(struct gen *g)
{
	size_t i, j, k, ocap = 0, ntp = 0;
	struct synth *sy = &g->sy;

	for (i = 0; i < sy->nt; i++)
		find_orgs(g, &sy->t[i], &ocap);
	build_dict(g);
	g->tpfirst = xcalloc(sy->nt, sizeof(*g->tpfirst));
	for (i = 0; i < sy->nt; i++) {
		g->tpfirst[i] = ntp;
		ntp += sy->t[i].npara;
	}
	g->tpr = xcalloc(ntp, sizeof(*g->tpr));
	for (i = 0, k = 0; i < sy->nt; i++)
		for (j = 0; j < sy->t[i].npara; j++, k++)
			if (sy->t[i].paras[j].kind != PARA_BODY)
				g->tpr[k] = tokenise(g, sy->t[i].paras[j].text);
	g->spr = xcalloc(sy->nsent, sizeof(*g->spr));
	for (i = 0; i < sy->nsent; i++)
		g->spr[i] = tokenise(g, sy->sents[i]);
	g->cname[ORG_CLASS] = NULL;
	g->ncname[ORG_CLASS] = g->norg;
	for (i = 0; i <= MAXCLASS; i++) {
		if (g->ncname[i] == 0)
			continue;
		g->map[i] = xcalloc(g->ncname[i], sizeof(size_t));
		g->mstamp[i] = xcalloc(g->ncname[i], sizeof(uint64_t));
	}
}

static void
emit_range(struct gen *g, struct buf *out, struct range r)
{
	const struct piece *p;
	const struct org *o;
	size_t i, *m;

	for (i = 0; i < r.n; i++) {
		p = &g->pieces[r.first + i];
		if (p->cls < 0) {
			buf_add(out, p->s, p->len);
			continue;
		}
		m = &g->map[p->cls][p->id];
		if (g->mstamp[p->cls][p->id] != g->stamp) {
			g->mstamp[p->cls][p->id] = g->stamp;
			*m = rng_below(&g->rng, g->ncname[p->cls]);
		}
		if (p->cls == ORG_CLASS) {
			o = &g->orgs[*m];
			if (p->acr)
				buf_add(out, o->acr.s, o->acr.len);
			else
				buf_add(out, o->name.s, o->name.len);
		} else
			buf_add(out, g->cname[p->cls][*m].s,
			    g->cname[p->cls][*m].len);
	}
}

/*
 * A random sentence for place j of a paragraph, not one of the j before
 * it when a few draws can avoid that.
 */
static size_t
pick_sentence(struct gen *g, size_t *pick, size_t j)
{
	size_t tries, i, s = 0;

	for (tries = 0; tries < 4; tries++) {
		s = rng_below(&g->rng, g->sy.nsent);
		for (i = 0; i < j && pick[i] != s; i++)
			continue;
		if (i == j)
			break;
	}
	pick[j] = s;
	return s;
}

/* One article's text into out. */
static void
article(struct gen *g, struct buf *out)
{
	const struct tmpl *t;
	const struct tpara *tp;
	size_t ti, i, r, reps, k, j, pick[PARA_SENT_MAX];
	long nk;

	buf_reset(out);
	g->stamp++;
	ti = rng_below(&g->rng, g->sy.nt);
	t = &g->sy.t[ti];
	for (i = 0; i < t->npara; i++) {
		tp = &t->paras[i];
		if (tp->kind != PARA_BODY) {
			if (out->len > 0)
				buf_add(out, "\n\n", 2);
			emit_range(g, out, g->tpr[g->tpfirst[ti] + i]);
			continue;
		}
		/* dropped 1 in 8, doubled 1 in 8 */
		r = rng_below(&g->rng, 8);
		reps = r == 0 ? 0 : r == 1 ? 2 : 1;
		for (r = 0; r < reps; r++) {
			if (out->len > 0)
				buf_add(out, "\n\n", 2);
			nk = (long)tp->nsent - 1 +
			    (long)rng_below(&g->rng, 3);
			k = nk < 1 ? 1 : nk > PARA_SENT_MAX ? PARA_SENT_MAX :
			    (size_t)nk;
			for (j = 0; j < k; j++) {
				if (j > 0)
					buf_add(out, " ", 1);
				emit_range(g, out, g->spr[pick_sentence(g,
				    pick, j)]);
			}
		}
	}
}

/* Append s as the inside of a JSON string. */
static void
json_escape(struct buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = s, *end = s + n;
	char esc[6];
	unsigned char c;

	for (; s < end; s++) {
		c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_add(out, run, (size_t)(s - run));
		run = s + 1;
		esc[0] = '\\';
		switch (c) {
		case '"':
		case '\\':
			esc[1] = (char)c;
			buf_add(out, esc, 2);
			break;
		case '\n':
			buf_add(out, "\\n", 2);
			break;
		case '\t':
			buf_add(out, "\\t", 2);
			break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			buf_add(out, esc, 6);
			break;
		}
	}
	buf_add(out, run, (size_t)(end - run));
}

static int
write_all(FILE *fp, const char *s, size_t n, const char *what)
{
	if (fwrite(s, 1, n, fp) != n) {
		fprintf(stderr, "%s: %s: %s\n", PROG, what, strerror(errno));
		return -1;
	}
	return 0;
}

static int
generate(struct gen *g, const char *out, int dir, uint64_t size,
    int verbose)
{
	FILE *fp = NULL;
	struct buf text, line;
	char id[32], *path;
	uint64_t total = 0, n = 0;
	int rc = -1;

	buf_init(&text);
	buf_init(&line);
	if (dir) {
		if (mkdir(out, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "%s: %s: %s\n", PROG, out,
			    strerror(errno));
			return -1;
		}
	} else if (strcmp(out, "-") == 0)
		fp = stdout;
	else if ((fp = fopen(out, "wb")) == NULL) {
		fprintf(stderr, "%s: %s: %s\n", PROG, out, strerror(errno));
		return -1;
	}
	if (fp != NULL)
		setvbuf(fp, NULL, _IOFBF, 1 << 20);
	while (total < size) {
		n++;
		snprintf(id, sizeof(id), "bench-%08llu",
		    (unsigned long long)n);
		article(g, &text);
		if (dir) {
			path = xasprintf("%s/%s.txt", out, id);
			fp = fopen(path, "wb");
			if (fp == NULL || write_all(fp, text.s, text.len,
			    path) != 0 || fclose(fp) != 0) {
				if (fp == NULL)
					fprintf(stderr, "%s: %s: %s\n", PROG,
					    path, strerror(errno));
				free(path);
				fp = NULL;
				goto out;
			}
			fp = NULL;
			free(path);
			total += text.len;
			continue;
		}
		buf_reset(&line);
		buf_add(&line, "{\"id\":\"", 7);
		buf_add(&line, id, strlen(id));
		buf_add(&line, "\",\"text\":\"", 10);
		json_escape(&line, text.s, text.len);
		buf_add(&line, "\"}\n", 3);
		if (write_all(fp, line.s, line.len, out) != 0)
			goto out;
		total += line.len;
	}
	rc = 0;
	if (verbose)
		fprintf(stderr, "%s: %llu articles, %llu bytes\n", PROG,
		    (unsigned long long)n, (unsigned long long)total);
out:
	if (fp != NULL && fp != stdout && fclose(fp) != 0 && rc == 0) {
		fprintf(stderr, "%s: %s: %s\n", PROG, out, strerror(errno));
		rc = -1;
	}
	if (fp == stdout && fflush(fp) != 0 && rc == 0) {
		fprintf(stderr, "%s: %s\n", PROG, strerror(errno));
		rc = -1;
	}
	buf_release(&text);
	buf_release(&line);
	return rc;
}

/* What the templates gave: sentences, furniture, names, organisations. */
static void
report(const struct gen *g)
{
	size_t i, c, nhits[MAXCLASS + 1] = { 0 };

	for (i = 0; i < g->npiece; i++)
		if (g->pieces[i].cls >= 0)
			nhits[g->pieces[i].cls]++;
	fprintf(stderr, "%s: %zu templates, %zu body sentences, %zu "
	    "furniture paragraphs\n", PROG, g->sy.nt, g->sy.nsent,
	    g->sy.nfurn);
	for (c = 0; c < g->nclass; c++)
		fprintf(stderr, "%s: names list %zu: %zu names, %zu "
		    "occurrences in the templates\n", PROG, c + 1,
		    g->ncname[c], nhits[c]);
	fprintf(stderr, "%s: %zu organisations, %zu occurrences\n", PROG,
	    g->norg, nhits[ORG_CLASS]);
	for (i = 0; i < g->norg; i++)
		fprintf(stderr, "%s:   %.*s (%.*s)\n", PROG,
		    (int)g->orgs[i].name.len, g->orgs[i].name.s,
		    (int)g->orgs[i].acr.len, g->orgs[i].acr.s);
}

static void
gen_release(struct gen *g)
{
	size_t i;

	synth_release(&g->sy);
	for (i = 0; i < MAXCLASS; i++)
		free(g->cdata[i]);
	for (i = 0; i <= MAXCLASS; i++) {
		free(g->cname[i]);
		free(g->map[i]);
		free(g->mstamp[i]);
	}
	free(g->orgs);
	free(g->dict);
	free(g->pieces);
	free(g->tpr);
	free(g->tpfirst);
	free(g->spr);
}

int
main(int argc, char *argv[])
{
	static struct gen g;
	const char *out = NULL, *names[MAXCLASS];
	uint64_t seed = 1, size;
	size_t i, nnames = 0;
	int ch, dir = 0, rc, verbose = 0;

	while ((ch = getopt(argc, argv, "dn:o:s:v")) != -1) {
		switch (ch) {
		case 'v':
			verbose = 1;
			break;
		case 'd':
			dir = 1;
			break;
		case 'n':
			if (nnames == MAXCLASS) {
				fprintf(stderr, "%s: at most %d -n lists\n",
				    PROG, MAXCLASS);
				return 2;
			}
			names[nnames++] = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 's':
			if (synth_parse_u64(optarg, &seed) != 0) {
				fprintf(stderr, "%s: bad seed '%s'\n", PROG,
				    optarg);
				return 2;
			}
			break;
		default:
			usage();
		}
	}
	if (out == NULL || argc - optind < 2)
		usage();
	if (synth_parse_size(argv[optind], &size) != 0) {
		fprintf(stderr, "%s: bad size '%s' (e.g. 10M, 1G, 1Gi)\n",
		    PROG, argv[optind]);
		return 2;
	}
	if (dir && strcmp(out, "-") == 0)
		usage();
	for (i = 0; i < nnames; i++) {
		if (load_names(&g, i, names[i]) != 0) {
			gen_release(&g);
			return 1;
		}
		g.nclass++;
	}
	if (synth_load(&g.sy, PROG, argv + optind + 1,
	    (size_t)(argc - optind - 1)) != 0) {
		gen_release(&g);
		return 1;
	}
	prepare(&g);
	if (verbose)
		report(&g);
	rng_seed(&g.rng, seed);
	rc = generate(&g, out, dir, size, verbose) == 0 ? 0 : 3;
	gen_release(&g);
	return rc;
}
