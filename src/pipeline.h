/*
 * pipeline: the extraction stages run over one article after another:
 * read -> segment -> entities -> relations, into a struct corpus.
 * The loaded rules are read-only once loaded.  Core module; used by the
 * build and dump commands.
 */
#ifndef SHEAF_PIPELINE_H
#define SHEAF_PIPELINE_H

#include <stddef.h>

struct corpus;
struct document;
struct article;
struct pipeline;

/* Load every rule set from the data directories; NULL after diag. */
struct pipeline	*pipeline_load(void);
void		 pipeline_free(struct pipeline *);
/*
 * Run the stages over an article (taken: owned by the document or freed
 * on error) and add the document to the corpus.  Returns 0, or -1 after
 * a diagnostic.
 */
int		 pipeline_add(const struct pipeline *, struct corpus *,
		    struct article *);
/*
 * Collect input files: each argument is a file, "-", or a directory
 * whose *.txt files (sorted by name) are taken.  Returns a NULL-
 * terminated owned array, or NULL after a diagnostic.
 */
char		**pipeline_inputs(char *const *args, size_t nargs);
void		 pipeline_inputs_free(char **);
/* Document id for an article: meta id, else a slug of the file name. */
char		*pipeline_doc_id(const struct article *);

#endif
