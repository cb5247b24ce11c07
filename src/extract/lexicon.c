/*
 * lexicon: loading the lexicon files and folding text for matching.
 *
 * Folding (the same for surfaces and for text): each code point is
 * decomposed (NFKD) and case-folded, and combining marks are dropped
 * (utf8_fold()), so canonically equivalent strings (NFC or not) fold alike and
 * "Türkiye" matches "Turkiye"; typographic apostrophes become "'",
 * Unicode hyphens "-"; soft hyphens and zero-width characters vanish;
 * every run of white space becomes one space.  Each folded byte
 * remembers the source code point it came from, so a match maps back to
 * an exact span of the source.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"
#include "lib/aho.h"
#include "lib/diag.h"
#include "lib/hash.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

#define LINE_MAX_LEN	8192	/* longest line of a lexicon file */
#define MAX_FIELDS	8
#define MAX_VARIANTS	16	/* spelling variants of one surface */

struct wordset {
	char		**w;		/* lower-cased, sorted */
	size_t		 n;
};

/*
 * Every word list entry, and every first word of one, in one hash table
 * (open addressing; slot = index + 1, 0 empty; a power of 2 slots), with
 * the lists that hold it (bits 1 << enum lex_list) and the lists with an
 * entry that starts with it as a word.
 */
struct wordidx {
	char		**key;		/* owned, lower-cased */
	size_t		 *len;
	unsigned	 *in, *first;
	size_t		  n, cap, caplen, capin, capfirst;
	uint32_t	 *slot;
	size_t		  nslot;
};

struct efile;

/* Load-time state. */
struct loader {
	struct lexicon	*lex;
	char		**key;		/* folded key of each pattern */
	const char	**pfile;	/* where each pattern came from */
	unsigned long	*pline;
	size_t		 cappat, capent, capkey, capfile, capline;
	const char	**efile;	/* where each entity came from */
	unsigned long	*eline;
	size_t		 capefile, capeline;
	const struct efile *ef;		/* entity file being read */
	char		**spell;	/* pairs: word, variant */
	size_t		 nspell, capspell;
	const char	*file;		/* file being read */
	unsigned long	 line;
};

static const char *const wl_files[WL__MAX] = {
	"orgheads.txt", "titles.txt", "positions.txt", "nonnames.txt",
	"particles.txt", "connectors.txt", "family-first.txt",
	"locatives.txt", "verbs.txt", "lawheads.txt"
};

/* --- folding --------------------------------------------------------- */

/* Room for need bytes in f. */
static void
fold_grow(struct fold *f, size_t *cap, size_t need)
{
	size_t c;

	if (need <= *cap)
		return;
	c = *cap < 64 ? 64 : *cap;
	while (c < need)
		c *= 2;
	f->s = xrealloc(f->s, c);
	f->from = xrealloc(f->from, c * sizeof(*f->from));
	f->to = xrealloc(f->to, c * sizeof(*f->to));
	*cap = c;
}

static void
fold_put(struct fold *f, size_t *cap, const char *b, size_t n,
    size_t from, size_t to)
{
	size_t i;

	fold_grow(f, cap, f->len + n + 1);
	for (i = 0; i < n; i++) {
		f->s[f->len] = b[i];
		f->from[f->len] = from;
		f->to[f->len] = to;
		f->len++;
	}
	f->s[f->len] = '\0';
}

void
fold_text(struct fold *f, const char *src, size_t n, size_t base)
{
	memset(f, 0, sizeof(*f));
	fold_text_again(f, src, n, base);
}

