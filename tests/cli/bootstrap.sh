# A fresh machine in one `make` pass.  A copy of the tree as git sees it
# (tracked files and new ones not ignored; no build/, bin/ or out/) is
# built with two stand-ins for the machine:
#  - a pkg-config first in PATH that answers as Debian 12 does before the
#    packages are installed: each module it is asked about belongs to a
#    Debian package, and until that package is in $TMP/installed it says
#    "Package M was not found" and fails; once it is, the real
#    pkg-config answers;
#  - a deps step (make DEPS_SH=...) that records the packages it is
#    asked for and adds them to $TMP/installed, as apt-get would; its
#    iso-codes puts the ISO 3166 list where the build reads it (make
#    ISO3166=...), so a file that only the deps step brings is there too.
# `make release` must install the build's packages and nothing more, and
# end with a working bin/sheaf and a release in that one call; `make
# check` must then add the tests' packages and build every test program
# in one call; a package still missing after the deps step is an error
# naming it, before anything is compiled.
. "$ROOT/tests/lib.sh"

real_pc=$(command -v pkg-config) || fail "no pkg-config (make deps)"
command -v git >/dev/null || fail "no git to list the tree's files"
git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1 ||
    skip "$ROOT is not a git checkout (the copy is git's file list)"

# The tree as a clean clone of it would be, with uncommitted changes.
copy() {	# DIR
	mkdir "$1"
	(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard |
	    while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	    done | tar --null -T - -cf -) | tar -xf - -C "$1" ||
	    fail "copying the tree into $1"
	[ ! -e "$1/build" ] && [ ! -e "$1/bin" ] || fail "$1 has build output"
}

mkdir stub
cat > stub/pkg-config <<EOF
#!/bin/sh
# pkg-config on a machine where only \$INSTALLED's packages are installed.
echo "\$*" >> "$TMP/pc.log"
grep -qx pkg-config "\$INSTALLED" 2>/dev/null ||
    { echo "pkg-config: not installed" >&2; exit 127; }
for a; do
	case \$a in
	jansson) deb=libjansson-dev ;; libarchive) deb=libarchive-dev ;;
	libcrypto) deb=libssl-dev ;; libutf8proc) deb=libutf8proc-dev ;;
	yaml-0.1) deb=libyaml-dev ;; zlib) deb=zlib1g-dev ;;
	sqlite3) deb=libsqlite3-dev ;;
	cmocka) deb=libcmocka-dev ;; -*) continue ;;
	*) echo "stub: unknown module \$a" >&2; exit 3 ;;
	esac
	if ! grep -qx "\$deb" "\$INSTALLED"; then
		echo "Package \$a was not found in the pkg-config search path." >&2
		exit 1
	fi
done
exec "$real_pc" "\$@"
EOF
# The deps step: record the request, "install" all but $BROKEN.
iso=/usr/share/iso-codes/json/iso_3166-1.json
[ -f "$iso" ] || fail "no $iso (make deps)"
cat > stub/deps.sh <<EOF
#!/bin/sh
echo "\$*" >> "\$DEPS_LOG"
for p; do
	[ "\$p" = "\${BROKEN:-}" ] && continue
	echo "\$p" >> "\$INSTALLED"
	[ "\$p" = iso-codes ] && mkdir -p "$TMP/iso" && cp "$iso" "$TMP/iso/"
done
exit 0
EOF
chmod +x stub/pkg-config stub/deps.sh

# make as a user runs it, with none of the test run's variables.
fresh_make() {	# DIR GOAL...
	local dir=$1
	shift
	(cd "$dir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    -u SAN -u VALGRIND -u TESTS -u UPDATE -u B -u SHEAF \
	    PATH="$TMP/stub:$PATH" make -j2 DEPS_SH="$TMP/stub/deps.sh" \
	    ISO3166="$TMP/iso/iso_3166-1.json" "$@" \
	    >"$TMP/make.out" 2>"$TMP/make.err")
	rc=$? err=$(tail -20 "$TMP/make.err")
}
export INSTALLED DEPS_LOG BROKEN=

# --- make release, from nothing ---------------------------------------------
copy a
INSTALLED=$TMP/a.installed DEPS_LOG=$TMP/a.deps
: > "$INSTALLED"
fresh_make a release
assert_rc 0
build_set="build-essential pkg-config libcsv-dev zlib1g-dev libarchive-dev \
libjansson-dev libssl-dev libutf8proc-dev libyaml-dev libsqlite3-dev \
iso-codes"
assert_eq "$(cat a.deps)" "$build_set" "packages make release asked for"
cmp -s "$iso" iso/iso_3166-1.json || fail "the deps step brought no ISO list"
grep -q "^--print-errors --exists jansson" pc.log ||
    fail "make never asked pkg-config whether jansson is there"
[ -x a/bin/sheaf ] || fail "no a/bin/sheaf after one make release"
v=$(a/bin/sheaf --version) || fail "a/bin/sheaf --version: exit $?"
assert_eq "$v" "sheaf $(sed -n 's/.*SHEAF_VERSION[[:space:]]*"\(.*\)".*/\1/p' \
    "$ROOT/src/lib/version.h")" "sheaf --version"
ls -d a/out/*-*.*.* >/dev/null 2>&1 || fail "make release published nothing"
# Again: nothing to install, nothing asked.
fresh_make a all
assert_rc 0
assert_eq "$(wc -l < a.deps)" 1 "deps steps after a second make"

# --- make check adds the tests' packages, in one call ---------------------
fresh_make a check TESTS=article_sha
assert_rc 0
assert_eq "$(sed -n 2p a.deps)" "libcmocka-dev python3 python3-jsonschema \
python3-yaml python3-pyld unzip libarchive-tools" "packages make check added"
assert_eq "$(wc -l < a.deps)" 2 "deps steps of make check"
grep -q "^CMOCKA_LIBS := -lcmocka" a/build/pkg.mk ||
    fail "no cmocka flags in build/pkg.mk: $(cat a/build/pkg.mk)"
for t in "$ROOT"/tests/unit/t_*.c; do
	t=$(basename "$t" .c)
	[ -x "a/build/rel/tests/$t" ] || fail "make check did not build $t"
done
tail -1 make.out | grep -qx "1 passed, 0 failed.*" ||
    fail "make check's closing line: $(tail -1 make.out)"
for p in clang valgrind cppcheck clang-tidy python3-pandas; do
	grep -qw -- "$p" a.deps && fail "release or check installed $p"
done

# --- a package the deps step could not install: named, nothing compiled -------
copy b
INSTALLED=$TMP/b.installed DEPS_LOG=$TMP/b.deps BROKEN=libutf8proc-dev
: > "$INSTALLED"
fresh_make b all
assert_rc 2
assert_err "Package libutf8proc was not found in the pkg-config search path."
assert_err "sheaf: pkg-config cannot find: libutf8proc; 'make deps' installs"
printf '%s' "$err" | grep -q "undefined reference" && fail "a link error: $err"
assert_no b/bin/sheaf
assert_no b/build/rel
assert_no b/build/pkg.mk
exit 0
