/*
 * aho: an Aho-Corasick automaton over byte strings (Aho & Corasick 1975).
 * Keys are added with a value each, then aho_build() computes the failure
 * and dictionary-suffix links; from then on the automaton is read-only
 * and may be scanned from several threads at once.  A scan reports every
 * occurrence of every key, in order of end offset; its time is linear in
 * the text length plus the number of occurrences reported, whatever the
 * number of keys.  Core module; used by lexicon.c and ner.c.
 */
#ifndef SHEAF_AHO_H
#define SHEAF_AHO_H

#include <stddef.h>

struct aho;

/* A new, empty automaton; owned by the caller, freed with aho_free(). */
struct aho	*aho_new(void);
void		 aho_free(struct aho *);
/*
 * Add key[0..len) (len > 0) with value val; the same key may be added
 * several times with different values, and every value is reported.
 * Only before aho_build().
 */
void	aho_add(struct aho *, const char *key, size_t len, unsigned val);
/* Compute the links.  Call once, after the last aho_add(). */
void	aho_build(struct aho *);
/*
 * Report each occurrence text[start..end) of a key by calling
 * fn(arg, start, end, val), in order of end, longest key first for one end.
 */
void	aho_scan(const struct aho *, const char *text, size_t len,
	    void (*fn)(void *, size_t, size_t, unsigned), void *arg);
/* Number of trie states (for tests and statistics). */
size_t	aho_states(const struct aho *);

#endif
