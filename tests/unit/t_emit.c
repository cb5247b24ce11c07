/*
 * t_emit: the relation tables from the model to the files a release
 * holds and back.  A document built by hand with the statuses of the
 * vocabulary (treaties withdrawn and suspended, a party's own status
 * and date, a membership suspended) goes through emit, the CSV and JSON
 * writers, the validator with the tree's schemas/ (all seven tables,
 * foreign keys included), and the JSON tables back to CSV, which must
 * give the CSV files byte for byte.  The sentences are written for
 * this test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "lib/fs.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/csvio.h"
#include "tables/emit.h"
#include "tables/jsonio.h"
#include "tables/model.h"
#include "tables/table.h"
#include "validate/package.h"
#include "validate/schema.h"
#include "validate/validate.h"

static char	 tmpdir[] = "/tmp/t_emit.XXXXXX";

static const char text[] =
    "Ruritania withdrew from the fisheries convention on 3 March 2021, "
    "which stays in force for Norway. Greece suspended the defence pact. "
    "The African Union suspended Mali in June 2021.\n";

/* The tree's schema of a table (ROOT: the checkout; make check sets it). */
static char *
schema_path(const char *table)
{
	const char *root = getenv("ROOT");

	return xasprintf("%s/schemas/%s.json", root != NULL ? root : ".",
	    table);
}

/* A whole file as a string (owned). */
static char *
slurp(const char *path)
{
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");

	assert_non_null(fp);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&b, chunk, n);
	assert_int_equal(ferror(fp), 0);
	fclose(fp);
	return buf_detach(&b);
}

static struct entity *
entity(struct entity_set *es, const char *id, const char *name,
    enum etype type, const char *iso3, const char *cow)
{
	struct entity *e = entity_set_intern(es, id, NULL);

	e->name = xstrdup(name);
	e->type = type;
	e->iso3 = iso3 != NULL ? xstrdup(iso3) : NULL;
	e->cow_ccode = cow != NULL ? xstrdup(cow) : NULL;
	e->source = ES_LEXICON;
	e->mentions = 1;
	e->first_paragraph_id = xstrdup("vocab:p0123456789");
	return e;
}

static void
treaty(struct document *d, const char *id, const char *kind,
    const char *status, const char *date, const char *prec,
    const char *evidence)
{
	struct treaty *t;

	d->treaty = xrealloc(d->treaty, (d->ntreaty + 1) * sizeof(*d->treaty));
	t = &d->treaty[d->ntreaty++];
	memset(t, 0, sizeof(*t));
	t->id = xstrdup(id);
	t->kind = xstrdup(kind);
	t->status = xstrdup(status);
	t->date = xstrdup(date);
	t->precision = prec != NULL ? xstrdup(prec) : NULL;
	t->certainty = xstrdup("certain");
	t->count = -1;
	t->evidence = xstrdup(evidence);
}

