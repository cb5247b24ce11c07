/*
 * t_release: release_publish() on the fixture in tests/release/: the
 * layout, valid bags, a check by tests/release/check_release.py (tools
 * other than sheaf), reproducibility, immutability, write errors and
 * kills; and the small rules (SemVer, names, dates).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "bag/bag.h"
#include "bag/bagverify.h"
#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/filetree.h"
#include "lib/fs.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/release.h"
#include "tmppath.h"

static const char *const tables[] = {
	"documents", "paragraphs", "entities", "mentions", "treaties",
	"treaty_parties", "memberships", NULL
};

static char *tmp, *root;
static struct citation cff;

/* tmp/FMT (tmppath.h) */
#define at(...)	tmppath(tmp, __VA_ARGS__)

static char *
fix(const char *rel)
{
	static char buf[4][4096];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/tests/release/%s", root, rel);
	return buf[i];
}

static void
copy_tree(const char *from, const char *to)
{
	struct filetree t;
	char *a, *b;
	size_t i;

	filetree_init(&t);
	assert_int_equal(filetree_list(from, &t), 0);
	assert_int_equal(fs_mkdirs(to), 0);
	for (i = 0; i < t.n; i++) {
		a = xasprintf("%s/%s", from, t.e[i].path);
		b = xasprintf("%s/%s", to, t.e[i].path);
		if (t.e[i].isdir)
			assert_int_equal(fs_mkdirs(b), 0);
		else
			assert_int_equal(filetree_copy(a, b, NULL), 0);
		free(a);
		free(b);
	}
	filetree_release(&t);
}

/* Stage the fixture payload in OUT like `sheaf build` does. */
static char *
stage(const char *out, struct release_staging *st, int omit_text)
{
	char *p;

	assert_int_equal(release_staging_open(out, st), 0);
	p = xasprintf("%s/payload", st->dir);
	copy_tree(fix("payload"), p);
	free(p);
	if (omit_text) {
		p = xasprintf("%s/payload/source", st->dir);
		assert_int_equal(fs_rmtree(p), 0);
		free(p);
	}
	return st->dir;
}

static int
publish_as(const char *out, const char *version, int omit_text,
    int unpacked)
{
	struct release_staging st;
	struct release_in in;
	int rc;

	memset(&in, 0, sizeof(in));
	in.outdir = out;
	in.staging = stage(out, &st, omit_text);
	in.name = "fixture";
	in.version = version;
	in.date = "2024-05-01";
	in.schemas_dir = fix("schemas");
	in.cff = &cff;
	in.tables = tables;
	in.omit_text = omit_text;
	in.unpacked = unpacked;
	diag_reset();
	rc = release_publish(&in);
	/* The staging directory never survives. */
	assert_false(filetree_exists(st.dir));
	release_staging_close(&st);
	return rc;
}

/* With the bags unpacked beside the archives (--unpacked). */
static int
publish(const char *out, const char *version, int omit_text)
{
	return publish_as(out, version, omit_text, 1);
}

/* Only the final directories (and nothing hidden) are in out. */
static void
assert_listing(const char *out, const char *want)
{
	struct filetree t;
	struct buf b;
	size_t i;

	filetree_init(&t);
	buf_init(&b);
	assert_int_equal(filetree_list(out, &t), 0);
	for (i = 0; i < t.n; i++)
		if (strchr(t.e[i].path, '/') == NULL)
			buf_printf(&b, "%s ", t.e[i].path);
	assert_string_equal(b.s != NULL ? b.s : "", want);
	buf_release(&b);
	filetree_release(&t);
}

