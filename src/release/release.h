/*
 * release: publishing one version of the dataset.  `sheaf build` writes
 * and validates the tables in a private staging directory inside the
 * output directory, then release_publish() does the rest: two BagIt
 * bags (csv and json flavours) with README.md codebook, stamped
 * CITATION.cff, datapackage.json, schemas and source articles; a
 * reproducible tar.gz and zip of each; a sha256sum-style checksum file;
 * and an atomic, immutable publication:
 *
 *   OUT/NAME-VERSION/
 *       NAME-VERSION-csv/  NAME-VERSION-json/        the bags
 *       NAME-VERSION-csv.tar.gz  NAME-VERSION-csv.zip
 *       NAME-VERSION-json.tar.gz NAME-VERSION-json.zip
 *       NAME-VERSION.sha256
 *
 * Also the small rules around it: SemVer versions, release names, the
 * release date.  Core API; cmd_build.c includes it.
 */
#ifndef SHEAF_RELEASE_H
#define SHEAF_RELEASE_H

#include <stddef.h>

struct bag_sum;
struct citation;
struct corpus;

/*
 * What release_publish() needs; everything is borrowed.  The staging
 * directory holds what build wrote and validated:
 *   payload/csv/TABLE.csv  payload/json/TABLE.json
 *   payload/json/TABLE.schema.json  payload/source/DOCUMENT_ID.txt
 * (no source/ with omit_text).
 */
struct release_in {
	const char		 *outdir;	/* OUT */
	const char		 *staging;	/* OUT/.sheaf-tmp-XXXXXX */
	const char		 *name;		/* release_name_valid() */
	const char		 *version;	/* semver_valid() */
	const char		 *date;		/* YYYY-MM-DD (release_date) */
	const char		 *schemas_dir;	/* TABLE.json Table Schemas */
	const struct citation	 *cff;		/* the dataset's citation */
	/*
	 * Source articles for the references and sources; NULL: read
	 * them from payload/json/documents.json.
	 */
	const struct corpus	 *corpus;
	const char *const	 *tables;	/* NULL-terminated, in order */
	/*
	 * Rows of each table as the writer counted them; NULL: count the
	 * rows of payload/json/TABLE.json (which loads the whole table).
	 */
	const size_t		 *rows;
	/*
	 * Digests of payload files taken as they were written (paths
	 * relative to payload/, which are their paths under each bag's
	 * data/): the bags link these files and do not read them again.
	 * NULL/0: every file is read once to hash it.
	 */
	const struct bag_sum	 *sums;
	size_t			  nsums;
	/*
	 * Threads for the archives; from 2, the database is written on
	 * one more, beside the bags and archives.
	 */
	unsigned		  jobs;
	int			  omit_text;
	/*
	 * Keep the two bags unpacked beside the archives (--unpacked);
	 * otherwise they exist only in the staging directory.
	 */
	int			  unpacked;
	/*
	 * Optional (NULL: none; see changelog.h): CHANGES.md, put into
	 * data/ of both bags, and its one-line summary, put into
	 * bag-info.txt as Changes-Since.
	 */
	const char		 *changes_md;
	const char		 *changes_summary;
};

/*
 * Publish OUT/NAME-VERSION from the staging directory, atomically: it
 * appears complete or not at all.  If it exists already with the same
 * checksum file and archives, nothing changes and the result is 0 (a
 * warning says so); with different bytes, the result is 1 and nothing
 * is touched.  The staging directory is removed whatever happens, and
 * stale staging directories of killed runs (see release_staging_open)
 * are cleaned.  Returns an exit status (enum sheaf_exit).
 */
int	release_publish(const struct release_in *);

/*
 * A locked staging directory OUT/.sheaf-tmp-XXXXXX (OUT is created if
 * needed), with its lock in OUT/.sheaf-tmp-XXXXXX.lock.  The lock lives
 * until release_staging_close() or the process ends, so a later run
 * can remove what a killed run left without touching a live run's.
 * Returns 0, or -1 after a diagnostic.
 */
struct release_staging {
	char	*dir;		/* owned */
	int	 lockfd;
};
int	release_staging_open(const char *outdir, struct release_staging *);
/* Remove the directory if it is still there, then the lock. */
void	release_staging_close(struct release_staging *);
/*
 * Remove the staging directories of dir whose lock nobody holds (runs
 * that were killed), each with a note.
 */
void	release_clean_stale(const char *dir);

/*
 * The release date into out: opt (--date) when not NULL, else
 * SOURCE_DATE_EPOCH, else today; all in UTC.  Dates must lie between
 * 1980-01-01 and 2107-12-31 (what zip can store).  Returns 0, or -1
 * after a usage diagnostic.
 */
int	release_date(const char *opt, char out[11]);
/* 1 if s is a SemVer 2.0.0 version (MAJOR.MINOR.PATCH[-pre][+build]). */
int	semver_valid(const char *s);
/* 1 if s can name a release: [a-z0-9][a-z0-9._-]*, at most 64 bytes. */
int	release_name_valid(const char *s);

#endif