void
fold_text_again(struct fold *f, const char *src, size_t n, size_t base)
{
	int32_t out[16], cp;
	char enc[4];
	size_t cap = f->cap, i, j, k, last = 0;
	int r, any = 0;

	/* room for the text as it is: most of it folds byte for byte */
	if (cap < n + 1) {
		free(f->s);
		free(f->from);
		free(f->to);
		cap = n < 63 ? 64 : n + 1;
		f->s = xmalloc(cap);
		f->from = xmalloc(cap * sizeof(*f->from));
		f->to = xmalloc(cap * sizeof(*f->to));
	}
	f->len = 0;
	fold_put(f, &cap, "", 0, base, base);
	for (i = 0; i < n; i += k) {
		unsigned char c = (unsigned char)src[i];

		/* a run of ASCII other than blanks folds to itself, lower
		 * case (what the general path below gives) */
		if (c < 0x80 && c != ' ' && (c < '\t' || c > '\r')) {
			size_t e = i, o;

			while (e < n && (unsigned char)src[e] < 0x80 &&
			    src[e] != ' ' && (src[e] < '\t' || src[e] > '\r'))
				e++;
			fold_grow(f, &cap, f->len + (e - i) + 1);
			for (o = f->len; i < e; i++, o++) {
				c = (unsigned char)src[i];
				f->s[o] = (char)(c >= 'A' && c <= 'Z' ?
				    c - 'A' + 'a' : c);
				f->from[o] = base + i;
				f->to[o] = base + i + 1;
			}
			last = o - 1;
			f->len = o;
			f->s[o] = '\0';
			k = 0;
			any = 1;
			continue;
		}
		cp = utf8_get(src, n, i, &k);
		if (utf8_isspace(cp)) {
			if (f->len > 0 && f->s[f->len - 1] == ' ')
				f->to[f->len - 1] = base + i + k;
			else if (f->len > 0) {
				last = f->len;
				fold_put(f, &cap, " ", 1, base + i,
				    base + i + k);
			}
			continue;
		}
		if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC ||
		    cp == 0x2032) {
			last = f->len;
			fold_put(f, &cap, "'", 1, base + i, base + i + k);
			any = 1;
			continue;
		}
		if (cp == 0x2010 || cp == 0x2011) {
			last = f->len;
			fold_put(f, &cap, "-", 1, base + i, base + i + k);
			any = 1;
			continue;
		}
		r = 0;
		if (cp >= 0 && cp != 0x00AD && cp != 0x200B && cp != 0x200C &&
		    cp != 0x200D && cp != 0xFEFF && (r = utf8_fold(cp, out,
		    sizeof(out) / sizeof(out[0]))) < 0) {
			/* No folding to use: keep as is. */
			out[0] = cp;
			r = 1;
		}
		if (r == 0) {
			/* Dropped: belongs to the code point before. */
			if (any)
				for (j = last; j < f->len; j++)
					f->to[j] = base + i + k;
			continue;
		}
		last = f->len;
		for (j = 0; j < (size_t)r; j++)
			fold_put(f, &cap, enc, utf8_put(out[j], enc),
			    base + i, base + i + k);
		any = 1;
	}
	f->cap = cap;
}

void
fold_release(struct fold *f)
{
	free(f->s);
	free(f->from);
	free(f->to);
	memset(f, 0, sizeof(*f));
}

char *
fold_key(const char *s)
{
	struct fold f;
	char *k;

	fold_text(&f, s, strlen(s), 0);
	while (f.len > 0 && f.s[f.len - 1] == ' ')
		f.s[--f.len] = '\0';
	k = xstrdup(f.s);
	fold_release(&f);
	return k;
}

uint64_t
fold_capmask(const char *s)
{
	size_t i, k, n = strlen(s);
	unsigned word = 0;
	uint64_t m = 0;
	int start = 1;
	int32_t cp;

	for (i = 0; i < n; i += k) {
		cp = utf8_get(s, n, i, &k);
		if (utf8_isspace(cp)) {
			if (!start)
				word++;
			start = 1;
			continue;
		}
		if (start && word < 64 && utf8_isupper(cp))
			m |= (uint64_t)1 << word;
		start = 0;
	}
	return m;
}

static int
case_ok(const char *t, size_t s, size_t e, uint64_t mask)
{
	size_t i, k;
	unsigned word = 0;
	int start = 1;
	int32_t cp;

	for (i = s; i < e && mask != 0; i += k) {
		if ((unsigned char)t[i] < 0x80) {	/* ASCII */
			int c = (unsigned char)t[i];

			k = 1;
			if (c == ' ' || (c >= '\t' && c <= '\r')) {
				if (!start)
					word++;
				start = 1;
				continue;
			}
			if (start && word < 64 && (mask >> word & 1) &&
			    !(c >= 'A' && c <= 'Z'))
				return 0;
			start = 0;
			continue;
		}
		cp = utf8_get(t, e, i, &k);
		if (utf8_isspace(cp)) {
			if (!start)
				word++;
			start = 1;
			continue;
		}
		if (start && word < 64 && (mask >> word & 1) &&
		    !utf8_isupper(cp))
			return 0;
		start = 0;
	}
	return 1;
}

int
lexpat_accept(const struct lex_pat *p, const char *text,
    const struct fold *f, size_t fs, size_t fe, size_t *s, size_t *e)
{
	size_t end = fe, k, ms, me;

	if (fs > 0 && (unsigned char)f->s[fs - 1] < 0x80) {
		/* ASCII before: a word character is a letter or digit */
		int c = (unsigned char)f->s[fs - 1];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			return 0;
	} else if (utf8_isword(utf8_prev(f->s, fs, &k)))
		return 0;
	if (fe < f->len && utf8_isword(utf8_get(f->s, f->len, fe, &k))) {
		if (!(p->flags & LP_PLURAL) || p->rctx > 0 || f->s[fe] != 's' ||
		    (fe + 1 < f->len &&
		    utf8_isword(utf8_get(f->s, f->len, fe + 1, &k))))
			return 0;
		end = fe + 1;
	}
	ms = f->from[fs + p->ctx];
	me = f->to[end - 1 - p->rctx];
	if (p->flags & LP_EXACT) {
		size_t n = strlen(p->surface);

		if (me - ms != n || memcmp(text + ms, p->surface, n) != 0)
			return 0;
	} else if (!case_ok(text, f->from[fs], me, p->capmask))
		return 0;
	*s = ms;
	*e = me;
	return 1;
}

