# The landing page in a real browser: headless Chromium, driven over the
# DevTools protocol by tests/site/browser_check.py, opens index.html of
# the hostile-article release (tests/site/) and of the bundled article's
# from file://: no console error or exception, no request but the page,
# the JSON-LD parsed by the page's JSON.parse with the Dataset fields,
# every SVG with a box and a <title>, a screenshot that is not blank,
# and the hostile title in the rendered text (one <script> element: the
# JSON-LD).  Skipped without Chromium (`make dev-deps` installs it).
. "$ROOT/tests/lib.sh"
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
[ -n "$chromium" ] && [ -x "$chromium" ] ||
    skip "no chromium (Debian package chromium; make dev-deps installs it)"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR" in
cp "$ROOT"/tests/site/hostile.txt "$ROOT"/tests/site/hostile.meta.json in/
sheaf build --unpacked --out a --name site-test --version 1.0.0 --date 2024-05-01 \
    --citation "$ROOT/tests/site/CITATION.cff" in
assert_rc 0
rel=a/site-test-1.0.0
for fl in csv json; do
	timeout 300 "$PYTHON" "$ROOT/tests/site/browser_check.py" "$chromium" \
	    "$rel/site-test-1.0.0-$fl/data/index.html" "shot-$fl.png" \
	    '<script>alert("x")</script> & the bloc'"'"'s "friends"' \
	    'A. <b>Writer</b>' \
	    'Ports </script><script>alert(1)</script> <!-- & corpus' ||
	    fail "browser checks of the $fl bag's page (exit $?)"
done
sheaf build --unpacked --out b --name bundled --version 1.0.0 --date 2024-05-01 \
    --citation "$ROOT/CITATION.cff" "$ROOT/data/articles"
assert_rc 0
timeout 300 "$PYTHON" "$ROOT/tests/site/browser_check.py" "$chromium" \
    b/bundled-1.0.0/bundled-1.0.0-csv/data/index.html shot-bundled.png \
    'Sheaf Treaties and Memberships Corpus' 'Membership timeline' ||
    fail "browser checks of the bundled release's page (exit $?)"
exit 0
