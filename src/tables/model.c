/* model: vocabularies, lifecycles and the entity set of the data model. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hash.h"
#include "lib/xalloc.h"
#include "tables/model.h"

static const char *const roles[ROLE__MAX] = {
	"title", "subtitle", "heading", "body", "caption", "credit",
	"author_note", "boilerplate"
};
static const char *const etypes[ET__MAX] = {
	"country", "region", "city", "organization", "person", "group",
	"event", "law", "other"
};
static const char *const esources[ES__MAX] = {
	"lexicon", "acronym", "pattern"
};
static const char *const mforms[MF__MAX] = {
	"name", "acronym", "adjective", "metonym"
};

const char *
role_name(enum role r)
{
	return r < ROLE__MAX ? roles[r] : "";
}

const char *
etype_name(enum etype t)
{
	return t < ET__MAX ? etypes[t] : "";
}

const char *
esource_name(enum esource s)
{
	return s < ES__MAX ? esources[s] : "";
}

const char *
mform_name(enum mform f)
{
	return f < MF__MAX ? mforms[f] : "";
}

void
meta_release(struct meta *m)
{
	free(m->id);
	free(m->title);
	free(m->subtitle);
	free(m->authors);
	free(m->publisher);
	free(m->published);
	free(m->url);
	free(m->language);
	memset(m, 0, sizeof(*m));
}

void
article_free(struct article *a)
{
	if (a == NULL)
		return;
	free(a->path);
	free(a->name);
	if (a->text != a->raw)
		free(a->text);
	free(a->raw);
	meta_release(&a->meta);
	free(a);
}

void
treaty_release(struct treaty *t)
{
	size_t j;

	free(t->id);
	free(t->kind);
	free(t->status);
	free(t->date);
	free(t->precision);
	free(t->certainty);
	free(t->evidence);
	for (j = 0; j < t->nparty; j++) {
		free(t->party[j].role);
		free(t->party[j].status);
		free(t->party[j].date);
	}
	free(t->party);
}

/* A block of a document's string pool; strings are packed in s[]. */
struct strchunk {
	struct strchunk	*next;
	size_t		 used, cap;
	char		 s[];
};

#define STRCHUNK_MIN	((size_t)4 << 10)	/* the first block */
#define STRCHUNK_MAX	((size_t)1 << 20)	/* blocks grow to this */

