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

struct buf;
struct dp_release;

/*
 * Append the codebook of r to out.  Returns 0, or -1 after a
 * diagnostic (an unreadable schema is a usage error).
 */
int	codebook_write(const struct dp_release *r, struct buf *out);

#endif
