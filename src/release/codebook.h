/*
 * codebook: the README.md each release bag carries, generated from the
 * Table Schemas and the citation: what the release holds, every table
 * with every column (type, requirement, vocabulary or pattern,
 * description), keys, licence and rights, provenance, how to cite, how
 * to check the checksums, and how to load each table in pandas and R
 * with the types its schema gives.  Core API; release.c includes it.
 */
#ifndef SHEAF_CODEBOOK_H
#define SHEAF_CODEBOOK_H

struct dp_release;
struct fs_out;

/*
 * Write the codebook of r to f, a source article at a time where it
 * lists them, so that memory does not grow with them; a write error is
 * kept in f, for fs_out_close() to report.  Returns 0, or -1 after
 * a diagnostic (an unreadable schema is a usage error), when f may hold
 * part of it.
 */
int	codebook_write(const struct dp_release *r, struct fs_out *f);

#endif
