/*
 * t_ner: entities and mentions of whole articles through the shipped
 * lexicon (data/lexicon + build/lexicon): the bundled article's
 * acceptance list, the hand-annotated synthetic articles of
 * tests/articles, the mention invariants, corpus-wide counts and use
 * from several threads.  Documents are built by hand: paragraphs are
 * blank-line-separated blocks, roles come from NAME.roles.
 * With SHEAF_NER_OUT=DIR set, writes DIR/NAME.tsv (entity_id, type,
 * mentions, name) for tests/articles/score.py, and DIR/NAME.mentions.tsv
 * (paragraph, surface, entity_id, form) for reading.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <pthread.h>
#include <unistd.h>

#include "extract/article.h"
#include "extract/ner.h"
#include "lib/diag.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/model.h"

static struct ner *N;
static char *root;

static char *
rpath(const char *rel)
{
	return xasprintf("%s/%s", root, rel);
}

/* Roles from a file: one role name a line, '#' comments. */
static size_t
read_roles(const char *path, enum role *out, size_t max)
{
	char line[256];
	size_t n = 0;
	FILE *fp = fopen(path, "r");
	int r;

	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (r = 0; r < ROLE__MAX; r++)
			if (strcmp(line, role_name((enum role)r)) == 0)
				break;
		assert_true(r < ROLE__MAX);
		assert_true(n < max);
		out[n++] = (enum role)r;
	}
	fclose(fp);
	return n;
}

static int
blank_line_at(const char *t, size_t i, size_t len, size_t *next)
{
	size_t j = i;

	if (t[i] != '\n')
		return 0;
	j++;
	while (j < len && (t[j] == ' ' || t[j] == '\t'))
		j++;
	if (j < len && t[j] == '\n') {
		*next = j;
		return 1;
	}
	return 0;
}

/* A document from an article (taken), paragraphs at blank lines, with
 * the roles given. */
static struct document *
doc_split(struct article *a, const enum role *role, size_t nrole,
    const char *id)
{
	struct document *d = xcalloc(1, sizeof(*d));
	size_t i, s, e, next, cap = 0;
	const char *t;
	char *pid;

	d->art = a;
	d->id = xstrdup(id);
	t = a->text;
	for (i = 0; i < a->len; ) {
		while (i < a->len && (t[i] == '\n' || t[i] == ' ' ||
		    t[i] == '\t'))
			i++;
		if (i >= a->len)
			break;
		s = i;
		while (i < a->len && !blank_line_at(t, i, a->len, &next))
			i++;
		e = i;
		while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\n' ||
		    t[e - 1] == '\t'))
			e--;
		d->para = xgrow(d->para, &cap, d->npara + 1, sizeof(*d->para));
		memset(&d->para[d->npara], 0, sizeof(*d->para));
		d->para[d->npara].start = s;
		d->para[d->npara].end = e;
		d->para[d->npara].cstart = utf8_count(t, s);
		d->para[d->npara].cend = utf8_count(t, e);
		d->para[d->npara].ordinal = d->npara + 1;
		pid = xasprintf("%s-p%zu", id, d->npara + 1);
		d->para[d->npara].id = document_strdup(d, pid);
		free(pid);
		pid = text_normalize(t + s, e - s);
		d->para[d->npara].text = document_strdup(d, pid);
		free(pid);
		d->npara++;
	}
	assert_int_equal(d->npara, nrole);
	for (i = 0; i < d->npara; i++)
		d->para[i].role = role[i];
	return d;
}

/* A document from an article file and its roles file. */
static struct document *
doc_build(const char *txt, const char *roles, const char *id)
{
	enum role role[512];
	struct article *a;
	size_t nrole;

	assert_int_equal(article_read(txt, &a), 0);
	nrole = read_roles(roles, role, 512);
	return doc_split(a, role, nrole, id);
}

static size_t
count_mentions(const struct document *d, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < d->nment; i++)
		n += strcmp(d->ment[i].entity_id, id) == 0;
	return n;
}

