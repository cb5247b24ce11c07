/*
 * schema: Frictionless Table Schema v1 and Data Package descriptors.
 *
 *   schema_load()      a Table Schema file -> struct schema
 *   schema_pkg_load()  a datapackage.json  -> resources (name, path, schema)
 *   schema_cast()      one cell's text -> its logical value, with the
 *                      casting rules of the reference implementation
 *                      (frictionless-py v5); schema_check() its constraints
 *
 * The structs are plain data, read-only for users; they are built by the
 * loaders and freed whole by schema_free().  No JSON library type appears
 * here (schema.c and dpkg.c are the backend that parses descriptors).
 * The module's files: schema.c (loading Table Schemas), cast.c and
 * datetime.c (casting and checking values), dpkg.c (data packages);
 * schema_int.h is what they share.
 * Users: validate.c, jsonschema.c, cmd_validate.c, the build, tests.
 */
#ifndef SHEAF_SCHEMA_H
#define SHEAF_SCHEMA_H

#include <stddef.h>

struct buf;
struct pattern;

enum ftype {
	FT_STRING, FT_NUMBER, FT_INTEGER, FT_BOOLEAN, FT_OBJECT, FT_ARRAY,
	FT_DATE, FT_TIME, FT_DATETIME, FT_YEAR, FT_YEARMONTH, FT_DURATION,
	FT_GEOPOINT, FT_ANY, FT__MAX
};

/* How the format keyword reads; FMT_PATTERN uses field.format (strptime). */
enum ffmt {
	FMT_DEFAULT, FMT_ANY, FMT_PATTERN, FMT_EMAIL, FMT_URI, FMT_UUID,
	FMT_BINARY, FMT_ARRAY, FMT_OBJECT
};

/* Constraints, in the order the reference implementation checks them. */
enum constraint {
	C_REQUIRED, C_MINLENGTH, C_MAXLENGTH, C_MINIMUM, C_MAXIMUM, C_PATTERN,
	C_ENUM, C_UNIQUE, C__MAX
};

/*
 * A cast value, for ordering (minimum, maximum).  Numbers use d; every
 * other ordered type uses the pair (i, j): integer and year i; yearmonth
 * i = 12 * year + month - 1; date i = days since 1970-01-01; time i =
 * seconds since midnight; datetime i = seconds since the epoch (UTC when
 * an offset is given), j = microseconds.
 */
struct value {
	long long	 i;
	long		 j;
	double		 d;
};

struct field {
	char		*name;
	char		*title;		/* NULL when absent */
	char		*description;	/* NULL when absent */
	enum ftype	 type;
	char		*format;	/* as written; "default" when absent */
	enum ffmt	 fmt;
	int		 bare_number;	/* number, integer (default 1) */
	int		 num_custom;	/* decimalChar, groupChar or
					   bareNumber given */
	char		*decimal_char;	/* "." by default */
	char		*group_char;	/* "" by default */
	char		**true_values;	/* boolean */
	size_t		 ntrue;
	char		**false_values;
	size_t		 nfalse;
	/* constraints: has[c] is set when constraint c is given */
	int		 has[C__MAX];
	int		 required;	/* required: true */
	int		 unique;	/* unique: true */
	size_t		 min_length, max_length;
	struct value	 minimum, maximum;
	char		*minimum_json;	/* the constraint values as JSON text */
	char		*maximum_json;
	char		*pattern;
	struct pattern	*re;
	char		**enum_json;	/* nenum values as JSON text */
	char		**enum_key;	/* their keys (schema_cast) */
	size_t		*enum_keylen;
	size_t		 nenum;
};

struct fkey {
	size_t		*fields;	/* nfields indices into schema.fields */
	size_t		 nfields;
	char		*resource;	/* "" for the same resource */
	char		**ref_fields;	/* nfields names in that resource */
};

struct schema {
	char		*path;		/* where it was loaded from */
	struct field	*fields;
	size_t		 nfields;
	char		**missing;	/* missingValues */
	size_t		 nmissing;
	size_t		*pkey;		/* primaryKey as field indices */
	size_t		 npkey;
	struct fkey	*fkeys;
	size_t		 nfkeys;
};

/*
 * Load a Table Schema from a file.  NULL after a diagnostic (DIAG_USAGE
 * for an unusable schema, DIAG_SYS when it cannot be read).  The caller
 * owns the result.
 */
struct schema	*schema_load(const char *path);
/* The same from JSON text; name is used in diagnostics. */
struct schema	*schema_load_string(const char *json, const char *name);
void		 schema_free(struct schema *);
size_t		 schema_nfields(const struct schema *);
const char	*schema_field_name(const struct schema *, size_t);
/* "integer", "string", ... */
const char	*schema_field_type(const struct schema *, size_t);
/* Field index by name, or -1. */
long		 schema_field_index(const struct schema *, const char *);
const char	*schema_type_name(enum ftype);

/* 1 if s[0..n) is one of the schema's missingValues. */
int		 schema_is_missing(const struct schema *, const char *s,
		    size_t n);

/*
 * Cast s[0..n) (valid UTF-8, not a missing value) to field f's type.
 * Returns 0 and fills *v, or -1 for a type error.  When key is not NULL,
 * a canonical encoding of the logical value is appended to it: equal
 * logical values (1, 1.0 and 1e0 as numbers; dates in any format) give
 * equal keys, and keys of different types never collide.
 */
int		 schema_cast(const struct field *, const char *s, size_t n,
		    struct value *v, struct buf *key);
/*
 * Check the constraints other than required and unique on a value cast
 * by schema_cast() (key is its key, needed for enum).  Returns a bit set
 * of (1 << C_xxx) for each failed constraint.
 */
unsigned	 schema_check(const struct field *, const char *s, size_t n,
		    const struct value *v, const char *key, size_t keylen);
/* The note of a failed constraint, as the reference words it; owned. */
char		*schema_constraint_note(const struct field *,
		    enum constraint);
/* 'type is "integer/default"'; owned. */
char		*schema_type_note(const struct field *);

/* --- data packages --------------------------------------------------- */

struct schema_res {
	char		*name;
	char		*path;		/* resolved against the package dir */
	struct schema	*schema;	/* owned */
	char		*hash;		/* "sha256:<hex>" ...; NULL if absent */
	int		 json;		/* format "json": an array of objects */
	unsigned long long bytes;	/* 0 if absent */
};

struct schema_pkg {
	char		*path;
	char		*name;		/* NULL when absent */
	struct schema_res *res;
	size_t		 nres;
};

/*
 * Load a data package descriptor: every resource needs a name, a local
 * path (no URL, no "..", not absolute), a schema (inline or a path), and
 * UTF-8 CSV; foreign keys must name resources of the package.  NULL
 * after a diagnostic.  The caller owns the result.
 */
struct schema_pkg *schema_pkg_load(const char *path);
void		 schema_pkg_free(struct schema_pkg *);

#endif
