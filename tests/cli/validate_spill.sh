# sheaf validate with key sets that spill to disk (--key-memory): a
# generated package of 8,000 people (a primary key, a unique field) and
# 12,000 pets (a composite primary key, a foreign key to people), with
# repeated keys, foreign-key misses and type errors.  The errors must be
# exactly those of an independent model (below, in Python), in report
# order, and the report must be byte-identical for every key memory
# (1K: hundreds of runs, merged in levels; 64K; the default 8M, in
# memory) and every -j, with and without an error limit.  A temporary
# directory that cannot be written is exit 3 naming it.
. "$ROOT/tests/lib.sh"

awk 'BEGIN {
	print "id,email"
	for (i = 1; i <= 8000; i++)
		printf "%d,u%d@x.org\n", i % 197 == 0 ? i - 100 : i, i % 7800
}' > people.csv
awk 'BEGIN {
	print "owner,name"
	for (i = 1; i <= 12000; i++)
		printf "%s,n%d\n", i % 1400 == 0 ? "x" : i % 8100 + 1, i % 3
}' > pets.csv
cat > datapackage.json <<'EOF'
{
  "name": "spill",
  "resources": [
    { "name": "pets", "path": "pets.csv",
      "schema": {
        "fields": [ { "name": "owner", "type": "integer" },
                    { "name": "name", "type": "string" } ],
        "primaryKey": ["owner", "name"],
        "foreignKeys": [ { "fields": ["owner"],
          "reference": { "resource": "people", "fields": ["id"] } } ] } },
    { "name": "people", "path": "people.csv",
      "schema": {
        "fields": [ { "name": "id", "type": "integer" },
                    { "name": "email", "type": "string",
                      "constraints": { "unique": true } } ],
        "primaryKey": ["id"] } }
  ]
}
EOF

# The model: rows in order; per row, cell errors, unique fields, the
# primary key, the foreign keys; a key with a null part still counts
# unless all its parts are null; a null foreign key is not checked.
"$PYTHON" - > want <<'PY'
import csv
people = list(csv.reader(open("people.csv")))[1:]
pets = list(csv.reader(open("pets.csv")))[1:]
ids = set(int(r[0]) for r in people)
out = []
seen = {}
for n, (o, name) in enumerate(pets, start=2):
    owner = int(o) if o.isdigit() else None
    if owner is None:
        out.append(("pets", n, 1, "type-error"))
    key = (owner, name)
    if key in seen:
        out.append(("pets", n, "", "primary-key"))
    seen[key] = n
    if owner is not None and owner not in ids:
        out.append(("pets", n, "", "foreign-key"))
seen_id, seen_mail = {}, {}
for n, (i, mail) in enumerate(people, start=2):
    if mail in seen_mail:
        out.append(("people", n, 2, "unique-error"))
    if i in seen_id:
        out.append(("people", n, "", "primary-key"))
    seen_id[i] = seen_mail[mail] = n
for e in out:
    print("%s,%s,%s,%s" % e)
PY
[ "$(wc -l < want)" -eq 4307 ] || fail "the model found $(wc -l < want) errors"

flatten() {
	"$PYTHON" -c '
import json, sys
r = json.load(sys.stdin)
for t in r["tasks"]:
    for e in t["errors"]:
        print("%s,%s,%s,%s" % (t["name"], e.get("rowNumber", ""),
            e.get("fieldNumber", ""), e["type"]))'
}

for limit in 1000000 1000 25; do
	first=
	for run in "-j 1 --key-memory 1K" "-j 2 --key-memory 1K" \
	    "-j 2 --key-memory 64K" "-j 1" "-j 2"; do
		read -r -a opt <<< "$run"
		sheaf validate "${opt[@]}" --limit-errors "$limit" --format json \
		    datapackage.json
		assert_rc 1
		if [ -z "$first" ]; then
			first=$out
			printf '%s\n' "$out" > "report.$limit.json"
		elif [ "$out" != "$first" ]; then
			fail "limit $limit: the report of '$run' differs"
		fi
	done
	flatten < "report.$limit.json" > "got.$limit"
done
diff -u want got.1000000 || fail "the errors differ from the model's"
# a limit keeps each resource's first errors in row order
{ grep '^pets,' want | head -1000; grep '^people,' want | head -1000; } > want.1000
diff -u want.1000 got.1000 || fail "limit 1000: not the first errors"
{ grep '^pets,' want | head -25; grep '^people,' want | head -25; } > want.25
diff -u want.25 got.25 || fail "limit 25: not the first errors"
# rows read: up to the row of the last error kept, at the limit
"$PYTHON" - report.25.json report.1000000.json <<'PY' || fail "row counts"
import json, sys
lim, full = (json.load(open(p)) for p in sys.argv[1:])
rows = {t["name"]: t["stats"]["rows"] for t in lim["tasks"]}
last = {t["name"]: t["errors"][-1]["rowNumber"] for t in lim["tasks"]}
assert rows == {n: last[n] - 1 for n in rows}, (rows, last)
assert {t["name"]: t["stats"]["rows"] for t in full["tasks"]} == \
    {"pets": 12000, "people": 8000}
assert all(t["warnings"] == ["reached the error limit of 25: the rest of "
    "the resource is not checked"] for t in lim["tasks"]), lim["tasks"]
PY

# The text report too, spilled or not.
sheaf validate -j 2 --key-memory 1K datapackage.json
assert_rc 1
spilled=$out
sheaf validate -j 1 datapackage.json
assert_rc 1
assert_eq "$out" "$spilled" "text report"
assert_out "people.csv:198: primary-key: Row at position \"198\" violates the primary key: the same as in the row at position 98"

# Nowhere to spill: exit 3, naming the directory; $TMPDIR is honoured.
# (Run without valgrind, which needs a TMPDIR of its own; t_keyset runs
# the same error path under it.)
with_tmpdir() {
	local d=$1
	shift
	TMPDIR=$d "$SHEAF" "$@" > stdout.txt 2> stderr.txt
	rc=$?
	out=$(cat stdout.txt) err=$(cat stderr.txt)
	rm -f stdout.txt stderr.txt
}
with_tmpdir "$TMP/none" validate --key-memory 1K datapackage.json
assert_rc 3
assert_err "sheaf: $TMP/none: temporary file of a key set: No such file or directory"
mkdir spill
with_tmpdir "$TMP/spill" validate --key-memory 1K datapackage.json
assert_rc 1
assert_eq "$(ls -A spill)" "" "temporary files left behind"

# --key-memory takes sizes of 1K and up.
for bad in 0 100 12X 1.5M -1 ""; do
	sheaf validate --key-memory "$bad" datapackage.json
	assert_rc 2
	assert_err "--key-memory '$bad': expected a size of at least 1024 bytes"
done
echo "spilled key sets: the model's 4307 errors, same reports"