/* Invariants every run must keep. */
static void
check_mentions(const struct document *d, const struct entity_set *es)
{
	const char *t = d->art->text;
	size_t i, prev_end = 0;

	for (i = 0; i < d->nment; i++) {
		const struct mention *m = &d->ment[i];
		const struct paragraph *p = &d->para[m->para];
		size_t cs = utf8_count(t, m->start), ce = utf8_count(t,
		    m->end), k, b;

		assert_true(m->start < m->end);
		assert_true(m->start >= prev_end);	/* sorted, disjoint */
		prev_end = m->end;
		assert_true(m->start >= p->start && m->end <= p->end);
		assert_true(p->role != ROLE_BOILERPLATE &&
		    p->role != ROLE_CREDIT);
		assert_non_null(entity_set_find(es, m->entity_id));
		/* Code point offsets select the same bytes. */
		for (k = 0, b = 0; b < d->art->len; b++) {
			if (((unsigned char)t[b] & 0xC0) == 0x80)
				continue;
			if (k++ == cs)
				break;
		}
		assert_int_equal(b, m->start);
		assert_int_equal(ce - cs, utf8_count(t + m->start,
		    m->end - m->start));
		/* No possessive in a surface. */
		assert_false(m->end - m->start > 2 && t[m->end - 1] == 's' &&
		    t[m->end - 2] == '\'');
		assert_false(m->end - m->start > 4 && t[m->end - 1] == 's' &&
		    memcmp(t + m->end - 4, "\xE2\x80\x99", 3) == 0);
	}
}

