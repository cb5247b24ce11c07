/* release: bags, archives, checksums and atomic publication. */
#define _GNU_SOURCE	/* renameat2(RENAME_NOREPLACE) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bag/archive.h"
#include "bag/bag.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/version.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/codebook.h"
#include "release/datapackage.h"
#include "release/release.h"
#include "release/rocrate.h"
#include "release/site.h"
#include "release/sqldb.h"
#include "tables/model.h"

#define STAGING_PREFIX	".sheaf-tmp-"
#define STAGING_LOCK	".lock"
#define NAME_MAX_LEN	64

static const char *const flavours[] = { "csv", "json" };
#define NFLAVOUR	2

/* --- small rules ---------------------------------------------------------- */

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

/* A SemVer numeric identifier: 0, or digits without a leading zero. */
static int
numeric_id(const char *s, size_t n)
{
	return digits(s, n) && (n == 1 || s[0] != '0');
}

/* Dot-separated identifiers of [0-9A-Za-z-]; pre-release: no 0 lead. */
static int
idents(const char *s, size_t n, int pre)
{
	size_t i, start = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '.') {
			if (!((s[i] >= '0' && s[i] <= '9') ||
			    (s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
				return 0;
			continue;
		}
		if (i == start)
			return 0;
		if (pre && digits(s + start, i - start) &&
		    !numeric_id(s + start, i - start))
			return 0;
		start = i + 1;
	}
	return 1;
}

int
semver_valid(const char *s)
{
	const char *p = s, *e;
	int part;

	if (s == NULL || strlen(s) > 128)
		return 0;
	for (part = 0; part < 3; part++) {
		e = p + strspn(p, "0123456789");
		if (!numeric_id(p, (size_t)(e - p)))
			return 0;
		if (part < 2 && *e != '.')
			return 0;
		p = part < 2 ? e + 1 : e;
	}
	if (*p == '-') {
		e = p + 1 + strcspn(p + 1, "+");
		if (!idents(p + 1, (size_t)(e - p - 1), 1))
			return 0;
		p = e;
	}
	if (*p == '+') {
		if (!idents(p + 1, strlen(p + 1), 0))
			return 0;
		p += strlen(p);
	}
	return *p == '\0';
}

int
release_name_valid(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n > NAME_MAX_LEN)
		return 0;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* Seconds at 00:00 UTC of a valid YYYY-MM-DD, or -1. */
static long long
date_epoch(const char *s)
{
	static const unsigned mdays[] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long long y;
	unsigned m, d;

	if (s == NULL || strlen(s) != 10 || !digits(s, 4) || s[4] != '-' ||
	    !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0))
		return -1;
	return days_from_civil(y, m, d) * 86400;
}

int
release_date(const char *opt, char out[11])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t t;
	char *end;
	unsigned long long v;

	if (opt != NULL) {
		if (date_epoch(opt) < 0) {
			diag(DIAG_USAGE, NULL, 0, "--date '%s': not a valid "
			    "YYYY-MM-DD date", opt);
			return -1;
		}
		memcpy(out, opt, 11);
	} else {
		if (sde != NULL && *sde != '\0') {
			errno = 0;
			v = strtoull(sde, &end, 10);
			if (*end != '\0' || errno != 0 || !digits(sde, 1) ||
			    v > 253402300799ULL) {
				diag(DIAG_USAGE, NULL, 0, "SOURCE_DATE_EPOCH "
				    "'%s': not a number of seconds", sde);
				return -1;
			}
			t = (time_t)v;
		} else
			t = time(NULL);
		if (gmtime_r(&t, &tm) == NULL ||
		    strftime(out, 11, "%Y-%m-%d", &tm) != 10) {
			diag(DIAG_USAGE, NULL, 0, "cannot tell today's date");
			return -1;
		}
	}
	if (strcmp(out, "1980-01-01") < 0 || strcmp(out, "2107-12-31") > 0) {
		diag(DIAG_USAGE, NULL, 0, "release date %s is outside "
		    "1980-01-01..2107-12-31, which zip archives can store", out);
		return -1;
	}
	return 0;
}

/* --- staging -------------------------------------------------------------- */

/*
 * The lock is a file next to the directory, OUT/.sheaf-tmp-XXXXXX.lock:
 * made (and locked) before the directory and removed after it, so a run
 * killed at any point leaves a lock file nobody holds.
 */
int
release_staging_open(const char *outdir, struct release_staging *st)
{
	char *lock;
	int tries;

	st->dir = NULL;
	st->lockfd = -1;
	if (fs_mkdirs(outdir) != 0)
		return -1;
	for (tries = 0; tries < 100; tries++) {
		lock = xasprintf("%s/" STAGING_PREFIX "XXXXXX" STAGING_LOCK,
		    outdir);
		st->lockfd = mkostemps(lock, (int)strlen(STAGING_LOCK),
		    O_CLOEXEC);
		if (st->lockfd == -1 ||
		    flock(st->lockfd, LOCK_EX | LOCK_NB) != 0) {
			diag_errno(errno, outdir, "cannot create a staging "
			    "lock");
			if (st->lockfd != -1) {
				unlink(lock);
				close(st->lockfd);
				st->lockfd = -1;
			}
			free(lock);
			return -1;
		}
		st->dir = xstrndup(lock, strlen(lock) - strlen(STAGING_LOCK));
		free(lock);
		if (mkdir(st->dir, 0700) == 0)
			return 0;
		if (errno != EEXIST) {
			diag_errno(errno, st->dir, "cannot create the staging "
			    "directory");
			release_staging_close(st);
			return -1;
		}
		/* A lock-less directory of that name: try another name. */
		release_staging_close(st);
	}
	diag(DIAG_SYS, outdir, 0, "cannot create a staging directory");
	return -1;
}