char *
document_strndup(struct document *d, const char *s, size_t n)
{
	struct strchunk *c = d->strs, *nc;
	size_t cap;
	int behind;
	char *p;

	if (c == NULL || c->cap - c->used < n + 1) {
		cap = c == NULL ? STRCHUNK_MIN : c->cap < STRCHUNK_MAX ?
		    2 * c->cap : STRCHUNK_MAX;
		/* a long string gets a block of its own, behind the one
		 * being filled */
		behind = c != NULL && n + 1 > cap / 4;
		if (behind || cap < n + 1)
			cap = n + 1;
		nc = xmalloc(sizeof(*nc) + cap);
		nc->used = 0;
		nc->cap = cap;
		if (behind) {
			nc->next = c->next;
			c->next = nc;
		} else {
			nc->next = c;
			d->strs = nc;
		}
		c = nc;
	}
	p = c->s + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

char *
document_strdup(struct document *d, const char *s)
{
	return document_strndup(d, s, strlen(s));
}

void
document_free(struct document *d)
{
	struct strchunk *c, *next;
	size_t i;

	if (d == NULL)
		return;
	for (c = d->strs; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(d->para);
	for (i = 0; i < d->ntreaty; i++)
		treaty_release(&d->treaty[i]);
	free(d->treaty);
	for (i = 0; i < d->nmemb; i++) {
		struct membership *m = &d->memb[i];

		free(m->id);
		free(m->status);
		free(m->start);
		free(m->end);
		free(m->certainty);
		free(m->evidence);
	}
	free(d->memb);
	free(d->ment);
	free(d->authors);
	free(d->id);
	article_free(d->art);
	free(d);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct party *
treaty_add_party(struct treaty *t, const char *id, const char *role,
    const char *status, const char *date)
{
	struct party *p;

	t->party = xrealloc(t->party, (t->nparty + 1) * sizeof(*t->party));
	p = &t->party[t->nparty++];
	p->entity_id = id;
	p->role = xstrdup(role);
	p->status = dup_or_null(status);
	p->date = dup_or_null(date);
	return p;
}

/*
 * The entity index is an open-addressing hash table of indices into e[],
 * sized to a power of two at least twice the number of entities.
 */
struct eindex {
	size_t	*slot;		/* index + 1; 0 = empty */
	size_t	 size;
};

static uint64_t
hash_str(const char *s)
{
	return hash_fnv1a(s, strlen(s));
}

static void
eindex_rebuild(struct entity_set *es, size_t size)
{
	struct eindex *ix = es->index;
	size_t i, h;

	if (ix == NULL) {
		ix = xcalloc(1, sizeof(*ix));
		es->index = ix;
	}
	free(ix->slot);
	ix->slot = xcalloc(size, sizeof(*ix->slot));
	ix->size = size;
	for (i = 0; i < es->n; i++) {
		h = hash_str(es->e[i].id) & (size - 1);
		while (ix->slot[h] != 0)
			h = (h + 1) & (size - 1);
		ix->slot[h] = i + 1;
	}
}

struct entity *
entity_set_find(const struct entity_set *es, const char *id)
{
	const struct eindex *ix = es->index;
	size_t h;

	if (ix == NULL)
		return NULL;
	h = hash_str(id) & (ix->size - 1);
	while (ix->slot[h] != 0) {
		if (strcmp(es->e[ix->slot[h] - 1].id, id) == 0)
			return &es->e[ix->slot[h] - 1];
		h = (h + 1) & (ix->size - 1);
	}
	return NULL;
}

struct entity *
entity_set_intern(struct entity_set *es, const char *id, int *added)
{
	struct entity *e;
	struct eindex *ix;
	size_t h;

	if ((e = entity_set_find(es, id)) != NULL) {
		if (added != NULL)
			*added = 0;
		return e;
	}
	es->e = xgrow(es->e, &es->cap, es->n + 1, sizeof(*es->e));
	e = &es->e[es->n++];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(id);
	ix = es->index;
	if (ix == NULL || es->n * 2 > ix->size) {
		h = 64;
		while (h < es->n * 4)
			h *= 2;
		eindex_rebuild(es, h);
	} else {
		h = hash_str(id) & (ix->size - 1);
		while (ix->slot[h] != 0)
			h = (h + 1) & (ix->size - 1);
		ix->slot[h] = es->n;
	}
	if (added != NULL)
		*added = 1;
	return e;
}

void
entity_set_release(struct entity_set *es)
{
	struct eindex *ix = es->index;
	size_t i;

	for (i = 0; i < es->n; i++) {
		free(es->e[i].id);
		free(es->e[i].name);
		free(es->e[i].iso3);
		free(es->e[i].cow_ccode);
		free(es->e[i].acronym);
		free(es->e[i].first_paragraph_id);
	}
	free(es->e);
	if (ix != NULL)
		free(ix->slot);
	free(ix);
	memset(es, 0, sizeof(*es));
}

static void
copy_attrs(struct entity *e, const struct entity *s)
{
	free(e->name);
	free(e->iso3);
	free(e->cow_ccode);
	free(e->acronym);
	free(e->first_paragraph_id);
	e->name = dup_or_null(s->name);
	e->type = s->type;
	e->iso3 = dup_or_null(s->iso3);
	e->cow_ccode = dup_or_null(s->cow_ccode);
	e->acronym = dup_or_null(s->acronym);
	e->source = s->source;
	e->first_paragraph_id = dup_or_null(s->first_paragraph_id);
	e->first_ordinal = s->first_ordinal;
}

void
entity_set_merge(struct entity_set *dst, const struct entity_set *src)
{
	struct entity *e;
	size_t i;
	int added;

	for (i = 0; i < src->n; i++) {
		const struct entity *s = &src->e[i];

		e = entity_set_intern(dst, s->id, &added);
		if (added || s->first_ordinal < e->first_ordinal)
			copy_attrs(e, s);
		e->mentions += s->mentions;
	}
}

void
entity_set_stamp(struct entity_set *es, size_t ordinal)
{
	size_t i;

	for (i = 0; i < es->n; i++)
		es->e[i].first_ordinal = ordinal;
}

void
corpus_init(struct corpus *c)
{
	memset(c, 0, sizeof(*c));
}

void
corpus_release(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->ndoc; i++)
		document_free(c->doc[i]);
	free(c->doc);
	entity_set_release(&c->ents);
	memset(c, 0, sizeof(*c));
}
