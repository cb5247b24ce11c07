/* bagverify: checking BagIt 0.93-1.0 bags (RFC 8493 and its drafts). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bag/bagverify.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/strset.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

/* Caps on the tag files bag_verify() reads. */
#define BAGIT_TXT_MAX	4096
#define BAG_INFO_MAX	(1UL << 20)
#define MANIFEST_MAX	(256UL << 20)
/* At most this many payload manifests and tag manifests, each. */
#define MAX_MANIFESTS	8

/* BagIt-Version as 100 x the number: 93 ... 97, 100. */
#define BAGIT_1_0	100

/* Tag-File-Character-Encoding values understood. */
enum tag_enc {
	ENC_UTF8,
	ENC_ASCII,
	ENC_LATIN1,
	ENC_CP1252,
	ENC_UTF16,		/* byte order by the BOM; big-endian if none */
	ENC_UTF16BE,
	ENC_UTF16LE
};

static const struct {
	const char	*name;
	enum tag_enc	 enc;
} encodings[] = {
	{ "UTF-8", ENC_UTF8 },
	{ "UTF8", ENC_UTF8 },
	{ "US-ASCII", ENC_ASCII },
	{ "ASCII", ENC_ASCII },
	{ "ISO-8859-1", ENC_LATIN1 },
	{ "ISO8859-1", ENC_LATIN1 },
	{ "ISO_8859-1", ENC_LATIN1 },
	{ "Latin-1", ENC_LATIN1 },
	{ "Latin1", ENC_LATIN1 },
	{ "windows-1252", ENC_CP1252 },
	{ "cp1252", ENC_CP1252 },
	{ "UTF-16", ENC_UTF16 },
	{ "UTF-16BE", ENC_UTF16BE },
	{ "UTF-16LE", ENC_UTF16LE },
};

/* windows-1252 0x80-0x9F; 0 where the code page leaves a byte undefined. */
static const unsigned short cp1252_hi[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/*
 * Operating-system metadata files: Finder's and Explorer's caches and
 * AppleDouble forks ("._NAME").  Copying tools and version control
 * drop them, and they hold nothing of the payload's content.
 */
static const char *const os_meta[] = {
	".DS_Store", "Thumbs.db", "ehthumbs.db", "desktop.ini", "Icon\r"
};

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

static void
iter_init(struct line_iter *it, const char *s, size_t len)
{
	it->s = s;
	it->end = s + len;
	it->no = 0;
}

/* A regular file of the bag by name and by Unicode key. */
struct dkey {
	char		*key;		/* NFC of the path; owned */
	size_t		 ti;		/* index in the tree */
};

/* One manifest or fetch.txt line. */
struct mentry {
	char		*path;		/* decoded, owned */
	char		*key;		/* NFC of path, owned */
	char		 hex[DIGEST_HEX_MAX];
	unsigned long	 line;
	long long	 length;	/* fetch.txt: -1 for '-' */
};

struct manifest {
	char		*name;		/* "manifest-sha256.txt", owned */
	int		 alg;
	struct mentry	*e;		/* owned, sorted by key */
	size_t		 n, cap;
	struct dkey	*fold;		/* case-folded keys, made when needed */
};

struct vctx {
	const char	*dir;
	const char	*label;
	unsigned	 flags;
	int		 bad;
	int		 version;	/* BAGIT_1_0 when unknown */
	enum tag_enc	 enc;
	const struct filetree *t;
	struct dkey	*dk;		/* regular files by key */
	size_t		 ndk;
	struct manifest	 fetch;		/* fetch.txt, alg unused */
	int		 hasfetch;
	/* payload listed but absent and tolerated (holes, OS metadata) */
	struct strset	 absent;
	size_t		 absent_streams;
	unsigned long long absent_octets;
	int		 absent_inexact;
	size_t		 holes;
};

static void
vbad(struct vctx *v, const char *rel, unsigned long line, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));
static void
vwarn(struct vctx *v, const char *rel, unsigned long line, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
vmsg(struct vctx *v, enum diag_level lvl, const char *rel,
    unsigned long line, const char *fmt, va_list ap)
{
	char msg[1024], *file;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	file = rel != NULL ? xasprintf("%s/%s", v->label, rel) :
	    xstrdup(v->label);
	diag(lvl, file, line, "%s", msg);
	free(file);
}

static void
vbad(struct vctx *v, const char *rel, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(v, DIAG_DATA, rel, line, fmt, ap);
	va_end(ap);
	v->bad = 1;
}

static void
vwarn(struct vctx *v, const char *rel, unsigned long line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(v, DIAG_WARN, rel, line, fmt, ap);
	va_end(ap);
}

static int
read_tag(struct vctx *v, const char *rel, size_t max, char **s, size_t *n)
{
	char *p = xasprintf("%s/%s", v->dir, rel);
	int rc;

	rc = fs_read_file(p, max, s, n);
	free(p);
	if (rc != 0)
		v->bad = 1;
	return rc;
}

/* --- tag-file encodings -------------------------------------------------- */

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];

	buf_add(b, u, utf8_put((int32_t)cp, u));
}

