/*
 * t_aho: the Aho-Corasick automaton and the lexicon matcher's edge
 * cases: every occurrence reported, leftmost-longest choice, token
 * boundaries, case-sensitive acronyms, the case rule of names,
 * possessives, plurals, overlapping names, UTF-8 and NFD offsets,
 * context words, blocked names, spelling variants, capitals as
 * metonyms, acronym definitions, names by head word, people, page
 * furniture, and lexicon files with errors.  The lexicon is a small one
 * written to a temporary directory, independent of the shipped data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "extract/article.h"
#include "extract/lexicon.h"
#include "extract/ner.h"
#include "lib/aho.h"
#include "lib/diag.h"
#include "lib/text.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"
#include "tables/model.h"

/* --- the automaton ---------------------------------------------------- */

struct hits {
	char	 buf[1024];
	size_t	 n;
};

static void
on_hit(void *arg, size_t s, size_t e, unsigned v)
{
	struct hits *h = arg;

	h->n += (size_t)snprintf(h->buf + h->n, sizeof(h->buf) - h->n,
	    "%zu-%zu:%u ", s, e, v);
}

/* The textbook example: every occurrence, by end, longest first. */
static void
t_aho_all(void **state)
{
	struct aho *a = aho_new();
	struct hits h;

	(void)state;
	aho_add(a, "he", 2, 1);
	aho_add(a, "she", 3, 2);
	aho_add(a, "his", 3, 3);
	aho_add(a, "hers", 4, 4);
	aho_build(a);
	memset(&h, 0, sizeof(h));
	aho_scan(a, "ushers", 6, on_hit, &h);
	assert_string_equal(h.buf, "1-4:2 2-4:1 2-6:4 ");
	memset(&h, 0, sizeof(h));
	aho_scan(a, "", 0, on_hit, &h);
	assert_string_equal(h.buf, "");
	aho_free(a);
}

/* One key with two values; overlapping occurrences of nested keys. */
static void
t_aho_values(void **state)
{
	struct aho *a = aho_new();
	struct hits h;

	(void)state;
	aho_add(a, "aa", 2, 7);
	aho_add(a, "a", 1, 5);
	aho_add(a, "aa", 2, 8);
	aho_build(a);
	assert_int_equal(aho_states(a), 3);
	memset(&h, 0, sizeof(h));
	aho_scan(a, "aaa", 3, on_hit, &h);
	assert_string_equal(h.buf,
	    "0-1:5 0-2:8 0-2:7 1-2:5 1-3:8 1-3:7 2-3:5 ");
	aho_free(a);
}

/* Bytes above 0x7F and NUL-free binary keys. */
static void
t_aho_bytes(void **state)
{
	struct aho *a = aho_new();
	struct hits h;

	(void)state;
	aho_add(a, "\xC3\xBC", 2, 1);
	aho_add(a, "\xFF\x01", 2, 2);
	aho_build(a);
	memset(&h, 0, sizeof(h));
	aho_scan(a, "T\xC3\xBCrk\xFF\x01", 7, on_hit, &h);
	assert_string_equal(h.buf, "1-3:1 5-7:2 ");
	aho_free(a);
}

/* --- a small lexicon ------------------------------------------------- */

static char tmpdir[64];

