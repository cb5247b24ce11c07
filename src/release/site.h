/*
 * site: the landing page of a release bag, data/index.html, and its
 * charts, data/figures/NAME.svg, written from the schemas, the citation
 * and the SQLite flavour (sqldb.h) of the release, queried while it is
 * being written: the page reads the tables of site_whole[] whole and
 * the first SITE_PREVIEW_ROWS rows of the others, which is what an
 * sqldb_peek holds.
 *
 * The page: title, version, date, how to cite (the citation rendered,
 * a BibTeX entry, the stamped CITATION.cff), licence and rights, the
 * checksums (this bag's tables' and the Datasette metadata's; the
 * archives' and the database's are in NAME-VERSION.sha256: the page is
 * inside the archives, and made before the database is done), the three
 * charts inline, each table with its row count, columns, descriptions
 * and first rows, how to open the data, and schema.org Dataset JSON-LD.
 * No script runs and nothing is fetched: it reads from file://.
 *
 * The charts, SVG written here (integer coordinates, so no locale and
 * no float formatting enters): a membership timeline (one row per
 * organisation, one mark per member at its start year, coloured by
 * status), treaties per year by kind with the parties most often
 * named, and entities by type with the most mentioned.  Each has a
 * <title>, a <desc>, axis labels and a table fallback on the page.
 * Bounded: first rows, top N, a cap on marks.  Every value from an
 * article is escaped for HTML and XML.  Core API; release.c includes
 * it.
 */
#ifndef SHEAF_SITE_H
#define SHEAF_SITE_H

struct dp_release;
struct sqldb;

/* What the page is made from; borrowed. */
struct site_in {
	const struct dp_release	*r;		/* this bag's flavour */
	struct sqldb		*db;		/* the database (a peek's) */
	const char		*db_name;	/* NAME-VERSION.sqlite */
	const char		*ds_name;	/* NAME-VERSION.metadata.json */
	const char		*ds_sha256;
};

/*
 * The tables the page reads every row of (NULL-terminated); of the
 * others it reads the first SITE_PREVIEW_ROWS rows, by rowid.
 */
extern const char *const site_whole[];
#define SITE_PREVIEW_ROWS	5

/* The figures, in page order: data/figures/NAME.svg. */
#define SITE_NFIGURES	3
extern const char *const site_figures[SITE_NFIGURES];

/*
 * Write dir/index.html and dir/figures/NAME.svg (dir is the bag's
 * data/).  Returns 0, or -1 after a diagnostic.
 */
int	site_write(const struct site_in *, const char *dir);

#endif
