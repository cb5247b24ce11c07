/* bag: making and verifying BagIt 1.0 bags (RFC 8493). */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bag.h"
#include "buf.h"
#include "diag.h"
#include "digest.h"
#include "fsutil.h"
#include "ftree.h"
#include "xalloc.h"

/* Caps on the tag files bag_verify() reads. */
#define BAGIT_TXT_MAX	4096
#define BAG_INFO_MAX	(1UL << 20)
#define MANIFEST_MAX	(256UL << 20)
/* At most this many payload manifests and tag manifests, each. */
#define MAX_MANIFESTS	8

void
bag_human_size(unsigned long long n, char out[32])
{
	static const char *const unit[] = { "KB", "MB", "GB", "TB", "PB" };
	double v = (double)n;
	int u = -1;

	if (n < 1024) {
		snprintf(out, 32, "%llu bytes", n);
		return;
	}
	do {			/* n >= 1024: at least once */
		v /= 1024;
		u++;
	} while (v >= 1024 && u < 4);
	snprintf(out, 32, "%.1f %s", v, unit[u]);
}

/* RFC 8493 2.1.3: only CR, LF and '%' are percent-encoded in paths. */
static void
path_encode(struct buf *b, const char *p)
{
	for (; *p != '\0'; p++) {
		if (*p == '%')
			buf_adds(b, "%25");
		else if (*p == '\n')
			buf_adds(b, "%0A");
		else if (*p == '\r')
			buf_adds(b, "%0D");
		else
			buf_addc(b, *p);
	}
}

static char *
path_decode(const char *p, size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (p[i] == '%' && n - i >= 3) {
			if (strncasecmp(p + i, "%0A", 3) == 0) {
				buf_addc(&b, '\n');
				i += 2;
				continue;
			}
			if (strncasecmp(p + i, "%0D", 3) == 0) {
				buf_addc(&b, '\r');
				i += 2;
				continue;
			}
			if (strncmp(p + i, "%25", 3) == 0) {
				buf_addc(&b, '%');
				i += 2;
				continue;
			}
		}
		buf_addc(&b, p[i]);
	}
	return buf_detach(&b);
}

/* --- making ------------------------------------------------------------- */

static int
write_at(const char *dir, const char *name, const struct buf *b)
{
	char *p = xasprintf("%s/%s", dir, name);
	int rc;

	rc = fs_write_file(p, b->s != NULL ? b->s : "", b->len);
	free(p);
	return rc;
}

static void
info_line(struct buf *b, const char *label, const char *value)
{
	const char *s;

	if (value == NULL || *value == '\0')
		return;
	buf_printf(b, "%s: ", label);
	/* One line: line breaks in a value become spaces. */
	for (s = value; *s != '\0'; s++)
		buf_addc(b, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' :
		    *s);
	buf_addc(b, '\n');
}

/* Write tagmanifest-ALG.txt lines for names[] in dir. */
static int
write_manifests(const char *dir, const char *prefix, char *const *names,
    const struct digest_sum *sums, size_t n)
{
	struct buf b;
	char *file;
	size_t i;
	int a, rc = 0;

	buf_init(&b);
	for (a = 0; a < DIGEST__MAX && rc == 0; a++) {
		buf_reset(&b);
		for (i = 0; i < n; i++) {
			buf_printf(&b, "%s  ", sums[i].hex[a]);
			path_encode(&b, names[i]);
			buf_addc(&b, '\n');
		}
		file = xasprintf("%s-%s.txt", prefix,
		    digest_name((enum digest_alg)a));
		rc = write_at(dir, file, &b);
		free(file);
	}
	buf_release(&b);
	return rc;
}

/* The known sum of data/PATH, or NULL. */
static const struct digest_sum *
known_sum(const struct bag_sum *known, size_t nknown, const char *path)
{
	size_t i;

	for (i = 0; i < nknown; i++)
		if (strcmp(known[i].path, path) == 0)
			return known[i].sum;
	return NULL;
}

/*
 * The payload manifests, one line a file written as the walk goes (no
 * list of every file's digests in memory), themselves hashed as they
 * are written for the tag manifests.
 */
struct mout {
	FILE			*fp[DIGEST__MAX];
	char			*path[DIGEST__MAX];
	struct digest_set	 ds[DIGEST__MAX];
};

