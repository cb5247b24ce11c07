/*
 * filetree: file-tree services for building and checking releases, next
 * to fs.h's: a sorted walk that refuses symbolic links and special
 * files, copies that compute digests on the way, byte comparison, and
 * fsync of a whole tree.  Every failure is reported with diag() naming
 * the path, then -1 is returned.  Core module; the release modules
 * (bag, archive, release, cmd_verify) include it.
 */
#ifndef SHEAF_FILETREE_H
#define SHEAF_FILETREE_H

#include <stddef.h>
#include <stdint.h>

struct digest_sum;

/* Limits of filetree_list(): deeper or larger trees are refused. */
#define FILETREE_MAX_DEPTH		32
#define FILETREE_MAX_ENTRIES	1000000

struct filetree_ent {
	char	 *path;		/* relative to the root, '/'-separated; owned */
	int	  isdir;
	uint64_t  size;		/* regular files; 0 for directories */
};

struct filetree {
	struct filetree_ent *e;	/* owned */
	size_t	 n, cap;
};

void	filetree_init(struct filetree *);
void	filetree_release(struct filetree *);
/*
 * List everything below root (not root itself), sorted by the byte
 * order of the relative paths, so a directory comes before what it
 * holds.  A symbolic link, device, FIFO or socket is an error (level
 * DATA) naming it; so is a tree past the limits above.  On an error
 * the tree is left empty (released).
 */
int	filetree_list(const char *root, struct filetree *);
/*
 * Copy the regular file from to the new file to; fill sum (may be NULL)
 * with the size and digests of the bytes copied.
 */
int	filetree_copy(const char *from, const char *to, struct digest_sum *sum);
/*
 * Give the regular file from a second name to (a hard link), or, where
 * the file system cannot link it there (another device, no hard links,
 * too many), a copy.  The caller must not change either afterwards.
 */
int	filetree_link(const char *from, const char *to);
/*
 * Make every file and directory of the tree at root durable, root
 * included: syncfs(2) on Linux, else an fsync of each in a walk whose
 * memory does not grow with the number of files.
 */
int	filetree_sync(const char *root);
/* 1 when the two regular files hold the same bytes, 0 when not, -1 on error. */
int	filetree_same(const char *a, const char *b);
/* Is path an existing directory / anything at all (lstat)? */
int	filetree_isdir(const char *path);
int	filetree_exists(const char *path);

#endif
