/*
 * archive: the libarchive backend.  archive_pack() writes a directory
 * tree as a reproducible tar.gz or zip: one top-level folder, entries
 * sorted by path, every mtime the given time, uid and gid 0 without
 * owner names, modes 0644 for files and 0755 for directories, no
 * extended attributes or ACLs, a gzip header without name and time,
 * deflate at level 6 (zlib's default: level 9 took twice the time for
 * archives 2.5 % smaller on the bench corpus, bench/README.md).
 * archive_unpack() reads a tar (optionally gzip-compressed) or zip
 * archive into an existing private directory, refusing anything that
 * could write elsewhere or exhaust the disk: absolute paths, '..',
 * links, devices, duplicate names, entries or totals past the limits,
 * and decompression bombs.  No libarchive type appears here.
 * Core API; release.c and cmd_verify.c include it.
 */
#ifndef SHEAF_ARCHIVE_H
#define SHEAF_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/digest.h"

enum archive_kind {
	ARCHIVE_KIND_TARGZ,
	ARCHIVE_KIND_ZIP
};

/*
 * Write dir as an archive of the given kind at path (which must not
 * exist), every entry under the folder top/.  mtime is seconds since
 * the epoch.  Returns 0, or -1 after a diagnostic (the partial file is
 * left for the caller to remove).
 */
int	archive_pack(const char *path, enum archive_kind, const char *dir,
	    const char *top, long long mtime);

/* One archive of archive_pack_targets(). */
struct pack_target {
	const char		*path;	/* must not exist */
	enum archive_kind	 kind;
	/* filled: the size and digests of the archive as written */
	struct digest_sum	 sum;
};

/*
 * Write dir as every archive of t[0..n) at once (as archive_pack
 * would each): each file of dir is read once and its bytes go to all
 * of them.  With threads > 1 each archive is written on a thread of its
 * own (the bytes are the same).  Each target's sum is filled from the
 * bytes written.  Returns 0, or -1 after a diagnostic (partial files
 * are left for the caller to remove).
 */
int	archive_pack_targets(struct pack_target *t, size_t n,
	    const char *dir, const char *top, long long mtime,
	    unsigned threads);

struct unpack_limits {
	uint64_t	max_entry;	/* bytes in one member */
	uint64_t	max_total;	/* bytes in all members */
	uint64_t	max_entries;	/* number of members */
	uint64_t	max_ratio;	/* expanded bytes per archive byte */
};

/* 1 GiB a member, 4 GiB in all, 100000 members, ratio 200. */
void	archive_default_limits(struct unpack_limits *);

/*
 * Unpack the archive at path into the existing directory dest.  The
 * archive must hold exactly one top-level folder; *top receives its
 * name (owned by the caller).  Files are created 0600, folders 0700.
 * Returns 0, or -1 after a diagnostic naming the archive and, where it
 * applies, the member (level DATA for a refused or corrupt archive,
 * SYS for local I/O errors).
 */
int	archive_unpack(const char *path, const char *dest,
	    const struct unpack_limits *, char **top);

#endif