static void
dump(const char *name, const struct document *d, const struct entity_set *es)
{
	const char *dir = getenv("SHEAF_NER_OUT");
	char *path;
	FILE *fp;
	size_t i, n;

	if (dir == NULL)
		return;
	path = xasprintf("%s/%s.tsv", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (i = 0; i < es->n; i++) {
		n = count_mentions(d, es->e[i].id);
		if (n > 0)
			fprintf(fp, "%s\t%s\t%zu\t%s\n", es->e[i].id,
			    etype_name(es->e[i].type), n, es->e[i].name);
	}
	assert_int_equal(fclose(fp), 0);
	free(path);
	/* The mentions too, for reading: paragraph, surface, entity, form. */
	path = xasprintf("%s/%s.mentions.tsv", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	for (i = 0; i < d->nment; i++)
		fprintf(fp, "%zu\t%.*s\t%s\t%s\n",
		    (size_t)d->para[d->ment[i].para].ordinal,
		    (int)(d->ment[i].end - d->ment[i].start),
		    d->art->text + d->ment[i].start, d->ment[i].entity_id,
		    mform_name(d->ment[i].form));
	assert_int_equal(fclose(fp), 0);
	free(path);
}

/* Scores against a hand annotation, as tests/articles/score.py counts
 * them: entities (right id and type), mentions (per entity, the smaller
 * of the two counts). */
struct score {
	size_t	 etp, efp, efn, mtp, mfp, mfn;
};

static void
score_expected(const char *exp, const struct document *d,
    const struct entity_set *es, struct score *sc)
{
	char line[1024], *f[4], *p;
	size_t i, n, want, nsys = 0, msys = 0, mgold = 0;
	FILE *fp = fopen(exp, "r");
	int k;

	assert_non_null(fp);
	memset(sc, 0, sizeof(*sc));
	while (fgets(line, sizeof(line), fp) != NULL) {
		const struct entity *e;

		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (k = 0, p = line; k < 4; k++) {
			f[k] = p;
			p = strchr(p, '\t');
			if (p == NULL)
				break;
			*p++ = '\0';
		}
		assert_int_equal(k, 3);
		want = strtoul(f[2], NULL, 10);
		mgold += want;
		e = entity_set_find(es, f[0]);
		n = count_mentions(d, f[0]);
		if (e == NULL || n == 0)
			continue;
		if (strcmp(etype_name(e->type), f[1]) == 0)
			sc->etp++;
		sc->mtp += n < want ? n : want;
	}
	fclose(fp);
	for (i = 0; i < es->n; i++)
		if ((n = count_mentions(d, es->e[i].id)) > 0) {
			nsys++;
			msys += n;
		}
	sc->efp = nsys - sc->etp;
	sc->mfp = msys - sc->mtp;
	sc->mfn = mgold - sc->mtp;
	/* Gold entities: count the annotation's lines again. */
	fp = fopen(exp, "r");
	assert_non_null(fp);
	n = 0;
	while (fgets(line, sizeof(line), fp) != NULL)
		n += line[0] != '#' && line[0] != '\n';
	fclose(fp);
	sc->efn = n - sc->etp;
}

static const char bundled[] =
    "data/articles/chinas-counterterrorism-campaign-goes-global.txt";
static const char bundled_roles[] =
    "tests/articles/chinas-counterterrorism-campaign-goes-global.roles";

static struct document *
load_bundled(void)
{
	char *txt = rpath(bundled), *roles = rpath(bundled_roles);
	struct document *d = doc_build(txt, roles, "ccgg");

	free(txt);
	free(roles);
	return d;
}

static void
t_acceptance(void **state)
{
	static const char *const want[][2] = {
		{ "country/CHN", "country" }, { "country/PAK", "country" },
		{ "country/THA", "country" }, { "country/UZB", "country" },
		{ "country/AFG", "country" }, { "country/IRN", "country" },
		{ "country/IDN", "country" }, { "country/RUS", "country" },
		{ "country/TJK", "country" }, { "country/KGZ", "country" },
		{ "country/KAZ", "country" }, { "country/IND", "country" },
		{ "org/sco", "organization" }, { "org/rats", "organization" },
		{ "org/cica", "organization" },
		{ "org/merics", "organization" },
		{ "org/taliban", "organization" },
		{ "org/istanbul-process", "organization" },
		{ "person/moritz-rudolf", "person" },
		{ "person/marc-julienne", "person" },
		{ "person/johannes-buckow", "person" },
		{ "group/uyghurs", "group" },
		{ "region/central-asia", "region" },
		{ "region/south-asia", "region" },
		{ "region/middle-east", "region" },
		{ "region/eurasia", "region" }, { "region/asia", "region" },
		{ "region/africa", "region" }, { "region/west", "region" },
	};
	struct entity_set es;
	struct document *d = load_bundled();
	const struct entity *e;
	size_t i, countries = 0;

	(void)state;
	memset(&es, 0, sizeof(es));
	assert_int_equal(ner_run(N, d, &es), 0);
	check_mentions(d, &es);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		e = entity_set_find(&es, want[i][0]);
		if (e == NULL)
			print_message("missing %s\n", want[i][0]);
		assert_non_null(e);
		assert_string_equal(etype_name(e->type), want[i][1]);
	}
	/* Exactly the twelve states, with ISO and COW codes. */
	for (i = 0; i < es.n; i++)
		countries += es.e[i].type == ET_COUNTRY;
	assert_int_equal(countries, 12);
	e = entity_set_find(&es, "country/CHN");
	assert_string_equal(e->iso3, "CHN");
	assert_string_equal(e->cow_ccode, "710");
	assert_string_equal(e->first_paragraph_id, "ccgg-p5");
	assert_int_equal(e->source, ES_LEXICON);
	e = entity_set_find(&es, "country/KAZ");
	assert_string_equal(e->cow_ccode, "705");
	e = entity_set_find(&es, "org/sco");
	assert_string_equal(e->acronym, "SCO");
	e = entity_set_find(&es, "org/merics");
	assert_string_equal(e->name, "Mercator Institute for China Studies");
	assert_string_equal(e->acronym, "MERICS");
	assert_int_equal(e->source, ES_ACRONYM);
	assert_null(e->iso3);
	e = entity_set_find(&es, "org/rats");
	assert_string_equal(e->name, "Regional Anti-Terrorist Structure");
	assert_int_equal(e->source, ES_ACRONYM);
	e = entity_set_find(&es, "org/istanbul-process");
	assert_string_equal(e->name, "Istanbul Process");
	assert_int_equal(e->source, ES_PATTERN);
	e = entity_set_find(&es, "person/moritz-rudolf");
	assert_string_equal(e->name, "Moritz Rudolf");
	assert_string_equal(e->first_paragraph_id, "ccgg-p24");
	/* Nothing from the furniture: the credit line's office, the
	 * section label. */
	assert_null(entity_set_find(&es,
	    "org/russian-presidential-press-and-information-office"));
	/* "Beijing has become": a metonym of China; no city entity. */
	assert_null(entity_set_find(&es, "city/beijing"));
	for (i = 0; i < d->nment; i++)
		if (strncmp(d->art->text + d->ment[i].start, "Beijing", 7) == 0)
			assert_int_equal(d->ment[i].form, MF_METONYM);
	dump("chinas-counterterrorism-campaign-goes-global", d, &es);
	document_free(d);
	entity_set_release(&es);
}

/*
 * Every tests/articles/NAME.expected against the tool's output; the
 * scores must equal those recorded in tests/articles/scores.tsv (which
 * UPDATE=1 rewrites), so that a change for better or worse is seen.
 */
static void
t_expected(void **state)
{
	char *dir = rpath("tests/articles"), *gpath, line[512], got[16384];
	struct dirent **ent;
	size_t o = 0;
	int i, n, have = 0;
	FILE *fp;

	(void)state;
	n = scandir(dir, &ent, NULL, alphasort);
	assert_true(n > 0);
	got[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *dn = ent[i]->d_name;
		size_t len = strlen(dn);
		char *name, *txt, *roles, *exp;
		struct entity_set es;
		struct document *d;
		struct score sc;

		if (len < 10 || strcmp(dn + len - 9, ".expected") != 0)
			continue;
		name = xstrndup(dn, len - 9);
		txt = xasprintf("%s/%s.txt", dir, name);
		if (access(txt, R_OK) != 0) {
			free(txt);
			txt = xasprintf("%s/data/articles/%s.txt", root, name);
		}
		roles = xasprintf("%s/%s.roles", dir, name);
		exp = xasprintf("%s/%s", dir, dn);
		memset(&es, 0, sizeof(es));
		d = doc_build(txt, roles, name);
		assert_int_equal(ner_run(N, d, &es), 0);
		check_mentions(d, &es);
		dump(name, d, &es);
		score_expected(exp, d, &es, &sc);
		o += (size_t)snprintf(got + o, sizeof(got) - o,
		    "%s\t%zu\t%zu\t%zu\t%zu\t%zu\t%zu\n", name, sc.etp,
		    sc.efp, sc.efn, sc.mtp, sc.mfp, sc.mfn);
		assert_true(o < sizeof(got));
		have++;
		document_free(d);
		entity_set_release(&es);
		free(name);
		free(txt);
		free(roles);
		free(exp);
	}
	for (i = 0; i < n; i++)
		free(ent[i]);
	free(ent);
	assert_true(have >= 4);
	gpath = xasprintf("%s/scores.tsv", dir);
	if (getenv("UPDATE") != NULL && strcmp(getenv("UPDATE"), "1") == 0) {
		fp = fopen(gpath, "w");
		assert_non_null(fp);
		fputs("# Scores of the tool on tests/articles (t_ner "
		    "rewrites this with UPDATE=1).\n# name\tentity tp\t"
		    "fp\tfn\tmention tp\tfp\tfn\n", fp);
		fputs(got, fp);
		assert_int_equal(fclose(fp), 0);
	} else {
		char want[16384];
		size_t w = 0;

		fp = fopen(gpath, "r");
		assert_non_null(fp);
		want[0] = '\0';
		while (fgets(line, sizeof(line), fp) != NULL)
			if (line[0] != '#')
				w += (size_t)snprintf(want + w,
				    sizeof(want) - w, "%s", line);
		fclose(fp);
		if (strcmp(got, want) != 0)
			print_message("scores:\n%s\nrecorded:\n%s", got, want);
		assert_string_equal(got, want);
	}
	free(gpath);
	free(dir);
}

/* Two documents into one entity set: counts add up, the first paragraph
 * and the entity's fields stay those of the first document. */
static void
t_corpus(void **state)
{
	struct entity_set es;
	struct document *a = load_bundled(), *b;
	char *txt = rpath("tests/articles/asean-summit-jakarta.txt");
	char *roles = rpath("tests/articles/asean-summit-jakarta.roles");
	const struct entity *e;
	size_t na, nb;

	(void)state;
	b = doc_build(txt, roles, "asean");
	memset(&es, 0, sizeof(es));
	assert_int_equal(ner_run(N, a, &es), 0);
	na = count_mentions(a, "country/CHN");
	assert_int_equal(ner_run(N, b, &es), 0);
	nb = count_mentions(b, "country/CHN");
	assert_true(na > 0 && nb > 0);
	e = entity_set_find(&es, "country/CHN");
	assert_int_equal(e->mentions, na + nb);
	assert_string_equal(e->first_paragraph_id, "ccgg-p5");
	check_mentions(a, &es);
	check_mentions(b, &es);
	/* Running again replaces the mentions and counts once more. */
	assert_int_equal(ner_run(N, b, &es), 0);
	assert_int_equal(count_mentions(b, "country/CHN"), nb);
	assert_int_equal(entity_set_find(&es, "country/CHN")->mentions,
	    na + 2 * nb);
	document_free(a);
	document_free(b);
	entity_set_release(&es);
	free(txt);
	free(roles);
}

struct job {
	struct document	*d;
	struct entity_set es;
	int		 rc;
};

static void *
job_run(void *arg)
{
	struct job *j = arg;

	j->rc = ner_run(N, j->d, &j->es);
	return NULL;
}

/* One ner, four threads at once: the same results as one thread. */
static void
t_threads(void **state)
{
	struct job job[4];
	pthread_t th[4];
	size_t i, k;

	(void)state;
	for (i = 0; i < 4; i++) {
		memset(&job[i], 0, sizeof(job[i]));
		job[i].d = load_bundled();
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&th[i], NULL, job_run,
		    &job[i]), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		assert_int_equal(job[i].rc, 0);
	}
	for (i = 1; i < 4; i++) {
		assert_int_equal(job[i].d->nment, job[0].d->nment);
		assert_int_equal(job[i].es.n, job[0].es.n);
		for (k = 0; k < job[0].d->nment; k++) {
			assert_int_equal(job[i].d->ment[k].start,
			    job[0].d->ment[k].start);
			assert_int_equal(job[i].d->ment[k].end,
			    job[0].d->ment[k].end);
			assert_string_equal(job[i].d->ment[k].entity_id,
			    job[0].d->ment[k].entity_id);
		}
	}
	for (i = 0; i < 4; i++) {
		document_free(job[i].d);
		entity_set_release(&job[i].es);
	}
}