/* One document of one paragraph, with its relations. */
static struct document *
document(struct entity_set *es)
{
	struct document *d = xcalloc(1, sizeof(*d));
	struct article *a = xcalloc(1, sizeof(*a));
	struct paragraph *p;
	struct membership *m;
	struct treaty *t;

	a->path = xstrdup("vocab.txt");
	a->name = xstrdup("vocab.txt");
	a->text = xstrdup(text);
	a->len = strlen(text);
	a->raw = xstrdup(text);
	a->rawlen = a->len;
	a->ncp = utf8_count(text, a->len);
	memset(a->sha256, 'a', 64);
	d->art = a;
	d->id = xstrdup("vocab");
	d->para = p = xcalloc(1, sizeof(*p));
	d->npara = 1;
	p->id = document_strdup(d, "vocab:p0123456789");
	p->text = document_strndup(d, text, a->len - 1);
	p->end = a->len - 1;
	p->cend = utf8_count(text, p->end);
	p->ordinal = 1;
	p->role = ROLE_BODY;
	p->words = 30;
	d->words = 30;

	entity(es, "country/GRC", "Greece", ET_COUNTRY, "GRC", "350");
	entity(es, "country/MLI", "Mali", ET_COUNTRY, "MLI", "432");
	entity(es, "country/NOR", "Norway", ET_COUNTRY, "NOR", "385");
	entity(es, "org/african-union", "African Union", ET_ORGANIZATION,
	    NULL, NULL);
	entity(es, "other/ruritania", "Ruritania", ET_OTHER, NULL, NULL);

	/* in force for the others, withdrawn for the party that left */
	treaty(d, "vocab:t0000000001", "convention", "in_force", "", NULL,
	    "Ruritania withdrew from the fisheries convention on 3 March "
	    "2021, which stays in force for Norway.");
	t = &d->treaty[0];
	assert_non_null(treaty_add_party(t, "other/ruritania", "party",
	    "withdrawn", "2021-03-03"));
	assert_non_null(treaty_add_party(t, "country/NOR", "party", NULL,
	    NULL));
	treaty(d, "vocab:t0000000002", "agreement", "suspended", "", NULL,
	    "Greece suspended the defence pact.");
	assert_non_null(treaty_add_party(&d->treaty[1], "country/GRC",
	    "party", NULL, NULL));
	treaty(d, "vocab:t0000000003", "convention", "withdrawn", "2021-03-03",
	    "day", "Ruritania withdrew from the fisheries convention on 3 "
	    "March 2021, which stays in force for Norway.");
	assert_non_null(treaty_add_party(&d->treaty[2], "other/ruritania",
	    "party", NULL, NULL));
	assert_int_equal(d->treaty[0].nparty, 2);
	t = &d->treaty[0];	/* treaty() moved the array */
	assert_string_equal(t->party[0].status, "withdrawn");
	assert_string_equal(t->party[0].date, "2021-03-03");
	assert_string_equal(t->party[0].role, "party");
	assert_null(t->party[1].status);
	assert_null(t->party[1].date);

	d->memb = m = xcalloc(1, sizeof(*m));
	d->nmemb = 1;
	m->id = xstrdup("vocab:m0000000001");
	m->org_id = "org/african-union";
	m->member_id = "country/MLI";
	m->status = xstrdup("suspended");
	m->start = xstrdup("2021-06");
	m->certainty = xstrdup("certain");
	m->evidence = xstrdup("The African Union suspended Mali in June "
	    "2021.");
	return d;
}

static char *
tpath(const char *name, const char *ext)
{
	return xasprintf("%s/%s.%s", tmpdir, name, ext);
}

static const char want_parties[] =
    "treaty_id,entity_id,role,document_id,status,date\n"
    "vocab:t0000000001,other/ruritania,party,vocab,withdrawn,2021-03-03\n"
    "vocab:t0000000001,country/NOR,party,vocab,,\n"
    "vocab:t0000000002,country/GRC,party,vocab,,\n"
    "vocab:t0000000003,other/ruritania,party,vocab,,\n";

static const char want_treaties[] =
    "treaty_id,document_id,kind,status,date,date_precision,certainty,"
    "count,paragraph_id,evidence\n"
    "vocab:t0000000001,vocab,convention,in_force,,,certain,,"
    "vocab:p0123456789,\"Ruritania withdrew from the fisheries convention "
    "on 3 March 2021, which stays in force for Norway.\"\n"
    "vocab:t0000000002,vocab,agreement,suspended,,,certain,,"
    "vocab:p0123456789,Greece suspended the defence pact.\n"
    "vocab:t0000000003,vocab,convention,withdrawn,2021-03-03,day,certain,,"
    "vocab:p0123456789,\"Ruritania withdrew from the fisheries convention "
    "on 3 March 2021, which stays in force for Norway.\"\n";

static const char want_memberships[] =
    "membership_id,document_id,organization_id,member_id,status,start,end,"
    "certainty,paragraph_id,evidence\n"
    "vocab:m0000000001,vocab,org/african-union,country/MLI,suspended,"
    "2021-06,,certain,vocab:p0123456789,The African Union suspended Mali "
    "in June 2021.\n";

