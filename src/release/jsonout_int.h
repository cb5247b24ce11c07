/*
 * jsonout_int: writing a JSON document piece by piece, so that memory
 * holds one piece, not a tree that grows with the corpus.  Each piece is
 * dumped by jansson (JSON_INDENT(2), sorted keys) and indented to its
 * depth; the joins between pieces (item, close) are written the way
 * jansson writes them, so the bytes are those of the whole tree dumped
 * at once.  Private to release/: datapackage.c and rocrate.c use it
 * (tools/hdrcheck.sh lets this header name jansson's types).
 */
#ifndef SHEAF_JSONOUT_INT_H
#define SHEAF_JSONOUT_INT_H

#include <stddef.h>

#include <jansson.h>

struct buf;

/* Append v (consumed) as it is dumped at depth d; -1 when it cannot. */
int	jsonout_value(struct buf *, json_t *v, int d);
/* Start item n (from 0) of an array or object at depth d. */
void	jsonout_item(struct buf *, size_t n, int d);
/* Close with c an array or object of n items at depth d. */
void	jsonout_close(struct buf *, size_t n, int d, int c);
/*
 * Members of the object o (at depth d) whose keys k have lo < k < hi
 * (NULL: no bound), in key order, as items *n, *n + 1, ...; -1 when one
 * cannot be encoded.
 */
int	jsonout_members(struct buf *, json_t *o, int d, size_t *n,
	    const char *lo, const char *hi);

#endif
