/*
 * fuzz_schema: JSON text through the Table Schema loader; a schema that
 * loads is then written as a JSON Schema, and a set of sample cells is
 * cast and checked against each of its fields (patterns, enums, ranges,
 * date formats, decimal and group characters).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/buf.h"
#include "lib/xalloc.h"
#include "validate/jsonschema.h"
#include "validate/schema.h"

static const char *const cells[] = {
	"", "0", "1", "-1", "1.5", "1,5", "1.000,25", "1e400", "NaN", "-INF",
	"true", "no", "abc", "Abc def", "2024-02-29", "29/02/2024",
	"2024-01-01T12:00:00Z", "12:30:00", "2024", "2024-13", "P1Y2M3DT4H",
	"90, 45", "[90, 45]", "{\"lon\": 1, \"lat\": 2}", "{}", "[]",
	"a@b.example", "http://example.org/x",
	"00000000-0000-4000-8000-000000000000", "\xc3\xa9t\xc3\xa9",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!"
};

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
	struct schema *sc;
	struct value v;
	struct buf key;
	char *text;
	size_t i, c;

	text = xstrndup((const char *)data, size);
	sc = schema_load_string(text, "fuzz.json");
	free(text);
	if (sc == NULL)
		return 0;
	jsonschema_write(sc, fuzz_devnull());
	buf_init(&key);
	for (i = 0; i < schema_nfields(sc); i++) {
		const struct field *f = &sc->fields[i];

		for (c = 0; c < sizeof(cells) / sizeof(cells[0]); c++) {
			size_t n = strlen(cells[c]);

			if (schema_is_missing(sc, cells[c], n))
				continue;
			buf_reset(&key);
			memset(&v, 0, sizeof(v));
			if (schema_cast(f, cells[c], n, &v, &key) == 0)
				schema_check(f, cells[c], n, &v,
				    key.s != NULL ? key.s : "", key.len);
		}
		free(schema_type_note(f));
		for (c = 0; c < C__MAX; c++)
			if (f->has[c])
				free(schema_constraint_note(f,
				    (enum constraint)c));
	}
	buf_release(&key);
	schema_free(sc);
	return 0;
}
