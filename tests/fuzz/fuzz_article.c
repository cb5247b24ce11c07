/*
 * fuzz_article: article bytes through the reader (UTF-8 checks, BOM,
 * line ends), the segmenter, the entity recogniser, the table rows and
 * their CSV and JSON encoding, as `sheaf build` runs them on one article
 * (pipeline_document(), encode_document()).
 * The rules are the source tree's data/lexicon.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/article.h"
#include "extract/pipeline.h"
#include "fuzz.h"
#include "tables/emit.h"
#include "tables/encode.h"
#include "tables/model.h"
#include "tables/table.h"

static struct pipeline	*pl;
static enum jcol	 types[64];	/* every JSON type in turn */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int i;

	(void)argc;
	(void)argv;
	fuzz_setup();
	for (i = 0; i < 64; i++)
		types[i] = (enum jcol)(i % 4);
	if ((pl = pipeline_load()) == NULL) {
		fprintf(stderr, "fuzz_article: cannot load the rules\n");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const enum jcol *tt[T__MAX];
	struct emit_opts eo = { 0 };
	struct table *t[T__MAX];
	struct entity_set ents;
	struct encoded *e;
	struct document *d;
	struct article *a;
	int i;

	if (article_from_mem("fuzz.txt", (const char *)data, size, &a) != 0)
		return 0;
	memset(&ents, 0, sizeof(ents));
	d = pipeline_document(pl, a, &ents);
	if (d != NULL) {
		for (i = 0; i < T__MAX; i++)
			tt[i] = types;
		e = encode_document(d, &eo, tt);
		encode_free(e);
		emit_new_tables(t);
		emit_entity_rows(&ents, t[T_ENTITIES]);
		for (i = 0; i < T__MAX; i++)
			table_free(t[i]);
		document_free(d);
	}
	entity_set_release(&ents);
	return 0;
}