static const char *const files[][2] = {
	{ "countries.tsv",
	  "# iso3 cow name variants\n"
	  "CHN\t710\tChina\tChina|People's Republic of China\n"
	  "RUS\t365\tRussian Federation\tRussian Federation\n"
	  "TUR\t640\tT\xC3\xBCrkiye\tT\xC3\xBCrkiye|"
	  "Republic of T\xC3\xBCrkiye\n"
	  "USA\t2\tUnited States\tUnited States\n"
	  "GIN\t438\tGuinea\tGuinea\n"
	  "PNG\t910\tPapua New Guinea\tPapua New Guinea\n"
	  "MEX\t70\tMexico\tMexico\n"
	  "ATA\t\tAntarctica\tAntarctica\n" },
	{ "country-aliases.tsv",
	  "RUS\tRussia\t-\t-\tRussian\n"
	  "USA\t-\tAmerica\tUS|U.S.\tAmerican\n"
	  "TUR\t-\tTurkey\t-\tTurkish\n"
	  "CHN\t-\t-\tPRC\tChinese\n" },
	{ "regions.tsv",
	  "region/asia\tAsia\t-\tAsian\n"
	  "region/central-asia\tCentral Asia\t-\tCentral Asian\n"
	  "region/west\t[the] West\t-\t-\n"
	  "region/gulf\t[the] Gulf\tGulf [states]\t-\n" },
	{ "orgs.tsv",
	  "org/sco\tShanghai Cooperation Organization\tSCO\t-\n"
	  "org/un\tUnited Nations\tUN\t-\n"
	  "org/unsc\tUnited Nations Security Council\t-\t-\n" },
	{ "armed-groups.tsv",
	  "org/al-qaeda\tal-Qaeda\t-\t-\n" },
	{ "groups.tsv",
	  "group/uyghurs\tUyghurs\tUyghur\t-\n" },
	{ "laws.tsv", "# none\n" },
	{ "cities.tsv",
	  "city/beijing\tBeijing\tCHN\tcapital\t-\n"
	  "city/moscow\tMoscow\tRUS\tcapital\t-\n"
	  "city/shanghai\tShanghai\tCHN\t-\t-\n"
	  "city/istanbul\tIstanbul\tTUR\t-\t-\n" },
	{ "metonyms.tsv", "Kremlin\tcountry/RUS\n" },
	{ "block.tsv", "New Mexico\n" },
	{ "ambiguous.tsv", "# none\n" },
	{ "spelling.tsv",
	  "Organization\tOrganisation\n"
	  "United Nations\tUN\n"
	  "United Nations\tU.N.\n" },
	{ "orgheads.txt", "Institute\nOrganization\nProcess\nStructure\n"
	  "Ministry\nOffice\nForces\n" },
	{ "lawheads.txt", "Treaty\nAgreement\n" },
	{ "titles.txt", "president\nforeign minister\n" },
	{ "positions.txt", "associate\nfellow\nenvoy\n" },
	{ "nonnames.txt", "the\nin\nbesides\n" },
	{ "particles.txt", "al\nbin\n" },
	{ "connectors.txt", "of\nfor\nand\nthe\non\nin\n" },
	{ "family-first.txt", "xi\n" },
	{ "locatives.txt", "in\nto\nthe\n" },
	{ "verbs.txt", "said\n" },
};

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	free(path);
}

/* Write the lexicon, with file `over` replaced by `text` if not NULL. */
static void
write_lexicon(const char *over, const char *text)
{
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		write_file(tmpdir, files[i][0],
		    over != NULL && strcmp(over, files[i][0]) == 0 ?
		    text : files[i][1]);
}

static struct ner *
load(void)
{
	return ner_load(tmpdir, tmpdir);
}

/* A document of one paragraph per "\n\n"-separated block. */
static struct document *
doc_of(const char *text, enum role role)
{
	struct document *d = xcalloc(1, sizeof(*d));
	size_t i, s, cap = 0;
	const char *t;
	char pid[32];

	assert_int_equal(article_from_mem("t", text, strlen(text), &d->art),
	    0);
	d->id = xstrdup("t");
	t = d->art->text;
	for (i = 0; i <= d->art->len; ) {
		s = i;
		while (i < d->art->len && !(t[i] == '\n' && t[i + 1] == '\n'))
			i++;
		d->para = xgrow(d->para, &cap, d->npara + 1, sizeof(*d->para));
		memset(&d->para[d->npara], 0, sizeof(*d->para));
		d->para[d->npara].start = s;
		d->para[d->npara].end = i;
		d->para[d->npara].role = role;
		d->para[d->npara].ordinal = d->npara + 1;
		snprintf(pid, sizeof(pid), "t-p%zu", d->npara + 1);
		d->para[d->npara].id = document_strdup(d, pid);
		d->npara++;
		i += 2;
	}
	return d;
}

/*
 * Run the tool on text; return its mentions as "surface=id/form;" in
 * text order (written into out).
 */
