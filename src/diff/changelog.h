/*
 * changelog: SemVer for datasets, and the change log a release carries
 * when it is built with --previous OLD.
 *
 * The version a change needs over the previous one, after the Data
 * Package Version pattern of Frictionless Data:
 *   major  a table or field removed, a field retyped or its format
 *          changed, fields reordered, a primary key changed, a
 *          constraint tightened or changed (data valid before may not
 *          be now; a foreign key added is one), missing values
 *          changed, rows removed (ids others cite are gone);
 *   minor  a table, field or rows added (a field added keeps the
 *          others' order, so sheaf appends new columns), a constraint
 *          loosened (a foreign key removed is one; a value added to an
 *          enum, such as a new status, is another), the licence
 *          changed;
 *   patch  values of existing rows corrected, descriptive metadata
 *          (title, abstract, authors, keywords, DOI, URL, name) or a
 *          field's title or description changed;
 *   none   nothing but the version: any version not lower will do.
 * Only MAJOR.MINOR.PATCH are compared: a pre-release of the version
 * needed (2.0.0-rc.1 for 2.0.0) is accepted.
 *
 * Core API; cmd_build.c includes it.
 */
#ifndef SHEAF_CHANGELOG_H
#define SHEAF_CHANGELOG_H

#include <stddef.h>

#include "diff/diff.h"

struct buf;

/* MAJOR.MINOR.PATCH of a SemVer version. */
struct semver {
	unsigned long long	major, minor, patch;
};

/* Parse the core of a valid SemVer version (release.h); 0 or -1. */
int	semver_parse(const char *, struct semver *);
/* -1, 0, 1 as a's core is lower than, equal to or higher than b's. */
int	semver_cmp(const struct semver *a, const struct semver *b);
/* The lowest version a change needing bump allows after old. */
void	semver_least(const struct semver *old, enum diff_bump bump,
	    struct semver *out);

/*
 * Check that newv is a version d allows after oldv.  Returns 0, or -1
 * after a DIAG_DATA diagnostic that names the change and the version
 * needed: "rows added to entities: version 1.0.1 needs at least 1.1.0".
 */
int	changelog_check(const struct diff *d, const char *oldv,
	    const char *newv);

/*
 * Append CHANGES.md for release name/version to out: the bump and its
 * reason, metadata and schema changes, a table of row counts, then per
 * table at most maxrows rows of each kind (added, changed, removed).
 * Returns 0, or -1 after a diagnostic.
 */
int	changelog_write(const struct diff *d, const char *name,
	    const char *version, size_t maxrows, struct buf *out);

/*
 * Append the one-line summary for bag-info.txt (Changes-Since), e.g.
 * "1.0.0 (minor): 3 rows added, 0 removed, 0 changed; 0 schema
 * changes; see data/CHANGES.md".
 */
void	changelog_summary(const struct diff *d, struct buf *out);

/*
 * The --previous step of a build: compare cur (the validated staging
 * payload) with prev, check cur's version against prev's, and make
 * CHANGES.md and its summary (*md and *summary, owned by the caller).
 * Returns 0, or -1 after a diagnostic (DIAG_DATA for a version the
 * changes do not allow: nothing may be published then).
 */
int	changelog_build(const struct diff_side *prev,
	    const struct diff_side *cur, const char *name,
	    const char *version, char **md, char **summary);

#endif
