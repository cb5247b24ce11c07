/*
 * segment: paragraphs and their roles.
 *
 * Paragraphs are blank-line separated blocks.  A block whose longest
 * line is longer than wrap-width is text copied from a web page, one
 * paragraph a line; otherwise it is hard-wrapped text, and a line break
 * only ends a paragraph after a short line that ends a sentence.  A
 * credit line always starts a paragraph of its own.
 *
 * Roles come from general layout rules (roles.conf): credit prefixes; a
 * caption is the short paragraph before a credit line; the header zone
 * runs up to the first paragraph that reads as body text, and in it the
 * title is the short line before the standfirst (or the most repeated
 * one), copies of it and site furniture are boilerplate; after the body,
 * "<Name> is a <position> ..." is the author note.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "diag.h"
#include "digest.h"
#include "model.h"
#include "segment.h"
#include "strset.h"
#include "text.h"
#include "xalloc.h"

enum rkey {
	RK_CREDIT, RK_CREDIT_WORD, RK_FURNITURE, RK_CAPTION, RK_BYLINE,
	RK_AUTHOR_VERB, RK_MINOR, RK_PARTICLE, RK__MAX
};

static const char *const rkeys[RK__MAX] = {
	"credit-prefix", "credit-word", "furniture-prefix", "caption-prefix",
	"byline-prefix", "author-verb", "minor-word", "name-particle"
};

struct wordlist {
	char	**w;
	size_t	  n, cap;
};

struct seg_rules {
	struct wordlist	 list[RK__MAX];
	size_t		 wrap_width;
	size_t		 title_words;
	size_t		 heading_words;
	size_t		 caption_words;
	size_t		 subtitle_words;
	size_t		 body_words;
	size_t		 author_tail;
	size_t		 furniture_words;
	size_t		 credit_words;
};

#define LINE_MAX_RULES	1024

static int
set_param(struct seg_rules *r, const char *kv)
{
	static const struct {
		const char	*name;
		size_t		 off;
	} params[] = {
		{ "wrap-width", offsetof(struct seg_rules, wrap_width) },
		{ "title-words", offsetof(struct seg_rules, title_words) },
		{ "heading-words", offsetof(struct seg_rules, heading_words) },
		{ "caption-words", offsetof(struct seg_rules, caption_words) },
		{ "subtitle-words", offsetof(struct seg_rules, subtitle_words) },
		{ "body-words", offsetof(struct seg_rules, body_words) },
		{ "author-tail", offsetof(struct seg_rules, author_tail) },
		{ "furniture-words", offsetof(struct seg_rules,
		    furniture_words) },
		{ "credit-words", offsetof(struct seg_rules, credit_words) },
	};
	const char *eq = strchr(kv, '=');
	unsigned long v;
	char *end;
	size_t i;

	if (eq == NULL)
		return -1;
	errno = 0;
	v = strtoul(eq + 1, &end, 10);
	if (errno != 0 || *end != '\0' || end == eq + 1 || v > 100000)
		return -1;
	for (i = 0; i < sizeof(params) / sizeof(params[0]); i++)
		if (strlen(params[i].name) == (size_t)(eq - kv) &&
		    strncmp(params[i].name, kv, (size_t)(eq - kv)) == 0) {
			*(size_t *)(void *)((char *)r + params[i].off) = v;
			return 0;
		}
	return -1;
}

struct seg_rules *
seg_rules_load(const char *path)
{
	struct seg_rules *r;
	char line[LINE_MAX_RULES], *tab, *nl;
	unsigned long lineno = 0;
	FILE *fp;
	int k;

	if ((fp = fopen(path, "r")) == NULL) {
		diag_errno(errno, path, "cannot open role rules");
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->wrap_width = 100;
	r->title_words = 25;
	r->heading_words = 12;
	r->caption_words = 60;
	r->subtitle_words = 50;
	r->body_words = 30;
	r->author_tail = 3;
	r->furniture_words = 25;
	r->credit_words = 8;
	while (fgets(line, sizeof(line), fp) != NULL) {
		lineno++;
		if ((nl = strchr(line, '\n')) == NULL && !feof(fp)) {
			diag(DIAG_USAGE, path, lineno, "line too long");
			goto fail;
		}
		if (nl != NULL)
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if ((tab = strchr(line, '\t')) == NULL || tab[1] == '\0') {
			diag(DIAG_USAGE, path, lineno,
			    "expected KEY<TAB>VALUE");
			goto fail;
		}
		*tab++ = '\0';
		if (strcmp(line, "param") == 0) {
			if (set_param(r, tab) != 0) {
				diag(DIAG_USAGE, path, lineno,
				    "bad parameter '%s'", tab);
				goto fail;
			}
			continue;
		}
		for (k = 0; k < RK__MAX; k++)
			if (strcmp(line, rkeys[k]) == 0)
				break;
		if (k == RK__MAX) {
			diag(DIAG_USAGE, path, lineno, "unknown key '%s'", line);
			goto fail;
		}
		r->list[k].w = xgrow(r->list[k].w, &r->list[k].cap,
		    r->list[k].n + 1, sizeof(char *));
		r->list[k].w[r->list[k].n++] = xstrdup(tab);
	}
	if (ferror(fp)) {
		diag_errno(errno, path, "cannot read");
		goto fail;
	}
	fclose(fp);
	return r;
fail:
	fclose(fp);
	seg_rules_free(r);
	return NULL;
}

void
seg_rules_free(struct seg_rules *r)
{
	size_t i;
	int k;

	if (r == NULL)
		return;
	for (k = 0; k < RK__MAX; k++) {
		for (i = 0; i < r->list[k].n; i++)
			free(r->list[k].w[i]);
		free(r->list[k].w);
	}
	free(r);
}

/* ---- small text predicates over normalised paragraph text ---------- */