static const char *
run(struct ner *n, const char *text, enum role role, char *out, size_t max)
{
	struct document *d = doc_of(text, role);
	struct entity_set es;
	size_t i, o = 0;

	memset(&es, 0, sizeof(es));
	assert_int_equal(ner_run(n, d, &es), 0);
	out[0] = '\0';
	for (i = 0; i < d->nment; i++) {
		const struct mention *m = &d->ment[i];

		o += (size_t)snprintf(out + o, max - o, "%.*s=%s/%s;",
		    (int)(m->end - m->start), d->art->text + m->start,
		    m->entity_id, mform_name(m->form));
		assert_true(o < max);
	}
	document_free(d);
	entity_set_release(&es);
	return out;
}

/* The same with the first paragraph a heading. */
static const char *
run_heading(struct ner *n, const char *text, char *out, size_t max)
{
	struct document *d = doc_of(text, ROLE_BODY);
	struct entity_set es;
	size_t i, o = 0;

	d->para[0].role = ROLE_HEADING;
	memset(&es, 0, sizeof(es));
	assert_int_equal(ner_run(n, d, &es), 0);
	out[0] = '\0';
	for (i = 0; i < d->nment; i++)
		o += (size_t)snprintf(out + o, max - o, "%.*s=%s/%s;",
		    (int)(d->ment[i].end - d->ment[i].start),
		    d->art->text + d->ment[i].start, d->ment[i].entity_id,
		    mform_name(d->ment[i].form));
	assert_true(o < max);
	document_free(d);
	entity_set_release(&es);
	return out;
}

static struct ner *N;

static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/t_aho.XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	write_lexicon(NULL, NULL);
	N = load();
	return N == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	size_t i;
	char *path;

	(void)state;
	ner_free(N);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path = xasprintf("%s/%s", tmpdir, files[i][0]);
		unlink(path);
		free(path);
	}
	rmdir(tmpdir);
	return 0;
}

#define RUN(text)	run(N, (text), ROLE_BODY, out, sizeof(out))

/* "Shanghai" inside the organisation's name belongs to it. */
static void
t_leftmost_longest(void **state)
{
	char out[1024];

	(void)state;
	assert_string_equal(RUN("The Shanghai Cooperation Organization met "
	    "in Shanghai."),
	    "Shanghai Cooperation Organization=org/sco/name;"
	    "Shanghai=city/shanghai/name;");
	/* Longest at one start; then leftmost wins over a longer later
	 * name ("Papua New Guinea" holds "Guinea"). */
	assert_string_equal(RUN("Papua New Guinea and Guinea."),
	    "Papua New Guinea=country/PNG/name;Guinea=country/GIN/name;");
	assert_string_equal(RUN("the United Nations Security Council and the "
	    "United Nations"),
	    "United Nations Security Council=org/unsc/name;"
	    "United Nations=org/un/name;");
	/* Central Asia, not Asia; Central Asian, not Asian. */
	assert_string_equal(RUN("Central Asian states of Central Asia in "
	    "Asia"),
	    "Central Asian=region/central-asia/adjective;"
	    "Central Asia=region/central-asia/name;Asia=region/asia/name;");
}

static void
t_boundaries(void **state)
{
	char out[1024];

	(void)state;
	/* Inside a word: no; after a hyphen: yes. */
	assert_string_equal(RUN("Chinatown, Indochina, anti-China, "
	    "pro-Russian."),
	    "China=country/CHN/name;Russian=country/RUS/adjective;");
	assert_string_equal(RUN("Russias Russian"),
	    "Russian=country/RUS/adjective;");
	/* Line breaks and runs of spaces inside a name. */
	assert_string_equal(RUN("the Shanghai\nCooperation   Organization"),
	    "Shanghai\nCooperation   Organization=org/sco/name;");
}

static void
t_acronym_case(void **state)
{
	char out[1024];

	(void)state;
	assert_string_equal(RUN("SCO, sco, Sco; the US and us; U.S. "
	    "policy"),
	    "SCO=org/sco/acronym;US=country/USA/acronym;"
	    "U.S.=country/USA/acronym;");
	/* Names need their capitals; all capitals are fine. */
	assert_string_equal(RUN("turkey, Turkey, TURKEY, the west, the West"),
	    "Turkey=country/TUR/name;TURKEY=country/TUR/name;"
	    "West=region/west/name;");
	/* A variant in capitals ("UN" from spelling.tsv) is an acronym. */
	assert_string_equal(RUN("Kim Jong Un met the UN and the U.N."),
	    "UN=org/un/acronym;U.N.=org/un/acronym;");
	/* A lower-case word of the entry needs no capital. */
	assert_string_equal(RUN("Al-Qaeda and al-Qaeda"),
	    "Al-Qaeda=org/al-qaeda/name;al-Qaeda=org/al-qaeda/name;");
}

