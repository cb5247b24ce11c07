/* Unit tests: the article reader (decoding, line ends, BOM, checks). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/article.h"
#include "lib/diag.h"
#include "tables/model.h"

static void
t_line_ends_and_bom(void **state)
{
	struct article *a;
	const char in[] = "\xef\xbb\xbf" "a\r\nb\rc\n\r\nd";

	(void)state;
	assert_int_equal(article_from_mem("x", in, sizeof(in) - 1, &a), 0);
	assert_string_equal(a->text, "a\nb\nc\n\nd");
	assert_int_equal(a->len, 8);
	assert_int_equal(a->ncp, 8);
	/* raw keeps every byte, the BOM included */
	assert_int_equal(a->rawlen, sizeof(in) - 1);
	assert_memory_equal(a->raw, in, sizeof(in) - 1);
	assert_ptr_not_equal(a->text, a->raw);
	article_free(a);
}

static void
t_code_points_and_hash(void **state)
{
	struct article *a;
	const char in[] = "China\u2019s\u00a0x";

	(void)state;
	assert_int_equal(article_from_mem("x", in, strlen(in), &a), 0);
	assert_int_equal(a->len, strlen(in));
	assert_int_equal(a->ncp, 9);
	/* nothing to decode: text is raw, one buffer */
	assert_ptr_equal(a->text, a->raw);
	assert_int_equal(a->rawlen, strlen(in));
	assert_string_equal(a->sha256,
	    "0e25fdc86f0898527ee800a04eecd264d5529a8dee1fb0ec8618eea71e4ceb38");
	article_free(a);
}

static void
t_rejects(void **state)
{
	struct article *a = (struct article *)state;

	diag_set_verbosity(-1);
	assert_int_equal(article_from_mem("x", "", 0, &a), -1);
	assert_null(a);
	assert_int_equal(article_from_mem("x", "a\0b", 3, &a), -1);
	assert_null(a);
	assert_int_equal(article_from_mem("x", "a\xc3(", 3, &a), -1);
	assert_int_equal(diag_exit(), EXIT_DATA);
	diag_reset();
	diag_set_verbosity(0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_line_ends_and_bom),
		cmocka_unit_test(t_code_points_and_hash),
		cmocka_unit_test(t_rejects),
	};

	return cmocka_run_group_tests_name("article", tests, NULL, NULL);
}