/* Length of the list entry that s starts with (case-insensitive), or 0. */
static size_t
starts_with_any(const struct wordlist *l, const char *s)
{
	size_t i, n, best = 0;

	for (i = 0; i < l->n; i++) {
		n = strlen(l->w[i]);
		if (n > best && strncasecmp(s, l->w[i], n) == 0) {
			/* a word prefix must end at a word boundary ("By" is
			 * not "Byron"); one ending in a digit may go on */
			if (isalpha((unsigned char)l->w[i][n - 1]) &&
			    isalnum((unsigned char)s[n]))
				continue;
			best = n;
		}
	}
	return best;
}

static int
in_list(const struct wordlist *l, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strlen(l->w[i]) == n && strncasecmp(l->w[i], w, n) == 0)
			return 1;
	return 0;
}

/* A credit prefix, after an opening parenthesis or bracket if any. */
static int
credit_prefix(const struct seg_rules *r, const char *s)
{
	if (*s == '(' || *s == '[')
		s++;
	return starts_with_any(&r->list[RK_CREDIT], s) > 0;
}

/* One of the words of l stands in s as a whole word (case-sensitive). */
static int
has_word(const struct wordlist *l, const char *s)
{
	const char *p;
	size_t i, n;

	for (i = 0; i < l->n; i++) {
		n = strlen(l->w[i]);
		for (p = s; (p = strstr(p, l->w[i])) != NULL; p++)
			if ((p == s || !isalnum((unsigned char)p[-1])) &&
			    !isalnum((unsigned char)p[n]))
				return 1;
	}
	return 0;
}

/* Ends a sentence: . ! ? or … possibly followed by closing quotes. */
static int
ends_sentence(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		const char *p = s + n;

		if (n >= 3 && (strncmp(p - 3, "\u201d", 3) == 0 ||
		    strncmp(p - 3, "\u2019", 3) == 0)) {
			n -= 3;
			continue;
		}
		if (p[-1] == '"' || p[-1] == '\'' || p[-1] == ')') {
			n--;
			continue;
		}
		break;
	}
	if (n == 0)
		return 0;
	if (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?')
		return 1;
	return n >= 3 && strncmp(s + n - 3, "\u2026", 3) == 0;
}

/*
 * Title Case: every word that holds a letter and is not a minor word
 * starts with an upper-case letter (or a digit).
 */
static int
title_case(const struct seg_rules *r, const char *s)
{
	const char *w, *e;
	size_t n, words = 0;

	for (w = s; *w != '\0'; w = e) {
		while (*w == ' ')
			w++;
		if (*w == '\0')
			break;
		for (e = w; *e != '\0' && *e != ' '; e++)
			;
		n = (size_t)(e - w);
		/* skip leading punctuation such as ( or a quote */
		while (n > 0 && !isalnum((unsigned char)*w) &&
		    (unsigned char)*w < 0x80) {
			w++;
			n--;
		}
		if (n == 0 || isdigit((unsigned char)*w))
			continue;
		words++;
		if (words > 1 && in_list(&r->list[RK_MINOR], w, n))
			continue;
		if (!text_is_upper_at(w))
			return 0;
	}
	return words > 0;
}

