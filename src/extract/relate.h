/*
 * relate: rule-based extraction of treaties and memberships from the
 * sentences of a document's source paragraphs (body paragraphs by
 * default; the rules' "sources" line decides).
 *
 * The rules are data: every *.rules file under the rules directory
 * (data/lexicon/relations), read in C-locale name order, plus
 * abbreviations.txt (sentence splitter) and timex.txt (dates) from the
 * same directory.  The rule language is documented in
 * data/lexicon/relations/README.md.  A sentence is turned into units
 * (words, punctuation, numbers, the document's entity mentions, date
 * expressions); token patterns over units find treaty kinds, statuses,
 * hedges and the relations themselves.
 *
 * Rows (struct treaty, struct membership in model.h) carry the sentence
 * that states them as evidence; none is made without one.  Row shapes:
 *   - a treaty named in the plural with a list of counterparts ("signed
 *     extradition treaties with A, B and C") gives one bilateral row per
 *     counterpart (subject + counterpart); in the singular ("an
 *     agreement with A and B") one row with all parties; joint subjects
 *     ("A and B signed an agreement") one row;
 *   - a count ("36 extradition treaties") gives an aggregate row with
 *     count set and the subject as its only party;
 *   - a membership row links one organisation to one member.
 * Ids: "<doc>:t" + 10 hex digits of SHA-256 over kind, sorted party
 * ids, date and evidence; "<doc>:m" + 10 hex over organisation, member,
 * status and evidence; ".2", ".3", ... on a collision.
 *
 * Core module; anyone may include.
 */
#ifndef SHEAF_RELATE_H
#define SHEAF_RELATE_H

struct document;
struct entity_set;
struct relate;			/* opaque; read-only after load */

/*
 * Load the rules of rulesdir.  Returns an owned object, or NULL after
 * diagnostics naming FILE:LINE of every bad rule (DIAG_USAGE: an
 * unusable rule file is a usage error, exit 2; DIAG_SYS for I/O).
 */
struct relate	*relate_load(const char *rulesdir);
void		 relate_free(struct relate *);

/*
 * Append the treaties and memberships stated in doc's source
 * paragraphs to doc->treaty and doc->memb (owned by doc; entity ids are
 * borrowed from es).  Uses doc->para, doc->ment (sorted by start) and
 * doc->art->text.  Returns 0, or -1 after a diagnostic.  Safe to call
 * from several threads with the same struct relate.
 */
int	relate_run(const struct relate *, struct document *doc,
	    const struct entity_set *es);

#endif
