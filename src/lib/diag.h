/*
 * diag: the one place that prints diagnostics and remembers the worst
 * outcome of the run, which becomes the exit status (see sheaf(1)).
 * Anyone may include.  Messages read "sheaf: FILE:LINE: message".
 */
#ifndef SHEAF_DIAG_H
#define SHEAF_DIAG_H

/* Exit statuses, documented in README.md and doc/sheaf.1. */
enum sheaf_exit {
	EXIT_OK = 0,		/* success */
	EXIT_DATA = 1,		/* invalid data or failed verification */
	EXIT_USAGE = 2,		/* usage error, unusable schema */
	EXIT_SYS = 3		/* I/O or system error */
};

enum diag_level {
	DIAG_NOTE,		/* informational, never changes the exit */
	DIAG_WARN,		/* suspicious, never changes the exit */
	DIAG_DATA,		/* -> EXIT_DATA */
	DIAG_USAGE,		/* -> EXIT_USAGE */
	DIAG_SYS		/* -> EXIT_SYS */
};

/*
 * Print "sheaf: FILE:LINE: message" (FILE and LINE are left out when
 * NULL or 0) and raise the worst level seen.  WARN and NOTE are printed
 * with a "warning: " or "note: " prefix, and only when not quiet.
 */
void	diag(enum diag_level, const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same with errno's text appended as ": strerror(errnum)". */
void	diag_errno(int errnum, const char *file, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The exit status the worst diagnostic so far asks for. */
int	diag_exit(void);
/*
 * The warnings (DIAG_WARN) issued so far by anyone, counted whether or
 * not they were printed; `sheaf build` and `merge` report it last.
 */
unsigned long	diag_warnings(void);
/* Forget the worst level and the warning count. */
void	diag_reset(void);
/* -1 quiet (errors only), 0 normal, 2 verbose (notes too). */
void	diag_set_verbosity(int);
int	diag_verbosity(void);

#endif
