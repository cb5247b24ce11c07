/*
 * ocfl: Oxford Common File Layout 1.1 (https://ocfl.io/1.1/spec/).
 * Reading side: an OCFL object, or every object under an OCFL storage
 * root, is validated as the specification's validation codes say:
 * structure, the inventory's keys and rules, sidecars, every version's
 * inventory, and (unless fast) the fixity of every content file.  Each
 * problem is a diagnostic naming the file and starting with its code:
 * errors ("E040: ...", level DATA) and warnings ("W004: ...", WARN).
 * Writing side (ocflw.h) adds versions.  Core module; cmd_verify and
 * ocflw include it.
 */
#ifndef SHEAF_OCFL_H
#define SHEAF_OCFL_H

/* What a directory looks like from its NAMASTE declaration files. */
enum ocfl_kind {
	OCFL_NONE,		/* no 0=ocfl_* file, no inventory.json */
	OCFL_OBJECT,		/* 0=ocfl_object_*, or an inventory.json */
	OCFL_ROOT		/* 0=ocfl_1.* or ocfl_layout.json */
};

enum ocfl_kind	ocfl_kind(const char *dir);

struct ocfl_result {
	unsigned long	errors;		/* E codes reported */
	unsigned long	warnings;	/* W codes reported */
	unsigned long	objects;	/* objects validated */
	unsigned long	bad_objects;	/* of which with an error */
};

/*
 * Validate the object at dir; with fast, content digests are not
 * computed (structure, inventories and sidecars still are).  Adds to
 * *res.  Returns 0 when the object has no error, 1 when it has one,
 * -1 on a system error (reported).
 */
int	ocfl_verify_object(const char *dir, int fast, struct ocfl_result *);
/*
 * Validate a storage root: its declaration, its layout description,
 * the storage hierarchy (no stray files, no empty directories) and
 * every object in it.  Returns as above.
 */
int	ocfl_verify_root(const char *dir, int fast, struct ocfl_result *);

/*
 * The path of the object with identifier id under a storage root that
 * uses 0004-hashed-n-tuple-storage-layout with its default parameters
 * (sha256, tupleSize 3, numberOfTuples 3, full object root name):
 * "abc/def/012/abcdef012...".  Owned by the caller.
 */
char	*ocfl_hashed_ntuple_path(const char *id);

#endif
