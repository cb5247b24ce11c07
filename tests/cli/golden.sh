# The bundled article, end to end: every table of the release equals its
# golden copy in tests/golden/ byte for byte (UPDATE=1 rewrites them;
# review with git diff), and the offsets hold against the source.
. "$ROOT/tests/lib.sh"

sheaf build -q --unpacked --out out --date 2026-01-01 "$ROOT/data/articles"
assert_rc 0
bag=$(ls -d out/*-1.0.0/*-1.0.0-csv)
for t in documents paragraphs entities mentions treaties treaty_parties memberships; do
	assert_golden "$bag/data/csv/$t.csv" "$ROOT/tests/golden/$t.csv"
done
src="$bag/data/source/chinas-counterterrorism-campaign-goes-global.txt"
cmp -s "$src" "$ROOT/data/articles/chinas-counterterrorism-campaign-goes-global.txt" ||
    fail "source copy differs from the article"
"$PYTHON" "$ROOT/tests/tools/check_offsets.py" "$src" "$bag/data/csv/paragraphs.csv" \
    "$bag/data/csv/mentions.csv" > offsets.txt || fail "offsets"
assert_eq "$(cat offsets.txt)" "25 paragraphs, 97 mentions ok" "offsets"
