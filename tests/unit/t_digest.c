/*
 * t_digest: SHA-256/512 against known-answer vectors (FIPS 180-4), and
 * the algorithms read to verify others' bags: MD5 (RFC 1321 A.5), SHA-1,
 * SHA-224, SHA-384 (FIPS 180-4 examples, "abc").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/digest.h"

static const struct {
	const char	*msg;
	const char	*sha256;
	const char	*sha512;
} kat[] = {
	{ "",
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	  "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
	{ "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	  "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	  "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	  "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	  "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
	  "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	  "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
};

static void
t_kat(void **state)
{
	char hex[DIGEST_HEX_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(kat) / sizeof(kat[0]); i++) {
		digest_buf(DIGEST_SHA256, kat[i].msg, strlen(kat[i].msg), hex);
		assert_string_equal(hex, kat[i].sha256);
		digest_buf(DIGEST_SHA512, kat[i].msg, strlen(kat[i].msg), hex);
		assert_string_equal(hex, kat[i].sha512);
	}
}

/* One million 'a', fed in odd-sized pieces: streaming equals one shot. */
static void
t_million_a(void **state)
{
	struct digest *d256 = digest_new(DIGEST_SHA256);
	struct digest *d512 = digest_new(DIGEST_SHA512);
	char chunk[997], hex[DIGEST_HEX_MAX];
	size_t left = 1000000, n;

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	while (left > 0) {
		n = left < sizeof(chunk) ? left : sizeof(chunk);
		digest_update(d256, chunk, n);
		digest_update(d512, chunk, n);
		left -= n;
	}
	digest_final(d256, hex);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	digest_final(d512, hex);
	assert_string_equal(hex,
	    "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	    "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
	/* digest_final restarts: an empty message now. */
	digest_final(d256, hex);
	assert_string_equal(hex, kat[0].sha256);
	digest_free(d256);
	digest_free(d512);
}

static void
t_file(void **state)
{
	char path[] = "/tmp/t_digest.XXXXXX";
	struct digest_sum s;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	assert_int_equal(digest_file(path, &s), 0);
	assert_int_equal(s.size, 3);
	assert_string_equal(s.hex[DIGEST_SHA256], kat[1].sha256);
	assert_string_equal(s.hex[DIGEST_SHA512], kat[1].sha512);
	unlink(path);
	assert_int_equal(digest_file(path, &s), -1);
}

/* The fixity digests OCFL names, on "abc" (FIPS 180-4, RFC 1321, RFC 7693). */
static void
t_named(void **state)
{
	static const struct {
		const char *name, *hex;
	} v[] = {
		{ "md5", "900150983cd24fb0d6963f7d28e17f72" },
		{ "sha1", "a9993e364706816aba3e25717850c26c9cd0d89d" },
		{ "sha512/256", "53048e2681941ef99b2e29b76b4c7dab"
		    "e4c2d0c634fc6d46e0e2f13107e7af23" },
		{ "blake2b-512", "ba80a53f981c4d0d6a2797b69f12f6e9"
		    "4c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de"
		    "4533cc9518d38aa8dbf1925ab92386edd4009923" },
	};
	char path[] = "/tmp/t_digest.XXXXXX", hex[DIGEST_HEX_MAX];
	size_t i;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(digest_known_name(v[i].name), 1);
		assert_int_equal(digest_file_named(path, v[i].name, hex), 0);
		assert_string_equal(hex, v[i].hex);
	}
	assert_int_equal(digest_file_named(path, "sha512", hex), 0);
	assert_string_equal(hex, kat[1].sha512);
	assert_int_equal(digest_known_name("crc32"), 0);
	assert_int_equal(digest_file_named(path, "crc32", hex), -2);
	unlink(path);
	assert_int_equal(digest_file_named(path, "md5", hex), -1);
}

static void
t_names(void **state)
{
	(void)state;
	assert_string_equal(digest_name(DIGEST_SHA256), "sha256");
	assert_string_equal(digest_name(DIGEST_SHA512), "sha512");
	assert_int_equal(digest_alg_by_name("sha512"), DIGEST_SHA512);
	assert_int_equal(digest_alg_by_name("md5"), DIGEST_MD5);
	assert_int_equal(digest_alg_by_name("sha1"), DIGEST_SHA1);
	assert_int_equal(digest_alg_by_name("sha224"), DIGEST_SHA224);
	assert_int_equal(digest_alg_by_name("sha384"), DIGEST_SHA384);
	assert_int_equal(digest_alg_by_name("SHA256"), -1);
	assert_int_equal(digest_alg_by_name("blake2b"), -1);
	assert_int_equal(digest_hexlen(DIGEST_SHA256), 64);
	assert_int_equal(digest_hexlen(DIGEST_SHA512), 128);
	assert_int_equal(digest_hexlen(DIGEST_MD5), 32);
	assert_int_equal(digest_hexlen(DIGEST_SHA1), 40);
	assert_int_equal(digest_hexlen(DIGEST_SHA224), 56);
	assert_int_equal(digest_hexlen(DIGEST_SHA384), 96);
	assert_int_equal(digest_weak(DIGEST_MD5), 1);
	assert_int_equal(digest_weak(DIGEST_SHA1), 1);
	assert_int_equal(digest_weak(DIGEST_SHA224), 0);
	assert_int_equal(digest_weak(DIGEST_SHA256), 0);
}

/* One read of a file for a chosen set of algorithms. */
static void
t_file_algs(void **state)
{
	char path[] = "/tmp/t_digest.XXXXXX";
	struct digest_check c;
	char hex[DIGEST_HEX_MAX];
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	memset(&c, 0, sizeof(c));
	assert_int_equal(digest_file_algs(path, DIGEST_BIT(DIGEST_MD5) |
	    DIGEST_BIT(DIGEST_SHA1) | DIGEST_BIT(DIGEST_SHA224) |
	    DIGEST_BIT(DIGEST_SHA384), &c), 0);
	assert_int_equal(c.size, 3);
	assert_string_equal(c.hex[DIGEST_MD5],
	    "900150983cd24fb0d6963f7d28e17f72");
	assert_string_equal(c.hex[DIGEST_SHA1],
	    "a9993e364706816aba3e25717850c26c9cd0d89d");
	assert_string_equal(c.hex[DIGEST_SHA224],
	    "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
	assert_string_equal(c.hex[DIGEST_SHA384],
	    "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
	    "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
	/* the algorithms left out are not computed */
	assert_string_equal(c.hex[DIGEST_SHA256], "");
	assert_int_equal(digest_file_algs(path, DIGEST_BIT(DIGEST_SHA256),
	    &c), 0);
	assert_string_equal(c.hex[DIGEST_SHA256], kat[1].sha256);
	digest_buf(DIGEST_MD5, "", 0, hex);
	assert_string_equal(hex, "d41d8cd98f00b204e9800998ecf8427e");
	unlink(path);
	assert_int_equal(digest_file_algs(path, DIGEST_BIT(DIGEST_MD5), &c),
	    -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_kat),
		cmocka_unit_test(t_million_a),
		cmocka_unit_test(t_file),
		cmocka_unit_test(t_named),
		cmocka_unit_test(t_names),
		cmocka_unit_test(t_file_algs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