/* ---- splitting -------------------------------------------------------- */

struct line {
	size_t	start, end;	/* byte offsets, end excludes '\n' */
	size_t	cps;		/* code points */
	int	blank;
};

static void
add_para(struct document *d, size_t *cap, size_t start, size_t end)
{
	const char *txt = d->art->text;
	struct paragraph *p;
	char *norm;

	/* trim ASCII white space so offsets point at the text */
	while (start < end && isspace((unsigned char)txt[start]))
		start++;
	while (end > start && isspace((unsigned char)txt[end - 1]))
		end--;
	norm = text_normalize(txt + start, end - start);
	if (*norm == '\0') {
		free(norm);
		return;
	}
	d->para = xgrow(d->para, cap, d->npara + 1, sizeof(*d->para));
	p = &d->para[d->npara++];
	memset(p, 0, sizeof(*p));
	p->start = start;
	p->end = end;
	p->text = norm;
	p->ordinal = d->npara;
	p->words = text_words(norm);
	p->role = ROLE_BODY;
}

static int
is_credit_line(const struct seg_rules *r, const char *s, size_t n)
{
	char *t = text_normalize(s, n);
	int yes = credit_prefix(r, t);

	free(t);
	return yes;
}

static void
split_block(struct document *d, const struct seg_rules *r, size_t *cap,
    const struct line *ln, size_t n)
{
	const char *txt = d->art->text;
	size_t i, maxcps = 0, start = ln[0].start;
	int perline;

	for (i = 0; i < n; i++)
		if (ln[i].cps > maxcps)
			maxcps = ln[i].cps;
	perline = maxcps > r->wrap_width;
	for (i = 0; i + 1 < n; i++) {
		int brk = perline;

		if (!brk && is_credit_line(r, txt + ln[i + 1].start,
		    ln[i + 1].end - ln[i + 1].start))
			brk = 1;
		if (!brk && is_credit_line(r, txt + ln[i].start,
		    ln[i].end - ln[i].start))
			brk = 1;
		if (!brk) {
			char *t = text_normalize(txt + ln[i].start,
			    ln[i].end - ln[i].start);

			brk = ends_sentence(t) && ln[i].cps * 5 < maxcps * 4;
			free(t);
		}
		if (brk) {
			add_para(d, cap, start, ln[i].end);
			start = ln[i + 1].start;
		}
	}
	add_para(d, cap, start, ln[n - 1].end);
}

static void
split_paragraphs(struct document *d, const struct seg_rules *r)
{
	const char *txt = d->art->text;
	struct line *ln = NULL;
	size_t nl = 0, capl = 0, capp = 0, i, j, s, e;

	for (s = 0; s <= d->art->len; s = e + 1) {
		const char *nlp = memchr(txt + s, '\n', d->art->len - s);

		e = nlp != NULL ? (size_t)(nlp - txt) : d->art->len;
		ln = xgrow(ln, &capl, nl + 1, sizeof(*ln));
		ln[nl].start = s;
		ln[nl].end = e;
		ln[nl].cps = utf8_count(txt + s, e - s);
		ln[nl].blank = text_is_blank(txt + s, e - s);
		nl++;
		if (nlp == NULL)
			break;
	}
	for (i = 0; i < nl; i = j) {
		if (ln[i].blank) {
			j = i + 1;
			continue;
		}
		for (j = i; j < nl && !ln[j].blank; j++)
			;
		split_block(d, r, &capp, ln + i, j - i);
	}
	free(ln);
}

/* ---- authors ------------------------------------------------------------ */

static int
name_token(const struct seg_rules *r, const char *w, size_t n)
{
	if (n == 0)
		return 0;
	if (text_is_upper_at(w))
		return 1;
	return in_list(&r->list[RK_PARTICLE], w, n);
}

/*
 * The run of name tokens that ends right before text + end (a space
 * separates them); 2 to 5 tokens, the first capitalised.  Returns the
 * start offset or (size_t)-1.
 */
