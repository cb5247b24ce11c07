/* digest: message digests through OpenSSL's EVP interface. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/fs.h"
#include "lib/xalloc.h"

struct digest {
	EVP_MD_CTX	*ctx;
	const EVP_MD	*md;
};

/*
 * BagIt and OCFL names (OCFL 1.1 section 3.5.1 and extension 0001),
 * OpenSSL names (for EVP_MD_fetch), the legacy getters as a fallback,
 * digest lengths, whether collisions can be made, and whether an OCFL
 * inventory may name the algorithm.
 */
static const struct {
	const char	*name;
	const char	*evp;
	const EVP_MD	*(*legacy)(void);
	size_t		 hexlen;
	int		 weak;
	int		 ocfl;
} algs[DIGEST__MAX] = {
	{ "sha256", "SHA256", EVP_sha256, 64, 0, 1 },
	{ "sha512", "SHA512", EVP_sha512, 128, 0, 1 },
	{ "md5", "MD5", EVP_md5, 32, 1, 1 },
	{ "sha1", "SHA1", EVP_sha1, 40, 1, 1 },
	{ "sha224", "SHA224", EVP_sha224, 56, 0, 0 },
	{ "sha384", "SHA384", EVP_sha384, 96, 0, 0 },
	{ "sha512/256", "SHA512-256", EVP_sha512_256, 64, 0, 1 },
	{ "blake2b-512", "BLAKE2B-512", EVP_blake2b512, 128, 0, 1 },
};

/*
 * The software digests fail only when OpenSSL cannot allocate; treat
 * that like any other out-of-memory condition.
 */
static void
evp_fatal(void)
{
	fputs("sheaf: out of memory (OpenSSL digest)\n", stderr);
	abort();
}

const char *
digest_name(enum digest_alg a)
{
	return algs[a].name;
}

int
digest_alg_by_name(const char *name)
{
	int a;

	for (a = 0; a < DIGEST_BAGIT; a++)
		if (strcmp(name, algs[a].name) == 0)
			return a;
	return -1;
}

/* Algorithm by OCFL name; -1 if unknown. */
static int
alg_by_ocfl_name(const char *name)
{
	int a;

	for (a = 0; a < DIGEST__MAX; a++)
		if (algs[a].ocfl && strcmp(name, algs[a].name) == 0)
			return a;
	return -1;
}

int
digest_known_name(const char *name)
{
	return alg_by_ocfl_name(name) >= 0;
}

size_t
digest_hexlen(enum digest_alg a)
{
	return algs[a].hexlen;
}

int
digest_weak(enum digest_alg a)
{
	return algs[a].weak;
}

/*
 * The algorithms, fetched from the provider once for the process: an
 * implicit fetch on every call costs more than hashing a short row.
 */
static EVP_MD		*fetched[DIGEST__MAX];
static pthread_once_t	 fetch_once = PTHREAD_ONCE_INIT;

static void
fetch_mds(void)
{
	int a;

	for (a = 0; a < DIGEST__MAX; a++)
		fetched[a] = EVP_MD_fetch(NULL, algs[a].evp, NULL);
}

static const EVP_MD *
alg_md(enum digest_alg a)
{
	pthread_once(&fetch_once, fetch_mds);
	if (fetched[a] != NULL)
		return fetched[a];
	return algs[a].legacy();
}

