# Stable identity across versions: the bundled article built twice, with
# the tree's lexicon and with one more entry (tests/diff/lexicon-extra.tsv,
# a group named in the text), differs by exactly the new entity and its
# mentions: every id of documents, paragraphs, entities and mentions
# that was there before is there again, with the same values.  The text
# output of `sheaf diff` must equal what tests/diff/expect.py (csv and
# json modules) derives from the two bags; a third build with the same
# lexicon diffs as identical.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
rel=t-1.0.0

# Two copies of the source-tree layout that src/lib/paths.c looks for.
for d in lex0 lex1; do
	mkdir -p $d/data $d/build
	cp -r "$ROOT/data/lexicon" $d/data/
	cp -r "$ROOT/schemas" $d/
	cp -r "$ROOT/build/lexicon" $d/build/
done
grep -v '^#' "$ROOT/tests/diff/lexicon-extra.tsv" >> lex1/data/lexicon/groups.tsv

build() {	# OUT LEXICON
	SHEAF_DATADIR="$TMP/$2" sheaf build -q --unpacked --out "$1" --name t \
	    --version 1.0.0 --date 2024-05-01 --citation "$ROOT/CITATION.cff" \
	    "$ROOT/data/articles"
	assert_rc 0
}
build a lex0
build b lex1
build c lex0

sheaf diff a/$rel c/$rel
assert_rc 0
assert_eq "$out" "" "identical rebuild"

sheaf diff a/$rel b/$rel
assert_rc 1
printf '%s\n' "$out" > got.txt
"$PYTHON" "$ROOT/tests/diff/expect.py" a/$rel/$rel-csv b/$rel/$rel-csv \
    a/$rel b/$rel > want.txt || fail "expect.py"
cmp -s got.txt want.txt || { diff -u want.txt got.txt | head -40 >&2;
    fail "sheaf diff differs from the reference"; }

# exactly the new entity and its mentions, nothing else
sheaf diff --format json a/$rel b/$rel
assert_rc 1
printf '%s\n' "$out" | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
assert d["bump"] == "minor" and d["reason"] == "rows added to entities", d
assert d["items"] == [], d["items"]
t = {x["name"]: x for x in d["tables"]}
for name, x in t.items():
    assert x["rows_removed"] == 0 and x["rows_changed"] == 0, name
    if name not in ("entities", "mentions"):
        assert x["status"] == "same", name
e = t["entities"]["added"]
assert [r["key"] for r in e] == [{"entity_id": "group/islamists"}], e
assert e[0]["values"]["type"] == "group" and \
    e[0]["values"]["source"] == "lexicon", e
m = t["mentions"]["added"]
assert len(m) == int(e[0]["values"]["mention_count"]) >= 1, m
assert t["mentions"]["rows_added"] == len(m)
for r in m:
    assert r["values"]["entity_id"] == "group/islamists", r
    assert r["values"]["surface"] in ("Islamist", "Islamists"), r
' || fail "not exactly the new entity and its mentions: $out"