static void
t_possessive_plural(void **state)
{
	char out[1024];

	(void)state;
	assert_string_equal(RUN("China\xE2\x80\x99s and China's policy; "
	    "the SCO\xE2\x80\x99s members"),
	    "China=country/CHN/name;China=country/CHN/name;"
	    "SCO=org/sco/acronym;");
	/* Plurals of groups and demonyms, not of country names. */
	assert_string_equal(RUN("Uyghurs, a Uyghur, Americans, Chinas"),
	    "Uyghurs=group/uyghurs/name;Uyghur=group/uyghurs/name;"
	    "Americans=country/USA/adjective;");
	assert_string_equal(RUN("the Uyghurs\xE2\x80\x99 rights"),
	    "Uyghurs=group/uyghurs/name;");
}

/* Offsets are bytes of the source text, NFC or not. */
static void
t_utf8_offsets(void **state)
{
	const char *text = "\xC3\x87" "a: T\xC3\xBCrkiye, Tu\xCC\x88rkiye, "
	    "TURKIYE and Turkiye.";
	struct document *d = doc_of(text, ROLE_BODY);
	struct entity_set es;
	size_t i;

	(void)state;
	memset(&es, 0, sizeof(es));
	assert_int_equal(ner_run(N, d, &es), 0);
	assert_int_equal(d->nment, 4);
	/* Precomposed: bytes 5..13, code points 4..11. */
	assert_int_equal(d->ment[0].start, 5);
	assert_int_equal(d->ment[0].end, 13);
	assert_int_equal(utf8_count(text, d->ment[0].start), 4);
	assert_int_equal(utf8_count(text, d->ment[0].end), 11);
	/* Decomposed: "u" + U+0308, the mark belongs to the mention. */
	assert_int_equal(d->ment[1].start, 15);
	assert_int_equal(d->ment[1].end, 24);
	assert_memory_equal(text + 15, "Tu\xCC\x88rkiye", 9);
	for (i = 0; i < d->nment; i++)
		assert_string_equal(d->ment[i].entity_id, "country/TUR");
	assert_memory_equal(text + d->ment[3].start, "Turkiye", 7);
	document_free(d);
	entity_set_release(&es);
}

static void
t_context_block_spelling(void **state)
{
	char out[1024];

	(void)state;
	/* "[the] West": "the" must precede, is not in the mention. */
	assert_string_equal(RUN("the West, West Point, the Gulf, Gulf "
	    "states"),
	    "West=region/west/name;Gulf=region/gulf/name;"
	    "Gulf=region/gulf/name;");
	/* A blocked name hides the one inside it. */
	assert_string_equal(RUN("New Mexico and Mexico"),
	    "Mexico=country/MEX/name;");
	/* Spelling variants from spelling.tsv. */
	assert_string_equal(RUN("the Shanghai Cooperation Organisation"),
	    "Shanghai Cooperation Organisation=org/sco/name;");
	assert_string_equal(RUN("UN Security Council"),
	    "UN Security Council=org/unsc/name;");
}

static void
t_capitals(void **state)
{
	char out[1024];

	(void)state;
	assert_string_equal(RUN("Beijing has agreed."),
	    "Beijing=country/CHN/metonym;");
	assert_string_equal(RUN("Beijing\xE2\x80\x99s view."),
	    "Beijing=country/CHN/metonym;");
	assert_string_equal(RUN("They met in Beijing."),
	    "Beijing=city/beijing/name;");
	assert_string_equal(RUN("At the Beijing summit."),
	    "Beijing=city/beijing/name;");
	assert_string_equal(RUN("Beijing, the capital, is large."),
	    "Beijing=city/beijing/name;");
	assert_string_equal(RUN("Moscow, for its part, agreed."),
	    "Moscow=country/RUS/metonym;");
	assert_string_equal(RUN("They urged Moscow to act."),
	    "Moscow=country/RUS/metonym;");
	/* Listed capitals share their use. */
	assert_string_equal(RUN("He flew to Moscow and Beijing last week."),
	    "Moscow=city/moscow/name;Beijing=city/beijing/name;");
	/* Not a capital: always the city; a seat of government: always
	 * the country. */
	assert_string_equal(RUN("Shanghai has grown. The Kremlin said."),
	    "Shanghai=city/shanghai/name;Kremlin=country/RUS/metonym;");
}