/* 1-based line of byte offset at in s (LF, CR or CRLF ends a line). */
static unsigned long
line_of(const char *s, size_t at)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < at; i++)
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n'))
			line++;
	return line;
}

/*
 * Decode a tag file's bytes from the bag's encoding into UTF-8: *out is
 * owned, NUL-ended.  A NUL, a byte or unit the encoding does not define,
 * or an odd UTF-16 length is reported, naming the line, and -1 returned.
 */
static int
tag_decode(struct vctx *v, const char *rel, char *raw, size_t len,
    char **out, size_t *olen)
{
	const unsigned char *u = (const unsigned char *)raw;
	struct buf b;
	const char *why = NULL;
	size_t i = 0, at = 0;
	uint32_t cp, lo;
	int be;

	if (v->enc == ENC_UTF8) {
		if (memchr(raw, '\0', len) != NULL) {
			at = (size_t)((char *)memchr(raw, '\0', len) - raw);
			vbad(v, rel, line_of(raw, at), "NUL byte in a tag "
			    "file");
			return -1;
		}
		*out = raw;
		*olen = len;
		return 0;
	}
	buf_init(&b);
	buf_add(&b, "", 0);
	if (v->enc == ENC_UTF16 || v->enc == ENC_UTF16BE ||
	    v->enc == ENC_UTF16LE) {
		be = v->enc != ENC_UTF16LE;
		if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF && v->enc !=
		    ENC_UTF16LE) {
			be = 1;
			i = 2;
		} else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE &&
		    v->enc != ENC_UTF16BE) {
			be = 0;
			i = 2;
		}
		for (; i + 1 < len && why == NULL; i += 2) {
			at = i;
			cp = be ? (uint32_t)u[i] << 8 | u[i + 1] :
			    (uint32_t)u[i + 1] << 8 | u[i];
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				why = "unpaired UTF-16 surrogate";
			else if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (i + 3 >= len) {
					why = "unpaired UTF-16 surrogate";
					break;
				}
				lo = be ? (uint32_t)u[i + 2] << 8 | u[i + 3] :
				    (uint32_t)u[i + 3] << 8 | u[i + 2];
				if (lo < 0xDC00 || lo > 0xDFFF) {
					why = "unpaired UTF-16 surrogate";
					break;
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				i += 2;
			}
			if (why == NULL && cp == 0)
				why = "NUL character in a tag file";
			if (why == NULL)
				put_utf8(&b, cp);
		}
		if (why == NULL && len % 2 != 0) {
			why = "odd number of bytes for UTF-16";
			at = len - 1;
		}
	} else {
		for (i = 0; i < len && why == NULL; i++) {
			at = i;
			cp = u[i];
			if (cp == 0)
				why = "NUL byte in a tag file";
			else if (cp >= 0x80 && v->enc == ENC_ASCII)
				why = "byte past US-ASCII";
			else if (cp >= 0x80 && cp < 0xA0 &&
			    v->enc == ENC_CP1252 &&
			    (cp = cp1252_hi[cp - 0x80]) == 0)
				why = "byte windows-1252 does not define";
			else
				put_utf8(&b, cp);
		}
	}
	if (why != NULL) {
		/* the line as far as decoded: count in the output */
		vbad(v, rel, line_of(buf_str(&b), b.len), "%s (byte %zu)",
		    why, at);
		buf_release(&b);
		return -1;
	}
	free(raw);
	*olen = b.len;
	*out = buf_detach(&b);
	return 0;
}

/* Read a tag file and decode it into UTF-8; *s is owned. */
static int
read_text(struct vctx *v, const char *rel, size_t max, char **s, size_t *n)
{
	char *raw;
	size_t len;

	if (read_tag(v, rel, max, &raw, &len) != 0)
		return -1;
	if (tag_decode(v, rel, raw, len, s, n) != 0) {
		free(raw);
		return -1;
	}
	return 0;
}

/* --- bagit.txt ----------------------------------------------------------- */

static int
line_is(const char *p, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(p, s, n) == 0;
}

static int
parse_version(const char *p, size_t n)
{
	static const char *const names[] = {
		"0.93", "0.94", "0.95", "0.96", "0.97", "1.0"
	};
	static const int codes[] = { 93, 94, 95, 96, 97, BAGIT_1_0 };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (line_is(p, n, names[i]))
			return codes[i];
	return -1;
}

