# sheaf validate and verify read JSON tables (arrays of row objects) of a
# data package: JSON types, keys, Table Schema constraints, foreign keys,
# and the bytes and hash the descriptor states.
. "$ROOT/tests/lib.sh"

sheaf build -q --unpacked --out out --date 2026-01-02 "$ROOT/tests/articles/seg-no-headings.txt"
assert_rc 0
bag=$(ls -d out/*/*-json)
cp -R "$bag/data" pkg
sheaf validate pkg/datapackage.json
assert_rc 0
assert_out "valid: 7 resources"

# A string where the schema wants an integer.
"$PYTHON" - <<'PY'
import json
p = "pkg/json/paragraphs.json"
rows = json.load(open(p))
rows[1]["ordinal"] = "2"
rows[2]["role"] = "sidebar"
del rows[3]["word_count"]
json.dump(rows, open(p, "w"))
d = json.load(open("pkg/datapackage.json"))
for r in d["resources"]:
    if r["name"] == "paragraphs":
        del r["hash"], r["bytes"]
json.dump(d, open("pkg/datapackage.json", "w"))
PY
sheaf validate pkg/datapackage.json
assert_rc 1
assert_err "pkg/json/paragraphs.json: row 3: 'ordinal' is not a JSON integer value"
assert_err "pkg/json/paragraphs.json: row 5: no key 'word_count'"
assert_out "pkg/json/paragraphs.json:4:4: constraint-error"

# A changed file whose stated hash no longer holds.
cp -R "$bag/data" pkg2
sed -i 's/"ordinal":1,/"ordinal":7,/' pkg2/json/paragraphs.json
sheaf validate pkg2/datapackage.json
assert_rc 1
assert_err "pkg2/json/paragraphs.json: hash-count: sha256 "

# The data part of a release, given as archives, bags or the release
# directory itself.
rel=$(ls -d out/*-1.0.0)
for x in "$rel" "$rel"/*.zip "$rel"/*.tar.gz "$rel"/*-csv; do
	sheaf validate "$x"
	assert_rc 0
done
sheaf validate "$rel"
assert_rc 0
assert_out "valid: 14 resources"
printf 'not an archive' > fake.zip
sheaf validate fake.zip
assert_rc 1
assert_err "fake.zip"
