/*
 * segment: paragraphs and their roles.
 *
 * Paragraphs are blank-line separated blocks.  A block whose longest
 * line is longer than wrap-width is text copied from a web page, one
 * paragraph a line, and so is a list pasted without its marks (every
 * line a sentence); otherwise it is hard-wrapped text, and a line break
 * only ends a paragraph after a short line that ends a sentence, or
 * after a line under half the width before a capital (furniture stacked
 * line by line).  Credit lines, bylines, date lines and list items
 * ("• ", "1. ") always make paragraphs of their own; a bullet mark is
 * left out of its item's text.
 *
 * Roles come from general layout rules (roles.conf): credit prefixes; a
 * caption is the short paragraph before a credit line, a copy of one or
 * one with its credit glued on; a press release's end marker or the
 * heading of its contacts ("Media contacts") or a wire sign-off ends
 * the story.  The header zone runs up to where the story starts: a wire
 * dateline, the first sentence paragraph after the
 * standfirst, two sentence paragraphs in a row, or a sentence paragraph
 * of body-words words (header_zone()).  In it the title is the short
 * line before the standfirst (or the most repeated one, or a headline
 * over a standfirst that is no sentence), copies of it, date lines and
 * site furniture are boilerplate, bylines author notes; after the body,
 * "<Name> is a <position> ..." is the author note.  In the body, short
 * lines are headings, and so are one-sentence questions.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/segment.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/hash.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/wordlist.h"
#include "lib/xalloc.h"
#include "tables/model.h"

enum rkey {
	RK_CREDIT, RK_CREDIT_WORD, RK_FURNITURE, RK_CAPTION, RK_BYLINE,
	RK_AUTHOR_VERB, RK_MINOR, RK_PARTICLE, RK_BULLET, RK_DATELINE_DASH,
	RK_END_MARKER, RK_SIGNOFF, RK_DATE_WORD, RK_BYLINE_ROLE,
	RK_HEADING_PREFIX, RK_END_HEADING, RK__MAX
};

static const char *const rkeys[RK__MAX] = {
	"credit-prefix", "credit-word", "furniture-prefix", "caption-prefix",
	"byline-prefix", "author-verb", "minor-word", "name-particle",
	"bullet", "dateline-dash", "end-marker", "signoff-prefix", "date-word",
	"byline-role", "heading-prefix", "end-heading"
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
	size_t		 list_lines;
	size_t		 dateline_words;
	size_t		 title_min_words;
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
		{ "list-lines", offsetof(struct seg_rules, list_lines) },
		{ "dateline-words", offsetof(struct seg_rules,
		    dateline_words) },
		{ "title-min-words", offsetof(struct seg_rules,
		    title_min_words) },
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
	for (k = 0; k < RK__MAX; k++)
		wordlist_init(&r->list[k]);
	r->wrap_width = 100;
	r->title_words = 25;
	r->heading_words = 12;
	r->caption_words = 60;
	r->subtitle_words = 50;
	r->body_words = 30;
	r->author_tail = 3;
	r->furniture_words = 25;
	r->credit_words = 8;
	r->list_lines = 3;
	r->dateline_words = 10;
	r->title_min_words = 4;
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
		wordlist_add(&r->list[k], tab, strlen(tab));
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
	int k;

	if (r == NULL)
		return;
	for (k = 0; k < RK__MAX; k++)
		wordlist_release(&r->list[k]);
	free(r);
}

/* ---- small text predicates over normalised paragraph text ---------- */

/* Length of the list entry that s starts with (case-insensitive), or 0. */
static size_t
starts_with_any(const struct wordlist *l, const char *s)
{
	size_t i, n, best = 0;

	for (i = 0; i < l->n; i++) {
		n = l->len[i];
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
		n = l->len[i];
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
		if (words > 1 && wordlist_has_nocase(&r->list[RK_MINOR], w, n))
			continue;
		if (!text_is_upper_at(w))
			return 0;
	}
	return words > 0;
}