void
release_staging_close(struct release_staging *st)
{
	char *lock;

	if (st->dir != NULL) {
		if (st->lockfd != -1) {
			fs_rmtree(st->dir);
			lock = xasprintf("%s" STAGING_LOCK, st->dir);
			unlink(lock);
			free(lock);
		}
		free(st->dir);
	}
	if (st->lockfd != -1)
		close(st->lockfd);
	st->dir = NULL;
	st->lockfd = -1;
}

/*
 * Remove what runs that died left: a lock file nobody holds, and its
 * staging directory.  Directories without a lock file (a live run's
 * made without release_staging_open) are left alone.
 */
void
release_clean_stale(const char *outdir)
{
	struct dirent *de;
	DIR *d;
	char *lock, *dir;
	size_t n, pl = strlen(STAGING_PREFIX), ll = strlen(STAGING_LOCK);
	int fd;

	if ((d = opendir(outdir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n <= pl + ll || strncmp(de->d_name, STAGING_PREFIX,
		    pl) != 0 || strcmp(de->d_name + n - ll, STAGING_LOCK) != 0)
			continue;
		lock = xasprintf("%s/%s", outdir, de->d_name);
		fd = open(lock, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd != -1 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
			dir = xstrndup(lock, strlen(lock) - ll);
			diag(DIAG_NOTE, dir, 0, "removing what an interrupted "
			    "run left");
			if (fs_rmtree(dir) == 0)
				unlink(lock);
			free(dir);
		}
		if (fd != -1)
			close(fd);
		free(lock);
	}
	closedir(d);
}

/* --- building -------------------------------------------------------------- */

struct pub {
	const struct release_in	*in;
	char			*rel;		/* NAME-VERSION */
	char			*stage;		/* STAGING/NAME-VERSION */
	long long		 mtime;
	/*
	 * The source articles: refs[] (from the corpus, or read from
	 * JSON whole when it is not one row a line), or the documents
	 * table refs_path read a row at a time (dp_refs); nrefs either
	 * way.
	 */
	struct citation_ref	*refs;
	char			*refs_path;
	size_t			 nrefs;
	int			 own_refs;	/* refs read from JSON */
	long long		*rows;		/* per table */
	size_t			 ntables;
	char			*db;		/* STAGING/NAME-VERSION/
						   NAME-VERSION.sqlite */
	struct digest_check	 dbsum;		/* of the database: SHA-256 */
	struct digest_sum	 dssum;		/* of its metadata.json */
};

/* A file or table name that is safe in every archive and manifest. */
static int
safe_name(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= 200 && *s != '.' && *s != '-' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == n;
}

static const char *
first_nonempty(const char *a, const char *b)
{
	if (a != NULL && *a != '\0')
		return a;
	return b != NULL && *b != '\0' ? b : NULL;
}

static int
doc_cmp(const void *a, const void *b)
{
	const struct document *x = *(const struct document *const *)a;
	const struct document *y = *(const struct document *const *)b;

	return strcmp(x->id, y->id);
}

/* The source articles, sorted by document id, for references. */
static int
load_refs(struct pub *p)
{
	const struct corpus *c = p->in->corpus;
	const struct document **docs;
	char *path;
	size_t i;
	int rc;

	if (c == NULL) {
		path = xasprintf("%s/payload/json/documents.json",
		    p->in->staging);
		if ((rc = datapackage_json_count(path, &p->nrefs)) == 0) {
			p->refs_path = path;	/* read as they are used */
			return 0;
		}
		if (rc == 1) {
			rc = datapackage_json_refs(path, &p->refs, &p->nrefs);
			p->own_refs = 1;
		}
		free(path);
		return rc;
	}
	docs = xcalloc(c->ndoc + 1, sizeof(*docs));
	for (i = 0; i < c->ndoc; i++)
		docs[i] = c->doc[i];
	qsort(docs, c->ndoc, sizeof(*docs), doc_cmp);
	p->refs = xcalloc(c->ndoc + 1, sizeof(*p->refs));
	for (i = 0; i < c->ndoc; i++) {
		const struct document *d = docs[i];
		const struct meta *m = d->art != NULL ? &d->art->meta : NULL;

		p->refs[i].id = d->id;
		p->refs[i].title = first_nonempty(d->title,
		    m != NULL ? m->title : NULL);
		if (p->refs[i].title == NULL)
			p->refs[i].title = d->id;
		p->refs[i].authors = first_nonempty(d->authors,
		    m != NULL ? m->authors : NULL);
		if (m != NULL) {
			p->refs[i].publisher = first_nonempty(m->publisher,
			    NULL);
			p->refs[i].url = first_nonempty(m->url, NULL);
			p->refs[i].published = first_nonempty(m->published,
			    NULL);
			p->refs[i].language = first_nonempty(m->language,
			    NULL);
		}
	}
	p->nrefs = c->ndoc;
	free(docs);
	return 0;
}

static int
write_buf(const char *dir, const char *name, const struct buf *b)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = fs_write_file(path, b->s != NULL ? b->s : "", b->len);

	free(path);
	return rc;
}

