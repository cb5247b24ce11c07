/*
 * strset: a set of strings (open addressing, FNV-1a).  The set owns
 * copies of its strings.  Anyone may include.
 */
#ifndef SHEAF_STRSET_H
#define SHEAF_STRSET_H

#include <stddef.h>

struct strset {
	char	**slot;		/* owned strings; NULL = empty */
	size_t	  size;		/* power of two, or 0 */
	size_t	  n;
};

void	strset_init(struct strset *);
void	strset_release(struct strset *);
/* Add a copy of s; returns 1 if added, 0 if it was there already. */
int	strset_add(struct strset *, const char *s);
int	strset_has(const struct strset *, const char *s);
/* The 64-bit FNV-1a hash used by the set, for other stable hashing. */
unsigned long long strset_hash(const char *s, size_t n);

#endif