static const char want_parties_json[] =
    "[\n"
    "{\"treaty_id\":\"vocab:t0000000001\",\"entity_id\":"
    "\"other/ruritania\",\"role\":\"party\",\"document_id\":\"vocab\","
    "\"status\":\"withdrawn\",\"date\":\"2021-03-03\"},\n"
    "{\"treaty_id\":\"vocab:t0000000001\",\"entity_id\":\"country/NOR\","
    "\"role\":\"party\",\"document_id\":\"vocab\",\"status\":null,"
    "\"date\":null},\n"
    "{\"treaty_id\":\"vocab:t0000000002\",\"entity_id\":\"country/GRC\","
    "\"role\":\"party\",\"document_id\":\"vocab\",\"status\":null,"
    "\"date\":null},\n"
    "{\"treaty_id\":\"vocab:t0000000003\",\"entity_id\":"
    "\"other/ruritania\",\"role\":\"party\",\"document_id\":\"vocab\","
    "\"status\":null,\"date\":null}\n"
    "]\n";

static void
t_round_trip(void **state)
{
	struct entity_set es;
	struct document *d;
	struct table *tab[T__MAX];
	struct schema *sc[T__MAX];
	struct vresource res[T__MAX];
	struct vreport *rep;
	struct emit_opts eo = { 0 };
	char *csvp[T__MAX], *jsonp[T__MAX];
	int t;
	size_t i;

	(void)state;
	memset(&es, 0, sizeof(es));
	d = document(&es);
	emit_new_tables(tab);
	emit_document_rows(d, &eo, tab);
	emit_entity_rows(&es, tab[T_ENTITIES]);
	for (t = 0; t < T__MAX; t++) {
		const char *name = emit_table_name((enum emit_table)t);
		char *p = schema_path(name);
		enum jcol *types;
		FILE *fp;

		sc[t] = schema_load(p);
		assert_non_null(sc[t]);
		free(p);
		/* the emitted columns are the schema's fields, in order */
		assert_int_equal(schema_nfields(sc[t]), tab[t]->ncols);
		types = xcalloc(tab[t]->ncols, sizeof(*types));
		for (i = 0; i < tab[t]->ncols; i++) {
			assert_string_equal(schema_field_name(sc[t], i),
			    tab[t]->cols[i]);
			types[i] = jsonio_jcol(schema_field_type(sc[t], i));
		}
		csvp[t] = tpath(name, "csv");
		jsonp[t] = tpath(name, "json");
		fp = fopen(csvp[t], "w");
		assert_non_null(fp);
		assert_int_equal(csvio_write(tab[t], fp), 0);
		assert_int_equal(fclose(fp), 0);
		fp = fopen(jsonp[t], "w");
		assert_non_null(fp);
		assert_int_equal(jsonio_write(tab[t], types, fp), 0);
		assert_int_equal(fclose(fp), 0);
		free(types);
		res[t].name = name;
		res[t].path = csvp[t];
		res[t].schema = sc[t];
		res[t].label = NULL;
	}

	/* the files, exactly */
	{
		char *s = slurp(csvp[T_TREATY_PARTIES]);

		assert_string_equal(s, want_parties);
		free(s);
		s = slurp(csvp[T_TREATIES]);
		assert_string_equal(s, want_treaties);
		free(s);
		s = slurp(csvp[T_MEMBERSHIPS]);
		assert_string_equal(s, want_memberships);
		free(s);
		s = slurp(jsonp[T_TREATY_PARTIES]);
		assert_string_equal(s, want_parties_json);
		free(s);
	}

	/* valid against the tree's schemas, keys and foreign keys */
	rep = vreport_new(0);
	assert_int_equal(validate_resources(res, T__MAX, rep), 0);
	assert_int_equal(vreport_nerrors(rep), 0);
	assert_int_equal(vreport_rows(rep, T_TREATIES), 3);
	assert_int_equal(vreport_rows(rep, T_TREATY_PARTIES), 4);
	assert_int_equal(vreport_rows(rep, T_MEMBERSHIPS), 1);
	vreport_free(rep);

	/* each JSON table read back as CSV is the CSV table */
	for (t = 0; t < T__MAX; t++) {
		char *back = tpath(emit_table_name((enum emit_table)t),
		    "back.csv");
		char *a, *b;
		FILE *fp = fopen(back, "w");

		assert_non_null(fp);
		assert_int_equal(package_json_table(jsonp[t], sc[t], fp), 0);
		assert_int_equal(fclose(fp), 0);
		a = slurp(csvp[t]);
		b = slurp(back);
		assert_string_equal(b, a);
		free(a);
		free(b);
		unlink(back);
		free(back);
	}

	for (t = 0; t < T__MAX; t++) {
		unlink(csvp[t]);
		unlink(jsonp[t]);
		free(csvp[t]);
		free(jsonp[t]);
		schema_free(sc[t]);
		table_free(tab[t]);
	}
	document_free(d);
	entity_set_release(&es);
}

