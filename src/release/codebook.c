/* codebook: README.md of a release bag, from the Table Schemas. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/version.h"
#include "lib/xalloc.h"
#include "release/citation.h"
#include "release/codebook.h"
#include "release/datapackage.h"

/* How a Table Schema type is read in pandas and in readr. */
static const struct {
	const char	*type;
	const char	*pandas;	/* dtype, or NULL: parse as a date */
	const char	*readr;
} types[] = {
	{ "string", "string", "col_character()" },
	{ "integer", "Int64", "col_integer()" },
	{ "number", "Float64", "col_double()" },
	{ "boolean", "boolean", "col_logical()" },
	{ "date", NULL, "col_date()" },
	{ "datetime", NULL, "col_datetime()" },
	{ "year", "Int64", "col_integer()" },
	{ NULL, "string", "col_character()" },
};

static size_t
type_index(const char *t)
{
	size_t i;

	for (i = 0; types[i].type != NULL; i++)
		if (t != NULL && strcmp(t, types[i].type) == 0)
			return i;
	return i;
}

/* Text for a Markdown table cell: '|' escaped, line breaks as spaces. */
static void
md_cell(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|')
			buf_adds(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			buf_addc(b, ' ');
		else
			buf_addc(b, *s);
	}
}

/*
 * A value inside backticks, for a table cell: '|' is escaped (GitHub
 * Markdown unescapes it inside code in tables), a backtick becomes '.
 */
static void
md_code(struct buf *b, const char *s)
{
	buf_addc(b, '`');
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '|')
			buf_adds(b, "\\|");
		else
			buf_addc(b, *s == '`' ? '\'' : *s);
	}
	buf_addc(b, '`');
}

