/*
 * t_archive: reproducible tar.gz and zip output, read back with
 * libarchive directly; safe unpacking refuses hostile archives made
 * here with libarchive's writer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <zlib.h>

#include "bag/archive.h"
#include "lib/diag.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"

#define MTIME	1714521600LL	/* 2024-05-01T00:00:00Z */

static char *tmp;

/* tmp/rel; a ring of buffers so one call may use several. */
static char *
at(const char *rel)
{
	static char buf[4][4096];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmp, rel);
	return buf[i];
}

static void
put(const char *rel, const char *text)
{
	assert_int_equal(fs_write_file(at(rel), text, strlen(text)), 0);
}

static int
setup(void **state)
{
	char tmpl[] = "/tmp/t_archive.XXXXXX";

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	tmp = xstrdup(tmpl);
	assert_int_equal(fs_mkdirs(at("src/data/sub")), 0);
	put("src/bagit.txt", "BagIt-Version: 1.0\n");
	put("src/data/a.txt", "alpha\n");
	put("src/data/sub/b.txt", "beta\n");
	put("src/data-x.txt", "sorts before data/ in byte order\n");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fs_rmtree(tmp);
	free(tmp);
	return 0;
}

static const char *const want_names[] = {
	"rel-1.0.0-csv/",
	"rel-1.0.0-csv/bagit.txt",
	"rel-1.0.0-csv/data-x.txt",
	"rel-1.0.0-csv/data/",
	"rel-1.0.0-csv/data/a.txt",
	"rel-1.0.0-csv/data/sub/",
	"rel-1.0.0-csv/data/sub/b.txt",
	NULL
};