/* One of the words of l stands in s as a whole word, case ignored. */
static int
has_word_ci(const struct wordlist *l, const char *s)
{
	const char *w, *e;

	for (w = s; *w != '\0'; w = e) {
		while (*w == ' ')
			w++;
		for (e = w; *e != '\0' && *e != ' '; e++)
			;
		while (e > w && (e[-1] == ',' || e[-1] == '.' || e[-1] == ':'))
			e--;
		if (e > w && wordlist_has_nocase(l, w, (size_t)(e - w)))
			return 1;
		while (*e != '\0' && *e != ' ')
			e++;
	}
	return 0;
}

/*
 * A date line: a short line of which at least two words hold a digit,
 * and either a third of the words do or one is a clock time "9:05"
 * ("March 4, 2024 · 2:41 PM UTC · Updated an hour ago", "Published 7
 * January 2021"); or a line of at most six words with a digit and a
 * date-word ("Updated 2 hours ago").  Page furniture, never a title.
 */
static int
is_date_line(const struct seg_rules *r, const struct paragraph *p)
{
	const char *s = p->text, *w = s;
	size_t digits = 0;
	int hasdigit = 0, clock = 0;

	if (p->words > r->heading_words)
		return 0;
	for (;; s++) {
		if (*s == ' ' || *s == '\0') {
			if (hasdigit)
				digits++;
			/* [0-9]{1,2}:[0-9]{2} */
			if (s - w >= 4 && s - w <= 5 && s[-3] == ':' &&
			    isdigit((unsigned char)s[-1]) &&
			    isdigit((unsigned char)s[-2]) &&
			    isdigit((unsigned char)w[0]) &&
			    (s - w == 4 || isdigit((unsigned char)w[1])))
				clock = 1;
			hasdigit = 0;
			if (*s == '\0')
				break;
			w = s + 1;
			continue;
		}
		if (isdigit((unsigned char)*s))
			hasdigit = 1;
	}
	if (digits >= 2 && (clock || digits * 3 >= p->words))
		return 1;
	/* "Updated 2 hours ago", "8 min read" */
	return digits >= 1 && p->words <= 6 &&
	    has_word_ci(&r->list[RK_DATE_WORD], p->text);
}

/* p holds " <dateline-dash> " and text goes on after it. */
static int
dash_at(const struct seg_rules *r, const char *p)
{
	const struct wordlist *dash = &r->list[RK_DATELINE_DASH];
	size_t i, n;

	if (*p != ' ')
		return 0;
	for (i = 0; i < dash->n; i++) {
		n = dash->len[i];
		if (strncmp(p + 1, dash->w[i], n) == 0 && p[1 + n] == ' ' &&
		    p[2 + n] != '\0')
			return 1;
	}
	return 0;
}

/*
 * A dateline with the place in title case and the agency in brackets:
 * "Lima (Agency) - ...", "San Jose (Wire Service) – ...": one to three
 * capitalised words, a bracket of one to three words, a dash.
 */
static int
bracket_dateline(const struct seg_rules *r, const char *s)
{
	const char *p = s, *close;
	size_t words = 0;

	while (words < 3 && text_is_upper_at(p)) {
		while (*p != '\0' && *p != ' ')
			p++;
		words++;
		if (p[0] == ' ' && p[1] == '(')
			break;
		if (*p == ' ')
			p++;
	}
	if (words == 0 || p[0] != ' ' || p[1] != '(' ||
	    (close = strchr(p, ')')) == NULL || close - p > 40)
		return 0;
	return dash_at(r, close + 1);
}

/*
 * A wire dateline opens the first paragraph of the story: a place in
 * capital letters ("ARUSHA", "DAR ES SALAAM"), then, after a comma or a
 * bracket and within dateline-words words (a region, a date, the agency
 * in brackets), one of the dateline-dash marks between spaces, then the
 * text: "ARUSHA, Tanzania, March 4 (Agency) – Somalia ..."; or a place in
 * capitals and a colon ("NEW DELHI: The ..."); or bracket_dateline().
 */
