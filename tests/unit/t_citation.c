/* t_citation: reading, checking and stamping CITATION.cff files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/buf.h"
#include "lib/diag.h"
#include "lib/fs.h"
#include "lib/version.h"
#include "lib/xalloc.h"
#include "release/citation.h"

static char *
fixture(const char *name)
{
	const char *root = getenv("ROOT");

	return xasprintf("%s/tests/release/%s", root != NULL ? root : ".",
	    name);
}

/* Stderr goes to a file while a check runs; its text comes back. */
static int saved = -1;
static char errpath[] = "/tmp/t_citation.err.XXXXXX";

static void
capture(void)
{
	int fd = mkstemp(errpath);

	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	close(fd);
}

static char *
captured(void)
{
	char *s;
	size_t n;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(fs_read_file(errpath, 1 << 16, &s, &n), 0);
	unlink(errpath);
	memcpy(errpath + strlen(errpath) - 6, "XXXXXX", 6);
	return s;
}

static const char stamped[] =
"# Citation metadata of release 1.0.0 (2024-05-01), written by sheaf "
    SHEAF_VERSION ".\n"
"cff-version: 1.2.0\n"
"message: Please cite this dataset using these metadata.\n"
"type: dataset\n"
"title: \"Fixture corpus: treaties in two articles\"\n"
"date-released: \"2024-05-01\"\n"
"abstract: >-\n"
"  A small test corpus of two articles.  Its tables exist only to test "
    "the release machinery.\n"
"authors:\n"
"- given-names: Ada\n"
"  family-names: Lovelace\n"
"  name-particle: de\n"
"  orcid: \"https://orcid.org/0000-0002-1825-0097\"\n"
"- name: \"sheaf developers\"\n"
"keywords:\n"
"- testing\n"
"- \"2024\"\n"
"license: CC-BY-4.0\n"
"identifiers:\n"
"- type: url\n"
"  value: \"https://example.org/fixture\"\n"
"  description: Where the fixture would live\n"
"contact:\n"
"- name: \"sheaf developers\"\n"
"  email: sheaf@example.org\n"
"version: \"1.0.0\"\n"
"references:\n"
"- type: newspaper-article\n"
"  title: China’s Counterterrorism Campaign Goes Global\n"
"  authors:\n"
"  - given-names: Zi\n"
"    family-names: Yang\n"
"  - name: Reuters\n"
"  journal: The Diplomat\n"
"  publisher:\n"
"    name: The Diplomat\n"
"  url: https://thediplomat.com/2017/09/x/\n"
"  date-published: \"2017-09-12\"\n"
"  languages:\n"
"  - en\n"
"- type: newspaper-article\n"
"  title: 'Second: a title'\n"
"  authors:\n"
"  - name: anonymous\n"
"  year: 2016\n"
"  month: 3\n";

/* The references of r[] one at a time (citation_stamp_next's next). */
struct two {
	const struct citation_ref	*r;
	size_t				 i;
};

static const struct citation_ref *
two_next(void *arg)
{
	struct two *t = arg;

	return t->i < 2 ? &t->r[t->i++] : NULL;
}