static unsigned long
octal(const unsigned char *p, size_t n)
{
	unsigned long v = 0;
	size_t i;

	for (i = 0; i < n && p[i] >= '0' && p[i] <= '7'; i++)
		v = v * 8 + (unsigned long)(p[i] - '0');
	return v;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

/* Gunzip a file with zlib into *out. */
static size_t
gunzip(const char *path, unsigned char **out)
{
	gzFile gz = gzopen(path, "rb");
	size_t n = 0, cap = 1 << 16;
	int r;

	assert_non_null(gz);
	*out = xmalloc(cap);
	while ((r = gzread(gz, *out + n, (unsigned)(cap - n))) > 0) {
		n += (size_t)r;
		if (n == cap)
			*out = xrealloc(*out, cap *= 2);
	}
	assert_int_equal(r, 0);
	gzclose(gz);
	return n;
}

/* Parse the ustar headers ourselves (no libarchive) and check them. */
static void
check_tar(const char *path)
{
	unsigned char *b, *h;
	size_t n, off = 0, i = 0, size;
	char name[101];
	int isdir;

	n = gunzip(path, &b);
	assert_int_equal(n % 512, 0);
	while (off + 512 <= n && b[off] != '\0') {
		h = b + off;
		memcpy(name, h, 100);
		name[100] = '\0';
		assert_non_null(want_names[i]);
		assert_string_equal(name, want_names[i]);
		isdir = want_names[i][strlen(want_names[i]) - 1] == '/';
		assert_int_equal(h[156], isdir ? '5' : '0');
		assert_int_equal(octal(h + 100, 8), isdir ? 0755 : 0644);
		assert_int_equal(octal(h + 108, 8), 0);
		assert_int_equal(octal(h + 116, 8), 0);
		assert_int_equal(octal(h + 136, 12), MTIME);
		assert_memory_equal(h + 257, "ustar\0" "00", 8);
		assert_int_equal(h[265], '\0');	/* no uname */
		assert_int_equal(h[297], '\0');	/* no gname */
		assert_int_equal(h[345], '\0');	/* no prefix */
		size = octal(h + 124, 12);
		off += 512 + (size + 511) / 512 * 512;
		i++;
	}
	assert_null(want_names[i]);
	/* The rest is zeros: at least the two end-of-archive blocks. */
	assert_true(n - off >= 1024);
	for (; off < n; off++)
		assert_int_equal(b[off], 0);
	free(b);
}

/* Walk the zip central directory ourselves and check each entry. */
static void
check_zip(const char *path)
{
	unsigned char *b, *c;
	size_t n, i, cnt;
	char *s;
	int isdir;

	assert_int_equal(fs_read_file(path, 1 << 24, &s, &n), 0);
	b = (unsigned char *)s;
	assert_true(n > 22);
	c = b + n - 22;
	assert_int_equal(le32(c), 0x06054b50UL);
	cnt = le16(c + 10);
	c = b + le32(c + 16);
	for (i = 0; i < cnt; i++) {
		unsigned nl = le16(c + 28), xl = le16(c + 30);

		assert_int_equal(le32(c), 0x02014b50UL);
		assert_non_null(want_names[i]);
		assert_int_equal(nl, strlen(want_names[i]));
		assert_memory_equal(c + 46, want_names[i], nl);
		isdir = want_names[i][nl - 1] == '/';
		/* time 00:00:00, date 2024-05-01 = (44 << 9) | (5 << 5) | 1 */
		assert_int_equal(le16(c + 12), 0);
		assert_int_equal(le16(c + 14), (44 << 9) | (5 << 5) | 1);
		assert_int_equal(le32(c + 38) >> 16,
		    (isdir ? 0040755UL : 0100644UL));
		c += 46 + nl + xl + le16(c + 32);
	}
	assert_null(want_names[i]);
	free(b);
}

static void
slurp(const char *path, unsigned char **p, size_t *n)
{
	char *s;

	assert_int_equal(fs_read_file(path, 1 << 24, &s, n), 0);
	*p = (unsigned char *)s;
}

static void
t_targz(void **state)
{
	unsigned char *b;
	size_t n;

	(void)state;
	assert_int_equal(archive_pack(at("x.tar.gz"), ARCHIVE_KIND_TARGZ,
	    at("src"), "rel-1.0.0-csv", MTIME), 0);
	slurp(at("x.tar.gz"), &b, &n);
	/*
	 * gzip header: deflate, no flags (no name), MTIME 0, XFL 0 (level
	 * 6, zlib's default: neither the fastest nor the best), Unix
	 */
	assert_true(n > 10);
	assert_memory_equal(b, "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
	    10);
	free(b);
	check_tar(at("x.tar.gz"));
	/* Refuses to overwrite. */
	assert_int_equal(archive_pack(at("x.tar.gz"), ARCHIVE_KIND_TARGZ,
	    at("src"), "rel-1.0.0-csv", MTIME), -1);
	diag_reset();
}

static void
t_zip(void **state)
{
	unsigned char *b;
	size_t n;

	(void)state;
	/* The DOS time must come out as 00:00 UTC in any time zone. */
	setenv("TZ", "Pacific/Kiritimati", 1);
	tzset();
	assert_int_equal(archive_pack(at("x.zip"), ARCHIVE_KIND_ZIP,
	    at("src"), "rel-1.0.0-csv", MTIME), 0);
	assert_string_equal(getenv("TZ"), "Pacific/Kiritimati");
	unsetenv("TZ");
	tzset();
	slurp(at("x.zip"), &b, &n);
	assert_memory_equal(b, "PK\003\004", 4);
	assert_int_equal(le16(b + 10), 0);
	assert_int_equal(le16(b + 12), (44 << 9) | (5 << 5) | 1);
	free(b);
	check_zip(at("x.zip"));
}

/* Same tree and time: same bytes, whatever the umask and time zone. */
static void
t_reproducible(void **state)
{
	static const enum archive_kind kinds[] = {
		ARCHIVE_KIND_TARGZ, ARCHIVE_KIND_ZIP
	};
	size_t k;
	mode_t old;

	(void)state;
	for (k = 0; k < 2; k++) {
		old = umask(022);
		setenv("TZ", "UTC", 1);
		tzset();
		assert_int_equal(archive_pack(at("r1"), kinds[k], at("src"),
		    "rel-1.0.0-csv", MTIME), 0);
		umask(077);
		setenv("TZ", "Asia/Kolkata", 1);
		tzset();
		/* File modes on disk must not leak into the archive. */
		chmod(at("src/data/a.txt"), 0600);
		assert_int_equal(archive_pack(at("r2"), kinds[k], at("src"),
		    "rel-1.0.0-csv", MTIME), 0);
		chmod(at("src/data/a.txt"), 0644);
		umask(old);
		unsetenv("TZ");
		tzset();
		assert_int_equal(filetree_same(at("r1"), at("r2")), 1);
		unlink(at("r1"));
		unlink(at("r2"));
	}
}

/*
 * Both kinds from one read of the tree, written here or on a thread
 * each: the bytes archive_pack gives each alone, and sums that are the
 * digests of the files written.  A file larger than the chunk of the
 * fan-out (256 KiB) and more files than its ring of slots are in it.
 */
static void
t_targets(void **state)
{
	struct pack_target t[2];
	struct digest_sum sum;
	char *big;
	size_t i;
	unsigned threads;
	int k;

	(void)state;
	big = xmalloc(600000);
	for (i = 0; i < 600000; i++)
		big[i] = (char)('a' + (i * 7 + i / 1000) % 26);
	assert_int_equal(fs_write_file(at("src/data/big.txt"), big, 600000),
	    0);
	free(big);
	for (k = 0; k < 12; k++) {
		char name[32];

		snprintf(name, sizeof(name), "src/data/f%02d.txt", k);
		assert_int_equal(fs_write_file(at(name), name, strlen(name)),
		    0);
	}
	assert_int_equal(archive_pack(at("one.tar.gz"), ARCHIVE_KIND_TARGZ,
	    at("src"), "rel-1.0.0-csv", MTIME), 0);
	assert_int_equal(archive_pack(at("one.zip"), ARCHIVE_KIND_ZIP,
	    at("src"), "rel-1.0.0-csv", MTIME), 0);
	for (threads = 1; threads <= 2; threads++) {
		memset(t, 0, sizeof(t));
		t[0].path = at("t.tar.gz");
		t[0].kind = ARCHIVE_KIND_TARGZ;
		t[1].path = at("t.zip");
		t[1].kind = ARCHIVE_KIND_ZIP;
		/* at() returns a static buffer: keep copies */
		t[0].path = xstrdup(t[0].path);
		t[1].path = xstrdup(t[1].path);
		assert_int_equal(archive_pack_targets(t, 2, at("src"),
		    "rel-1.0.0-csv", MTIME, threads), 0);
		assert_int_equal(filetree_same(t[0].path, at("one.tar.gz")), 1);
		assert_int_equal(filetree_same(t[1].path, at("one.zip")), 1);
		for (k = 0; k < 2; k++) {
			assert_int_equal(digest_file(t[k].path, &sum), 0);
			assert_int_equal(sum.size, t[k].sum.size);
			assert_string_equal(sum.hex[DIGEST_SHA256],
			    t[k].sum.hex[DIGEST_SHA256]);
			assert_string_equal(sum.hex[DIGEST_SHA512],
			    t[k].sum.hex[DIGEST_SHA512]);
			unlink(t[k].path);
			free((char *)(uintptr_t)t[k].path);
		}
	}
	unlink(at("one.tar.gz"));
	unlink(at("one.zip"));
	unlink(at("src/data/big.txt"));
	for (k = 0; k < 12; k++) {
		char name[32];

		snprintf(name, sizeof(name), "src/data/f%02d.txt", k);
		unlink(at(name));
	}
}

static void
t_roundtrip(void **state)
{
	struct unpack_limits lim;
	char *top, *s;
	size_t n;
	int k;

	(void)state;
	archive_default_limits(&lim);
	for (k = 0; k < 2; k++) {
		const char *f = k == 0 ? "y.tar.gz" : "y.zip";

		assert_int_equal(archive_pack(at(f), k == 0 ?
		    ARCHIVE_KIND_TARGZ : ARCHIVE_KIND_ZIP, at("src"),
		    "rel-1.0.0-csv", MTIME), 0);
		assert_int_equal(fs_mkdirs(at("out")), 0);
		assert_int_equal(archive_unpack(at(f), at("out"), &lim, &top),
		    0);
		assert_string_equal(top, "rel-1.0.0-csv");
		free(top);
		assert_int_equal(fs_read_file(
		    at("out/rel-1.0.0-csv/data/sub/b.txt"), 100, &s, &n), 0);
		assert_string_equal(s, "beta\n");
		free(s);
		assert_int_equal(filetree_same(at("out/rel-1.0.0-csv/bagit.txt"),
		    at("src/bagit.txt")), 1);
		assert_int_equal(fs_rmtree(at("out")), 0);
	}
}

/* --- hostile archives --------------------------------------------------- */

struct member {
	const char	*name;
	char		 type;		/* ustar typeflag: '0' '5' '2' '1' '3' '6' */
	const char	*link;		/* link target */
	size_t		 size;		/* bytes of zeros when no text */
	const char	*text;
};

static void
tar_header(gzFile gz, const struct member *m, size_t size)
{
	unsigned char h[512];
	unsigned sum = 0;
	size_t i;

	memset(h, 0, sizeof(h));
	memcpy(h, m->name, strlen(m->name));
	snprintf((char *)h + 100, 8, "%07o", m->type == '5' ? 0755 : 0644);
	snprintf((char *)h + 108, 8, "%07o", 0);
	snprintf((char *)h + 116, 8, "%07o", 0);
	snprintf((char *)h + 124, 12, "%011zo", size);
	snprintf((char *)h + 136, 12, "%011llo", MTIME);
	h[156] = (unsigned char)m->type;
	if (m->link != NULL)
		memcpy(h + 157, m->link, strlen(m->link));
	memcpy(h + 257, "ustar\0" "00", 8);
	if (m->type == '3')
		snprintf((char *)h + 329, 8, "%07o", 1);
	memset(h + 148, ' ', 8);
	for (i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	assert_int_equal(gzwrite(gz, h, 512), 512);
}

/* A tar.gz written by hand, so it can hold what no tool should write. */
static void
craft_tar(const char *path, const struct member *m)
{
	static const unsigned char zeros[65536];
	gzFile gz = gzopen(path, "wb9");
	size_t n, left;

	assert_non_null(gz);
	for (; m->name != NULL; m++) {
		n = m->type != '0' ? 0 : m->text != NULL ? strlen(m->text) :
		    m->size;
		tar_header(gz, m, n);
		if (m->text != NULL)
			gzwrite(gz, m->text, (unsigned)n);
		else
			for (left = n; left > 0; left -= n) {
				n = left < sizeof(zeros) ? left : sizeof(zeros);
				gzwrite(gz, zeros, (unsigned)n);
			}
		n = m->type != '0' ? 0 : m->text != NULL ? strlen(m->text) :
		    m->size;
		if (n % 512 != 0)
			gzwrite(gz, zeros, (unsigned)(512 - n % 512));
	}
	gzwrite(gz, zeros, 1024);
	assert_int_equal(gzclose(gz), Z_OK);
}

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v & 0xff);
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, unsigned long v)
{
	put16(p, (unsigned)(v & 0xffff));
	put16(p + 2, (unsigned)(v >> 16));
}

