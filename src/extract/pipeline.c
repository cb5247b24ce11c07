/* pipeline: the extraction stages, in order and in parallel. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "extract/input.h"
#include "extract/ner.h"
#include "extract/pipeline.h"
#include "extract/relate.h"
#include "extract/segment.h"
#include "lib/diag.h"
#include "lib/paths.h"
#include "lib/text.h"
#include "lib/xalloc.h"
#include "tables/model.h"

struct pipeline {
	struct seg_rules	*seg;
	struct ner		*ner;
	struct relate		*rel;
};

struct pipeline *
pipeline_load(void)
{
	struct pipeline *pl = xcalloc(1, sizeof(*pl));
	char *p;

	p = xasprintf("%s/roles.conf", paths_lexicon());
	pl->seg = seg_rules_load(p);
	free(p);
	p = xasprintf("%s/relations", paths_lexicon());
	pl->rel = relate_load(p);
	free(p);
	if (pl->seg == NULL || pl->rel == NULL ||
	    (pl->ner = ner_load(paths_lexicon(), paths_genlexicon())) == NULL) {
		pipeline_free(pl);
		return NULL;
	}
	return pl;
}

void
pipeline_free(struct pipeline *pl)
{
	if (pl == NULL)
		return;
	seg_rules_free(pl->seg);
	ner_free(pl->ner);
	relate_free(pl->rel);
	free(pl);
}

char *
pipeline_doc_id(const struct article *a)
{
	const char *base, *src;
	char *stem, *dot, *id;

	src = a->meta.id != NULL ? a->meta.id : a->path;
	base = strrchr(src, '/');
	base = base != NULL && a->meta.id == NULL ? base + 1 : src;
	stem = xstrdup(base);
	if (a->meta.id == NULL && (dot = strrchr(stem, '.')) != NULL &&
	    dot != stem)
		*dot = '\0';
	id = text_slug(stem, 64);
	free(stem);
	if (*id == '\0') {
		free(id);
		id = xstrdup("document");
	}
	return id;
}

struct document *
pipeline_document(const struct pipeline *pl, struct article *a,
    struct entity_set *ents)
{
	struct document *d = xcalloc(1, sizeof(*d));

	d->art = a;
	d->id = pipeline_doc_id(a);
	d->ordinal = a->ordinal;
	if (segment_run(d, pl->seg) != 0 || ner_run(pl->ner, d, ents) != 0 ||
	    relate_run(pl->rel, d, ents) != 0) {
		document_free(d);
		return NULL;
	}
	return d;
}

enum pipeline_yield
pipeline_yield(const struct document *d)
{
	size_t i;
	int body = 0;

	for (i = 0; i < d->npara && !body; i++)
		body = d->para[i].role == ROLE_BODY;
	if (!body)
		return PIPELINE_NO_BODY;
	for (i = 0; i < d->nment; i++)
		if (d->para[d->ment[i].para].role == ROLE_BODY)
			return PIPELINE_YIELDS;
	return PIPELINE_NO_ENTITY;
}

/* Nothing fails silently: an empty document is named on stderr. */
static void
warn_yield(const struct document *d)
{
	switch (pipeline_yield(d)) {
	case PIPELINE_NO_BODY:
		diag(DIAG_WARN, d->art->name, 0, "document '%s': no paragraph "
		    "reads as body text (%zu paragraphs, all title, headings "
		    "or page furniture): no entities or relations extracted",
		    d->id, d->npara);
		break;
	case PIPELINE_NO_ENTITY:
		diag(DIAG_WARN, d->art->name, 0, "document '%s': %zu words of "
		    "body text but no entity found", d->id, d->words);
		break;
	case PIPELINE_YIELDS:
		break;
	}
}

/* ---- the parallel driver ---------------------------------------------- */

enum jstate { J_EMPTY, J_QUEUED, J_TAKEN, J_DONE };

struct job {
	struct article		*art;
	struct document		*doc;
	struct entity_set	 ents;
	void			*prep;		/* hooks->prepare's result */
	enum jstate		 state;
};

struct driver {
	const struct pipeline	*pl;
	const struct pipeline_hooks *hooks;
	struct job		*ring;
	size_t			 cap;
	size_t			 next_in;	/* next sequence number to fill */
	size_t			 next_take;	/* next to hand to a worker */
	int			 stop;
	pthread_mutex_t		 mu;
	pthread_cond_t		 work;		/* a job was queued, or stop */
	pthread_cond_t		 done;		/* a job is done */
};

/* A job's article into its document and prepared result. */
static void
extract(const struct driver *dr, struct job *j)
{
	j->doc = pipeline_document(dr->pl, j->art, &j->ents);
	j->art = NULL;
	if (j->doc != NULL && dr->hooks->prepare != NULL)
		j->prep = dr->hooks->prepare(dr->hooks->arg, j->doc);
}

