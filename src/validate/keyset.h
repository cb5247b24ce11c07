/*
 * keyset: the key sets of validation (unique fields, primary keys, the
 * targets of foreign keys) in bounded memory.  A set is a hash table
 * until it holds its memory budget; then it spills: keys are appended
 * to a buffer that is sorted and written to a temporary file as a run
 * each time it is full, and the runs are merged at the end, where
 * repeated keys and foreign-key misses are found.  Exact: keys are
 * compared byte for byte, hashes only order them.
 * A probe set (struct keyprobe) holds the keys a table looks up in a
 * spilled set, checked in one merge at the end.
 * Errors (a temporary file that cannot be written or read) are kept in
 * the set and returned by keyset_status(); nothing is printed here.
 * Users: validate.c; vreport.c keeps the report's struct keymem.
 */
#ifndef SHEAF_KEYSET_H
#define SHEAF_KEYSET_H

#include <stddef.h>
#include <stdint.h>

/* Where and how much: bytes a set may hold before it spills, and the
 * directory of its temporary file (NULL: $TMPDIR, else /tmp). */
struct keymem {
	size_t		 budget;
	const char	*tmpdir;
};

#define KEYMEM_DEFAULT	((size_t)8 << 20)

struct keyset;
struct keyprobe;

struct keyset	*keyset_new(const size_t *cols, size_t ncols,
		    const struct keymem *);
void		 keyset_free(struct keyset *);
const size_t	*keyset_cols(const struct keyset *, size_t *ncols);
/* Room for n keys in the hash table, as far as the budget allows. */
void		 keyset_reserve(struct keyset *, size_t n);
/*
 * Add the key of row (h must be its hash_fast(), lib/hash.h); payload
 * is kept with it when the set has spilled (the text a duplicate's
 * error shows).  Returns the row that had the key before, or 0: new, or
 * not known until the end because the set has spilled.
 */
unsigned long	 keyset_add(struct keyset *, const char *key, size_t len,
		    uint64_t h, unsigned long row, const char *payload,
		    size_t plen);
/* Fetch the table slot of hash h ahead of keyset_add. */
void		 keyset_prefetch(const struct keyset *, uint64_t h);
int		 keyset_spilled(const struct keyset *);
/* Whether the key is in the set; for a set that has not spilled. */
int		 keyset_has(const struct keyset *, const char *key, size_t len);
/*
 * The end of the rows of a spilled set: sort and merge what it holds
 * and call fn (if not NULL) for every row whose key an earlier row had
 * (prev, the latest such row), with the row's payload, in key order.
 * again: the set will be read by keyprobe_misses, maybe several times
 * (it is merged into one run for that).  0, or -1.
 */
int		 keyset_finish(struct keyset *, int again,
		    void (*fn)(void *, unsigned long row, unsigned long prev,
		    const char *payload, size_t plen), void *arg);
/* 0, or the errno of the first temporary-file failure; its path. */
int		 keyset_status(const struct keyset *, const char **path);

struct keyprobe	*keyprobe_new(const struct keymem *);
void		 keyprobe_free(struct keyprobe *);
void		 keyprobe_add(struct keyprobe *, const char *key, size_t len,
		    uint64_t h, unsigned long row, const char *payload,
		    size_t plen);
/*
 * Call fn for every key added that the finished set ks does not have,
 * in key order.  0, or -1 (see keyprobe_status).
 */
int		 keyprobe_misses(struct keyprobe *, struct keyset *ks,
		    void (*fn)(void *, unsigned long row, const char *payload,
		    size_t plen), void *arg);
int		 keyprobe_status(const struct keyprobe *, const char **path);

#endif
