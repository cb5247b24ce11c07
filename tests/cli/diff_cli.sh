# sheaf diff on hand-made data packages: usage errors and unusable input
# exit 2, I/O errors 3, naming the file; a keyless table is compared as
# a multiset of rows; composite keys sort field by field; missing values
# and odd bytes are printed exactly in text and JSON.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"

# pkg DIR SCHEMA_JSON CSV_TEXT: a one-table data package "t"
pkg() {
	mkdir -p "$1"
	printf '{"name": "p", "resources": [{"name": "t", "path": "t.csv", "schema": %s}]}\n' \
	    "$2" > "$1/datapackage.json"
	printf '%b' "$3" > "$1/t.csv"
}
S='{"fields": [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}, {"name": "n", "type": "integer"}], "primaryKey": ["a", "b"], "missingValues": ["", "NA"]}'

# composite keys in field order ("a" < "a b"), missing values
pkg o "$S" 'a,b,n\nx,z,1\na b,a,2\nq,r,NA\nk,k,5\nm,m,NA\n'
pkg n "$S" 'a,b,n\n"a b",a,22\nx,z,\nq,r,3\na,z,7\nt\\,"line\nbreak",9\nm,m,\n'
sheaf diff o n
assert_rc 1
[ -z "$err" ] || fail "stderr: $err"
assert_eq "$out" '--- o (p ?)
+++ n (p ?)
table t: 2 added, 1 removed, 3 changed (5 -> 6 rows)
  + a="a" b="z"
      n: "7"
  ~ a="a b" b="a"
      n: "2" -> "22"
  - a="k" b="k"
      n: "5"
  ~ a="q" b="r"
      n: null -> "3"
  + a="t\\" b="line\nbreak"
      n: "9"
  ~ a="x" b="z"
      n: "1" -> null
bump: major (rows removed from t)' "text"
sheaf diff --format json o n
assert_rc 1
printf '%s\n' "$out" | "$PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
t = d["tables"][0]
assert t["key"] == ["a", "b"] and not t["keyless"]
assert [r["key"] for r in t["added"]] == [{"a": "a", "b": "z"},
    {"a": "t\\", "b": "line\nbreak"}], t["added"]
assert t["changed"] == [
    {"key": {"a": "a b", "b": "a"}, "values": {"n": {"new": "22", "old": "2"}}},
    {"key": {"a": "q", "b": "r"}, "values": {"n": {"new": "3", "old": None}}},
    {"key": {"a": "x", "b": "z"}, "values": {"n": {"new": None, "old": "1"}}}
    ], t["changed"]
assert t["removed"] == [{"key": {"a": "k", "b": "k"}, "values": {"n": "5"}}]
assert d["old"] == {"label": "o", "name": "p", "version": None}
' || fail "json: $out"

# a table without a primary key: rows as a multiset
K='{"fields": [{"name": "a", "type": "string"}]}'
pkg ko "$K" 'a\nx\nx\ny\n'
pkg kn "$K" 'a\nx\ny\ny\ny\nz\n'
sheaf diff ko kn
assert_rc 1
assert_eq "$out" '--- ko (p ?)
+++ kn (p ?)
table t: 3 added, 1 removed, 0 changed (3 -> 5 rows)
  - a="x"
  + a="y" (2 times)
  + a="z"
bump: major (rows removed from t)' "keyless"

# identical packages, and the same file twice
sheaf diff o o
assert_rc 0
assert_eq "$out" "" "identical"
sheaf diff o/datapackage.json o
assert_rc 0

# usage
sheaf diff o
assert_rc 2
assert_err "usage: sheaf diff"
sheaf diff --format xml o n
assert_rc 2
assert_err "--format wants text or json, not 'xml'"
sheaf help diff
assert_rc 0
assert_out "exit status: 0 identical, 1 different, 2 unusable input"

# unusable input: 2, naming the file
mkdir empty
sheaf diff o empty
assert_rc 2
assert_err "sheaf: empty: not a release, bag, archive or data package"
head -c 300 /dev/urandom > junk.tar.gz
sheaf diff junk.tar.gz o
assert_rc 2
assert_err "junk.tar.gz"
pkg dup "$S" 'a,b,n\nx,z,1\nx,z,2\n'
sheaf diff o dup
assert_rc 2
assert_err "sheaf: dup/t.csv:3: primary key of t repeats that of row 2"
pkg hdr "$S" 'a,n\nx,1\n'
sheaf diff hdr o
assert_rc 2
assert_err "sheaf: hdr/t.csv:1: no column for the schema's field 'b'"
pkg quo "$S" 'a,b,n\nx,"z,1\n'
sheaf diff o quo
assert_rc 2
assert_err "sheaf: quo/t.csv:2: quoted cell not closed"
pkg short "$S" 'a,b,n\nx,z\n'
sheaf diff o short
assert_rc 2
assert_err "sheaf: short/t.csv:2: row has 2 cells, the header 3"
mkdir -p two/r-csv two/s-csv
cp -r o two/r-csv/data
cp -r o two/s-csv/data
sheaf diff two o
assert_rc 2
assert_err "more than one release in the directory"

# I/O: 3
sheaf diff o missing
assert_rc 3
assert_err "sheaf: missing: cannot open"
TMPDIR=$TMP/none "$SHEAF" diff o n > none.out 2> none.err
rc=$?
err=$(cat none.err)
assert_rc 3
assert_err "cannot create a temporary file"
"$SHEAF" diff o n > /dev/full 2> full.err
rc=$?
err=$(cat full.err)
assert_rc 3