/* --- word lists ------------------------------------------------------ */

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Compare s[0..n) with NUL-terminated w, ASCII case ignored. */
static int
wcmp(const char *s, size_t n, const char *w)
{
	size_t i;
	int a, b;

	for (i = 0; i < n && w[i] != '\0'; i++) {
		a = ascii_lower((unsigned char)s[i]);
		b = (unsigned char)w[i];
		if (a != b)
			return a - b;
	}
	if (i < n)
		return 1;
	return w[i] == '\0' ? 0 : -1;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* lib/hash.h's FNV-1a over s[0..n) with ASCII lower-cased. */
static size_t
wordidx_hash(const char *s, size_t n)
{
	return (size_t)hash_fnv1a_lower(s, n);
}

/* The index of s[0..n) in wx (ASCII case ignored), or SIZE_MAX. */
static size_t
wordidx_find(const struct wordidx *wx, const char *s, size_t n)
{
	size_t h;

	if (wx == NULL || wx->nslot == 0)
		return SIZE_MAX;
	for (h = wordidx_hash(s, n) & (wx->nslot - 1); wx->slot[h] != 0;
	    h = (h + 1) & (wx->nslot - 1)) {
		size_t i = wx->slot[h] - 1;

		if (wx->len[i] == n && wcmp(s, n, wx->key[i]) == 0)
			return i;
	}
	return SIZE_MAX;
}

static void
wordidx_slot(struct wordidx *wx, size_t i)
{
	size_t h;

	for (h = wordidx_hash(wx->key[i], wx->len[i]) & (wx->nslot - 1);
	    wx->slot[h] != 0; h = (h + 1) & (wx->nslot - 1))
		;
	wx->slot[h] = (uint32_t)i + 1;
}

/* Add lower-case s[0..n) with list bits in and first. */
static void
wordidx_add(struct wordidx *wx, const char *s, size_t n, unsigned in,
    unsigned first)
{
	size_t i = wordidx_find(wx, s, n);

	if (i == SIZE_MAX) {
		wx->key = xgrow(wx->key, &wx->cap, wx->n + 1,
		    sizeof(*wx->key));
		wx->len = xgrow(wx->len, &wx->caplen, wx->n + 1,
		    sizeof(*wx->len));
		wx->in = xgrow(wx->in, &wx->capin, wx->n + 1, sizeof(*wx->in));
		wx->first = xgrow(wx->first, &wx->capfirst, wx->n + 1,
		    sizeof(*wx->first));
		i = wx->n++;
		wx->key[i] = xstrndup(s, n);
		wx->len[i] = n;
		wx->in[i] = wx->first[i] = 0;
		if (wx->n * 2 > wx->nslot) {
			size_t j;

			free(wx->slot);
			wx->nslot = wx->nslot == 0 ? 64 : wx->nslot * 2;
			wx->slot = xcalloc(wx->nslot, sizeof(*wx->slot));
			for (j = 0; j < wx->n; j++)
				wordidx_slot(wx, j);
		} else
			wordidx_slot(wx, i);
	}
	wx->in[i] |= in;
	wx->first[i] |= first;
}

static struct wordidx *
wordidx_build(const struct lexicon *lex)
{
	struct wordidx *wx = xcalloc(1, sizeof(*wx));
	size_t i;
	int l;

	for (l = 0; l < WL__MAX; l++)
		for (i = 0; lex->wl[l] != NULL && i < lex->wl[l]->n; i++) {
			const char *w = lex->wl[l]->w[i];

			wordidx_add(wx, w, strlen(w), 1u << l, 0);
			wordidx_add(wx, w, strcspn(w, " "), 0, 1u << l);
		}
	return wx;
}

static void
wordidx_free(struct wordidx *wx)
{
	size_t i;

	if (wx == NULL)
		return;
	for (i = 0; i < wx->n; i++)
		free(wx->key[i]);
	free(wx->key);
	free(wx->len);
	free(wx->in);
	free(wx->first);
	free(wx->slot);
	free(wx);
}

unsigned
lexicon_lists(const struct lexicon *lex, const char *s, size_t n,
    unsigned *first)
{
	size_t i = wordidx_find(lex->wx, s, n);

	if (first != NULL)
		*first = i == SIZE_MAX ? 0 : lex->wx->first[i];
	return i == SIZE_MAX ? 0 : lex->wx->in[i];
}

int
lexicon_has(const struct lexicon *lex, enum lex_list l, const char *s,
    size_t n)
{
	return (lexicon_lists(lex, s, n, NULL) >> l & 1) != 0;
}

/* --- files ----------------------------------------------------------- */

/*
 * Read a '#'-commented TSV file; call fn for each line with its fields.
 * Returns 0, or -1 after a diagnostic.
 */
static int
read_tsv(struct loader *L, const char *path, int minf, int maxf,
    int (*fn)(struct loader *, char **, int))
{
	char line[LINE_MAX_LEN], *f[MAX_FIELDS], *p;
	FILE *fp;
	int nf, rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_errno(errno, path, "cannot open lexicon file");
		return -1;
	}
	L->file = path;
	L->line = 0;
	while (rc == 0 && fgets(line, sizeof(line), fp) != NULL) {
		L->line++;
		if (strchr(line, '\n') == NULL && !feof(fp)) {
			diag(DIAG_USAGE, path, L->line, "line longer than %d "
			    "bytes", LINE_MAX_LEN - 2);
			rc = -1;
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		nf = 0;
		for (p = line; ; ) {
			if (nf == MAX_FIELDS)
				break;
			f[nf++] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (nf < minf || nf > maxf || p != NULL) {
			diag(DIAG_USAGE, path, L->line, "%d fields; want %d "
			    "to %d, tab-separated", nf, minf, maxf);
			rc = -1;
			break;
		}
		rc = fn(L, f, nf);
	}
	if (rc == 0 && ferror(fp)) {
		diag_errno(errno, path, "read error");
		rc = -1;
	}
	fclose(fp);
	return rc;
}

static int
load_wordlist(struct loader *L, const char *dir, enum lex_list l)
{
	char *path = xasprintf("%s/%s", dir, wl_files[l]);
	char line[LINE_MAX_LEN];
	struct wordset *ws = xcalloc(1, sizeof(*ws));
	size_t cap = 0, i, j, n;
	unsigned long ln = 0;
	FILE *fp;
	int rc = 0;

	L->lex->wl[l] = ws;
	if ((fp = fopen(path, "r")) == NULL) {
		diag_errno(errno, path, "cannot open lexicon file");
		free(path);
		return -1;
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		ln++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		n = strlen(line);
		while (n > 0 && line[n - 1] == ' ')
			line[--n] = '\0';
		if (strchr(line, '\t') != NULL || line[0] == ' ' ||
		    strstr(line, "  ") != NULL) {
			diag(DIAG_USAGE, path, ln, "want one entry, single "
			    "spaces between words");
			rc = -1;
			break;
		}
		if (l == WL_TITLE) {
			size_t words = 1;

			for (j = 0; j < n; j++)
				words += line[j] == ' ';
			if (words > WL_TITLE_MAX) {
				diag(DIAG_USAGE, path, ln, "title of more than "
				    "%d words", WL_TITLE_MAX);
				rc = -1;
				break;
			}
		}
		for (j = 0; j < n; j++)
			line[j] = (char)ascii_lower((unsigned char)line[j]);
		ws->w = xgrow(ws->w, &cap, ws->n + 1, sizeof(*ws->w));
		ws->w[ws->n++] = xstrdup(line);
	}
	if (rc == 0 && ferror(fp)) {
		diag_errno(errno, path, "read error");
		rc = -1;
	}
	fclose(fp);
	if (ws->n > 1)
		qsort(ws->w, ws->n, sizeof(*ws->w), str_cmp);
	/* Drop duplicates. */
	for (i = j = 0; i < ws->n; i++) {
		if (j > 0 && strcmp(ws->w[j - 1], ws->w[i]) == 0)
			free(ws->w[i]);
		else
			ws->w[j++] = ws->w[i];
	}
	ws->n = j;
	free(path);
	return rc;
}

/* --- entities and patterns ------------------------------------------- */

static uint32_t
add_entity(struct loader *L, const char *id, const char *name,
    enum etype type)
{
	struct lexicon *lex = L->lex;
	struct lex_entity *e;

	lex->ent = xgrow(lex->ent, &L->capent, lex->nent + 1,
	    sizeof(*lex->ent));
	e = &lex->ent[lex->nent];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(id);
	e->name = xstrdup(name);
	e->type = type;
	e->country = LEX_NONE;
	L->efile = xgrow(L->efile, &L->capefile, lex->nent + 1,
	    sizeof(*L->efile));
	L->eline = xgrow(L->eline, &L->capeline, lex->nent + 1,
	    sizeof(*L->eline));
	L->efile[lex->nent] = L->file;
	L->eline[lex->nent] = L->line;
	return (uint32_t)lex->nent++;
}

/* Two or more letters, all upper case, no white space. */
static int
all_caps(const char *s)
{
	size_t i, k, n = strlen(s), letters = 0;
	int32_t cp;

	for (i = 0; i < n; i += k) {
		cp = utf8_get(s, n, i, &k);
		if (utf8_isspace(cp) || utf8_islower(cp))
			return 0;
		letters += utf8_isupper(cp);
	}
	return letters >= 2;
}

static int
add_one_pat(struct loader *L, const char *surface, uint32_t ent,
    enum mform form, unsigned flags)
{
	struct lexicon *lex = L->lex;
	struct lex_pat *p;
	const char *rest = surface, *close, *open;
	char *full, *kfull, *krest, *core, *kcore, *after = NULL;
	size_t n = strlen(surface);

	/* "[the] West": context before; "Gulf [states]": after. */
	if (n > 2 && surface[n - 1] == ']' &&
	    (open = strrchr(surface, '[')) != NULL && open > surface) {
		after = xstrndup(open + 1,
		    (size_t)(surface + n - 1 - open - 1));
		core = xstrndup(surface, (size_t)(open - surface));
		while (strlen(core) > 0 && core[strlen(core) - 1] == ' ')
			core[strlen(core) - 1] = '\0';
	} else
		core = xstrdup(surface);
	if (core[0] == '[' && (close = strchr(core, ']')) != NULL) {
		rest = close + 1;
		while (*rest == ' ')
			rest++;
		full = xasprintf("%.*s %s", (int)(close - core - 1),
		    core + 1, rest);
	} else {
		rest = core;
		full = xstrdup(core);
	}
	kcore = fold_key(full);
	if (after != NULL) {
		char *t = xasprintf("%s %s", full, after);

		free(full);
		full = t;
	}
	kfull = fold_key(full);
	krest = fold_key(rest);
	if (*krest == '\0') {
		diag(DIAG_USAGE, L->file, L->line, "empty surface '%s'",
		    surface);
		free(full);
		free(kfull);
		free(krest);
		free(kcore);
		free(core);
		free(after);
		return -1;
	}
	lex->pat = xgrow(lex->pat, &L->cappat, lex->npat + 1,
	    sizeof(*lex->pat));
	L->key = xgrow(L->key, &L->capkey, lex->npat + 1, sizeof(*L->key));
	L->pfile = xgrow(L->pfile, &L->capfile, lex->npat + 1,
	    sizeof(*L->pfile));
	L->pline = xgrow(L->pline, &L->capline, lex->npat + 1,
	    sizeof(*L->pline));
	p = &lex->pat[lex->npat];
	/* A surface in capitals only ("UN", "U.N." from a spelling
	 * variant) is an acronym: its case must match. */
	if (all_caps(rest)) {
		flags |= LP_EXACT;
		form = MF_ACRONYM;
	}
	p->surface = xstrdup(rest);
	p->ctx = strlen(kcore) - strlen(krest);
	p->rctx = strlen(kfull) - strlen(kcore);
	p->capmask = fold_capmask(full);
	p->ent = ent;
	p->form = form;
	p->flags = flags;
	L->key[lex->npat] = kfull;
	L->pfile[lex->npat] = L->file;
	L->pline[lex->npat] = L->line;
	lex->npat++;
	free(full);
	free(krest);
	free(kcore);
	free(core);
	free(after);
	return 0;
}

/* Replace every whole-word a in s by b; NULL if a does not occur. */
static char *
replace_word(const char *s, const char *a, const char *b)
{
	size_t la = strlen(a), i = 0;
	const char *p;
	char *out = NULL, *tmp;
	int hit = 0;

	out = xstrdup("");
	while ((p = strstr(s + i, a)) != NULL) {
		size_t at = (size_t)(p - s);
		int lb = at == 0 || !utf8_isword((unsigned char)s[at - 1]);
		int rb = !utf8_isword((unsigned char)s[at + la]);

		tmp = xasprintf("%s%.*s%s", out, (int)(at - i), s + i,
		    lb && rb ? b : a);
		free(out);
		out = tmp;
		hit |= lb && rb;
		i = at + la;
	}
	if (!hit) {
		free(out);
		return NULL;
	}
	tmp = xasprintf("%s%s", out, s + i);
	free(out);
	return tmp;
}

static int
add_pat(struct loader *L, const char *surface, uint32_t ent,
    enum mform form, unsigned flags)
{
	char *var[MAX_VARIANTS], *v;
	size_t nv = 1, i, j, k;
	int rc = 0;

	var[0] = xstrdup(surface);
	if (!(flags & LP_EXACT))
		for (j = 0; j + 1 < L->nspell * 2; j += 2)
			for (k = 0; k < 2; k++)
				for (i = 0; i < nv && nv < MAX_VARIANTS; i++) {
					v = replace_word(var[i],
					    L->spell[j + k],
					    L->spell[j + 1 - k]);
					if (v != NULL)
						var[nv++] = v;
				}
	for (i = 0; i < nv; i++) {
		if (rc == 0)
			rc = add_one_pat(L, var[i], ent, form, flags);
		free(var[i]);
	}
	return rc;
}

/* Add each |-separated value of list ("" and "-" are none). */
static int
add_list(struct loader *L, const char *list, uint32_t ent,
    enum mform form, unsigned flags)
{
	const char *p = list, *bar;
	char *one;
	int rc = 0;

	if (strcmp(list, "-") == 0)
		return 0;
	while (*p != '\0' && rc == 0) {
		bar = strchr(p, '|');
		one = bar != NULL ? xstrndup(p, (size_t)(bar - p)) :
		    xstrdup(p);
		if (*one != '\0')
			rc = add_pat(L, one, ent, form, flags);
		free(one);
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return rc;
}

/* Is s one of the |-separated values of list? */
static int
in_list(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p = list;

	for (;;) {
		size_t k = strcspn(p, "|");

		if (k == n && strncmp(p, s, n) == 0)
			return 1;
		if (p[k] == '\0')
			return 0;
		p += k + 1;
	}
}

/* The first |-separated value of list, or NULL. */
static char *
first_of(const char *list)
{
	size_t n = strcspn(list, "|");

	if (n == 0 || strcmp(list, "-") == 0)
		return NULL;
	return xstrndup(list, n);
}

/* An (id, index) pair, for sorting without global state. */
struct idref {
	const char	*id;
	uint32_t	 ix;
};

static int
idref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct idref *)a)->id,
	    ((const struct idref *)b)->id);
}

