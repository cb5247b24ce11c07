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
 * What a run does with the documents, through arg:
 * - keep: extract only the documents whose id it accepts (sharding);
 *   NULL keeps every one.  Main thread.
 * - prepare: on the thread that extracted a document, right after it,
 *   work that needs nothing shared (encoding its rows); its result goes
 *   to consume.  NULL: none.  discard frees a result never consumed.
 * - consume: in input order on the calling thread, takes the document
 *   (must free it with document_free()) and the prepare result; borrows
 *   ents, the entities this document mentions (per-document counts).
 *   Returns 0 to go on, -1 to stop.
 */
struct pipeline_hooks {
	int	 (*keep)(void *arg, const char *id);
	void	*(*prepare)(void *arg, const struct document *);
	void	 (*discard)(void *prep);
	int	 (*consume)(void *arg, struct document *,
		    struct entity_set *ents, void *prep);
	void	*arg;
};

/*
 * Read every article of in, extract it on jobs threads (1: no threads)
 * and hand each document on through the hooks.  Articles that fail are
 * reported and skipped; the run goes on so that every bad input is
 * named.  A document that yields no body or no entity gets a warning
 * (pipeline_yield()), in input order.  Returns 0 if every article
 * succeeded, -1 otherwise.
 */
int		 pipeline_run(const struct pipeline *, struct input *,
		    unsigned jobs, const struct pipeline_hooks *);

/* Extract one article (taken) into a new document; NULL after diag. */
struct document	*pipeline_document(const struct pipeline *,
		    struct article *, struct entity_set *ents);
/*
 * What a document yields for the tables: PIPELINE_NO_BODY when no
 * paragraph was read as body text (nothing is extracted from it),
 * PIPELINE_NO_ENTITY when its body names no entity, else PIPELINE_YIELDS.
 * pipeline_run() warns about the first two, naming the article.
 */
enum pipeline_yield {
	PIPELINE_YIELDS,
	PIPELINE_NO_BODY,
	PIPELINE_NO_ENTITY
};
enum pipeline_yield pipeline_yield(const struct document *);

/* Document id for an article: meta id, else a slug of the file name. */
char		*pipeline_doc_id(const struct article *);

#endif
