/*
 * t_fs: lib/fs.h's reading of files: fs_read_file() whole and at its
 * limit, the files fs_open_file() refuses and the level it says so at,
 * fs_read_all()'s "too large" answer, and fs_read_fd() handing every
 * byte over in pieces and stopping at the callback's word; and fs_out
 * writing a file piece by piece and keeping its first write error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/xalloc.h"

#define BIG	200000		/* bytes of the file read in pieces */

static int
setup(void **state)
{
	char tmpl[] = "/tmp/t_fs.XXXXXX";
	char *p, *big;
	size_t i;

	assert_non_null(mkdtemp(tmpl));
	*state = xstrdup(tmpl);
	p = xasprintf("%s/abc", tmpl);
	assert_int_equal(fs_write_file(p, "abc", 3), 0);
	free(p);
	p = xasprintf("%s/empty", tmpl);
	assert_int_equal(fs_write_file(p, "", 0), 0);
	free(p);
	big = xmalloc(BIG);
	for (i = 0; i < BIG; i++)
		big[i] = (char)('a' + i % 26);
	p = xasprintf("%s/big", tmpl);
	assert_int_equal(fs_write_file(p, big, BIG), 0);
	free(p);
	free(big);
	p = xasprintf("%s/dir", tmpl);
	assert_int_equal(fs_mkdirs(p), 0);
	free(p);
	p = xasprintf("%s/link", tmpl);
	assert_int_equal(symlink("abc", p), 0);
	free(p);
	diag_set_verbosity(-1);
	return 0;
}

static int
teardown(void **state)
{
	fs_rmtree(*state);
	free(*state);
	diag_reset();
	diag_set_verbosity(0);
	return 0;
}

static char *
at(void **state, const char *name)
{
	return xasprintf("%s/%s", (const char *)*state, name);
}

static void
t_read_file(void **state)
{
	char *p = at(state, "abc"), *s;
	size_t n;

	assert_int_equal(fs_read_file(p, 3, &s, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(s, "abc");		/* NUL-ended */
	free(s);
	free(p);
	p = at(state, "empty");
	assert_int_equal(fs_read_file(p, 0, &s, &n), 0);
	assert_int_equal(n, 0);
	assert_string_equal(s, "");
	free(s);
	free(p);
}

static void
t_read_file_refused(void **state)
{
	static const struct {
		const char	*name;
		size_t		 max;
		int		 exit;
	} no[] = {
		{ "abc", 2, EXIT_DATA },	/* larger than max */
		{ "dir", 100, EXIT_DATA },	/* not a regular file */
		{ "link", 100, EXIT_SYS },	/* a symbolic link: ELOOP */
		{ "missing", 100, EXIT_SYS },
	};
	char *p, *s;
	size_t i, n;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		diag_reset();
		p = at(state, no[i].name);
		s = p;
		n = 7;
		assert_int_equal(fs_read_file(p, no[i].max, &s, &n), -1);
		assert_null(s);
		assert_int_equal(n, 0);
		assert_int_equal(diag_exit(), no[i].exit);
		free(p);
	}
}

static void
t_open_file(void **state)
{
	char *p = at(state, "big");
	uint64_t size = 0;
	int fd;

	assert_true((fd = fs_open_file(p, DIAG_DATA, &size)) >= 0);
	assert_int_equal(size, BIG);
	close(fd);
	free(p);
	/* the caller says how grave a file that is not regular is */
	diag_reset();
	p = at(state, "dir");
	assert_int_equal(fs_open_file(p, DIAG_SYS, NULL), -1);
	assert_int_equal(diag_exit(), EXIT_SYS);
	free(p);
}

/* fs_read_fd's callback: count the bytes and pieces; stop at stop. */
struct count {
	size_t	bytes, pieces, stop;
	int	ok;		/* every byte is the one expected */
};

static int
count(void *arg, const void *piece, size_t n)
{
	struct count *c = arg;
	const char *s = piece;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != (char)('a' + (c->bytes + i) % 26))
			c->ok = 0;
	c->bytes += n;
	c->pieces++;
	return c->pieces == c->stop ? 42 : 0;
}

static void
t_read_fd(void **state)
{
	struct count c = { 0, 0, 0, 1 };
	char *p = at(state, "big"), *s;
	size_t n;
	int fd;

	assert_true((fd = fs_open_file(p, DIAG_DATA, NULL)) >= 0);
	assert_int_equal(fs_read_fd(fd, p, count, &c), 0);
	assert_int_equal(c.bytes, BIG);
	assert_true(c.pieces >= 2);
	assert_true(c.ok);
	close(fd);
	/* the first nonzero return of the callback, as it is */
	memset(&c, 0, sizeof(c));
	c.stop = 1;
	c.ok = 1;
	assert_true((fd = fs_open_file(p, DIAG_DATA, NULL)) >= 0);
	assert_int_equal(fs_read_fd(fd, p, count, &c), 42);
	assert_int_equal(c.pieces, 1);
	close(fd);
	/* fs_read_all: 1 and no diagnostic past max, else the bytes */
	diag_reset();
	assert_true((fd = fs_open_file(p, DIAG_DATA, NULL)) >= 0);
	assert_int_equal(fs_read_all(fd, p, BIG - 1, &s, &n), 1);
	assert_null(s);
	assert_int_equal(diag_exit(), EXIT_OK);
	close(fd);
	assert_true((fd = fs_open_file(p, DIAG_DATA, NULL)) >= 0);
	assert_int_equal(fs_read_all(fd, p, BIG, &s, &n), 0);
	assert_int_equal(n, BIG);
	assert_int_equal(s[BIG], '\0');
	assert_memory_equal(s, "abcdefghijklmnopqrstuvwxyzabc", 29);
	free(s);
	close(fd);
	free(p);
}

/* fs_out: pieces in order, an emptied buf; /dev/full's ENOSPC kept. */
static void
t_out(void **state)
{
	struct fs_out o;
	struct buf b;
	char *p = xasprintf("%s/out", (char *)*state), *text, *big;
	size_t len;

	buf_init(&b);
	assert_int_equal(fs_out_open(&o, p), 0);
	fs_out_write(&o, "one ", 4);
	buf_adds(&b, "two");
	fs_out_put(&o, &b);
	assert_int_equal(b.len, 0);
	fs_out_write(&o, "", 0);
	assert_int_equal(o.err, 0);
	assert_int_equal(fs_out_close(&o), 0);
	assert_int_equal(fs_read_file(p, 100, &text, &len), 0);
	assert_int_equal(len, 7);
	assert_string_equal(text, "one two");
	free(text);
	free(p);
	buf_release(&b);

	/* more than stdio buffers: the write itself fails */
	if (access("/dev/full", W_OK) != 0)
		return;
	big = xcalloc(BIG, 1);
	assert_int_equal(fs_out_open(&o, "/dev/full"), 0);
	fs_out_write(&o, big, BIG);
	assert_int_equal(o.err, ENOSPC);
	fs_out_write(&o, "x", 1);	/* skipped */
	assert_int_equal(o.err, ENOSPC);
	assert_int_equal(fs_out_close(&o), -1);
	assert_null(o.fp);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_read_file),
		cmocka_unit_test(t_read_file_refused),
		cmocka_unit_test(t_open_file),
		cmocka_unit_test(t_read_fd),
		cmocka_unit_test(t_out),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
