# The landing page, the figures and the SQLite flavour of a release.  An
# article written for this test names itself <script>, its publisher
# and author carry markup, and the dataset's CITATION.cff tries to end
# the JSON-LD block (tests/site/): tests/site/check_site.py (html.parser,
# json, xml.etree, PyYAML) finds every value as text, the JSON-LD
# parsed and filled from the citation, every chart mark and fallback
# row equal to the CSV tables; the bundled article's release passes the
# same checks.  index.html, the figures and the database are the same
# bytes under another TZ, locale and -j.  `sheaf verify` accepts the
# database and refuses one whose rows differ from the CSV's; `sheaf
# diff` reads it as a release side.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR" in
cp "$ROOT"/tests/site/hostile.txt "$ROOT"/tests/site/hostile.meta.json in/
rel=site-test-1.0.0
build() {	# OUT [extra options]
	local out=$1
	shift
	sheaf build --unpacked --out "$out" --name site-test --version 1.0.0 \
	    --date 2024-05-01 --citation "$ROOT/tests/site/CITATION.cff" "$@" in
}
(export TZ=Pacific/Chatham LC_ALL=C.UTF-8; build a -j 2; exit "$rc")
assert_eq "$?" 0 "build a"
(export TZ=America/Caracas LC_ALL=C; build b -j 1; exit "$rc")
assert_eq "$?" 0 "build b"
for f in "$rel.sqlite" "$rel.metadata.json" "$rel.sha256" \
    "$rel-csv/data/index.html" "$rel-json/data/index.html" \
    "$rel-csv/data/figures/memberships.svg" \
    "$rel-csv/data/figures/treaties.svg" \
    "$rel-csv/data/figures/entities.svg"; do
	cmp "a/$rel/$f" "b/$rel/$f" || fail "$f differs between builds"
done
"$PYTHON" "$ROOT/tests/site/check_site.py" "a/$rel" \
    "$ROOT/tests/site/CITATION.cff" || fail "page checks (hostile article)"
"$PYTHON" "$ROOT/tests/release/check_release.py" "a/$rel" --no-pandas ||
    fail "release checks (hostile article)"

# The hostile strings are text, exactly as the reader sees them.
page=$(cat "a/$rel/$rel-csv/data/index.html")
for s in '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the bloc&#39;s &quot;friends&quot;' \
    'A. &lt;b&gt;Writer&lt;/b&gt;' 'Press &lt;/script&gt;' \
    '<title>Ports &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- &amp; corpus 1.0.0</title>' \
    '"name": "Ports \u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u003c!-- \u0026 corpus"'; do
	case $page in
	*"$s"*) ;;
	*) fail "index.html lacks: $s" ;;
	esac
done
assert_eq "$(grep -c '<script' "a/$rel/$rel-csv/data/index.html")" 1 \
    "<script> elements"
# three memberships with a year are drawn, one without is named
assert_eq "$(grep -c '<circle' "a/$rel/$rel-csv/data/figures/memberships.svg")" \
    3 "membership marks"
case $page in
*"1 membership without a start year is not drawn."*) ;;
*) fail "the undated membership is not named" ;;
esac

# The database: views, and verify.
sheaf verify "a/$rel/$rel.sqlite" "a/$rel"
assert_rc 0
assert_eq "$out" "a/$rel/$rel.sqlite: OK
a/$rel: OK" "verify stdout"
q() {	# SQL: rows as v|v|..., through Python's sqlite3 module
	"$PYTHON" -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in r))' \
	    "a/$rel/$rel.sqlite" "$1"
}
assert_eq "$(q "SELECT organization_name, member_name, status, start
	    FROM memberships_named ORDER BY start")" \
"Association of Southeast Asian Nations|Cambodia|member|
Association of Southeast Asian Nations|Brunei Darussalam|member|1984
Association of Southeast Asian Nations|Vietnam|member|1995
Association of Southeast Asian Nations|Laos|member|1997" \
    "memberships_named"
