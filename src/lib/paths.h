/*
 * paths: where sheaf finds its data (schemas, lexicons, rules).
 * SHEAF_DATADIR in the environment wins; then a source tree around the
 * running binary (bin/sheaf -> ../schemas); then an installed tree
 * (bin/sheaf -> ../share/sheaf); then the compiled-in SHEAF_SHAREDIR.
 * Core module.
 */
#ifndef SHEAF_PATHS_H
#define SHEAF_PATHS_H

/* Directory holding the Table Schemas (documents.json, ...). */
const char	*paths_schemas(void);
/* Directory holding the hand-kept lexicons and rules. */
const char	*paths_lexicon(void);
/* Directory holding generated lexicons (countries.tsv). */
const char	*paths_genlexicon(void);
/* The root CITATION.cff of a source tree, or NULL when installed. */
const char	*paths_citation(void);

#endif
