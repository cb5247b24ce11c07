/* archive: reproducible tar.gz/zip writing and safe reading (libarchive). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "bag/archive.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/hash.h"
#include "lib/xalloc.h"

/* The expansion ratio is checked once this much has been expanded. */
#define RATIO_FLOOR	(1ULL << 20)
/* Longest member name and deepest nesting unpacked. */
#define NAME_MAX_LEN	1024
#define NAME_MAX_DEPTH	32

/* --- writing -------------------------------------------------------------- */

/*
 * libarchive's zip writer turns mtime into the DOS date and time fields
 * with localtime(); run it under UTC so the bytes do not depend on the
 * machine's time zone.  Archives may be written on several threads at
 * once (release.c): the first to enter sets TZ, the last to leave puts
 * it back, so that TZ never changes while any of them is writing.
 */
static pthread_mutex_t	 tz_mu = PTHREAD_MUTEX_INITIALIZER;
static unsigned		 tz_users;
static int		 tz_had;
static char		*tz_val;

static void
tz_utc(void)
{
	const char *tz;

	pthread_mutex_lock(&tz_mu);
	if (tz_users++ == 0) {
		tz = getenv("TZ");
		tz_had = tz != NULL;
		tz_val = tz != NULL ? xstrdup(tz) : NULL;
		setenv("TZ", "UTC0", 1);
		tzset();
	}
	pthread_mutex_unlock(&tz_mu);
}

static void
tz_restore(void)
{
	pthread_mutex_lock(&tz_mu);
	if (--tz_users == 0) {
		if (tz_had)
			setenv("TZ", tz_val, 1);
		else
			unsetenv("TZ");
		tzset();
		free(tz_val);
		tz_val = NULL;
	}
	pthread_mutex_unlock(&tz_mu);
}

