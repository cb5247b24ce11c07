/*
 * pipeline: the extraction stages run over each article, in parallel
 * when asked, with results handed on in input order so that the output
 * does not depend on the number of threads:
 *
 *   input_next() -> segment_run() -> ner_run() -> relate_run() -> consume
 *
 * The loaded rules are read-only and shared by the worker threads.
 * Core module; used by the build, extract and dump commands.
 */
#ifndef SHEAF_PIPELINE_H
#define SHEAF_PIPELINE_H

#include <stddef.h>

struct article;
struct document;
struct entity_set;
struct input;
struct pipeline;

/* Load every rule set from the data directories; NULL after diag. */
struct pipeline	*pipeline_load(void);
void		 pipeline_free(struct pipeline *);

/*
 * Called in input order on the main thread for each extracted document:
 * takes the document (must free it with document_free()); borrows ents,
 * the entities this document mentions (with per-document counts).
 * Returns 0 to go on, -1 to stop.
 */
typedef int	 pipeline_consume_fn(void *arg, struct document *,
		    struct entity_set *ents);

/*
 * Read every article of in, extract it on jobs threads (1: no threads)
 * and hand each document to consume.  Articles that fail are reported
 * and skipped; the run goes on so that every bad input is named.
 * Only documents whose index i satisfies keep(i, id) are processed when
 * keep is not NULL (sharding).  Returns 0 if every article succeeded,
 * -1 otherwise.
 */
int		 pipeline_run(const struct pipeline *, struct input *,
		    unsigned jobs, int (*keep)(void *, const char *id),
		    void *keeparg, pipeline_consume_fn *consume, void *arg);

/* Extract one article (taken) into a new document; NULL after diag. */
struct document	*pipeline_document(const struct pipeline *,
		    struct article *, struct entity_set *ents);
/* Document id for an article: meta id, else a slug of the file name. */
char		*pipeline_doc_id(const struct article *);

#endif
