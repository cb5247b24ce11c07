/* Unit tests: paragraph splitting, roles, offsets and ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/article.h"
#include "extract/segment.h"
#include "lib/xalloc.h"
#include "tables/model.h"

static struct seg_rules *rules;

static int
setup(void **state)
{
	const char *root = getenv("ROOT");
	char *p = xasprintf("%s/data/lexicon/roles.conf",
	    root != NULL ? root : ".");

	(void)state;
	rules = seg_rules_load(p);
	free(p);
	return rules == NULL;
}

static int
teardown(void **state)
{
	(void)state;
	seg_rules_free(rules);
	return 0;
}

static struct document *
seg(const char *text)
{
	struct document *d = xcalloc(1, sizeof(*d));

	assert_int_equal(article_from_mem("t.txt", text, strlen(text),
	    &d->art), 0);
	d->id = xstrdup("t");
	assert_int_equal(segment_run(d, rules), 0);
	return d;
}

static const char *
role(const struct document *d, size_t i)
{
	assert_true(i < d->npara);
	return role_name(d->para[i].role);
}

/* The roles of paragraphs from, from+1, ... joined by spaces are want. */
static void
assert_roles(const struct document *d, size_t from, const char *want)
{
	char got[1024];
	size_t i, len = 0;

	got[0] = '\0';
	for (i = from; i < d->npara && len + 16 < sizeof(got); i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s",
		    i > from ? " " : "", role_name(d->para[i].role));
	assert_string_equal(got, want);
}

#define LONG1 "The first paragraph of the body is long enough to read as " \
	"body text, with more than thirty words in it, so that it ends the " \
	"header zone of the page and starts the article itself for sure."
#define LONG2 "A second paragraph follows with enough words to be body " \
	"text as well, and it ends with a full stop like any sentence in " \
	"the running text of an article would do at its end."

static void
t_caption_credit_block(void **state)
{
	struct document *d;

	(void)state;
	/* a caption and its credit in one block become two paragraphs */
	d = seg("A Title Line\n\nThe standfirst says what it is about.\n\n"
	    LONG1 "\n\nPeople at a meeting in a hall\nImage Credit: Someone\n\n"
	    LONG2);
	assert_int_equal(d->npara, 6);
	assert_string_equal(role(d, 0), "title");
	assert_string_equal(role(d, 1), "subtitle");
	assert_string_equal(role(d, 2), "body");
	assert_string_equal(role(d, 3), "caption");
	assert_string_equal(role(d, 4), "credit");
	assert_string_equal(d->para[4].text, "Image Credit: Someone");
	assert_string_equal(role(d, 5), "body");
	assert_string_equal(d->title, "A Title Line");
	assert_string_equal(d->subtitle, "The standfirst says what it is about.");
	document_free(d);
}

static void
t_title_is_most_repeated(void **state)
{
	struct document *d;

	(void)state;
	/* furniture, then the title twice; no standfirst */
	d = seg("Section\n\nThe Real Title Here\n\nMore Stuff\n\n"
	    "The Real Title Here\n\n" LONG1);
	assert_string_equal(role(d, 0), "boilerplate");
	assert_string_equal(role(d, 1), "title");
	assert_string_equal(role(d, 2), "boilerplate");
	assert_string_equal(role(d, 3), "boilerplate");
	assert_string_equal(role(d, 4), "body");
	document_free(d);
}

static void
t_hard_wrapped(void **state)
{
	struct document *d;

	(void)state;
	d = seg("Short wrapped lines of text that go on\n"
	    "and on until the paragraph ends here.\n"
	    "A new one starts.\n"
	    "Then another paragraph starts here and\n"
	    "carries on for a while before it ends.");
	/* breaks only after a short line that ends a sentence */
	assert_int_equal(d->npara, 2);
	assert_string_equal(d->para[0].text, "Short wrapped lines of text that "
	    "go on and on until the paragraph ends here. A new one starts.");
	assert_int_equal(d->para[1].cstart, 95);
	document_free(d);
}