static int
setup(void **state)
{
	char tmpl[] = "/tmp/t_release.XXXXXX";
	const char *r = getenv("ROOT");

	(void)state;
	assert_non_null(mkdtemp(tmpl));
	tmp = xstrdup(tmpl);
	root = xstrdup(r != NULL ? r : ".");
	assert_int_equal(citation_read(fix("CITATION.cff"), &cff), 0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fs_rmtree(tmp);
	free(tmp);
	free(root);
	citation_release(&cff);
	return 0;
}

static int
python_check(const char *rel, int omit_text)
{
	const char *py = getenv("PYTHON");
	char *cmd;
	int rc;

	cmd = xasprintf("'%s' '%s' '%s' --no-pandas%s >&2",
	    py != NULL ? py :
	    "/usr/bin/python3", fix("check_release.py"), rel,
	    omit_text ? " --omit-text" : "");
	rc = system(cmd);
	free(cmd);
	return rc;
}

static void
t_publish(void **state)
{
	struct digest_sum sum;
	struct buf b;
	char *s;
	size_t n;

	(void)state;
	assert_int_equal(publish(at("out"), "1.0.0", 0), EXIT_OK);
	assert_listing(at("out"), "fixture-1.0.0 ");
	assert_listing(at("out/fixture-1.0.0"),
	    "fixture-1.0.0-csv fixture-1.0.0-csv.tar.gz fixture-1.0.0-csv.zip "
	    "fixture-1.0.0-json fixture-1.0.0-json.tar.gz "
	    "fixture-1.0.0-json.zip fixture-1.0.0.metadata.json "
	    "fixture-1.0.0.sha256 fixture-1.0.0.sqlite ");
	assert_int_equal(bag_verify(at("out/fixture-1.0.0/fixture-1.0.0-csv"),
	    NULL, 0), 0);
	assert_int_equal(bag_verify(at("out/fixture-1.0.0/fixture-1.0.0-json"),
	    NULL, 0), 0);
	assert_listing(at("out/fixture-1.0.0/fixture-1.0.0-json/data"),
	    "CITATION.cff README.md datapackage.json figures index.html json "
	    "ro-crate-metadata.json schemas source ");
	/*
	 * The checksum file: sha256sum format, the four archives sorted,
	 * then the database and its metadata.json.
	 */
	assert_int_equal(fs_read_file(at("out/fixture-1.0.0/fixture-1.0.0.sha256"),
	    4096, &s, &n), 0);
	buf_init(&b);
	assert_int_equal(digest_file(at("out/fixture-1.0.0/"
	    "fixture-1.0.0-csv.tar.gz"), &sum), 0);
	buf_printf(&b, "%s  fixture-1.0.0-csv.tar.gz\n",
	    sum.hex[DIGEST_SHA256]);
	assert_int_equal(digest_file(at("out/fixture-1.0.0/"
	    "fixture-1.0.0-csv.zip"), &sum), 0);
	buf_printf(&b, "%s  fixture-1.0.0-csv.zip\n", sum.hex[DIGEST_SHA256]);
	assert_int_equal(digest_file(at("out/fixture-1.0.0/"
	    "fixture-1.0.0-json.tar.gz"), &sum), 0);
	buf_printf(&b, "%s  fixture-1.0.0-json.tar.gz\n",
	    sum.hex[DIGEST_SHA256]);
	assert_int_equal(digest_file(at("out/fixture-1.0.0/"
	    "fixture-1.0.0-json.zip"), &sum), 0);
	buf_printf(&b, "%s  fixture-1.0.0-json.zip\n", sum.hex[DIGEST_SHA256]);
	assert_int_equal(digest_file(at("out/fixture-1.0.0/"
	    "fixture-1.0.0.sqlite"), &sum), 0);
	buf_printf(&b, "%s  fixture-1.0.0.sqlite\n", sum.hex[DIGEST_SHA256]);
	assert_int_equal(digest_file(at("out/fixture-1.0.0/"
	    "fixture-1.0.0.metadata.json"), &sum), 0);
	buf_printf(&b, "%s  fixture-1.0.0.metadata.json\n",
	    sum.hex[DIGEST_SHA256]);
	assert_string_equal(s, b.s);
	free(s);
	buf_release(&b);
	/* bag-info.txt of the csv bag, exactly. */
	assert_int_equal(fs_read_file(at("out/fixture-1.0.0/fixture-1.0.0-csv/"
	    "bag-info.txt"), 4096, &s, &n), 0);
	assert_non_null(strstr(s, "Source-Organization: Ada de Lovelace; "
	    "sheaf developers\nExternal-Description: A small test corpus of "
	    "two articles.  Its tables exist only to test the release "
	    "machinery.\nExternal-Identifier: fixture-1.0.0-csv\n"
	    "Bagging-Date: 2024-05-01\nBag-Software-Agent: sheaf "));
	free(s);
	/* Tools other than sheaf agree. */
	assert_int_equal(python_check(at("out/fixture-1.0.0"), 0), 0);
}

static void
t_omit_text(void **state)
{
	char *s;
	size_t n;

	(void)state;
	assert_int_equal(publish(at("omit"), "1.0.0", 1), EXIT_OK);
	assert_listing(at("omit/fixture-1.0.0/fixture-1.0.0-csv/data"),
	    "CITATION.cff README.md csv datapackage.json figures index.html "
	    "ro-crate-metadata.json schemas ");
	assert_int_equal(fs_read_file(at("omit/fixture-1.0.0/fixture-1.0.0-csv/"
	    "data/README.md"), 1 << 20, &s, &n), 0);
	assert_non_null(strstr(s, "This release was built without the "
	    "article text (`--omit-text`)"));
	assert_null(strstr(s, "`source/`"));
	free(s);
	assert_int_equal(python_check(at("omit/fixture-1.0.0"), 1), 0);
}

/* Same inputs, version and date: the same bytes, whatever the TZ, umask
 * and locale. */
static void
t_reproducible(void **state)
{
	static const char *const files[] = {
		"fixture-1.0.0.sha256", "fixture-1.0.0-csv.tar.gz",
		"fixture-1.0.0-csv.zip", "fixture-1.0.0-json.tar.gz",
		"fixture-1.0.0-json.zip", "fixture-1.0.0.sqlite",
		"fixture-1.0.0.metadata.json", NULL
	};
	const char *const *f;
	mode_t old;

	(void)state;
	setenv("TZ", "America/St_Johns", 1);
	tzset();
	old = umask(077);
	setlocale(LC_ALL, "C.UTF-8");
	assert_int_equal(publish(at("r1"), "1.0.0", 0), EXIT_OK);
	setenv("TZ", "Asia/Kathmandu", 1);
	tzset();
	umask(002);
	setlocale(LC_ALL, "C");
	/* and whether the bags stay unpacked beside the archives or not */
	assert_int_equal(publish_as(at("r2"), "1.0.0", 0, 0), EXIT_OK);
	assert_listing(at("r2/fixture-1.0.0"),
	    "fixture-1.0.0-csv.tar.gz fixture-1.0.0-csv.zip "
	    "fixture-1.0.0-json.tar.gz fixture-1.0.0-json.zip "
	    "fixture-1.0.0.metadata.json fixture-1.0.0.sha256 "
	    "fixture-1.0.0.sqlite ");
	umask(old);
	unsetenv("TZ");
	tzset();
	for (f = files; *f != NULL; f++)
		assert_int_equal(filetree_same(at("r1/fixture-1.0.0/%s", *f),
		    at("r2/fixture-1.0.0/%s", *f)), 1);
}

/* Publishing again: identical is fine, different is refused. */
static void
t_immutable(void **state)
{
	struct stat a, b;
	char *csv;

	(void)state;
	assert_int_equal(publish(at("imm"), "1.0.0", 0), EXIT_OK);
	assert_int_equal(stat(at("imm/fixture-1.0.0/fixture-1.0.0.sha256"),
	    &a), 0);
	assert_int_equal(publish(at("imm"), "1.0.0", 0), EXIT_OK);
	assert_int_equal(stat(at("imm/fixture-1.0.0/fixture-1.0.0.sha256"),
	    &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_mtime, b.st_mtime);
	/* Different content under the same version. */
	{
		struct release_staging st;
		struct release_in in;

		memset(&in, 0, sizeof(in));
		in.outdir = at("imm");
		in.staging = stage(at("imm"), &st, 0);
		csv = xasprintf("%s/payload/csv/entities.csv", st.dir);
		fs_rmtree(csv);
		assert_int_equal(fs_write_file(csv, "entity_id\n", 10), 0);
		free(csv);
		in.name = "fixture";
		in.version = "1.0.0";
		in.date = "2024-05-01";
		in.schemas_dir = fix("schemas");
		in.cff = &cff;
		in.tables = tables;
		diag_reset();
		assert_int_equal(release_publish(&in), EXIT_DATA);
		assert_false(filetree_exists(st.dir));
		release_staging_close(&st);
	}
	assert_int_equal(stat(at("imm/fixture-1.0.0/fixture-1.0.0.sha256"),
	    &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(bag_verify(at("imm/fixture-1.0.0/fixture-1.0.0-csv"),
	    NULL, 0), 0);
	/* A new version is a new directory. */
	assert_int_equal(publish(at("imm"), "1.0.1", 0), EXIT_OK);
	assert_listing(at("imm"), "fixture-1.0.0 fixture-1.0.1 ");
}

/* In a child: publish under a file size limit; return its exit status. */
static int
publish_limited(const char *out, rlim_t limit)
{
	struct rlimit rl;
	pid_t pid;
	int st;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		rl.rlim_cur = rl.rlim_max = limit;
		setrlimit(RLIMIT_FSIZE, &rl);
		_exit(publish(out, "2.0.0", 0));
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void
t_write_error(void **state)
{
	(void)state;
	/* Too small for the archives: a clean I/O error, nothing left. */
	assert_int_equal(publish_limited(at("lim"), 6000), EXIT_SYS);
	assert_listing(at("lim"), "");
	/* The next run, without the limit, succeeds. */
	assert_int_equal(publish(at("lim"), "2.0.0", 0), EXIT_OK);
	assert_listing(at("lim"), "fixture-2.0.0 ");
	assert_int_equal(python_check(at("lim/fixture-2.0.0"), 0), 0);
}

/*
 * Kill publishing runs at different moments: the final name holds a
 * complete release or nothing, and the next run cleans the leftovers
 * and succeeds.
 */
static void
t_kill(void **state)
{
	struct timespec ts;
	pid_t pid;
	int i, st, complete = 0;

	(void)state;
	for (i = 0; i < 12; i++) {
		fs_rmtree(at("kill"));
		fflush(NULL);
		if ((pid = fork()) == 0) {
			int fd = open("/dev/null", O_WRONLY);

			dup2(fd, 2);
			_exit(publish(at("kill"), "3.0.0", 0));
		}
		ts.tv_sec = 0;
		ts.tv_nsec = (long)i * 4000000L;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		if (filetree_exists(at("kill/fixture-3.0.0"))) {
			complete++;
			assert_int_equal(bag_verify(at("kill/fixture-3.0.0/"
			    "fixture-3.0.0-csv"), NULL, 0), 0);
			assert_int_equal(bag_verify(at("kill/fixture-3.0.0/"
			    "fixture-3.0.0-json"), NULL, 0), 0);
			assert_true(filetree_exists(at("kill/fixture-3.0.0/"
			    "fixture-3.0.0.sha256")));
		}
		/* The next run succeeds and leaves only the release. */
		assert_int_equal(publish(at("kill"), "3.0.0", 0), EXIT_OK);
		assert_listing(at("kill"), "fixture-3.0.0 ");
	}
	/* Some kills came before the end (the first, at 0 ms, always). */
	assert_true(complete < 12);
}

static void
t_usage(void **state)
{
	(void)state;
	assert_int_equal(publish(at("use"), "1.0", 0), EXIT_USAGE);
	assert_listing(at("use"), "");
}

static void
t_rules(void **state)
{
	static const char *const good[] = {
		"0.0.0", "1.0.0", "10.20.30", "1.1.2-prerelease+meta",
		"1.0.0-alpha.1", "1.0.0-0A.is.legal", "1.0.0+0.build.1-rc.10000",
		"1.0.0-rc.1+build.1", "2.0.0-x-y-z.--", NULL
	};
	static const char *const bad[] = {
		"", "1", "1.2", "1.2.3.4", "01.1.1", "1.01.1", "1.1.01",
		"1.2.3-0123", "1.2.3-", "1.2.3+", "1.2.3-a..b", "v1.2.3",
		"1.2.3 ", "1.2.3-a+b+c", "+invalid", "1.2.3-é", NULL
	};
	const char *const *p;
	char d[11];

	(void)state;
	for (p = good; *p != NULL; p++)
		if (!semver_valid(*p))
			fail_msg("'%s' should be SemVer", *p);
	for (p = bad; *p != NULL; p++)
		if (semver_valid(*p))
			fail_msg("'%s' should not be SemVer", *p);
	assert_true(release_name_valid("sheaf-corpus"));
	assert_true(release_name_valid("a.b_c-1"));
	assert_false(release_name_valid("Sheaf"));
	assert_false(release_name_valid("-x"));
	assert_false(release_name_valid("a/b"));
	assert_false(release_name_valid(""));
	diag_reset();
	assert_int_equal(release_date("2024-02-29", d), 0);
	assert_string_equal(d, "2024-02-29");
	assert_int_equal(release_date("2023-02-29", d), -1);
	assert_int_equal(release_date("2024-13-01", d), -1);
	assert_int_equal(release_date("1979-12-31", d), -1);
	assert_int_equal(release_date("24-01-01", d), -1);
	assert_int_equal(diag_exit(), EXIT_USAGE);
	diag_reset();
	setenv("SOURCE_DATE_EPOCH", "1714607999", 1);	/* 2024-05-01 23:59:59Z */
	setenv("TZ", "Pacific/Kiritimati", 1);		/* UTC+14 */
	tzset();
	assert_int_equal(release_date(NULL, d), 0);
	assert_string_equal(d, "2024-05-01");
	setenv("SOURCE_DATE_EPOCH", "12ab", 1);
	assert_int_equal(release_date(NULL, d), -1);
	unsetenv("SOURCE_DATE_EPOCH");
	unsetenv("TZ");
	tzset();
	diag_reset();
	assert_int_equal(release_date(NULL, d), 0);
	assert_int_equal(strlen(d), 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_rules),
		cmocka_unit_test(t_publish),
		cmocka_unit_test(t_omit_text),
		cmocka_unit_test(t_reproducible),
		cmocka_unit_test(t_immutable),
		cmocka_unit_test(t_write_error),
		cmocka_unit_test(t_kill),
		cmocka_unit_test(t_usage),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
