# End to end: `sheaf build` publishes a release that tools other than
# sheaf accept (tests/release/check_release.py); two builds under a
# different TZ, umask and locale give the same bytes; publishing again
# is a no-op, different content under the same version is refused; a
# write error (RLIMIT_FSIZE) leaves nothing under a final name and the
# next run succeeds; `sheaf verify` accepts every artifact.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR" in
cp "$ROOT"/data/articles/*.txt in/
rel=test-corpus-1.0.0
build() {	# OUT [extra options]
	local out=$1
	shift
	sheaf build --unpacked --out "$out" --name test-corpus --version 1.0.0 \
	    --date 2024-05-01 --citation "$ROOT/CITATION.cff" "$@" in
}
# build in a subshell (for umask and ulimit); keeps $rc and $err.
sub() {	# "setup commands" OUT [extra options]
	local setup=$1
	shift
	(eval "$setup"; build "$@"; printf '%s' "$err" > "$TMP/sub.err"
	    exit "$rc")
	rc=$? err=$(cat "$TMP/sub.err")
}

sub "export TZ=America/St_Johns LC_ALL=C.UTF-8; umask 077" a
assert_rc 0
[ -d "a/$rel" ] || fail "no a/$rel: $err"
sub "export TZ=Asia/Kathmandu LC_ALL=C; umask 002" b
assert_rc 0
for f in "$rel.sha256" "$rel-csv.tar.gz" "$rel-csv.zip" \
    "$rel-json.tar.gz" "$rel-json.zip" "$rel.sqlite" "$rel.metadata.json"; do
	cmp "a/$rel/$f" "b/$rel/$f" || fail "$f differs between builds"
done
[ -z "$(ls -A a | grep -v "^$rel\$")" ] || fail "leftovers in a: $(ls -A a)"

"$PYTHON" "$ROOT/tests/release/check_release.py" "a/$rel" --no-pandas ||
    fail "independent checks"
sheaf verify "a/$rel/$rel.sha256" "a/$rel" "a/$rel/$rel-json.zip"
assert_rc 0

# Publishing the same again: nothing changes.
before=$(stat -c %i:%Y "a/$rel/$rel.sha256")
build a
assert_rc 0
assert_err "already published with identical content"
[ "$(stat -c %i:%Y "a/$rel/$rel.sha256")" = "$before" ] || fail "touched"
# Different content, same version: refused, nothing touched.
build a --omit-text
assert_rc 1
assert_err "version 1.0.0 already published with different content; bump the version"
[ "$(stat -c %i:%Y "a/$rel/$rel.sha256")" = "$before" ] || fail "touched"
[ -z "$(ls -A a | grep -v "^$rel\$")" ] || fail "leftovers in a: $(ls -A a)"

# A write error: exit 3, no partial release; then the next run works.
sub "ulimit -f 8" c
assert_rc 3
assert_no "c/$rel"
[ -z "$(ls -A c 2>/dev/null)" ] || fail "leftovers in c: $(ls -A c)"
build c
assert_rc 0
cmp "a/$rel/$rel.sha256" "c/$rel/$rel.sha256" || fail "c differs from a"

# Without article text.
build d --omit-text
assert_rc 0
"$PYTHON" "$ROOT/tests/release/check_release.py" "d/$rel" --omit-text \
    --no-pandas ||
    fail "independent checks (--omit-text)"
[ -z "$(ls -A "$TMPDIR")" ] || fail "leftovers in TMPDIR: $(ls "$TMPDIR")"
exit 0
