/*
 * pattern: the regular expressions of Table Schema `pattern` constraints
 * (XML Schema regex syntax), matched against a whole value the way the
 * reference implementation does (it wraps the pattern in ^(...)$).
 *
 * Compiled to a Thompson NFA over UTF-8 bytes and run as a lazily built
 * DFA, so a match costs one table lookup per byte and never allocates
 * once the few DFA states a pattern needs exist.
 *
 * Supported subset (anything else is refused at compile time):
 *   literals (any UTF-8 text), `.` (any code point but LF),
 *   classes `[abc]`, `[a-z]`, `[^...]` with ranges over any code points,
 *   escapes \d \D \w \W \s \S (ASCII: [0-9], [A-Za-z0-9_], [ \t\n\r\f\v]),
 *   \n \r \t \f \v and a backslash before any punctuation character,
 *   groups `( )` and `(?: )`, alternation `|`, quantifiers * + ? {n}
 *   {n,} {n,m} (a trailing `?` for laziness is accepted and changes
 *   nothing for a whole-value match), `^` and `$` as anchors.
 * Refused: \p{..} \P{..} \i \c \I \C, back-references, class subtraction
 * `[a-z-[aeiou]]`, look-around and other `(?` groups.
 *
 * Only valid UTF-8 without NUL can match: every class is compiled to
 * well-formed sequences (no surrogates, nothing past U+10FFFF) and U+0000
 * is in none, so a match also proves the text is clean UTF-8.  Any bytes
 * may be given.  Core module; anyone may include.
 */
#ifndef SHEAF_PATTERN_H
#define SHEAF_PATTERN_H

#include <stddef.h>

struct pattern;

/*
 * Compile pattern; NULL on a syntax error or an unsupported feature, with
 * a message in err[0..errlen).  The caller owns the result (pattern_free).
 */
struct pattern	*pattern_compile(const char *pattern, char *err, size_t errlen);
/* 1 if s[0..n) matches as a whole, else 0.  Not thread-safe (lazy DFA). */
int		 pattern_match(struct pattern *, const char *s, size_t n);
void		 pattern_free(struct pattern *);

#endif