/* A paragraph outside the text is refused. */
static void
t_bad_document(void **state)
{
	struct entity_set es;
	struct document *d = load_bundled();

	(void)state;
	memset(&es, 0, sizeof(es));
	d->para[3].end = d->art->len + 1;
	diag_set_verbosity(-1);
	assert_int_equal(ner_run(N, d, &es), -1);
	diag_set_verbosity(0);
	assert_int_equal(es.n, 0);
	document_free(d);
}

/*
 * The entities of text (paragraphs at blank lines; the first paragraph
 * an author note when note is set, the others body) as "id=mentions"
 * lines in the entity set's order.
 */
static char *
ents_of(const char *text, int note)
{
	enum role role[16];
	struct article *a;
	struct document *d;
	struct entity_set es;
	char buf[4096];
	size_t i, o = 0;

	for (i = 0; i < 16; i++)
		role[i] = i == 0 && note ? ROLE_AUTHOR_NOTE : ROLE_BODY;
	assert_int_equal(article_from_mem("t.txt", text, strlen(text), &a),
	    0);
	for (i = 0; text[i] != '\0'; i++)
		o += text[i] == '\n' && text[i + 1] == '\n';
	d = doc_split(a, role, o + 1, "t");
	memset(&es, 0, sizeof(es));
	assert_int_equal(ner_run(N, d, &es), 0);
	check_mentions(d, &es);
	buf[0] = '\0';
	for (i = 0, o = 0; i < es.n; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s=%zu\n",
		    es.e[i].id, count_mentions(d, es.e[i].id));
	assert_true(o < sizeof(buf));
	document_free(d);
	entity_set_release(&es);
	return xstrdup(buf);
}