static void
t_definitions(void **state)
{
	char out[1024];
	struct document *d;
	struct entity_set es;
	const struct entity *e;

	(void)state;
	/* Long Form (SF): a new organisation; later uses resolve. */
	assert_string_equal(RUN("MERICS works.\n\nShe joined the Mercator "
	    "Institute for China Studies (MERICS). MERICS grew."),
	    "MERICS=org/merics/acronym;"
	    "Mercator Institute for China Studies=org/merics/name;"
	    "MERICS=org/merics/acronym;MERICS=org/merics/acronym;");
	/* SF (Long Form). */
	assert_string_equal(RUN("RATS (Regional Anti-Terrorist Structure) "
	    "meets; RATS and rats."),
	    "RATS=org/rats/acronym;"
	    "Regional Anti-Terrorist Structure=org/rats/name;"
	    "RATS=org/rats/acronym;");
	/* A definition links a lexicon entity to its acronym. */
	assert_string_equal(RUN("the People's Republic of China (PRC). The "
	    "PRC said."),
	    "People's Republic of China=country/CHN/name;PRC=country/CHN/"
	    "acronym;PRC=country/CHN/acronym;");
	/* Not a name, or not an organisation or treaty: nothing. */
	assert_string_equal(RUN("weapons of mass destruction (WMD) and "
	    "Gross Domestic Product (GDP)"), "");
	/* "U.S." is one word; any organisation word in a long form. */
	assert_string_equal(RUN("U.S. Forces Korea (USFK) said; the U.S. "
	    "agreed."),
	    "U.S. Forces Korea=org/usfk/name;USFK=org/usfk/acronym;"
	    "U.S.=country/USA/acronym;");
	/* A treaty word makes a law. */
	assert_string_equal(RUN("a Digital Economy Framework Agreement "
	    "(DEFA)"),
	    "Digital Economy Framework Agreement=law/defa/name;"
	    "DEFA=law/defa/acronym;");
	d = doc_of("the Mercator Institute for China Studies (MERICS)",
	    ROLE_BODY);
	memset(&es, 0, sizeof(es));
	assert_int_equal(ner_run(N, d, &es), 0);
	e = entity_set_find(&es, "org/merics");
	assert_non_null(e);
	assert_string_equal(e->name, "Mercator Institute for China Studies");
	assert_string_equal(e->acronym, "MERICS");
	assert_int_equal(e->source, ES_ACRONYM);
	assert_int_equal(e->type, ET_ORGANIZATION);
	assert_null(entity_set_find(&es, "country/CHN"));
	document_free(d);
	entity_set_release(&es);
}

static void
t_head_words(void **state)
{
	char out[1024];

	(void)state;
	assert_string_equal(RUN("Besides the Istanbul Process, the Chinese "
	    "Foreign Ministry spoke."),
	    "Istanbul Process=org/istanbul-process/name;"
	    "Chinese Foreign Ministry=org/chinese-foreign-ministry/name;");
	/* Found in the body, the name counts in a heading too; a heading
	 * alone makes none. */
	assert_string_equal(run_heading(N, "The Istanbul Process Grows\n\n"
	    "The Istanbul Process met.", out, sizeof(out)),
	    "Istanbul Process=org/istanbul-process/name;"
	    "Istanbul Process=org/istanbul-process/name;");
	assert_string_equal(run(N, "The Istanbul Process Grows", ROLE_HEADING,
	    out, sizeof(out)), "Istanbul=city/istanbul/name;");
	/* One capitalised word is not enough. */
	assert_string_equal(RUN("Ministry officials said."), "");
}