struct digest *
digest_new(enum digest_alg a)
{
	struct digest *d = xmalloc(sizeof(*d));

	d->md = alg_md(a);
	if ((d->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(d->ctx, d->md, NULL) != 1)
		evp_fatal();
	return d;
}

void
digest_update(struct digest *d, const void *p, size_t n)
{
	if (n > 0 && EVP_DigestUpdate(d->ctx, p, n) != 1)
		evp_fatal();
}

static void
tohex(const unsigned char *md, unsigned int n, char *hex)
{
	static const char x[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = x[md[i] >> 4];
		hex[2 * i + 1] = x[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

void
digest_final(struct digest *d, char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_DigestFinal_ex(d->ctx, md, &n) != 1 ||
	    2 * (size_t)n >= DIGEST_HEX_MAX ||
	    EVP_DigestInit_ex(d->ctx, d->md, NULL) != 1)
		evp_fatal();
	tohex(md, n, hex);
}

void
digest_free(struct digest *d)
{
	if (d == NULL)
		return;
	EVP_MD_CTX_free(d->ctx);
	free(d);
}

void
digest_buf(enum digest_alg a, const void *p, size_t n, char *hex)
{
	static const char x[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0, i;

	if (EVP_Digest(p, n, md, &len, alg_md(a), NULL) != 1)
		len = 0;	/* only without memory; hex stays empty */
	for (i = 0; i < len; i++) {
		hex[2 * i] = x[md[i] >> 4];
		hex[2 * i + 1] = x[md[i] & 15];
	}
	hex[2 * len] = '\0';
}

void
digest_set_sum_buf(const void *p, size_t n, struct digest_sum *out)
{
	int a;

	for (a = 0; a < DIGEST_WRITTEN; a++)
		digest_buf((enum digest_alg)a, p, n, out->hex[a]);
	out->size = n;
}

void
digest_set_init(struct digest_set *s)
{
	int a;

	for (a = 0; a < DIGEST_WRITTEN; a++)
		s->d[a] = digest_new((enum digest_alg)a);
	s->size = 0;
}

void
digest_set_update(struct digest_set *s, const void *p, size_t n)
{
	int a;

	for (a = 0; a < DIGEST_WRITTEN; a++)
		digest_update(s->d[a], p, n);
	s->size += n;
}

void
digest_set_final(struct digest_set *s, struct digest_sum *out)
{
	int a;

	for (a = 0; a < DIGEST_WRITTEN; a++)
		digest_final(s->d[a], out->hex[a]);
	out->size = s->size;
	digest_set_release(s);
}

void
digest_set_release(struct digest_set *s)
{
	int a;

	for (a = 0; a < DIGEST_WRITTEN; a++) {
		digest_free(s->d[a]);
		s->d[a] = NULL;
	}
}

/* read_file's state: the digests to feed, and the bytes so far. */
struct feed {
	unsigned	  mask;
	struct digest	**d;
	uint64_t	 *size;
};

static int
feed_piece(void *arg, const void *piece, size_t n)
{
	struct feed *f = arg;
	int a;

	for (a = 0; a < DIGEST__MAX; a++)
		if (f->mask & DIGEST_BIT(a))
			digest_update(f->d[a], piece, n);
	*f->size += (uint64_t)n;
	return 0;
}

/*
 * Read the regular file at path once, feeding the digests d[a] of the
 * algorithms in mask; *size gets its length.
 */
static int
read_file(const char *path, unsigned mask, struct digest **d,
    uint64_t *size)
{
	struct feed f = { mask, d, size };
	int fd, rc;

	*size = 0;
	if ((fd = fs_open_file(path, DIAG_DATA, NULL)) == -1)
		return -1;
	rc = fs_read_fd(fd, path, feed_piece, &f);
	close(fd);
	return rc;
}

int
digest_file(const char *path, struct digest_sum *out)
{
	struct digest_set s;
	int rc;

	digest_set_init(&s);
	rc = read_file(path, DIGEST_BIT(DIGEST_SHA256) |
	    DIGEST_BIT(DIGEST_SHA512), s.d, &s.size);
	if (rc != 0) {
		digest_set_release(&s);
		return -1;
	}
	digest_set_final(&s, out);
	return 0;
}

int
digest_file_algs(const char *path, unsigned mask, struct digest_check *out)
{
	struct digest *d[DIGEST__MAX] = { NULL };
	int a, rc;

	for (a = 0; a < DIGEST__MAX; a++)
		if (mask & DIGEST_BIT(a))
			d[a] = digest_new((enum digest_alg)a);
	rc = read_file(path, mask, d, &out->size);
	for (a = 0; a < DIGEST__MAX; a++) {
		if (d[a] != NULL && rc == 0)
			digest_final(d[a], out->hex[a]);
		digest_free(d[a]);
	}
	return rc;
}

int
digest_file_named(const char *path, const char *name, char *hex)
{
	struct digest_check c;
	int a = alg_by_ocfl_name(name);

	if (a < 0)
		return -2;
	if (digest_file_algs(path, DIGEST_BIT(a), &c) != 0)
		return -1;
	memcpy(hex, c.hex[a], algs[a].hexlen + 1);
	return 0;
}