/*
 * Give data/source/ the files of payload/source/ (verbatim articles):
 * hard links, so both bags share the bytes written once.
 */
static int
copy_sources(struct pub *p, const char *data, size_t *n, int *jsonl)
{
	struct filetree t;
	char *src, *from, *to;
	size_t i;
	int rc = 0;

	*n = 0;
	*jsonl = 0;
	src = xasprintf("%s/payload/source", p->in->staging);
	filetree_init(&t);
	if (filetree_list(src, &t) != 0) {
		free(src);
		return -1;
	}
	to = xasprintf("%s/source", data);
	rc = fs_mkdirs(to);
	free(to);
	for (i = 0; i < t.n && rc == 0; i++) {
		if (t.e[i].isdir || !safe_name(t.e[i].path)) {
			diag(DIAG_DATA, src, 0, "'%s': source articles must "
			    "be files named with letters, digits, '.', '_' "
			    "and '-' only", t.e[i].path);
			rc = -1;
			break;
		}
		from = xasprintf("%s/%s", src, t.e[i].path);
		to = xasprintf("%s/source/%s", data, t.e[i].path);
		rc = filetree_link(from, to);
		free(from);
		free(to);
		if (strcmp(t.e[i].path, "documents.jsonl") == 0)
			*jsonl = 1;	/* the JSON Lines articles' records */
		else
			(*n)++;
	}
	filetree_release(&t);
	free(src);
	return rc;
}

/* The digests of payload/PATH taken as it was written, or NULL. */
static const struct digest_sum *
payload_sum(const struct release_in *in, const char *path)
{
	size_t i;

	for (i = 0; i < in->nsums; i++)
		if (strcmp(in->sums[i].path, path) == 0)
			return in->sums[i].sum;
	return NULL;
}

static char *
join_authors(const struct citation *c)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	for (i = 0; i < c->nauthors; i++) {
		if (i > 0)
			buf_adds(&b, "; ");
		buf_adds(&b, c->authors[i]);
	}
	return buf_detach(&b);
}

/* dir/name opened into o for a writer; 0, or -1 after a diagnostic. */
static int
open_in(struct fs_out *o, const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	int rc = fs_out_open(o, path);

	free(path);
	return rc;
}

/*
 * Close o, opened by open_in(); rc is what the writer returned.  Returns
 * 0 when both the writer and the close succeeded.
 */
static int
close_in(struct fs_out *o, int rc)
{
	if (fs_out_close(o) != 0)
		rc = -1;
	return rc;
}

/*
 * One flavour's bag: payload, metadata files, then the BagIt files; its
 * landing page from db (the database as the peek shows it).
 */
