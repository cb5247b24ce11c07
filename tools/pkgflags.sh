#!/bin/sh
# Write build/pkg.mk: the compiler and linker flags of the pkg-config
# packages the build needs, as make assignments.  The Makefile includes
# the file and makes it after the deps step (it depends on the deps
# stamp), so the flags are computed once the packages are installed, in
# the same `make` run that installed them.
#
# Usage: pkgflags.sh OUT PKG... [-- TESTPKG...]
#   PKG...      needed to build sheaf: PKG_CFLAGS, PKG_LIBS
#   TESTPKG...  needed by the unit tests (cmocka): CMOCKA_CFLAGS, CMOCKA_LIBS
# A package pkg-config cannot find is an error naming it, with
# pkg-config's own message; nothing is written then.  PKG_CONFIG names
# the program (default pkg-config, found in PATH).  libcsv has no
# pkg-config file: a program using it is compiled and linked with CC
# (default cc), and a failure names its Debian package.
set -eu
out=$1
shift
pc=${PKG_CONFIG:-pkg-config}
if ! command -v "$pc" >/dev/null 2>&1; then
	echo "sheaf: $pc not found in PATH; 'make deps' installs it" \
	    "(Debian package pkg-config)" >&2
	exit 1
fi
build= test= intest=0
for p in "$@"; do
	if [ "$p" = -- ]; then intest=1; continue; fi
	if [ "$intest" -eq 1 ]; then test="$test $p"; else build="$build $p"; fi
done
missing=
for p in $build $test; do
	"$pc" --print-errors --exists "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "sheaf: pkg-config cannot find:$missing; 'make deps' installs" \
	    "the build's packages, 'make test-deps' the tests' (as root)" >&2
	exit 1
fi
if ! printf '%s\n' '#include <csv.h>' \
    'int main(void) { struct csv_parser p; return csv_init(&p, 0); }' |
    ${CC:-cc} -x c -o "$out.csv" - -lcsv; then
	rm -f "$out.csv"
	echo "sheaf: cannot build with libcsv (csv.h, -lcsv); 'make deps'" \
	    "installs it (Debian package libcsv-dev)" >&2
	exit 1
fi
rm -f "$out.csv"
# shellcheck disable=SC2086
cflags=$("$pc" --cflags $build)
libs=$("$pc" --libs $build)
{
	echo "# Made by tools/pkgflags.sh after the deps step; do not edit."
	echo "PKG_CFLAGS := $cflags"
	echo "PKG_LIBS := $libs"
} > "$out.tmp"
if [ -n "$test" ]; then
	# shellcheck disable=SC2086
	cflags=$("$pc" --cflags $test)
	libs=$("$pc" --libs $test)
	echo "CMOCKA_CFLAGS := $cflags" >> "$out.tmp"
	echo "CMOCKA_LIBS := $libs" >> "$out.tmp"
fi
mv "$out.tmp" "$out"
