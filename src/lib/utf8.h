/*
 * utf8: the one UTF-8 decoder, validator and code point classifier
 * (utf8proc underneath).  Everything that reads UTF-8 byte by byte goes
 * through here.  Core module; anyone may include.
 */
#ifndef SHEAF_UTF8_H
#define SHEAF_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Check that s[0..n) is valid UTF-8 with no NUL.  Returns 0, or -1 and
 * sets *bad to the byte offset of the first bad sequence and *isnul
 * to 1 when it is a NUL byte.
 */
int	 utf8_check(const char *s, size_t n, size_t *bad, int *isnul);
/* Number of code points in valid UTF-8 s[0..n). */
size_t	 utf8_count(const char *s, size_t n);
/*
 * Decode the code point at s[i] (i < n); sets *k to its length in bytes.
 * An invalid sequence gives -1 with *k = 1.
 */
int32_t	 utf8_get(const char *s, size_t n, size_t i, size_t *k);
/* 1 for letters, marks and digits. */
int	 utf8_isword(int32_t);
/* 1 for upper-case and title-case letters. */
int	 utf8_isupper(int32_t);
/* 1 for lower-case letters. */
int	 utf8_islower(int32_t);
/* 1 for white space (Zs, tab, line breaks). */
int	 utf8_isspace(int32_t);

#endif
