/* sentence: sentence splitting with abbreviations and quotations. */
#include <stdlib.h>
#include <string.h>

#include "extract/sentence.h"
#include "lib/datafile.h"
#include "lib/diag.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/wordlist.h"
#include "lib/xalloc.h"

enum wlist { WL_INNER, WL_FINAL, WL_STARTER, WL__MAX };

struct sentence_rules {
	struct wordlist	set[WL__MAX];
};

/* A line of the abbreviation file that names no list. */
static int
unknown_list(void *arg, const struct datafile *df, const char *name,
    size_t namelen, char *rest)
{
	(void)arg;
	(void)rest;
	diag(DIAG_USAGE, df->path, df->line, "unknown list '%.*s'; expected "
	    "inner, final or starter", (int)namelen, name);
	return -1;
}

struct sentence_rules *
sentence_rules_load(const char *path)
{
	static const char *const names[WL__MAX] = {
		"inner", "final", "starter"
	};
	struct sentence_rules *r;
	int i;

	r = xcalloc(1, sizeof(*r));
	for (i = 0; i < WL__MAX; i++)
		wordlist_init(&r->set[i]);
	if (wordlist_load(path, names, WL__MAX, r->set, unknown_list,
	    NULL) != 0) {
		sentence_rules_free(r);
		return NULL;
	}
	return r;
}

void
sentence_rules_free(struct sentence_rules *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < WL__MAX; i++)
		wordlist_release(&r->set[i]);
	free(r);
}

