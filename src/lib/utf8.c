/* utf8: decoding, encoding, validating and classifying UTF-8. */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "lib/utf8.h"

#define ASCII8	0x8080808080808080ULL	/* the high bit of 8 bytes */
#define ONES8	0x0101010101010101ULL	/* 1 in each of 8 bytes */

/* 1 for a continuation byte, 10xxxxxx. */
static inline int
cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

int32_t
utf8_decode(const char *s, size_t n, size_t *k)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0];

	*k = 1;
	if (c < 0x80)
		return (int32_t)c;
	if (c < 0xC2 || c > 0xF4)	/* continuation, overlong, too high */
		return -1;
	if (c < 0xE0) {
		if (n < 2 || !cont(u[1]))
			return -1;
		*k = 2;
		return (int32_t)((c & 0x1F) << 6 | (u[1] & 0x3Fu));
	}
	if (c < 0xF0) {
		if (n < 3 || !cont(u[1]) || !cont(u[2]) ||
		    (c == 0xE0 && u[1] < 0xA0) ||	/* overlong */
		    (c == 0xED && u[1] > 0x9F))		/* surrogate */
			return -1;
		*k = 3;
		return (int32_t)((c & 0x0F) << 12 | (u[1] & 0x3Fu) << 6 |
		    (u[2] & 0x3Fu));
	}
	if (n < 4 || !cont(u[1]) || !cont(u[2]) || !cont(u[3]) ||
	    (c == 0xF0 && u[1] < 0x90) ||		/* overlong */
	    (c == 0xF4 && u[1] > 0x8F))			/* past U+10FFFF */
		return -1;
	*k = 4;
	return (int32_t)((c & 0x07) << 18 | (u[1] & 0x3Fu) << 12 |
	    (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu));
}

int32_t
utf8_prev(const char *s, size_t i, size_t *k)
{
	size_t j = i;
	int32_t cp;

	if (i == 0) {
		*k = 0;
		return -1;
	}
	do
		j--;
	while (j > 0 && i - j < 4 && cont((unsigned char)s[j]));
	cp = utf8_decode(s + j, i - j, k);
	if (cp < 0 || *k != i - j) {
		*k = 1;
		return -1;
	}
	return cp;
}

size_t
utf8_put(int32_t cp, char *out)
{
	uint32_t c = (uint32_t)cp;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3F));
	out[2] = (char)(0x80 | (c >> 6 & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

int
utf8_check(const char *s, size_t n, size_t *bad, int *isnul)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	uint64_t w;

	*isnul = 0;
	while (i < n) {
		/* eight bytes at a time while they are ASCII without NUL */
		if (n - i >= 8) {
			memcpy(&w, u + i, sizeof(w));
			if ((w & ASCII8) == 0 &&
			    ((w - ONES8) & ~w & ASCII8) == 0) {
				i += 8;
				continue;
			}
		}
		if (u[i] == 0) {
			*bad = i;
			*isnul = 1;
			return -1;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_decode(s + i, n - i, &k) < 0) {
			*bad = i;
			return -1;
		}
		i += k;
	}
	return 0;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i = 0, c = 0;

	/* eight bytes at a time: all but the continuation bytes (10xxxxxx)
	 * count; the flag bytes of four words add up in one (at most 4
	 * a byte), and the multiply adds up its eight bytes */
	for (; i + 32 <= n; i += 32) {
		uint64_t w[4], nc = 0;
		int j;

		memcpy(w, s + i, sizeof(w));
		for (j = 0; j < 4; j++)
			nc += (w[j] >> 7) & ~(w[j] >> 6) & ONES8;
		c += 32 - (size_t)((nc * ONES8) >> 56);
	}
	for (; i + 8 <= n; i += 8) {
		uint64_t w, nc;

		memcpy(&w, s + i, sizeof(w));
		nc = (w >> 7) & ~(w >> 6) & ONES8;
		c += 8 - (size_t)((nc * ONES8) >> 56);
	}
	for (; i < n; i++)
		if (!cont((unsigned char)s[i]))
			c++;
	return c;
}

size_t
utf8_offset(const char *s, size_t n, size_t cp)
{
	size_t i, seen = 0;

	for (i = 0; i < n; i++)
		if (!cont((unsigned char)s[i]) && seen++ == cp)
			return i;
	return n;
}

unsigned
utf8_class(int32_t cp)
{
	/* the classes of each general category, in utf8proc's order */
	static const unsigned char cat[] = {
		[UTF8PROC_CATEGORY_LU] = UTF8_WORD | UTF8_ALNUM | UTF8_UPPER,
		[UTF8PROC_CATEGORY_LL] = UTF8_WORD | UTF8_ALNUM | UTF8_LOWER,
		[UTF8PROC_CATEGORY_LT] = UTF8_WORD | UTF8_ALNUM | UTF8_UPPER,
		[UTF8PROC_CATEGORY_LM] = UTF8_WORD | UTF8_ALNUM,
		[UTF8PROC_CATEGORY_LO] = UTF8_WORD | UTF8_ALNUM,
		[UTF8PROC_CATEGORY_MN] = UTF8_WORD,
		[UTF8PROC_CATEGORY_MC] = UTF8_WORD,
		[UTF8PROC_CATEGORY_ME] = UTF8_WORD,
		[UTF8PROC_CATEGORY_ND] = UTF8_WORD | UTF8_ALNUM,
		[UTF8PROC_CATEGORY_NL] = UTF8_WORD | UTF8_ALNUM,
		[UTF8PROC_CATEGORY_NO] = UTF8_WORD | UTF8_ALNUM,
		[UTF8PROC_CATEGORY_ZS] = UTF8_SPACE,
	};
	utf8proc_category_t c;

	if (cp < 0)
		return 0;
	/* the line breaks and the tab, which are controls (Cc, Zl, Zp) */
	if ((cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0x2028 ||
	    cp == 0x2029)
		return UTF8_SPACE;
	c = utf8proc_category(cp);
	return (size_t)c < sizeof(cat) ? cat[c] : 0;
}

int
utf8_fold(int32_t cp, int32_t *out, size_t max)
{
	utf8proc_ssize_t r;
	int bound = 0;

	r = utf8proc_decompose_char(cp, out, (utf8proc_ssize_t)max,
	    UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
	    UTF8PROC_STRIPMARK, &bound);
	if (r < 0 || (size_t)r > max)
		return -1;
	return (int)r;
}