static int
mout_open(struct mout *m, const char *dir)
{
	int a, rc = 0;

	memset(m, 0, sizeof(*m));
	for (a = 0; a < DIGEST__MAX; a++) {
		digest_set_init(&m->ds[a]);
		m->path[a] = xasprintf("%s/manifest-%s.txt", dir,
		    digest_name((enum digest_alg)a));
		if (rc == 0 && (m->fp[a] = fs_create_hashed(m->path[a],
		    &m->ds[a])) == NULL)
			rc = -1;
	}
	return rc;
}

static int
mout_line(struct mout *m, struct buf *b, const struct digest_sum *sum,
    const char *name)
{
	int a;

	for (a = 0; a < DIGEST__MAX; a++) {
		buf_reset(b);
		buf_printf(b, "%s  ", sum->hex[a]);
		path_encode(b, name);
		buf_addc(b, '\n');
		if (fwrite(b->s, 1, b->len, m->fp[a]) != b->len) {
			diag_errno(errno ? errno : EIO, m->path[a],
			    "write error");
			return -1;
		}
	}
	return 0;
}

/* Close the manifests; their sums into sums[] (NULL: failed, dropped). */
static int
mout_close(struct mout *m, struct digest_sum *sums)
{
	int a, rc = 0;

	for (a = 0; a < DIGEST__MAX; a++) {
		if (m->fp[a] != NULL && fs_close(m->fp[a], m->path[a]) != 0)
			rc = -1;
		if (m->fp[a] == NULL)
			rc = -1;
		if (rc == 0 && sums != NULL)
			digest_set_final(&m->ds[a], &sums[a]);
		else
			digest_set_release(&m->ds[a]);
		free(m->path[a]);
	}
	return rc;
}

int
bag_make(const char *dir, const struct bag_info *info,
    const struct bag_sum *known, size_t nknown)
{
	struct ftree t;
	struct digest_sum sum;
	const struct digest_sum *ks;
	struct mout m;
	struct buf b;
	char *data = NULL, *p, *name, size[32];
	char *tagnames[2 + DIGEST__MAX];
	struct digest_sum tagsums[2 + DIGEST__MAX];
	unsigned long long octets = 0;
	size_t i, nfile = 0, ntag = 0;
	int a, rc = -1, mopen = 0;

	ftree_init(&t);
	buf_init(&b);
	data = xasprintf("%s/data", dir);
	if (ftree_list(data, &t) != 0)
		goto out;
	mopen = 1;
	if (mout_open(&m, dir) != 0)
		goto out;
	for (i = 0; i < t.n; i++) {
		if (t.e[i].isdir)
			continue;
		/* a digest taken as the file was written is not taken again */
		if ((ks = known_sum(known, nknown, t.e[i].path)) == NULL) {
			p = xasprintf("%s/%s", data, t.e[i].path);
			a = digest_file(p, &sum);
			free(p);
			if (a != 0)
				goto out;
			ks = &sum;
		}
		name = xasprintf("data/%s", t.e[i].path);
		a = mout_line(&m, &b, ks, name);
		free(name);
		if (a != 0)
			goto out;
		octets += ks->size;
		nfile++;
	}
	mopen = 0;
	/* the tag manifests list bag-info.txt, bagit.txt, then these */
	if (mout_close(&m, &tagsums[2]) != 0)
		goto out;

	buf_reset(&b);
	buf_adds(&b, BAG_DECLARATION);
	if (write_at(dir, "bagit.txt", &b) != 0)
		goto out;
	digest_set_sum_buf(b.s, b.len, &tagsums[1]);
	buf_reset(&b);
	bag_human_size(octets, size);
	info_line(&b, "Source-Organization", info->source_organization);
	info_line(&b, "External-Description", info->external_description);
	info_line(&b, "External-Identifier", info->external_identifier);
	info_line(&b, "Bagging-Date", info->bagging_date);
	info_line(&b, "Bag-Software-Agent", info->software_agent);
	buf_printf(&b, "Payload-Oxum: %llu.%zu\n", octets, nfile);
	info_line(&b, "Bag-Size", size);
	info_line(&b, "Version", info->version);
	info_line(&b, "Changes-Since", info->changes_since);
	if (write_at(dir, "bag-info.txt", &b) != 0)
		goto out;
	digest_set_sum_buf(b.s, b.len, &tagsums[0]);

	/* The tag manifests cover every other tag file, in path order. */
	tagnames[ntag++] = xstrdup("bag-info.txt");
	tagnames[ntag++] = xstrdup("bagit.txt");
	for (a = 0; a < DIGEST__MAX; a++)
		tagnames[ntag++] = xasprintf("manifest-%s.txt",
		    digest_name((enum digest_alg)a));
	if (write_manifests(dir, "tagmanifest", tagnames, tagsums, ntag) == 0)
		rc = 0;
	for (i = 0; i < ntag; i++)
		free(tagnames[i]);
out:
	if (mopen)
		mout_close(&m, NULL);
	free(data);
	buf_release(&b);
	ftree_release(&t);
	return rc;
}

