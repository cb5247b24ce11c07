/*
 * buf: a growable byte buffer, always NUL-terminated.  Anyone may include.
 * A buf is embedded by value: buf_init() / buf_release().
 */
#ifndef SHEAF_BUF_H
#define SHEAF_BUF_H

#include <stddef.h>

struct buf {
	char	*s;	/* owned; NUL-terminated; NULL until first add */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct buf *);
void	 buf_release(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
/*
 * Room for n more bytes (and the NUL) at the end: write up to n bytes
 * there, then add their count to len and put the NUL back.
 */
char	*buf_room(struct buf *, size_t n);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Give the contents to the caller (never NULL) and reset the buf. */
char	*buf_detach(struct buf *);
/* The contents, "" when empty; borrowed. */
const char *buf_str(const struct buf *);

#endif
