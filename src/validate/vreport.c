/*
 * vreport: the report of validate.h (struct vreport): the catalogue of
 * Frictionless errors (frictionless-py v5, frictionless/errors/), the
 * errors, warnings and resources a validation puts in it, and printing
 * it as text or as a JSON object shaped like the Frictionless report.
 * validate.c fills it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/xalloc.h"
#include "validate/keyset.h"
#include "validate/validate.h"
#include "validate/validate_int.h"

/* --- the catalogue (frictionless-py v5, frictionless/errors/) --------- */

static const struct {
	const char	*type;
	const char	*title;
	const char	*description;
	const char	*template;
} cat[VE__MAX] = {
	[VE_MISSING_LABEL] = { "missing-label", "Missing Label",
	    "Based on the schema there should be a label that is missing in "
	    "the data's header.",
	    "There is a missing label in the header's field \"{fieldName}\" "
	    "at position \"{fieldNumber}\"" },
	[VE_EXTRA_LABEL] = { "extra-label", "Extra Label",
	    "The header of the data source contains label that does not "
	    "exist in the provided schema.",
	    "There is an extra label \"{label}\" in header at position "
	    "\"{fieldNumber}\"" },
	[VE_DUPLICATE_LABEL] = { "duplicate-label", "Duplicate Label",
	    "Two columns in the header row have the same value. Column names "
	    "should be unique.",
	    "Label \"{label}\" in the header at position \"{fieldNumber}\" is "
	    "duplicated to a label: {note}" },
	[VE_BLANK_LABEL] = { "blank-label", "Blank Label",
	    "A label in the header row is missing a value. Label should be "
	    "provided and not be blank.",
	    "Label in the header in field at position \"{fieldNumber}\" is "
	    "blank" },
	[VE_INCORRECT_LABEL] = { "incorrect-label", "Incorrect Label",
	    "One of the data source header does not match the field name "
	    "defined in the schema.",
	    "Label \"{label}\" in field {fieldName} at position "
	    "\"{fieldNumber}\" does not match the field name in the schema" },
	[VE_MISSING_CELL] = { "missing-cell", "Missing Cell",
	    "This row has less values compared to the header row (the first "
	    "row in the data source). A key concept is that all the rows in "
	    "tabular data must have the same number of columns.",
	    "Row at position \"{rowNumber}\" has a missing cell in field "
	    "\"{fieldName}\" at position \"{fieldNumber}\"" },
	[VE_EXTRA_CELL] = { "extra-cell", "Extra Cell",
	    "This row has more values compared to the header row (the first "
	    "row in the data source). A key concept is that all the rows in "
	    "tabular data must have the same number of columns.",
	    "Row at position \"{rowNumber}\" has an extra value in field at "
	    "position \"{fieldNumber}\"" },
	[VE_BLANK_ROW] = { "blank-row", "Blank Row",
	    "This row is empty. A row should contain at least one value.",
	    "Row at position \"{rowNumber}\" is completely blank" },
	[VE_TYPE] = { "type-error", "Type Error",
	    "The value does not match the schema type and format for this "
	    "field.",
	    "Type error in the cell \"{cell}\" in row \"{rowNumber}\" and "
	    "field \"{fieldName}\" at position \"{fieldNumber}\": {note}" },
	[VE_CONSTRAINT] = { "constraint-error", "Constraint Error",
	    "A field value does not conform to a constraint.",
	    "The cell \"{cell}\" in row at position \"{rowNumber}\" and field "
	    "\"{fieldName}\" at position \"{fieldNumber}\" does not conform "
	    "to a constraint: {note}" },
	[VE_UNIQUE] = { "unique-error", "Unique Error",
	    "This field is a unique field but it contains a value that has "
	    "been used in another row.",
	    "Row at position \"{rowNumber}\" has unique constraint violation "
	    "in field \"{fieldName}\" at position \"{fieldNumber}\": {note}" },
	[VE_PRIMARY_KEY] = { "primary-key", "PrimaryKey Error",
	    "Values in the primary key fields should be unique for every row",
	    "Row at position \"{rowNumber}\" violates the primary key: "
	    "{note}" },
	[VE_FOREIGN_KEY] = { "foreign-key", "ForeignKey Error",
	    "Values in the foreign key fields should exist in the reference "
	    "table",
	    "Row at position \"{rowNumber}\" violates the foreign key: "
	    "{note}" },
	[VE_ENCODING] = { "encoding-error", "Encoding Error",
	    "Data reading error because of an encoding problem.",
	    "The data source could not be successfully decoded: {note}" },
	[VE_SOURCE] = { "source-error", "Source Error",
	    "Data reading error because of not supported or inconsistent "
	    "contents.",
	    "The data source has not supported or has inconsistent contents: "
	    "{note}" },
	[VE_HASH_COUNT] = { "hash-count", "Hash Count Error",
	    "This error can happen if the data is corrupted.",
	    "The data source does not match the expected hash count: "
	    "{note}" },
	[VE_BYTE_COUNT] = { "byte-count", "Byte Count Error",
	    "This error can happen if the data is corrupted.",
	    "The data source does not match the expected byte count: "
	    "{note}" },
};

