/* strset: string sets. */
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/strset.h"
#include "lib/xalloc.h"

void
strset_init(struct strset *s)
{
	memset(s, 0, sizeof(*s));
}

void
strset_release(struct strset *s)
{
	free(s->slot);
	free(s->arena);
	strset_init(s);
}

static const char *
key_at(const struct strset *s, size_t slot)
{
	return s->arena + (s->slot[slot] - 1);
}

/* The slot of k, or of the empty slot where it goes. */
static size_t
find(const struct strset *s, const char *k, size_t len)
{
	size_t h = (size_t)hash_fnv1a(k, len) & (s->size - 1);

	while (s->slot[h] != 0 && strcmp(key_at(s, h), k) != 0)
		h = (h + 1) & (s->size - 1);
	return h;
}

int
strset_has(const struct strset *s, const char *k)
{
	return s->size > 0 && s->slot[find(s, k, strlen(k))] != 0;
}

int
strset_add(struct strset *s, const char *k)
{
	size_t i, h, len = strlen(k);

	if (s->n * 2 >= s->size) {
		struct strset big = *s;

		big.size = s->size ? s->size * 2 : 64;
		big.slot = xcalloc(big.size, sizeof(*big.slot));
		for (i = 0; i < s->size; i++)
			if (s->slot[i] != 0) {
				const char *o = key_at(s, i);

				big.slot[find(&big, o, strlen(o))] = s->slot[i];
			}
		free(s->slot);
		*s = big;
	}
	h = find(s, k, len);
	if (s->slot[h] != 0)
		return 0;
	s->arena = xgrow(s->arena, &s->cap, s->used + len + 1, 1);
	memcpy(s->arena + s->used, k, len + 1);
	s->slot[h] = s->used + 1;
	s->used += len + 1;
	s->n++;
	return 1;
}