static void
check_declaration(struct vctx *v)
{
	static const char vl[] = "BagIt-Version: ";
	static const char el[] = "Tag-File-Character-Encoding: ";
	struct line_iter it;
	const char *p;
	size_t n, len, i;
	char *s;
	int ver;

	if (read_tag(v, "bagit.txt", BAGIT_TXT_MAX, &s, &len) != 0)
		return;
	iter_init(&it, s, len);
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		vbad(v, "bagit.txt", 1, "byte order mark not allowed");
	else if (!next_line(&it, &p, &n) || n < sizeof(vl) - 1 ||
	    memcmp(p, vl, sizeof(vl) - 1) != 0 ||
	    (ver = parse_version(p + sizeof(vl) - 1,
	    n - (sizeof(vl) - 1))) < 0)
		vbad(v, "bagit.txt", 1, "first line must be "
		    "'BagIt-Version: V' with V one of 0.93 to 0.97 or 1.0");
	else if (!next_line(&it, &p, &n) || n < sizeof(el) - 1 ||
	    strncmp(p, el, sizeof(el) - 1) != 0)
		vbad(v, "bagit.txt", 2, "second line must be "
		    "'Tag-File-Character-Encoding: ENCODING'");
	else {
		v->version = ver;
		p += sizeof(el) - 1;
		n -= sizeof(el) - 1;
		for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]);
		    i++)
			if (strlen(encodings[i].name) == n &&
			    strncasecmp(p, encodings[i].name, n) == 0)
				break;
		if (i == sizeof(encodings) / sizeof(encodings[0]))
			vbad(v, "bagit.txt", 2, "tag-file encoding '%.*s' "
			    "not supported (UTF-8, UTF-16, ISO-8859-1, "
			    "windows-1252, US-ASCII)", (int)n, p);
		else
			v->enc = encodings[i].enc;
		if (next_line(&it, &p, &n))
			vbad(v, "bagit.txt", it.no, "unexpected line after "
			    "the two declarations");
	}
	free(s);
}

/* --- paths --------------------------------------------------------------- */

/* RFC 8493 2.1.3: only CR, LF and '%' are percent-encoded in paths. */
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

/* A listed path must stay inside the bag: no '/', '..', '.', '~', '\'. */
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

static int
is_os_meta(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base != NULL ? base + 1 : path;
	if (strncmp(base, "._", 2) == 0 && base[2] != '\0')
		return 1;
	for (i = 0; i < sizeof(os_meta) / sizeof(os_meta[0]); i++)
		if (strcasecmp(base, os_meta[i]) == 0)
			return 1;
	return 0;
}

/* --- the bag's files ----------------------------------------------------- */

static int
dkeycmp(const void *a, const void *b)
{
	const struct dkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : (x->ti > y->ti) - (x->ti < y->ti);
}

static int
entcmp_path(const void *a, const void *b)
{
	const struct filetree_ent *x = a, *y = b;

	return strcmp(x->path, y->path);
}

static const struct filetree_ent *
tree_find(const struct filetree *t, const char *path)
{
	struct filetree_ent key;

	if (t->n == 0)		/* bsearch() wants a non-null base */
		return NULL;
	memset(&key, 0, sizeof(key));
	key.path = (char *)(uintptr_t)path;
	return bsearch(&key, t->e, t->n, sizeof(*t->e), entcmp_path);
}

/* Index the regular files by the NFC of their names. */
static void
index_files(struct vctx *v)
{
	const struct filetree *t = v->t;
	size_t i;

	v->dk = xcalloc(t->n > 0 ? t->n : 1, sizeof(*v->dk));
	v->ndk = 0;
	for (i = 0; i < t->n; i++) {
		if (t->e[i].isdir)
			continue;
		v->dk[v->ndk].key = text_name_key(t->e[i].path,
		    strlen(t->e[i].path), 0);
		v->dk[v->ndk].ti = i;
		v->ndk++;
	}
	if (v->ndk > 1)
		qsort(v->dk, v->ndk, sizeof(*v->dk), dkeycmp);
	for (i = 1; i < v->ndk; i++)
		if (strcmp(v->dk[i - 1].key, v->dk[i].key) == 0)
			vwarn(v, t->e[v->dk[i].ti].path, 0, "'%s' and '%s' "
			    "differ only in Unicode normalization",
			    t->e[v->dk[i - 1].ti].path,
			    t->e[v->dk[i].ti].path);
}

