/* utf8: decoding, validating and classifying UTF-8 (over utf8proc). */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "lib/utf8.h"

int
utf8_check(const char *s, size_t n, size_t *bad, int *isnul)
{
	size_t i = 0;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;

	*isnul = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0) {
			*bad = i;
			*isnul = 1;
			return -1;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		    (utf8proc_ssize_t)(n - i), &cp);
		if (k < 0) {
			*bad = i;
			return -1;
		}
		i += (size_t)k;
	}
	return 0;
}

size_t
utf8_count(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL;
	size_t i = 0, c = 0;

	/* eight bytes at a time: all but the continuation bytes (10xxxxxx)
	 * count; the flag bytes of four words add up in one (at most 4
	 * a byte), and the multiply adds up its eight bytes */
	for (; i + 32 <= n; i += 32) {
		uint64_t w[4], cont = 0;
		int j;

		memcpy(w, s + i, sizeof(w));
		for (j = 0; j < 4; j++)
			cont += (w[j] >> 7) & ~(w[j] >> 6) & ones;
		c += 32 - (size_t)((cont * ones) >> 56);
	}
	for (; i + 8 <= n; i += 8) {
		uint64_t w, cont;

		memcpy(&w, s + i, sizeof(w));
		cont = (w >> 7) & ~(w >> 6) & ones;
		c += 8 - (size_t)((cont * ones) >> 56);
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

int32_t
utf8_get(const char *s, size_t n, size_t i, size_t *k)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t r;

	if (i < n && (unsigned char)s[i] < 0x80) {	/* ASCII */
		*k = 1;
		return (unsigned char)s[i];
	}
	r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	    (utf8proc_ssize_t)(n - i), &cp);
	if (r <= 0) {
		*k = 1;
		return -1;
	}
	*k = (size_t)r;
	return cp;
}

int
utf8_isword(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0)
		return 0;
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) ||
	    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

int
utf8_isupper(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0)
		return 0;
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int
utf8_islower(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int
utf8_isspace(int32_t cp)
{
	if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' ||
	    cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0x2028 ||
	    cp == 0x2029)
		return 1;
	return cp > 0x7F && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}