static void
t_read_stamp(void **state)
{
	struct citation c;
	struct buf b;
	char *p = fixture("CITATION.cff");
	const struct citation_ref r[2] = {
		{ "China’s Counterterrorism Campaign Goes Global",
		  "Zi Yang; Reuters; Zi Yang", "The Diplomat",
		  "https://thediplomat.com/2017/09/x/", "2017-09-12", "en",
		  "zi-yang" },
		{ "Second: a title", NULL, NULL, "not a url", "2016-03",
		  "en-GB", NULL },
	};

	(void)state;
	assert_int_equal(citation_read(p, &c), 0);
	free(p);
	assert_string_equal(c.title,
	    "Fixture corpus: treaties in two articles");
	assert_string_equal(c.message,
	    "Please cite this dataset using these metadata.");
	assert_string_equal(c.abstract, "A small test corpus of two "
	    "articles.  Its tables exist only to test the release "
	    "machinery.");
	assert_string_equal(c.version, "0.9");
	assert_null(c.doi);
	assert_null(c.url);
	assert_int_equal(c.nauthors, 2);
	assert_string_equal(c.authors[0], "Ada de Lovelace");
	assert_string_equal(c.authors[1], "sheaf developers");
	assert_null(c.authors[2]);
	assert_int_equal(c.nlicenses, 1);
	assert_string_equal(c.licenses[0], "CC-BY-4.0");
	assert_int_equal(c.nkeywords, 2);
	assert_string_equal(c.keywords[0], "testing");
	assert_string_equal(c.keywords[1], "2024");
	buf_init(&b);
	assert_int_equal(citation_stamp(&c, "1.0.0", "2024-05-01", r, 2,
	    &b), 0);
	assert_string_equal(b.s, stamped);
	buf_release(&b);

	/* the same bytes from the references one at a time, into a buf
	 * and into a file */
	struct two t = { r, 0 };
	struct fs_out o;
	char dir[] = "/tmp/t_citation.XXXXXX", *out, *text;
	size_t len;

	buf_init(&b);
	assert_int_equal(citation_stamp_next(&c, "1.0.0", "2024-05-01",
	    two_next, &t, &b), 0);
	assert_string_equal(b.s, stamped);
	buf_release(&b);
	assert_non_null(mkdtemp(dir));
	out = xasprintf("%s/CITATION.cff", dir);
	assert_int_equal(fs_out_open(&o, out), 0);
	t.i = 0;
	assert_int_equal(citation_stamp_file(&c, "1.0.0", "2024-05-01",
	    two_next, &t, &o), 0);
	assert_int_equal(fs_out_close(&o), 0);
	assert_int_equal(fs_read_file(out, 1 << 20, &text, &len), 0);
	assert_int_equal(len, strlen(stamped));
	assert_string_equal(text, stamped);
	free(text);
	fs_rmtree(dir);
	free(out);
	citation_release(&c);
}

/* The root CITATION.cff of the tree reads cleanly. */
static void
t_root(void **state)
{
	const char *root = getenv("ROOT");
	char *p = xasprintf("%s/CITATION.cff", root != NULL ? root : ".");
	struct citation c;

	(void)state;
	assert_int_equal(citation_read(p, &c), 0);
	assert_string_equal(c.version, "1.0.0");
	assert_string_equal(c.licenses[0], "CC-BY-4.0");
	assert_string_equal(c.authors[0], "sheaf developers");
	citation_release(&c);
	free(p);
}

static const struct {
	const char	*yaml;
	const char	*msg;	/* expected in the diagnostic */
} bad[] = {
	{ "cff-version: 1.2.0\nmessage: m\ntitle: t\nabstract: a\n"
	  "license: CC-BY-4.0\nauthors:\n  - name: x\n",
	  ": missing 'type: dataset' (the default is software)" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: software\ntitle: t\n"
	  "abstract: a\nlicense: MIT\nauthors:\n  - name: x\n",
	  ":3: type must be 'dataset', not 'software'" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\nabstract: a\n"
	  "license: MIT\nauthors:\n  - name: x\n",
	  "missing required key 'title'" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\ntitle: t\n"
	  "abstract: a\nlicense: MIT\nauthors:\n  - name: x\ncolour: red\n",
	  ":9: unknown key 'colour' (not in CFF 1.2.0)" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\ntitle: t\n"
	  "abstract: a\nlicense: MIT\nauthors: everyone\n",
	  ":7: 'authors' must be a non-empty list" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\ntitle: t\n"
	  "abstract: a\nlicense: MIT\nauthors:\n  - name: x\n"
	  "    given-names: y\n",
	  ":9: unknown key 'given-names' for an author (an entity" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\ntitle: [t]\n"
	  "abstract: a\nlicense: MIT\nauthors:\n  - name: x\n",
	  ":4: 'title' must be a non-empty string" },
	{ "cff-version: 1.1.0\nmessage: m\ntype: dataset\ntitle: t\n"
	  "abstract: a\nlicense: MIT\nauthors:\n  - name: x\n",
	  ":1: cff-version must be '1.2.0'" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\ntitle: t\n"
	  "title: u\nabstract: a\nlicense: MIT\nauthors:\n  - name: x\n",
	  ":5: duplicate key 'title'" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\ntitle: t\n"
	  "abstract: a\nauthors:\n  - name: x\n",
	  "missing required key 'license'" },
	{ "cff-version: 1.2.0\nmessage: m\ntype: dataset\ntitle: t\n"
	  "abstract: a\nlicense: MIT\nauthors:\n  - name: x\n"
	  "keywords: [a, a]\n", ":9: 'keywords' repeats 'a'" },
	{ "cff-version: 1.2.0\ntitle: \"unterminated\nmessage: m\n",
	  "invalid YAML: found unexpected end of stream" },
	{ "cff-version: 1.2.0\n  bad indent: [\n", ":2: invalid YAML" },
	{ "- a list\n- not a mapping\n",
	  ":1: the top level must be a mapping" },
	{ "a: 1\n---\nb: 2\n", ":2: more than one YAML document" },
	{ "", ": empty file" },
	/* A billion laughs: aliases that multiply. */
	{ "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
	  "document nested too deep or too large" },
};

