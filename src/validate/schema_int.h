/*
 * schema_int: what the files of the Table Schema module share.  Only
 * validate/schema.c, cast.c, datetime.c and dpkg.c include it; every
 * other file uses schema.h, the module's API.
 *
 *   schema.c    loading Table Schemas; the names of types and constraints
 *   cast.c      casting numbers, booleans, strings, JSON values and
 *               geopoints; schema_cast() and schema_check()
 *   datetime.c  casting dates, times, datetimes, years, year-months and
 *               durations
 *   dpkg.c      reading data package descriptors
 *
 * A private header (tools/hdrcheck.sh lets a *_int.h header name the
 * library its module stands in front of): jansson values cross it.
 */
#ifndef SHEAF_SCHEMA_INT_H
#define SHEAF_SCHEMA_INT_H

#include <stddef.h>

#include <jansson.h>

#include "validate/schema.h"

struct buf;

/* The bit of constraint c in a set of constraints. */
#define B(c)	(1u << (c))

/* Key tags: one byte before every key, so types never collide. */
#define K_STR	'S'
#define K_NUM	'N'
#define K_BOOL	'B'
#define K_DATE	'D'
#define K_DTAW	'Z'	/* datetime with an offset, as UTC */
#define K_DTNA	'L'	/* datetime without an offset */
#define K_TMAW	'T'
#define K_TMNA	't'
#define K_YM	'M'
#define K_DUR	'P'
#define K_JSON	'J'
#define K_GEO	'G'

/* Type and constraint names as Table Schema spells them (schema.c). */
extern const char *const schema_type_names[FT__MAX];
extern const char *const schema_cons_names[C__MAX];

/* --- small helpers ------------------------------------------------------- */

static inline int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Python's str.isspace() on ASCII. */
static inline int
is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static inline int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline void
strip(const char **s, size_t *n)
{
	while (*n > 0 && is_space((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

static inline int
ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lit[i] == '\0' || lower((unsigned char)s[i]) != lit[i])
			return 0;
	return lit[n] == '\0';
}

/* --- cast.c --------------------------------------------------------------- */

/*
 * Python's int() on stripped ASCII text.  0, -1 on a syntax error, -2
 * when the value does not fit 64 bits.
 */
int	schema_parse_pyint(const char *s, size_t n, long long *out);
/* Append the key of integer v to key (nothing when key is NULL). */
void	schema_key_int(struct buf *key, long long v);

/* --- datetime.c ----------------------------------------------------------- */

/*
 * The casts of schema_cast() for dates and times: 0 with *v (and the
 * key, when key is not NULL) filled, or -1 for a type error.
 */
int	schema_cast_date(const struct field *, const char *s, size_t n,
	    struct value *v, struct buf *key);
int	schema_cast_datetime(const struct field *, const char *s, size_t n,
	    struct value *v, struct buf *key);
int	schema_cast_time(const struct field *, const char *s, size_t n,
	    struct value *v, struct buf *key);
int	schema_cast_year(const char *s, size_t n, struct value *v,
	    struct buf *key);
int	schema_cast_yearmonth(const char *s, size_t n, struct value *v,
	    struct buf *key);
int	schema_cast_duration(const char *s, size_t n, struct value *v,
	    struct buf *key);
/* 1 if every directive of a date/time format is one the casts know. */
int	schema_strptime_format_ok(const char *fmt);

/* --- schema.c: descriptors, for dpkg.c ------------------------------------ */

/* One descriptor being loaded. */
struct ld {
	const char	*name;		/* for diagnostics */
	int		 failed;
};

/* A DIAG_USAGE diagnostic about the descriptor; marks ld failed. */
void		 lderr(struct ld *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* A whole file (at most 16 MiB) as JSON; NULL after a diagnostic. */
json_t		*schema_load_json(const char *path);
/*
 * The string member key of JSON object obj, NULL when absent or (after
 * lderr, where names the object) not a string.
 */
const char	*schema_opt_string(struct ld *, json_t *obj, const char *key,
		    const char *where);
/* A Table Schema from its JSON object; NULL after a diagnostic. */
struct schema	*schema_from_json(json_t *desc, const char *name);

#endif
