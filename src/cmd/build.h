/*
 * build: the steps of `sheaf build` (build.c), shared with `sheaf merge`
 * (which runs the same finishing steps over partial tables): options,
 * release metadata, schemas, the staging payload, the pipeline hooks,
 * progress, and validation + publication.  `sheaf extract` also uses
 * the options, schemas and hooks, `sheaf dump` the hooks and
 * build_accept().  Only build.c and the cmd_*.c files include it.
 */
#ifndef SHEAF_BUILD_H
#define SHEAF_BUILD_H

#include <stddef.h>
#include <time.h>

#include "lib/strset.h"
#include "release/citation.h"
#include "release/release.h"
#include "tables/emit.h"
#include "tables/jsonio.h"
#include "tables/model.h"

struct diff_side;
struct schema;
struct sink;
struct table;

struct build {
	/* options */
	const char		*out;
	const char		*version;	/* borrowed: option or cff */
	const char		*date_opt;
	const char		*name_opt;
	const char		*citation;
	const char		*schemas;
	const char		*jsonl;
	const char		*previous;	/* --previous OLD */
	const char		*ocfl;		/* --ocfl ROOT */
	char *const		*args;
	size_t			 nargs;
	unsigned		 jobs;
	int			 jobs_set;
	unsigned		 shard_k, shard_n;	/* extract only */
	int			 quiet;
	int			 source_files;	/* --source-files */
	int			 unpacked;	/* --unpacked */
	struct emit_opts	 eo;
	/* metadata */
	struct citation		 cff;
	int			 have_cff;
	struct diff_side	*prev;		/* OLD, opened early */
	char			 date[11];
	char			*name;
	/* tables and their schemas */
	const char		*sdir;
	struct table		*tables[T__MAX];
	struct schema		*schema[T__MAX];
	enum jcol		*types[T__MAX];
	const char		*tnames[T__MAX + 1];
	/* output */
	struct release_staging	 stage;
	int			 staged;
	char			*payload;
	char			*srcdir;	/* where source/ID.txt go, or
						   NULL (--omit-text) */
	struct sink		*sink;
	struct strset		 ids;		/* document ids seen */
	struct entity_set	 ents;		/* merged entities */
	size_t			 nempty;	/* documents without body or
						   entity (pipeline_yield) */
	/* progress */
	size_t			 ndocs, total;
	unsigned long long	 bytes;
	struct timespec		 start, shown;
};

void	build_init(struct build *);
/* getopt_long over the shared options; -1 on a usage error. */
int	build_parse_opts(struct build *, int, char **);
int	build_metadata(struct build *);
int	build_schemas(struct build *);
int	build_stage(struct build *);
/*
 * A document off the pipeline: refuse a repeated id (the document is
 * freed, 0), else merge its entities into b->ents and count it in
 * b->nempty if it yields no body or no entity (1).
 */
int	build_accept(struct build *, struct document *,
	    const struct entity_set *);
/*
 * pipeline_hooks prepare and discard, on the extracting thread: a
 * document's rows encoded with the schemas' JSON types (struct encoded,
 * encode.h), and its verbatim text written to b->srcdir/ID.txt when
 * srcdir is set.  NULL after a diagnostic if that write failed.  (A
 * repeated id writes the same file twice; build_accept() then fails the
 * run, and the staging directory goes.)
 */
void	*build_prepare(void *, const struct document *);
void	 build_discard(void *);
int	build_finish(struct build *);
/*
 * The progress line on stderr (a terminal, not --quiet): documents, MB/s
 * and ETA, at most once a second; last ends it with a newline.
 */
void	build_progress(struct build *, int last);
/* The warning that sums up b->nempty, if any. */
void	build_warn_empty(const struct build *);
void	build_release(struct build *);

#endif