static int
is_blank(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\v' || cp == '\f' || cp == 0xA0 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int
is_term(long cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* Opening quotes and brackets; the straight quote is decided by context. */
static long
closer_of(long cp)
{
	switch (cp) {
	case '(':
		return ')';
	case '[':
		return ']';
	case 0x201C:
		return 0x201D;
	case 0xAB:
		return 0xBB;
	case '"':
		return '"';
	default:
		return 0;
	}
}

static int
is_closer(long cp)
{
	return cp == ')' || cp == ']' || cp == 0x201D || cp == 0xBB ||
	    cp == '"' || cp == '\'' || cp == 0x2019;
}

static int
is_letter_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/*
 * Bytes the scans must look at: 1 for brackets and quotes (protect()),
 * 2 for terminators and closers (sentence_split()); every byte of a
 * multibyte character is both.  Other bytes are passed over.
 */
#define HOT_PROTECT	1
#define HOT_SPLIT	2

static const unsigned char hot[256] = {
	['('] = HOT_PROTECT, [')'] = HOT_PROTECT | HOT_SPLIT,
	['['] = HOT_PROTECT, [']'] = HOT_PROTECT | HOT_SPLIT,
	['"'] = HOT_PROTECT | HOT_SPLIT, ['\''] = HOT_SPLIT,
	['.'] = HOT_SPLIT, ['!'] = HOT_SPLIT, ['?'] = HOT_SPLIT,
#define HOT4(b)	[(b)] = 3, [(b) + 1] = 3, [(b) + 2] = 3, [(b) + 3] = 3
#define HOT16(b) HOT4(b), HOT4((b) + 4), HOT4((b) + 8), HOT4((b) + 12)
	HOT16(0x80), HOT16(0x90), HOT16(0xA0), HOT16(0xB0),
	HOT16(0xC0), HOT16(0xD0), HOT16(0xE0), HOT16(0xF0)
#undef HOT16
#undef HOT4
};

/*
 * Mark the bytes inside quotations and brackets that close within
 * SENTENCE_QUOTE_MAX bytes: no sentence ends there.
 */
static void
protect(const char *s, size_t len, unsigned char *mask)
{
	struct { long close; size_t pos; } st[64];
	size_t i, k, depth = 0;

	for (i = 0; i < len; i += k) {
		long cp, c;
		size_t d;

		/* other ASCII neither opens nor closes anything */
		if (!(hot[(unsigned char)s[i]] & HOT_PROTECT)) {
			k = 1;
			continue;
		}
		cp = utf8_get(s, len, i, &k);

		if (cp == '"' && depth > 0 && st[depth - 1].close == '"')
			goto close;
		if ((c = closer_of(cp)) != 0) {
			size_t pk;
			long prev = utf8_prev(s, i, &pk);

			/* a straight quote opens only after a blank */
			if (cp == '"' && prev >= 0 && !is_blank(prev) &&
			    closer_of(prev) == 0)
				continue;
			if (depth < sizeof(st) / sizeof(st[0])) {
				st[depth].close = c;
				st[depth].pos = i;
				depth++;
			}
			continue;
		}
close:
		for (d = depth; d > 0; d--)
			if (st[d - 1].close == cp)
				break;
		if (d == 0)
			continue;
		/* pair st[d-1] with i; drop unclosed openers above it */
		if (i - st[d - 1].pos <= SENTENCE_QUOTE_MAX)
			memset(mask + st[d - 1].pos + 1, 1,
			    i - st[d - 1].pos - 1);
		depth = d - 1;
	}
}

/* The length of the word (letters only) at s[i]. */
static size_t
word_len(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_letter_byte((unsigned char)s[j]))
		j++;
	return j - i;
}

/* 1 if w[0..n) looks like an initial or dotted initials: "J.", "U.N.". */
static int
is_initials(const char *w, size_t n)
{
	size_t i;

	if (n < 2 || n % 2 != 0)
		return 0;
	for (i = 0; i < n; i += 2)
		if (!(w[i] >= 'A' && w[i] <= 'Z') || w[i + 1] != '.')
			return 0;
	return 1;
}

/*
 * Does a sentence end at the terminator run s[t..j) (closers included)?
 */
static int
ends_here(const struct sentence_rules *r, const char *s, size_t len,
    size_t t, size_t j)
{
	size_t k, n, w0;
	long cp;

	if (j >= len)
		return 1;
	cp = utf8_get(s, len, j, &n);
	if (!is_blank(cp))
		return 0;
	for (k = j; k < len; k += n) {
		cp = utf8_get(s, len, k, &n);
		if (!is_blank(cp))
			break;
	}
	if (k >= len)
		return 1;
	if (!(cp >= '0' && cp <= '9') && closer_of(cp) == 0 &&
	    cp != 0x2018 && !text_is_upper_at(s + k))
		return 0;
	if (s[t] != '.' || (t + 1 < len && s[t + 1] == '.'))
		return 1;
	/* the word ending in this full stop */
	w0 = t;
	while (w0 > 0) {
		size_t pk;
		long pc = utf8_prev(s, w0, &pk);

		if (is_blank(pc) || closer_of(pc) != 0 || pc == 0x2018)
			break;
		w0 -= pk;
	}
	n = t + 1 - w0;
	if (wordlist_has(&r->set[WL_INNER], s + w0, n))
		return 0;
	if (wordlist_has(&r->set[WL_FINAL], s + w0, n) ||
	    is_initials(s + w0, n))
		return wordlist_has(&r->set[WL_STARTER], s + k,
		    word_len(s, len, k));
	return 1;
}

static size_t
skip_blanks(const char *s, size_t len, size_t i)
{
	size_t k;

	while (i < len && is_blank(utf8_get(s, len, i, &k)))
		i += k;
	return i;
}

static size_t
trim_end(const char *s, size_t start, size_t end)
{
	size_t k;

	while (end > start && is_blank(utf8_prev(s, end, &k)))
		end -= k;
	return end;
}

size_t
sentence_split(const struct sentence_rules *r, const char *s, size_t len,
    struct sentence *out, size_t max)
{
	unsigned char mbuf[4096], *mask = mbuf;
	size_t i, k, n = 0, start;

	if (len + 1 > sizeof(mbuf))
		mask = xcalloc(len + 1, 1);
	else
		memset(mbuf, 0, len + 1);
	protect(s, len, mask);
	start = skip_blanks(s, len, 0);
	for (i = start; i < len; ) {
		long cp, pc;
		size_t t, j, pk, jk;

		/* ASCII other than terminators and closers: nothing ends */
		if (!(hot[(unsigned char)s[i]] & HOT_SPLIT)) {
			i++;
			continue;
		}
		cp = utf8_get(s, len, i, &k);
		if (mask[i]) {
			i += k;
			continue;
		}
		if (is_term(cp))
			t = i;
		else if (is_closer(cp) && (pc = utf8_prev(s, i, &pk)) >= 0 &&
		    is_term(pc))
			t = i - pk;
		else {
			i += k;
			continue;
		}
		/* the run of terminators and closers from t */
		for (j = t; j < len; j += jk) {
			long c = utf8_get(s, len, j, &jk);

			if (!is_term(c) && !is_closer(c))
				break;
		}
		if (j < len && ends_here(r, s, len, t, j)) {
			if (n < max)
				out[n].start = start, out[n].end = j;
			n++;
			start = skip_blanks(s, len, j);
			i = start;
		} else
			i = j > i ? j : i + k;
	}
	if (start < len) {
		size_t e = trim_end(s, start, len);

		if (e > start) {
			if (n < max)
				out[n].start = start, out[n].end = e;
			n++;
		}
	}
	if (mask != mbuf)
		free(mask);
	return n;
}