static int
make_bag(struct pub *p, const char *fl, struct sqldb *db)
{
	const struct release_in *in = p->in;
	int csv = strcmp(fl, "csv") == 0;
	struct dp_table *tabs;
	struct dp_release r;
	struct site_in site;
	struct dp_refs cur;
	struct bag_info bi;
	struct digest_sum sum;
	const struct digest_sum *ks;
	struct fs_out f;
	char *bag, *data, *from, *to, *agent, *org, *ident, *path;
	char **tpaths;
	size_t i, nsrc = 0;
	int rc = -1, jsonl = 0;

	bag = xasprintf("%s/%s-%s", p->stage, p->rel, fl);
	data = xasprintf("%s/data", bag);
	tabs = xcalloc(p->ntables + 1, sizeof(*tabs));
	tpaths = xcalloc(2 * p->ntables + 1, sizeof(*tpaths));
	from = xasprintf("%s/%s", data, fl);
	to = xasprintf("%s/schemas", data);
	i = fs_mkdirs(from) == 0 && fs_mkdirs(to) == 0;
	free(from);
	free(to);
	if (!i)
		goto out;
	for (i = 0; i < p->ntables; i++) {
		const char *t = in->tables[i];

		tpaths[2 * i] = xasprintf("%s/%s.%s", fl, t, fl);
		tpaths[2 * i + 1] = xasprintf("%s/schemas/%s.json", data, t);
		from = xasprintf("%s/%s.json", in->schemas_dir, t);
		rc = filetree_copy(from, tpaths[2 * i + 1], NULL);
		free(from);
		if (rc != 0)
			goto out;
		from = xasprintf("%s/payload/%s", in->staging, tpaths[2 * i]);
		to = xasprintf("%s/%s", data, tpaths[2 * i]);
		rc = filetree_link(from, to);
		if (rc == 0 && (ks = payload_sum(in, tpaths[2 * i])) != NULL)
			sum = *ks;
		else if (rc == 0)
			rc = digest_file(to, &sum);
		free(from);
		free(to);
		if (rc == 0 && !csv) {
			from = xasprintf("%s/payload/json/%s.schema.json",
			    in->staging, t);
			to = xasprintf("%s/json/%s.schema.json", data, t);
			rc = filetree_link(from, to);
			free(from);
			free(to);
		}
		if (rc != 0)
			goto out;
		rc = -1;
		tabs[i].name = t;
		tabs[i].path = tpaths[2 * i];
		tabs[i].schema_file = tpaths[2 * i + 1];
		tabs[i].bytes = sum.size;
		memcpy(tabs[i].sha256, sum.hex[DIGEST_SHA256], 65);
		tabs[i].rows = p->rows[i];
	}
	if (!in->omit_text && copy_sources(p, data, &nsrc, &jsonl) != 0)
		goto out;

	memset(&r, 0, sizeof(r));
	r.cff = in->cff;
	r.name = in->name;
	r.version = in->version;
	r.date = in->date;
	r.flavour = fl;
	r.tables = tabs;
	r.ntables = p->ntables;
	r.refs = p->refs;
	r.refs_path = p->refs_path;
	r.nrefs = p->nrefs;
	r.nsources = nsrc;
	/* documents.jsonl holds the articles that are not files */
	if (jsonl && p->nrefs > nsrc) {
		r.nsources = p->nrefs;
		r.nsources_jsonl = p->nrefs - nsrc;
	}
	r.omit_text = in->omit_text;
	/* the files that list the articles, written as they are made */
	if (open_in(&f, data, "datapackage.json") != 0 ||
	    close_in(&f, datapackage_write(&r, &f)) != 0)
		goto out;
	if (open_in(&f, data, "CITATION.cff") != 0)
		goto out;
	dp_refs_open(&cur, &r);
	i = citation_stamp_file(in->cff, in->version, in->date, dp_refs_next,
	    &cur, &f) == 0;
	i = dp_refs_close(&cur) == 0 && i;
	if (close_in(&f, i ? 0 : -1) != 0)
		goto out;
	memset(&site, 0, sizeof(site));
	site.r = &r;
	site.db = db;
	site.db_name = strrchr(p->db, '/') + 1;
	ident = xasprintf("%s.metadata.json", p->rel);
	site.ds_name = ident;
	site.ds_sha256 = p->dssum.hex[DIGEST_SHA256];
	i = site_write(&site, data) == 0;
	free(ident);
	if (!i)
		goto out;
	if (open_in(&f, data, "README.md") != 0 ||
	    close_in(&f, codebook_write(&r, &f)) != 0)
		goto out;
	if (in->changes_md != NULL) {
		path = xasprintf("%s/CHANGES.md", data);
		i = fs_write_file(path, in->changes_md,
		    strlen(in->changes_md)) == 0;
		free(path);
		if (!i)
			goto out;
	}

	/* last of data/: the crate describes every other file there */
	if (open_in(&f, data, ROCRATE_FILE) != 0 ||
	    close_in(&f, rocrate_write(&r, data, in->sums, in->nsums,
	    &f)) != 0)
		goto out;

	agent = xasprintf("sheaf %s", SHEAF_VERSION);
	org = join_authors(in->cff);
	ident = xasprintf("%s-%s", p->rel, fl);
	bi.source_organization = org;
	bi.external_description = in->cff->abstract;
	bi.external_identifier = ident;
	bi.bagging_date = in->date;
	bi.software_agent = agent;
	bi.version = in->version;
	bi.changes_since = in->changes_summary;
	rc = bag_make(bag, &bi, in->sums, in->nsums);
	free(agent);
	free(org);
	free(ident);
out:
	for (i = 0; i < 2 * p->ntables; i++)
		free(tpaths[i]);
	free(tpaths);
	free(tabs);
	free(data);
	free(bag);
	return rc;
}

/* Both bags, made at the database's peek (their pages query it). */
static int
make_bags(struct pub *p, struct sqldb *db)
{
	size_t f;

	for (f = 0; f < NFLAVOUR; f++)
		if (make_bag(p, flavours[f], db) != 0)
			return -1;
	return 0;
}

/* Datasette's metadata.json for the database, beside it. */
static int
make_datasette(struct pub *p)
{
	const struct release_in *in = p->in;
	struct dp_table *tabs;
	struct dp_release r;
	struct buf b;
	char *path;
	size_t i;
	int rc;

	tabs = xcalloc(p->ntables + 1, sizeof(*tabs));
	for (i = 0; i < p->ntables; i++) {
		tabs[i].name = in->tables[i];
		tabs[i].schema_file = xasprintf("%s/%s.json", in->schemas_dir,
		    in->tables[i]);
		tabs[i].rows = p->rows[i];
	}
	memset(&r, 0, sizeof(r));
	r.cff = in->cff;
	r.name = in->name;
	r.version = in->version;
	r.date = in->date;
	r.flavour = "sqlite";
	r.tables = tabs;
	r.ntables = p->ntables;
	buf_init(&b);
	path = xasprintf("%s/%s.metadata.json", p->stage, p->rel);
	rc = datapackage_datasette(&r, p->rel, &b);
	if (rc == 0)
		rc = fs_write_file(path, b.s != NULL ? b.s : "", b.len);
	if (rc == 0)
		rc = digest_file(path, &p->dssum);
	free(path);
	buf_release(&b);
	for (i = 0; i < p->ntables; i++)
		free((char *)(uintptr_t)tabs[i].schema_file);
	free(tabs);
	return rc;
}