const char *
verror_type_name(enum verror_type t)
{
	return t < VE__MAX ? cat[t].type : "?";
}

/* --- the report ------------------------------------------------------ */

const char *
vreport_pool_take(struct vreport *r, char *s)
{
	if (s == NULL)
		return NULL;
	r->pool = xgrow(r->pool, &r->cappool, r->npool + 1, sizeof(char *));
	r->pool[r->npool++] = s;
	return s;
}

struct vreport *
vreport_new(size_t limit)
{
	struct vreport *r = xcalloc(1, sizeof(*r));

	r->limit = limit;
	r->jobs = 1;
	return r;
}

void
vreport_set_jobs(struct vreport *r, unsigned jobs)
{
	r->jobs = jobs > 0 ? jobs : 1;
}

void
vreport_set_keymem(struct vreport *r, size_t budget, const char *tmpdir)
{
	r->mem.budget = budget;
	r->mem.tmpdir = tmpdir;
}

void
vreport_free(struct vreport *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->npool; i++)
		free(r->pool[i]);
	free(r->pool);
	for (i = 0; i < r->nwarn; i++)
		free(r->warn[i].msg);
	free(r->warn);
	free(r->err);
	free(r->rank);
	free(r->task);
	free(r);
}

size_t
vreport_nerrors(const struct vreport *r)
{
	return r->nerr;
}

const struct verror *
vreport_error(const struct vreport *r, size_t i)
{
	return i < r->nerr ? &r->err[i] : NULL;
}

unsigned long
vreport_rows(const struct vreport *r, size_t i)
{
	return i < r->ntask ? r->task[i].rows : 0;
}

void
vreport_warn(struct vreport *r, size_t task, char *msg)
{
	r->warn = xgrow(r->warn, &r->capwarn, r->nwarn + 1, sizeof(*r->warn));
	r->warn[r->nwarn].task = task;
	r->warn[r->nwarn].msg = msg;
	r->nwarn++;
}

/* --- printing ---------------------------------------------------------- */

/* The message of an error: its template with the fields filled in. */
static char *
message(const struct vreport *r, const struct verror *e)
{
	const char *t = cat[e->type].template, *q;
	struct buf b;
	size_t n;

	buf_init(&b);
	while (*t != '\0') {
		if (*t != '{' || (q = strchr(t, '}')) == NULL) {
			buf_addc(&b, *t++);
			continue;
		}
		n = (size_t)(q - t - 1);
		if (n == 4 && strncmp(t + 1, "cell", 4) == 0)
			buf_adds(&b, e->cell != NULL ? e->cell : "");
		else if (n == 5 && strncmp(t + 1, "label", 5) == 0)
			buf_adds(&b, e->cell != NULL ? e->cell : "");
		else if (n == 4 && strncmp(t + 1, "note", 4) == 0)
			buf_adds(&b, e->note != NULL ? e->note : "");
		else if (n == 9 && strncmp(t + 1, "rowNumber", 9) == 0)
			buf_printf(&b, "%lu", e->row);
		else if (n == 9 && strncmp(t + 1, "fieldName", 9) == 0)
			buf_adds(&b, e->field_name != NULL ? e->field_name :
			    "");
		else if (n == 11 && strncmp(t + 1, "fieldNumber", 11) == 0)
			buf_printf(&b, "%zu", e->field);
		t = q + 1;
	}
	(void)r;
	return buf_detach(&b);
}

static int
is_label(enum verror_type t)
{
	return t <= VE_INCORRECT_LABEL;
}

