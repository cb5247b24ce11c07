# sheaf validate -j 2 parses a CSV file in segments on two threads,
# guessing where records end by the parity of the quotes before a line
# feed, checking every guess, and reading again on one thread when one
# was wrong.  Files of several segments (256 KiB and more), built to hit
# each path, must give the report of -j 1 byte for byte (JSON), with the
# exact row counts computed here:
#   quoted     cells with quotes, commas and line feeds in them
#   stray      a quote inside an unquoted cell, then quoted line feeds:
#              the parity guess goes wrong, the fallback must recover
#   crlf       CRLF line ends
#   cr         CR line ends only: no line feed, one long segment
#   bigcell    a 5 MB cell (past the 4 MiB segment cap) mid-file
#   blank      blank lines between records (a blank-row and a primary-key
#              error each)
#   open       a quote opened in the last record and never closed
#   typeerr    errors in every segment (a type error and a null primary
#              key each), and a limit reached mid-file
# and a data package whose hash covers a file of many segments.
. "$ROOT/tests/lib.sh"

cat > s.json <<'EOF'
{ "fields": [ { "name": "id", "type": "integer" },
              { "name": "text", "type": "string" } ],
  "primaryKey": ["id"] }
EOF

"$PYTHON" - <<'PY'
import random
rnd = random.Random(7)
def words(n):
    return " ".join(rnd.choice(["alpha", "beta", "gamma", "delta", "quote"])
        for _ in range(n))
def write(name, rows, end="\n", head=True):
    with open(name, "w", newline="") as f:
        if head:
            f.write("id,text" + end)
        for r in rows:
            f.write(r + end)
N = 40000
# quoted: every 3rd cell quoted, with "" and commas; every 5th with a LF
rows = []
for i in range(1, N + 1):
    t = words(8)
    if i % 5 == 0:
        t = '"%s ""x"",\n%s"' % (t, words(3))
    elif i % 3 == 0:
        t = '"%s, %s"' % (t, words(2))
    rows.append("%d,%s" % (i, t))
write("quoted.csv", rows)
# stray: row 10 has a quote inside an unquoted cell; then quoted LFs
rows = []
for i in range(1, N + 1):
    t = words(8)
    if i == 10:
        t = 'five foot 10" tall'
    elif i % 4 == 0:
        t = '"%s\n%s"' % (t, words(4))
    rows.append("%d,%s" % (i, t))
write("stray.csv", rows)
write("crlf.csv", ["%d,%s" % (i, words(8)) for i in range(1, N + 1)], "\r\n")
write("cr.csv", ["%d,%s" % (i, words(8)) for i in range(1, N + 1)], "\r")
rows = ["%d,%s" % (i, words(8)) for i in range(1, N + 1)]
rows[20000] = "20001," + "y" * 5000000
write("bigcell.csv", rows)
rows = []
for i in range(1, N + 1):
    rows.append("%d,%s" % (i, words(8)))
    if i % 1000 == 0:
        rows.append("")
write("blank.csv", rows)
rows = ["%d,%s" % (i, words(8)) for i in range(1, N + 1)]
rows.append('40001,"never closed ' + words(50))
write("open.csv", rows)
rows = ["%s,%s" % (i if i % 997 else "x%d" % i, words(8))
        for i in range(1, N + 1)]
write("typeerr.csv", rows)
PY

# name -> "rows errors" as -j 1 must report them (header not counted)
declare -A want=(
	[quoted]="40000 0" [stray]="40000 0" [crlf]="40000 0" [cr]="40000 0"
	[bigcell]="40000 0" [blank]="40040 80" [open]="40000 1"
	[typeerr]="40000 80"
)
summary() {
	"$PYTHON" -c '
import json, sys
t = json.load(sys.stdin)["tasks"][0]
print(t["stats"]["rows"], t["stats"]["errors"])'
}
for name in quoted stray crlf cr bigcell blank open typeerr; do
	[ "$(stat -c %s "$name.csv")" -gt $((1024 * 1024)) ] ||
	    fail "$name.csv is not several segments"
	sheaf validate -j 1 --format json "$name.csv" --schema s.json
	one=$out rc1=$rc
	assert_eq "$(printf '%s' "$one" | summary)" "${want[$name]}" \
	    "$name: rows and errors at -j 1"
	# invalid data is exit 1, a valid file 0
	assert_rc "$([ "${want[$name]##* }" = 0 ] && echo 0 || echo 1)"
	runs="1 2 3"
	[ "${VALGRIND:-}" = 1 ] && runs=1	# slow there: one run of -j 2
	for run in $runs; do
		sheaf validate -j 2 --format json "$name.csv" --schema s.json
		assert_eq "$rc" "$rc1" "$name: exit status at -j 2"
		[ "$out" = "$one" ] ||
		    fail "$name: -j 2 (run $run) reports differ from -j 1"
	done
done

# A limit reached mid-file: the same first errors and row count.
sheaf validate -j 1 --limit-errors 7 --format json typeerr.csv --schema s.json
assert_rc 1
one=$out
assert_eq "$(printf '%s' "$one" | summary)" "3988 7" "typeerr: limit 7 at -j 1"
sheaf validate -j 2 --limit-errors 7 --format json typeerr.csv --schema s.json
assert_rc 1
[ "$out" = "$one" ] || fail "typeerr: limit 7: -j 2 differs"

# The hash of a file of many segments, checked as it is read.
sum=$(sha256sum quoted.csv | cut -d' ' -f1)
size=$(stat -c %s quoted.csv)
for h in "$sum" "$(printf '%064d' 0)"; do
	cat > datapackage.json <<EOF
{ "name": "p", "resources": [ { "name": "quoted", "path": "quoted.csv",
  "hash": "sha256:$h", "bytes": $size,
  "schema": { "fields": [ { "name": "id", "type": "integer" },
    { "name": "text", "type": "string" } ] } } ] }
EOF
	sheaf validate -j 1 --format json datapackage.json
	one=$out rc1=$rc
	sheaf validate -j 2 --format json datapackage.json
	assert_eq "$rc" "$rc1" "fixity exit status"
	[ "$out" = "$one" ] || fail "fixity: -j 2 differs from -j 1"
	if [ "$h" = "$sum" ]; then assert_rc 0; else
		assert_rc 1
		assert_out '"type": "hash-count"'
	fi
done
echo "parallel parsing: 8 shapes of file, a limit and a hash, as -j 1"