static size_t
name_before(const struct seg_rules *r, const char *text, size_t end)
{
	size_t e = end, b, first = (size_t)-1, tokens = 0;

	while (e > 0 && text[e - 1] == ' ')
		e--;
	while (e > 0 && tokens < 5) {
		b = e;
		while (b > 0 && text[b - 1] != ' ')
			b--;
		if (!name_token(r, text + b, e - b))
			break;
		/* a token ending in , or . ends the name on its left side */
		if (tokens > 0 && (text[e - 1] == ',' || text[e - 1] == '.' ||
		    text[e - 1] == ';'))
			break;
		if (text_is_upper_at(text + b))
			first = b;
		tokens++;
		if (b == 0)
			break;
		e = b - 1;
	}
	if (first == (size_t)-1 || tokens < 2)
		return (size_t)-1;
	/* the name must not reach into a particle-only start */
	return first;
}

static void
add_author(struct buf *b, const char *s, size_t n)
{
	char *name;
	const char *p;

	while (n > 0 && (s[n - 1] == ',' || s[n - 1] == ' '))
		n--;
	name = xstrndup(s, n);
	/* skip duplicates */
	for (p = buf_str(b); (p = strstr(p, name)) != NULL; p += n)
		if ((p == buf_str(b) || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ';')) {
			free(name);
			return;
		}
	if (b->len > 0)
		buf_adds(b, "; ");
	buf_adds(b, name);
	free(name);
}

/*
 * Split "A, B and C" (the names before a plural verb, or a byline) into
 * authors.
 */
static void
add_author_list(const struct seg_rules *r, struct buf *b, const char *s,
    size_t n)
{
	char *t = xstrndup(s, n), *p = t, *q;

	for (;;) {
		size_t len;

		q = strstr(p, " and ");
		len = q != NULL ? (size_t)(q - p) : strlen(p);
		{
			char *c = memchr(p, ',', len);

			if (c != NULL)
				len = (size_t)(c - p);
		}
		while (*p == ' ')
			p++;
		if (len > 0 && name_before(r, p, len) == 0)
			add_author(b, p, len);
		p += len;
		if (*p == ',')
			p++;
		else if (strncmp(p, " and ", 5) == 0)
			p += 5;
		else
			break;
		while (*p == ' ')
			p++;
		if (strncmp(p, "and ", 4) == 0)
			p += 4;
	}
	free(t);
}

/*
 * Find "<Name> <author-verb>" occurrences; returns how many were found,
 * appends the names to b and sets *first to the offset of the first.
 */
static size_t
note_authors(const struct seg_rules *r, const char *text, struct buf *b,
    size_t *first)
{
	const struct wordlist *verbs = &r->list[RK_AUTHOR_VERB];
	size_t i, found = 0;
	const char *p;

	*first = (size_t)-1;
	for (i = 0; i < verbs->n; i++) {
		size_t vl = strlen(verbs->w[i]);
		int plural = strcmp(verbs->w[i], "are") == 0;

		for (p = text; (p = strstr(p, verbs->w[i])) != NULL; p += vl) {
			size_t at = (size_t)(p - text), start, s2;

			if (at == 0 || text[at - 1] != ' ' ||
			    (p[vl] != ' ' && p[vl] != '\0'))
				continue;
			start = name_before(r, text, at - 1);
			if (plural) {
				/* "A and B are": the list before the verb */
				s2 = start;
				while (s2 != (size_t)-1 && s2 > 4 &&
				    (strncmp(text + s2 - 5, " and ", 5) == 0 ||
				    strncmp(text + s2 - 2, ", ", 2) == 0)) {
					size_t back = text[s2 - 2] == ',' ?
					    s2 - 2 : s2 - 5;
					size_t s3 = name_before(r, text, back);

					if (s3 == (size_t)-1)
						break;
					s2 = s3;
				}
				if (s2 == (size_t)-1)
					continue;
				start = s2;
			}
			if (start == (size_t)-1)
				continue;
			/* the name starts the text or follows ". ", "and ", ", " */
			if (start != 0 && !(start >= 2 && (text[start - 2] ==
			    '.' || text[start - 2] == ',' || text[start - 2] ==
			    ';')) && !(start >= 4 &&
			    strncmp(text + start - 4, "and ", 4) == 0))
				continue;
			if (start < *first)
				*first = start;
			if (plural)
				add_author_list(r, b, text + start,
				    at - 1 - start);
			else
				add_author(b, text + start, at - 1 - start);
			found++;
		}
	}
	return found;
}

