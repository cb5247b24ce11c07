/*
 * fs: file-system helpers: directories made with their parents, trees
 * removed, files written whole and synced, and the one loop that reads
 * a file (whole, or piece by piece to a callback).  Core module; anyone
 * may include.  Every function reports its own failure with diag() and
 * returns -1.
 */
#ifndef SHEAF_FS_H
#define SHEAF_FS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/diag.h"

/* mkdir -p with mode 0755 (before umask). */
int	fs_mkdirs(const char *path);
/* rm -rf; a missing path is not an error. */
int	fs_rmtree(const char *path);
/* Open path for writing (created 0644, truncated); NULL after diag. */
FILE	*fs_create(const char *path);
struct digest_set;
/*
 * fs_create, with every byte written also fed to ds (digest.h; the
 * caller initialises it before and finishes it after fs_close), so a
 * file's manifest digests cost no second read.
 */
FILE	*fs_create_hashed(const char *path, struct digest_set *ds);
/*
 * fflush + fclose, reporting a failure against path.  No fsync: what is
 * published is synced once, whole, before its rename (filetree_sync()), so
 * a build of many small files does not wait for the disk on each.
 */
int	fs_close(FILE *, const char *path);
/*
 * A file written a piece at a time by writers that do not know its name
 * (fs_out_open, fs_out_write or fs_out_put, fs_out_close): the errno of
 * the first failed write is kept, later writes are skipped, and
 * fs_out_close() reports it naming the file.  Embedded by value.
 */
struct buf;
struct fs_out {
	FILE		*fp;
	char		*path;	/* owned */
	int		 err;	/* errno of the first failed write, or 0 */
};
/* Create path for writing (fs_create); 0, or -1 after a diagnostic. */
int	fs_out_open(struct fs_out *, const char *path);
void	fs_out_write(struct fs_out *, const void *, size_t n);
/* Write b's contents and reset b (a piece made, written, forgotten). */
void	fs_out_put(struct fs_out *, struct buf *b);
/* Close; 0, or -1 after a "write error" diagnostic naming the file. */
int	fs_out_close(struct fs_out *);

/* Write n bytes to a new file path (fs_create + fs_close). */
int	fs_write_file(const char *path, const void *, size_t n);
/* fsync a directory so that renames into it are durable. */
int	fs_sync_dir(const char *path);

/*
 * Open the regular file at path to read; a symbolic link (O_NOFOLLOW)
 * and anything but a regular file are refused.  Returns the descriptor,
 * or -1 after a diagnostic: "cannot open" with the system's reason, or
 * "not a regular file" at level notreg (DIAG_DATA for a file given as
 * input, DIAG_SYS for one sheaf staged itself).  *size (may be NULL)
 * gets the file's size.
 */
int	fs_open_file(const char *path, enum diag_level notreg,
	    uint64_t *size);
/*
 * Read fd to its end, handing each piece read (at most 64 KiB) to
 * fn(arg, piece, n); path names the file in diagnostics.  Returns 0 at
 * the end, the first nonzero return of fn as it is, or -1 after a "read
 * error" diagnostic.  fd stays open.
 */
int	fs_read_fd(int fd, const char *path,
	    int (*fn)(void *arg, const void *piece, size_t n), void *arg);
/*
 * Read fd to its end into *out, owned and NUL-ended, and its length into
 * *len.  Returns 0; 1 without a diagnostic (and *out NULL) when it
 * holds more than max bytes, for the caller to say so; -1 after a "read
 * error" diagnostic.  fd stays open.
 */
int	fs_read_all(int fd, const char *path, size_t max, char **out,
	    size_t *len);
/*
 * Read the whole regular file at path (fs_open_file(), DIAG_DATA) of at
 * most max bytes ("larger than MAX bytes" at level DATA): *out is owned,
 * NUL-ended.  Returns 0 or -1.
 */
int	fs_read_file(const char *path, size_t max, char **out, size_t *len);

#endif
