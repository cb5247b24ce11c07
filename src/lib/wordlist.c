/* wordlist: ordered word lists with a case-blind hash index. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/datafile.h"
#include "lib/hash.h"
#include "lib/wordlist.h"
#include "lib/xalloc.h"

void
wordlist_init(struct wordlist *l)
{
	memset(l, 0, sizeof(*l));
}

void
wordlist_release(struct wordlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->w[i]);
	free(l->w);
	free(l->len);
	free(l->slot);
	wordlist_init(l);
}

/* The slot of entry i in an index of l->nslot slots. */
static void
index_entry(struct wordlist *l, size_t i)
{
	size_t m = l->nslot - 1, h;

	for (h = (size_t)hash_fnv1a_lower(l->w[i], l->len[i]) & m;
	    l->slot[h] != 0; h = (h + 1) & m)
		continue;
	l->slot[h] = i + 1;
}

void
wordlist_add(struct wordlist *l, const char *w, size_t n)
{
	size_t i;

	l->w = xgrow(l->w, &l->cap, l->n + 1, sizeof(*l->w));
	l->len = xgrow(l->len, &l->caplen, l->n + 1, sizeof(*l->len));
	l->w[l->n] = xstrndup(w, n);
	l->len[l->n] = strlen(l->w[l->n]);
	l->n++;
	if (2 * l->n > l->nslot) {	/* at most half full */
		free(l->slot);
		l->nslot = l->nslot == 0 ? 16 : 2 * l->nslot;
		l->slot = xcalloc(l->nslot, sizeof(*l->slot));
		for (i = 0; i < l->n; i++)
			index_entry(l, i);
	} else
		index_entry(l, l->n - 1);
}

void
wordlist_add_words(struct wordlist *l, const char *line)
{
	const char *w, *e;

	for (w = line; *w != '\0'; w = e) {
		w += strspn(w, " \t");
		if (*w == '\0')
			break;
		e = w + strcspn(w, " \t");
		wordlist_add(l, w, (size_t)(e - w));
	}
}

int
wordlist_load(const char *path, const char *const *names, size_t n,
    struct wordlist *lists,
    int (*other)(void *arg, const struct datafile *df, const char *name,
    size_t namelen, char *rest), void *arg)
{
	struct datafile df;
	char *line;
	size_t i, len;
	int rc = 0;

	if (datafile_open(&df, path) != 0)
		return -1;
	while ((line = datafile_next(&df)) != NULL) {
		len = strcspn(line, " \t");
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len &&
			    strncmp(line, names[i], len) == 0)
				break;
		if (i < n)
			wordlist_add_words(&lists[i], line + len);
		else if (other(arg, &df, line, len, line + len) != 0)
			rc = -1;
	}
	datafile_close(&df);
	return rc;
}

/* 1 if an entry is w[0..n): byte for byte, or ASCII case ignored. */
static int
find(const struct wordlist *l, const char *w, size_t n, int nocase)
{
	size_t m = l->nslot - 1, h, i;

	if (l->nslot == 0)
		return 0;
	for (h = (size_t)hash_fnv1a_lower(w, n) & m; l->slot[h] != 0;
	    h = (h + 1) & m) {
		i = l->slot[h] - 1;
		if (l->len[i] == n && (nocase ?
		    strncasecmp(l->w[i], w, n) : memcmp(l->w[i], w, n)) == 0)
			return 1;
	}
	return 0;
}

int
wordlist_has(const struct wordlist *l, const char *w, size_t n)
{
	return find(l, w, n, 0);
}

int
wordlist_has_nocase(const struct wordlist *l, const char *w, size_t n)
{
	return find(l, w, n, 1);
}
