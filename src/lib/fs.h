/*
 * fs: file-system helpers for publishing safely: directories made
 * with their parents, trees removed, files written whole and synced.
 * Core module; anyone may include.  Every function reports its own
 * failure with diag() and returns -1.
 */
#ifndef SHEAF_FS_H
#define SHEAF_FS_H

#include <stddef.h>
#include <stdio.h>

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
/* Write n bytes to a new file path (fs_create + fs_close). */
int	fs_write_file(const char *path, const void *, size_t n);
/* fsync a directory so that renames into it are durable. */
int	fs_sync_dir(const char *path);

#endif