/* Index the entities by id; an id defined twice is an error. */
static int
reindex(struct loader *L)
{
	struct lexicon *lex = L->lex;
	struct idref *r = xcalloc(lex->nent + 1, sizeof(*r));
	size_t i;
	int rc = 0;

	for (i = 0; i < lex->nent; i++) {
		r[i].id = lex->ent[i].id;
		r[i].ix = (uint32_t)i;
	}
	qsort(r, lex->nent, sizeof(*r), idref_cmp);
	free(lex->byid);
	lex->byid = xcalloc(lex->nent + 1, sizeof(*lex->byid));
	lex->nbyid = lex->nent;
	for (i = 0; i < lex->nent; i++) {
		lex->byid[i] = r[i].ix;
		if (i > 0 && strcmp(r[i].id, r[i - 1].id) == 0 && rc == 0) {
			uint32_t x = r[i].ix > r[i - 1].ix ? r[i].ix :
			    r[i - 1].ix, y = r[i].ix ^ r[i - 1].ix ^ x;

			diag(DIAG_USAGE, L->efile[x], L->eline[x], "entity id "
			    "'%s' already defined (%s:%lu)", r[i].id,
			    L->efile[y], L->eline[y]);
			rc = -1;
		}
	}
	free(r);
	return rc;
}