static int
is_dateline(const struct seg_rules *r, const char *s)
{
	const char *p = s;
	size_t letters = 0, words = 0;

	/* the place: one or more words of capitals */
	for (;;) {
		size_t wl = 0;

		while (*p != '\0' && *p != ' ' && *p != ',' && *p != '(' &&
		    *p != ':') {
			if (text_is_upper_at(p)) {
				wl++;
				letters++;
			} else if (*p != '.' && *p != '-' && *p != '\'')
				return bracket_dateline(r, s);
			p += utf8_seqlen((unsigned char)*p);
		}
		if (wl == 0)
			return 0;
		/* "NEW DELHI: The ..." */
		if (*p == ':')
			return letters >= 2 && p[1] == ' ' &&
			    text_is_upper_at(p + 2);
		words++;
		/* another word of two or more capitals goes on with it */
		if (*p == ' ' && text_is_upper_at(p + 1) &&
		    text_is_upper_at(p + 1 + utf8_seqlen((unsigned char)p[1])))
			p++;
		else
			break;
	}
	if (letters < 2)
		return 0;
	if (*p != ',' && !(*p == ' ' && p[1] == '('))
		return dash_at(r, p);
	for (; *p != '\0' && words <= r->dateline_words; p++) {
		if (*p != ' ')
			continue;
		if (dash_at(r, p))
			return 1;
		words++;
	}
	return 0;
}

/*
 * The end of a press release: its end marker ("ENDS", "###"), with any
 * dashes or asterisks around it.
 */
static int
is_end_marker(const struct seg_rules *r, const char *s)
{
	const struct wordlist *l = &r->list[RK_END_MARKER];
	size_t n = strlen(s);

	if (wordlist_has_nocase(l, s, n))
		return 1;
	while (*s == '-' || *s == '*' || *s == ' ') {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == '-' || s[n - 1] == '*' || s[n - 1] == ' '))
		n--;
	return n > 0 && wordlist_has_nocase(l, s, n);
}

/*
 * A wire story's sign-off, in brackets or not: "(Reporting by A in X;
 * Editing by B)".  It names the story's people, as an author note does.
 */
static int
is_signoff(const struct seg_rules *r, const char *s)
{
	if (*s == '(')
		s++;
	return starts_with_any(&r->list[RK_SIGNOFF], s) > 0 &&
	    text_words(s) <= r->furniture_words;
}

/*
 * A caption with its credit glued on as its last sentence: "People at
 * a meeting. Photo: Someone/Agency".
 */
static int
glued_credit(const struct seg_rules *r, const char *s)
{
	const char *p;

	for (p = s; (p = strchr(p, ' ')) != NULL; p++)
		if (p > s && (p[-1] == '.' || p[-1] == ',') &&
		    starts_with_any(&r->list[RK_CREDIT], p + 1) > 0 &&
		    text_words(p + 1) <= 2 * r->credit_words)
			return 1;
	return 0;
}

/*
 * The heading of a press release's contacts ("Media contacts"), with a
 * colon after it or not.
 */
static int
is_end_heading(const struct seg_rules *r, const char *s)
{
	size_t n = strlen(s);

	if (n > 0 && s[n - 1] == ':')
		n--;
	return n > 0 && wordlist_has_nocase(&r->list[RK_END_HEADING], s, n);
}

/*
 * A bullet mark and a space at the start of s: the length of the mark,
 * or 0.
 */
static size_t
glyph_mark(const struct seg_rules *r, const char *s, size_t n)
{
	const struct wordlist *l = &r->list[RK_BULLET];
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		k = l->len[i];
		if (k < n && strncmp(s, l->w[i], k) == 0 && s[k] == ' ')
			return k;
	}
	return 0;
}

