/*
 * bag: BagIt 1.0 bags (RFC 8493).  bag_make() turns a directory whose
 * data/ folder holds the payload into a complete bag: bagit.txt,
 * bag-info.txt, manifest-sha256.txt, manifest-sha512.txt,
 * tagmanifest-sha256.txt, tagmanifest-sha512.txt, every list sorted by
 * path.  Checking bags is bagverify.h's.  Core module; release.c
 * includes it.
 */
#ifndef SHEAF_BAG_H
#define SHEAF_BAG_H

#include <stddef.h>

/* The byte-exact bagit.txt this module writes. */
#define BAG_DECLARATION \
	"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

/* bag-info.txt values; borrowed.  NULL or "" leaves a label out. */
struct bag_info {
	const char	*source_organization;
	const char	*external_description;
	const char	*external_identifier;
	const char	*bagging_date;		/* YYYY-MM-DD */
	const char	*software_agent;	/* "sheaf 0.1.0" */
	const char	*version;
	const char	*changes_since;		/* Changes-Since */
};

struct digest_sum;
/* A payload file's digests, known from when it was written; borrowed. */
struct bag_sum {
	const char		*path;	/* relative to data/ */
	const struct digest_sum	*sum;
};

/*
 * Make the directory dir (holding data/ and nothing else) a bag.  The
 * payload files listed in known[] (n of them, may be 0) are not read:
 * their manifest lines take the sums given; every other file is read
 * once.  The manifests are written line by line as the payload is
 * walked, so memory does not grow with the number of files beyond the
 * sorted list of their names.  Returns 0, or -1 after a diagnostic.
 */
int	bag_make(const char *dir, const struct bag_info *,
	    const struct bag_sum *known, size_t nknown);

/* "12.3 KB"-style size (powers of 1024) into out[32]. */
void	bag_human_size(unsigned long long, char out[32]);

#endif