int
vreport_print_text(const struct vreport *r, FILE *fp)
{
	size_t i, t, bad = 0;
	unsigned long rows = 0;
	char *m;

	for (i = 0; i < r->nerr; i++) {
		const struct verror *e = &r->err[i];

		fprintf(fp, "%s:", r->task[e->resource].path);
		if (e->row > 0 || is_label(e->type) ||
		    (e->type == VE_ENCODING && e->row > 0))
			fprintf(fp, "%lu:", e->row > 0 ? e->row : 1ul);
		if (e->field > 0)
			fprintf(fp, "%zu:", e->field);
		m = message(r, e);
		fprintf(fp, " %s: %s\n", cat[e->type].type, m);
		free(m);
	}
	for (i = 0; i < r->nwarn; i++)
		fprintf(fp, "%s: warning: %s\n", r->task[r->warn[i].task].path,
		    r->warn[i].msg);
	for (t = 0; t < r->ntask; t++) {
		const struct vtask *vt = &r->task[t];

		fprintf(fp, "%s: %s (resource '%s': %lu rows, %zu fields, "
		    "%zu errors%s)\n", vt->path, vt->nerrors > 0 ? "invalid" :
		    "valid", vt->name, vt->rows, vt->nfields, vt->nerrors,
		    vt->limited ? ", stopped at the error limit" : "");
		bad += vt->nerrors > 0;
		rows += vt->rows;
	}
	if (r->nerr > 0)
		fprintf(fp, "invalid: %zu errors in %zu of %zu resources\n",
		    r->nerr, bad, r->ntask);
	else
		fprintf(fp, "valid: %zu resources, %lu rows\n", r->ntask, rows);
	return ferror(fp) ? -1 : 0;
}

static json_t *
error_json(const struct vreport *r, const struct verror *e)
{
	json_t *o = json_object();
	char *m = message(r, e);

	json_object_set_new(o, "type", json_string(cat[e->type].type));
	json_object_set_new(o, "title", json_string(cat[e->type].title));
	json_object_set_new(o, "description",
	    json_string(cat[e->type].description));
	json_object_set_new(o, "message", json_string(m));
	json_object_set_new(o, "note", json_string(e->note != NULL ?
	    e->note : ""));
	if (is_label(e->type)) {
		json_t *rn = json_array();

		json_array_append_new(rn, json_integer(1));
		json_object_set_new(o, "rowNumbers", rn);
		json_object_set_new(o, "label", json_string(e->cell != NULL ?
		    e->cell : ""));
	} else if (e->row > 0)
		json_object_set_new(o, "rowNumber",
		    json_integer((json_int_t)e->row));
	if (e->cell != NULL && !is_label(e->type))
		json_object_set_new(o, "cell", json_string(e->cell));
	if (e->field_name != NULL || e->field > 0)
		json_object_set_new(o, "fieldName", json_string(
		    e->field_name != NULL ? e->field_name : ""));
	if (e->field > 0)
		json_object_set_new(o, "fieldNumber",
		    json_integer((json_int_t)e->field));
	free(m);
	return o;
}

int
vreport_print_json(const struct vreport *r, FILE *fp)
{
	json_t *root = json_object(), *stats, *tasks, *warns;
	size_t t, i, nw;
	int rc;

	json_object_set_new(root, "valid", json_boolean(r->nerr == 0));
	stats = json_object();
	json_object_set_new(stats, "tasks", json_integer((json_int_t)r->ntask));
	json_object_set_new(stats, "errors", json_integer((json_int_t)r->nerr));
	json_object_set_new(stats, "warnings",
	    json_integer((json_int_t)r->nwarn));
	json_object_set_new(root, "stats", stats);
	json_object_set_new(root, "warnings", json_array());
	json_object_set_new(root, "errors", json_array());
	tasks = json_array();
	for (t = 0; t < r->ntask; t++) {
		const struct vtask *vt = &r->task[t];
		json_t *o = json_object(), *st = json_object();
		json_t *errs = json_array();

		warns = json_array();
		for (i = 0, nw = 0; i < r->nwarn; i++)
			if (r->warn[i].task == t) {
				json_array_append_new(warns,
				    json_string(r->warn[i].msg));
				nw++;
			}
		for (i = 0; i < r->nerr; i++)
			if (r->err[i].resource == t)
				json_array_append_new(errs,
				    error_json(r, &r->err[i]));
		json_object_set_new(o, "name", json_string(vt->name));
		json_object_set_new(o, "type", json_string("table"));
		json_object_set_new(o, "place", json_string(vt->path));
		json_object_set_new(o, "valid", json_boolean(vt->nerrors == 0));
		json_object_set_new(st, "errors",
		    json_integer((json_int_t)vt->nerrors));
		json_object_set_new(st, "warnings",
		    json_integer((json_int_t)nw));
		json_object_set_new(st, "rows",
		    json_integer((json_int_t)vt->rows));
		json_object_set_new(st, "fields",
		    json_integer((json_int_t)vt->nfields));
		json_object_set_new(o, "stats", st);
		json_object_set_new(o, "warnings", warns);
		json_object_set_new(o, "errors", errs);
		json_array_append_new(tasks, o);
	}
	json_object_set_new(root, "tasks", tasks);
	rc = json_dumpf(root, fp, JSON_INDENT(2));
	json_decref(root);
	if (rc != 0 || fputc('\n', fp) == EOF || ferror(fp))
		return -1;
	return 0;
}
