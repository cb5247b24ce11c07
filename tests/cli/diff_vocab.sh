# The vocabulary of issue 15 as a dataset upgrade: a release of the
# bundled article as the schemas before it published it
# (tests/diff/schemas-before-vocab/: treaties and memberships without
# the statuses withdrawn and suspended, treaty_parties without status and
# date) against the same release now.  `sheaf diff` must say exactly
# what tests/diff/vocab.out says (UPDATE=1 rewrites it): two fields
# added and two enums loosened, each a minor change, the descriptions a
# patch, no row changed; and `sheaf build --previous` must refuse 1.0.1
# (needs 1.1.0) and publish 1.1.0 with a CHANGES.md that says so.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
F=$ROOT/tests/diff
rel=t-1.0.0

build() {	# OUT VERSION [options]
	local o=$1 v=$2
	shift 2
	sheaf build -q --unpacked --out "$o" --name t --version "$v" \
	    --date 2024-05-01 --citation "$ROOT/CITATION.cff" "$@" \
	    "$ROOT/data/articles"
}
build a 1.0.0
assert_rc 0

# The same bag as the schemas before the vocabulary would have it: their
# schemas (datapackage.json and schemas/), and treaty_parties without
# the two new columns.
cp -r a/$rel/$rel-csv old
"$PYTHON" - old/data "$F/schemas-before-vocab" <<'PY' || fail "old bag"
import csv, json, os, sys
d, before = sys.argv[1], sys.argv[2]
path = d + "/csv/treaty_parties.csv"
rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
assert rows[0] == ["treaty_id", "entity_id", "role", "document_id",
                   "status", "date"], rows[0]
# the bundled article states no party of its own status
assert all(r[4:] == ["", ""] for r in rows[1:]), rows
with open(path, "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows([r[:4] for r in rows])
p = json.load(open(d + "/datapackage.json", encoding="utf-8"))
for r in p["resources"]:
    f = os.path.join(before, r["name"] + ".json")
    if not os.path.exists(f):
        continue
    text = open(f, encoding="utf-8").read()
    s = json.loads(text)
    inline = {k: v for k, v in s.items() if k in r["schema"]}
    assert set(inline) == set(r["schema"]), (set(r["schema"]), set(inline))
    r["schema"] = inline
    r["description"] = s["description"]
    r.pop("hash", None)
    r.pop("bytes", None)
    open(os.path.join(d, "schemas", r["name"] + ".json"), "w",
         encoding="utf-8").write(text)
json.dump(p, open(d + "/datapackage.json", "w", encoding="utf-8"),
          indent=2, ensure_ascii=False)
PY

sheaf diff old a/$rel
assert_rc 1
[ -z "$err" ] || fail "unexpected stderr: $err"
printf '%s\n' "$out" > vocab.out
assert_golden vocab.out "$F/vocab.out"

sheaf diff --format json old a/$rel
assert_rc 1
printf '%s\n' "$out" | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
assert d["bump"] == "minor", d["bump"]
assert d["reason"] == "constraint '"'"'enum'"'"' of field '"'"'status'"'"' of " \
    "memberships loosened", d["reason"]
got = sorted((i["kind"], i["table"], i.get("field"), i["bump"])
             for i in d["items"] if i["kind"] != "field_doc")
assert got == [
    ("constraint_loosened", "memberships", "status", "minor"),
    ("constraint_loosened", "treaties", "status", "minor"),
    ("field_added", "treaty_parties", "date", "minor"),
    ("field_added", "treaty_parties", "status", "minor"),
], got
docs = sorted((i["table"], i["field"]) for i in d["items"]
              if i["kind"] == "field_doc")
assert docs == [("memberships", "end"), ("memberships", "start"),
                ("memberships", "status"), ("treaties", "status")], docs
assert all(i["bump"] == "patch" for i in d["items"]
           if i["kind"] == "field_doc")
for t in d["tables"]:
    assert t["rows_added"] == t["rows_removed"] == t["rows_changed"] == 0, t
' || fail "diff JSON: $out"

# SemVer: the upgrade needs a minor bump
build b 1.0.1 --previous old
assert_rc 1
assert_err "version 1.0.1 needs at least 1.1.0"
assert_no b/t-1.0.1
build b 1.1.0 --previous old
assert_rc 0
md=b/t-1.1.0/t-1.1.0-csv/data/CHANGES.md
assert_file "$md"
grep -qF "field 'status' added to treaty_parties" "$md" ||
    fail "CHANGES.md lacks the new field: $(cat "$md")"
grep -qF "constraint 'enum' of field 'status' of treaties loosened" "$md" ||
    fail "CHANGES.md lacks the loosened enum: $(cat "$md")"
