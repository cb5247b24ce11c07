# sheaf build --previous OLD: SemVer for datasets.  A version lower than
# the changes need is refused (exit 1, nothing published) with a message
# naming the change and the version needed; the right bump is accepted,
# and the release carries CHANGES.md in both bags and a Changes-Since
# line in bag-info.txt, and still verifies.  Rows added need a minor
# bump, rows removed or a field retyped a major one, corrected values a
# patch, identical data any version not lower.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
F=$ROOT/tests/diff

for d in lex0 lex1; do
	mkdir -p $d/data $d/build
	cp -r "$ROOT/data/lexicon" $d/data/
	cp -r "$ROOT/schemas" $d/
	cp -r "$ROOT/build/lexicon" $d/build/
done
grep -v '^#' "$F/lexicon-extra.tsv" >> lex1/data/lexicon/groups.tsv

build() {	# OUT VERSION LEXICON [options]: the bundled article
	local o=$1 v=$2 l=$3
	shift 3
	SHEAF_DATADIR="$TMP/$l" sheaf build -q --unpacked --out "$o" --name t \
	    --version "$v" --date 2024-05-01 --citation "$ROOT/CITATION.cff" \
	    "$@" "$ROOT/data/articles"
}
refused() {	# OUT MESSAGE
	assert_rc 1
	assert_err "$2"
	assert_err "nothing was published"
	[ -z "$(ls -A "$1" 2>/dev/null)" ] || fail "published: $(ls -A "$1")"
}

build a 1.0.0 lex0
assert_rc 0

# rows added (the new entity and its mentions): minor
build r1 1.0.1 lex1 --previous a/t-1.0.0
refused r1 "sheaf: rows added to entities: version 1.0.1 needs at least 1.1.0 (a minor bump over 1.0.0)"
build b 1.1.0 lex1 --previous a/t-1.0.0/t-1.0.0-csv.tar.gz
assert_rc 0
B=b/t-1.1.0
cmp "$B/t-1.1.0-csv/data/CHANGES.md" "$B/t-1.1.0-json/data/CHANGES.md" ||
    fail "CHANGES.md differs between the bags"
nm=$(($(wc -l < "$B/t-1.1.0-csv/data/csv/mentions.csv") - 1))
ne=$(($(wc -l < "$B/t-1.1.0-csv/data/csv/entities.csv") - 1))
om=$(($(wc -l < a/t-1.0.0/t-1.0.0-csv/data/csv/mentions.csv) - 1))
np=$(($(wc -l < a/t-1.0.0/t-1.0.0-csv/data/csv/paragraphs.csv) - 1))
added=$((1 + nm - om))
c=$B/t-1.1.0-csv/data/CHANGES.md
for line in "# Changes in t 1.1.0" "Compared with t 1.0.0." \
    "This is a **minor** update: rows added to entities." \
    "| entities | $((ne - 1)) | $ne | 1 | 0 | 0 |" \
    "| mentions | $om | $nm | $((nm - om)) | 0 | 0 |" \
    "| paragraphs | $np | $np | 0 | 0 | 0 |" \
    '- added `entity_id="group/islamists"`'; do
	grep -qxF -- "$line" "$c" || fail "CHANGES.md lacks '$line': $(cat "$c")"
done
[ "$(grep -c '^- added `mention_id=' "$c")" = $((nm - om)) ] ||
    fail "CHANGES.md does not list the added mentions"
for f in csv json; do
	grep -qxF "Changes-Since: 1.0.0 (minor): $added rows added, 0 removed, 0 changed; 0 schema changes; see data/CHANGES.md" \
	    "$B/t-1.1.0-$f/bag-info.txt" || fail "bag-info.txt ($f)"
done
sheaf verify "$B" "$B/t-1.1.0.sha256"
assert_rc 0
"$PYTHON" "$ROOT/tests/release/check_release.py" "$B" --date 2024-05-01 \
    --no-pandas ||
    fail "independent checks of a release with CHANGES.md"

# rows removed (the lexicon entry dropped again): major
build r2 1.2.0 lex0 --previous "$B"
refused r2 "sheaf: rows removed from entities: version 1.2.0 needs at least 2.0.0 (a major bump over 1.1.0)"
build c 2.0.0 lex0 --previous "$B/t-1.1.0-json"
assert_rc 0
grep -qxF "This is a **major** update: rows removed from entities." \
    c/t-2.0.0/t-2.0.0-csv/data/CHANGES.md || fail "major CHANGES.md"

# identical data: any version not lower, a rebuild of the same too
build d 2.0.1 lex0 --previous c/t-2.0.0
assert_rc 0
grep -qxF "No change to the data, the schemas or the metadata but the version." \
    d/t-2.0.1/t-2.0.1-csv/data/CHANGES.md || fail "identical CHANGES.md"
grep -qxF "Changes-Since: 2.0.0 (none): 0 rows added, 0 removed, 0 changed; 0 schema changes; see data/CHANGES.md" \
    d/t-2.0.1/t-2.0.1-csv/bag-info.txt || fail "identical bag-info.txt"
build e 2.0.0 lex0 --previous c/t-2.0.0
assert_rc 0
build r3 1.9.9 lex0 --previous c/t-2.0.0
refused r3 "sheaf: version 1.9.9 is lower than the previous version 2.0.0"

# a field retyped: major even with identical rows
cp -r "$ROOT/schemas" s-retyped
"$PYTHON" - s-retyped/paragraphs.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
next(f for f in s["fields"] if f["name"] == "word_count")["type"] = "number"
json.dump(s, open(sys.argv[1], "w"), indent=2)
PY
build r4 2.1.0 lex0 --schemas s-retyped --previous c/t-2.0.0
refused r4 "sheaf: field 'word_count' of paragraphs retyped: version 2.1.0 needs at least 3.0.0 (a major bump over 2.0.0)"

# corrections (a changed value): a patch; CHANGES.md exactly
mkdir one two
cp "$F/alpha.txt" "$F/alpha.meta.json" one/
cp "$F/alpha.txt" two/
cp "$F/alpha-moved.meta.json" two/alpha.meta.json
sheaf build -q --unpacked --out p --name t --version 1.0.0 --date 2024-05-01 \
    --citation "$ROOT/CITATION.cff" one
assert_rc 0
sheaf build -q --unpacked --out q --name t --version 1.0.1 --date 2024-05-01 \
    --citation "$ROOT/CITATION.cff" --previous p/t-1.0.0 two
assert_rc 0
assert_golden q/t-1.0.1/t-1.0.1-csv/data/CHANGES.md "$F/CHANGES-patch.md"

# an unusable previous release: usage error, nothing published
mkdir junk
build r5 3.0.0 lex0 --previous junk
assert_rc 2
assert_err "not a usable release"
[ -z "$(ls -A r5 2>/dev/null)" ] || fail "published: $(ls -A r5)"