static void
t_errors(void **state)
{
	char path[] = "/tmp/t_citation.XXXXXX", *err;
	struct citation c;
	size_t i;
	int fd;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fd = mkstemp(path);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, bad[i].yaml, strlen(bad[i].yaml)),
		    (ssize_t)strlen(bad[i].yaml));
		close(fd);
		diag_reset();
		capture();
		assert_int_equal(citation_read(path, &c), -1);
		err = captured();
		if (strstr(err, bad[i].msg) == NULL ||
		    strstr(err, path) == NULL)
			fail_msg("case %zu: expected '%s' naming the file, "
			    "got '%s'", i, bad[i].msg, err);
		assert_int_equal(diag_exit(), EXIT_DATA);
		assert_null(c.root);
		free(err);
		unlink(path);
		memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	}
	diag_reset();
	capture();
	assert_int_equal(citation_read("/nonexistent/CITATION.cff", &c), -1);
	free(captured());
	assert_int_equal(diag_exit(), EXIT_SYS);
	diag_reset();
}

/* Authors and contact with what identifies them (OCFL user, RO-Crate). */
static void
t_people(void **state)
{
	static const char yaml[] =
	    "cff-version: 1.2.0\nmessage: Cite it.\ntype: dataset\n"
	    "title: T\nabstract: A.\nlicense: CC0-1.0\n"
	    "authors:\n"
	    "  - given-names: Ines\n    family-names: Okafor\n"
	    "    orcid: https://orcid.org/0000-0002-1825-0097\n"
	    "  - name: Field Lab\n    website: https://lab.example.org/\n";
	static const char contact[] =
	    "contact:\n  - name: Data Desk\n    email: desk@example.org\n";
	char path[] = "/tmp/t_citation.XXXXXX";
	struct citation c;
	int fd, round;

	(void)state;
	for (round = 0; round < 2; round++) {
		fd = mkstemp(path);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, yaml, strlen(yaml)),
		    (ssize_t)strlen(yaml));
		if (round == 1)
			assert_int_equal(write(fd, contact, strlen(contact)),
			    (ssize_t)strlen(contact));
		close(fd);
		assert_int_equal(citation_read(path, &c), 0);
		assert_int_equal(c.nauthors, 2);
		assert_string_equal(c.people[0].name, "Ines Okafor");
		assert_string_equal(c.people[0].orcid,
		    "https://orcid.org/0000-0002-1825-0097");
		assert_null(c.people[0].email);
		assert_int_equal(c.people[0].entity, 0);
		assert_string_equal(c.people[1].name, "Field Lab");
		assert_string_equal(c.people[1].website,
		    "https://lab.example.org/");
		assert_int_equal(c.people[1].entity, 1);
		assert_non_null(c.contact);
		if (round == 0) {
			/* no contact: the first author */
			assert_string_equal(c.contact->name, "Ines Okafor");
			assert_null(c.contact->email);
		} else {
			assert_string_equal(c.contact->name, "Data Desk");
			assert_string_equal(c.contact->email,
			    "desk@example.org");
			assert_int_equal(c.contact->entity, 1);
		}
		citation_release(&c);
		unlink(path);
		memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_read_stamp),
		cmocka_unit_test(t_root),
		cmocka_unit_test(t_errors),
		cmocka_unit_test(t_people),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
