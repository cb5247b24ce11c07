# What sheaf writes validates against schemas/: the seven tables of the
# bundled article (with and without --omit-text) and of a synthetic
# corpus, as one data package (foreign keys across tables included), and
# a generated paragraphs CSV of bench/gencsv.  `sheaf dump` stands in for
# the tables of `sheaf build`.
. "$ROOT/tests/lib.sh"

TABLES="documents paragraphs entities mentions treaties treaty_parties
memberships"

package() {	# DIR: datapackage.json over DIR/csv/*.csv and schemas/
	cp -R "$ROOT/schemas" "$1/schemas"
	"$PYTHON" - "$1" $TABLES <<'PY'
import json, sys
d, ts = sys.argv[1], sys.argv[2:]
json.dump({"name": "emitted", "profile": "tabular-data-package",
           "resources": [{"name": t, "path": "csv/%s.csv" % t,
                          "profile": "tabular-data-resource",
                          "schema": "schemas/%s.json" % t} for t in ts]},
          open(d + "/datapackage.json", "w"))
PY
}

check() {	# DIR ARGS...: dump every table into DIR, validate the package
	dir=$1
	shift
	mkdir -p "$dir/csv"
	for t in $TABLES; do
		sheaf dump --table "$t" "$@"
		assert_rc 0
		printf '%s\n' "$out" > "$dir/csv/$t.csv"
	done
	package "$dir"
	sheaf validate "$dir/datapackage.json"
	[ "$rc" -eq 0 ] || fail "$dir: tables do not validate: $out"
	assert_out "valid: 7 resources"
}

check article "$ROOT"/data/articles
check article-omit --omit-text "$ROOT"/data/articles
assert_out "resource 'paragraphs': 25 rows"

if [ -x "$B/bench/gencorpus" ]; then
	"$B/bench/gencorpus" -o corpus.jsonl 300K "$ROOT"/data/articles/*.txt ||
	    fail "gencorpus"
	check corpus --jsonl corpus.jsonl
fi
if [ -x "$B/bench/gencsv" ]; then
	"$B/bench/gencsv" -o par.csv 2M "$ROOT"/data/articles/*.txt ||
	    fail "gencsv"
	sheaf validate par.csv --schema "$ROOT/schemas/paragraphs.json"
	[ "$rc" -eq 0 ] || fail "gencsv paragraphs do not validate: $out"
fi
