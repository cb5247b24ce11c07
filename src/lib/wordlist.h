/*
 * wordlist: a list of words or phrases read from a rules file (the
 * segmenter's roles.conf, the sentence splitter's abbreviations, the
 * date scanner's words), kept in the order given, with a hash index
 * (lib/hash.h's FNV-1a, ASCII lower-cased) for whole-entry lookups,
 * byte for byte or with ASCII case ignored.  The entries are in w[] and
 * len[] for scans of their own (prefixes, words inside a text).  Core
 * module; anyone may include.
 */
#ifndef SHEAF_WORDLIST_H
#define SHEAF_WORDLIST_H

#include <stddef.h>

struct datafile;

struct wordlist {
	char	**w;		/* owned, NUL-ended, in the order added */
	size_t	 *len;		/* strlen(w[i]) */
	size_t	  n, cap, caplen;
	size_t	 *slot;		/* 1 + index into w; 0 empty */
	size_t	  nslot;	/* a power of two, or 0 */
};

void	wordlist_init(struct wordlist *);
void	wordlist_release(struct wordlist *);
/* Add a copy of w[0..n) (NUL-free) at the end. */
void	wordlist_add(struct wordlist *, const char *w, size_t n);
/* Add each word of line, words being runs of anything but ' ' and '\t'. */
void	wordlist_add_words(struct wordlist *, const char *line);
/*
 * Read named lists from the data file at path (lib/datafile.h): a line
 * is a list's name and its words, all separated by blanks.  The words of
 * a line named names[i] go to lists[i] (n of each, initialised by the
 * caller).  A line with another name goes to other(arg, df, name,
 * namelen, rest), rest being what follows the name, which returns 0 or
 * -1 after a diagnostic naming df->path and df->line.  Every line is
 * read; returns 0, or -1 when the file could not be read (after a
 * diagnostic) or other refused a line.
 */
int	wordlist_load(const char *path, const char *const *names, size_t n,
	    struct wordlist *lists,
	    int (*other)(void *arg, const struct datafile *df,
	    const char *name, size_t namelen, char *rest), void *arg);
/* 1 if an entry is w[0..n) byte for byte, else 0. */
int	wordlist_has(const struct wordlist *, const char *w, size_t n);
/* 1 if an entry is w[0..n) with ASCII case ignored, else 0. */
int	wordlist_has_nocase(const struct wordlist *, const char *w, size_t n);

#endif
