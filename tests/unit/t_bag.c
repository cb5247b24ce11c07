/* t_bag: BagIt bags made by bag_make() and checked by bag_verify(). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "bag/bag.h"
#include "bag/bagverify.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/fs.h"
#include "lib/xalloc.h"

#define SHA256_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA256_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA512_ABC \
	"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a" \
	"2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
#define SHA512_EMPTY \
	"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce" \
	"47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"

static char *
slurp(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name), *s;
	size_t n;

	assert_int_equal(fs_read_file(p, 1 << 20, &s, &n), 0);
	free(p);
	return s;
}

static void
put(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);

	unlink(p);
	assert_int_equal(fs_write_file(p, text, strlen(text)), 0);
	free(p);
}

static int
setup(void **state)
{
	char tmpl[] = "/tmp/t_bag.XXXXXX", *d;

	assert_non_null(mkdtemp(tmpl));
	d = xstrdup(tmpl);
	*state = d;
	{
		char *sub = xasprintf("%s/data/sub", d);

		assert_int_equal(fs_mkdirs(sub), 0);
		free(sub);
	}
	put(d, "data/a.txt", "abc");
	put(d, "data/sub/empty.csv", "");
	put(d, "data/100%.txt", "abc");
	return 0;
}

static int
teardown(void **state)
{
	fs_rmtree(*state);
	free(*state);
	return 0;
}

static const struct bag_info info = {
	"sheaf developers", "Test bag", "test-1.0.0-csv", "2024-05-01",
	"sheaf 0.1.0", "1.0.0", NULL
};

static void
t_make(void **state)
{
	const char *d = *state;
	char *s;

	assert_int_equal(bag_make(d, &info, NULL, 0), 0);
	s = slurp(d, "bagit.txt");
	assert_string_equal(s,
	    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
	free(s);
	/* Sorted by path; '%' percent-encoded (RFC 8493 2.1.3). */
	s = slurp(d, "manifest-sha256.txt");
	assert_string_equal(s,
	    SHA256_ABC "  data/100%25.txt\n"
	    SHA256_ABC "  data/a.txt\n"
	    SHA256_EMPTY "  data/sub/empty.csv\n");
	free(s);
	s = slurp(d, "manifest-sha512.txt");
	assert_string_equal(s,
	    SHA512_ABC "  data/100%25.txt\n"
	    SHA512_ABC "  data/a.txt\n"
	    SHA512_EMPTY "  data/sub/empty.csv\n");
	free(s);
	s = slurp(d, "bag-info.txt");
	assert_string_equal(s,
	    "Source-Organization: sheaf developers\n"
	    "External-Description: Test bag\n"
	    "External-Identifier: test-1.0.0-csv\n"
	    "Bagging-Date: 2024-05-01\n"
	    "Bag-Software-Agent: sheaf 0.1.0\n"
	    "Payload-Oxum: 6.3\n"
	    "Bag-Size: 6 bytes\n"
	    "Version: 1.0.0\n");
	free(s);
	s = slurp(d, "tagmanifest-sha256.txt");
	assert_non_null(strstr(s, "  bag-info.txt\n"));
	assert_non_null(strstr(s, "  bagit.txt\n"));
	assert_non_null(strstr(s, "  manifest-sha256.txt\n"));
	assert_non_null(strstr(s, "  manifest-sha512.txt\n"));
	assert_null(strstr(s, "tagmanifest"));
	assert_true(strstr(s, "bag-info.txt") < strstr(s, "bagit.txt"));
	free(s);
	diag_reset();
	assert_int_equal(bag_verify(d, "bag", 0), 0);
	assert_int_equal(diag_exit(), EXIT_OK);
}

/*
 * A payload file whose digests were taken as it was written is not read
 * again: the manifests hold the sums given (here those of other bytes,
 * which verification then catches), the other files' are computed.
 */
static void
t_known(void **state)
{
	const char *d = *state;
	struct digest_sum xyz;
	struct bag_sum known[1];
	char *s, *want;

	digest_set_sum_buf("xyz", 3, &xyz);
	known[0].path = "a.txt";
	known[0].sum = &xyz;
	assert_int_equal(bag_make(d, &info, known, 1), 0);
	s = slurp(d, "manifest-sha256.txt");
	want = xasprintf(SHA256_ABC "  data/100%%25.txt\n"
	    "%s  data/a.txt\n"
	    SHA256_EMPTY "  data/sub/empty.csv\n", xyz.hex[DIGEST_SHA256]);
	assert_string_equal(s, want);
	free(want);
	free(s);
	diag_reset();
	assert_int_equal(bag_verify(d, "bag", 0), -1);
	assert_int_equal(diag_exit(), EXIT_DATA);
	diag_reset();
}

