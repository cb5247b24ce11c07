/*
 * ner: finds the entities an article names and each mention of them,
 * without a statistical model: the lexicon (lexicon.h) matched by one
 * Aho-Corasick automaton, acronyms the article defines (Schwartz &
 * Hearst 2003), capitalised names headed by an organisation word, and
 * people named with a title or in author notes and bylines.  The rules'
 * words are data (the .txt files of data/lexicon, documented in its
 * README.md).
 *
 * Reads doc->para[] (byte offsets, roles, ids) and doc->art->text;
 * skips paragraphs whose role is ROLE_BOILERPLATE or ROLE_CREDIT.
 * Fills doc->ment (sorted by start, no overlaps; entity ids borrowed
 * from the entity set) and adds or updates entities in the set.
 * Core module; the pipeline (cmd_build.c) and tests include it.
 */
#ifndef SHEAF_NER_H
#define SHEAF_NER_H

struct document;
struct entity_set;
struct ner;

/*
 * Load the lexicon from lexdir (data/lexicon) and genlexdir
 * (build/lexicon, with the generated countries.tsv).  Returns an owned
 * ner, or NULL after a diagnostic.  Once loaded, a ner is read-only and
 * may be used by several threads at once.
 */
struct ner	*ner_load(const char *lexdir, const char *genlexdir);
void		 ner_free(struct ner *);
/*
 * Find the entities and mentions of doc.  Replaces doc->ment; interns
 * entities into es (borrowed; not locked: one thread per entity set)
 * and counts their mentions.  Returns 0, or -1 after a diagnostic.
 */
int	ner_run(const struct ner *, struct document *, struct entity_set *);

#endif