/*
 * A list item line: a bullet mark and a space, or a number of one or
 * two digits, '.' or ')' and a space.  Returns the length of the mark.
 */
static size_t
item_mark(const struct seg_rules *r, const char *s, size_t n)
{
	size_t k;

	if ((k = glyph_mark(r, s, n)) > 0)
		return k;
	for (k = 0; k < n && k < 3 && isdigit((unsigned char)s[k]); k++)
		;
	if (k > 0 && k < 3 && k + 1 < n && (s[k] == '.' || s[k] == ')') &&
	    s[k + 1] == ' ')
		return k + 1;
	return 0;
}

/* ---- splitting -------------------------------------------------------- */

struct line {
	size_t	start, end;	/* byte offsets, end excludes '\n' */
	size_t	cps;		/* code points */
};

/*
 * A paragraph of the bytes [start, end), trimmed; a list item's bullet
 * mark is left out (a number stays: "2." may be what a text refers to).
 */
static void
add_para(struct document *d, const struct seg_rules *r, size_t *cap,
    size_t start, size_t end)
{
	const char *txt = d->art->text;
	struct paragraph *p;
	char *norm;
	size_t k;
	int item;

	/* trim ASCII white space so offsets point at the text */
	while (start < end && isspace((unsigned char)txt[start]))
		start++;
	while (end > start && isspace((unsigned char)txt[end - 1]))
		end--;
	item = item_mark(r, txt + start, end - start) > 0;
	if ((k = glyph_mark(r, txt + start, end - start)) > 0) {
		start += k;
		while (start < end && isspace((unsigned char)txt[start]))
			start++;
	}
	norm = text_normalize(txt + start, end - start);
	if (*norm == '\0') {
		free(norm);
		return;
	}
	d->para = xgrow(d->para, cap, d->npara + 1, sizeof(*d->para));
	p = &d->para[d->npara++];
	memset(p, 0, sizeof(*p));
	p->start = (uint32_t)start;
	p->end = (uint32_t)end;
	p->text = document_strdup(d, norm);
	p->ordinal = (uint32_t)d->npara;
	p->words = (uint32_t)text_words(norm);
	p->role = ROLE_BODY;
	p->item = (uint8_t)item;
	free(norm);
}

static int
is_credit_line(const struct seg_rules *r, const char *s, size_t n)
{
	char *t = text_normalize(s, n);
	int yes = credit_prefix(r, t);

	free(t);
	return yes;
}

/*
 * A list pasted without its marks: list-lines or more lines, each
 * starting with a capital or a digit and ending a sentence.  Wrapped
 * prose seldom ends every line at a sentence end.
 */
static int
is_list(const struct seg_rules *r, const char *txt, const struct line *ln,
    size_t n)
{
	size_t i;
	int yes = 1;

	if (n < r->list_lines)
		return 0;
	for (i = 0; i < n && yes; i++) {
		char *t = text_normalize(txt + ln[i].start,
		    ln[i].end - ln[i].start);

		yes = (text_is_upper_at(t) || isdigit((unsigned char)*t)) &&
		    ends_sentence(t);
		free(t);
	}
	return yes;
}

static int	is_byline(const struct seg_rules *, const struct paragraph *,
		    struct buf *);

/* is_byline() without the names it finds. */
static int
byline_para(const struct seg_rules *r, const struct paragraph *p)
{
	return is_byline(r, p, NULL);
}

/*
 * Is the line [s, s + n) a paragraph that test() accepts: a date line
 * ("Published 7 January 2021", is_date_line) or a byline ("By A and B",
 * "Jane Doe, Correspondent", byline_para)?
 */
