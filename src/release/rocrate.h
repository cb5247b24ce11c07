/*
 * rocrate: the RO-Crate 1.1 metadata of one release flavour
 * (https://w3id.org/ro/crate/1.1), written as data/ro-crate-metadata.json
 * of each bag, so that the bag's payload is the crate (RO-Crate 1.1,
 * "Combining with other packaging schemes").  The crate holds the
 * metadata descriptor; the root data entity (name, description,
 * version, datePublished, license, author, keywords, citation, hasPart);
 * a File entity for every file of the payload with its encodingFormat,
 * contentSize and sha256, tables linked to their Table Schemas by
 * conformsTo; the authors and publishers as Person or Organization
 * entities; and the source articles as CreativeWorks with their URLs,
 * each verbatim copy linked to its article by isBasedOn.  sha256 is not
 * an RO-Crate 1.1 term: the context adds it (the Workflow Run RO-Crate
 * term).  No jansson type appears here.  Core API; release.c includes it.
 */
#ifndef SHEAF_ROCRATE_H
#define SHEAF_ROCRATE_H

#include <stddef.h>

struct bag_sum;
struct dp_release;
struct fs_out;

/* The crate file's name in data/. */
#define ROCRATE_FILE	"ro-crate-metadata.json"

/*
 * Write the crate of the release r whose payload is the directory data
 * (every file there but the crate itself is described, in byte order of
 * their paths) to f; keys sorted, so a rebuild gives the same bytes.
 * It is written an entity at a time, so memory does not grow with the
 * files and articles; a write error is kept in f, for fs_out_close()
 * to report.  The files of known[] (nknown of them, paths relative to
 * data, sums taken as the files were written) are not read again.
 * Returns 0, or -1 after a diagnostic, when f may hold part of it.
 */
int	rocrate_write(const struct dp_release *r, const char *data,
	    const struct bag_sum *known, size_t nknown, struct fs_out *f);

#endif
