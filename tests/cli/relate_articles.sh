# Treaties and memberships end to end (segmenter, recogniser, relation
# rules): the bundled article gives exactly the acceptance rows of issue
# 5, and every synthetic article tests/articles/rel-*.txt the rows of its
# .expect file (format: tests/articles/bundled.expect), now with the
# real segmenter and recogniser instead of the unit test's gazetteers.
. "$ROOT/tests/lib.sh"

art="$ROOT/data/articles/chinas-counterterrorism-campaign-goes-global.txt"

# The rows of one article in the .expect format.
rows() {	# ARTICLE
	local t
	for t in paragraphs treaties treaty_parties memberships; do
		sheaf dump -t "$t" "$1"
		assert_rc 0
		printf '%s\n' "$out" > "$t.csv"
	done
	"$PYTHON" - <<'PY'
import csv
para = {r["paragraph_id"]: "p" + r["ordinal"]
        for r in csv.DictReader(open("paragraphs.csv"))}
parties = {}
for r in csv.DictReader(open("treaty_parties.csv")):
    assert r["role"] == "party", r
    parties.setdefault(r["treaty_id"], []).append(r["entity_id"])
dash = lambda s: s if s else "-"
for r in csv.DictReader(open("treaties.csv")):
    print("\t".join(["treaty", para[r["paragraph_id"]], r["kind"],
        r["status"], dash(r["date"]), dash(r["date_precision"]),
        r["certainty"], r["count"] or "-1",
        " ".join(parties[r["treaty_id"]])]))
for r in csv.DictReader(open("memberships.csv")):
    print("\t".join(["membership", para[r["paragraph_id"]],
        r["organization_id"], r["member_id"], r["status"], dash(r["start"]),
        dash(r["end"]), r["certainty"]]))
PY
}

check() {	# ARTICLE EXPECT
	rows "$1" > got.txt || fail "rows of $1"
	grep -v '^#' "$2" > want.txt
	diff -u want.txt got.txt >&2 || fail "relations of $(basename "$1")"
}

check "$art" "$ROOT/tests/articles/bundled.expect"
for f in "$ROOT"/tests/articles/rel-*.txt; do
	check "$f" "${f%.txt}.expect"
done

# Every row cites its sentence, and the sentence is in its paragraph.
sheaf dump -t memberships "$art"
assert_rc 0
printf '%s\n' "$out" > memberships.csv
sheaf dump -t paragraphs "$art"
assert_rc 0
printf '%s\n' "$out" > paragraphs.csv
"$PYTHON" - <<'PY' || fail "evidence not in its paragraph"
import csv, sys
text = {r["paragraph_id"]: r["text"] for r in csv.DictReader(open("paragraphs.csv"))}
for r in csv.DictReader(open("memberships.csv")):
    if not r["evidence"] or r["evidence"] not in text[r["paragraph_id"]]:
        sys.exit(1)
PY

# The dump of the bundled article equals the release's golden tables
# (tests/golden, checked against `sheaf build` by golden.sh): ids, dates,
# evidence, byte for byte.
for t in treaties treaty_parties memberships; do
	sheaf dump -t "$t" "$art"
	assert_rc 0
	printf '%s\n' "$out" > "$t.csv"
	cmp -s "$t.csv" "$ROOT/tests/golden/$t.csv" || {
		diff -u "$ROOT/tests/golden/$t.csv" "$t.csv" | head -20 >&2
		fail "$t of the bundled article differ from tests/golden"
	}
done

# The relation tables of every article validate against their schemas.
for f in "$art" "$ROOT"/tests/articles/*.txt; do
	for t in treaties treaty_parties memberships; do
		sheaf dump -t "$t" "$f"
		assert_rc 0
		printf '%s\n' "$out" > "$t.csv"
		sheaf validate "$t.csv" --schema "$ROOT/schemas/$t.json"
		assert_rc 0
	done
done
