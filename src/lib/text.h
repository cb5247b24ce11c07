/*
 * text: text services: normalisation of paragraph text and name keys
 * (utf8proc's NFC), word counting, slugs (UTF-8 itself: lib/utf8.h).
 * Core module; anyone may include.
 */
#ifndef SHEAF_TEXT_H
#define SHEAF_TEXT_H

#include <stddef.h>

/*
 * Normalise paragraph text: Unicode NFC; every space separator (Zs,
 * NO-BREAK SPACE included) and every line break or tab becomes U+0020;
 * runs of spaces collapse to one; leading and trailing spaces go.
 * Typographic quotes and dashes are kept.  Returns an owned string.
 */
char	*text_normalize(const char *s, size_t n);
/*
 * A key to compare names by: s[0..n) in Unicode NFC, case-folded too
 * when fold is 1.  Invalid UTF-8 is returned as it is, byte for byte.
 * Returns an owned string.
 */
char	*text_name_key(const char *s, size_t n, int fold);
/* 1 if s[0..n) holds nothing but white space (as text_normalize sees it). */
int	 text_is_blank(const char *s, size_t n);
/* Words: maximal runs of non-space code points holding a letter or digit. */
size_t	 text_words(const char *s);
/* Lower-case ASCII slug of s: [a-z0-9] runs joined by '-', at most max. */
char	*text_slug(const char *s, size_t max);
/* 1 if the code point at s is an uppercase letter (Lu or Lt). */
int	 text_is_upper_at(const char *s);

#endif
