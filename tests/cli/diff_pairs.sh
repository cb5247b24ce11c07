# sheaf diff on pairs of small releases built by `sheaf build` from the
# articles in tests/diff/, each pair differing in one kind of change:
# identical, rows added, removed and changed, a field retyped, removed
# and added, constraints tightened and loosened, keys changed, metadata
# changed.  The text output must equal tests/diff/NAME.out exactly
# (UPDATE=1 rewrites them); archives, bags, release directories and
# json bags of the same release give the same comparison.  Every build
# uses the tree's schemas with the parts the tests change set here, so
# that the expected output does not follow unrelated schema edits.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
F=$ROOT/tests/diff
rel=t-1.0.0

mkdir base more moved
cp "$F/alpha.txt" "$F/alpha.meta.json" base/
cp base/* more/
cp "$F/beta.txt" "$F/beta.meta.json" more/
cp "$F/alpha.txt" moved/
cp "$F/alpha-moved.meta.json" moved/alpha.meta.json

build() {	# OUT INPUT [options]
	local o=$1 i=$2
	shift 2
	sheaf build -q --unpacked --out "$o" --name t --version 1.0.0 --date 2024-05-01 \
	    --citation "$ROOT/CITATION.cff" --schemas s-base "$@" "$i"
	assert_rc 0
}
# NAME RC OLD NEW [options]: stdout must equal tests/diff/NAME.out.
check() {
	local name=$1 want=$2
	shift 2
	sheaf diff "$@"
	assert_rc "$want"
	[ -z "$err" ] || fail "$name: unexpected stderr: $err"
	if [ -n "$out" ]; then printf '%s\n' "$out"; fi > "$name.out"
	assert_golden "$name.out" "$F/$name.out"
}
# Table Schemas with a change made by a Python statement over s[table].
schemas() {	# DIR PYTHON
	cp -r "${BASE:-s-base}" "$1"
	"$PYTHON" - "$1" "$2" <<'PY'
import json, os, sys
d, code = sys.argv[1], sys.argv[2]
s = {f[:-5]: json.load(open(os.path.join(d, f)))
     for f in os.listdir(d) if f.endswith(".json")}
def field(t, n):
    return next(f for f in s[t]["fields"] if f["name"] == n)
exec(code)
for t, v in s.items():
    json.dump(v, open(os.path.join(d, t + ".json"), "w"), indent=2)
PY
}

BASE=$ROOT/schemas schemas s-base '
field("documents", "language")["constraints"]["enum"] = ["en", "fr"]
field("entities", "name")["constraints"]["minLength"] = 1
field("entities", "iso3")["constraints"] = {"pattern": "[A-Z]{3}"}
field("entities", "cow_ccode")["constraints"]["maximum"] = 990
field("entities", "acronym").pop("constraints", None)
field("paragraphs", "text")["description"] = "Paragraph text."
field("paragraphs", "word_count")["type"] = "integer"
s["treaty_parties"]["primaryKey"] = ["treaty_id", "entity_id"]
s["entities"]["foreignKeys"] = [{"fields": ["first_paragraph_id"],
    "reference": {"resource": "paragraphs", "fields": ["paragraph_id"]}}]'
build a base
build a2 base
build b more
build c moved

# identical: no output, exit 0, in every form of the release
check identical 0 a/$rel a2/$rel
check identical 0 a/$rel/$rel-csv.tar.gz a2/$rel/$rel-json.zip
check identical 0 a/$rel/$rel-json a2/$rel/$rel-csv/data/datapackage.json
sheaf diff --format json a/$rel a2/$rel
assert_rc 0
printf '%s\n' "$out" | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
assert d["identical"] is True and d["bump"] == "none" and d["items"] == []
assert [t["status"] for t in d["tables"]] == ["same"] * 7, d["tables"]
assert all(t["rows_old"] == t["rows_new"] for t in d["tables"])
' || fail "identical JSON"

# rows: added (a second article), removed (the reverse), changed (url)
check added 1 a/$rel b/$rel
check removed 1 b/$rel a/$rel
check changed 1 a/$rel c/$rel
# the same comparison from archives and from the json bags
sheaf diff a/$rel/$rel-csv.zip b/$rel/$rel-csv.tar.gz
assert_rc 1
[ "$(printf '%s\n' "$out" | tail -n +3)" = "$(tail -n +3 "$F/added.out")" ] ||
    fail "archives compare differently: $out"
sheaf diff a/$rel/$rel-json b/$rel/$rel-json
assert_rc 1
[ "$(printf '%s\n' "$out" | tail -n +3)" = "$(tail -n +3 "$F/added.out")" ] ||
    fail "json bags compare differently: $out"

# JSON output of the changed pair
sheaf diff --format json a/$rel c/$rel
assert_rc 1
printf '%s\n' "$out" | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
assert d["bump"] == "patch" and d["reason"] == "rows changed in documents"
docs = next(t for t in d["tables"] if t["name"] == "documents")
assert docs["status"] == "changed" and docs["rows_changed"] == 1
assert docs["changed"] == [{"key": {"document_id": "harbour-talks-resume"},
    "values": {"url": {
        "new": "https://example.org/2024/04/harbour-talks",
        "old": "https://example.org/news/harbour-talks-resume"}}}], docs
assert [t["name"] for t in d["tables"] if t["status"] != "same"] == \
    ["documents"]
' || fail "changed JSON: $out"

# schema: a field retyped
schemas s-retyped 'field("paragraphs", "word_count")["type"] = "number"'
build r base --schemas s-retyped
check retyped 1 a/$rel r/$rel

# schema: constraints tightened and loosened, a field's description
schemas s-cons '
field("entities", "name")["constraints"]["minLength"] = 2
field("entities", "acronym")["constraints"] = {"maxLength": 20}
field("entities", "cow_ccode")["constraints"]["maximum"] = 999
del field("entities", "iso3")["constraints"]
field("documents", "language")["constraints"]["enum"].append("de")
field("paragraphs", "text")["description"] = "The text."'
build k base --schemas s-cons
check constraints 1 a/$rel k/$rel

# schema: primary key changed, a foreign key removed
schemas s-keys '
s["treaty_parties"]["primaryKey"] = ["treaty_id", "entity_id", "role"]
del s["entities"]["foreignKeys"]'
build y base --schemas s-keys
check keys 1 a/$rel y/$rel

# schema: a field removed, and added (a bag edited after the build)
cp -r a/$rel/$rel-csv fr
"$PYTHON" - fr/data <<'PY'
import csv, json, sys
d = sys.argv[1]
rows = list(csv.reader(open(d + "/csv/paragraphs.csv", newline="")))
i = rows[0].index("word_count")
with open(d + "/csv/paragraphs.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(
        [r[:i] + r[i + 1:] for r in rows])
p = json.load(open(d + "/datapackage.json"))
for r in p["resources"]:
    if r["name"] == "paragraphs":
        r["schema"]["fields"] = [f for f in r["schema"]["fields"]
                                 if f["name"] != "word_count"]
        del r["hash"], r["bytes"]
json.dump(p, open(d + "/datapackage.json", "w"), indent=2)
PY
check field-removed 1 a/$rel/$rel-csv fr
check field-added 1 fr a/$rel/$rel-csv

# metadata: title and licence of the dataset
sed -e 's/^title: .*/title: "Harbour Tables"/' \
    -e 's/CC-BY-4.0/CC0-1.0/' "$ROOT/CITATION.cff" > other.cff
grep -q '^title: "Harbour Tables"' other.cff || fail "no title in CITATION.cff"
sheaf build -q --unpacked --out m --name t --version 1.0.0 --date 2024-05-01 \
    --citation other.cff --schemas s-base base
assert_rc 0
check metadata 1 a/$rel m/$rel