/* want holds each of the lines of need and none of the ids of avoid. */
static void
ents_have(const char *text, int note, const char *need, const char *avoid)
{
	char *got = ents_of(text, note), *w = xstrdup(need), *p, *nl;

	for (p = w; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		*nl = '\0';
		if (strstr(got, p) == NULL)
			print_message("missing %s in:\n%s", p, got);
		assert_non_null(strstr(got, p));
	}
	free(w);
	w = xstrdup(avoid);
	for (p = w; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		*nl = '\0';
		if (strstr(got, p) != NULL)
			print_message("unwanted %s in:\n%s", p, got);
		assert_null(strstr(got, p));
	}
	free(w);
	free(got);
}

/* Rules written for issue 15, each with sentences of our own. */
static void
t_rules_orgs(void **state)
{
	(void)state;
	/* a head-word name ends before "on <Weekday>" */
	ents_have("The Harbour Cooperation Organisation on Thursday "
	    "admitted two members. The Harbour Cooperation Organisation "
	    "meets again in June.",
	    0, "org/harbour-cooperation-organisation=2\n", "thursday\n");
	/* but goes on through "of" before a name word */
	ents_have("Delegates met at the Council of Coastal Towns on Monday.",
	    0, "org/council-of-coastal-towns=1\n", "monday\n");
	/* a body of a known organisation is left to the known name */
	ents_have("Members of the Standing Committee of the Arab League met "
	    "in Cairo, and the Budget Committee of Egypt's parliament "
	    "agreed.", 0, "org/arab-league=1\n",
	    "standing-committee\nbudget-committee\n");
	/* an unknown name described as an organisation in apposition; an
	 * acronym said as a word in title case */
	ents_have("Five states launched Nordlink, a regional forum set up "
	    "to settle fishing rows. Nordlink meets in spring, and Ecowas "
	    "sent an observer.", 0, "org/nordlink=2\norg/ecowas=1\n", "");
	ents_have("Jo Marsh, a party official, and Lena Ford, the council's "
	    "head, spoke.", 0, "", "org/jo-marsh\norg/lena-ford\n");
	/* a place after "in" that nothing else knows is a city; months,
	 * organisation words, possessives and longer names are not */
	ents_have("The pact was signed in Port Ardent on Monday, and talks "
	    "in Velmora ended. Velmora hosts the next round in March, said "
	    "officials in Parliament and in Dana Ruiz's office.", 0,
	    "city/port-ardent=1\ncity/velmora=2\n",
	    "city/march\ncity/parliament\ncity/dana\nruiz\n");
	/* a known name inside a longer one is not that name */
	ents_have("A secretary of Chile's Supreme National Security Council "
	    "spoke.", 0, "org/supreme-national-security-council=1\n",
	    "org/unsc\n");
}

