/*
 * sentence: splits a paragraph of English prose into sentences.
 *
 * A sentence ends at '.', '!', '?' or '…' (with any closing quotes or
 * brackets that follow) when a blank follows and the next sentence
 * starts with an uppercase letter, a digit or an opening quote or
 * bracket.  It does not end:
 *   - inside a quotation or parenthesis that closes later in the text
 *     (within SENTENCE_QUOTE_MAX bytes), so quotations stay whole;
 *   - after an "inner" abbreviation (Mr., e.g., No., Dec.);
 *   - after a "final" abbreviation (U.S., etc.) or a single-letter
 *     initial (J.), unless the next word is a sentence starter (The,
 *     In, But, ...);
 *   - before a lowercase word.
 * The abbreviations and starters are data (see abbreviations.txt under
 * data/lexicon/relations), read by sentence_rules_load().
 * Core module; anyone may include.
 */
#ifndef SHEAF_SENTENCE_H
#define SHEAF_SENTENCE_H

#include <stddef.h>

/* Quotations or parentheses longer than this do not block a split. */
#define SENTENCE_QUOTE_MAX	2000

struct sentence_rules;		/* opaque; read-only after load */

/* One sentence: byte offsets into the text given, end exclusive. */
struct sentence {
	size_t	start, end;
};

/*
 * Read the abbreviation file at path (format in the file's header).
 * Returns an owned object, or NULL after a diagnostic.
 */
struct sentence_rules *sentence_rules_load(const char *path);
void	sentence_rules_free(struct sentence_rules *);

/*
 * Split text[0..len) (UTF-8) into sentences, trimmed of blanks, in
 * order.  Stores at most max of them in out (out may be NULL when max
 * is 0) and returns how many there are, like snprintf: a return value
 * above max means out was too small.  Text with no terminator is one
 * sentence; blank text has none.  Thread-safe.
 */
size_t	sentence_split(const struct sentence_rules *, const char *text,
	    size_t len, struct sentence *out, size_t max);

#endif
