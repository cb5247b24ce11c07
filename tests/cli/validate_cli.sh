# sheaf validate: arguments, exit statuses, the text and JSON reports.
. "$ROOT/tests/lib.sh"

printf '{"fields": [{"name": "id", "type": "integer", "constraints": {"required": true}}, {"name": "name"}], "primaryKey": "id"}\n' > s.json
printf 'id,name\n1,ann\n2,bob\n' > good.csv
printf 'id,name\n1,ann\nx,bob\n1,cid\n' > bad.csv

sheaf validate good.csv --schema s.json
assert_rc 0
assert_out "valid: 1 resources, 2 rows"

sheaf validate --schema s.json bad.csv
assert_rc 1
assert_out "bad.csv:3:1: type-error: Type error in the cell \"x\" in row \"3\" and field \"id\" at position \"1\": type is \"integer/default\""
assert_out "bad.csv:4: primary-key: Row at position \"4\" violates the primary key: the same as in the row at position 2"
assert_out "invalid: 3 errors in 1 of 1 resources"

sheaf validate --format json --limit-errors 1 bad.csv --schema s.json
assert_rc 1
printf '%s\n' "$out" > r.json
"$PYTHON" - r.json <<'PY' || fail "JSON report"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["valid"] is False, r
t = r["tasks"][0]
assert t["name"] == "bad" and t["stats"]["errors"] == 1, t
e = t["errors"][0]
assert (e["type"], e["rowNumber"], e["fieldNumber"], e["fieldName"], e["cell"]) == \
    ("type-error", 3, 1, "id", "x"), e
assert e["message"].startswith('Type error in the cell "x"'), e
assert any("error limit" in w for w in t["warnings"]), t
PY

# usage errors: 2
sheaf validate
assert_rc 2
sheaf validate good.csv
assert_rc 2
assert_err "needs --schema"
sheaf validate --format xml good.csv --schema s.json
assert_rc 2
sheaf validate --limit-errors 0 good.csv --schema s.json
assert_rc 2
sheaf validate --limit-errors 1x good.csv --schema s.json
assert_rc 2
# unusable schemas: 2
printf '{"fields": [{"name": "id", "type": "integer", "constraints": {"pattern": "1"}}]}\n' > u.json
sheaf validate good.csv --schema u.json
assert_rc 2
assert_err "u.json: field 'id': constraint 'pattern' is not supported by type 'integer'"
printf '{"fields": [' > broken.json
sheaf validate good.csv --schema broken.json
assert_rc 2
assert_err "broken.json:1: invalid JSON"
# I/O errors: 3
sheaf validate missing.csv --schema s.json
assert_rc 3
assert_err "missing.csv: cannot open"
sheaf validate good.csv --schema missing.json
assert_rc 3
mkdir -p d
sheaf validate d/datapackage.json
assert_rc 3

# a data package, and a directory holding one
mkdir -p pkg/data
cp good.csv pkg/data/people.csv
cat > pkg/datapackage.json <<'JSON'
{"name": "p", "resources": [{"name": "people", "path": "data/people.csv",
 "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}}]}
JSON
sheaf validate pkg/datapackage.json
assert_rc 0
sheaf validate pkg
assert_rc 0
assert_out "valid: 1 resources, 2 rows"
# a release bag keeps it under data/
mkdir -p bag
mv pkg bag/data
sheaf validate bag
assert_rc 0
assert_out "valid: 1 resources, 2 rows"

sheaf help validate
assert_rc 0
assert_out "--limit-errors"