/* Authors in order of appearance: re-sort the "; " list by position. */
static char *
order_authors(const char *text, const char *list)
{
	char **names = NULL, *copy = xstrdup(list), *p, *sc;
	size_t n = 0, cap = 0, i, j;
	struct buf b;

	for (p = copy; p != NULL; p = sc) {
		sc = strstr(p, "; ");
		if (sc != NULL) {
			*sc = '\0';
			sc += 2;
		}
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = p;
	}
	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			const char *a = strstr(text, names[j - 1]);
			const char *c = strstr(text, names[j]);
			char *t;

			if (a == NULL || c == NULL || a <= c)
				break;
			t = names[j - 1];
			names[j - 1] = names[j];
			names[j] = t;
		}
	buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&b, "; ");
		buf_adds(&b, names[i]);
	}
	free(names);
	free(copy);
	return buf_detach(&b);
}

/* ---- roles ------------------------------------------------------------ */

static int
is_author_note(const struct seg_rules *r, const struct paragraph *p,
    struct buf *authors)
{
	struct buf names;
	size_t first;
	int yes;

	if (p->words > 120)
		return 0;
	/* the note starts with the name of its first author */
	buf_init(&names);
	yes = note_authors(r, p->text, &names, &first) > 0 && first == 0;
	if (yes) {
		const char *n = buf_str(&names), *sc;

		for (; *n != '\0'; n = *sc != '\0' ? sc + 2 : sc) {
			sc = strstr(n, "; ");
			if (sc == NULL)
				sc = n + strlen(n);
			add_author(authors, n, (size_t)(sc - n));
		}
	}
	buf_release(&names);
	return yes;
}

static int
is_byline(const struct seg_rules *r, const struct paragraph *p,
    struct buf *authors)
{
	size_t n = starts_with_any(&r->list[RK_BYLINE], p->text), len;
	const char *sep;

	if (n == 0 || p->words > 20 || ends_sentence(p->text))
		return 0;
	while (p->text[n] == ' ' || p->text[n] == ':')
		n++;
	if (!text_is_upper_at(p->text + n))
		return 0;
	/* "By A and B | June 3, 2015": the names end at a separator */
	len = strcspn(p->text + n, "|\u2022");
	if ((sep = strstr(p->text + n, " \u2014 ")) != NULL &&
	    (size_t)(sep - (p->text + n)) < len)
		len = (size_t)(sep - (p->text + n));
	if ((sep = strstr(p->text + n, " - ")) != NULL &&
	    (size_t)(sep - (p->text + n)) < len)
		len = (size_t)(sep - (p->text + n));
	add_author_list(r, authors, p->text + n, len);
	return 1;
}

/*
 * A caption without a credit line: a line that does not end a sentence,
 * too long or not capitalised enough to be a heading.
 */
static int
is_loose_caption(const struct seg_rules *r, const struct paragraph *p)
{
	size_t n = strlen(p->text);

	if (ends_sentence(p->text) || p->words > r->caption_words ||
	    strchr(":;,", p->text[n - 1]) != NULL)
		return 0;
	return p->words > r->heading_words ||
	    (p->words > 6 && !title_case(r, p->text));
}

/* ---- repeated paragraphs ----------------------------------------------- */

/*
 * For each paragraph, which occurrence of its text it is (1 for the
 * first) and how many paragraphs of the document hold the same text:
 * one pass over a hash table of the distinct texts, so a document of
 * many paragraphs costs a time linear in its size, not in the square
 * of its paragraphs.
 */
struct repeats {
	size_t	*occ;		/* 1-based occurrence of para[i]'s text */
	size_t	*total;		/* paragraphs holding para[i]'s text */
};

static void
repeats_count(const struct document *d, struct repeats *rp)
{
	size_t n = d->npara, size = 16, i, h, *slot, *group, *count;

	while (size < 2 * n)
		size *= 2;
	slot = xcalloc(size, sizeof(*slot));	/* 1 + first paragraph */
	group = xcalloc(n + 1, sizeof(*group));
	count = xcalloc(n + 1, sizeof(*count));
	rp->occ = xcalloc(n + 1, sizeof(*rp->occ));
	rp->total = xcalloc(n + 1, sizeof(*rp->total));
	for (i = 0; i < n; i++) {
		const char *t = d->para[i].text;

		h = (size_t)strset_hash(t, strlen(t)) & (size - 1);
		while (slot[h] != 0 && strcmp(d->para[slot[h] - 1].text,
		    t) != 0)
			h = (h + 1) & (size - 1);
		if (slot[h] == 0)
			slot[h] = i + 1;
		group[i] = slot[h] - 1;
		rp->occ[i] = ++count[group[i]];
	}
	for (i = 0; i < n; i++)
		rp->total[i] = count[group[i]];
	free(slot);
	free(group);
	free(count);
}

