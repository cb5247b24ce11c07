/*
 * digest: message digests (OpenSSL EVP), streaming or over a file, as
 * lower-case hex.  sheaf writes SHA-256 and SHA-512 (the BagIt
 * manifests, the release checksum file, datapackage.json hashes, OCFL
 * inventories); to verify bags others made it also reads MD5, SHA-1,
 * SHA-224 and SHA-384, every name RFC 8493 and its drafts gave a
 * manifest; to verify OCFL objects, the fixity digests SHA-512/256 and
 * BLAKE2b-512 as well.  One table of algorithms serves all three.  No
 * OpenSSL type appears here.  Core module; anyone may include.
 */
#ifndef SHEAF_DIGEST_H
#define SHEAF_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/*
 * The algorithms sheaf writes come first: DIGEST_WRITTEN of them; then
 * the others a BagIt manifest may name, DIGEST_BAGIT in all; then the
 * ones only an OCFL fixity block names.
 */
enum digest_alg {
	DIGEST_SHA256,
	DIGEST_SHA512,
	DIGEST_MD5,
	DIGEST_SHA1,
	DIGEST_SHA224,
	DIGEST_SHA384,
	DIGEST_SHA512_256,
	DIGEST_BLAKE2B_512,
	DIGEST__MAX
};
#define DIGEST_WRITTEN	2
#define DIGEST_BAGIT	6
#define DIGEST_BIT(a)	(1U << (a))

/* Room for the longest hex digest and its NUL. */
#define DIGEST_HEX_MAX	129

/* A file's size and the digests sheaf writes, as digest_file() fills. */
struct digest_sum {
	uint64_t size;
	char	 hex[DIGEST_WRITTEN][DIGEST_HEX_MAX];
};

/* A file's size and the digests of some algorithms (digest_file_algs). */
struct digest_check {
	uint64_t size;
	char	 hex[DIGEST__MAX][DIGEST_HEX_MAX];
};

struct digest;	/* opaque running digest */

/* The BagIt (or OCFL) name of an algorithm: "sha256", "sha512/256". */
const char	*digest_name(enum digest_alg);
/*
 * Algorithm by BagIt name ("sha1" of manifest-sha1.txt), one of the
 * first DIGEST_BAGIT; -1 if unknown.
 */
int		 digest_alg_by_name(const char *);
/* Number of hex digits of an algorithm's digest (32 for md5 ... 128). */
size_t		 digest_hexlen(enum digest_alg);
/* 1 for the algorithms whose collisions can be made (md5, sha1). */
int		 digest_weak(enum digest_alg);

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
/*
 * The same for the algorithms in mask (DIGEST_BIT()s): one read fills
 * out->size and out->hex[a] of each; the others are left as they were.
 */
int		 digest_file_algs(const char *path, unsigned mask,
		    struct digest_check *out);
/* A fed digest_sum: the written digests of the bytes passed in. */
struct digest_set {
	struct digest	*d[DIGEST_WRITTEN];
	uint64_t	 size;
};
void		 digest_set_init(struct digest_set *);
void		 digest_set_update(struct digest_set *, const void *, size_t);
/* Size and the written digests of a buffer, as digest_file() gives. */
void		 digest_set_sum_buf(const void *, size_t, struct digest_sum *out);
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