static void *
worker(void *arg)
{
	struct driver *dr = arg;
	struct job *j;

	pthread_mutex_lock(&dr->mu);
	for (;;) {
		while (!dr->stop && dr->next_take == dr->next_in)
			pthread_cond_wait(&dr->work, &dr->mu);
		if (dr->next_take == dr->next_in && dr->stop)
			break;
		j = &dr->ring[dr->next_take++ % dr->cap];
		j->state = J_TAKEN;
		pthread_mutex_unlock(&dr->mu);
		extract(dr, j);
		pthread_mutex_lock(&dr->mu);
		j->state = J_DONE;
		pthread_cond_broadcast(&dr->done);
	}
	pthread_mutex_unlock(&dr->mu);
	return NULL;
}

static int
hand_on(struct job *j, const struct pipeline_hooks *h, int *failed)
{
	int rc = 0;

	if (j->doc == NULL)
		*failed = 1;
	else {
		warn_yield(j->doc);
		entity_set_stamp(&j->ents, j->doc->ordinal);
		rc = h->consume(h->arg, j->doc, &j->ents, j->prep);
	}
	j->doc = NULL;
	j->prep = NULL;
	entity_set_release(&j->ents);
	j->state = J_EMPTY;
	return rc;
}

int
pipeline_run(const struct pipeline *pl, struct input *in, unsigned jobs,
    const struct pipeline_hooks *h)
{
	struct driver dr;
	pthread_t *tid = NULL;
	struct article *a;
	size_t next_out = 0, nthreads = 0, i, ordinal = 0;
	int failed = 0, eof = 0, r, stopped = 0;

	memset(&dr, 0, sizeof(dr));
	dr.pl = pl;
	dr.hooks = h;
	dr.cap = jobs > 1 ? 4 * (size_t)jobs : 1;
	dr.ring = xcalloc(dr.cap, sizeof(*dr.ring));
	pthread_mutex_init(&dr.mu, NULL);
	pthread_cond_init(&dr.work, NULL);
	pthread_cond_init(&dr.done, NULL);
	if (jobs > 1) {
		tid = xcalloc(jobs, sizeof(*tid));
		for (i = 0; i < jobs; i++) {
			if (pthread_create(&tid[i], NULL, worker, &dr) != 0)
				break;
			nthreads++;
		}
	}
	while (!stopped) {
		/* fill the ring in input order */
		while (!eof && dr.next_in - next_out < dr.cap) {
			r = input_next(in, &a);
			if (r == 0) {
				eof = 1;
				break;
			}
			if (r < 0) {
				failed = 1;
				ordinal++;
				continue;
			}
			a->ordinal = ordinal++;
			if (h->keep != NULL) {
				char *id = pipeline_doc_id(a);
				int k = h->keep(h->arg, id);

				free(id);
				if (!k) {
					article_free(a);
					continue;
				}
			}
			pthread_mutex_lock(&dr.mu);
			dr.ring[dr.next_in % dr.cap].art = a;
			dr.ring[dr.next_in % dr.cap].state = J_QUEUED;
			dr.next_in++;
			pthread_cond_signal(&dr.work);
			pthread_mutex_unlock(&dr.mu);
		}
		if (next_out == dr.next_in)
			break;
		/* hand on the oldest job when it is done */
		{
			struct job *j = &dr.ring[next_out % dr.cap];

			if (nthreads == 0) {
				dr.next_take++;
				extract(&dr, j);
			} else {
				pthread_mutex_lock(&dr.mu);
				while (j->state != J_DONE)
					pthread_cond_wait(&dr.done, &dr.mu);
				pthread_mutex_unlock(&dr.mu);
			}
			if (hand_on(j, h, &failed) != 0)
				stopped = 1;
			next_out++;
		}
	}
	pthread_mutex_lock(&dr.mu);
	dr.stop = 1;
	/* jobs queued but never handed on are dropped */
	pthread_cond_broadcast(&dr.work);
	pthread_mutex_unlock(&dr.mu);
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < dr.cap; i++) {
		article_free(dr.ring[i].art);
		document_free(dr.ring[i].doc);
		if (dr.ring[i].prep != NULL && h->discard != NULL)
			h->discard(dr.ring[i].prep);
		entity_set_release(&dr.ring[i].ents);
	}
	free(tid);
	free(dr.ring);
	pthread_mutex_destroy(&dr.mu);
	pthread_cond_destroy(&dr.work);
	pthread_cond_destroy(&dr.done);
	return failed || stopped ? -1 : 0;
}
