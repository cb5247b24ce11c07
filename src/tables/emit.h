/*
 * emit: turns the model (a struct corpus) into the output tables, in one
 * fixed order with fixed column lists that the schemas in schemas/
 * describe.  Core module.
 */
#ifndef SHEAF_EMIT_H
#define SHEAF_EMIT_H

#include <stddef.h>

struct document;
struct emit_opts;
struct entity_set;
struct table;

enum emit_table {
	T_DOCUMENTS, T_PARAGRAPHS, T_ENTITIES, T_MENTIONS, T_TREATIES,
	T_TREATY_PARTIES, T_MEMBERSHIPS, T__MAX
};

const char	*emit_table_name(enum emit_table);
/* Columns of a table, NULL-terminated. */
const char *const *emit_columns(enum emit_table);

struct emit_opts {
	int	 omit_text;	/* leave paragraph text out (rights) */
};

/* New empty tables, one of each kind, in enum order (owned). */
void	emit_new_tables(struct table *out[T__MAX]);
/*
 * Append the rows of one document to the tables (all but entities).
 * Documents are emitted in input order.
 */
void	emit_document_rows(const struct document *,
	    const struct emit_opts *, struct table *out[T__MAX]);
/*
 * The same, calling flush(arg, out) whenever the paragraphs or mentions
 * table has gathered `window` rows, for a caller that encodes the rows
 * gathered so far and clears the tables: memory then holds a window of
 * rows, not a whole document's.  Each table's rows come in the same
 * order either way.  The caller flushes what is left at the end.
 */
void	emit_document_rows_by(const struct document *,
	    const struct emit_opts *, struct table *out[T__MAX],
	    size_t window, void (*flush)(void *, struct table *out[T__MAX]),
	    void *arg);
/* Fill the entities table from the entity set, sorted by entity_id. */
void	emit_entity_rows(const struct entity_set *, struct table *);

#endif
