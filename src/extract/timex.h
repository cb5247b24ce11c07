/*
 * timex: finds calendar dates in English text and normalises them in
 * the manner of TIMEX3 (ISO-TimeML) values: "December 2014" -> 2014-12
 * (month precision), "in 2001" -> 2001, "3 June 2015" and "June 3,
 * 2015" -> 2015-06-03, "From 2014 to 2016" and "2014-16" -> a range
 * 2014..2016, "since 2001" -> an open range from 2001.
 * Relative or vague expressions ("recent years", "last month", "in the
 * coming years", "the 1990s", "December" with no year) yield nothing:
 * nothing is guessed.  Month names and connectives ("from", "to",
 * "since", ...) are data (timex.txt under data/lexicon/relations), read
 * by timex_rules_load().  Core module; anyone may include.
 */
#ifndef SHEAF_TIMEX_H
#define SHEAF_TIMEX_H

#include <stddef.h>

enum timex_prec {
	TIMEX_NONE,		/* no value */
	TIMEX_YEAR,		/* YYYY */
	TIMEX_MONTH,		/* YYYY-MM */
	TIMEX_DAY		/* YYYY-MM-DD */
};

enum timex_kind {
	TIMEX_POINT,		/* from holds the date; to is empty */
	TIMEX_RANGE,		/* from .. to */
	TIMEX_SINCE,		/* from onwards; to is empty */
	TIMEX_UNTIL		/* until to; from is empty */
};

struct timex_value {
	char		 value[11];	/* "" or YYYY[-MM[-DD]] */
	enum timex_prec	 prec;
};

struct timex {
	size_t		 start, end;	/* bytes into the text */
	enum timex_kind	 kind;
	struct timex_value from, to;
};

struct timex_rules;		/* opaque; read-only after load */

/* Read the timex vocabulary file; an owned object, or NULL after diag. */
struct timex_rules *timex_rules_load(const char *path);
void	timex_rules_free(struct timex_rules *);

/*
 * Find the date expressions of text[0..len), left to right and not
 * overlapping.  Stores at most max in out and returns how many there
 * are (like snprintf).  Thread-safe.
 */
size_t	timex_scan(const struct timex_rules *, const char *text,
	    size_t len, struct timex *out, size_t max);

/* "year", "month", "day", or NULL for TIMEX_NONE. */
const char *timex_prec_name(enum timex_prec);

#endif
