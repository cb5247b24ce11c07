# normalise(source[char_start:char_end]) == text for every paragraph of
# every article, checked by an independent Python implementation.
. "$ROOT/tests/lib.sh"

for f in "$ROOT"/data/articles/*.txt "$ROOT"/tests/articles/*.txt; do
	sheaf dump "$f"
	assert_rc 0
	printf '%s\n' "$out" > p.csv
	sheaf dump -t mentions "$f"
	assert_rc 0
	printf '%s\n' "$out" > m.csv
	"$PYTHON" "$ROOT/tests/tools/check_offsets.py" "$f" p.csv m.csv >/dev/null ||
	    fail "offsets of $f"
done
