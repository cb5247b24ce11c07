/*
 * strset: a set of strings (open addressing over lib/hash.h's FNV-1a).
 * The set owns copies of its strings, packed in one arena: a string
 * costs its bytes and one or two slots, not an allocation of its own (a
 * corpus's document ids live in one for the whole run).  Anyone may
 * include.
 */
#ifndef SHEAF_STRSET_H
#define SHEAF_STRSET_H

#include <stddef.h>

struct strset {
	size_t	 *slot;		/* 1 + offset of the string in arena; 0 empty */
	size_t	  size;		/* slots: a power of two, or 0 */
	size_t	  n;
	char	 *arena;	/* the strings, NUL-ended, one after another */
	size_t	  used, cap;
};

void	strset_init(struct strset *);
void	strset_release(struct strset *);
/* Add a copy of s; returns 1 if added, 0 if it was there already. */
int	strset_add(struct strset *, const char *s);
int	strset_has(const struct strset *, const char *s);

#endif
