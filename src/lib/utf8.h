/*
 * utf8: the one UTF-8 decoder, encoder, validator and code point
 * classifier, and the per-code-point folding the lexicon matches with
 * (utf8proc underneath for the Unicode tables).  Everything that reads
 * UTF-8 byte by byte goes through here.  The decoder is strict: an
 * overlong form, a surrogate, a code point past U+10FFFF, a stray
 * continuation byte or a truncated sequence is invalid.  ASCII takes an
 * inline path in utf8_get() and the classifiers, so hot loops need no
 * fast path of their own.  Core module; anyone may include.
 */
#ifndef SHEAF_UTF8_H
#define SHEAF_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Check that s[0..n) is valid UTF-8 with no NUL.  Returns 0, or -1 and
 * sets *bad to the byte offset of the first bad sequence and *isnul
 * to 1 when it is a NUL byte (else 0).
 */
int	 utf8_check(const char *s, size_t n, size_t *bad, int *isnul);
/* Number of code points in valid UTF-8 s[0..n). */
size_t	 utf8_count(const char *s, size_t n);
/*
 * Byte offset of code point number cp (from 0) of valid UTF-8 s[0..n),
 * or n when s has no more than cp code points.
 */
size_t	 utf8_offset(const char *s, size_t n, size_t cp);
/*
 * Decode the sequence that starts s[0..n) (n > 0); sets *k to its length
 * in bytes.  An invalid sequence gives -1 with *k = 1.
 */
int32_t	 utf8_decode(const char *s, size_t n, size_t *k);
/*
 * The code point that ends at s[i] (the one before offset i); sets *k
 * to its length in bytes.  -1 with *k = 0 at i = 0; -1 with *k = 1 when
 * the bytes before i do not end in a valid sequence.
 */
int32_t	 utf8_prev(const char *s, size_t i, size_t *k);
/*
 * Bytes of the sequence that a lead byte c starts, from c alone (1 for
 * ASCII and for a byte that starts none): for stepping over text that
 * is known to be valid.
 */
static inline size_t
utf8_seqlen(unsigned char c)
{
	if (c < 0xC0)
		return 1;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	return c < 0xF8 ? 4 : 1;
}
/*
 * Write code point cp (0 to U+10FFFF, not a surrogate) as UTF-8 into
 * out[0..4); returns its length in bytes, 1 to 4.
 */
size_t	 utf8_put(int32_t cp, char *out);

/*
 * Decode the code point at s[i] (i < n); sets *k to its length in bytes.
 * An invalid sequence gives -1 with *k = 1.
 */
static inline int32_t
utf8_get(const char *s, size_t n, size_t i, size_t *k)
{
	if (i < n && (unsigned char)s[i] < 0x80) {
		*k = 1;
		return (unsigned char)s[i];
	}
	if (i >= n) {
		*k = 1;
		return -1;
	}
	return utf8_decode(s + i, n - i, k);
}

/* The classes of a code point, as utf8_class() gives them. */
#define UTF8_WORD	0x01	/* letters, marks, digits, other numbers */
#define UTF8_ALNUM	0x02	/* letters and numbers (no marks) */
#define UTF8_UPPER	0x04	/* upper-case and title-case letters */
#define UTF8_LOWER	0x08	/* lower-case letters */
#define UTF8_SPACE	0x10	/* white space: Zs, tab, line breaks */

/* The UTF8_ classes of cp (0 for -1 and for other code points). */
unsigned utf8_class(int32_t cp);

/* 1 for letters, marks and digits. */
static inline int
utf8_isword(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	return (utf8_class(cp) & UTF8_WORD) != 0;
}

/* 1 for upper-case and title-case letters. */
static inline int
utf8_isupper(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return (utf8_class(cp) & UTF8_UPPER) != 0;
}

/* 1 for lower-case letters. */
static inline int
utf8_islower(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return (utf8_class(cp) & UTF8_LOWER) != 0;
}

/* 1 for white space (Zs, tab, line breaks). */
static inline int
utf8_isspace(int32_t cp)
{
	if (cp >= 0 && cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return (utf8_class(cp) & UTF8_SPACE) != 0;
}

/*
 * The folding of code point cp for matching: its compatibility
 * decomposition (NFKD), case-folded, without combining marks, into
 * out[0..max).  Returns the number of code points written (0 when cp
 * folds away, a mark), or -1 when there is no folding to use (cp is
 * not a code point, or it folds to more than max of them).
 */
int	 utf8_fold(int32_t cp, int32_t *out, size_t max);

#endif
