/* fs: directories, trees, synced files and reading files. */
#define _GNU_SOURCE	/* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/fs.h"
#include "lib/xalloc.h"

#define FS_PIECE	65536	/* bytes a read(2) of fs_read_fd asks for */

int
fs_mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		{
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				diag_errno(errno, p, "cannot create directory");
				rc = -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (rc == 0) {
		struct stat st;

		if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			diag(DIAG_SYS, path, 0, "not a directory");
			rc = -1;
		}
	}
	free(p);
	return rc;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) != 0 &&
	    errno != ENOENT) {
		diag_errno(errno, path, "cannot remove");
		return -1;
	}
	return 0;
}

int
fs_rmtree(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

FILE *
fs_create(const char *path)
{
	FILE *fp;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		diag_errno(errno, path, "cannot create");
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	return fp;
}

/* A file written through stdio that hashes every byte on its way out. */
struct hashed {
	int			 fd;
	int			 err;	/* errno of the first failed write */
	struct digest_set	*ds;
};

static ssize_t
hashed_write(void *cookie, const char *p, size_t n)
{
	struct hashed *h = cookie;
	size_t done = 0;
	ssize_t w;

	/*
	 * After a failed write stdio may hand back parts of its buffer it
	 * never filled; the file is lost anyway, so write nothing more.
	 */
	if (h->err != 0) {
		errno = h->err;
		return -1;
	}
	while (done < n) {
		w = write(h->fd, p + done, n - done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			h->err = errno;
			break;
		}
		digest_set_update(h->ds, p + done, (size_t)w);
		done += (size_t)w;
	}
	/* stdio sees a short count as an error and keeps errno */
	return done > 0 || n == 0 ? (ssize_t)done : -1;
}

static int
hashed_close(void *cookie)
{
	struct hashed *h = cookie;
	int rc = close(h->fd);

	free(h);
	return rc;
}

FILE *
fs_create_hashed(const char *path, struct digest_set *ds)
{
	static const cookie_io_functions_t io = {
		.write = hashed_write, .close = hashed_close
	};
	struct hashed *h;
	FILE *fp;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		diag_errno(errno, path, "cannot create");
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->fd = fd;
	h->ds = ds;
	if ((fp = fopencookie(h, "w", io)) == NULL) {
		diag_errno(errno, path, "cannot create");
		close(fd);
		free(h);
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

int
fs_close(FILE *fp, const char *path)
{
	int rc = 0, e = 0;

	if (fflush(fp) != 0 || ferror(fp)) {
		e = errno;
		rc = -1;
	}
	if (fclose(fp) != 0 && rc == 0) {
		e = errno;
		rc = -1;
	}
	if (rc != 0)
		diag_errno(e ? e : EIO, path, "write error");
	return rc;
}

int
fs_write_file(const char *path, const void *p, size_t n)
{
	FILE *fp = fs_create(path);

	if (fp == NULL)
		return -1;
	if (n > 0 && fwrite(p, 1, n, fp) != n) {
		diag_errno(errno ? errno : EIO, path, "write error");
		fclose(fp);
		return -1;
	}
	return fs_close(fp, path);
}

int
fs_sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		diag_errno(errno, path, "cannot open directory");
		return -1;
	}
	if (fsync(fd) != 0 && errno != EINVAL) {
		diag_errno(errno, path, "cannot sync directory");
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
fs_open_file(const char *path, enum diag_level notreg, uint64_t *size)
{
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag(notreg, path, 0, "not a regular file");
		close(fd);
		return -1;
	}
	if (size != NULL)
		*size = (uint64_t)st.st_size;
	return fd;
}

int
fs_read_fd(int fd, const char *path,
    int (*fn)(void *arg, const void *piece, size_t n), void *arg)
{
	char piece[FS_PIECE];
	ssize_t n;
	int stop;

	while ((n = read(fd, piece, sizeof(piece))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			diag_errno(errno, path, "read error");
			return -1;
		}
		if ((stop = fn(arg, piece, (size_t)n)) != 0)
			return stop;
	}
	return 0;
}

/* fs_read_all's state: the bytes so far, and the most it takes. */
struct whole {
	struct buf	b;
	size_t		max;
};

static int
add_piece(void *arg, const void *piece, size_t n)
{
	struct whole *w = arg;

	if (w->b.len + n > w->max)
		return 1;
	buf_add(&w->b, piece, n);
	return 0;
}

int
fs_read_all(int fd, const char *path, size_t max, char **out, size_t *len)
{
	struct whole w;
	int rc;

	*out = NULL;
	*len = 0;
	buf_init(&w.b);
	buf_add(&w.b, "", 0);
	w.max = max;
	if ((rc = fs_read_fd(fd, path, add_piece, &w)) != 0) {
		buf_release(&w.b);
		return rc;
	}
	*len = w.b.len;
	*out = buf_detach(&w.b);
	return 0;
}

int
fs_read_file(const char *path, size_t max, char **out, size_t *len)
{
	int fd, rc;

	*out = NULL;
	*len = 0;
	if ((fd = fs_open_file(path, DIAG_DATA, NULL)) == -1)
		return -1;
	rc = fs_read_all(fd, path, max, out, len);
	close(fd);
	if (rc == 1)
		diag(DIAG_DATA, path, 0, "larger than %zu bytes", max);
	return rc == 0 ? 0 : -1;
}

int
fs_out_open(struct fs_out *o, const char *path)
{
	o->err = 0;
	o->path = xstrdup(path);
	if ((o->fp = fs_create(path)) == NULL) {
		free(o->path);
		o->path = NULL;
		return -1;
	}
	return 0;
}

void
fs_out_write(struct fs_out *o, const void *p, size_t n)
{
	if (o->err != 0 || n == 0)
		return;
	errno = 0;
	if (fwrite(p, 1, n, o->fp) != n)
		o->err = errno != 0 ? errno : EIO;
}

void
fs_out_put(struct fs_out *o, struct buf *b)
{
	fs_out_write(o, b->s, b->len);
	buf_reset(b);
}

int
fs_out_close(struct fs_out *o)
{
	int rc;

	if (o->err != 0) {
		diag_errno(o->err, o->path, "write error");
		fclose(o->fp);
		rc = -1;
	} else
		rc = fs_close(o->fp, o->path);
	free(o->path);
	o->path = NULL;
	o->fp = NULL;
	return rc;
}