/* --- verifying ---------------------------------------------------------- */

struct line_iter {
	const char	*s, *end;
	unsigned long	 no;
};

/* Next line (without its CR, LF or CRLF) into *p, *n; 0 at the end. */
static int
next_line(struct line_iter *it, const char **p, size_t *n)
{
	const char *e;

	if (it->s >= it->end)
		return 0;
	for (e = it->s; e < it->end && *e != '\n' && *e != '\r'; e++)
		continue;
	*p = it->s;
	*n = (size_t)(e - it->s);
	if (e < it->end && *e == '\r' && e + 1 < it->end && e[1] == '\n')
		e++;
	it->s = e < it->end ? e + 1 : e;
	it->no++;
	return 1;
}

struct vctx {
	const char	*dir;
	const char	*label;
	int		 bad;
};

static void
vbad(struct vctx *v, const char *rel, unsigned long line, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
vbad(struct vctx *v, const char *rel, unsigned long line, const char *fmt,
    ...)
{
	char msg[1024], *file;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	file = rel != NULL ? xasprintf("%s/%s", v->label, rel) :
	    xstrdup(v->label);
	diag(DIAG_DATA, file, line, "%s", msg);
	free(file);
	v->bad = 1;
}

static int
read_tag(struct vctx *v, const char *rel, size_t max, char **s, size_t *n)
{
	char *p = xasprintf("%s/%s", v->dir, rel);
	int rc;

	rc = ftree_read(p, max, s, n);
	free(p);
	if (rc != 0)
		v->bad = 1;
	return rc;
}

static int
line_is(const char *p, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(p, s, n) == 0;
}

static void
check_declaration(struct vctx *v)
{
	struct line_iter it;
	const char *p;
	size_t n, len;
	char *s;

	if (read_tag(v, "bagit.txt", BAGIT_TXT_MAX, &s, &len) != 0)
		return;
	it.s = s;
	it.end = s + len;
	it.no = 0;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		vbad(v, "bagit.txt", 1, "byte order mark not allowed");
	else if (!next_line(&it, &p, &n) ||
	    !(line_is(p, n, "BagIt-Version: 1.0") ||
	    line_is(p, n, "BagIt-Version: 0.97")))
		vbad(v, "bagit.txt", 1, "first line must be "
		    "'BagIt-Version: 1.0'");
	else if (!next_line(&it, &p, &n) || n != 34 ||
	    strncmp(p, "Tag-File-Character-Encoding: ", 29) != 0 ||
	    strncasecmp(p + 29, "UTF-8", 5) != 0)
		vbad(v, "bagit.txt", 2, "second line must be "
		    "'Tag-File-Character-Encoding: UTF-8'");
	else if (next_line(&it, &p, &n))
		vbad(v, "bagit.txt", it.no, "unexpected line after the "
		    "two declarations");
	free(s);
}

/* A manifest path must stay inside the bag: no '/', '..', '.', '~'. */
static const char *
path_unsafe(const char *p)
{
	const char *s, *e;

	if (*p == '\0')
		return "empty path";
	if (*p == '/')
		return "absolute path";
	if (*p == '~')
		return "path starts with '~'";
	for (s = p;; s = e + 1) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s)
			return "empty path component";
		if ((e - s == 1 && s[0] == '.') ||
		    (e - s == 2 && s[0] == '.' && s[1] == '.'))
			return "'.' or '..' in path";
		if (*e == '\0')
			break;
	}
	if (strchr(p, '\\') != NULL)
		return "backslash in path";
	return NULL;
}

struct mentry {
	char		*path;		/* decoded, owned */
	char		 hex[DIGEST_HEX_MAX];
	unsigned long	 line;
};

struct manifest {
	char		*name;		/* "manifest-sha256.txt", owned */
	int		 alg;
	struct mentry	*e;		/* owned */
	size_t		 n, cap;
};

static void
manifest_release(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->e[i].path);
	free(m->e);
	free(m->name);
}