uint32_t
lexicon_find(const struct lexicon *lex, const char *id)
{
	size_t lo = 0, hi = lex->nbyid;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, lex->ent[lex->byid[mid]].id);

		if (c == 0)
			return lex->byid[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return LEX_NONE;
}

/* An id must read "PREFIX/[a-z0-9-]+" (countries: "country/AAA"). */
static int
check_id(struct loader *L, const char *id, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *s;

	if (strncmp(id, prefix, n) != 0 || id[n] != '/' || id[n + 1] == '\0')
		goto bad;
	for (s = id + n + 1; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    (*s == '-' && s[1] != '\0' && s[-1] != '/')))
			goto bad;
	return 0;
bad:
	diag(DIAG_USAGE, L->file, L->line, "bad id '%s': want %s/ and a slug "
	    "of [a-z0-9-]", id, prefix);
	return -1;
}

/* countries.tsv: iso3 cow name variants */
static int
countries_line(struct loader *L, char **f, int nf)
{
	char *id;
	uint32_t e;

	(void)nf;
	if (strlen(f[0]) != 3) {
		diag(DIAG_USAGE, L->file, L->line, "bad alpha-3 code '%s'",
		    f[0]);
		return -1;
	}
	id = xasprintf("country/%s", f[0]);
	e = add_entity(L, id, f[2], ET_COUNTRY);
	free(id);
	L->lex->ent[e].iso3 = xstrdup(f[0]);
	if (f[1][0] != '\0')
		L->lex->ent[e].cow = xstrdup(f[1]);
	if (add_pat(L, f[2], e, MF_NAME, 0) != 0)
		return -1;
	return add_list(L, f[3], e, MF_NAME, 0);
}

