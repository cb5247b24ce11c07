# Extraction is linear inside one document: a generated article of N
# paragraphs and one of 2N, extracted with `sheaf extract -j 1`, and the
# instructions each run executes counted by valgrind's callgrind (a
# count, not a clock, so a busy machine does not change it).  Doubling
# the paragraphs may cost at most 2.5 times the instructions; the
# paragraph-by-paragraph repeat counts of segment.c were quadratic
# (2.6 times at these sizes, 2.0 now).  The article is made here: body
# paragraphs naming states, organisations and agreements, short lines
# repeated many times (the repeated-paragraph ids) and headings.  The
# larger article's rows pass through the temporary files that hold a
# long document's encoded rows (encode.c): they must come back whole,
# in order, and as a build writes them.
. "$ROOT/tests/lib.sh"

command -v valgrind >/dev/null || skip "no valgrind to count instructions"
[ -z "${SAN:-}" ] ||
    skip "under SAN=1: valgrind does not run sanitizer builds"

# gen N: a title, then N paragraphs in a cycle of six shapes.
gen() {
	awk -v n="$1" 'BEGIN {
		split("France Germany Japan Kenya Peru Chile Norway Egypt", s, " ")
		split("NATO|the United Nations|the European Union|the African Union", o, "|")
		print "A Long Record Of Small Meetings\n"
		for (i = 0; i < n; i++) {
			a = s[i % 8 + 1]; b = s[(i * 3 + 1) % 8 + 1]
			c = o[i % 4 + 1]; k = i % 6
			if (k == 0)
				printf "%s and %s signed a fisheries accord in May %d, after talks that lasted for many weeks in the capital and ended with a joint statement by both delegations of the two states on the last day.\n\n", a, b, 1980 + i % 40
			else if (k == 1)
				printf "Summary of the day\n\n"
			else if (k == 2)
				printf "%s became a member of %s after a vote on item %d.\n\n", a, c, i
			else if (k == 3)
				printf "Delegates from %s asked %s for more time.\n\n", a, b
			else if (k == 4)
				printf "See also\n\n"
			else
				printf "%s left %s in %d, the minutes of meeting %d record.\n\n", b, c, 1990 + i % 30, i
		}
	}'
}

# instr N: instructions of one extraction of the N-paragraph article.
instr() {
	gen "$1" > "doc$1.txt"
	valgrind --tool=callgrind --callgrind-out-file=/dev/null \
	    "$SHEAF" extract -q -j 1 --shard 1/1 --out "x$1" "doc$1.txt" \
	    2> "cg$1.err" || fail "extract of doc$1.txt: $(tail -5 "cg$1.err")"
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "cg$1.err"
}

n=6000
i1=$(instr $n)
i2=$(instr $((2 * n)))
[ -n "$i1" ] && [ -n "$i2" ] || fail "no instruction counts from callgrind"
# the rows are all there: every paragraph of the larger article (a
# partial table set has no header line)
rows=$(wc -l < "x$((2 * n))/paragraphs.csv")
assert_eq "$rows" $((2 * n + 1)) "paragraph rows of doc$((2 * n)).txt"
# Past 1 MiB a table's encoded rows wait in a temporary file (encode.c):
# the rows of the larger article come back whole and in order, in both
# formats, and the same as a build's.
"$PYTHON" - "x$((2 * n))" $((2 * n + 1)) <<'PY' || fail "rows of a long document"
import csv, json, sys
d, n = sys.argv[1], int(sys.argv[2])
rows = list(csv.reader(open(d + "/paragraphs.csv", encoding="utf-8", newline="")))
assert [int(r[2]) for r in rows] == list(range(1, n + 1)), "csv ordinals"
js = [json.loads(l) for l in open(d + "/paragraphs.jsonl", encoding="utf-8")]
assert [j["ordinal"] for j in js] == list(range(1, n + 1)), "json ordinals"
assert [j["paragraph_id"] for j in js] == [r[0] for r in rows]
m = list(csv.reader(open(d + "/mentions.csv", encoding="utf-8", newline="")))
mj = [json.loads(l) for l in open(d + "/mentions.jsonl", encoding="utf-8")]
assert len(m) == len(mj) > n, (len(m), len(mj))
assert [j["mention_id"] for j in mj] == [r[0] for r in m]
starts = [int(r[4]) for r in m]
assert starts == sorted(starts), "mentions out of order"
PY
sheaf build -q --unpacked --out rel --name t --version 1.0.0 \
    --date 2024-05-01 "doc$((2 * n)).txt"
assert_rc 0
tail -n +2 rel/t-1.0.0/t-1.0.0-csv/data/csv/paragraphs.csv |
    cmp - "x$((2 * n))/paragraphs.csv" || fail "build and extract rows differ"
ratio=$(awk -v a="$i1" -v b="$i2" 'BEGIN { printf "%.2f", b / a }')
echo "instructions: $i1 at $n paragraphs, $i2 at $((2 * n)) ($ratio x)"
awk -v r="$ratio" 'BEGIN { exit !(r <= 2.5) }' ||
    fail "doubling the paragraphs cost $ratio x the instructions (> 2.5)"
