# Extraction is linear inside one document: a generated article of N
# paragraphs and one of 2N, extracted with `sheaf extract -j 1`, and the
# instructions each run executes counted by valgrind's callgrind (a
# count, not a clock, so a busy machine does not change it).  Doubling
# the paragraphs may cost at most 2.5 times the instructions; the
# paragraph-by-paragraph repeat counts of segment.c were quadratic
# (about 3.6 times at these sizes).  The article is made here: short
# lines repeated many times (the repeated-paragraph ids), headings, and
# sentences naming states, organisations and agreements.
. "$ROOT/tests/lib.sh"

if ! command -v valgrind >/dev/null; then
	echo "SKIP: no valgrind to count instructions"
	exit 77
fi
if [ -n "${SAN:-}" ]; then
	echo "SKIP under SAN=1: valgrind does not run sanitizer builds"
	exit 77
fi

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
				printf "%s and %s signed a fisheries accord in May %d.\n\n", a, b, 1980 + i % 40
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
ratio=$(awk -v a="$i1" -v b="$i2" 'BEGIN { printf "%.2f", b / a }')
echo "instructions: $i1 at $n paragraphs, $i2 at $((2 * n)) ($ratio x)"
awk -v r="$ratio" 'BEGIN { exit !(r <= 2.5) }' ||
    fail "doubling the paragraphs cost $ratio x the instructions (> 2.5)"
