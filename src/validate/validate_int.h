/*
 * validate_int: what the files of validate.h's module share.  Only
 * validate/validate.c and vreport.c include it; every other file uses
 * validate.h, the module's API.
 *
 *   vreport.c   the report: the Frictionless error catalogue, the
 *               struct vreport that holds the errors, warnings and
 *               resources, its accessors, and printing it as text or JSON
 *   validate.c  validating: the row loop, the key errors found at the
 *               end, and the passes over the resources
 *
 * Functions one of them gives the other are prefixed vreport_.
 */
#ifndef SHEAF_VALIDATE_INT_H
#define SHEAF_VALIDATE_INT_H

#include <stddef.h>

#include "validate/keyset.h"

struct verror;

struct vwarn {
	size_t		 task;
	char		*msg;
};

struct vtask {
	const char	*name;
	const char	*path;
	unsigned long	 rows;
	size_t		 nfields;
	size_t		 nerrors;
	int		 limited;	/* stopped at the error limit */
};

struct vreport {
	size_t		 limit;
	unsigned	 jobs;		/* threads reading a CSV file */
	struct keymem	 mem;		/* of every key set */
	struct verror	*err;
	unsigned	*rank;		/* per error: its check's place in a row */
	size_t		 nerr, caperr, caprank;
	struct vtask	*task;
	size_t		 ntask;
	struct vwarn	*warn;
	size_t		 nwarn, capwarn;
	char		**pool;		/* every string the report owns */
	size_t		 npool, cappool;
};

/* --- vreport.c ----------------------------------------------------------- */

/* Hand s (owned; NULL is fine) to the report, which frees it; returns s. */
const char	*vreport_pool_take(struct vreport *r, char *s);
/* A warning about resource task (msg is taken). */
void		 vreport_warn(struct vreport *r, size_t task, char *msg);

#endif
