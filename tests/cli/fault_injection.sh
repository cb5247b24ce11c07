# Fault injection (tests/fault/faultinject.c, LD_PRELOADed): a small
# build fails at every one of its file operations in turn -- each write,
# fsync, close of a written file and rename, and every 4th creation of a
# file or directory -- with ENOSPC (once, then as a full disk from there on) or EIO; then
# it is killed with SIGKILL at seeded random operations and at random
# times.  After each: the exit status is 3 (I/O error) with a message
# naming the file and the error, or 137 for a kill; no release is under
# a final name unless it is complete (a kill after the publishing
# rename); the release published before is byte for byte intact; and a
# clean rerun publishes.  FAULT_SEED sets the seed (default 7).
. "$ROOT/tests/lib.sh"
SO=$B/fault/faultinject.so
[ -f "$SO" ] || fail "no $SO (make check builds it)"
if [ "${VALGRIND:-}" = 1 ]; then
	skip "under valgrind: LD_PRELOAD of the shim and valgrind's own" \
	    "preloads do not mix; the plain and SAN=1 runs cover this"
fi
export TMPDIR="$TMP/vtmp"
# an ASan build wants its runtime first; the shim only wraps libc calls
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
# libarchive 3.6 leaks a writer's state after a failed write (lsan.supp)
export LSAN_OPTIONS="${LSAN_OPTIONS:-}${LSAN_OPTIONS:+:}suppressions=$ROOT/tests/fault/lsan.supp:print_suppressions=0"
mkdir -p "$TMPDIR" in
printf 'Accord Signed in Paris\n\nFrance and Germany signed the accord on Monday, the ministers said.\n\nThe United Nations welcomed it.\n' > in/accord.txt
name=fault-test
old=$name-1.0.0 new=$name-1.0.1

build() {	# VERSION [env assignments for the shim...]
	local v=$1 o e
	shift
	o=$(mktemp) e=$(mktemp)
	{	# (the shell's "Killed" notice is not wanted)
		env "$@" FAULT_NOSYNC=1 LD_PRELOAD="$SO" "$SHEAF" build -q \
		    -j 1 --out out --name "$name" --version "$v" \
		    --date 2024-05-01 --citation "$ROOT/CITATION.cff" in \
		    >"$o" 2>"$e"
		rc=$?
	} 2>/dev/null
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}

sums() { (cd out/$old && find . -type f | sort | xargs sha256sum); }

# The release that must survive everything, and the totals to step.
build 1.0.0
assert_rc 0
oldsums=$(sums)
build 1.0.1 FAULT_OPS=all FAULT_LOG="$TMP/totals"
assert_rc 0
read -r -a totals < "$TMP/totals"
rm -rf "out/$new"
steps=0

# After a failed or killed run: the state, then a clean rerun.
check() {	# WHAT EXPECTED_RC
	local what=$1 want=$2
	case "$err" in
	*AddressSanitizer*|*"runtime error"*|*LeakSanitizer*)
		fail "$what: sanitizer report: $err" ;;
	esac
	[ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want: $err"
	if [ "$want" -eq 3 ]; then
		# "sheaf: FILE: what failed: strerror"
		printf '%s\n' "$err" | grep -qE "^sheaf: [^:]+: .*: ($errtext)\$" ||
		    fail "$what: no message naming a file and the error: $err"
		[ ! -e "out/$new" ] || fail "$what: out/$new exists after a failure"
	elif [ -e "out/$new" ]; then
		# killed after the publishing rename: complete, or nothing
		"$SHEAF" verify "out/$new/$new.sha256" >/dev/null 2>&1 ||
		    fail "$what: a partial out/$new"
	fi
	[ "$(sums)" = "$oldsums" ] || fail "$what: out/$old changed"
	build 1.0.1
	[ "$rc" -eq 0 ] || fail "$what: the clean rerun failed ($rc): $err"
	[ -f "out/$new/$new.sha256" ] || fail "$what: rerun published nothing"
	[ -z "$(ls -A out | grep -v "^$name-1\.0\.[01]\$")" ] ||
	    fail "$what: leftovers after the rerun: $(ls -A out)"
	rm -rf "out/$new"
	steps=$((steps + 1))
}

# Every write, fsync, close and rename fails once (ENOSPC), in turn;
# every 4th creation of a file or directory.
errtext="No space left on device"
for kv in "${totals[@]}"; do
	op=${kv%=*} n=${kv#*=} stride=1
	[ "$n" -gt 0 ] || fail "no $op operations counted: ${totals[*]}"
	[ "$op" = create ] && stride=4
	for ((i = 1; i <= n; i += stride)); do
		build 1.0.1 FAULT_OPS="$op" FAULT_AT="$i"
		check "$op #$i of $n (ENOSPC)" 3
	done
done
# A full disk from every 7th write on; EIO on every 5th fsync and close.
n=${totals[0]#*=}
for ((i = 1; i <= n; i += 7)); do
	build 1.0.1 FAULT_OPS=write FAULT_AT="$i" FAULT_STICKY=1
	check "write #$i of $n on (full disk)" 3
done
errtext="Input/output error"
for kv in "${totals[1]}" "${totals[2]}"; do
	op=${kv%=*} n=${kv#*=}
	for ((i = 1; i <= n; i += 5)); do
		build 1.0.1 FAULT_OPS="$op" FAULT_AT="$i" FAULT_ERRNO=EIO
		check "$op #$i of $n (EIO)" 3
	done
done

# SIGKILL at 16 seeded random operations, and after 6 random delays.
RANDOM=${FAULT_SEED:-7}
all=0
for kv in "${totals[@]}"; do all=$((all + ${kv#*=})); done
for ((k = 0; k < 16; k++)); do
	i=$((RANDOM % all + 1))
	build 1.0.1 FAULT_OPS=all FAULT_AT="$i" FAULT_KILL=1
	check "SIGKILL at operation #$i of $all" 137
done
for ((k = 0; k < 6; k++)); do
	ms=$((RANDOM % 120))
	{	# (the shell's "Killed" notice is not wanted)
		env FAULT_NOSYNC=1 LD_PRELOAD="$SO" "$SHEAF" build -q -j 1 \
		    --out out --name "$name" --version 1.0.1 \
		    --date 2024-05-01 --citation "$ROOT/CITATION.cff" in \
		    2>"$TMP/kill.err" &
		pid=$!
		sleep "0.$(printf '%03d' "$ms")"
		kill -KILL "$pid"
		wait "$pid"
		rc=$?
	} 2>/dev/null
	err=$(cat "$TMP/kill.err")
	[ "$rc" -eq 137 ] || rc=137	# it may have finished first
	check "SIGKILL after ${ms} ms" 137
done
# The shim itself changes nothing: a build without it gives the same
# bytes as one through it.
build 1.0.1
assert_rc 0
"$SHEAF" build -q -j 1 --out plain --name "$name" --version 1.0.1 \
    --date 2024-05-01 --citation "$ROOT/CITATION.cff" in ||
    fail "a build without the shim failed"
cmp "out/$new/$new.sha256" "plain/$new/$new.sha256" ||
    fail "the shim changed the release"
echo "$steps faults and kills, each followed by a clean rerun (${totals[*]})"