static void
expect_bad(const char *d)
{
	diag_reset();
	assert_int_equal(bag_verify(d, "bag", 0), -1);
	assert_int_equal(diag_exit(), EXIT_DATA);
	diag_reset();
}

static void
t_tamper(void **state)
{
	const char *d = *state;
	char *s, *p;

	assert_int_equal(bag_make(d, &info, NULL, 0), 0);
	/* A changed payload byte. */
	put(d, "data/a.txt", "abd");
	expect_bad(d);
	put(d, "data/a.txt", "abc");
	assert_int_equal(bag_verify(d, "bag", 0), 0);
	/* An extra payload file. */
	put(d, "data/sub/extra.txt", "x");
	expect_bad(d);
	p = xasprintf("%s/data/sub/extra.txt", d);
	unlink(p);
	free(p);
	/* A missing payload file. */
	p = xasprintf("%s/data/sub/empty.csv", d);
	unlink(p);
	expect_bad(d);
	put(d, "data/sub/empty.csv", "");
	assert_int_equal(bag_verify(d, "bag", 0), 0);
	/* A symbolic link in the payload is refused. */
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	expect_bad(d);
	unlink(p);
	put(d, "data/sub/empty.csv", "");
	free(p);
	/* bagit.txt must be byte-exact in its two declarations. */
	s = slurp(d, "bagit.txt");
	put(d, "bagit.txt", "BagIt-Version: 2.0\n"
	    "Tag-File-Character-Encoding: UTF-8\n");
	expect_bad(d);
	put(d, "bagit.txt", s);
	free(s);
	assert_int_equal(bag_verify(d, "bag", 0), 0);
	/* A manifest line that escapes the bag. */
	s = slurp(d, "manifest-sha256.txt");
	p = xasprintf("%s" SHA256_ABC "  data/../../etc/passwd\n", s);
	put(d, "manifest-sha256.txt", p);
	expect_bad(d);
	put(d, "manifest-sha256.txt", s);
	free(p);
	free(s);
	assert_int_equal(bag_verify(d, "bag", 0), 0);
}

/* A bad Payload-Oxum, with the tag manifests made to match again. */
static void
t_oxum(void **state)
{
	const char *d = *state;
	char *p;

	put(d, "bagit.txt", BAG_DECLARATION);
	put(d, "bag-info.txt", "Payload-Oxum: 7.3\n");
	put(d, "manifest-sha256.txt",
	    SHA256_ABC "  data/100%25.txt\n"
	    SHA256_ABC "  data/a.txt\n"
	    SHA256_EMPTY "  data/sub/empty.csv\n");
	expect_bad(d);
	put(d, "bag-info.txt", "Payload-Oxum: 6.3\n");
	diag_reset();
	assert_int_equal(bag_verify(d, "bag", 0), 0);
	/* Upper-case hex and tabs are fine; no tag manifest is fine. */
	put(d, "manifest-sha256.txt",
	    "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
	    "\tdata/100%25.txt\r\n"
	    SHA256_ABC "  data/a.txt\r\n"
	    SHA256_EMPTY "  data/sub/empty.csv\r\n");
	assert_int_equal(bag_verify(d, "bag", 0), 0);
	/* No manifest at all. */
	p = xasprintf("%s/manifest-sha256.txt", d);
	unlink(p);
	free(p);
	expect_bad(d);
}

static void
t_human(void **state)
{
	char s[32];

	(void)state;
	bag_human_size(0, s);
	assert_string_equal(s, "0 bytes");
	bag_human_size(1023, s);
	assert_string_equal(s, "1023 bytes");
	bag_human_size(1536, s);
	assert_string_equal(s, "1.5 KB");
	bag_human_size(44564480ULL, s);
	assert_string_equal(s, "42.5 MB");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(t_make, setup, teardown),
		cmocka_unit_test_setup_teardown(t_known, setup, teardown),
		cmocka_unit_test_setup_teardown(t_tamper, setup, teardown),
		cmocka_unit_test_setup_teardown(t_oxum, setup, teardown),
		cmocka_unit_test(t_human),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
