/*
 * fuzz_jsonl: bytes as a JSON Lines file through what `sheaf build
 * --jsonl` reads: the line reader (blank lines, CR, the line cap), the
 * record parser (id, text, metadata) and the article reader of each
 * record's text.
 */
#include <stdlib.h>

#include "extract/input.h"
#include "fuzz.h"
#include "tables/model.h"

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
	struct input *in;
	char *path;
	int rc;

	path = fuzz_put("in.jsonl", data, size);
	if ((in = input_open(NULL, 0, path)) != NULL) {
		while ((rc = input_next(in, &a)) != 0)
			if (rc > 0)
				article_free(a);
		input_close(in);
	}
	free(path);
	return 0;
}
