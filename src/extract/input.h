/*
 * input: where articles come from, one at a time and in a fixed order:
 * files and directories (their *.txt files sorted by name), "-" for
 * standard input, or JSON Lines (one object a line: "id", "text", and
 * optional "title", "subtitle", "authors", "publisher", "published",
 * "url", "language").  Core module.
 */
#ifndef SHEAF_INPUT_H
#define SHEAF_INPUT_H

#include <stddef.h>

#include "extract/article.h"

struct article;
struct input;

/* Largest JSON Lines record, in bytes. */
#define INPUT_LINE_MAX	(ARTICLE_MAX + 1024UL * 1024)

/*
 * Open the inputs: each of args is a file, a directory or "-"; jsonl,
 * if not NULL, is a JSON Lines file ("-" for standard input) read after
 * them.  Returns NULL after a diagnostic.
 */
struct input	*input_open(char *const *args, size_t nargs,
		    const char *jsonl);
/*
 * The next article: 1 and an owned article, 0 at the end, or -1 after a
 * diagnostic about this one article (the caller may go on with the
 * next; a failure to read the JSONL stream itself ends it).
 */
int		 input_next(struct input *, struct article **);
/* How many inputs there are, when known in advance (else 0). */
size_t		 input_count(const struct input *);
void		 input_close(struct input *);

#endif
