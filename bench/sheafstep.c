/*
 * sheafstep: sheaf's own packaging code, one step at a time, for the
 * package and SHA-256 rows of `make bench` (linked with libsheaf.a; the
 * Makefile builds it only when src/bag/bag.h, src/bag/archive.h and src/lib/digest.h
 * exist).
 *
 *   sheafstep sha256 FILE      SHA-256 of FILE (digest module, read(2)
 *                              in 1 MiB blocks), printed as sha256sum does
 *   sheafstep pack DIR OUT     bag DIR (holding data/ only: bag_make(),
 *                              SHA-256 and SHA-512 manifests) and write it
 *                              as the reproducible tar.gz OUT
 *                              (archive_pack()), as a release does
 *
 * Exit 0, 2 usage, 3 on failure (after sheaf's diagnostic).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bag/archive.h"
#include "bag/bag.h"
#include "lib/diag.h"
#include "lib/digest.h"
#include "lib/version.h"

#define BLOCK		(1 << 20)
#define PACK_MTIME	946684800LL	/* 2000-01-01T00:00:00Z */

static int
sha256(const char *path)
{
	static char block[BLOCK];
	char hex[DIGEST_HEX_MAX];
	struct digest *d;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		diag_errno(errno, path, "cannot open");
		return -1;
	}
	d = digest_new(DIGEST_SHA256);
	while ((n = read(fd, block, sizeof(block))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			diag_errno(errno, path, "cannot read");
			digest_free(d);
			close(fd);
			return -1;
		}
		digest_update(d, block, (size_t)n);
	}
	close(fd);
	digest_final(d, hex);
	digest_free(d);
	printf("%s  %s\n", hex, path);
	return 0;
}

static int
pack(const char *dir, const char *out)
{
	struct bag_info info;

	memset(&info, 0, sizeof(info));
	info.bagging_date = "2000-01-01";
	info.software_agent = "sheaf " SHEAF_VERSION;
	info.external_description = "sheaf benchmark payload";
	if (bag_make(dir, &info, NULL, 0) != 0)
		return -1;
	return archive_pack(out, ARCHIVE_KIND_TARGZ, dir, "bench",
	    PACK_MTIME);
}

int
main(int argc, char *argv[])
{
	int rc;

	if (argc == 3 && strcmp(argv[1], "sha256") == 0)
		rc = sha256(argv[2]);
	else if (argc == 4 && strcmp(argv[1], "pack") == 0)
		rc = pack(argv[2], argv[3]);
	else {
		fprintf(stderr, "usage: sheafstep sha256 FILE\n"
		    "       sheafstep pack DIR OUT.tar.gz\n");
		return 2;
	}
	if (fflush(stdout) != 0)
		rc = -1;
	return rc == 0 ? 0 : 3;
}
