# Every case under tests/validate/: run `sheaf validate --format json` and
# compare the errors found, as "[resource,]row,field,type" lines, with the
# case's `expected` file (see tests/validate/README.md).  Also checks the
# exit status and that every error type is in the Frictionless catalogue,
# and that -j 1 (one thread) and -j 2 (CSV parsed on a thread of its own),
# with key sets in memory or spilled to disk from the first key
# (--key-memory 1K), give the same report, byte for byte, as text and JSON.
. "$ROOT/tests/lib.sh"

extract() {	# report.json package(0|1) -> lines
	"$PYTHON" - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
pkg = sys.argv[2] == "1"
for t in r["tasks"]:
    for e in t["errors"]:
        line = "%s,%s,%s" % (e.get("rowNumber", ""), e.get("fieldNumber", ""), e["type"])
        print((t["name"] + "," if pkg else "") + line)
PY
}

catalogue=$(cut -d, -f1 "$ROOT/tests/standards/frictionless-error-types.csv" | tail -n +2)
n=0 failed=0
for d in "$ROOT"/tests/validate/*/; do
	name=$(basename "$d")
	w="$TMP/$name"
	cp -R "$d" "$w"
	[ -e "$w/uses-schemas" ] && cp -R "$ROOT/schemas" "$w/schemas"
	if [ -e "$w/gen.sh" ]; then
		(cd "$w" && sh ./gen.sh) || fail "$name: gen.sh failed"
	fi
	args=()
	[ -e "$w/args" ] && read -r -a args < "$w/args"
	if [ -e "$w/datapackage.json" ]; then
		pkg=1
		sheaf validate --format json "${args[@]}" "$w/datapackage.json"
	else
		pkg=0
		sheaf validate --format json "${args[@]}" "$w/data.csv" \
		    --schema "$w/schema.json"
	fi
	n=$((n + 1))
	printf '%s\n' "$out" > "$w/report.json"
	want_out=$out default_rc=$rc
	in=("$w/datapackage.json")
	[ "$pkg" = 0 ] && in=("$w/data.csv" --schema "$w/schema.json")
	fmts=(json text) runs=("-j 1" "-j 2" "-j 1 --key-memory 1K"
	    "-j 2 --key-memory 1K")
	# under valgrind, the run that exercises most: threads and spills
	[ "${VALGRIND:-}" = 1 ] && fmts=(json) runs=("-j 1"
	    "-j 2 --key-memory 1K")
	for fmt in "${fmts[@]}"; do
		for run in "${runs[@]}"; do
			read -r -a opt <<< "$run"
			sheaf validate "${opt[@]}" --format "$fmt" "${args[@]}" \
			    "${in[@]}"
			[ "$rc" -eq "$default_rc" ] ||
			    fail "$name: $run --format $fmt exit $rc, not $default_rc"
			if [ "$run" = "-j 1" ]; then one=$out
			elif [ "$out" != "$one" ]; then
				fail "$name: --format $fmt: $run reports differ from -j 1"
			fi
		done
		[ "$fmt" = text ] || [ "$one" = "$want_out" ] ||
		    fail "$name: -j 1 report differs from the default -j"
	done
	out=$want_out rc=$default_rc
	grep -v '^#' "$w/expected" > "$w/want" || true
	if [ -e "$w/exit" ]; then want_rc=$(cat "$w/exit")
	elif [ -s "$w/want" ]; then want_rc=1
	else want_rc=0
	fi
	if [ "$rc" -ne "$want_rc" ]; then
		echo "FAIL $name: exit $rc, expected $want_rc; stderr: $err"
		failed=$((failed + 1))
		continue
	fi
	extract "$w/report.json" "$pkg" > "$w/got" ||
	    fail "$name: the JSON report does not parse"
	if ! diff -u "$w/want" "$w/got" > "$w/diff"; then
		echo "FAIL $name: $(head -1 "$w/expected")"
		cat "$w/diff"
		failed=$((failed + 1))
		continue
	fi
	for t in $(awk -F, '{ print $NF }' "$w/got" | sort -u); do
		printf '%s\n' "$catalogue" | grep -qx -- "$t" ||
		    fail "$name: '$t' is not a Frictionless error type"
	done
done
[ "$n" -ge 40 ] || fail "only $n cases"
[ "$failed" -eq 0 ] || fail "$failed of $n validation cases failed"
echo "$n validation cases passed"
