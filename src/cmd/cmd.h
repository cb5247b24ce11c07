/*
 * cmd: the subcommands.  Each cmd_*() parses its own options with
 * getopt_long (argv[0] is the subcommand name) and returns an exit
 * status from enum sheaf_exit (diag.h).  Only main.c and cmd_*.c include.
 */
#ifndef SHEAF_CMD_H
#define SHEAF_CMD_H

#include <stdint.h>

struct sheaf_cmd {
	const char	*name;
	int		(*fn)(int, char **);
	const char	*synopsis;	/* usage line after "sheaf " */
	const char	*summary;	/* one line for sheaf --help */
	const char	*help;		/* option list for sheaf help CMD */
};

int	cmd_archive(int, char **);
int	cmd_build(int, char **);
int	cmd_diff(int, char **);
int	cmd_dump(int, char **);
int	cmd_extract(int, char **);
int	cmd_merge(int, char **);
int	cmd_validate(int, char **);
int	cmd_verify(int, char **);

extern const struct sheaf_cmd	sheaf_cmds[];
/* The entry of a command by name, or NULL. */
const struct sheaf_cmd	*cmd_find(const char *);
/*
 * Option values shared by the commands; each reports a usage error
 * naming the option and returns -1.  A count is a positive decimal.
 */
int	cmd_parse_count(const char *s, const char *opt, uint64_t *);
/* Bytes, or with a K, M or G suffix (binary); at least min. */
int	cmd_parse_size(const char *s, const char *opt, uint64_t min,
	    uint64_t *);
/* -j: 1 to 256 threads. */
int	cmd_parse_jobs(const char *s, unsigned *jobs);
/* Online CPUs, 1 to 64: the default of -j. */
unsigned cmd_default_jobs(void);
/* "text" -> 0, "json" -> 1 into *json. */
int	cmd_parse_format(const char *s, int *json);
/* Print "usage: sheaf SYNOPSIS" for a command to stderr; returns 2. */
int	cmd_usage(const struct sheaf_cmd *);

#endif
