/*
 * validate: streaming validation of CSV resources against Table Schemas,
 * reporting the errors of the Frictionless catalogue (frictionless-py v5
 * baseline check) with its row numbers: the header is row 1 and every
 * CSV record counts.  One pass per resource in constant memory: the key
 * sets of unique fields, primary keys and the targets of foreign keys
 * spill to temporary files past their budget (keyset.h).  Errors go into a struct vreport; nothing is printed but
 * diagnostics for unreadable files.
 * Users: cmd_validate.c, the build, tests.
 */
#ifndef SHEAF_VALIDATE_H
#define SHEAF_VALIDATE_H

#include <stddef.h>
#include <stdio.h>

struct schema;

/* A CSV file and its schema; name is what foreign keys refer to. */
struct vresource {
	const char		*name;
	const char		*path;
	const struct schema	*schema;
	const char		*label;		/* shown in reports; NULL: path */
};

/*
 * What a data package states about a resource's file: hash
 * ("sha256:<hex>", "md5:<hex>" or bare MD5 hex) and bytes; NULL and 0
 * are not checked.  Mismatches are hash-count and byte-count errors.
 */
struct vfixity {
	const char		*hash;
	unsigned long long	 bytes;
};

enum verror_type {
	VE_MISSING_LABEL, VE_EXTRA_LABEL, VE_DUPLICATE_LABEL, VE_BLANK_LABEL,
	VE_INCORRECT_LABEL, VE_MISSING_CELL, VE_EXTRA_CELL, VE_BLANK_ROW,
	VE_TYPE, VE_CONSTRAINT, VE_UNIQUE, VE_PRIMARY_KEY, VE_FOREIGN_KEY,
	VE_ENCODING, VE_SOURCE, VE_HASH_COUNT, VE_BYTE_COUNT, VE__MAX
};

/* One error; the strings are owned by the report. */
struct verror {
	enum verror_type type;
	size_t		 resource;	/* resource index, over all calls */
	unsigned long	 row;		/* 0: none (labels, source) */
	size_t		 field;		/* 1-based position; 0: none */
	const char	*field_name;	/* NULL: none */
	const char	*cell;		/* the cell or label; NULL: none */
	const char	*note;
};

struct vreport;

/* A report keeping at most limit_errors errors per resource (0: all). */
struct vreport	*vreport_new(size_t limit_errors);
void		 vreport_free(struct vreport *);
/*
 * Threads for the validations into the report (default 1): from 2, each
 * CSV file is parsed on a thread of its own.  The report is the same.
 */
void		 vreport_set_jobs(struct vreport *, unsigned jobs);
/*
 * Memory of each key set (unique field, primary key, foreign-key target)
 * before it spills to a temporary file in tmpdir (NULL: $TMPDIR, else
 * /tmp); 0: the default, 8 MiB.  The report is the same.
 */
void		 vreport_set_keymem(struct vreport *, size_t budget,
		    const char *tmpdir);

/*
 * Validate the n resources in order into the report.  Foreign keys to a
 * resource not among them are skipped with a warning.  Returns 0 when
 * everything is valid, 1 when not, -1 after a diagnostic when a file
 * cannot be read.  The resources are borrowed for the call only.
 */
int		 validate_resources(const struct vresource *, size_t n,
		    struct vreport *);
/* The same, also checking fix[i] for resource i (fix may be NULL). */
int		 validate_resources_fixity(const struct vresource *,
		    const struct vfixity *fix, size_t n, struct vreport *);

size_t		 vreport_nerrors(const struct vreport *);
/* The i-th error, in the order found; borrowed from the report. */
const struct verror *vreport_error(const struct vreport *, size_t i);
/* "type-error", ... */
const char	*verror_type_name(enum verror_type);
/* Rows read in resource i (the header not counted). */
unsigned long	 vreport_rows(const struct vreport *, size_t i);

/*
 * Print the report: one line per error as PATH:ROW:FIELD: TYPE: MESSAGE,
 * then a summary per resource (text); or a JSON object shaped like the
 * Frictionless report (valid, stats, warnings, tasks with stats and
 * errors).  0, or -1 on a write error.
 */
int		 vreport_print_text(const struct vreport *, FILE *);
int		 vreport_print_json(const struct vreport *, FILE *);

#endif
