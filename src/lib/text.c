/* text: UTF-8 services over utf8proc. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "lib/buf.h"
#include "lib/text.h"
#include "lib/xalloc.h"

/* ASCII classes for the byte loops: blanks, letters and digits, other. */
#define AC_SPACE	1
#define AC_WORD		2
#define AC_OTHER	3

static const unsigned char aclass[128] = {
	AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER,
	AC_OTHER, AC_OTHER, AC_SPACE, AC_SPACE, AC_SPACE, AC_SPACE, AC_SPACE,
	AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER,
	AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER,
	AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_SPACE,
	[33] = AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER,
	AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER,
	AC_OTHER, AC_OTHER,
	['0'] = AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD,
	AC_WORD, AC_WORD, AC_WORD,
	[':'] = AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER,
	AC_OTHER,
	['A'] = AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD,
	AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD,
	AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD,
	AC_WORD, AC_WORD, AC_WORD,
	['['] = AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER,
	['a'] = AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD,
	AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD,
	AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD, AC_WORD,
	AC_WORD, AC_WORD, AC_WORD,
	['{'] = AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER, AC_OTHER
};

static int
is_space_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp == '\n' || cp == '\r' || cp == '\t' || cp == '\v' ||
	    cp == '\f' || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return 1;
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/*
 * Code points that are already NFC whatever surrounds them: below the
 * combining marks (U+0300), and General Punctuation up to the combining
 * marks for symbols (U+2000-U+20CF; the two decomposing quads there are
 * spaces, which normalisation replaces anyway).  Text made only of these
 * skips utf8proc's normaliser, which is most of an article.
 */
static int
nfc_stable(utf8proc_int32_t cp)
{
	return cp < 0x300 || (cp >= 0x2000 && cp <= 0x20CF);
}

/*
 * Collapse spaces of valid UTF-8 s[0..n) into a new string (never longer
 * than s); owned by the caller.
 */
static char *
collapse(const utf8proc_uint8_t *s, size_t n)
{
	char *o = xmalloc(n + 1);
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i, run, len = 0;
	int pend = 0;

	for (i = 0; i < n; i += (size_t)k) {
		if (s[i] < 0x80) {
			if (aclass[s[i]] == AC_SPACE) {	/* an ASCII blank */
				pend = len > 0;
				k = 1;
				continue;
			}
			/* copy a run of ASCII non-space bytes */
			if (pend)
				o[len++] = ' ';
			pend = 0;
			run = i;
			do
				o[len++] = (char)s[run++];
			while (run < n && s[run] < 0x80 &&
			    aclass[s[run]] != AC_SPACE);
			k = (utf8proc_ssize_t)(run - i);
			continue;
		}
		k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			break;
		if (is_space_cp(cp))
			pend = len > 0;
		else {
			if (pend)
				o[len++] = ' ';
			pend = 0;
			memcpy(o + len, s + i, (size_t)k);
			len += (size_t)k;
		}
	}
	o[len] = '\0';
	return o;
}

char *
text_normalize(const char *s, size_t n)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t len, k;
	utf8proc_int32_t cp;
	char *o;
	size_t i;
	int stable = 1;

	for (i = 0; i < n && stable; i += (size_t)k) {
		if (u[i] < 0x80) {
			uint64_t x;

			/* eight ASCII bytes at once where it can */
			k = 1;
			if (i + 8 <= n) {
				memcpy(&x, u + i, sizeof(x));
				if ((x & 0x8080808080808080ULL) == 0)
					k = 8;
			}
			continue;
		}
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return xstrndup(s, n);	/* invalid: callers checked */
		stable = nfc_stable(cp);
	}
	if (stable)
		return collapse(u, n);
	len = utf8proc_map(u, (utf8proc_ssize_t)n, &nfc,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0)
		return xstrndup(s, n);
	o = collapse(nfc, (size_t)len);
	free(nfc);
	return o;
}

char *
text_name_key(const char *s, size_t n, int fold)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t len;
	size_t i;
	char *o;

	for (i = 0; i < n && (unsigned char)s[i] < 0x80 && !fold; i++)
		continue;
	if (i == n)		/* ASCII: NFC already */
		return xstrndup(s, n);
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	    (fold ? UTF8PROC_CASEFOLD : 0));
	if (len < 0)		/* not UTF-8: the bytes are the key */
		return xstrndup(s, n);
	o = xstrndup((const char *)out, (size_t)len);
	free(out);
	return o;
}

int
text_is_blank(const char *s, size_t n)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i;

	for (i = 0; i < n; i += (size_t)k) {
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0 || !is_space_cp(cp))
			return 0;
	}
	return 1;
}

size_t
text_words(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t words = 0;
	int counted = 0;

	while (*p != '\0') {
		if (*p < 0x80) {	/* ASCII: words start at [A-Za-z0-9] */
			int c = aclass[*p++];

			if (c == AC_SPACE)
				counted = 0;
			else if (!counted && c == AC_WORD) {
				words++;
				counted = 1;
			}
			continue;
		}
		k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0) {
			p++;
			continue;
		}
		p += k;
		if (is_space_cp(cp)) {
			counted = 0;
			continue;
		}
		if (!counted) {
			utf8proc_category_t c = utf8proc_category(cp);

			if ((c >= UTF8PROC_CATEGORY_LU &&
			    c <= UTF8PROC_CATEGORY_LO) ||
			    (c >= UTF8PROC_CATEGORY_ND &&
			    c <= UTF8PROC_CATEGORY_NO)) {
				words++;
				counted = 1;
			}
		}
	}
	return words;
}

char *
text_slug(const char *s, size_t max)
{
	struct buf b;
	int dash = 0;

	buf_init(&b);
	for (; *s != '\0' && b.len < max; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && b.len > 0)
				buf_addc(&b, '-');
			dash = 0;
			buf_addc(&b, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		} else if (c == '\'' || (c == 0xE2 && (unsigned char)s[1] ==
		    0x80 && (unsigned char)s[2] == 0x99)) {
			/* apostrophes join: "China's" -> "chinas" */
			if (c == 0xE2)
				s += 2;
		} else
			dash = 1;
	}
	while (b.len > 0 && b.s[b.len - 1] == '-')
		b.s[--b.len] = '\0';
	return buf_detach(&b);
}

int
text_is_upper_at(const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_category_t c;

	if ((unsigned char)*s < 0x80)
		return *s >= 'A' && *s <= 'Z';
	if (utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp) <= 0)
		return 0;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