static void
t_offsets_and_ids(void **state)
{
	struct document *d;

	(void)state;
	d = seg("  Same\u00a0line \n\nSame line\n\nx\u2019y z.");
	assert_int_equal(d->npara, 3);
	/* trimmed span in code points; NBSP normalised */
	assert_int_equal(d->para[0].cstart, 2);
	assert_int_equal(d->para[0].cend, 11);
	assert_string_equal(d->para[0].text, "Same line");
	assert_int_equal(d->para[2].cstart, 25);
	assert_int_equal(d->para[2].cend, 31);
	/* ids from content; a repeat gets .2 */
	assert_string_equal(d->para[0].id, "t:p700386bbaf");
	assert_string_equal(d->para[1].id, "t:p700386bbaf.2");
	assert_int_equal(d->para[0].ordinal, 1);
	assert_int_equal(d->para[2].ordinal, 3);
	document_free(d);
}

static void
t_author_note_and_byline(void **state)
{
	struct document *d;

	(void)state;
	d = seg("A Title Line\n\nBy Ann Lee and Bo Park\n\n" LONG1 "\n\n"
	    LONG2 "\n\nAnn Lee is a fellow at a think tank. Bo Park is an "
	    "editor.");
	assert_string_equal(role(d, 1), "author_note");
	assert_string_equal(role(d, 4), "author_note");
	assert_string_equal(d->authors, "Ann Lee; Bo Park");
	document_free(d);
	d = seg("A Title Line\n\n" LONG1 "\n\nJo Smith and Al Green are "
	    "researchers at a university.");
	assert_string_equal(role(d, 2), "author_note");
	assert_string_equal(d->authors, "Jo Smith; Al Green");
	document_free(d);
	d = seg("A Title Line\n\nBy Ann Lee | June 3, 2015\n\n" LONG1);
	assert_string_equal(role(d, 1), "author_note");
	assert_string_equal(d->authors, "Ann Lee");
	document_free(d);
}

static void
t_headings(void **state)
{
	struct document *d;

	(void)state;
	d = seg("A Title Line\n\n" LONG1 "\n\nWhat Comes Next for the Region\n\n"
	    LONG2 "\n\na lower case line that is not a heading at all here\n\n"
	    LONG2);
	assert_string_equal(role(d, 2), "heading");
	assert_string_equal(role(d, 3), "body");
	assert_string_equal(d->para[3].section, "What Comes Next for the Region");
	assert_null(d->para[1].section);
	assert_string_equal(role(d, 4), "caption");
	document_free(d);
}

static void
t_furniture_and_credits(void **state)
{
	struct document *d;

	(void)state;
	/* a credit in parentheses; a credit with no prefix but an agency;
	 * furniture that says what it is; a page copyright notice */
	d = seg("A Title Line\n\nThe standfirst says what it is about.\n\n"
	    "People wait outside a building.\n\n(Photo: Some Agency)\n\n"
	    LONG1 "\n\nA leader watches a test in this photo\n\n"
	    "Agency One via Reuters\n\n" LONG2 "\n\nRelated: Another story "
	    "| And one more\n\n\u00a9 2024 All rights reserved.");
	assert_int_equal(d->npara, 10);
	assert_string_equal(role(d, 2), "caption");
	assert_string_equal(role(d, 3), "credit");
	assert_string_equal(role(d, 4), "body");
	assert_string_equal(role(d, 5), "caption");
	assert_string_equal(role(d, 6), "credit");
	assert_string_equal(role(d, 7), "body");
	assert_string_equal(role(d, 8), "boilerplate");
	assert_string_equal(role(d, 9), "boilerplate");
	document_free(d);
}