/* country-aliases.tsv: iso3 canonical aliases acronyms adjectives */
static int
aliases_line(struct loader *L, char **f, int nf)
{
	struct lex_entity *ent;
	char *id = xasprintf("country/%s", f[0]);
	uint32_t e = lexicon_find(L->lex, id);

	free(id);
	if (e == LEX_NONE) {
		diag(DIAG_USAGE, L->file, L->line, "'%s' is not a country of "
		    "countries.tsv", f[0]);
		return -1;
	}
	ent = &L->lex->ent[e];
	if (f[1][0] != '\0' && strcmp(f[1], "-") != 0) {
		free(ent->name);
		ent->name = xstrdup(f[1]);
		if (add_pat(L, f[1], e, MF_NAME, 0) != 0)
			return -1;
	}
	if (nf > 3 && ent->acronym == NULL)
		ent->acronym = first_of(f[3]);
	if (nf > 2 && add_list(L, f[2], e, MF_NAME, 0) != 0)
		return -1;
	if (nf > 3 && add_list(L, f[3], e, MF_ACRONYM, LP_EXACT) != 0)
		return -1;
	if (nf > 4 && add_list(L, f[4], e, MF_ADJECTIVE, LP_PLURAL) != 0)
		return -1;
	return 0;
}

/*
 * Generic entity files.  Column letters: i id, n name, a acronyms,
 * l aliases, d adjectives (demonyms), c country (alpha-3), k "capital"
 * or "-".  The canonical name may carry a context prefix in brackets,
 * "[the] West": the brackets go from the name, the prefix is context.
 */
struct efile {
	const char	*file;
	const char	*cols;
	const char	*prefix;
	enum etype	 type;
	unsigned	 flags;		/* extra pattern flags for names */
};