/* A zip of stored (or deflated zero-filled) members, written by hand. */
static void
craft_zip(const char *path, const struct member *m)
{
	unsigned char *out = NULL, *cd = NULL, hdr[46];
	size_t n = 0, cap = 0, cn = 0, ccap = 0, cnt = 0, dl, nl;
	unsigned char *data;
	unsigned long crc, mode;
	unsigned method;
	FILE *fp;

	for (; m->name != NULL; m++) {
		const unsigned char *src;
		size_t usize;

		usize = m->type == '0' ? (m->text != NULL ? strlen(m->text) :
		    m->size) : m->type == '2' ? strlen(m->link) : 0;
		if (m->text != NULL || m->type == '2') {
			src = (const unsigned char *)(m->text != NULL ?
			    m->text : m->link);
			data = xmalloc(usize + 1);
			memcpy(data, src, usize);
			dl = usize;
			method = 0;
		} else {
			unsigned char *z = xcalloc(usize + 1, 1);
			uLongf zl = compressBound((uLong)usize);
			z_stream st;

			data = xmalloc(zl);
			memset(&st, 0, sizeof(st));
			deflateInit2(&st, 9, Z_DEFLATED, -15, 8,
			    Z_DEFAULT_STRATEGY);
			st.next_in = z;
			st.avail_in = (uInt)usize;
			st.next_out = data;
			st.avail_out = (uInt)zl;
			deflate(&st, Z_FINISH);
			dl = st.total_out;
			deflateEnd(&st);
			free(z);
			method = usize > 0 ? 8 : 0;
			if (usize == 0)
				dl = 0;
		}
		crc = crc32(0, Z_NULL, 0);
		if (m->text != NULL || m->type == '2')
			crc = crc32(crc, data, (uInt)dl);
		else if (usize > 0) {
			unsigned char *z = xcalloc(usize, 1);

			crc = crc32(crc, z, (uInt)usize);
			free(z);
		}
		mode = m->type == '5' ? 0040755 : m->type == '2' ? 0120777 :
		    m->type == '3' ? 0020644 : m->type == '6' ? 0010644 :
		    0100644;
		nl = strlen(m->name);
		/* local header */
		out = xgrow(out, &cap, n + 30 + nl + dl, 1);
		memset(out + n, 0, 30);
		put32(out + n, 0x04034b50UL);
		put16(out + n + 4, 20);
		put16(out + n + 8, method);
		put32(out + n + 14, crc);
		put32(out + n + 18, (unsigned long)dl);
		put32(out + n + 22, (unsigned long)usize);
		put16(out + n + 26, (unsigned)nl);
		memcpy(out + n + 30, m->name, nl);
		memcpy(out + n + 30 + nl, data, dl);
		/* central header */
		memset(hdr, 0, sizeof(hdr));
		put32(hdr, 0x02014b50UL);
		put16(hdr + 4, 0x0314);
		put16(hdr + 6, 20);
		put16(hdr + 10, method);
		put32(hdr + 16, crc);
		put32(hdr + 20, (unsigned long)dl);
		put32(hdr + 24, (unsigned long)usize);
		put16(hdr + 28, (unsigned)nl);
		put32(hdr + 38, mode << 16);
		put32(hdr + 42, (unsigned long)n);
		cd = xgrow(cd, &ccap, cn + 46 + nl, 1);
		memcpy(cd + cn, hdr, 46);
		memcpy(cd + cn + 46, m->name, nl);
		cn += 46 + nl;
		n += 30 + nl + dl;
		cnt++;
		free(data);
	}
	out = xgrow(out, &cap, n + cn + 22, 1);
	if (cn > 0)
		memcpy(out + n, cd, cn);
	memset(out + n + cn, 0, 22);
	put32(out + n + cn, 0x06054b50UL);
	put16(out + n + cn + 8, (unsigned)cnt);
	put16(out + n + cn + 10, (unsigned)cnt);
	put32(out + n + cn + 12, (unsigned long)cn);
	put32(out + n + cn + 16, (unsigned long)n);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(out, 1, n + cn + 22, fp), n + cn + 22);
	assert_int_equal(fclose(fp), 0);
	free(out);
	free(cd);
}