static int
line_is(const struct seg_rules *r, const char *s, size_t n,
    int (*test)(const struct seg_rules *, const struct paragraph *))
{
	struct paragraph p;
	int yes;

	memset(&p, 0, sizeof(p));
	p.text = text_normalize(s, n);
	p.words = (uint32_t)text_words(p.text);
	yes = *p.text != '\0' && test(r, &p);
	free(p.text);
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
	perline = maxcps > r->wrap_width || is_list(r, txt, ln, n);
	for (i = 0; i + 1 < n; i++) {
		int brk = perline;

		/* a list item starts a paragraph of its own */
		if (!brk && item_mark(r, txt + ln[i + 1].start,
		    ln[i + 1].end - ln[i + 1].start) > 0)
			brk = 1;

		if (!brk && is_credit_line(r, txt + ln[i + 1].start,
		    ln[i + 1].end - ln[i + 1].start))
			brk = 1;
		if (!brk && is_credit_line(r, txt + ln[i].start,
		    ln[i].end - ln[i].start))
			brk = 1;
		/* a byline line is a paragraph of its own ("By A" between
		 * a title and a date) */
		if (!brk && (line_is(r, txt + ln[i].start,
		    ln[i].end - ln[i].start, byline_para) || line_is(r,
		    txt + ln[i + 1].start, ln[i + 1].end - ln[i + 1].start,
		    byline_para)))
			brk = 1;
		/* so is a date line ("Published 2 May 2024" under a
		 * "From: ..." line) */
		if (!brk && (line_is(r, txt + ln[i].start,
		    ln[i].end - ln[i].start, is_date_line) || line_is(r,
		    txt + ln[i + 1].start, ln[i + 1].end - ln[i + 1].start,
		    is_date_line)))
			brk = 1;
		/* a line under half the width before a capital is page
		 * furniture stacked line by line, not wrapped text */
		if (!brk && ln[i].cps * 2 < maxcps &&
		    text_is_upper_at(txt + ln[i + 1].start))
			brk = 1;
		if (!brk) {
			char *t = text_normalize(txt + ln[i].start,
			    ln[i].end - ln[i].start);

			brk = ends_sentence(t) && ln[i].cps * 5 < maxcps * 4;
			free(t);
		}
		if (brk) {
			add_para(d, r, cap, start, ln[i].end);
			start = ln[i + 1].start;
		}
	}
	add_para(d, r, cap, start, ln[n - 1].end);
}

/*
 * Split the text into paragraphs, block by block (a block: lines between
 * blank lines); only the lines of one block are held at a time.
 */