assert_eq "$(q "SELECT treaty_kind, treaty_date, entity_name
	    FROM treaty_parties_named ORDER BY treaty_date, entity_name")" \
"extradition|2014|China
extradition|2014|Pakistan
cooperation_agreement|2015|China
cooperation_agreement|2015|Thailand" "treaty_parties_named"
# a database whose rows are not the CSV's
drop_row() {	# DATABASE: one treaty party fewer
	"$PYTHON" - "$1" <<'PY' || fail "cannot alter $1"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DELETE FROM treaty_parties WHERE entity_id = 'country/PAK'")
db.commit()
PY
}
mkdir c
cp -r "a/$rel" c/
drop_row "c/$rel/$rel.sqlite"
sheaf verify "c/$rel/$rel.sqlite"
assert_rc 1
assert_err "c/$rel/$rel.sqlite: sha256 checksum mismatch"
assert_err "c/$rel/$rel.sqlite: table treaty_parties has 3 rows, c/$rel/$rel-csv/data/csv/treaty_parties.csv 4"
# without --unpacked, the rows are counted in the CSV flavour's archive
sheaf build --out p --name site-test --version 1.0.0 --date 2024-05-01 \
    --citation "$ROOT/tests/site/CITATION.cff" in
assert_rc 0
cmp "a/$rel/$rel.sha256" "p/$rel/$rel.sha256" ||
    fail "packed and unpacked releases differ"
sheaf verify "p/$rel/$rel.sqlite"
assert_rc 0
case $err in
*"row counts not compared"*) fail "packed: rows not compared: $err" ;;
esac
sheaf verify "p/$rel"
assert_rc 0
assert_eq "$out" "p/$rel: OK" "verify of a packed release"
case $err in
*"row counts not compared"*) fail "packed release: rows not compared: $err" ;;
esac
mkdir c2
cp -r "p/$rel" c2/
drop_row "c2/$rel/$rel.sqlite"
rm "c2/$rel/$rel-csv.tar.gz"
sheaf verify "c2/$rel/$rel.sqlite"
assert_rc 1
assert_err "c2/$rel/$rel.sqlite: table treaty_parties has 3 rows, c2/$rel/$rel-csv.zip:$rel-csv/data/csv/treaty_parties.csv 4"

# sheaf diff reads the database as a release side: the same report as
# from the release directories, but for the labels.
mkdir in2
cp in/* "$ROOT"/data/articles/*.txt in2/
sheaf build --out n --name site-test --version 1.1.0 --date 2024-06-01 \
    --citation "$ROOT/tests/site/CITATION.cff" in2
assert_rc 0
sheaf diff "a/$rel/$rel.sqlite" "a/$rel"
assert_rc 0
assert_eq "$out" "" "diff of the database and its own release"
sheaf diff "a/$rel/$rel.sqlite" n/site-test-1.1.0/site-test-1.1.0.sqlite
assert_rc 1
fromdb=$(printf '%s\n' "$out" | sed 1,2d)
assert_eq "$(printf '%s\n' "$out" | sed -n 1,2p)" \
"--- a/$rel/$rel.sqlite (site-test 1.0.0)
+++ n/site-test-1.1.0/site-test-1.1.0.sqlite (site-test 1.1.0)" "diff labels"
sheaf diff "a/$rel" n/site-test-1.1.0
assert_rc 1
assert_eq "$fromdb" "$(printf '%s\n' "$out" | sed 1,2d)" \
    "diff from the databases and from the release directories"
assert_eq "$(printf '%s\n' "$out" | tail -1)" \
    "bump: minor (rows added to documents)" "the bump"

# The bundled article's release passes the same checks.
sheaf build --unpacked --out d --name bundled --version 1.0.0 --date 2024-05-01 \
    --citation "$ROOT/CITATION.cff" "$ROOT/data/articles"
assert_rc 0
"$PYTHON" "$ROOT/tests/site/check_site.py" d/bundled-1.0.0 \
    "$ROOT/CITATION.cff" || fail "page checks (bundled article)"
exit 0
