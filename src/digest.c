/* digest: SHA-256/512 through OpenSSL's EVP interface. */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "diag.h"
#include "digest.h"
#include "xalloc.h"

struct digest {
	EVP_MD_CTX	*ctx;
	const EVP_MD	*md;
};

static const struct {
	const char	*name;
	size_t		 hexlen;
} algs[DIGEST__MAX] = {
	{ "sha256", 64 },
	{ "sha512", 128 },
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

	for (a = 0; a < DIGEST__MAX; a++)
		if (strcmp(name, algs[a].name) == 0)
			return a;
	return -1;
}

size_t
digest_hexlen(enum digest_alg a)
{
	return algs[a].hexlen;
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
	fetched[DIGEST_SHA256] = EVP_MD_fetch(NULL, "SHA256", NULL);
	fetched[DIGEST_SHA512] = EVP_MD_fetch(NULL, "SHA512", NULL);
}

static const EVP_MD *
alg_md(enum digest_alg a)
{
	pthread_once(&fetch_once, fetch_mds);
	if (fetched[a] != NULL)
		return fetched[a];
	return a == DIGEST_SHA512 ? EVP_sha512() : EVP_sha256();
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
digest_set_init(struct digest_set *s)
{
	int a;

	for (a = 0; a < DIGEST__MAX; a++)
		s->d[a] = digest_new((enum digest_alg)a);
	s->size = 0;
}

void
digest_set_update(struct digest_set *s, const void *p, size_t n)
{
	int a;

	for (a = 0; a < DIGEST__MAX; a++)
		digest_update(s->d[a], p, n);
	s->size += n;
}

void
digest_set_final(struct digest_set *s, struct digest_sum *out)
{
	int a;

	for (a = 0; a < DIGEST__MAX; a++)
		digest_final(s->d[a], out->hex[a]);
	out->size = s->size;
	digest_set_release(s);
}

void
digest_set_release(struct digest_set *s)
{
	int a;

	for (a = 0; a < DIGEST__MAX; a++) {
		digest_free(s->d[a]);
		s->d[a] = NULL;
	}
}

/*
 * Open the regular file at path and hand every chunk of it to fn;
 * 0, or -1 after a diagnostic naming the file.
 */
static int
read_file(const char *path, void (*fn)(void *, const void *, size_t),
    void *arg)
{
	struct stat st;
	char buf[65536];
	ssize_t n;
	int fd, rc = 0;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag(DIAG_DATA, path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			diag_errno(errno, path, "read error");
			rc = -1;
			break;
		}
		fn(arg, buf, (size_t)n);
	}
	close(fd);
	return rc;
}

static void
feed_set(void *arg, const void *p, size_t n)
{
	digest_set_update(arg, p, n);
}

int
digest_file(const char *path, struct digest_sum *out)
{
	struct digest_set s;

	digest_set_init(&s);
	if (read_file(path, feed_set, &s) != 0) {
		digest_set_release(&s);
		return -1;
	}
	digest_set_final(&s, out);
	return 0;
}

/* OCFL's names for the digests (spec 1.1 section 3.5.1, extension 0001). */
static const struct {
	const char	*ocfl;
	const char	*evp;
} named[] = {
	{ "md5", "MD5" },
	{ "sha1", "SHA1" },
	{ "sha256", "SHA256" },
	{ "sha512", "SHA512" },
	{ "sha512/256", "SHA512-256" },
	{ "blake2b-512", "BLAKE2B-512" },
};

static const char *
evp_name(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcmp(name, named[i].ocfl) == 0)
			return named[i].evp;
	return NULL;
}

int
digest_known_name(const char *name)
{
	return evp_name(name) != NULL;
}

static void
feed_ctx(void *arg, const void *p, size_t n)
{
	if (EVP_DigestUpdate(arg, p, n) != 1)
		evp_fatal();
}

int
digest_file_named(const char *path, const char *name, char *hex)
{
	const char *evp = evp_name(name);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx;
	EVP_MD *alg;
	int rc;

	if (evp == NULL || (alg = EVP_MD_fetch(NULL, evp, NULL)) == NULL)
		return -2;
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, alg, NULL) != 1)
		evp_fatal();
	rc = read_file(path, feed_ctx, ctx);
	if (rc == 0) {
		if (EVP_DigestFinal_ex(ctx, md, &len) != 1 ||
		    2 * (size_t)len >= DIGEST_HEX_MAX)
			evp_fatal();
		tohex(md, len, hex);
	}
	EVP_MD_CTX_free(ctx);
	EVP_MD_free(alg);
	return rc;
}