static void
craft(const char *path, int zip, const struct member *m)
{
	if (zip)
		craft_zip(path, m);
	else
		craft_tar(path, m);
}

#define TAR	1
#define ZIP	2

static void
expect_refused(const struct member *m, const struct unpack_limits *lim,
    int kinds)
{
	struct unpack_limits def;
	char *top;
	int zip;

	if (lim == NULL) {
		archive_default_limits(&def);
		lim = &def;
	}
	for (zip = 0; zip < 2; zip++) {
		if (!(kinds & (zip ? ZIP : TAR)))
			continue;
		unlink(at("h.arc"));
		craft(at("h.arc"), zip, m);
		assert_int_equal(fs_mkdirs(at("jail/in")), 0);
		diag_reset();
		assert_int_equal(archive_unpack(at("h.arc"), at("jail/in"),
		    lim, &top), -1);
		assert_null(top);
		assert_int_equal(diag_exit(), EXIT_DATA);
		diag_reset();
		/* Nothing escaped the directory given. */
		assert_false(filetree_exists(at("jail/evil")));
		assert_false(filetree_exists("/tmp/sheaf-t-archive-evil"));
		assert_int_equal(fs_rmtree(at("jail")), 0);
	}
}

#define REG(n, t)	{ n, '0', NULL, 0, t }
#define DIR(n)		{ n, '5', NULL, 0, NULL }
#define END		{ NULL, 0, NULL, 0, NULL }

