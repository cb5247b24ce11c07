# The fuzz targets (tests/fuzz/fuzz_*.c) linked with replay.c run once
# over every file of their corpora (tests/fuzz/corpus/TARGET: seed-*
# seeds, cov-* inputs the fuzzers found reaching new code, crash-*
# inputs that once crashed), under the sanitizers with SAN=1 and under
# valgrind with VALGRIND=1; then every input of
# tests/fuzz/regressions.txt once more by its name.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP"
run() {	# BINARY ARGS...
	local o
	o=$(mktemp)
	if [ "${VALGRIND:-}" = 1 ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
		    --errors-for-leak-kinds=definite,indirect "$@" >"$o" 2>&1
	else
		"$@" >"$o" 2>&1
	fi
	rc=$?
	out=$(cat "$o")
	rm -f "$o"
}
targets=0
for src in "$ROOT"/tests/fuzz/fuzz_*.c; do
	t=$(basename "$src" .c)
	t=${t#fuzz_}
	bin=$B/fuzz/fuzz_$t
	dir=$ROOT/tests/fuzz/corpus/$t
	[ -x "$bin" ] || fail "no $bin (make check builds it)"
	[ -d "$dir" ] || fail "no corpus $dir"
	n=$(find "$dir" -maxdepth 1 -type f ! -name '.*' | wc -l)
	[ "$n" -gt 0 ] || fail "empty corpus $dir"
	run "$bin" "$dir"
	[ "$rc" -eq 0 ] || fail "fuzz_$t over its corpus: exit $rc: $(printf '%s' "$out" | grep -E 'ERROR|runtime error|SUMMARY|^==|^replay' | head -20)"
	printf '%s' "$out" | grep -qx "$n inputs" ||
	    fail "fuzz_$t ran $(printf '%s' "$out" | tail -1), not $n inputs"
	echo "fuzz_$t: $n inputs"
	targets=$((targets + 1))
done
[ "$targets" -ge 7 ] || fail "only $targets fuzz targets"

regressions=0
while IFS=$'\t' read -r t file what; do
	case "$t" in ''|'#'*) continue ;; esac
	f=$ROOT/tests/fuzz/corpus/$t/$file
	[ -f "$f" ] || fail "regression $t/$file: no such input"
	run "$B/fuzz/fuzz_$t" "$f"
	[ "$rc" -eq 0 ] || fail "regression $t/$file ($what): exit $rc: $out"
	echo "ok regression $t/$file"
	regressions=$((regressions + 1))
done < "$ROOT/tests/fuzz/regressions.txt"
[ "$regressions" -gt 0 ] || fail "no regressions read"