static void
split_paragraphs(struct document *d, const struct seg_rules *r)
{
	const char *txt = d->art->text;
	struct line *ln = NULL;
	size_t nl = 0, capl = 0, capp = 0, s, e;
	const char *nlp;

	for (s = 0; s <= d->art->len; s = e + 1) {
		nlp = memchr(txt + s, '\n', d->art->len - s);
		e = nlp != NULL ? (size_t)(nlp - txt) : d->art->len;
		if (text_is_blank(txt + s, e - s)) {
			if (nl > 0)
				split_block(d, r, &capp, ln, nl);
			nl = 0;
		} else {
			ln = xgrow(ln, &capl, nl + 1, sizeof(*ln));
			ln[nl].start = s;
			ln[nl].end = e;
			ln[nl].cps = utf8_count(txt + s, e - s);
			nl++;
		}
		if (nlp == NULL)
			break;
	}
	if (nl > 0)
		split_block(d, r, &capp, ln, nl);
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
	return wordlist_has_nocase(&r->list[RK_PARTICLE], w, n);
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
		size_t vl = verbs->len[i];
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

/*
 * A byline, "By A and B" or "A, <byline-role>" ("Jane Doe, Diplomatic
 * Correspondent"); its names are added to authors unless that is NULL.
 */
static int
is_byline(const struct seg_rules *r, const struct paragraph *p,
    struct buf *authors)
{
	size_t n = starts_with_any(&r->list[RK_BYLINE], p->text), len;
	const char *sep;

	if (p->words > 20 || ends_sentence(p->text))
		return 0;
	/* "Jane Doe, Diplomatic Correspondent" */
	if (n == 0 && (sep = strstr(p->text, ", ")) != NULL &&
	    strchr(sep + 1, ',') == NULL && text_words(sep + 2) <= 4 &&
	    has_word_ci(&r->list[RK_BYLINE_ROLE], sep + 2) &&
	    name_before(r, p->text, (size_t)(sep - p->text)) == 0) {
		if (authors != NULL)
			add_author(authors, p->text,
			    (size_t)(sep - p->text));
		return 1;
	}
	if (n == 0)
		return 0;
	while (p->text[n] == ' ' || p->text[n] == ':')
		n++;
	if (!text_is_upper_at(p->text + n))
		return 0;
	if (authors == NULL)
		return 1;
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
/*
 * Paragraphs of the same text.  32-bit indices: an article of at most
 * ARTICLE_MAX bytes has fewer paragraphs than that.
 */
struct repeats {
	uint32_t *group;	/* first paragraph holding para[i]'s text */
	uint32_t *count;	/* by group: paragraphs holding its text */
};

/* Running text that goes on: a line leading into a list, or an item. */
static int
leads_on(const struct paragraph *p)
{
	size_t n = strlen(p->text);

	return (n > 0 && p->text[n - 1] == ':') || p->item;
}

/* A line that can be a title: short, no sentence, no byline, no date. */
static int
title_line(const struct seg_rules *r, const struct paragraph *p)
{
	return p->role == ROLE_BODY && !ends_sentence(p->text) &&
	    p->words <= r->title_words && !is_date_line(r, p) &&
	    !is_byline(r, p, NULL);
}

/* A paragraph of running text: it ends a sentence; no byline, no date. */
static int
sentence_para(const struct seg_rules *r, const struct paragraph *p)
{
	return p->role == ROLE_BODY && ends_sentence(p->text) &&
	    !is_date_line(r, p) && !is_byline(r, p, NULL);
}

/*
 * The header zone ends where the story starts: at a paragraph that
 * opens with a wire dateline, at the first sentence paragraph after
 * the standfirst (the sentence paragraph right after a title line), at
 * the first of two sentence paragraphs in a row, or at the first
 * sentence paragraph of body-words words.  A "standfirst" with no
 * sentence paragraph after it is the story.
 */
static size_t
header_zone(const struct seg_rules *r, const struct paragraph *P, size_t n)
{
	size_t i, first, from = 0;
	int standfirst = 0;

	for (i = 0; i < n && !sentence_para(r, &P[i]); i++)
		;
	if (i == n)
		return n;
	first = i;
	/* a standfirst of body-words words is followed by furniture (a
	 * byline, a date), not by running text */
	if (i > 0 && !is_dateline(r, P[i].text) &&
	    title_line(r, &P[i - 1]) && P[i].words <= r->subtitle_words &&
	    (P[i].words < r->body_words || (i + 1 < n &&
	    P[i + 1].role == ROLE_BODY && !sentence_para(r, &P[i + 1]) &&
	    !leads_on(&P[i + 1])))) {
		standfirst = 1;
		from = i + 1;
	}
	for (i = from; i < n; i++) {
		if (!sentence_para(r, &P[i]))
			continue;
		if (standfirst || P[i].words >= r->body_words ||
		    is_dateline(r, P[i].text) ||
		    (i + 1 < n && sentence_para(r, &P[i + 1])))
			break;
	}
	/* a standfirst needs a story under it */
	return standfirst && i == n ? first : i;
}

/*
 * The title when no sentence standfirst follows it: the most repeated
 * title line; else a headline of title-min-words or more over a longer
 * line that is no sentence (the standfirst, set in *sub); else the
 * longest title line; else the first paragraph when it is short.
 */
static size_t
pick_title(const struct seg_rules *r, const struct paragraph *P,
    const struct repeats *rp, size_t hz, size_t *sub)
{
	size_t i, best = (size_t)-1, bestc = 0, bestw = 0, count;

	for (i = 0; i < hz; i++) {
		if (!title_line(r, &P[i]))
			continue;
		count = rp->count[rp->group[i]];
		if (best == (size_t)-1 || count > bestc ||
		    (count == bestc && P[i].words > bestw)) {
			best = i;
			bestc = count;
			bestw = P[i].words;
		}
	}
	if (bestc > 1)
		return best;
	for (i = hz; i-- > 1;)
		if (title_line(r, &P[i - 1]) &&
		    P[i - 1].words >= r->title_min_words &&
		    P[i].role == ROLE_BODY && !ends_sentence(P[i].text) &&
		    P[i].words > P[i - 1].words &&
		    P[i].words <= r->subtitle_words &&
		    !is_date_line(r, &P[i]) && !is_byline(r, &P[i], NULL)) {
			*sub = i;
			return i - 1;
		}
	/* an article that starts straight with its text */
	if (best == (size_t)-1 && hz > 0 && P[0].role == ROLE_BODY &&
	    P[0].words <= r->title_words)
		best = 0;
	return best;
}

/*
 * A heading: short, no sentence, Title Case, at most six words or
 * starting with a heading-prefix ("What the deal leaves out"); not a
 * line that leads into a list (':') nor a list item.
 */
static int
heading_line(const struct seg_rules *r, const struct paragraph *p)
{
	return p->role == ROLE_BODY && !ends_sentence(p->text) &&
	    p->words <= r->heading_words && !leads_on(p) &&
	    (title_case(r, p->text) || p->words <= 6 ||
	    starts_with_any(&r->list[RK_HEADING_PREFIX], p->text) > 0);
}

/*
 * A question as a heading: one short sentence that starts with a
 * capital and ends with '?', followed by running text ("What happens
 * next?").
 */
static int
question_heading(const struct seg_rules *r, const struct paragraph *P,
    size_t n, size_t i)
{
	const char *t = P[i].text;
	size_t len = strlen(t);

	return len > 1 && t[len - 1] == '?' && text_is_upper_at(t) &&
	    P[i].words <= r->heading_words && strcspn(t, ".!?") == len - 1 &&
	    i + 1 < n && P[i + 1].role == ROLE_BODY &&
	    P[i + 1].words > P[i].words;
}

static void
repeats_count(const struct document *d, struct repeats *rp)
{
	size_t n = d->npara, size = 16, i, h;
	uint32_t *slot;			/* 1 + first paragraph, or 0 */

	assert(n < UINT32_MAX);
	while (size < 2 * n)
		size *= 2;
	slot = xcalloc(size, sizeof(*slot));
	rp->group = xcalloc(n + 1, sizeof(*rp->group));
	rp->count = xcalloc(n + 1, sizeof(*rp->count));
	for (i = 0; i < n; i++) {
		const char *t = d->para[i].text;

		h = (size_t)hash_fnv1a(t, strlen(t)) & (size - 1);
		while (slot[h] != 0 && strcmp(d->para[slot[h] - 1].text,
		    t) != 0)
			h = (h + 1) & (size - 1);
		if (slot[h] == 0)
			slot[h] = (uint32_t)i + 1;
		rp->group[i] = slot[h] - 1;
		rp->count[rp->group[i]]++;
	}
	free(slot);
}

static void
repeats_release(struct repeats *rp)
{
	free(rp->group);
	free(rp->count);
}

static void
classify(struct document *d, const struct seg_rules *r,
    const struct repeats *rp)
{
	struct paragraph *P = d->para;
	size_t n = d->npara, i, j, hz, title = (size_t)-1, sub = (size_t)-1;
	size_t *ncap;
	struct buf authors;
	char *section = NULL;

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
		    !ends_sentence(P[i].text) && !glued_credit(r, P[i].text) &&
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
	/*
	 * captions printed twice (another paragraph of the same text is a
	 * caption: counted per text, rp->group); captions with their credit
	 * glued on
	 */
	ncap = xcalloc(n + 1, sizeof(*ncap));
	for (i = 0; i < n; i++)
		ncap[rp->group[i]] += P[i].role == ROLE_CAPTION;
	for (i = 0; i < n; i++)
		if (P[i].role == ROLE_BODY && P[i].words <= r->caption_words &&
		    (glued_credit(r, P[i].text) || ncap[rp->group[i]] > 0)) {
			P[i].role = ROLE_CAPTION;
			ncap[rp->group[i]]++;
		}
	free(ncap);
	/* the story ends at an end marker or a sign-off (an author note):
	 * the rest is furniture */
	for (i = 1; i < n; i++)
		if (P[i].role == ROLE_BODY && (is_end_marker(r, P[i].text) ||
		    is_signoff(r, P[i].text) ||
		    is_end_heading(r, P[i].text))) {
			for (j = i; j < n; j++)
				if (P[j].role == ROLE_BODY)
					P[j].role = ROLE_BOILERPLATE;
			if (is_signoff(r, P[i].text))
				P[i].role = ROLE_AUTHOR_NOTE;
			else if (is_end_heading(r, P[i].text))
				P[i].role = ROLE_HEADING;
			break;
		}
	hz = header_zone(r, P, n);
	/* standfirst: the first sentence-ending paragraph after a title line */
	for (i = 0; i < hz; i++) {
		if (P[i].role != ROLE_BODY)
			continue;
		if (ends_sentence(P[i].text)) {
			if (i > 0 && P[i].words <= r->subtitle_words &&
			    title_line(r, &P[i - 1])) {
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
	if (title == (size_t)-1)
		title = pick_title(r, P, rp, hz, &sub);
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
	/* a heading right before the story ("Key points" over a list) */
	if (hz > 0 && hz < n && hz - 1 != title && hz - 1 != sub &&
	    (title == (size_t)-1 || (hz - 1 > title &&
	    strcmp(P[hz - 1].text, P[title].text) != 0)) &&
	    heading_line(r, &P[hz - 1]) && !is_date_line(r, &P[hz - 1]) &&
	    !is_byline(r, &P[hz - 1], NULL))
		P[hz - 1].role = ROLE_HEADING;
	/* everything else in the header zone is furniture or a byline */
	for (i = 0; i < hz; i++) {
		if (i == title)
			P[i].role = ROLE_TITLE;
		else if (i == sub)
			P[i].role = ROLE_SUBTITLE;
		else if (P[i].role == ROLE_BODY) {
			if (is_byline(r, &P[i], &authors))
				P[i].role = ROLE_AUTHOR_NOTE;
			else if (title != (size_t)-1 && i > title &&
			    strcmp(P[i].text, P[title].text) != 0 &&
			    !is_date_line(r, &P[i]) &&
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
		else if (heading_line(r, &P[i]) || question_heading(r, P, n, i))
			P[i].role = ROLE_HEADING;
		else if (!leads_on(&P[i]) &&
		    is_loose_caption(r, &P[i]))
			P[i].role = ROLE_CAPTION;
	}
	/* sections */
	for (i = 0; i < n; i++) {
		if (P[i].role == ROLE_HEADING)
			section = P[i].text;
		else if (P[i].role == ROLE_BODY && section != NULL)
			P[i].section = section;
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
	struct buf id;
	size_t i, rep;
	uint32_t *seen = xcalloc(d->npara + 1, sizeof(*seen));

	buf_init(&id);
	for (i = 0; i < d->npara; i++) {
		struct paragraph *p = &d->para[i];

		digest_buf(DIGEST_SHA256, p->text, strlen(p->text), hex);
		hex[10] = '\0';
		/* the 1-based occurrence of its text */
		rep = ++seen[rp->group[i]];
		buf_reset(&id);
		buf_printf(&id, "%s:p%s", d->id, hex);
		if (rep > 1)
			buf_printf(&id, ".%zu", rep);
		p->id = document_strndup(d, buf_str(&id), id.len);
	}
	buf_release(&id);
	free(seen);
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