static void
t_rules_people(void **state)
{
	(void)state;
	/* plural titles and positions before lists */
	ents_have("Prime Ministers Ana Lopes and Ravi Menon signed the "
	    "accord.", 0, "person/ana-lopes=1\nperson/ravi-menon=1\n", "");
	ents_have("In May the two trade ministers, Olga Berg, Tomas Wren and "
	    "Ida Falk, met in Oslo.", 0, "person/olga-berg=1\n"
	    "person/tomas-wren=1\nperson/ida-falk=1\n", "");
	/* "A and B, the presidents of" */
	ents_have("Mara Quint and Leo Vance, the presidents of the two "
	    "councils, opened the talks.", 0,
	    "person/mara-quint=1\nperson/leo-vance=1\n", "");
	/* a lower-case position right before a name; military ranks */
	ents_have("The talks were led by the trade envoy Mila Horvat and "
	    "the adviser Jon Tait. The cleric Yusuf Amari and Captain Rene "
	    "Sollo joined them.", 0,
	    "person/mila-horvat=1\nperson/jon-tait=1\n"
	    "person/yusuf-amari=1\nperson/rene-sollo=1\n", "");
	/* "Name, who"; "Name, X's <position>"; particles "von der" */
	ents_have("Talks stalled. Pavel Dorn, who led them, left early.", 0,
	    "person/pavel-dorn=1\n", "");
	ents_have("The text was initialled by Omar Haddad, Jordan's deputy "
	    "foreign minister, and by Ines von der Berg, a senior fellow at "
	    "an institute.", 0, "person/omar-haddad=1\n"
	    "person/ines-von-der-berg=1\n", "");
	/* "then-President"; a title word inside a name */
	ents_have("It was first proposed by then-President Karl Ostrow. "
	    "President Nuri Sheikh Dalmar signed it.", 0,
	    "person/karl-ostrow=1\nperson/nuri-sheikh-dalmar=1\n",
	    "person/dalmar\nperson/nuri=\n");
	/* no person from a treaty's name before a capitalised title, nor
	 * after a plural position that ends a sentence */
	ents_have("They signed a Charter of Peace and Full Friendship, "
	    "signed by Prime Minister Ana Lopes. The talks were led by "
	    "ministers. Austrian Foreign Minister Karl Ostrow spoke first.",
	    0, "person/ana-lopes=1\nperson/karl-ostrow=1\n",
	    "person/full-friendship\nperson/austrian-foreign\n");
	/* two particles after a title ("von der"); a surname that is
	 * also a month, after a first name and before no number */
	ents_have("Finance Minister Ines von der Berg and Trade Minister "
	    "Olga May said on Friday that talks resume in May 2026.", 0,
	    "person/ines-von-der-berg=1\nperson/olga-may=1\n",
	    "person/ines=\nperson/olga=\n");
	ents_have("Trade Minister Olga Berg arrived on 3 May.", 0,
	    "person/olga-berg=1\n", "person/olga-berg-may\n");
	/* names after "by" in an author note (a wire sign-off) */
	ents_have("(Reporting by Tess Orwin in Lagos; additional reporting "
	    "by Sam Okafor; Editing by Dan Royle)\n\nThe port reopened.", 1,
	    "person/tess-orwin=1\nperson/sam-okafor=1\nperson/dan-royle=1\n",
	    "person/lagos\n");
}