/* A status outside the vocabulary is refused where it is written. */
static void
t_outside_vocabulary(void **state)
{
	static const char *const bad[] = {
		"treaty_id,entity_id,role,document_id,status,date\n"
		"x:t0000000001,country/NOR,party,x,left,2021\n",
		"treaty_id,entity_id,role,document_id,status,date\n"
		"x:t0000000001,country/NOR,party,x,withdrawn,3 March 2021\n",
	};
	static const size_t field[] = { 5, 6 };
	char *sp = schema_path("treaty_parties");
	struct schema *sc = schema_load(sp);
	size_t i;

	(void)state;
	assert_non_null(sc);
	for (i = 0; i < 2; i++) {
		struct vresource r = { "treaty_parties", NULL, sc, NULL };
		struct vreport *rep = vreport_new(0);
		char *p = tpath("bad", "csv");
		FILE *fp = fopen(p, "w");
		const struct verror *e;

		assert_non_null(fp);
		fputs(bad[i], fp);
		assert_int_equal(fclose(fp), 0);
		r.path = p;
		assert_int_equal(validate_resources(&r, 1, rep), 1);
		assert_int_equal(vreport_nerrors(rep), 1);
		e = vreport_error(rep, 0);
		assert_int_equal(e->type, VE_CONSTRAINT);
		assert_int_equal(e->row, 2);
		assert_int_equal(e->field, field[i]);
		vreport_free(rep);
		unlink(p);
		free(p);
	}
	schema_free(sc);
	free(sp);
}

/*
 * A document's string pool: copies stay whole and in place while the
 * pool grows past its first blocks, and a string longer than a block
 * gets one of its own without ending the block being filled.
 */
static void
t_string_pool(void **state)
{
	struct document *d = xcalloc(1, sizeof(*d));
	char *s[3000], *big, *after, want[16], *longs;
	size_t i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		snprintf(want, sizeof(want), "p%04zu", i);
		s[i] = document_strdup(d, want);
	}
	longs = xmalloc(200001);
	memset(longs, 'x', 200000);
	longs[200000] = '\0';
	big = document_strdup(d, longs);
	after = document_strndup(d, "abcdef", 3);
	for (i = 0; i < 3000; i++) {
		snprintf(want, sizeof(want), "p%04zu", i);
		assert_string_equal(s[i], want);
	}
	assert_int_equal(strlen(big), 200000);
	assert_memory_equal(big, longs, 200001);
	assert_string_equal(after, "abc");
	/* packed: the next string follows the last in its block */
	assert_ptr_equal(document_strdup(d, "z"), after + 4);
	assert_ptr_equal(s[1], s[0] + 6);
	free(longs);
	document_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_round_trip),
		cmocka_unit_test(t_outside_vocabulary),
		cmocka_unit_test(t_string_pool),
	};
	int rc;

	if (mkdtemp(tmpdir) == NULL) {
		perror(tmpdir);
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	/* kept on failure, for a look */
	if (rc == 0 && fs_rmtree(tmpdir) != 0)
		rc = 1;
	return rc;
}