static int
ishex(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((p[i] >= '0' && p[i] <= '9') ||
		    (p[i] >= 'a' && p[i] <= 'f') ||
		    (p[i] >= 'A' && p[i] <= 'F')))
			return 0;
	return 1;
}

static int
mentcmp(const void *a, const void *b)
{
	const struct mentry *x = a, *y = b;

	return strcmp(x->path, y->path);
}

/*
 * Parse a (tag) manifest; report malformed lines, unsafe paths and
 * duplicates.  Entries end up sorted by path.
 */
static int
manifest_parse(struct vctx *v, struct manifest *m)
{
	struct line_iter it;
	const char *p, *q;
	size_t n, len, hl = digest_hexlen((enum digest_alg)m->alg), i;
	char *s, *path;
	const char *why;

	if (read_tag(v, m->name, MANIFEST_MAX, &s, &len) != 0)
		return -1;
	it.s = s;
	it.end = s + len;
	it.no = 0;
	while (next_line(&it, &p, &n)) {
		if (n == 0)
			continue;
		for (q = p; q < p + n && *q != ' ' && *q != '\t'; q++)
			continue;
		if ((size_t)(q - p) != hl || !ishex(p, hl)) {
			vbad(v, m->name, it.no, "malformed line: expected "
			    "a %zu-digit hex %s checksum, whitespace and a "
			    "path", hl, digest_name((enum digest_alg)m->alg));
			continue;
		}
		while (q < p + n && (*q == ' ' || *q == '\t'))
			q++;
		if (q == p + n) {
			vbad(v, m->name, it.no, "malformed line: no path");
			continue;
		}
		path = path_decode(q, (size_t)(p + n - q));
		if ((why = path_unsafe(path)) != NULL) {
			vbad(v, m->name, it.no, "%s: '%s' refused", why, path);
			free(path);
			continue;
		}
		m->e = xgrow(m->e, &m->cap, m->n + 1, sizeof(*m->e));
		m->e[m->n].path = path;
		for (i = 0; i < hl; i++)
			m->e[m->n].hex[i] = (char)(p[i] >= 'A' && p[i] <= 'F' ?
			    p[i] - 'A' + 'a' : p[i]);
		m->e[m->n].hex[hl] = '\0';
		m->e[m->n].line = it.no;
		m->n++;
	}
	free(s);
	if (m->n > 1)
		qsort(m->e, m->n, sizeof(*m->e), mentcmp);
	for (i = 1; i < m->n; i++)
		if (strcmp(m->e[i - 1].path, m->e[i].path) == 0)
			vbad(v, m->name, m->e[i].line, "'%s' listed twice "
			    "(also line %lu)", m->e[i].path,
			    m->e[i - 1].line);
	return 0;
}

static struct mentry *
manifest_find(const struct manifest *m, const char *path)
{
	struct mentry key;

	if (m->n == 0)		/* bsearch() wants a non-null base */
		return NULL;
	memset(&key, 0, sizeof(key));
	key.path = (char *)(uintptr_t)path;
	return bsearch(&key, m->e, m->n, sizeof(*m->e), mentcmp);
}

/* Payload-Oxum and the form of bag-info.txt. */
static void
check_info(struct vctx *v, unsigned long long octets, size_t streams)
{
	struct line_iter it;
	const char *p, *c;
	size_t n, len;
	char *s, *val, *end;
	unsigned long long o, st;
	int seen = 0;

	s = xasprintf("%s/bag-info.txt", v->dir);
	seen = ftree_exists(s);
	free(s);
	if (!seen)
		return;
	seen = 0;
	if (read_tag(v, "bag-info.txt", BAG_INFO_MAX, &s, &len) != 0)
		return;
	it.s = s;
	it.end = s + len;
	it.no = 0;
	while (next_line(&it, &p, &n)) {
		if (n == 0)
			continue;
		if (*p == ' ' || *p == '\t') {
			if (it.no == 1)
				vbad(v, "bag-info.txt", it.no, "continuation "
				    "line without a label");
			continue;
		}
		c = memchr(p, ':', n);
		if (c == NULL || c == p || c[-1] == ' ' || c[-1] == '\t') {
			vbad(v, "bag-info.txt", it.no, "malformed line: "
			    "expected 'Label: value'");
			continue;
		}
		if (c - p != 12 || strncasecmp(p, "Payload-Oxum", 12) != 0)
			continue;
		if (seen++) {
			vbad(v, "bag-info.txt", it.no, "Payload-Oxum "
			    "repeated");
			continue;
		}
		for (c++; c < p + n && (*c == ' ' || *c == '\t'); c++)
			continue;
		val = xstrndup(c, (size_t)(p + n - c));
		errno = 0;
		o = strtoull(val, &end, 10);
		if (end == val || *end != '.' || errno != 0) {
			vbad(v, "bag-info.txt", it.no, "malformed "
			    "Payload-Oxum '%s'", val);
		} else {
			c = end + 1;
			st = strtoull(c, &end, 10);
			if (end == c || *end != '\0' || errno != 0)
				vbad(v, "bag-info.txt", it.no, "malformed "
				    "Payload-Oxum '%s'", val);
			else if (o != octets || st != streams)
				vbad(v, "bag-info.txt", it.no, "Payload-Oxum "
				    "%s does not match the payload (%llu.%zu)",
				    val, octets, streams);
		}
		free(val);
	}
	free(s);
}

