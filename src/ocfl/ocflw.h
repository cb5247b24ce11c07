/*
 * ocflw: keeping the versions of a dataset as one OCFL 1.1 object.
 * A release's csv bag (its payload and tag files) becomes the next
 * version of the object urn:sheaf:NAME under an OCFL storage root laid
 * out by 0004-hashed-n-tuple-storage-layout (ocfl.h); a file whose
 * bytes an earlier version holds is not stored again.  The inventory
 * uses sha512; a version is dated with the release date, its message is
 * the first line of the bag's data/CHANGES.md, its user the dataset's
 * contact (or first author) from data/CITATION.cff.
 *
 * Adding is atomic: the new state of the object (the earlier files
 * hard-linked, the new version and inventories written and synced) is
 * built in a staging directory of the storage root and exchanged with
 * the object in one renameat2(RENAME_EXCHANGE); a new object or a new
 * storage root appears by one rename.  A failed or killed run leaves
 * the object as it was; what it left in the staging directory is removed
 * by the next run.  Core module; cmd_archive and cmd_build include it.
 */
#ifndef SHEAF_OCFLW_H
#define SHEAF_OCFLW_H

/* The object identifier of a dataset: "urn:sheaf:NAME"; owned. */
char	*ocflw_object_id(const char *name);

/*
 * Add the csv bag at bag (a verified bag of a sheaf release) as the
 * next version of its dataset's object under the storage root at root,
 * creating the root (0=ocfl_1.1, ocfl_layout.json and the layout's
 * extension config) and the object as needed.  A release whose version
 * the head version holds already, or a lower one, is refused (DATA).
 * On success prints "ROOT: added VERSION as vN of ID (OBJECT): N files,
 * N stored, N already held" unless quiet.  Returns an exit status
 * (enum sheaf_exit).
 */
int	ocflw_add_release(const char *root, const char *bag);

/*
 * Add what path names, after verifying it as a bag: a csv bag, or a
 * release directory OUT/NAME-VERSION whose csv bag is taken from
 * NAME-VERSION-csv/ (published with --unpacked), else from the archive
 * NAME-VERSION-csv.tar.gz, else NAME-VERSION-csv.zip, unpacked in a
 * temporary directory (TMPDIR) with the default limits of
 * archive_unpack().  As ocflw_add_release otherwise.
 */
int	ocflw_add_path(const char *root, const char *path);

#endif
