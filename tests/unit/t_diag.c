/*
 * Unit tests: diag's warning count (what `sheaf build` reports last) and
 * worst level: every DIAG_WARN is counted, printed or not, from any
 * thread; notes and errors are not; diag_reset() forgets both.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lib/diag.h"

#define NTHREADS	4
#define PER_THREAD	250

static int
setup(void **state)
{
	(void)state;
	diag_reset();
	diag_set_verbosity(0);
	return 0;
}

static void
t_counts_warnings_only(void **state)
{
	(void)state;
	assert_int_equal(diag_warnings(), 0);
	diag(DIAG_WARN, "a.txt", 3, "first");
	diag(DIAG_NOTE, "a.txt", 0, "a note");
	diag(DIAG_WARN, NULL, 0, "second");
	assert_int_equal(diag_warnings(), 2);
	assert_int_equal(diag_exit(), EXIT_OK);
	diag(DIAG_DATA, "b.csv", 9, "an error");
	diag_errno(5, "c", "a system error");
	assert_int_equal(diag_warnings(), 2);
	assert_int_equal(diag_exit(), EXIT_SYS);
	diag_reset();
	assert_int_equal(diag_warnings(), 0);
	assert_int_equal(diag_exit(), EXIT_OK);
}

static void
t_counts_when_quiet(void **state)
{
	(void)state;
	diag_set_verbosity(-1);
	diag(DIAG_WARN, "a.txt", 0, "not printed");
	diag(DIAG_WARN, "a.txt", 0, "nor this");
	assert_int_equal(diag_warnings(), 2);
	diag_set_verbosity(0);
	diag_reset();
}

static void *
warn_many(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < PER_THREAD; i++)
		diag(DIAG_WARN, "t.txt", (unsigned long)i + 1, "from a thread");
	return NULL;
}

static void
t_counts_from_threads(void **state)
{
	pthread_t th[NTHREADS];
	int i;

	(void)state;
	diag_set_verbosity(-1);	/* counted, not printed */
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, warn_many, NULL),
		    0);
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	assert_int_equal(diag_warnings(), NTHREADS * PER_THREAD);
	diag_set_verbosity(0);
	diag_reset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_counts_warnings_only),
		cmocka_unit_test(t_counts_when_quiet),
		cmocka_unit_test(t_counts_from_threads),
	};

	return cmocka_run_group_tests_name("diag", tests, setup, NULL);
}