static const char *
jstr(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A field's name ("?" when the schema lacks one). */
static const char *
fname(json_t *f)
{
	const char *n = jstr(f, "name");

	return n != NULL ? n : "?";
}

static void
key_list(struct buf *b, json_t *k)
{
	size_t i;
	json_t *v;

	if (json_is_string(k)) {
		md_code(b, json_string_value(k));
		return;
	}
	json_array_foreach(k, i, v) {
		if (i > 0)
			buf_adds(b, ", ");
		if (json_is_string(v))
			md_code(b, json_string_value(v));
	}
}

static void
values(struct buf *b, json_t *c)
{
	json_t *v, *e;
	size_t i;
	const char *sep = "";
	char *s;

	if ((e = json_object_get(c, "enum")) != NULL && json_is_array(e)) {
		buf_adds(b, "one of ");
		json_array_foreach(e, i, v) {
			if (i > 0)
				buf_adds(b, ", ");
			if (json_is_string(v))
				md_code(b, json_string_value(v));
			else if ((s = json_dumps(v, JSON_ENCODE_ANY)) != NULL) {
				md_code(b, s);
				free(s);
			}
		}
		sep = "; ";
	}
	if ((v = json_object_get(c, "pattern")) != NULL &&
	    json_is_string(v)) {
		buf_printf(b, "%smatches ", sep);
		md_code(b, json_string_value(v));
		sep = "; ";
	}
	if ((v = json_object_get(c, "minimum")) != NULL &&
	    (s = json_dumps(v, JSON_ENCODE_ANY)) != NULL) {
		buf_printf(b, "%s≥ %s", sep, s);
		free(s);
		sep = "; ";
	}
	if ((v = json_object_get(c, "maximum")) != NULL &&
	    (s = json_dumps(v, JSON_ENCODE_ANY)) != NULL) {
		buf_printf(b, "%s≤ %s", sep, s);
		free(s);
		sep = "; ";
	}
	if (json_is_true(json_object_get(c, "unique")))
		buf_printf(b, "%sunique", sep);
}

static void
table_doc(struct buf *b, const struct dp_table *t, json_t *s)
{
	json_t *fields = json_object_get(s, "fields"), *f, *c, *fk, *x;
	const char *d;
	size_t i;

	buf_printf(b, "### %s\n\n", t->name);
	if ((d = jstr(s, "description")) != NULL)
		buf_printf(b, "%s\n\n", d);
	buf_adds(b, "File: ");
	md_code(b, t->path);
	if (t->rows >= 0)
		buf_printf(b, ", %lld row%s", t->rows, t->rows == 1 ? "" : "s");
	buf_adds(b, ".  Schema: ");
	buf_printf(b, "`schemas/%s.json`.\n", t->name);
	if ((x = json_object_get(s, "primaryKey")) != NULL) {
		buf_adds(b, "Primary key: ");
		key_list(b, x);
		buf_adds(b, ".\n");
	}
	json_array_foreach(json_object_get(s, "foreignKeys"), i, fk) {
		json_t *ref = json_object_get(fk, "reference");
		const char *res = jstr(ref, "resource");

		buf_adds(b, i == 0 ? "Foreign keys: " : "; ");
		key_list(b, json_object_get(fk, "fields"));
		buf_printf(b, " → %s ", res != NULL && *res != '\0' ? res :
		    t->name);
		key_list(b, json_object_get(ref, "fields"));
		if (i + 1 == json_array_size(json_object_get(s,
		    "foreignKeys")))
			buf_adds(b, ".\n");
	}
	buf_adds(b, "\n| Column | Type | Required | Values | Description |\n"
	    "|---|---|---|---|---|\n");
	json_array_foreach(fields, i, f) {
		const char *ty = jstr(f, "type"), *fmt = jstr(f, "format");

		c = json_object_get(f, "constraints");
		buf_adds(b, "| ");
		md_code(b, fname(f));
		buf_printf(b, " | %s", ty != NULL ? ty : "string");
		if (fmt != NULL && strcmp(fmt, "default") != 0)
			buf_printf(b, " (%s)", fmt);
		buf_printf(b, " | %s | ", json_is_true(json_object_get(c,
		    "required")) ? "yes" : "no");
		values(b, c);
		buf_adds(b, " | ");
		md_cell(b, jstr(f, "description"));
		buf_adds(b, " |\n");
	}
	buf_addc(b, '\n');
}

/* An R name, in backticks unless syntactic. */
static void
r_name(struct buf *b, const char *n)
{
	if (strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.") == strlen(n) && (*n < '0' || *n > '9') &&
	    *n != '_')
		buf_adds(b, n);
	else
		buf_printf(b, "`%s`", n);
}

/* A Python identifier for the data frame of a table. */
static void
py_var(struct buf *b, const char *n)
{
	for (; *n != '\0'; n++)
		buf_addc(b, (*n >= 'a' && *n <= 'z') || (*n >= 'A' &&
		    *n <= 'Z') || (*n >= '0' && *n <= '9') ? *n : '_');
}

static void
load_python(struct buf *b, const struct dp_release *r, json_t **schemas)
{
	int csv = strcmp(r->flavour, "csv") == 0;
	json_t *f;
	size_t t, i, k;
	int dates;

	buf_adds(b, "```python\n");
	if (!csv)
		buf_adds(b, "import json\n");
	buf_adds(b, "import pandas as pd\n\n");
	for (t = 0; t < r->ntables; t++) {
		json_t *fields = json_object_get(schemas[t], "fields");

		py_var(b, r->tables[t].name);
		if (csv)
			buf_printf(b, " = pd.read_csv(\n    \"%s\",\n"
			    "    dtype={\n", r->tables[t].path);
		else {
			buf_printf(b, " = pd.DataFrame.from_records(\n"
			    "    json.load(open(\"%s\", encoding=\"utf-8\")),"
			    "\n    columns=[", r->tables[t].path);
			json_array_foreach(fields, i, f)
				buf_printf(b, "%s\"%s\"", i > 0 ? ", " : "",
				    fname(f));
			buf_adds(b, "],\n).astype({\n");
		}
		dates = 0;
		json_array_foreach(fields, i, f) {
			k = type_index(jstr(f, "type"));
			if (types[k].pandas == NULL)
				dates = 1;
			if (types[k].pandas == NULL && csv)
				continue;
			buf_printf(b, "%s\"%s\": \"%s\",\n", csv ?
			    "        " : "    ", fname(f),
			    types[k].pandas != NULL ? types[k].pandas :
			    "string");
		}
		if (csv) {
			buf_adds(b, "    },\n");
			if (dates) {
				buf_adds(b, "    parse_dates=[");
				json_array_foreach(fields, i, f)
					if (types[type_index(jstr(f,
					    "type"))].pandas == NULL)
						buf_printf(b, "\"%s\", ",
						    fname(f));
				buf_adds(b, "],\n");
			}
			buf_adds(b, "    keep_default_na=False,\n"
			    "    na_values=[\"\"],\n)\n");
		} else {
			buf_adds(b, "})\n");
			json_array_foreach(fields, i, f) {
				if (types[type_index(jstr(f,
				    "type"))].pandas != NULL)
					continue;
				py_var(b, r->tables[t].name);
				buf_printf(b, "[\"%s\"] = pd.to_datetime(",
				    fname(f));
				py_var(b, r->tables[t].name);
				buf_printf(b, "[\"%s\"])\n", fname(f));
			}
		}
	}
	buf_adds(b, "```\n\n");
}

static void
load_r(struct buf *b, const struct dp_release *r, json_t **schemas)
{
	int csv = strcmp(r->flavour, "csv") == 0;
	json_t *f;
	size_t t, i;

	buf_printf(b, "```r\nlibrary(%s)\n\n", csv ? "readr" : "jsonlite");
	for (t = 0; t < r->ntables; t++) {
		json_t *fields = json_object_get(schemas[t], "fields");

		r_name(b, r->tables[t].name);
		if (!csv) {
			buf_printf(b, " <- fromJSON(\"%s\")\n",
			    r->tables[t].path);
			continue;
		}
		buf_printf(b, " <- read_csv(\"%s\", na = \"\", "
		    "col_types = cols(\n", r->tables[t].path);
		json_array_foreach(fields, i, f) {
			buf_adds(b, "  ");
			r_name(b, fname(f));
			buf_printf(b, " = %s%s\n",
			    types[type_index(jstr(f, "type"))].readr,
			    i + 1 < json_array_size(fields) ? "," : "");
		}
		buf_adds(b, "))\n");
	}
	buf_adds(b, "```\n\n");
}

static void
authors_line(struct buf *b, const struct citation *c)
{
	size_t i;

	for (i = 0; i < c->nauthors; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == c->nauthors ?
		    " and " : ", ", c->authors[i]);
}

static void
licence_list(struct buf *b, const struct citation *c)
{
	size_t i;

	for (i = 0; i < c->nlicenses; i++)
		buf_printf(b, "%s[%s](https://spdx.org/licenses/%s.html)",
		    i == 0 ? "" : " and ", c->licenses[i], c->licenses[i]);
}

/*
 * The source articles, one a line, each written to f as it is made.
 * Returns 0, or -1 after a diagnostic when they cannot be read.
 */
static int
sources_list(struct buf *b, struct fs_out *f, const struct dp_release *r)
{
	const struct citation_ref *s;
	struct dp_refs cur;

	dp_refs_open(&cur, r);
	while ((s = dp_refs_next(&cur)) != NULL) {
		buf_adds(b, "- ");
		if (s->authors != NULL)
			buf_printf(b, "%s: ", s->authors);
		buf_printf(b, "*%s*", s->title);
		if (s->publisher != NULL)
			buf_printf(b, ". %s", s->publisher);
		if (s->published != NULL)
			buf_printf(b, ", %s", s->published);
		if (s->url != NULL)
			buf_printf(b, ". <%s>", s->url);
		buf_adds(b, ".\n");
		fs_out_put(f, b);
	}
	if (dp_refs_close(&cur) != 0)
		return -1;
	if (r->nrefs == 0)
		buf_adds(b, "- (none)\n");
	buf_addc(b, '\n');
	return 0;
}

static void
contents(struct buf *b, const struct dp_release *r, json_t **schemas)
{
	size_t i;
	int csv = strcmp(r->flavour, "csv") == 0;

	buf_adds(b, "## Contents\n\nPaths are relative to this folder "
	    "(the bag's `data/`).\n\n| Path | What |\n|---|---|\n");
	for (i = 0; i < r->ntables; i++) {
		const char *d = jstr(schemas[i], "description");

		buf_adds(b, "| ");
		md_code(b, r->tables[i].path);
		buf_adds(b, " | ");
		md_cell(b, d != NULL ? d : r->tables[i].name);
		if (r->tables[i].rows >= 0)
			buf_printf(b, " (%lld row%s)", r->tables[i].rows,
			    r->tables[i].rows == 1 ? "" : "s");
		buf_adds(b, " |\n");
	}
	if (!csv)
		buf_adds(b, "| `json/*.schema.json` | JSON Schema of each JSON "
		    "table |\n");
	buf_adds(b, "| `index.html` | This release as a page for a browser: "
	    "citation, licence, checksums, charts, every table's columns and "
	    "first rows |\n"
	    "| `figures/*.svg` | The page's charts |\n");
	buf_adds(b, "| `schemas/*.json` | Frictionless Table Schema of each "
	    "table |\n"
	    "| `datapackage.json` | Frictionless Data Package descriptor "
	    "(sizes, SHA-256, schemas) |\n"
	    "| `CITATION.cff` | Citation metadata (Citation File Format 1.2.0)"
	    " |\n"
	    "| `ro-crate-metadata.json` | RO-Crate 1.1 metadata (JSON-LD on "
	    "schema.org): the dataset, every file with its format, size and "
	    "SHA-256, the authors, the licence and the source articles |\n");
	if (!r->omit_text && r->nsources > r->nsources_jsonl)
		buf_printf(b, "| `source/*.txt` | The %zu source article%s "
		    "given as files, verbatim, one a file (`DOCUMENT_ID.txt`) "
		    "|\n", r->nsources - r->nsources_jsonl,
		    r->nsources - r->nsources_jsonl == 1 ? "" : "s");
	if (!r->omit_text && r->nsources_jsonl > 0)
		buf_printf(b, "| `source/documents.jsonl` | The %zu source "
		    "article%s given as JSON Lines, verbatim: one record a "
		    "document, in input order (see Source texts below) |\n",
		    r->nsources_jsonl, r->nsources_jsonl == 1 ? "" : "s");
	buf_addc(b, '\n');
}

/* How to get one article's text back out of source/documents.jsonl. */
static void
source_texts(struct buf *b, const struct dp_release *r)
{
	if (r->omit_text || r->nsources_jsonl == 0)
		return;
	buf_adds(b, "## Source texts\n\n"
	    "`source/documents.jsonl` holds one JSON object a line, "
	    "`{\"id\": DOCUMENT_ID, \"text\": TEXT}`, in the order the "
	    "articles were given.  `text` is the article exactly as it "
	    "was given: `source_sha256` in `documents` is the SHA-256 of "
	    "its UTF-8 bytes, and every offset in the tables counts Unicode "
	    "code points in it after a leading byte order mark is removed "
	    "and line ends are turned into LF, as for an article given as "
	    "a file.  To get one document's text back as a file (`-j` "
	    "writes it without a newline added):\n\n"
	    "```sh\n"
	    "jq -j --arg id DOCUMENT_ID 'select(.id == $id) | .text' "
	    "source/documents.jsonl > DOCUMENT_ID.txt\n"
	    "sha256sum DOCUMENT_ID.txt    # = source_sha256 of the "
	    "document\n"
	    "```\n\n"
	    "or in Python: `next(json.loads(l)[\"text\"] for l in "
	    "open(\"source/documents.jsonl\", encoding=\"utf-8\") if "
	    "json.loads(l)[\"id\"] == DOCUMENT_ID)`.  The file is itself "
	    "JSON Lines input for `sheaf build --jsonl` (the metadata of "
	    "each article is in `documents`).\n\n");
}

int
codebook_write(const struct dp_release *r, struct fs_out *f)
{
	const struct citation *c = r->cff;
	struct buf piece, *b = &piece;
	json_t **schemas;
	json_error_t err;
	size_t i;
	int rc = 0;
	char year[5];

	buf_init(&piece);
	schemas = xcalloc(r->ntables + 1, sizeof(*schemas));
	for (i = 0; i < r->ntables; i++) {
		schemas[i] = json_load_file(r->tables[i].schema_file,
		    JSON_REJECT_DUPLICATES, &err);
		if (schemas[i] == NULL || !json_is_array(json_object_get(
		    schemas[i], "fields"))) {
			diag(DIAG_USAGE, r->tables[i].schema_file,
			    (unsigned long)(err.line > 0 ? err.line : 0),
			    "unusable Table Schema: %s", schemas[i] == NULL ?
			    err.text : "no \"fields\" array");
			rc = -1;
		}
	}
	if (rc != 0)
		goto out;
	memcpy(year, r->date, 4);
	year[4] = '\0';

	buf_printf(b, "# %s\n\n", c->title);
	buf_printf(b, "Release **%s** of `%s`, released %s.  This bag holds "
	    "the tables as **%s**; the same release is published as %s in "
	    "`%s-%s-%s`.\n\n", r->version, r->name, r->date,
	    strcmp(r->flavour, "csv") == 0 ? "CSV" : "JSON",
	    strcmp(r->flavour, "csv") == 0 ? "JSON" : "CSV", r->name,
	    r->version, strcmp(r->flavour, "csv") == 0 ? "json" : "csv");
	buf_printf(b, "%s\n\n", c->abstract);

	contents(b, r, schemas);

	buf_adds(b, "## Licence and rights\n\n");
	buf_adds(b, "The tables, schemas and documentation of this dataset "
	    "are licensed under ");
	licence_list(b, c);
	buf_adds(b, ".\n\n");
	buf_printf(b, "The source articles are not ours.  Their text, in "
	    "%sany column that quotes an article (see the column "
	    "descriptions), stays the property of its publishers "
	    "and authors; the dataset licence does not cover it.  It is "
	    "included so that every row can be checked against the text it "
	    "comes from; reuse beyond that (quotation, text and data mining) "
	    "is subject to the publishers' terms and the law where you "
	    "are.\n\n", r->omit_text ? "" : "`source/` and in ");
	if (r->omit_text)
		buf_adds(b, "This release was built without the article text "
		    "(`--omit-text`): there is no folder of articles and the "
		    "columns that quote articles are empty.  Rows keep their "
		    "character offsets and the SHA-256 of the text they "
		    "describe, so you can restore the text from your own copy "
		    "of each article and check that it matches.\n\n");

	buf_adds(b, "## Tables\n\nTypes are Frictionless Table Schema "
	    "types.  An empty CSV cell (or a JSON `null`) is a missing "
	    "value.  Offsets count Unicode code points from 0; an end "
	    "offset is exclusive.\n\n");
	for (i = 0; i < r->ntables; i++)
		table_doc(b, &r->tables[i], schemas[i]);
	source_texts(b, r);

	buf_adds(b, "## Provenance\n\n");
	buf_printf(b, "Built by sheaf %s from the %zu source article%s "
	    "below: each article was segmented into paragraphs, entities "
	    "and relations were extracted with documented rules and "
	    "lexicons, and every table was validated against its schema "
	    "before release.  Release date: %s.\n\n", SHEAF_VERSION,
	    r->nrefs, r->nrefs == 1 ? "" : "s", r->date);
	if ((rc = sources_list(b, f, r)) != 0)
		goto out;

	buf_adds(b, "## How to cite\n\n");
	authors_line(b, c);
	buf_printf(b, " (%s). *%s* (version %s) [Data set].", year, c->title,
	    r->version);
	if (c->doi != NULL)
		buf_printf(b, " https://doi.org/%s", c->doi);
	else if (c->url != NULL)
		buf_printf(b, " %s", c->url);
	buf_printf(b, "\n\n%s  `CITATION.cff` holds the same in Citation "
	    "File Format; its `references` list the source articles, which "
	    "you should cite as well when you quote them.\n\n", c->message);

	buf_printf(b, "## Checking the files\n\n"
	    "This folder is the payload of a BagIt bag (RFC 8493).  In the "
	    "bag's folder (the one holding `bagit.txt`):\n\n"
	    "```sh\n"
	    "sha256sum -c manifest-sha256.txt      # every payload file\n"
	    "sha512sum -c manifest-sha512.txt\n"
	    "sha256sum -c tagmanifest-sha256.txt   # the bag's own files\n"
	    "```\n\n"
	    "In the release folder, the archives and the database:\n\n"
	    "```sh\n"
	    "sha256sum -c %s-%s.sha256\n"
	    "sheaf verify %s-%s-%s.tar.gz          # bag, checksums, "
	    "tables against their schemas\n"
	    "```\n\n", r->name, r->version, r->name, r->version, r->flavour);

	buf_printf(b, "## The page and the database\n\n"
	    "Open [index.html](index.html) in a browser, from the disk: it "
	    "needs no network and runs no script.  Beside the archives, the "
	    "release folder holds `%s-%s.sqlite`, every table in one SQLite "
	    "database (typed columns, primary and foreign keys, a `metadata` "
	    "and a `codebook` table, the views `memberships_named` and "
	    "`treaty_parties_named` that put names beside ids), and "
	    "`%s-%s.metadata.json` for Datasette.  In the release folder:\n\n"
	    "```sh\n"
	    "sqlite3 %s-%s.sqlite 'SELECT * FROM memberships_named'\n"
	    "datasette %s-%s.sqlite -m %s-%s.metadata.json\n"
	    "```\n\n"
	    "```py\n"
	    "import sqlite3\nimport pandas as pd\n"
	    "con = sqlite3.connect(\"%s-%s.sqlite\")\n"
	    "df = pd.read_sql(\"SELECT * FROM treaty_parties_named\", con)\n"
	    "```\n\n", r->name, r->version, r->name, r->version, r->name,
	    r->version, r->name, r->version, r->name, r->version, r->name,
	    r->version);

	buf_printf(b, "## Keeping versions\n\n"
	    "A repository can keep every version of this dataset as one "
	    "OCFL 1.1 object, `urn:sheaf:%s`, in which a file that did not "
	    "change between versions is stored once.  With sheaf, in the "
	    "folder that holds the release folder:\n\n"
	    "```sh\n"
	    "sheaf archive --ocfl ROOT %s-%s     # the csv bag as the next "
	    "version\n"
	    "sheaf verify ROOT                    # every object, every "
	    "digest\n"
	    "```\n\n"
	    "ROOT is an OCFL storage root (made if absent).  A version's "
	    "`created` is the release date, its `message` the first line of "
	    "`CHANGES.md`.\n\n", r->name, r->name, r->version);

	buf_adds(b, "## Loading the tables\n\nRun these from this folder.  "
	    "Types follow the schemas; empty cells are missing values, not "
	    "empty strings (so codes such as `NA` stay text).\n\n"
	    "Python with pandas:\n\n");
	load_python(b, r, schemas);
	buf_adds(b, "R:\n\n");
	load_r(b, r, schemas);
	fs_out_put(f, b);
out:
	buf_release(&piece);
	for (i = 0; i < r->ntables; i++)
		json_decref(schemas[i]);
	free(schemas);
	return rc;
}