static void
t_people(void **state)
{
	char out[1024];

	(void)state;
	assert_string_equal(RUN("President Xi Jinping met Foreign Minister "
	    "Sergey Lavrov. Xi left; Lavrov stayed."),
	    "Xi Jinping=person/xi-jinping/name;"
	    "Sergey Lavrov=person/sergey-lavrov/name;"
	    "Xi=person/xi-jinping/name;Lavrov=person/sergey-lavrov/name;");
	assert_string_equal(run(N, "Moritz Rudolf is a Research Associate "
	    "at MERICS. Marc Julienne is a Visiting Fellow.",
	    ROLE_AUTHOR_NOTE, out, sizeof(out)),
	    "Moritz Rudolf=person/moritz-rudolf/name;"
	    "Marc Julienne=person/marc-julienne/name;");
	assert_string_equal(RUN("\"Yes,\" said Jane Roe, a fellow at the "
	    "institute."), "Jane Roe=person/jane-roe/name;");
	assert_string_equal(RUN("Beijing's envoy to the United Nations, Fu "
	    "Cong, told them."),
	    "Beijing=country/CHN/metonym;United Nations=org/un/name;"
	    "Fu Cong=person/fu-cong/name;");
	/* A country is not a person; nor is a sentence start. */
	assert_string_equal(RUN("China is a member. The Institute is an "
	    "associate."), "China=country/CHN/name;");
}

static void
t_furniture(void **state)
{
	char out[1024];

	(void)state;
	assert_string_equal(run(N, "Credit: Russian Presidential Press and "
	    "Information Office", ROLE_CREDIT, out, sizeof(out)), "");
	assert_string_equal(run(N, "China Power | Subscribe", ROLE_BOILERPLATE,
	    out, sizeof(out)), "");
	assert_string_equal(run(N, "Credit: Russian Presidential Press and "
	    "Information Office", ROLE_CAPTION, out, sizeof(out)),
	    "Russian Presidential Press and Information Office="
	    "org/russian-presidential-press-and-information-office/name;");
}

/* Bad lexicon files: NULL and a diagnostic; the good one loads again. */
static void
t_bad_lexicon(void **state)
{
	static const char *const bad[][2] = {
		{ "orgs.tsv", "org/sco\tShanghai Cooperation Organization\n"
		  "org/x\tX\tX\tX\tX\tX\n" },
		{ "orgs.tsv", "Org/sco\tSCO\t-\t-\n" },
		{ "orgs.tsv",
		  "org/sco\tShanghai Cooperation Organization\t-\t-\n"
		  "org/sco2\tShanghai Cooperation Organization\t-\t-\n" },
		{ "orgs.tsv", "org/sco\tA\t-\t-\norg/sco\tB\t-\t-\n" },
		{ "cities.tsv", "city/x\tX\tXXX\tcapital\t-\n" },
		{ "cities.tsv", "city/x\tX\t-\tcapital\t-\n" },
		{ "country-aliases.tsv", "ZZZ\t-\t-\t-\t-\n" },
		{ "metonyms.tsv", "Kremlin\tcountry/ZZZ\n" },
		{ "block.tsv", "China\n" },
		{ "titles.txt", "a b c d e\n" },
		{ "regions.tsv", "region/x\t[the]\t-\t-\n" },
	};
	size_t i;

	(void)state;
	diag_set_verbosity(-1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_lexicon(bad[i][0], bad[i][1]);
		diag_reset();
		assert_null(load());
		/* an unusable lexicon file is a usage error: exit 2 */
		assert_int_equal(diag_exit(), EXIT_USAGE);
	}
	/* A missing file is an I/O error. */
	write_lexicon(NULL, NULL);
	diag_reset();
	assert_null(ner_load("/nonexistent/lexicon", tmpdir));
	assert_int_equal(diag_exit(), EXIT_SYS);
	diag_reset();
	diag_set_verbosity(0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_aho_all),
		cmocka_unit_test(t_aho_values),
		cmocka_unit_test(t_aho_bytes),
		cmocka_unit_test(t_leftmost_longest),
		cmocka_unit_test(t_boundaries),
		cmocka_unit_test(t_acronym_case),
		cmocka_unit_test(t_possessive_plural),
		cmocka_unit_test(t_utf8_offsets),
		cmocka_unit_test(t_context_block_spelling),
		cmocka_unit_test(t_capitals),
		cmocka_unit_test(t_definitions),
		cmocka_unit_test(t_head_words),
		cmocka_unit_test(t_people),
		cmocka_unit_test(t_furniture),
		cmocka_unit_test(t_bad_lexicon),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
