/*
 * digest: SHA-256 and SHA-512 (OpenSSL EVP), streaming or over a file,
 * as lower-case hex.  The BagIt manifests, the release checksum file,
 * datapackage.json hashes and `sheaf verify` use it.  No OpenSSL type
 * appears here.  Core module; anyone may include.
 */
#ifndef SHEAF_DIGEST_H
#define SHEAF_DIGEST_H

#include <stddef.h>
#include <stdint.h>

enum digest_alg {
	DIGEST_SHA256,
	DIGEST_SHA512,
	DIGEST__MAX
};

/* Room for the longest hex digest and its NUL. */
#define DIGEST_HEX_MAX	129

/* One file's size and both digests, as digest_file() fills them. */
struct digest_sum {
	uint64_t size;
	char	 hex[DIGEST__MAX][DIGEST_HEX_MAX];
};

struct digest;	/* opaque running digest */

/* The BagIt name of an algorithm: "sha256", "sha512". */
const char	*digest_name(enum digest_alg);
/* Algorithm by BagIt name; -1 when unknown. */
int		 digest_alg_by_name(const char *);
/* Number of hex digits of an algorithm's digest (64, 128). */
size_t		 digest_hexlen(enum digest_alg);

/* A new running digest, owned by the caller (digest_free). */
struct digest	*digest_new(enum digest_alg);
void		 digest_update(struct digest *, const void *, size_t);
/* Write the hex digest and its NUL into hex[DIGEST_HEX_MAX]; restart. */
void		 digest_final(struct digest *, char *hex);
void		 digest_free(struct digest *);

/* Hex digest of a buffer into hex[DIGEST_HEX_MAX]. */
void		 digest_buf(enum digest_alg, const void *, size_t, char *hex);
/*
 * Read the regular file at path once, filling out with its size and
 * every digest.  Returns 0, or -1 after a diagnostic naming the file.
 */
int		 digest_file(const char *path, struct digest_sum *out);
/* A fed digest_sum: all digests of the bytes passed to digest_set_*(). */
struct digest_set {
	struct digest	*d[DIGEST__MAX];
	uint64_t	 size;
};
void		 digest_set_init(struct digest_set *);
void		 digest_set_update(struct digest_set *, const void *, size_t);
/* Finish into out and release the set. */
void		 digest_set_final(struct digest_set *, struct digest_sum *out);
void		 digest_set_release(struct digest_set *);

/*
 * Any of the digests an OCFL inventory may name (its digestAlgorithm or
 * a fixity block): "md5", "sha1", "sha256", "sha512", "sha512/256",
 * "blake2b-512".  1 when name is one of them, else 0.
 */
int		 digest_known_name(const char *name);
/*
 * Hex digest of the regular file at path with the algorithm so named
 * into hex[DIGEST_HEX_MAX].  Returns 0, -1 after a diagnostic naming
 * the file, or -2 (no diagnostic) for a name digest_known_name refuses.
 */
int		 digest_file_named(const char *path, const char *name,
		    char *hex);

#endif
