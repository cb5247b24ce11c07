/*
 * emit: turns the model (a struct corpus) into the output tables, in one
 * fixed order with fixed column lists that the schemas in schemas/
 * describe.  Core module.
 */
#ifndef SHEAF_EMIT_H
#define SHEAF_EMIT_H

#include <stddef.h>

struct corpus;
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

/* Build every table from the corpus; out[] receives owned tables. */
void	emit_tables(const struct corpus *, const struct emit_opts *,
	    struct table *out[T__MAX]);

#endif
