/*
 * shard: a build split over many machines.  `sheaf extract --shard K/N`
 * reads the whole input list but extracts only the documents of shard K
 * (shard_of() below) and writes a partial table set; `sheaf merge` puts
 * the partials back in input order and finishes exactly as build does,
 * so the release is byte-identical to a single build of the same corpus.
 *
 * A partial table set is a directory:
 *   partial.json         {"format": "sheaf-partial", "version": 3,
 *                          "shard": K, "of": N, "omit_text": bool}
 *   documents.tsv        one line a document: input position, id, then
 *                        for each table the bytes of its CSV rows and
 *                        the number of its JSON rows
 *   TABLE.csv            the CSV rows of every document (no header)
 *   TABLE.jsonl          the JSON rows, one a line
 *   entities.jsonl       the shard's entities with counts and first use
 *   source/ID.txt        the verbatim articles given as files, and
 *   source/documents.jsonl  the source records of those given as JSON
 *                        Lines (not with --source-files), in input
 *                        order; documents.tsv ends each line with the
 *                        bytes of the document's record (0: a file)
 *                        (no source/ with --omit-text)
 * It is written in PART.tmp-XXXXXX and renamed to PART at the end.
 *
 * The shard assignment is part of the format: a document goes to shard
 * shard_of(id, N), and every extract of one split must agree on it.  A
 * change to it is a new PARTIAL_VERSION, and merge refuses partials of
 * another version.  Version 3 hashes with the standard 64-bit FNV-1a;
 * version 2's offset basis was one digit short.  Only cmd_extract.c and
 * cmd_merge.c include this header (and tests/unit/t_shard.c).
 */
#ifndef SHEAF_SHARD_H
#define SHEAF_SHARD_H

#define PARTIAL_FORMAT	"sheaf-partial"
#define PARTIAL_VERSION	3

/*
 * The shard, 1 to n (n >= 1), that the document with this id belongs to:
 * hash_fnv1a(id, strlen(id)) % n + 1, the 64-bit FNV-1a of the id's
 * bytes (lib/hash.h; pinned by tests/unit/t_shard.c).
 */
unsigned	shard_of(const char *id, unsigned n);

#endif