/* Manifest file names at the top of the bag, by prefix ("manifest-"). */
static size_t
find_manifests(struct vctx *v, const struct ftree *t, const char *prefix,
    struct manifest *m)
{
	size_t i, n = 0, pl = strlen(prefix), l;
	const char *name, *alg;
	char *a;
	int id;

	for (i = 0; i < t->n; i++) {
		name = t->e[i].path;
		l = strlen(name);
		if (t->e[i].isdir || strchr(name, '/') != NULL ||
		    strncmp(name, prefix, pl) != 0 || l < pl + 5 ||
		    strcmp(name + l - 4, ".txt") != 0)
			continue;
		alg = name + pl;
		a = xstrndup(alg, l - pl - 4);
		id = digest_alg_by_name(a);
		if (id < 0)
			diag(DIAG_WARN, v->label, 0, "%s: algorithm '%s' not "
			    "supported (only sha256 and sha512); not checked",
			    name, a);
		else if (n == MAX_MANIFESTS)
			vbad(v, name, 0, "too many manifests");
		else {
			memset(&m[n], 0, sizeof(m[n]));
			m[n].name = xstrdup(name);
			m[n].alg = id;
			n++;
		}
		free(a);
	}
	return n;
}

static int
entcmp_path(const void *a, const void *b)
{
	const struct ftree_ent *x = a, *y = b;

	return strcmp(x->path, y->path);
}

static const struct ftree_ent *
tree_find(const struct ftree *t, const char *path)
{
	struct ftree_ent key;

	if (t->n == 0)		/* bsearch() wants a non-null base */
		return NULL;
	memset(&key, 0, sizeof(key));
	key.path = (char *)(uintptr_t)path;
	return bsearch(&key, t->e, t->n, sizeof(*t->e), entcmp_path);
}

/*
 * Compare one file's digests with what the manifests say about it.  When
 * some manifests agree with the file and others do not, the disagreeing
 * manifest lines are at fault; when none agrees, the file is.
 */
static void
check_file(struct vctx *v, const char *rel, struct manifest *m, size_t nm)
{
	struct digest_sum sum;
	struct mentry *e;
	const char *good = NULL;
	char *p;
	size_t j;

	p = xasprintf("%s/%s", v->dir, rel);
	if (digest_file(p, &sum) != 0) {
		free(p);
		v->bad = 1;
		return;
	}
	free(p);
	for (j = 0; j < nm; j++)
		if ((e = manifest_find(&m[j], rel)) != NULL &&
		    strcmp(e->hex, sum.hex[m[j].alg]) == 0)
			good = m[j].name;
	for (j = 0; j < nm; j++) {
		if ((e = manifest_find(&m[j], rel)) == NULL ||
		    strcmp(e->hex, sum.hex[m[j].alg]) == 0)
			continue;
		if (good != NULL)
			vbad(v, m[j].name, e->line, "wrong %s checksum for "
			    "'%s' (the file matches %s)",
			    digest_name((enum digest_alg)m[j].alg), rel, good);
		else
			vbad(v, rel, 0, "%s checksum mismatch (%s/%s:%lu)",
			    digest_name((enum digest_alg)m[j].alg), v->label,
			    m[j].name, e->line);
	}
}

