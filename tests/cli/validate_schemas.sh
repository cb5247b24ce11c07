# schemas/*.json: valid Table Schemas (the v1 profile, checked with
# python3-jsonschema), loadable by sheaf, and in step with the columns
# that src/tables/emit.c writes.
. "$ROOT/tests/lib.sh"

profile="$ROOT/tests/standards/frictionless-v1/table-schema.json"
"$PYTHON" - "$profile" "$ROOT"/schemas/*.json <<'PY' || fail "profile check"
import json, sys, jsonschema
prof = json.load(open(sys.argv[1]))
v = jsonschema.Draft4Validator(prof)
for path in sys.argv[2:]:
    errs = sorted(v.iter_errors(json.load(open(path))), key=str)
    if errs:
        sys.exit("%s: %s" % (path, errs[0].message))
# the check can fail: a field with an unknown type, a bad primaryKey
bad = {"fields": [{"name": "a", "type": "text"}], "primaryKey": 5}
if not list(v.iter_errors(bad)):
    sys.exit("the profile accepted a broken schema")
print("%d schemas valid against the Table Schema profile" % (len(sys.argv) - 2))
PY

n=0
for s in "$ROOT"/schemas/*.json; do
	sheaf validate --schema "$s" --print-json-schema
	assert_rc 0
	n=$((n + 1))
done
[ "$n" -eq 7 ] || fail "expected 7 schemas, found $n"

# field names, in order, equal the column lists of src/tables/emit.c
"$PYTHON" - "$ROOT/src/tables/emit.c" "$ROOT/schemas" <<'PY' || fail "columns"
import json, re, sys
src = open(sys.argv[1]).read()
tables = re.findall(r"static const char \*const (\w+)_cols\[\] = \{(.*?)\};",
                    src, re.S)
if len(tables) != 7:
    sys.exit("found %d column lists in emit.c" % len(tables))
for name, body in tables:
    cols = re.findall(r'"([^"]+)"', body)
    schema = json.load(open("%s/%s.json" % (sys.argv[2], name)))
    fields = [f["name"] for f in schema["fields"]]
    if fields != cols:
        sys.exit("%s: schema %s, emit.c %s" % (name, fields, cols))
    for f in schema["fields"]:
        for k in ("title", "description", "type"):
            if not f.get(k):
                sys.exit("%s.%s lacks %s" % (name, f["name"], k))
    if not schema.get("primaryKey") or schema.get("missingValues") != [""]:
        sys.exit("%s: primaryKey and missingValues [\"\"] needed" % name)
print("schemas match emit.c")
PY