/* Index of the first of d[0..n) whose key is key, or n. */
static size_t
dkey_find(const struct dkey *d, size_t n, const char *key)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(d[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(d[lo].key, key) == 0 ? lo : n;
}

/* The bag's entry for a listed path: by its bytes, else by its key. */
static const struct filetree_ent *
bag_find(const struct vctx *v, const char *path, const char *key)
{
	const struct filetree_ent *fe = tree_find(v->t, path);
	size_t i;

	if (fe != NULL)
		return fe;
	i = dkey_find(v->dk, v->ndk, key);
	return i < v->ndk ? &v->t->e[v->dk[i].ti] : NULL;
}

/* --- manifests ----------------------------------------------------------- */

static void
manifest_release(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->e[i].path);
		free(m->e[i].key);
	}
	free(m->e);
	if (m->fold != NULL)
		for (i = 0; i < m->n; i++)
			free(m->fold[i].key);
	free(m->fold);
	free(m->name);
	memset(m, 0, sizeof(*m));
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
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

static struct mentry *
manifest_find(const struct manifest *m, const char *key)
{
	size_t lo = 0, hi = m->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(m->e[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && strcmp(m->e[lo].key, key) == 0 ? &m->e[lo] :
	    NULL;
}

/*
 * The path part of a manifest or fetch.txt line: percent-decoded, a
 * leading "./" dropped (counted in *dotslash), checked to stay inside
 * the bag.  NULL after a diagnostic.
 */
static char *
listed_path(struct vctx *v, const char *file, unsigned long line,
    const char *p, size_t n, int *dotslash)
{
	const char *why;
	char *path, *s;

	path = path_decode(p, n);
	for (s = path; s[0] == '.' && s[1] == '/'; s += 2)
		continue;
	if (s != path) {
		(*dotslash)++;
		memmove(path, s, strlen(s) + 1);
	}
	if ((why = path_unsafe(path)) != NULL) {
		vbad(v, file, line, "%s: '%s' refused", why, path);
		free(path);
		return NULL;
	}
	return path;
}

/*
 * Sort entries by key and settle names listed twice: with the same
 * checksum a warning before BagIt 1.0 and an error from 1.0 on, with
 * different checksums always an error.  The first line is kept.
 */
static void
settle_twice(struct vctx *v, struct manifest *m, int isfetch)
{
	size_t i, k;
	struct mentry *a, *b;
	int same;

	if (m->n > 1)
		qsort(m->e, m->n, sizeof(*m->e), mentcmp);
	for (i = 1, k = 1; i < m->n; i++) {
		a = &m->e[k - 1];
		b = &m->e[i];
		if (strcmp(a->key, b->key) != 0) {
			m->e[k++] = *b;
			continue;
		}
		same = isfetch || strcmp(a->hex, b->hex) == 0;
		if (isfetch)
			vwarn(v, m->name, b->line, "'%s' listed twice (also "
			    "line %lu)", b->path, a->line);
		else if (strcmp(a->path, b->path) != 0)
			(same && v->version < BAGIT_1_0 ? vwarn : vbad)(v,
			    m->name, b->line, "'%s' and '%s' (line %lu) differ "
			    "only in Unicode normalization: one file%s",
			    b->path, a->path, a->line, same ? ", the same "
			    "checksum" : ", with different checksums");
		else if (same && v->version < BAGIT_1_0)
			vwarn(v, m->name, b->line, "'%s' listed twice "
			    "(also line %lu), with the same checksum",
			    b->path, a->line);
		else
			vbad(v, m->name, b->line, "'%s' listed twice (also "
			    "line %lu)%s", b->path, a->line, same ? "" :
			    " with different checksums");
		free(b->path);
		free(b->key);
	}
	if (m->n > 0)
		m->n = k;
}

/*
 * Parse a (tag) manifest: "HEX<whitespace>PATH" lines.  Reports
 * malformed lines, unsafe paths and names listed twice.
 */
static int
manifest_parse(struct vctx *v, struct manifest *m)
{
	struct line_iter it;
	const char *p, *q;
	size_t n, len, hl = digest_hexlen((enum digest_alg)m->alg), i;
	char *s, *path;
	int dotslash = 0, star = 0;
	unsigned long starline = 0, dotline = 0;

	if (read_text(v, m->name, MANIFEST_MAX, &s, &len) != 0)
		return -1;
	iter_init(&it, s, len);
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
		/* md5sum and its kin mark binary mode with '*' */
		if (q < p + n && *q == '*' && q == p + hl + 1) {
			if (star++ == 0)
				starline = it.no;
			q++;
		}
		if (q == p + n) {
			vbad(v, m->name, it.no, "malformed line: no path");
			continue;
		}
		i = (size_t)dotslash;
		path = listed_path(v, m->name, it.no, q, (size_t)(p + n - q),
		    &dotslash);
		if (path == NULL)
			continue;
		if ((size_t)dotslash != i && dotline == 0)
			dotline = it.no;
		m->e = xgrow(m->e, &m->cap, m->n + 1, sizeof(*m->e));
		m->e[m->n].path = path;
		m->e[m->n].key = text_name_key(path, strlen(path), 0);
		for (i = 0; i < hl; i++)
			m->e[m->n].hex[i] = (char)(p[i] >= 'A' && p[i] <= 'F' ?
			    p[i] - 'A' + 'a' : p[i]);
		m->e[m->n].hex[hl] = '\0';
		m->e[m->n].line = it.no;
		m->e[m->n].length = -1;
		m->n++;
	}
	free(s);
	if (star > 0)
		vwarn(v, m->name, starline, "%d path%s marked '*' (binary "
		    "mode of md5sum-style tools): the mark is not part of "
		    "the path", star, star == 1 ? "" : "s");
	if (dotslash > 0)
		vwarn(v, m->name, dotline, "%d path%s with './' before it: "
		    "read relative to the bag", dotslash,
		    dotslash == 1 ? "" : "s");
	settle_twice(v, m, 0);
	return 0;
}

/* fetch.txt: "URL LENGTH PATH" lines, LENGTH a number or '-'. */
static void
fetch_parse(struct vctx *v)
{
	struct manifest *m = &v->fetch;
	struct line_iter it;
	const char *p, *e, *q, *len_s;
	size_t n, len;
	long long length;
	char *s, *path, *end;
	int dotslash = 0;

	m->name = xstrdup("fetch.txt");
	if (read_text(v, m->name, MANIFEST_MAX, &s, &len) != 0)
		return;
	iter_init(&it, s, len);
	while (next_line(&it, &p, &n)) {
		e = p + n;
		if (n == 0)
			continue;
		for (q = p; q < e && *q != ' ' && *q != '\t'; q++)
			continue;
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		len_s = q;
		for (; q < e && *q != ' ' && *q != '\t'; q++)
			continue;
		length = -1;
		if (q - len_s == 1 && *len_s == '-')
			length = -1;	/* unknown */
		else if (q > len_s && *len_s >= '0' && *len_s <= '9') {
			errno = 0;
			length = strtoll(len_s, &end, 10);
			if (end != q || errno != 0)
				len_s = q;	/* malformed below */
		} else
			len_s = q;	/* neither a number nor '-' */
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if (len_s == q || len_s == p || q == e) {
			vbad(v, m->name, it.no, "malformed line: expected "
			    "'URL LENGTH PATH' (LENGTH a number or '-')");
			continue;
		}
		if ((path = listed_path(v, m->name, it.no, q, (size_t)(e - q),
		    &dotslash)) == NULL)
			continue;
		if (strncmp(path, "data/", 5) != 0) {
			vbad(v, m->name, it.no, "'%s' is outside the payload "
			    "directory", path);
			free(path);
			continue;
		}
		m->e = xgrow(m->e, &m->cap, m->n + 1, sizeof(*m->e));
		m->e[m->n].path = path;
		m->e[m->n].key = text_name_key(path, strlen(path), 0);
		m->e[m->n].hex[0] = '\0';
		m->e[m->n].line = it.no;
		m->e[m->n].length = length;
		m->n++;
	}
	free(s);
	settle_twice(v, m, 1);
}

/* Manifest file names at the top of the bag, by prefix ("manifest-"). */
static size_t
find_manifests(struct vctx *v, const char *prefix, struct manifest *m)
{
	const struct filetree *t = v->t;
	size_t i, n = 0, pl = strlen(prefix), l;
	const char *name;
	char *a;
	int id;

	for (i = 0; i < t->n; i++) {
		name = t->e[i].path;
		l = strlen(name);
		if (t->e[i].isdir || strchr(name, '/') != NULL ||
		    strncmp(name, prefix, pl) != 0 || l < pl + 5 ||
		    strcmp(name + l - 4, ".txt") != 0)
			continue;
		a = xstrndup(name + pl, l - pl - 4);
		id = digest_alg_by_name(a);
		if (id < 0)
			vwarn(v, NULL, 0, "%s: algorithm '%s' not supported "
			    "(md5, sha1, sha224, sha256, sha384, sha512); "
			    "not checked", name, a);
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

/*
 * Compare one file's digests with what the manifests say about it.  When
 * some manifests agree with the file and others do not, the disagreeing
 * manifest lines are at fault; when none agrees, the file is.
 */
static void
check_file(struct vctx *v, const char *rel, const char *key,
    struct manifest *m, size_t nm)
{
	struct digest_check sum;
	struct mentry *e;
	const char *good = NULL;
	unsigned mask = 0;
	char *p;
	size_t j;

	for (j = 0; j < nm; j++)
		if (manifest_find(&m[j], key) != NULL)
			mask |= DIGEST_BIT(m[j].alg);
	p = xasprintf("%s/%s", v->dir, rel);
	if (digest_file_algs(p, mask, &sum) != 0) {
		free(p);
		v->bad = 1;
		return;
	}
	free(p);
	for (j = 0; j < nm; j++)
		if ((e = manifest_find(&m[j], key)) != NULL &&
		    strcmp(e->hex, sum.hex[m[j].alg]) == 0)
			good = m[j].name;
	for (j = 0; j < nm; j++) {
		if ((e = manifest_find(&m[j], key)) == NULL ||
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

/* --- payload listed but absent ------------------------------------------- */

/*
 * The entry of m that names e's file on a case-insensitive file system
 * and is present here with the same checksum, or NULL.
 */
static const struct mentry *
case_partner(struct vctx *v, struct manifest *m, const struct mentry *e)
{
	const struct mentry *o;
	size_t i;
	char *key;

	if (m->fold == NULL) {
		m->fold = xcalloc(m->n, sizeof(*m->fold));
		for (i = 0; i < m->n; i++) {
			m->fold[i].key = text_name_key(m->e[i].path,
			    strlen(m->e[i].path), 1);
			m->fold[i].ti = i;
		}
		qsort(m->fold, m->n, sizeof(*m->fold), dkeycmp);
	}
	key = text_name_key(e->path, strlen(e->path), 1);
	for (i = dkey_find(m->fold, m->n, key);
	    i < m->n && strcmp(m->fold[i].key, key) == 0; i++) {
		o = &m->e[m->fold[i].ti];
		if (o != e && strcmp(o->hex, e->hex) == 0 &&
		    bag_find(v, o->path, o->key) != NULL) {
			free(key);
			return o;
		}
	}
	free(key);
	return NULL;
}

/* A payload file listed in m at e and absent from the bag. */
static void
absent(struct vctx *v, struct manifest *m, const struct mentry *e)
{
	const struct mentry *f = NULL, *o;
	int complete = (v->flags & BAG_VERIFY_COMPLETE) != 0;

	if (v->hasfetch)
		f = manifest_find(&v->fetch, e->key);
	if (f != NULL && !complete) {
		if (strset_add(&v->absent, e->key)) {
			v->holes++;
			v->absent_streams++;
			if (f->length >= 0)
				v->absent_octets += (unsigned long long)
				    f->length;
			else
				v->absent_inexact = 1;
		}
		return;
	}
	if (f != NULL) {
		vbad(v, e->path, 0, "missing: listed in %s line %lu and in "
		    "fetch.txt line %lu (--complete)", m->name, e->line,
		    f->line);
		return;
	}
	if ((o = case_partner(v, m, e)) != NULL) {
		if (strset_add(&v->absent, e->key))
			vwarn(v, m->name, e->line, "'%s' is absent; it "
			    "differs only in case from '%s' (line %lu, the "
			    "same checksum): one file on a case-insensitive "
			    "file system", e->path, o->path, o->line);
		return;
	}
	if (is_os_meta(e->path) && !complete) {
		if (strset_add(&v->absent, e->key)) {
			v->absent_streams++;
			v->absent_inexact = 1;
			vwarn(v, e->path, 0, "absent operating-system "
			    "metadata file, listed in %s line %lu: copying "
			    "tools drop these; not part of the payload's "
			    "content", m->name, e->line);
		}
		return;
	}
	vbad(v, e->path, 0, "missing: listed in %s line %lu", m->name,
	    e->line);
}

/* --- bag-info.txt -------------------------------------------------------- */

/* Payload-Oxum, repeated labels and the form of bag-info.txt. */
static void
check_info(struct vctx *v, unsigned long long octets, size_t streams)
{
	static const char *const once[] = { "Bagging-Date", "Bag-Size" };
	struct line_iter it;
	const char *p, *c, *le;
	size_t n, len, i;
	char *s, *val, *end;
	unsigned long long o, st, want_o;
	size_t want_st;
	int seen = 0, seen_once[2] = { 0, 0 };

	s = xasprintf("%s/bag-info.txt", v->dir);
	seen = filetree_exists(s);
	free(s);
	if (!seen)
		return;
	seen = 0;
	if (read_text(v, "bag-info.txt", BAG_INFO_MAX, &s, &len) != 0)
		return;
	iter_init(&it, s, len);
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
		if (c == NULL || c == p || ((c[-1] == ' ' || c[-1] == '\t') &&
		    v->version >= BAGIT_1_0)) {
			vbad(v, "bag-info.txt", it.no, "malformed line: "
			    "expected 'Label: value'");
			continue;
		}
		/* before 1.0, white space may come before the colon */
		for (le = c; le > p && (le[-1] == ' ' || le[-1] == '\t'); le--)
			continue;
		for (i = 0; i < 2; i++)
			if ((size_t)(le - p) == strlen(once[i]) &&
			    strncasecmp(p, once[i], strlen(once[i])) == 0 &&
			    seen_once[i]++ == 1)
				vwarn(v, "bag-info.txt", it.no, "%s repeated "
				    "(it should appear once)", once[i]);
		if (le - p != 12 || strncasecmp(p, "Payload-Oxum", 12) != 0)
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
		want_o = octets + v->absent_octets;
		want_st = streams + v->absent_streams;
		if (end == val || *end != '.' || errno != 0) {
			vbad(v, "bag-info.txt", it.no, "malformed "
			    "Payload-Oxum '%s'", val);
		} else {
			c = end + 1;
			st = strtoull(c, &end, 10);
			if (end == c || *end != '\0' || errno != 0)
				vbad(v, "bag-info.txt", it.no, "malformed "
				    "Payload-Oxum '%s'", val);
			else if (st != want_st || (v->absent_inexact ?
			    o < want_o : o != want_o))
				vbad(v, "bag-info.txt", it.no, "Payload-Oxum "
				    "%s does not match the payload "
				    "(%llu.%zu%s)", val, want_o, want_st,
				    v->absent_streams == 0 ? "" :
				    v->absent_inexact ? ", absent files of "
				    "unknown size included" : ", absent files "
				    "included");
		}
		free(val);
	}
	free(s);
}

/* --- the whole bag ------------------------------------------------------- */

static void
check_payload(struct vctx *v, struct manifest *pm, size_t npm,
    unsigned long long *octets, size_t *streams)
{
	const struct filetree *t = v->t;
	const struct filetree_ent *fe;
	size_t i, j, k;
	char *key;

	for (j = 0; j < npm; j++) {
		manifest_parse(v, &pm[j]);
		for (k = 0; k < pm[j].n; k++) {
			const struct mentry *e = &pm[j].e[k];

			if (strncmp(e->path, "data/", 5) != 0) {
				vbad(v, pm[j].name, e->line, "'%s' is outside "
				    "the payload directory", e->path);
				continue;
			}
			fe = bag_find(v, e->path, e->key);
			if (fe == NULL)
				absent(v, &pm[j], e);
			else if (fe->isdir)
				vbad(v, pm[j].name, e->line, "'%s' is a "
				    "directory", e->path);
		}
	}
	/* fetch.txt lists payload files, each in every payload manifest */
	for (k = 0; k < v->fetch.n; k++)
		for (j = 0; j < npm; j++)
			if (manifest_find(&pm[j], v->fetch.e[k].key) == NULL)
				vbad(v, "fetch.txt", v->fetch.e[k].line, "'%s' "
				    "is not listed in %s", v->fetch.e[k].path,
				    pm[j].name);
	/* Every payload file in every manifest, then its checksums. */
	for (i = 0; i < t->n; i++) {
		const char *path = t->e[i].path;
		int listed = 1;

		if (t->e[i].isdir || strncmp(path, "data/", 5) != 0)
			continue;
		(*streams)++;
		*octets += t->e[i].size;
		if (is_os_meta(path))
			vwarn(v, path, 0, "operating-system metadata file in "
			    "the payload");
		key = text_name_key(path, strlen(path), 0);
		for (j = 0; j < npm; j++)
			if (manifest_find(&pm[j], key) == NULL) {
				vbad(v, path, 0, "extra payload file: not "
				    "listed in %s", pm[j].name);
				listed = 0;
			}
		if (listed && npm > 0)
			check_file(v, path, key, pm, npm);
		free(key);
	}
	if (v->holes > 0)
		vwarn(v, "fetch.txt", 0, "holey bag: %zu file%s listed here "
		    "%s absent (to be fetched; --complete refuses this)",
		    v->holes, v->holes == 1 ? "" : "s",
		    v->holes == 1 ? "is" : "are");
}

static void
check_tags(struct vctx *v, struct manifest *tm, size_t ntm,
    const struct manifest *pm, size_t npm)
{
	const struct filetree *t = v->t;
	const struct filetree_ent *fe;
	size_t i, j, k;
	char *key;

	for (j = 0; j < ntm; j++) {
		manifest_parse(v, &tm[j]);
		for (k = 0; k < tm[j].n; k++) {
			const char *path = tm[j].e[k].path;

			if (strncmp(path, "data/", 5) == 0 ||
			    strncmp(path, "tagmanifest-", 12) == 0) {
				vbad(v, tm[j].name, tm[j].e[k].line, "'%s' "
				    "must not be listed in a tag manifest",
				    path);
				continue;
			}
			fe = bag_find(v, path, tm[j].e[k].key);
			if (fe == NULL || fe->isdir)
				vbad(v, path, 0, "missing: listed in %s "
				    "line %lu", tm[j].name, tm[j].e[k].line);
		}
		for (k = 0; k < npm; k++)
			if (manifest_find(&tm[j], pm[k].name) == NULL)
				vbad(v, tm[j].name, 0, "does not list the "
				    "payload manifest %s", pm[k].name);
	}
	/* Tag files: checked against every tag manifest listing them. */
	for (i = 0; i < t->n && ntm > 0; i++) {
		const char *path = t->e[i].path;
		int listed = 0;

		if (t->e[i].isdir || strncmp(path, "data/", 5) == 0 ||
		    (strchr(path, '/') == NULL &&
		    strncmp(path, "tagmanifest-", 12) == 0))
			continue;
		key = text_name_key(path, strlen(path), 0);
		for (j = 0; j < ntm; j++)
			if (manifest_find(&tm[j], key) != NULL)
				listed = 1;
		if (listed)
			check_file(v, path, key, tm, ntm);
		else
			vwarn(v, path, 0, "tag file not covered by any tag "
			    "manifest");
		free(key);
	}
}

/* A note on the algorithms: a warning when only weak ones hold fixity. */
static void
note_algorithms(struct vctx *v, const struct manifest *pm, size_t npm)
{
	struct buf b;
	size_t j, weak = 0;

	buf_init(&b);
	for (j = 0; j < npm; j++) {
		if (!digest_weak((enum digest_alg)pm[j].alg))
			continue;
		if (weak++ > 0)
			buf_adds(&b, " and ");
		buf_adds(&b, digest_name((enum digest_alg)pm[j].alg));
	}
	if (weak > 0 && weak == npm)
		vwarn(v, NULL, 0, "fixity rests on %s only, a weak "
		    "algorithm (collisions can be made): checked, but a "
		    "deliberate change could pass; sha256 or sha512 is safer",
		    buf_str(&b));
	else if (weak > 0)
		diag(DIAG_NOTE, v->label, 0, "%s checked too, a weak "
		    "algorithm", buf_str(&b));
	buf_release(&b);
}

int
bag_verify(const char *dir, const char *label, unsigned flags)
{
	struct vctx v;
	struct filetree t;
	struct manifest pm[MAX_MANIFESTS], tm[MAX_MANIFESTS];
	const struct filetree_ent *fe;
	unsigned long long octets = 0;
	size_t npm = 0, ntm = 0, j, streams = 0;

	memset(&v, 0, sizeof(v));
	v.dir = dir;
	v.label = label != NULL ? label : dir;
	v.flags = flags;
	v.version = BAGIT_1_0;
	v.enc = ENC_UTF8;
	strset_init(&v.absent);
	filetree_init(&t);
	if (filetree_list(dir, &t) != 0) {
		filetree_release(&t);
		strset_release(&v.absent);
		return -1;
	}
	v.t = &t;
	index_files(&v);
	fe = tree_find(&t, "data");
	if (fe == NULL || !fe->isdir)
		vbad(&v, NULL, 0, "no payload directory 'data/'");
	if ((fe = tree_find(&t, "bagit.txt")) == NULL || fe->isdir)
		vbad(&v, NULL, 0, "no bagit.txt");
	else
		check_declaration(&v);
	if ((fe = tree_find(&t, "fetch.txt")) != NULL && !fe->isdir) {
		v.hasfetch = 1;
		fetch_parse(&v);
	}

	npm = find_manifests(&v, "manifest-", pm);
	ntm = find_manifests(&v, "tagmanifest-", tm);
	if (npm == 0)
		vbad(&v, NULL, 0, "no payload manifest "
		    "(manifest-sha512.txt or another algorithm's)");
	check_payload(&v, pm, npm, &octets, &streams);
	check_info(&v, octets, streams);
	check_tags(&v, tm, ntm, pm, npm);
	note_algorithms(&v, pm, npm);

	for (j = 0; j < npm; j++)
		manifest_release(&pm[j]);
	for (j = 0; j < ntm; j++)
		manifest_release(&tm[j]);
	manifest_release(&v.fetch);
	for (j = 0; j < v.ndk; j++)
		free(v.dk[j].key);
	free(v.dk);
	strset_release(&v.absent);
	filetree_release(&t);
	return v.bad ? -1 : 0;
}