static void
entry_reset(struct archive_entry *e, const char *name, int isdir,
    long long size, long long mtime)
{
	archive_entry_clear(e);
	archive_entry_set_pathname(e, name);
	archive_entry_set_filetype(e, isdir ? AE_IFDIR : AE_IFREG);
	archive_entry_set_perm(e, isdir ? 0755 : 0644);
	archive_entry_set_size(e, isdir ? 0 : size);
	archive_entry_set_mtime(e, (time_t)mtime, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_nlink(e, isdir ? 2 : 1);
}

/*
 * A libarchive write error on dst (member: the entry, or NULL), with the
 * system error behind it when there is one: "Write error" alone would
 * not say that the disk is full.
 */
static void
write_failed(struct archive *a, const char *dst, const char *member)
{
	const char *s = archive_error_string(a);
	int e = archive_errno(a);

	if (s == NULL)
		s = "write error";
	if (e > 0 && strstr(s, strerror(e)) == NULL)
		diag(DIAG_SYS, dst, 0, "%s%s%s: %s", member != NULL ? member :
		    "", member != NULL ? ": " : "", s, strerror(e));
	else
		diag(DIAG_SYS, dst, 0, "%s%s%s", member != NULL ? member : "",
		    member != NULL ? ": " : "", s);
}

static int
set_options(struct archive *a, enum archive_kind kind, const char *dst)
{
	int r;

	if (kind == ARCHIVE_KIND_TARGZ) {
		/* ustar: no pax headers, no owner names, no atime/ctime */
		r = archive_write_set_format_ustar(a);
		if (r == ARCHIVE_OK)
			r = archive_write_add_filter_gzip(a);
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(a,
			    "gzip:!timestamp,gzip:compression-level=6");
	} else {
		r = archive_write_set_format_zip(a);
		if (r == ARCHIVE_OK)
			r = archive_write_set_options(a,
			    "zip:compression=deflate,zip:compression-level=6");
	}
	if (r != ARCHIVE_OK) {
		diag(DIAG_SYS, dst, 0, "libarchive: %s",
		    archive_error_string(a));
		return -1;
	}
	return 0;
}

struct member {
	char	*name;		/* in the archive; directories end in '/' */
	char	*src;		/* on disk; NULL for directories */
};

static int
membercmp(const void *a, const void *b)
{
	const struct member *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * The members in the byte order of their archive names (a directory's
 * name ends in '/'), so `tar -t | LC_ALL=C sort -c` holds and every
 * directory comes before what it holds.
 */
static struct member *
members(const struct filetree *t, const char *dir, const char *top,
    size_t *n)
{
	struct member *m = xcalloc(t->n + 1, sizeof(*m));
	size_t i;

	m[0].name = xasprintf("%s/", top);
	for (i = 0; i < t->n; i++) {
		if (t->e[i].isdir)
			m[i + 1].name = xasprintf("%s/%s/", top, t->e[i].path);
		else {
			m[i + 1].name = xasprintf("%s/%s", top, t->e[i].path);
			m[i + 1].src = xasprintf("%s/%s", dir, t->e[i].path);
		}
	}
	*n = t->n + 1;
	qsort(m, *n, sizeof(*m), membercmp);
	return m;
}

/*
 * Writing several archives of one tree at once: each file is read once,
 * in chunks, and every chunk goes to every archive.  With threads, each
 * archive has a writer thread of its own and the chunks pass through a
 * ring of PACK_SLOTS slots, each freed when every writer has taken it;
 * the caller's thread reads.  Every writer gets the same items in the
 * same order, so the bytes do not depend on the threads.  Each archive
 * is hashed as it is written.
 */
#define PACK_SLOTS	8
#define PACK_CHUNK	((size_t)1 << 18)

enum item_kind { IT_DIR, IT_FILE, IT_DATA, IT_END };

struct item {
	enum item_kind	 kind;
	const char	*name;		/* IT_DIR, IT_FILE */
	long long	 size;		/* IT_FILE */
	char		*data;		/* IT_DATA: the slot's buffer */
	size_t		 len;
	unsigned	 refs;		/* writers yet to take it */
};

struct target_state {
	struct pack_target	*t;
	struct archive		*a;
	struct archive_entry	*e;
	struct digest_set	 ds;
	int			 fd;
	int			 rc;		/* 0, or -1 after a diagnostic */
	const char		*member;	/* the entry being written */
	long long		 left;		/* its bytes still to come */
	long long		 mtime;
	struct fanout		*fo;
	size_t			 pos;		/* next item to take */
};

struct fanout {
	struct item		 slot[PACK_SLOTS];
	size_t			 head;		/* items posted */
	unsigned		 nwriters;
	int			 failed;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
};

static la_ssize_t
target_write(struct archive *a, void *arg, const void *p, size_t n)
{
	struct target_state *ts = arg;
	size_t done = 0;
	ssize_t w;

	while (done < n) {
		w = write(ts->fd, (const char *)p + done, n - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			archive_set_error(a, w == 0 ? EIO : errno,
			    "write error");
			return -1;
		}
		done += (size_t)w;
	}
	digest_set_update(&ts->ds, p, n);
	return (la_ssize_t)n;
}

static int
target_open(struct target_state *ts, struct pack_target *t)
{
	memset(ts, 0, sizeof(*ts));
	ts->t = t;
	ts->rc = -1;
	digest_set_init(&ts->ds);
	ts->fd = open(t->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (ts->fd == -1) {
		diag_errno(errno, t->path, "cannot create");
		return -1;
	}
	ts->a = archive_write_new();
	ts->e = archive_entry_new();
	if (ts->a == NULL || ts->e == NULL) {
		diag(DIAG_SYS, t->path, 0, "libarchive: out of memory");
		return -1;
	}
	if (set_options(ts->a, t->kind, t->path) != 0)
		return -1;
	/* as archive_write_open_fd does for a regular file: no padding */
	archive_write_set_bytes_in_last_block(ts->a, 1);
	if (archive_write_open(ts->a, ts, NULL, target_write, NULL) !=
	    ARCHIVE_OK) {
		write_failed(ts->a, t->path, NULL);
		return -1;
	}
	ts->rc = 0;
	return 0;
}

/* One item into one archive (nothing once it has failed). */
static void
target_put(struct target_state *ts, const struct item *it, long long mtime)
{
	la_ssize_t w;

	if (ts->rc != 0)
		return;
	switch (it->kind) {
	case IT_DIR:
	case IT_FILE:
		entry_reset(ts->e, it->name, it->kind == IT_DIR, it->size,
		    mtime);
		ts->member = it->name;
		ts->left = it->kind == IT_FILE ? it->size : 0;
		if (archive_write_header(ts->a, ts->e) != ARCHIVE_OK) {
			write_failed(ts->a, ts->t->path, it->name);
			ts->rc = -1;
		}
		break;
	case IT_DATA:
		w = archive_write_data(ts->a, it->data, it->len);
		if (w < 0 || (size_t)w != it->len) {
			write_failed(ts->a, ts->t->path, ts->member);
			ts->rc = -1;
		}
		ts->left -= (long long)it->len;
		break;
	case IT_END:
		if (archive_write_close(ts->a) != ARCHIVE_OK) {
			write_failed(ts->a, ts->t->path, NULL);
			ts->rc = -1;
		}
		break;
	}
}

/* Free a target; its sum is filled when everything went well. */
static int
target_close(struct target_state *ts)
{
	int rc = ts->rc;

	if (ts->e != NULL)
		archive_entry_free(ts->e);
	if (ts->a != NULL)
		archive_write_free(ts->a);
	if (ts->fd != -1 && close(ts->fd) == -1 && rc == 0) {
		diag_errno(errno, ts->t->path, "write error");
		rc = -1;
	}
	if (rc == 0)
		digest_set_final(&ts->ds, &ts->t->sum);
	else
		digest_set_release(&ts->ds);
	return rc;
}

static void *
writer_main(void *arg)
{
	struct target_state *ts = arg;
	struct fanout *fo = ts->fo;
	struct item *it;
	enum item_kind k;

	do {
		pthread_mutex_lock(&fo->mu);
		while (ts->pos >= fo->head)
			pthread_cond_wait(&fo->cv, &fo->mu);
		it = &fo->slot[ts->pos % PACK_SLOTS];
		pthread_mutex_unlock(&fo->mu);
		k = it->kind;
		target_put(ts, it, ts->mtime);
		pthread_mutex_lock(&fo->mu);
		if (ts->rc != 0)
			fo->failed = 1;
		if (--it->refs == 0)
			pthread_cond_broadcast(&fo->cv);
		ts->pos++;
		pthread_mutex_unlock(&fo->mu);
	} while (k != IT_END);
	return NULL;
}

struct feeder {
	struct target_state	*ts;
	size_t			 n;
	struct fanout		*fo;		/* NULL: no threads */
	struct item		 local;		/* the item without threads */
	char			*buf[PACK_SLOTS];
	size_t			 seq;
	long long		 mtime;
};

/* The item to fill next, once every writer has taken what it held. */
static struct item *
feed_slot(struct feeder *f)
{
	struct item *it;

	if (f->fo == NULL) {
		f->local.data = f->buf[0];
		return &f->local;
	}
	pthread_mutex_lock(&f->fo->mu);
	it = &f->fo->slot[f->seq % PACK_SLOTS];
	while (it->refs > 0)
		pthread_cond_wait(&f->fo->cv, &f->fo->mu);
	pthread_mutex_unlock(&f->fo->mu);
	it->data = f->buf[f->seq % PACK_SLOTS];
	return it;
}

/* Hand it to every archive: post it to the writers, or write it here. */
static int
feed(struct feeder *f, struct item *it)
{
	size_t i;
	int failed = 0;

	if (f->fo == NULL) {
		for (i = 0; i < f->n; i++) {
			target_put(&f->ts[i], it, f->mtime);
			failed |= f->ts[i].rc != 0;
		}
		return failed ? -1 : 0;
	}
	pthread_mutex_lock(&f->fo->mu);
	it->refs = f->fo->nwriters;
	f->fo->head = ++f->seq;
	failed = f->fo->failed;
	pthread_cond_broadcast(&f->fo->cv);
	pthread_mutex_unlock(&f->fo->mu);
	return failed ? -1 : 0;
}

/* One file: its header, then its bytes, read once. */
static int
feed_file(struct feeder *f, const struct member *m)
{
	struct item *it;
	uint64_t size;
	long long left;
	ssize_t r;
	int fd, rc = 0;

	if ((fd = fs_open_file(m->src, DIAG_SYS, &size)) == -1)
		return -1;
	it = feed_slot(f);
	it->kind = IT_FILE;
	it->name = m->name;
	it->size = left = (long long)size;
	rc = feed(f, it);
	while (rc == 0 && left > 0) {
		it = feed_slot(f);
		r = read(fd, it->data, left < (long long)PACK_CHUNK ?
		    (size_t)left : PACK_CHUNK);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0) {
			diag_errno(r == 0 ? EIO : errno, m->src, "read error");
			rc = -1;
			break;
		}
		it->kind = IT_DATA;
		it->len = (size_t)r;
		left -= r;
		rc = feed(f, it);
	}
	close(fd);
	return rc;
}

int
archive_pack_targets(struct pack_target *t, size_t n, const char *dir,
    const char *top, long long mtime, unsigned threads)
{
	struct target_state *ts;
	struct fanout fo;
	struct feeder f;
	struct filetree tree;
	struct member *m;
	struct item *it;
	pthread_t *tid = NULL;
	size_t i, nm, nthr = 0, nbuf;
	int rc = 0;

	filetree_init(&tree);
	if (filetree_list(dir, &tree) != 0)
		return -1;
	m = members(&tree, dir, top, &nm);
	filetree_release(&tree);
	tz_utc();
	ts = xcalloc(n, sizeof(*ts));
	for (i = 0; i < n; i++)
		ts[i].fd = -1;
	for (i = 0; i < n && rc == 0; i++)
		if (target_open(&ts[i], &t[i]) != 0)
			rc = -1;
	memset(&f, 0, sizeof(f));
	f.ts = ts;
	f.n = n;
	f.mtime = mtime;
	if (rc == 0 && threads > 1 && n > 1) {
		memset(&fo, 0, sizeof(fo));
		pthread_mutex_init(&fo.mu, NULL);
		pthread_cond_init(&fo.cv, NULL);
		fo.nwriters = (unsigned)n;
		f.fo = &fo;
		tid = xcalloc(n, sizeof(*tid));
		for (nthr = 0; nthr < n; nthr++) {
			ts[nthr].fo = &fo;
			ts[nthr].mtime = mtime;
			if (pthread_create(&tid[nthr], NULL, writer_main,
			    &ts[nthr]) != 0)
				break;
		}
		if (nthr < n) {
			diag(DIAG_SYS, t[0].path, 0, "cannot start a thread");
			rc = -1;
		}
	}
	nbuf = f.fo != NULL ? PACK_SLOTS : 1;
	for (i = 0; i < nbuf; i++)
		f.buf[i] = xmalloc(PACK_CHUNK);
	for (i = 0; i < nm && rc == 0; i++) {
		if (m[i].src != NULL) {
			rc = feed_file(&f, &m[i]);
			continue;
		}
		it = feed_slot(&f);
		it->kind = IT_DIR;
		it->name = m[i].name;
		it->size = 0;
		rc = feed(&f, it);
	}
	/* the end, even after a failure: the writers finish and exit */
	if (f.fo == NULL || nthr > 0) {
		it = feed_slot(&f);
		it->kind = IT_END;
		if (feed(&f, it) != 0)
			rc = -1;
	}
	for (i = 0; i < nthr; i++)
		pthread_join(tid[i], NULL);
	if (f.fo != NULL) {
		pthread_mutex_destroy(&fo.mu);
		pthread_cond_destroy(&fo.cv);
	}
	for (i = 0; i < n; i++)
		if (target_close(&ts[i]) != 0)
			rc = -1;
	tz_restore();
	for (i = 0; i < nbuf; i++)
		free(f.buf[i]);
	for (i = 0; i < nm; i++) {
		free(m[i].name);
		free(m[i].src);
	}
	free(m);
	free(tid);
	free(ts);
	return rc;
}

int
archive_pack(const char *path, enum archive_kind kind, const char *dir,
    const char *top, long long mtime)
{
	struct pack_target t;

	memset(&t, 0, sizeof(t));
	t.path = path;
	t.kind = kind;
	return archive_pack_targets(&t, 1, dir, top, mtime, 1);
}

/* --- reading -------------------------------------------------------------- */

void
archive_default_limits(struct unpack_limits *l)
{
	l->max_entry = 1ULL << 30;
	l->max_total = 4ULL << 30;
	l->max_entries = 100000;
	l->max_ratio = 200;
}

/* A set of member names, to refuse duplicates (open addressing). */
struct nameset {
	char	**slot;
	size_t	  cap, n;
};

/* Add s; 0 if added, 1 if already there.  Takes s either way. */
static int
nameset_add(struct nameset *ns, char *s)
{
	size_t i, j;
	char **old;

	if (2 * (ns->n + 1) > ns->cap) {
		old = ns->slot;
		j = ns->cap;
		ns->cap = ns->cap ? ns->cap * 2 : 256;
		ns->slot = xcalloc(ns->cap, sizeof(*ns->slot));
		ns->n = 0;
		for (i = 0; i < j; i++)
			if (old[i] != NULL)
				nameset_add(ns, old[i]);
		free(old);
	}
	for (i = hash_fnv1a(s, strlen(s)) & (ns->cap - 1); ns->slot[i] != NULL;
	    i = (i + 1) & (ns->cap - 1))
		if (strcmp(ns->slot[i], s) == 0) {
			free(s);
			return 1;
		}
	ns->slot[i] = s;
	ns->n++;
	return 0;
}

static void
nameset_release(struct nameset *ns)
{
	size_t i;

	for (i = 0; i < ns->cap; i++)
		free(ns->slot[i]);
	free(ns->slot);
}

/*
 * Why a member name is refused, or NULL.  A directory's one trailing
 * '/' has been removed already.
 */
static const char *
name_unsafe(const char *p)
{
	const char *s, *e;
	int depth = 0;

	if (*p == '\0')
		return "empty name";
	if (strlen(p) > NAME_MAX_LEN)
		return "name too long";
	if (*p == '/')
		return "absolute path";
	for (s = p; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return "control character in name";
		if (*s == '\\')
			return "backslash in name";
	}
	for (s = p;; s = e + 1) {
		if ((e = strchr(s, '/')) == NULL)
			e = s + strlen(s);
		if (e == s)
			return "empty path component";
		if (e - s == 2 && s[0] == '.' && s[1] == '.')
			return "'..' in path";
		if (e - s == 1 && s[0] == '.')
			return "'.' in path";
		if (++depth > NAME_MAX_DEPTH)
			return "nested too deep";
		if (*e == '\0')
			break;
	}
	return NULL;
}

struct unpack {
	const char	*path;		/* the archive, for messages */
	const char	*dest;
	const struct unpack_limits *lim;
	uint64_t	 insize;	/* bytes of the archive file */
	uint64_t	 total;		/* bytes expanded so far */
	uint64_t	 count;
	char		*top;
	struct nameset	 names;
};

static void
refuse(struct unpack *u, const char *member, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
refuse(struct unpack *u, const char *member, const char *fmt, ...)
{
	char msg[512], shown[256];
	va_list ap;
	size_t i, j;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (member != NULL) {
		/* Control characters are shown as '?', long names cut. */
		for (i = j = 0; member[i] != '\0' && j + 4 < sizeof(shown);
		    i++)
			shown[j++] = (unsigned char)member[i] < 0x20 ||
			    member[i] == 0x7f ? '?' : member[i];
		if (member[i] != '\0') {
			memcpy(shown + j, "...", 3);
			j += 3;
		}
		shown[j] = '\0';
		diag(DIAG_DATA, u->path, 0, "member '%s' refused: %s", shown,
		    msg);
	} else
		diag(DIAG_DATA, u->path, 0, "refused: %s", msg);
}

/* Create the parent folders of rel below dest (0700). */
static int
make_parents(struct unpack *u, const char *rel)
{
	char *p = xasprintf("%s/%s", u->dest, rel), *s;
	size_t base = strlen(u->dest) + 1;
	struct stat st;
	int rc = 0;

	for (s = p + base; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			diag_errno(errno, p, "cannot create directory");
			rc = -1;
		} else if (lstat(p, &st) == -1 || !S_ISDIR(st.st_mode)) {
			refuse(u, rel, "a file and a folder share the "
			    "name '%s'", p + base);
			rc = -1;
		}
		*s = '/';
		if (rc != 0)
			break;
	}
	free(p);
	return rc;
}

static int
ratio_ok(struct unpack *u, const char *member)
{
	if (u->total > u->lim->max_total) {
		refuse(u, member, "members expand to more than %llu bytes in "
		    "all", (unsigned long long)u->lim->max_total);
		return 0;
	}
	if (u->total > RATIO_FLOOR && u->insize > 0 &&
	    u->total / u->insize > u->lim->max_ratio) {
		refuse(u, member, "expands more than %llu times the "
		    "archive's size (decompression bomb?)",
		    (unsigned long long)u->lim->max_ratio);
		return 0;
	}
	return 1;
}

/*
 * Write all n bytes: a short write (a file size limit, a full disk) is
 * retried so that the call that fails sets errno.  0, or -1 with errno.
 */
static int
write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static int
unpack_file(struct unpack *u, struct archive *a, const char *name)
{
	char buf[65536], *p;
	la_ssize_t n;
	uint64_t got = 0;
	int fd, rc = 0;

	if (make_parents(u, name) != 0)
		return -1;
	p = xasprintf("%s/%s", u->dest, name);
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		if (errno == EEXIST)
			refuse(u, name, "duplicate name");
		else
			diag_errno(errno, p, "cannot create");
		free(p);
		return -1;
	}
	for (;;) {
		n = archive_read_data(a, buf, sizeof(buf));
		if (n == 0)
			break;
		if (n < 0) {
			diag(DIAG_DATA, u->path, 0, "member '%s': %s", name,
			    archive_error_string(a));
			rc = -1;
			break;
		}
		got += (uint64_t)n;
		u->total += (uint64_t)n;
		if (got > u->lim->max_entry) {
			refuse(u, name, "larger than %llu bytes",
			    (unsigned long long)u->lim->max_entry);
			rc = -1;
			break;
		}
		if (!ratio_ok(u, name)) {
			rc = -1;
			break;
		}
		if (write_all(fd, buf, (size_t)n) != 0) {
			diag_errno(errno, p, "write error");
			rc = -1;
			break;
		}
	}
	if (close(fd) == -1 && rc == 0) {
		diag_errno(errno, p, "write error");
		rc = -1;
	}
	free(p);
	return rc;
}

/* Check one member's header; then unpack it. */
static int
unpack_entry(struct unpack *u, struct archive *a, struct archive_entry *e)
{
	const char *raw = archive_entry_pathname(e), *why;
	char *name, *p;
	size_t len, tl;
	mode_t type = archive_entry_filetype(e);
	int rc;

	if (raw == NULL) {
		refuse(u, NULL, "member without a name");
		return -1;
	}
	if (++u->count > u->lim->max_entries) {
		refuse(u, NULL, "more than %llu members",
		    (unsigned long long)u->lim->max_entries);
		return -1;
	}
	name = xstrdup(raw);
	len = strlen(name);
	if (len > 1 && name[len - 1] == '/') {
		name[--len] = '\0';
		if (type == 0)
			type = AE_IFDIR;
	}
	rc = -1;
	if ((why = name_unsafe(name)) != NULL)
		refuse(u, raw, "%s", why);
	else if (archive_entry_hardlink(e) != NULL)
		refuse(u, raw, "hard link");
	else if (type == AE_IFLNK || archive_entry_symlink(e) != NULL)
		refuse(u, raw, "symbolic link");
	else if (type != AE_IFREG && type != AE_IFDIR)
		refuse(u, raw, "device, FIFO or socket");
	else if (type == AE_IFREG && archive_entry_size_is_set(e) &&
	    archive_entry_size(e) >= 0 &&
	    (uint64_t)archive_entry_size(e) > u->lim->max_entry)
		refuse(u, raw, "%lld bytes, more than the limit of %llu",
		    (long long)archive_entry_size(e),
		    (unsigned long long)u->lim->max_entry);
	else
		rc = 0;
	if (rc != 0) {
		free(name);
		return -1;
	}
	/* One top-level folder holds everything. */
	tl = strcspn(name, "/");
	if (u->top == NULL) {
		u->top = xstrndup(name, tl);
	} else if (strlen(u->top) != tl || strncmp(u->top, name, tl) != 0) {
		refuse(u, raw, "outside the top-level folder '%s/' (an "
		    "archive must hold one folder, the bag)", u->top);
		free(name);
		return -1;
	}
	if (name[tl] == '\0' && type != AE_IFDIR) {
		refuse(u, raw, "a file at the top level (an archive must "
		    "hold one folder, the bag)");
		free(name);
		return -1;
	}
	if (nameset_add(&u->names, xstrdup(name)) != 0) {
		refuse(u, raw, "duplicate name");
		free(name);
		return -1;
	}
	if (type == AE_IFDIR) {
		p = xasprintf("%s/x", name);
		rc = make_parents(u, p);
		free(p);
	} else
		rc = unpack_file(u, a, name);
	free(name);
	return rc;
}

int
archive_unpack(const char *path, const char *dest,
    const struct unpack_limits *lim, char **top)
{
	struct archive *a;
	struct archive_entry *e;
	struct unpack u;
	struct stat st;
	int fd, r, rc = -1;

	*top = NULL;
	memset(&u, 0, sizeof(u));
	u.path = path;
	u.dest = dest;
	u.lim = lim;
	/* opened here, so that a file we may not read is an I/O error */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		diag_errno(errno, path, "cannot open");
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag(DIAG_DATA, path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	u.insize = (uint64_t)st.st_size;
	if ((a = archive_read_new()) == NULL) {
		diag(DIAG_SYS, path, 0, "libarchive: out of memory");
		close(fd);
		return -1;
	}
	archive_read_support_filter_gzip(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_zip(a);
	if (archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK) {
		diag(DIAG_DATA, path, 0,
		    "not a readable tar.gz or zip archive: %s",
		    archive_error_string(a));
		goto out;
	}
	for (;;) {
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_WARN)
			diag(DIAG_WARN, path, 0, "%s",
			    archive_error_string(a));
		else if (r != ARCHIVE_OK) {
			diag(DIAG_DATA, path, 0, "%s",
			    archive_error_string(a));
			goto out;
		}
		if (unpack_entry(&u, a, e) != 0)
			goto out;
	}
	if (u.top == NULL) {
		diag(DIAG_DATA, path, 0, "empty archive");
		goto out;
	}
	rc = 0;
	*top = u.top;
	u.top = NULL;
out:
	archive_read_free(a);
	close(fd);
	free(u.top);
	nameset_release(&u.names);
	return rc;
}