int
bag_verify(const char *dir, const char *label)
{
	struct vctx v;
	struct ftree t;
	struct manifest pm[MAX_MANIFESTS], tm[MAX_MANIFESTS];
	const struct ftree_ent *fe;
	unsigned long long octets = 0;
	size_t npm = 0, ntm = 0, i, j, k, streams = 0;
	int hasdata = 0;

	v.dir = dir;
	v.label = label != NULL ? label : dir;
	v.bad = 0;
	ftree_init(&t);
	if (ftree_list(dir, &t) != 0) {
		ftree_release(&t);
		return -1;
	}
	fe = tree_find(&t, "data");
	hasdata = fe != NULL && fe->isdir;
	if (!hasdata)
		vbad(&v, NULL, 0, "no payload directory 'data/'");
	if ((fe = tree_find(&t, "bagit.txt")) == NULL || fe->isdir)
		vbad(&v, NULL, 0, "no bagit.txt");
	else
		check_declaration(&v);

	npm = find_manifests(&v, &t, "manifest-", pm);
	ntm = find_manifests(&v, &t, "tagmanifest-", tm);
	if (npm == 0)
		vbad(&v, NULL, 0, "no payload manifest "
		    "(manifest-sha256.txt or manifest-sha512.txt)");
	for (j = 0; j < npm; j++) {
		manifest_parse(&v, &pm[j]);
		for (k = 0; k < pm[j].n; k++) {
			const char *path = pm[j].e[k].path;

			if (strncmp(path, "data/", 5) != 0) {
				vbad(&v, pm[j].name, pm[j].e[k].line, "'%s' "
				    "is outside the payload directory", path);
				continue;
			}
			fe = tree_find(&t, path);
			if (fe == NULL)
				vbad(&v, path, 0, "missing: listed in %s "
				    "line %lu", pm[j].name, pm[j].e[k].line);
			else if (fe->isdir)
				vbad(&v, pm[j].name, pm[j].e[k].line, "'%s' "
				    "is a directory", path);
		}
	}
	/* Every payload file in every manifest, then its checksums. */
	for (i = 0; i < t.n; i++) {
		const char *path = t.e[i].path;
		int listed = 1;

		if (t.e[i].isdir || strncmp(path, "data/", 5) != 0)
			continue;
		streams++;
		octets += t.e[i].size;
		for (j = 0; j < npm; j++)
			if (manifest_find(&pm[j], path) == NULL) {
				vbad(&v, path, 0, "extra payload file: not "
				    "listed in %s", pm[j].name);
				listed = 0;
			}
		if (listed && npm > 0)
			check_file(&v, path, pm, npm);
	}
	check_info(&v, octets, streams);

	for (j = 0; j < ntm; j++) {
		manifest_parse(&v, &tm[j]);
		for (k = 0; k < tm[j].n; k++) {
			const char *path = tm[j].e[k].path;

			if (strncmp(path, "data/", 5) == 0 ||
			    strncmp(path, "tagmanifest-", 12) == 0) {
				vbad(&v, tm[j].name, tm[j].e[k].line, "'%s' "
				    "must not be listed in a tag manifest",
				    path);
				continue;
			}
			fe = tree_find(&t, path);
			if (fe == NULL || fe->isdir)
				vbad(&v, path, 0, "missing: listed in %s "
				    "line %lu", tm[j].name, tm[j].e[k].line);
		}
		for (k = 0; k < npm; k++)
			if (manifest_find(&tm[j], pm[k].name) == NULL)
				vbad(&v, tm[j].name, 0, "does not list the "
				    "payload manifest %s", pm[k].name);
	}
	/* Tag files: checked against every tag manifest listing them. */
	for (i = 0; i < t.n && ntm > 0; i++) {
		const char *path = t.e[i].path;
		int listed = 0;

		if (t.e[i].isdir || strncmp(path, "data/", 5) == 0 ||
		    (strchr(path, '/') == NULL &&
		    strncmp(path, "tagmanifest-", 12) == 0))
			continue;
		for (j = 0; j < ntm; j++)
			if (manifest_find(&tm[j], path) != NULL)
				listed = 1;
		if (listed)
			check_file(&v, path, tm, ntm);
		else {
			char *f = xasprintf("%s/%s", v.label, path);

			diag(DIAG_WARN, f, 0, "tag file not covered by any "
			    "tag manifest");
			free(f);
		}
	}
	for (j = 0; j < npm; j++)
		manifest_release(&pm[j]);
	for (j = 0; j < ntm; j++)
		manifest_release(&tm[j]);
	ftree_release(&t);
	return v.bad ? -1 : 0;
}
