/*
 * fuzz_citation: a CITATION.cff through the reader and checker
 * (libyaml, the CFF rules); a citation that is accepted is then
 * stamped with a version, a date and two source references, as a
 * release does.
 */
#include <stdlib.h>

#include "fuzz.h"
#include "lib/buf.h"
#include "release/citation.h"

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
	static const struct citation_ref refs[] = {
		{ "A title", "Ann Author; B. de la Cruz Jr.", "The Publisher",
		  "https://example.org/a", "2024-05", "en", "a-title" },
		{ "Another", NULL, NULL, NULL, NULL, NULL, NULL }
	};
	struct citation c;
	struct buf out;
	char *path;

	if (size > CITATION_MAX + 1)
		return 0;
	path = fuzz_put("CITATION.cff", data, size);
	if (citation_read(path, &c) == 0) {
		buf_init(&out);
		citation_stamp(&c, "1.2.3-rc.1+b5", "2024-06-30", refs, 2,
		    &out);
		buf_release(&out);
		citation_release(&c);
	}
	free(path);
	return 0;
}
