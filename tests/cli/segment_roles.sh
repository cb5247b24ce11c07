# Roles of the synthetic articles of other shapes and of the bundled one.
. "$ROOT/tests/lib.sh"

roles() {
	sheaf dump "$1"
	assert_rc 0
	printf '%s\n' "$out" | "$PYTHON" -c '
import csv, sys
for r in list(csv.DictReader(sys.stdin)): print(r["role"])'
}

# every test article with hand-assigned roles (written before the
# segmenter saw it, for the recogniser's tests and these)
for f in "$ROOT"/tests/articles/*.txt; do
	[ -f "${f%.txt}.roles" ] || continue
	got=$(roles "$f")
	want=$(grep -v '^#' "${f%.txt}.roles")
	assert_eq "$got" "$want" "roles of $(basename "$f")"
done

# The bundled article: 11 body, 2 heading, 2 caption, 2 credit, 1 title,
# 1 subtitle, 1 author note, and the rest boilerplate.
art="$ROOT/data/articles/chinas-counterterrorism-campaign-goes-global.txt"
got=$(roles "$art" | sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')
assert_eq "$got" "author_note=1 body=11 boilerplate=5 caption=2 credit=2 heading=2 subtitle=1 title=1 " "role counts"

# Body paragraphs carry their heading as section; none before the first.
sheaf dump "$art"
assert_rc 0
sections=$(printf '%s\n' "$out" | "$PYTHON" -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r["role"] == "body": print(r["ordinal"], r["section"])')
assert_eq "$(printf '%s\n' "$sections" | head -1)" "10 " "first body section"
assert_eq "$(printf '%s\n' "$sections" | sed -n 4p)" "16 Multilateral Forums: The SCO and Beyond" "section"
assert_eq "$(printf '%s\n' "$sections" | tail -1)" "24 Potential Cooperation With the West" "last section"

# Authors come from the author note or a byline.
authors() {
	sheaf dump -t documents "$1"
	assert_rc 0
	printf '%s\n' "$out" | "$PYTHON" -c '
import csv, sys
print(next(csv.DictReader(sys.stdin))["authors"])'
}
assert_eq "$(authors "$art")" "Moritz Rudolf; Marc Julienne; Johannes Buckow" "authors"
assert_eq "$(authors "$ROOT/tests/articles/seg-crlf-bom.txt")" "Jane Example" "authors"
assert_eq "$(authors "$ROOT/tests/articles/seg-hard-wrapped.txt")" "Alex Sample" "authors"
assert_eq "$(authors "$ROOT/tests/articles/seg-no-headings.txt")" "" "no authors"
