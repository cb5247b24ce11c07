/*
 * fuzz_jsonl: one JSON Lines record through the record parser (id,
 * text, metadata), and an accepted record's text through the article
 * reader, as `sheaf build --jsonl` does with each line.
 */
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "fuzz.h"
#include "jsonio.h"
#include "model.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article *a;
	struct meta m;
	char *text;
	size_t tlen;

	memset(&m, 0, sizeof(m));
	if (jsonio_parse_record("fuzz.jsonl", 1, (const char *)data, size,
	    &m, &text, &tlen) != 0)
		return 0;
	if (article_from_mem("fuzz.jsonl:1", text, tlen, &a) == 0)
		article_free(a);
	free(text);
	meta_release(&m);
	return 0;
}