/*
 * The SQLite flavour beside the archives, from the validated CSV tables
 * (sqldb_write), and the bags, made at its peek: the landing pages read
 * the tables they chart while the big ones are still to be loaded.
 * With -j 2 or more the database is written on a thread of its own:
 * this thread makes the bags at the peek, then the archives while the
 * database is finished (db_start, db_finish).  With -j 1 the bags are
 * made at the peek on the one thread.  Either way the same statements
 * run in the same order, so the bytes do not depend on -j.
 */
enum db_state {
	DB_LOADING,	/* up to the peek */
	DB_PEEK,	/* waiting for the bags */
	DB_RESUMED,	/* the rest of the database */
	DB_DONE		/* written (or failed), hashed */
};

struct dbjob {
	struct pub		*p;
	struct sqldb_table	*t;
	struct sqldb_meta	*m;
	size_t			 nm;
	char			**paths;	/* CSV, schema; per table */
	char			**schema_text;	/* text, key; per table */
	/*
	 * The stamped CITATION.cff, metadata row cff_row: written into
	 * the database first thing, freed at the peek (it grows with
	 * the articles).
	 */
	struct buf		 cff;
	size_t			 cff_row;
	struct buf		 lic;
	char			*authors, *kw;
	struct sqldb_peek	 peek;
	int			 threaded;
	pthread_t		 tid;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	enum db_state		 state;
	struct sqldb		*at;		/* the peek's handle */
	int			 bags_rc;
	int			 rc;
};

/* The metadata rows and tables sqldb_write() takes. */
static int
db_init(struct dbjob *j, struct pub *p)
{
	const struct release_in *in = p->in;
	const struct citation *c = in->cff;
	struct dp_release r;
	struct dp_refs cur;
	struct buf b;
	size_t i, nm = 0, len;

	memset(j, 0, sizeof(*j));
	j->p = p;
	j->t = xcalloc(p->ntables + 1, sizeof(*j->t));
	j->m = xcalloc(12 + 2 * p->ntables, sizeof(*j->m));
	j->schema_text = xcalloc(2 * p->ntables + 1, sizeof(*j->schema_text));
	j->paths = xcalloc(2 * p->ntables + 1, sizeof(*j->paths));
	j->bags_rc = -1;
	j->rc = -1;
	buf_init(&j->cff);
	buf_init(&j->lic);
	buf_init(&b);
	for (i = 0; i < p->ntables; i++) {
		j->paths[2 * i] = xasprintf("%s/payload/csv/%s.csv",
		    in->staging, in->tables[i]);
		j->paths[2 * i + 1] = xasprintf("%s/%s.json", in->schemas_dir,
		    in->tables[i]);
		j->t[i].name = in->tables[i];
		j->t[i].csv = j->paths[2 * i];
		j->t[i].schema_file = j->paths[2 * i + 1];
	}
	for (i = 0; i < c->nlicenses; i++) {
		if (i > 0)
			buf_adds(&j->lic, " AND ");
		buf_adds(&j->lic, c->licenses[i]);
	}
	j->authors = join_authors(c);
	for (i = 0; i < c->nkeywords; i++) {
		if (i > 0)
			buf_adds(&b, "; ");
		buf_adds(&b, c->keywords[i]);
	}
	j->kw = buf_detach(&b);
	memset(&r, 0, sizeof(r));
	r.refs = p->refs;
	r.refs_path = p->refs_path;
	r.nrefs = p->nrefs;
	dp_refs_open(&cur, &r);
	i = citation_stamp_next(c, in->version, in->date, dp_refs_next, &cur,
	    &j->cff) == 0;
	if (dp_refs_close(&cur) != 0 || !i)
		return -1;
	j->m[nm].key = "name";		j->m[nm++].value = in->name;
	j->m[nm].key = "title";		j->m[nm++].value = c->title;
	j->m[nm].key = "version";	j->m[nm++].value = in->version;
	j->m[nm].key = "date_released";	j->m[nm++].value = in->date;
	j->m[nm].key = "description";	j->m[nm++].value = c->abstract;
	j->m[nm].key = "license";	j->m[nm++].value = j->lic.s;
	j->m[nm].key = "authors";	j->m[nm++].value = j->authors;
	j->m[nm].key = "keywords";	j->m[nm++].value = j->kw;
	j->m[nm].key = "doi";		j->m[nm++].value = c->doi;
	j->m[nm].key = "url";		j->m[nm++].value = c->url;
	j->cff_row = nm;
	j->m[nm].key = "citation_cff";	j->m[nm++].value = j->cff.s;
	j->m[nm].key = "software";	j->m[nm++].value = "sheaf "
					    SHEAF_VERSION;
	/* the schemas whole, for sheaf diff (sqldb_export) */
	for (i = 0; i < p->ntables; i++) {
		if (fs_read_file(j->paths[2 * i + 1], 16UL << 20,
		    &j->schema_text[2 * i], &len) != 0)
			return -1;
		j->schema_text[2 * i + 1] = xasprintf("table_schema.%s",
		    in->tables[i]);
		j->m[nm].key = j->schema_text[2 * i + 1];
		j->m[nm++].value = j->schema_text[2 * i];
	}
	j->nm = nm;
	return 0;
}

