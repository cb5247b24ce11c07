/* text: normalisation and other text services (utf8proc's normaliser). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "lib/buf.h"
#include "lib/text.h"
#include "lib/utf8.h"
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

/*
 * Code points that are already NFC whatever surrounds them: below the
 * combining marks (U+0300), and General Punctuation up to the combining
 * marks for symbols (U+2000-U+20CF; the two decomposing quads there are
 * spaces, which normalisation replaces anyway).  Text made only of these
 * skips utf8proc's normaliser, which is most of an article.
 */
static int
nfc_stable(int32_t cp)
{
	return cp < 0x300 || (cp >= 0x2000 && cp <= 0x20CF);
}

/*
 * Collapse spaces of valid UTF-8 s[0..n) into a new string (never longer
 * than s); owned by the caller.
 */
static char *
collapse(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	char *o = xmalloc(n + 1);
	int32_t cp;
	size_t i, k, run, len = 0;
	int pend = 0;

	for (i = 0; i < n; i += k) {
		if (u[i] < 0x80) {
			if (aclass[u[i]] == AC_SPACE) {	/* an ASCII blank */
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
				o[len++] = s[run++];
			while (run < n && u[run] < 0x80 &&
			    aclass[u[run]] != AC_SPACE);
			k = run - i;
			continue;
		}
		if ((cp = utf8_get(s, n, i, &k)) < 0)
			break;
		if (utf8_isspace(cp))
			pend = len > 0;
		else {
			if (pend)
				o[len++] = ' ';
			pend = 0;
			memcpy(o + len, s + i, k);
			len += k;
		}
	}
	o[len] = '\0';
	return o;
}

char *
text_normalize(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t len;
	int32_t cp;
	char *o;
	size_t i, k;
	int stable = 1;

	for (i = 0; i < n && stable; i += k) {
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
		if ((cp = utf8_get(s, n, i, &k)) < 0)
			return xstrndup(s, n);	/* invalid: callers checked */
		stable = nfc_stable(cp);
	}
	if (stable)
		return collapse(s, n);
	len = utf8proc_map(u, (utf8proc_ssize_t)n, &nfc,
	    UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0)
		return xstrndup(s, n);
	o = collapse((const char *)nfc, (size_t)len);
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
	size_t i, k;

	for (i = 0; i < n; i += k)
		if (!utf8_isspace(utf8_get(s, n, i, &k)))
			return 0;
	return 1;
}

size_t
text_words(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k, n = strlen(s), words = 0;
	unsigned cl;
	int counted = 0;

	for (i = 0; i < n; i += k) {
		if (u[i] < 0x80) {	/* ASCII: words start at [A-Za-z0-9] */
			int c = aclass[u[i]];

			k = 1;
			if (c == AC_SPACE)
				counted = 0;
			else if (!counted && c == AC_WORD) {
				words++;
				counted = 1;
			}
			continue;
		}
		cl = utf8_class(utf8_get(s, n, i, &k));
		if (cl & UTF8_SPACE)
			counted = 0;
		else if (!counted && (cl & UTF8_ALNUM)) {
			words++;
			counted = 1;
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
	size_t k;

	return utf8_isupper(utf8_get(s, strnlen(s, 4), 0, &k));
}