static void
t_wire_dateline(void **state)
{
	struct document *d;

	(void)state;
	/* short wire paragraphs: the dateline ends the header zone; the
	 * sign-off names people (an author note), what follows it is
	 * furniture */
	d = seg("Europe | Energy\n\nPort deal signed after long talks\n\n"
	    "June 9, 2031 \u00b7 10:15 AM UTC\n\n"
	    "VALLETTA, Malta, June 9 (Wire) \u2013 Two harbour authorities "
	    "signed a port agreement on Monday.\n\n"
	    "The deal covers ferries and cargo.\n\n"
	    "Officials said talks took four years.\n\n"
	    "(Reporting by Ann Roe; Editing by Bo Li)\n\n"
	    "Our principles of reporting\n\n\u00a9 2031 Wire. All rights.");
	assert_int_equal(d->npara, 9);
	assert_roles(d, 0, "boilerplate title boilerplate body body body "
	    "author_note boilerplate boilerplate");
	assert_string_equal(d->title, "Port deal signed after long talks");
	document_free(d);
	/* a place of several words and an em dash; a place in capitals
	 * and a colon; a place in title case and the agency in brackets;
	 * right under the title, where no standfirst comes first */
	static const char *const lead[] = {
		"SAN JOSE \u2014 A river treaty took effect today.",
		"NEW HAVEN: A river treaty took effect today.",
		"Port Louis (Wire Service) - A river treaty took effect "
		    "today.",
		"SAN JOSE, May 2 (Wire) \u2014 A river treaty took effect "
		    "today.",
		/* no dateline: the sentence under the title is its standfirst */
		"Port Louis said a river treaty took effect today.",
	};
	size_t i;
	char *text;

	for (i = 0; i < sizeof(lead) / sizeof(lead[0]); i++) {
		text = xasprintf("River treaty comes into force\n\n%s\n\n"
		    "It sets fishing quotas.", lead[i]);
		d = seg(text);
		assert_roles(d, 0, i + 1 < sizeof(lead) / sizeof(lead[0]) ?
		    "title body body" : "title subtitle body");
		document_free(d);
		free(text);
	}
}

static void
t_short_paragraphs_no_dateline(void **state)
{
	struct document *d;

	(void)state;
	/* a headline over a standfirst that is no sentence, a byline, then
	 * two short sentence paragraphs in a row: the story */
	d = seg("News\n\nTwo towns agree to share a water plant\n\n"
	    "The plant will serve both towns from next spring under the new "
	    "deal\n\nBy Ed Fox\n\nThe two councils voted on Tuesday.\n\n"
	    "Work starts in May.\n\nA third town may join later.");
	assert_roles(d, 0,
	    "boilerplate title subtitle author_note body body body");
	assert_string_equal(d->title, "Two towns agree to share a water plant");
	document_free(d);
	/* a standfirst of body-words words with a byline under it stays the
	 * standfirst; the first sentence paragraph after it starts the body */
	d = seg("Section \u203a Analysis\n\nA Long Look at the Water Deal\n\n"
	    LONG1 "\n\nAnalysis by Ed Fox\n\n3 March 2031 \u00b7 5 min read\n\n"
	    "The councils voted on Tuesday.\n\nWork starts in May.");
	assert_string_equal(role(d, 1), "title");
	assert_string_equal(role(d, 2), "subtitle");
	assert_string_equal(role(d, 4), "boilerplate");
	assert_string_equal(role(d, 5), "body");
	assert_string_equal(role(d, 6), "body");
	document_free(d);
	/* a body-words paragraph right under the title with running text
	 * after it is the story, not a standfirst */
	d = seg("A Long Look at the Water Deal\n\n" LONG1 "\n\n"
	    "Work starts in May.");
	assert_roles(d, 0, "title body body");
	document_free(d);
	/* furniture pasted line by line in one block: short lines before a
	 * capital and a byline line each make a paragraph; "Name, Role" is
	 * a byline */
	d = seg("Harbour Post\nBusiness / Ports\nTwo towns agree to share a "
	    "water plant under a new deal\nLena Marsh, Staff Reporter\n"
	    "3 May 2031, 10:20\n\nThe two councils voted on Tuesday.\n\n"
	    "Work starts in May.");
	assert_string_equal(d->authors, "Lena Marsh");
	assert_roles(d, 0, "boilerplate boilerplate title author_note "
	    "boilerplate body body");
	document_free(d);
	/* "Updated 2 hours ago" is a date line, not a title */
	d = seg("WORLD\n\nLeaders meet for water talks\n\nUpdated 2 hours "
	    "ago\n\nThe leaders met on Sunday.\n\nThey meet again soon.");
	assert_roles(d, 0, "boilerplate title boilerplate body body");
	document_free(d);
	/* a standfirst needs a story under it: alone, it is the story */
	d = seg("Water Deal Signed\n\nThe two councils signed it today.");
	assert_roles(d, 0, "title body");
	document_free(d);
}

