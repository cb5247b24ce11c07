/* strset: string sets. */
#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "xalloc.h"

unsigned long long
strset_hash(const char *s, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void
strset_init(struct strset *s)
{
	memset(s, 0, sizeof(*s));
}

void
strset_release(struct strset *s)
{
	size_t i;

	for (i = 0; i < s->size; i++)
		free(s->slot[i]);
	free(s->slot);
	strset_init(s);
}

static size_t
find(const struct strset *s, const char *k)
{
	size_t h = (size_t)strset_hash(k, strlen(k)) & (s->size - 1);

	while (s->slot[h] != NULL && strcmp(s->slot[h], k) != 0)
		h = (h + 1) & (s->size - 1);
	return h;
}

int
strset_has(const struct strset *s, const char *k)
{
	return s->size > 0 && s->slot[find(s, k)] != NULL;
}

int
strset_add(struct strset *s, const char *k)
{
	size_t i, h;

	if (s->n * 2 >= s->size) {
		struct strset big;

		big.size = s->size ? s->size * 2 : 64;
		big.n = s->n;
		big.slot = xcalloc(big.size, sizeof(*big.slot));
		for (i = 0; i < s->size; i++)
			if (s->slot[i] != NULL)
				big.slot[find(&big, s->slot[i])] = s->slot[i];
		free(s->slot);
		*s = big;
	}
	h = find(s, k);
	if (s->slot[h] != NULL)
		return 0;
	s->slot[h] = xstrdup(k);
	s->n++;
	return 1;
}