static const struct efile efiles[] = {
	{ "regions.tsv",	"inld",  "region", ET_REGION, 0 },
	{ "orgs.tsv",		"inal",  "org", ET_ORGANIZATION, 0 },
	{ "armed-groups.tsv",	"inal",  "org", ET_ORGANIZATION, 0 },
	{ "groups.tsv",		"inld",  "group", ET_GROUP, LP_PLURAL },
	{ "laws.tsv",		"inal",  "law", ET_LAW, 0 },
	{ "cities.tsv",		"inckl", "city", ET_CITY, 0 },
};

static int
entity_line(struct loader *L, char **f, int nf)
{
	const struct efile *ef = L->ef;
	struct lex_entity *ent;
	char *name, *p, *q, *id;
	unsigned flags = ef->flags;
	uint32_t e, c;
	int i;

	if (check_id(L, f[0], ef->prefix) != 0)
		return -1;
	/* Canonical name without context brackets. */
	name = xstrdup(f[1]);
	if (name[0] == '[' && (p = strchr(name, ']')) != NULL) {
		q = xasprintf("%.*s%s", (int)(p - name - 1), name + 1, p + 1);
		free(name);
		name = q;
	}
	e = add_entity(L, f[0], name, ef->type);
	free(name);
	for (i = 2; i < nf; i++) {
		switch (ef->cols[i]) {
		case 'c':
			id = xasprintf("country/%s", f[i]);
			c = lexicon_find(L->lex, id);
			free(id);
			if (c == LEX_NONE) {
				diag(DIAG_USAGE, L->file, L->line, "unknown "
				    "country '%s'", f[i]);
				return -1;
			}
			L->lex->ent[e].country = c;
			break;
		case 'k':
			if (strcmp(f[i], "capital") == 0)
				flags |= LP_CAPITAL;
			else if (strcmp(f[i], "-") != 0) {
				diag(DIAG_USAGE, L->file, L->line, "want "
				    "'capital' or '-', not '%s'", f[i]);
				return -1;
			}
			break;
		default:
			break;
		}
	}
	if ((flags & LP_CAPITAL) && L->lex->ent[e].country == LEX_NONE) {
		diag(DIAG_USAGE, L->file, L->line, "a capital needs a country");
		return -1;
	}
	/* A name that is one of the acronyms ("BRICS") matches as one. */
	for (i = 2; i < nf; i++)
		if (ef->cols[i] == 'a' && in_list(f[i], f[1]))
			break;
	if (i == nf && add_pat(L, f[1], e, MF_NAME, flags) != 0)
		return -1;
	for (i = 2; i < nf; i++) {
		int rc = 0;

		switch (ef->cols[i]) {
		case 'a':
			rc = add_list(L, f[i], e, MF_ACRONYM, LP_EXACT);
			ent = &L->lex->ent[e];
			if (ent->acronym == NULL)
				ent->acronym = first_of(f[i]);
			break;
		case 'l':
			rc = add_list(L, f[i], e, MF_NAME, flags);
			break;
		case 'd':
			rc = add_list(L, f[i], e, MF_ADJECTIVE,
			    (flags & ~LP_CAPITAL) | LP_PLURAL);
			break;
		default:
			break;
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* metonyms.tsv: surface entity_id */
static int
metonym_line(struct loader *L, char **f, int nf)
{
	uint32_t e = lexicon_find(L->lex, f[1]);

	(void)nf;
	if (e == LEX_NONE) {
		diag(DIAG_USAGE, L->file, L->line, "unknown entity '%s'", f[1]);
		return -1;
	}
	return add_pat(L, f[0], e, MF_METONYM, 0);
}

/* block.tsv: surface */
static int
block_line(struct loader *L, char **f, int nf)
{
	(void)nf;
	return add_pat(L, f[0], LEX_BLOCK, MF_NAME, 0);
}

/* spelling.tsv: word variant */
static int
spelling_line(struct loader *L, char **f, int nf)
{
	(void)nf;
	L->spell = xgrow(L->spell, &L->capspell, L->nspell * 2 + 2,
	    sizeof(*L->spell));
	L->spell[L->nspell * 2] = xstrdup(f[0]);
	L->spell[L->nspell * 2 + 1] = xstrdup(f[1]);
	L->nspell++;
	return 0;
}

/* A pattern with its key, for sorting without global state. */
struct patref {
	const char	*key;
	const struct lex_pat *p;
	uint32_t	 ix;
};

/* Order by key, case-sensitive ones by surface too, then by index. */
static int
patref_cmp(const void *a, const void *b)
{
	const struct patref *x = a, *y = b;
	int c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	if ((c = (int)(x->p->flags & LP_EXACT) -
	    (int)(y->p->flags & LP_EXACT)) != 0)
		return c;
	if ((x->p->flags & LP_EXACT) &&
	    (c = strcmp(x->p->surface, y->p->surface)) != 0)
		return c;
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

/*
 * Two patterns with the same key and case rule naming different
 * entities are an error; the same entity twice keeps the first.
 * Builds the automaton from what is left.
 */
static int
build_automaton(struct loader *L)
{
	struct lexicon *lex = L->lex;
	struct patref *r = xcalloc(lex->npat + 1, sizeof(*r));
	const struct patref *keep = NULL;
	size_t i;
	int rc = 0;

	for (i = 0; i < lex->npat; i++) {
		r[i].key = L->key[i];
		r[i].p = &lex->pat[i];
		r[i].ix = (uint32_t)i;
	}
	qsort(r, lex->npat, sizeof(*r), patref_cmp);
	lex->ac = aho_new();
	for (i = 0; i < lex->npat; i++) {
		const struct lex_pat *p = r[i].p;

		if (keep != NULL && strcmp(r[i].key, keep->key) == 0 &&
		    (p->flags & LP_EXACT) == (keep->p->flags & LP_EXACT) &&
		    (!(p->flags & LP_EXACT) ||
		    strcmp(p->surface, keep->p->surface) == 0)) {
			if (p->ent != keep->p->ent) {
				diag(DIAG_USAGE, L->pfile[r[i].ix],
				    L->pline[r[i].ix], "'%s' already names "
				    "%s (%s:%lu)", p->surface,
				    keep->p->ent == LEX_BLOCK ?
				    "a blocked name" :
				    lex->ent[keep->p->ent].id,
				    L->pfile[keep->ix], L->pline[keep->ix]);
				rc = -1;
			} else {
				/* One entity twice ("Sub-Saharan",
				 * "sub-Saharan"): the looser case rule and
				 * any plural hold. */
				lex->pat[keep->ix].capmask &= p->capmask;
				lex->pat[keep->ix].flags |= p->flags &
				    LP_PLURAL;
			}
			continue;
		}
		keep = &r[i];
		aho_add(lex->ac, r[i].key, strlen(r[i].key), r[i].ix);
	}
	aho_build(lex->ac);
	free(r);
	return rc;
}

struct lexicon *
lexicon_load(const char *lexdir, const char *genlexdir)
{
	struct loader L;
	struct lexicon *lex = xcalloc(1, sizeof(*lex));
	char *paths[16];
	size_t np = 0, i;
	int rc = 0, w;

	memset(&L, 0, sizeof(L));
	L.lex = lex;
	for (w = 0; w < WL__MAX && rc == 0; w++)
		rc = load_wordlist(&L, lexdir, (enum lex_list)w);
#define PATH(dir, name) (paths[np++] = xasprintf("%s/%s", dir, name))
	if (rc == 0)
		rc = read_tsv(&L, PATH(lexdir, "spelling.tsv"), 2, 2,
		    spelling_line);
	if (rc == 0)
		rc = read_tsv(&L, PATH(genlexdir, "countries.tsv"), 4, 4,
		    countries_line);
	if (rc == 0)
		rc = reindex(&L);
	if (rc == 0)
		rc = read_tsv(&L, PATH(lexdir, "country-aliases.tsv"), 2, 5,
		    aliases_line);
	for (i = 0; rc == 0 && i < sizeof(efiles) / sizeof(efiles[0]); i++) {
		size_t ncols = strlen(efiles[i].cols);

		L.ef = &efiles[i];
		rc = read_tsv(&L, PATH(lexdir, efiles[i].file), 2,
		    (int)ncols, entity_line);
		L.ef = NULL;
	}
	if (rc == 0)
		rc = reindex(&L);
	if (rc == 0)
		rc = read_tsv(&L, PATH(lexdir, "metonyms.tsv"), 2, 2,
		    metonym_line);
	if (rc == 0)
		rc = read_tsv(&L, PATH(lexdir, "block.tsv"), 1, 1,
		    block_line);
#undef PATH
	if (rc == 0)
		rc = build_automaton(&L);
	if (rc == 0)
		lex->wx = wordidx_build(lex);
	for (i = 0; i < lex->npat; i++)
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): npat keys */
		free(L.key[i]);
	free(L.key);
	free(L.pfile);
	free(L.pline);
	free(L.efile);
	free(L.eline);
	for (i = 0; i < L.nspell * 2; i++)
		free(L.spell[i]);
	free(L.spell);
	for (i = 0; i < np; i++)
		free(paths[i]);
	if (rc != 0) {
		lexicon_free(lex);
		return NULL;
	}
	return lex;
}

void
lexicon_free(struct lexicon *lex)
{
	size_t i, j;

	if (lex == NULL)
		return;
	for (i = 0; i < lex->nent; i++) {
		free(lex->ent[i].id);
		free(lex->ent[i].name);
		free(lex->ent[i].iso3);
		free(lex->ent[i].cow);
		free(lex->ent[i].acronym);
	}
	free(lex->ent);
	for (i = 0; i < lex->npat; i++)
		free(lex->pat[i].surface);
	free(lex->pat);
	aho_free(lex->ac);
	for (i = 0; i < WL__MAX; i++) {
		if (lex->wl[i] == NULL)
			continue;
		for (j = 0; j < lex->wl[i]->n; j++)
			free(lex->wl[i]->w[j]);
		free(lex->wl[i]->w);
		free(lex->wl[i]);
	}
	wordidx_free(lex->wx);
	free(lex->byid);
	free(lex);
}