static void
repeats_release(struct repeats *rp)
{
	free(rp->occ);
	free(rp->total);
}

static void
classify(struct document *d, const struct seg_rules *r,
    const struct repeats *rp)
{
	struct paragraph *P = d->para;
	size_t n = d->npara, i, j, hz, title = (size_t)-1, sub = (size_t)-1;
	size_t bestc = 0, bestw = 0, count;
	struct buf authors;
	const char *section = NULL;

	buf_init(&authors);
	/* page furniture that says what it is */
	for (i = 0; i < n; i++)
		if (P[i].words <= r->furniture_words &&
		    starts_with_any(&r->list[RK_FURNITURE], P[i].text) > 0)
			P[i].role = ROLE_BOILERPLATE;
	/* credits, and the captions just before them */
	for (i = 0; i < n; i++)
		if (P[i].role != ROLE_BODY)
			continue;
		else if ((credit_prefix(r, P[i].text) &&
		    P[i].words <= r->caption_words) ||
		    (i > 0 && P[i].words <= r->credit_words &&
		    !ends_sentence(P[i].text) &&
		    has_word(&r->list[RK_CREDIT_WORD], P[i].text) &&
		    P[i - 1].role == ROLE_BODY &&
		    P[i - 1].words <= r->caption_words &&
		    P[i - 1].words < r->body_words)) {
			P[i].role = ROLE_CREDIT;
			if (i > 0 && P[i - 1].role == ROLE_BODY &&
			    P[i - 1].words <= r->caption_words)
				P[i - 1].role = ROLE_CAPTION;
		} else if (starts_with_any(&r->list[RK_CAPTION], P[i].text) > 0
		    && P[i].words <= r->caption_words)
			P[i].role = ROLE_CAPTION;
	/* the header zone: up to the first paragraph that reads as body */
	for (hz = 0; hz < n; hz++)
		if (P[hz].role == ROLE_BODY && ends_sentence(P[hz].text) &&
		    P[hz].words >= r->body_words)
			break;
	/* standfirst: the first sentence-ending paragraph after a title line */
	for (i = 0; i < hz; i++) {
		if (P[i].role != ROLE_BODY)
			continue;
		if (ends_sentence(P[i].text)) {
			if (i > 0 && P[i].words <= r->subtitle_words &&
			    P[i - 1].role == ROLE_BODY &&
			    !ends_sentence(P[i - 1].text) &&
			    P[i - 1].words <= r->title_words) {
				sub = i;
				title = i - 1;
			}
			break;
		}
	}
	if (d->art->meta.title != NULL && (title == (size_t)-1 ||
	    strcmp(P[title].text, d->art->meta.title) != 0)) {
		char *mt = text_normalize(d->art->meta.title,
		    strlen(d->art->meta.title));

		for (i = 0; i < hz; i++)
			if (strcmp(P[i].text, mt) == 0) {
				title = i;
				break;
			}
		free(mt);
	}
	if (title == (size_t)-1) {
		/* the most repeated short line, then the longest, then first */
		for (i = 0; i < hz; i++) {
			if (P[i].role != ROLE_BODY ||
			    ends_sentence(P[i].text) ||
			    P[i].words > r->title_words ||
			    starts_with_any(&r->list[RK_BYLINE], P[i].text))
				continue;
			count = rp->total[i];
			if (title == (size_t)-1 || count > bestc ||
			    (count == bestc && P[i].words > bestw)) {
				title = i;
				bestc = count;
				bestw = P[i].words;
			}
		}
		/* an article that starts straight with its text */
		if (title == (size_t)-1 && hz > 0 && P[0].role == ROLE_BODY &&
		    P[0].words <= r->title_words)
			title = 0;
	}
	if (sub == (size_t)-1 && title != (size_t)-1)
		for (i = title + 1; i < hz; i++) {
			if (P[i].role != ROLE_BODY)
				continue;
			if (ends_sentence(P[i].text) &&
			    P[i].words <= r->subtitle_words)
				sub = i;
			if (strcmp(P[i].text, P[title].text) != 0)
				break;
		}
	/* everything else in the header zone is furniture or a byline */
	for (i = 0; i < hz; i++) {
		if (i == title)
			P[i].role = ROLE_TITLE;
		else if (i == sub)
			P[i].role = ROLE_SUBTITLE;
		else if (P[i].role == ROLE_BODY) {
			if (title != (size_t)-1 && i > title &&
			    is_byline(r, &P[i], &authors))
				P[i].role = ROLE_AUTHOR_NOTE;
			else if (title != (size_t)-1 && i > title &&
			    strcmp(P[i].text, P[title].text) != 0 &&
			    is_loose_caption(r, &P[i]))
				P[i].role = ROLE_CAPTION;
			else
				P[i].role = ROLE_BOILERPLATE;
		}
	}
	/* the author note: one of the last paragraphs */
	for (i = n; i > hz && i + r->author_tail > n; i--)
		if (P[i - 1].role == ROLE_BODY &&
		    is_author_note(r, &P[i - 1], &authors)) {
			P[i - 1].role = ROLE_AUTHOR_NOTE;
			/* what follows the note is page furniture */
			for (j = i; j < n; j++)
				if (P[j].role == ROLE_BODY)
					P[j].role = ROLE_BOILERPLATE;
			break;
		}
	/* the body zone: repeated titles, headings, captions */
	for (i = hz; i < n; i++) {
		if (P[i].role != ROLE_BODY)
			continue;
		if (title != (size_t)-1 && strcmp(P[i].text, P[title].text) == 0)
			P[i].role = ROLE_BOILERPLATE;
		else if (!ends_sentence(P[i].text) &&
		    P[i].words <= r->heading_words &&
		    (title_case(r, P[i].text) || P[i].words <= 6))
			P[i].role = ROLE_HEADING;
		else if (is_loose_caption(r, &P[i]))
			P[i].role = ROLE_CAPTION;
	}
	/* sections */
	for (i = 0; i < n; i++) {
		if (P[i].role == ROLE_HEADING)
			section = P[i].text;
		else if (P[i].role == ROLE_BODY && section != NULL)
			P[i].section = xstrdup(section);
	}
	d->title = title != (size_t)-1 ? P[title].text : NULL;
	d->subtitle = sub != (size_t)-1 ? P[sub].text : NULL;
	if (authors.len > 0)
		d->authors = order_authors(d->art->text, buf_str(&authors));
	buf_release(&authors);
}

