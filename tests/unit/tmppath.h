/*
 * tmppath: dir/FMT for the unit tests that work in a temporary folder,
 * from a ring of buffers so that one call may use several.
 */
#ifndef SHEAF_TEST_TMPPATH_H
#define SHEAF_TEST_TMPPATH_H

#include <stdarg.h>
#include <stdio.h>

static inline char *
tmppath(const char *dir, const char *fmt, ...)
{
	static char buf[8][4096];
	static int i;
	char rel[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, rel);
	return buf[i];
}

#endif
