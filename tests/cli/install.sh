# make install honours PREFIX and DESTDIR, and the installed sheaf finds
# its schemas and lexicons under PREFIX/share/sheaf.
. "$ROOT/tests/lib.sh"

make -s -C "$ROOT" install DESTDIR="$TMP/stage" PREFIX=/usr SAN="$SAN" \
    >make.out 2>&1 || { cat make.out >&2; fail "make install"; }
for f in usr/bin/sheaf usr/share/man/man1/sheaf.1 \
    usr/share/sheaf/schemas/paragraphs.json usr/share/sheaf/lexicon/roles.conf \
    usr/share/sheaf/lexicon/countries.tsv; do
	assert_file "stage/$f"
done
SHEAF="$TMP/stage/usr/bin/sheaf"
# away from the source tree: no CITATION.cff to find by default
mkdir elsewhere && cd elsewhere
sheaf build --out out "$ROOT/data/articles"
assert_rc 2
assert_err "no CITATION.cff for the dataset"
sheaf build -q --out out --citation "$ROOT/CITATION.cff" --date 2026-01-01 \
    "$ROOT/data/articles"
assert_rc 0
sheaf verify out/sheaf-treaties-and-memberships-corpus-1.0.0/sheaf-treaties-and-memberships-corpus-1.0.0.sha256
assert_rc 0
sheaf --version
assert_rc 0
assert_out "sheaf 0.1.0"