static void
db_release(struct dbjob *j)
{
	size_t i;

	for (i = 0; j->paths != NULL && i < 2 * j->p->ntables; i++) {
		free(j->paths[i]);
		free(j->schema_text[i]);
	}
	free(j->paths);
	free(j->schema_text);
	free(j->m);
	free(j->t);
	free(j->authors);
	free(j->kw);
	buf_release(&j->cff);
	buf_release(&j->lic);
}

/*
 * The peek: the bags, made here (one thread) or by the thread that
 * waits in db_start (the handle is its to use until DB_RESUMED).  The
 * CITATION.cff text is freed first: the metadata table holds it now.
 */
static int
db_peek(void *arg, struct sqldb *at)
{
	struct dbjob *j = arg;
	int rc;

	/* the metadata table is written by now (sqldb_peek) */
	j->m[j->cff_row].value = NULL;
	buf_release(&j->cff);
	if (!j->threaded)
		return j->bags_rc = make_bags(j->p, at);
	pthread_mutex_lock(&j->mu);
	j->at = at;
	j->state = DB_PEEK;
	pthread_cond_broadcast(&j->cv);
	while (j->state == DB_PEEK)
		pthread_cond_wait(&j->cv, &j->mu);
	j->at = NULL;
	rc = j->bags_rc;
	pthread_mutex_unlock(&j->mu);
	return rc;
}

/* Write the database and take its SHA-256 (all the checksum file needs). */
static void *
db_main(void *arg)
{
	struct dbjob *j = arg;
	struct pub *p = j->p;
	int rc;

	rc = sqldb_write(p->db, j->t, p->ntables, j->m, j->nm, &j->peek);
	if (rc == 0)
		rc = digest_file_algs(p->db, DIGEST_BIT(DIGEST_SHA256),
		    &p->dbsum);
	if (!j->threaded) {
		j->rc = rc;
		return NULL;
	}
	pthread_mutex_lock(&j->mu);
	j->rc = rc;
	j->state = DB_DONE;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

/*
 * Start the database and make the bags at its peek.  Returns 0 when
 * the bags are made (the database may still be being written: see
 * db_finish), or -1.
 */
static int
db_start(struct dbjob *j)
{
	struct pub *p = j->p;
	int rc;

	p->db = xasprintf("%s/%s.sqlite", p->stage, p->rel);
	j->peek.whole = site_whole;
	j->peek.first = SITE_PREVIEW_ROWS;
	j->peek.fn = db_peek;
	j->peek.arg = j;
	j->threaded = p->in->jobs >= 2;
	if (j->threaded) {
		pthread_mutex_init(&j->mu, NULL);
		pthread_cond_init(&j->cv, NULL);
		j->state = DB_LOADING;
		if (pthread_create(&j->tid, NULL, db_main, j) != 0) {
			pthread_cond_destroy(&j->cv);
			pthread_mutex_destroy(&j->mu);
			j->threaded = 0;
		}
	}
	if (!j->threaded) {
		db_main(j);
		return j->rc == 0 && j->bags_rc == 0 ? 0 : -1;
	}
	pthread_mutex_lock(&j->mu);
	while (j->state == DB_LOADING)
		pthread_cond_wait(&j->cv, &j->mu);
	if (j->state != DB_PEEK) {
		pthread_mutex_unlock(&j->mu);
		return -1;	/* failed before the peek */
	}
	pthread_mutex_unlock(&j->mu);
	rc = make_bags(p, j->at);
	pthread_mutex_lock(&j->mu);
	j->bags_rc = rc;
	j->state = DB_RESUMED;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
	return rc;
}

/* Wait for the database; 0 when it is written and hashed. */
static int
db_finish(struct dbjob *j)
{
	if (j->threaded) {
		pthread_join(j->tid, NULL);
		pthread_cond_destroy(&j->cv);
		pthread_mutex_destroy(&j->mu);
		j->threaded = 0;
	}
	return j->rc;
}

/*
 * One flavour's tar.gz and zip, made by whichever thread takes it: one
 * read of the bag feeds both (archive_pack_targets), each archive on a
 * writer thread of its own when there are threads to spare.
 */
struct pack_task {
	struct pack_target	 t[2];
	char			*bag;
	const char		*top;
	long long		 mtime;
	unsigned		 writers;
	int			 rc;
};

struct pack_queue {
	struct pack_task	*task;
	size_t			 n, next;
	pthread_mutex_t		 mu;
};

static void *
pack_worker(void *arg)
{
	struct pack_queue *q = arg;
	struct pack_task *t;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		t = q->next < q->n ? &q->task[q->next++] : NULL;
		pthread_mutex_unlock(&q->mu);
		if (t == NULL)
			return NULL;
		t->rc = archive_pack_targets(t->t, 2, t->bag, t->top,
		    t->mtime, t->writers);
	}
}