/* A short name of several countries names the one the document names
 * in full or by acronym; else, and when it names both, the default. */
static void
t_ambiguous(void **state)
{
	(void)state;
	ents_have("Ministers of the Democratic Republic of the Congo met "
	    "their neighbours. Congo asked for more time, and Congo's "
	    "envoy agreed.", 0, "country/COD=3\n", "country/COG\n");
	ents_have("Congo opened the talks. Later the DRC signed a note.", 0,
	    "country/COD=2\n", "country/COG\n");
	ents_have("Congo hosted a fisheries forum in the spring.", 0,
	    "country/COG=1\n", "country/COD\n");
	ents_have("The Republic of the Congo and the Democratic Republic of "
	    "the Congo share a river; Congo spoke first.", 0,
	    "country/COG=2\ncountry/COD=1\n", "");
	ents_have("The Republic of Congo sent a team, and Congo paid.", 0,
	    "country/COG=2\n", "country/COD\n");
}

static int
setup(void **state)
{
	char *lex, *gen;

	(void)state;
	root = getenv("ROOT") != NULL ? xstrdup(getenv("ROOT")) :
	    xstrdup(".");
	lex = rpath("data/lexicon");
	gen = rpath("build/lexicon");
	N = ner_load(lex, gen);
	free(lex);
	free(gen);
	return N == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	ner_free(N);
	free(root);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_acceptance),
		cmocka_unit_test(t_expected),
		cmocka_unit_test(t_corpus),
		cmocka_unit_test(t_threads),
		cmocka_unit_test(t_bad_document),
		cmocka_unit_test(t_rules_orgs),
		cmocka_unit_test(t_rules_people),
		cmocka_unit_test(t_ambiguous),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
