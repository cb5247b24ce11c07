# The statuses of issue 15 end to end: `sheaf build` with test rules
# (tests/vocab/statuses.rules, instead of the shipped ones, so that the
# rows do not follow edits of data/lexicon/relations) on an article
# written for this test (tests/vocab/withdrawals.txt) publishes a treaty
# withdrawn, a treaty suspended and a membership suspended: the CSV
# tables equal tests/vocab/*.csv (UPDATE=1 rewrites them), the JSON bag
# holds the same rows, typed, and `sheaf validate` accepts both bags.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
V=$ROOT/tests/vocab
rel=v-1.0.0

# the source-tree layout src/lib/paths.c looks for, with the test rules only
mkdir -p lex/data lex/build
cp -r "$ROOT/data/lexicon" lex/data/
cp -r "$ROOT/schemas" lex/
cp -r "$ROOT/build/lexicon" lex/build/
rm -f lex/data/lexicon/relations/*.rules
cp "$V/statuses.rules" lex/data/lexicon/relations/

SHEAF_DATADIR="$TMP/lex" sheaf build -q --unpacked --out out --name v \
    --version 1.0.0 --date 2024-05-01 --citation "$ROOT/CITATION.cff" \
    "$V/withdrawals.txt"
assert_rc 0
[ -z "$err" ] || fail "unexpected stderr: $err"
csv=out/$rel/$rel-csv/data/csv
for t in treaties treaty_parties memberships; do
	assert_golden "$csv/$t.csv" "$V/$t.csv"
done

# the JSON tables: the same rows, null where the CSV cell is empty
"$PYTHON" - out/$rel <<'PY' || fail "JSON tables differ from CSV"
import csv, json, sys
r = sys.argv[1]
for t in ("treaties", "treaty_parties", "memberships"):
    rows = list(csv.DictReader(open("%s/v-1.0.0-csv/data/csv/%s.csv" % (r, t),
                                    newline="", encoding="utf-8")))
    js = json.load(open("%s/v-1.0.0-json/data/json/%s.json" % (r, t),
                        encoding="utf-8"))
    assert len(js) == len(rows), t
    for c, j in zip(rows, js):
        assert list(j) == list(c), (t, list(j), list(c))
        for k, v in c.items():
            want = None if v == "" else (int(v) if k == "count" else v)
            assert j[k] == want, (t, k, j[k], want)
st = [x["status"] for x in json.load(open(
    r + "/v-1.0.0-json/data/json/treaties.json", encoding="utf-8"))]
assert sorted(st) == ["suspended", "withdrawn"], st
PY

sheaf validate out/$rel
assert_rc 0
assert_out "valid: 14 resources, "