static void
t_lists(void **state)
{
	struct document *d;

	(void)state;
	/* a list pasted without marks under a heading that stands right
	 * before the story: one paragraph a line */
	d = seg("The Water Deal Explained\n\nThe towns share a plant. It was "
	    "built in a year.\n\nBy Ed Fox\n\nIn brief\n\n"
	    "The towns share the cost of the plant.\n"
	    "Each town appoints two members of its board.\n"
	    "Either town may leave after ten years.\n\n" LONG2);
	assert_int_equal(d->npara, 8);
	assert_string_equal(d->para[4].text,
	    "The towns share the cost of the plant.");
	assert_roles(d, 3, "heading body body body body");
	assert_string_equal(d->para[6].section, "In brief");
	document_free(d);
	/* bullet and numbered items, one paragraph each; two lines that end
	 * sentences are too few to be a list */
	d = seg("A Title Line\n\n" LONG1 "\n\nThe deal has three parts:\n"
	    "\u2022 shared costs\n\u2022 a joint board\n- an exit clause\n\n"
	    "1. First step.\n2) Second step.\n\nShort line one.\n"
	    "Short line two.");
	assert_int_equal(d->npara, 9);
	assert_string_equal(d->para[2].text, "The deal has three parts:");
	/* a bullet mark is left out of the item's text and offsets; a
	 * number stays */
	assert_string_equal(d->para[3].text, "shared costs");
	assert_int_equal(d->para[3].item, 1);
	assert_int_equal(memcmp(d->art->text + d->para[3].start,
	    "shared costs\n", 13), 0);
	assert_string_equal(d->para[5].text, "an exit clause");
	assert_int_equal(d->para[2].item, 0);
	assert_int_equal(d->para[6].item, 1);
	assert_string_equal(d->para[6].text, "1. First step.");
	assert_string_equal(d->para[7].text, "2) Second step.");
	assert_string_equal(d->para[8].text,
	    "Short line one. Short line two.");
	/* the line that leads into a list and the items are body */
	assert_roles(d, 1, "body body body body body body body body");
	document_free(d);
}

static void
t_question_headings(void **state)
{
	struct document *d;

	(void)state;
	d = seg("A Title Line\n\n" LONG1 "\n\nWhy does the plant matter?\n\n"
	    LONG2 "\n\nIs it safe? Experts say yes.\n\n" LONG2 "\n\n"
	    "What next?");
	assert_string_equal(role(d, 2), "heading");
	assert_string_equal(d->para[3].section, "Why does the plant matter?");
	/* two sentences; the last paragraph has no text under it */
	assert_string_equal(role(d, 4), "body");
	assert_string_equal(role(d, 6), "body");
	document_free(d);
}

static void
t_press_release(void **state)
{
	struct document *d;

	(void)state;
	/* end marker: contacts and the "About" note after it are furniture;
	 * a caption printed twice and a caption with its credit glued on */
	d = seg("PRESS RELEASE\n\nFOR IMMEDIATE RELEASE\n\n"
	    "Water group welcomes the new treaty\n\n"
	    "Ministers at a signing table in a hall.\n\n"
	    "Ministers at a signing table in a hall.\n\n"
	    "Photo: Press office\n\n"
	    "LIMA, 2 May 2031 \u2013 The group welcomed the treaty today.\n\n"
	    "Officials at the plant. Photo: Ann Roe/Agency\n\n"
	    "It covers three rivers.\n\n-ENDS-\n\n"
	    "Media contact: Ann Roe, press office\n\n"
	    "About the group: The group is a network of water users. It "
	    "was founded in 2001.");
	assert_roles(d, 2, "title caption caption credit body caption body "
	    "boilerplate boilerplate boilerplate");
	document_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_caption_credit_block),
		cmocka_unit_test(t_title_is_most_repeated),
		cmocka_unit_test(t_hard_wrapped),
		cmocka_unit_test(t_offsets_and_ids),
		cmocka_unit_test(t_author_note_and_byline),
		cmocka_unit_test(t_headings),
		cmocka_unit_test(t_furniture_and_credits),
		cmocka_unit_test(t_wire_dateline),
		cmocka_unit_test(t_short_paragraphs_no_dateline),
		cmocka_unit_test(t_lists),
		cmocka_unit_test(t_question_headings),
		cmocka_unit_test(t_press_release),
	};

	return cmocka_run_group_tests_name("segment", tests, setup, teardown);
}
