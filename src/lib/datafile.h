/*
 * datafile: reads the hand-kept, line-oriented data files under
 * data/lexicon (rules, word lists) into memory and hands them out one
 * logical line at a time.  Conventions shared by every such file:
 *   - UTF-8 text, at most DATAFILE_MAX bytes;
 *   - '#' starts a comment when it begins a line or follows a blank;
 *   - a line that begins with a blank continues the previous line;
 *   - blank lines are skipped; trailing blanks are trimmed.
 * Core module; anyone may include.
 */
#ifndef SHEAF_DATAFILE_H
#define SHEAF_DATAFILE_H

#include <stddef.h>

#define DATAFILE_MAX	(4UL * 1024 * 1024)

struct datafile {
	char		*path;	/* owned copy, for diagnostics */
	char		*text;	/* owned; edited in place */
	size_t		 len;
	size_t		 pos;	/* where the next line starts */
	unsigned long	 lineno;	/* line the next line starts on */
	unsigned long	 line;	/* where the last line began */
};

/*
 * Read path into df.  Returns 0, or -1 after a diagnostic (DIAG_SYS for
 * I/O errors, DIAG_USAGE for a file too large or not UTF-8: the data
 * files configure the run, like a schema).  On success the caller
 * releases df with datafile_close().
 */
int	 datafile_open(struct datafile *df, const char *path);
/*
 * The next logical line with comments and continuations folded in,
 * NUL-terminated and borrowed from df (valid until datafile_close()),
 * or NULL at the end.  df->line is its first line number.
 */
char	*datafile_next(struct datafile *df);
void	 datafile_close(struct datafile *df);

#endif
