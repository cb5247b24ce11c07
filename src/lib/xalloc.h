/*
 * xalloc: allocation that never returns NULL.  Out of memory is fatal
 * (exit 3 after a message), so callers do not check.  Anyone may include.
 */
#ifndef SHEAF_XALLOC_H
#define SHEAF_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grow an array of nmemb elements of size sz so it holds at least need. */
void	*xgrow(void *, size_t *nmemb, size_t need, size_t sz);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

#endif
