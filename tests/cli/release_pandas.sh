# What a researcher does first: load a release's tables with pandas.
# tests/release/check_release.py with pandas: every table, CSV and JSON,
# loads with the dtypes its schema implies, and the codebook's own pandas
# code (README.md) gives the same frames and row counts; with and without
# the article text.  pandas is a development tool (make dev-deps): without
# it this test is skipped, by name.
. "$ROOT/tests/lib.sh"
"$PYTHON" -c 'import pandas' 2>/dev/null ||
    skip "python3-pandas is not installed (make dev-deps)"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
rel=test-corpus-1.0.0
for v in full omit; do
	sheaf build -q --unpacked --out "$v" --name test-corpus --version 1.0.0 \
	    --date 2024-05-01 --citation "$ROOT/CITATION.cff" \
	    $([ "$v" = omit ] && echo --omit-text) "$ROOT/data/articles"
	assert_rc 0
	assert_eq "$err" "" "stderr of sheaf build -q"
	o=$("$PYTHON" "$ROOT/tests/release/check_release.py" "$v/$rel" \
	    $([ "$v" = omit ] && echo --omit-text) 2>&1) ||
	    fail "check_release.py with pandas ($v): $o"
	printf '%s\n' "$o" | grep -q "^$rel: [0-9]* checks, 0 failed\$" ||
	    fail "check_release.py ($v) did not run with pandas: $o"
done