/*
 * The tar.gz and zip of both bags, their lines of the checksum file
 * added to sums in a fixed order.  With -j 2 or more, a flavour's two
 * archives are written on two threads; with -j 4 or more, both
 * flavours at once.  Each archive is written whole by one thread, so
 * the bytes do not depend on -j.
 */
static int
make_archives(struct pub *p, struct buf *sums)
{
	struct pack_task task[NFLAVOUR];
	struct pack_queue q;
	pthread_t tid[NFLAVOUR];
	char *top[NFLAVOUR];
	size_t f, i, nthreads = 0, want;
	unsigned jobs = p->in->jobs > 1 ? p->in->jobs : 1;
	int rc = 0;

	memset(&q, 0, sizeof(q));
	memset(task, 0, sizeof(task));
	q.task = task;
	for (f = 0; f < NFLAVOUR; f++) {
		struct pack_task *t = &task[q.n++];

		top[f] = xasprintf("%s-%s", p->rel, flavours[f]);
		for (i = 0; i < 2; i++) {
			t->t[i].kind = i == 0 ? ARCHIVE_KIND_TARGZ :
			    ARCHIVE_KIND_ZIP;
			t->t[i].path = xasprintf("%s/%s.%s", p->stage, top[f],
			    i == 0 ? "tar.gz" : "zip");
		}
		t->bag = xasprintf("%s/%s", p->stage, top[f]);
		t->top = top[f];
		t->mtime = p->mtime;
		t->writers = jobs >= 2 ? 2 : 1;
		t->rc = -1;
	}
	pthread_mutex_init(&q.mu, NULL);
	want = jobs / 2 > 1 ? jobs / 2 : 1;
	if (want > q.n)
		want = q.n;
	while (want > 1 && nthreads + 1 < want &&
	    pthread_create(&tid[nthreads], NULL, pack_worker, &q) == 0)
		nthreads++;
	pack_worker(&q);		/* this thread takes its share */
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	pthread_mutex_destroy(&q.mu);

	for (f = 0; f < q.n; f++) {
		for (i = 0; i < 2; i++) {
			if (task[f].rc == 0)
				buf_printf(sums, "%s  %s\n",
				    task[f].t[i].sum.hex[DIGEST_SHA256],
				    strrchr(task[f].t[i].path, '/') + 1);
			free((char *)(uintptr_t)task[f].t[i].path);
		}
		if (task[f].rc != 0)
			rc = -1;
		free(task[f].bag);
		free(top[f]);
	}
	return rc;
}

/* The checksum file: the archives' lines, then the database's. */
static int
write_sums(struct pub *p, struct buf *sums)
{
	char *name;
	int rc;

	buf_printf(sums, "%s  %s.sqlite\n", p->dbsum.hex[DIGEST_SHA256],
	    p->rel);
	buf_printf(sums, "%s  %s.metadata.json\n",
	    p->dssum.hex[DIGEST_SHA256], p->rel);
	name = xasprintf("%s.sha256", p->rel);
	rc = write_buf(p->stage, name, sums);
	free(name);
	return rc;
}

/* 1: final holds the same checksum file and archives as stage. */
static int
same_release(struct pub *p, const char *final)
{
	static const char *const ext[] = {
		"-csv.tar.gz", "-csv.zip", "-json.tar.gz", "-json.zip",
		".sqlite", ".metadata.json", ".sha256", NULL
	};
	const char *const *e;
	char *a, *b;
	int same = 1;

	for (e = ext; *e != NULL && same == 1; e++) {
		a = xasprintf("%s/%s%s", p->stage, p->rel, *e);
		b = xasprintf("%s/%s%s", final, p->rel, *e);
		same = filetree_same(a, b);
		free(a);
		free(b);
	}
	return same;
}

static int
move_into_place(struct pub *p, const char *final)
{
	int r;

	r = renameat2(AT_FDCWD, p->stage, AT_FDCWD, final, RENAME_NOREPLACE);
	if (r == -1 && (errno == ENOSYS || errno == EINVAL)) {
		/* No RENAME_NOREPLACE here: rename(2) will not replace a
		 * non-empty directory, and a release never is empty. */
		if (filetree_exists(final))
			errno = EEXIST;
		else
			r = rename(p->stage, final);
	}
	return r;
}

