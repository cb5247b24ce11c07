/*
 * fuzz_article: article bytes through the reader (UTF-8 checks, BOM,
 * line ends), the segmenter, the entity recogniser and the table rows,
 * as `sheaf build` runs them on one article (pipeline_document()).
 * The rules are the source tree's data/lexicon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "emit.h"
#include "fuzz.h"
#include "model.h"
#include "pipeline.h"
#include "table.h"

static struct pipeline	*pl;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	if ((pl = pipeline_load()) == NULL) {
		fprintf(stderr, "fuzz_article: cannot load the rules\n");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct emit_opts eo = { 0 };
	struct table *t[T__MAX];
	struct entity_set ents;
	struct document *d;
	struct article *a;
	int i;

	if (article_from_mem("fuzz.txt", (const char *)data, size, &a) != 0)
		return 0;
	memset(&ents, 0, sizeof(ents));
	d = pipeline_document(pl, a, &ents);
	if (d != NULL) {
		emit_new_tables(t);
		emit_document_rows(d, &eo, t);
		emit_entity_rows(&ents, t[T_ENTITIES]);
		for (i = 0; i < T__MAX; i++)
			table_free(t[i]);
		document_free(d);
	}
	entity_set_release(&ents);
	return 0;
}
