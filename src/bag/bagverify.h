/*
 * bagverify: checking BagIt bags, ours and those other tools made, as
 * librarians hold them: BagIt 0.93 to 1.0 (RFC 8493).  A bag is valid
 * when bagit.txt declares a known version and tag-file encoding, every
 * payload file is listed in every payload manifest and every checksum
 * of every manifest and tag manifest verifies (md5, sha1, sha224,
 * sha256, sha384, sha512), and bag-info.txt's Payload-Oxum matches.
 *
 * What bags in the wild hold is accepted, with a warning where it is
 * odd: tag files in ISO-8859-1, windows-1252 or UTF-16 (decoded, then
 * paths compared in Unicode NFC), a './' prefix or md5sum's '*' before
 * a manifest path, repeated bag-info.txt labels, a file listed twice
 * with the same checksum before BagIt 1.0, two names that differ only
 * in case on a case-insensitive file system, a fetch.txt whose files
 * are absent (a "holey" bag), absent operating-system metadata files
 * (.DS_Store, Thumbs.db).  Paths that leave the bag ('/', '..', '~',
 * '\') are refused in every manifest and in fetch.txt.
 * Core module; cmd_verify.c and the tests include it.
 */
#ifndef SHEAF_BAGVERIFY_H
#define SHEAF_BAGVERIFY_H

/* bag_verify() flags */
#define BAG_VERIFY_COMPLETE	0x1	/* an absent listed file is an error */

/*
 * Verify the bag at dir, naming files as "label/PATH" (label NULL: dir).
 * Every problem is reported (level DATA, or SYS for I/O errors; oddities
 * that do not make the bag invalid at WARN); the result is 0 when the
 * bag is valid, -1 when not.
 */
int	bag_verify(const char *dir, const char *label, unsigned flags);

#endif
