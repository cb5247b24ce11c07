/* diag: diagnostics and the worst-level exit status. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/diag.h"

static enum diag_level	worst = DIAG_NOTE;
static int		verbosity = 0;
/* Warnings of the run, printed or not (-q), whoever issued them. */
static unsigned long	nwarn = 0;
/* Worker threads report too: one message at a time. */
static pthread_mutex_t	mu = PTHREAD_MUTEX_INITIALIZER;

static void
vdiag(enum diag_level lvl, const char *file, unsigned long line,
    int errnum, const char *fmt, va_list ap)
{
	pthread_mutex_lock(&mu);
	if (lvl > worst)
		worst = lvl;
	if (lvl == DIAG_WARN)
		nwarn++;
	if ((lvl == DIAG_NOTE && verbosity < 2) ||
	    (lvl == DIAG_WARN && verbosity < 0)) {
		pthread_mutex_unlock(&mu);
		return;
	}
	fputs("sheaf: ", stderr);
	if (file != NULL && *file != '\0') {
		fputs(file, stderr);
		if (line > 0)
			fprintf(stderr, ":%lu", line);
		fputs(": ", stderr);
	}
	if (lvl == DIAG_WARN)
		fputs("warning: ", stderr);
	else if (lvl == DIAG_NOTE)
		fputs("note: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (errnum != 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	pthread_mutex_unlock(&mu);
}

void
diag(enum diag_level lvl, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(lvl, file, line, 0, fmt, ap);
	va_end(ap);
}

void
diag_errno(int errnum, const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_SYS, file, 0, errnum, fmt, ap);
	va_end(ap);
}

int
diag_exit(void)
{
	enum diag_level w;

	pthread_mutex_lock(&mu);
	w = worst;
	pthread_mutex_unlock(&mu);
	switch (w) {
	case DIAG_DATA:
		return EXIT_DATA;
	case DIAG_USAGE:
		return EXIT_USAGE;
	case DIAG_SYS:
		return EXIT_SYS;
	default:
		return EXIT_OK;
	}
}

unsigned long
diag_warnings(void)
{
	unsigned long n;

	pthread_mutex_lock(&mu);
	n = nwarn;
	pthread_mutex_unlock(&mu);
	return n;
}

void
diag_reset(void)
{
	pthread_mutex_lock(&mu);
	worst = DIAG_NOTE;
	nwarn = 0;
	pthread_mutex_unlock(&mu);
}

void
diag_set_verbosity(int v)
{
	verbosity = v;
}

int
diag_verbosity(void)
{
	return verbosity;
}
