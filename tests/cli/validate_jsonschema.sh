# The JSON Schemas generated from schemas/ (sheaf validate
# --print-json-schema) are valid draft 2020-12 schemas, accept the JSON
# form of a valid release's tables and reject broken rows.
. "$ROOT/tests/lib.sh"

src="$ROOT/tests/validate/sheaf-tables"
for t in documents paragraphs entities mentions treaties treaty_parties \
    memberships; do
	sheaf validate --schema "$ROOT/schemas/$t.json" --print-json-schema
	assert_rc 0
	printf '%s\n' "$out" > "$t.schema.json"
done
"$PYTHON" - "$src" "$ROOT/schemas" <<'PY' || fail "JSON Schema check"
import csv, json, sys
from jsonschema import Draft202012Validator
src, schemas = sys.argv[1], sys.argv[2]
tables = ["documents", "paragraphs", "entities", "mentions", "treaties",
          "treaty_parties", "memberships"]

def as_json(table):
    ts = json.load(open("%s/%s.json" % (schemas, table)))
    types = {f["name"]: f.get("type", "string") for f in ts["fields"]}
    rows = []
    with open("%s/data/csv/%s.csv" % (src, table), newline="") as fp:
        for r in csv.DictReader(fp):
            o = {}
            for k, v in r.items():
                if v == "":
                    o[k] = None
                elif types[k] == "integer":
                    o[k] = int(v)
                else:
                    o[k] = v
            rows.append(o)
    return rows

for t in tables:
    schema = json.load(open("%s.schema.json" % t))
    Draft202012Validator.check_schema(schema)
    v = Draft202012Validator(schema)
    rows = as_json(t)
    errs = list(v.iter_errors(rows))
    if errs:
        sys.exit("%s: %s" % (t, errs[0].message))
    # each kind of fault is caught
    def bad(mutate, what):
        rr = json.loads(json.dumps(rows))
        mutate(rr[0])
        if not list(v.iter_errors(rr)):
            sys.exit("%s: %s not rejected" % (t, what))
    first = schema["items"]["required"][0]
    bad(lambda r: r.__setitem__(first, None), "null in a required field")
    bad(lambda r: r.__setitem__(first, "NOT AN ID"), "a pattern miss")
    bad(lambda r: r.__setitem__("extra", 1), "an unknown key")
    bad(lambda r: r.pop(first), "a missing key")
    ints = [k for k, p in schema["items"]["properties"].items()
            if p["type"] in ("integer", ["integer", "null"])]
    if ints:
        bad(lambda r: r.__setitem__(ints[0], "12"), "a string for an integer")
        if "minimum" in schema["items"]["properties"][ints[0]]:
            bad(lambda r: r.__setitem__(ints[0], -5), "a value below minimum")
    enums = [k for k, p in schema["items"]["properties"].items() if "enum" in p]
    if enums:
        bad(lambda r: r.__setitem__(enums[0], "no-such-value"), "an enum miss")
print("7 JSON Schemas check out")
PY