/* ---- ids and offsets -------------------------------------------------- */

static void
assign_ids(struct document *d, const struct repeats *rp)
{
	char hex[DIGEST_HEX_MAX];
	size_t i, rep;

	for (i = 0; i < d->npara; i++) {
		struct paragraph *p = &d->para[i];

		digest_buf(DIGEST_SHA256, p->text, strlen(p->text), hex);
		hex[10] = '\0';
		rep = rp->occ[i];
		if (rep == 1)
			p->id = xasprintf("%s:p%s", d->id, hex);
		else
			p->id = xasprintf("%s:p%s.%zu", d->id, hex, rep);
	}
}

int
segment_run(struct document *d, const struct seg_rules *r)
{
	struct repeats rp;
	size_t i, cp = 0, at = 0;
	const char *txt = d->art->text;

	split_paragraphs(d, r);
	if (d->npara == 0) {
		diag(DIAG_DATA, d->art->name, 0, "no text in article");
		return -1;
	}
	/* code point offsets, walking forward once */
	for (i = 0; i < d->npara; i++) {
		struct paragraph *p = &d->para[i];

		cp += utf8_count(txt + at, p->start - at);
		p->cstart = cp;
		cp += utf8_count(txt + p->start, p->end - p->start);
		p->cend = cp;
		at = p->end;
	}
	repeats_count(d, &rp);
	classify(d, r, &rp);
	/* the sidecar fills what the text does not say */
	if (d->title == NULL)
		d->title = d->art->meta.title;
	if (d->subtitle == NULL)
		d->subtitle = d->art->meta.subtitle;
	if (d->authors == NULL && d->art->meta.authors != NULL)
		d->authors = xstrdup(d->art->meta.authors);
	for (i = 0; i < d->npara; i++)
		d->words += d->para[i].role == ROLE_BODY ? d->para[i].words : 0;
	assign_ids(d, &rp);
	repeats_release(&rp);
	return 0;
}