static void
t_hostile(void **state)
{
	const struct member abs[] = { DIR("b/"),
	    REG("/tmp/sheaf-t-archive-evil", "x"), END };
	const struct member dotdot[] = { DIR("b/"), REG("b/../../evil", "x"),
	    END };
	const struct member dot[] = { REG("b/./x", "x"), END };
	const struct member empty[] = { REG("b//x", "x"), END };
	const struct member bslash[] = { REG("b/..\\..\\evil", "x"), END };
	const struct member ctl[] = { REG("b/x\ny", "x"), END };
	const struct member sym[] = { DIR("b/"),
	    { "b/link", '2', "../../evil", 0, NULL }, END };
	const struct member hard[] = { REG("b/x", "x"),
	    { "b/y", '1', "b/x", 0, NULL }, END };
	const struct member dev[] = { DIR("b/"),
	    { "b/null", '3', NULL, 0, NULL }, END };
	const struct member fifo[] = { DIR("b/"),
	    { "b/fifo", '6', NULL, 0, NULL }, END };
	const struct member dup[] = { REG("b/x", "one"), REG("b/x", "two"),
	    END };
	const struct member dupdir[] = { REG("b/x", "one"), DIR("b/x/"),
	    END };
	const struct member filedir[] = { REG("b/x", "one"),
	    REG("b/x/y", "two"), END };
	const struct member twotop[] = { REG("b/x", "one"), REG("c/y", "two"),
	    END };
	const struct member topfile[] = { REG("x", "one"), END };
	const struct member none[] = { END };
	const struct member bomb[] = { DIR("b/"),
	    { "b/zeros", '0', NULL, 8 << 20, NULL }, END };
	const struct member big[] = { DIR("b/"),
	    { "b/big", '0', NULL, 5000, NULL }, END };
	const struct member many[] = { REG("b/1", "1"), REG("b/2", "2"),
	    REG("b/3", "3"), REG("b/4", "4"), END };
	struct unpack_limits small;

	(void)state;
	expect_refused(abs, NULL, TAR | ZIP);
	expect_refused(dotdot, NULL, TAR | ZIP);
	expect_refused(dot, NULL, TAR | ZIP);
	expect_refused(empty, NULL, TAR | ZIP);
	expect_refused(bslash, NULL, TAR | ZIP);
	expect_refused(ctl, NULL, TAR | ZIP);
	expect_refused(sym, NULL, TAR | ZIP);
	expect_refused(hard, NULL, TAR);
	expect_refused(dev, NULL, TAR | ZIP);
	/* libarchive reads a zip FIFO as a regular file: harmless. */
	expect_refused(fifo, NULL, TAR);
	expect_refused(dup, NULL, TAR | ZIP);
	expect_refused(dupdir, NULL, TAR | ZIP);
	expect_refused(filedir, NULL, TAR | ZIP);
	expect_refused(twotop, NULL, TAR | ZIP);
	expect_refused(topfile, NULL, TAR | ZIP);
	expect_refused(none, NULL, TAR | ZIP);
	expect_refused(bomb, NULL, TAR | ZIP);
	archive_default_limits(&small);
	small.max_entry = 4096;
	expect_refused(big, &small, TAR | ZIP);
	archive_default_limits(&small);
	small.max_entries = 3;
	expect_refused(many, &small, TAR | ZIP);
	archive_default_limits(&small);
	small.max_total = 3;
	expect_refused(many, &small, TAR | ZIP);
	/* Not an archive at all. */
	put("h.txt", "hello\n");
	assert_int_equal(fs_mkdirs(at("jail")), 0);
	{
		struct unpack_limits def;
		char *top;

		archive_default_limits(&def);
		assert_int_equal(archive_unpack(at("h.txt"), at("jail"), &def,
		    &top), -1);
		diag_reset();
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_targz),
		cmocka_unit_test(t_zip),
		cmocka_unit_test(t_reproducible),
		cmocka_unit_test(t_targets),
		cmocka_unit_test(t_roundtrip),
		cmocka_unit_test(t_hostile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
