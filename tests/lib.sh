# Helpers for tests/cli/*.sh.  Sourced; every check exits 1 on failure
# with a message.  Variables: SHEAF ROOT TMP PYTHON UPDATE VALGRIND.

fail() { echo "FAIL: $*" >&2; exit 1; }
# The test cannot run here: tests/run prints "SKIP name: REASON" and
# counts it; under CI=true a skip fails the run unless CI_SKIP_OK names
# the test (.ci/run: the tests a mode cannot run by design).
skip() { echo "SKIP: $*"; exit 77; }

# Where sheaf()'s capture files go: the TMPDIR of the test run, so that
# a command run as `TMPDIR=... sheaf ...` changes only sheaf's.
LIB_TMPDIR=${TMPDIR:-/tmp}

# Run sheaf (under valgrind when VALGRIND=1), capturing stdout, stderr
# and the exit status into $out, $err, $rc.
sheaf() {
	local o e
	o=$(mktemp -p "$LIB_TMPDIR") e=$(mktemp -p "$LIB_TMPDIR")
	if [ "${VALGRIND:-}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect \
		    "$SHEAF" "$@" >"$o" 2>"$e"
	else
		"$SHEAF" "$@" >"$o" 2>"$e"
	fi
	rc=$?
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
	[ "$rc" -ne 99 ] || fail "valgrind reported errors: $err"
	return 0
}

assert_rc() { [ "$rc" -eq "$1" ] || fail "exit $rc, expected $1; stderr: $err"; }
assert_eq() { [ "$1" = "$2" ] || fail "${3:-value}: got '$1', expected '$2'"; }
assert_err() { printf '%s' "$err" | grep -qF -- "$1" || fail "stderr lacks '$1': $err"; }
assert_out() { printf '%s' "$out" | grep -qF -- "$1" || fail "stdout lacks '$1': $out"; }
assert_file() { [ -f "$1" ] || fail "missing file $1"; }
assert_no() { [ ! -e "$1" ] || fail "should not exist: $1"; }
# Compare a file with a golden file, or rewrite the golden with UPDATE=1.
assert_golden() {
	if [ "${UPDATE:-}" = 1 ]; then cp "$1" "$2"; return 0; fi
	cmp -s "$1" "$2" || { diff -u "$2" "$1" | head -40 >&2; fail "$1 differs from $2"; }
}
