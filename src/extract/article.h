/*
 * article: reads one input article into a struct article (model.h).
 * The reader accepts UTF-8 only: invalid UTF-8 and NUL bytes are errors
 * naming the byte offset and line; a BOM is dropped; CRLF and CR become
 * LF.  The verbatim bytes are kept for the release's source/ folder.
 * A sidecar FILE.meta.json next to FILE (or FILE without its extension
 * + .meta.json) fills struct meta.  Core module.
 */
#ifndef SHEAF_ARTICLE_H
#define SHEAF_ARTICLE_H

#include <stddef.h>

struct article;

/* Largest article accepted, in bytes. */
#define ARTICLE_MAX	(64UL * 1024 * 1024)

/*
 * Read path ("-" for standard input).  Returns 0 and an owned article,
 * or -1 after a diagnostic (exit class DATA for bad content, SYS for
 * I/O).
 */
int	article_read(const char *path, struct article **out);
/* The same from memory; name is used in diagnostics and source_file. */
int	article_from_mem(const char *name, const char *bytes, size_t n,
	    struct article **out);
/* Read the sidecar of path into the article's meta, if there is one. */
int	article_read_sidecar(struct article *, const char *path);

#endif