static int
publish(struct pub *p)
{
	const struct release_in *in = p->in;
	struct dbjob db;
	struct buf sums;
	char *final, *path;
	size_t f, i;
	int same, rc = -1, dbrc;

	final = xasprintf("%s/%s", in->outdir, p->rel);
	memset(&db, 0, sizeof(db));
	buf_init(&sums);
	if (fs_mkdirs(p->stage) != 0)
		goto out;
	if (load_refs(p) != 0)
		goto out;
	for (i = 0; i < p->ntables; i++) {
		if (in->rows != NULL) {
			p->rows[i] = (long long)in->rows[i];
			continue;
		}
		path = xasprintf("%s/payload/json/%s.json", in->staging,
		    in->tables[i]);
		p->rows[i] = datapackage_json_rows(path);
		free(path);
		if (p->rows[i] < 0)
			goto out;
	}
	if (make_datasette(p) != 0 || db_init(&db, p) != 0)
		goto out;
	/* the bags at the database's peek, the archives while it ends */
	i = db_start(&db) == 0 && make_archives(p, &sums) == 0;
	dbrc = db_finish(&db);
	if (!i || dbrc != 0 || write_sums(p, &sums) != 0)
		goto out;
	/* without --unpacked only the archives and checksums go out */
	for (f = 0; f < NFLAVOUR && !in->unpacked; f++) {
		path = xasprintf("%s/%s-%s", p->stage, p->rel, flavours[f]);
		i = fs_rmtree(path) == 0;
		free(path);
		if (!i)
			goto out;
	}
	if (filetree_sync(p->stage) != 0)
		goto out;
	if (move_into_place(p, final) == 0) {
		if (fs_sync_dir(in->outdir) != 0) {
			/*
			 * The rename may not last: take the release back,
			 * so that a failed build publishes nothing (the
			 * staging directory is removed with it).
			 */
			if (rename(final, p->stage) != 0)
				diag_errno(errno, final, "cannot withdraw "
				    "the release");
			goto out;
		}
		diag(DIAG_NOTE, final, 0, "published");
		rc = EXIT_OK;
		goto out;
	}
	if (errno != EEXIST && errno != ENOTEMPTY) {
		diag_errno(errno, final, "cannot publish");
		goto out;
	}
	if ((same = same_release(p, final)) < 0)
		goto out;
	if (same) {
		diag(DIAG_WARN, final, 0, "version %s already published with "
		    "identical content; nothing to do", in->version);
		rc = EXIT_OK;
	} else {
		diag(DIAG_DATA, final, 0, "version %s already published with "
		    "different content; bump the version", in->version);
		rc = EXIT_DATA;
	}
out:
	db_release(&db);
	buf_release(&sums);
	free(final);
	/* A failure exits as its worst diagnostic asks (I/O: 3). */
	if (rc == -1)
		rc = diag_exit() != EXIT_OK ? diag_exit() : EXIT_SYS;
	return rc;
}

static int
check_input(const struct release_in *in, size_t *ntables)
{
	const char *const *t;
	int ok = 1;

	if (!release_name_valid(in->name)) {
		diag(DIAG_USAGE, NULL, 0, "release name '%s': use lower-case "
		    "letters, digits, '.', '_' and '-', starting with a letter "
		    "or digit, at most %d bytes", in->name != NULL ? in->name :
		    "", NAME_MAX_LEN);
		ok = 0;
	}
	if (!semver_valid(in->version)) {
		diag(DIAG_USAGE, NULL, 0, "version '%s' is not a SemVer "
		    "version (MAJOR.MINOR.PATCH, e.g. 1.0.0)",
		    in->version != NULL ? in->version : "");
		ok = 0;
	}
	if (date_epoch(in->date) < 0) {
		diag(DIAG_USAGE, NULL, 0, "release date '%s' is not "
		    "YYYY-MM-DD", in->date != NULL ? in->date : "");
		ok = 0;
	}
	*ntables = 0;
	for (t = in->tables; t != NULL && *t != NULL; t++, (*ntables)++)
		if (!safe_name(*t)) {
			diag(DIAG_USAGE, NULL, 0, "table name '%s' is not "
			    "safe in a file name", *t);
			ok = 0;
		}
	if (*ntables == 0) {
		diag(DIAG_USAGE, NULL, 0, "no tables to publish");
		ok = 0;
	}
	if (in->cff == NULL || in->outdir == NULL || in->staging == NULL ||
	    in->schemas_dir == NULL) {
		diag(DIAG_USAGE, NULL, 0, "incomplete release request");
		ok = 0;
	}
	return ok;
}

int
release_publish(const struct release_in *in)
{
	struct sigaction ign, old;
	struct pub p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.in = in;
	/* A file size limit must show up as a write error, not a kill. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGXFSZ, &ign, &old);
	if (!check_input(in, &p.ntables))
		rc = EXIT_USAGE;
	else {
		p.rel = xasprintf("%s-%s", in->name, in->version);
		p.stage = xasprintf("%s/%s", in->staging, p.rel);
		p.mtime = date_epoch(in->date);
		p.rows = xcalloc(p.ntables + 1, sizeof(*p.rows));
		rc = publish(&p);
	}
	if (in->staging != NULL && fs_rmtree(in->staging) != 0 &&
	    rc == EXIT_OK)
		rc = EXIT_SYS;
	if (in->outdir != NULL)
		release_clean_stale(in->outdir);
	sigaction(SIGXFSZ, &old, NULL);
	if (p.own_refs)
		datapackage_refs_free(p.refs, p.nrefs);
	else
		free(p.refs);
	free(p.refs_path);
	free(p.rows);
	free(p.db);
	free(p.stage);
	free(p.rel);
	return rc;
}
