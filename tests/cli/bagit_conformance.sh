# The Library of Congress BagIt conformance suite, read where it lies
# (../shared/standards/bagit-conformance, or $BAGIT_CONFORMANCE; never
# copied into the project): every bag judged as its folder says.  valid/
# verifies (exit 0); invalid/ and linux-only/ are refused (exit 1) with
# the problem named in the bag's file; warning/ verifies with the warning
# of its own; windows-only/ bags, invalid on Windows, are refused here
# too (their paths hold '\').  Each bag is checked as a directory and as
# a tar.gz of it.  Prints every verdict and the notes on algorithms.
# Exit 77 (skip) where the suite is absent, as in a user's clone.
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
SHEAF=${SHEAF:-$ROOT/bin/sheaf}
TMP=${TMP:-$(mktemp -d)}
. "$ROOT/tests/lib.sh"
S=${BAGIT_CONFORMANCE:-$ROOT/../shared/standards/bagit-conformance}
if [ ! -d "$S/v1.0" ] || [ ! -d "$S/v0.97" ]; then
	skip "the BagIt conformance suite is not here ($S; ../shared is absent)"
fi
S=$(cd "$S" && pwd)
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR" "$TMP/arc"

# bag | expected exit | what stderr must say (the bag's own file named)
expect=$(cat <<'EOF'
v0.97/valid/ISO-8859-1-encoded-tag-files|0|fixity rests on md5 only
v0.97/valid/UTF-16-encoded-tag-files|0|fixity rests on md5 only
v0.97/valid/bag-in-a-bag|0|fixity rests on md5 only
v0.97/valid/bag-with-encoded-names|0|fixity rests on md5 only
v0.97/valid/bag-with-escapable-characters|0|fixity rests on md5 only
v0.97/valid/bag-with-leading-dot-slash-in-manifest|0|manifest-md5.txt:5: warning: 1 path with './' before it
v0.97/valid/bag-with-space|0|fixity rests on md5 only
v0.97/valid/basic-bag|0|fixity rests on md5 only
v0.97/valid/duplicate-metadata-entries|0|bag-info.txt:2: warning: Bagging-Date repeated
v0.97/valid/holey-bag|0|fixity rests on md5 only
v0.97/valid/minimal-bag|0|fixity rests on md5 only
v0.97/valid/uncommon-metadata-separators|0|no data/datapackage.json
v1.0/valid/basicBag|0|no data/datapackage.json
v0.97/invalid/baginfo-missing-encoding|1|baginfo-missing-encoding/bagit.txt:2: second line must be 'Tag-File-Character-Encoding: ENCODING'
v0.97/invalid/bom-in-bagit.txt|1|bom-in-bagit.txt/bagit.txt:1: byte order mark not allowed
v0.97/invalid/corrupt-data-file|1|corrupt-data-file/data/bare-filename: md5 checksum mismatch
v0.97/invalid/corrupt-tag-file|1|corrupt-tag-file/bag-info.txt: md5 checksum mismatch
v0.97/invalid/extra-file-in-bag|1|extra-file-in-bag/data/bar: extra payload file: not listed in manifest-md5.txt
v0.97/invalid/invalid-version-number|1|invalid-version-number/bagit.txt:1: first line must be 'BagIt-Version: V'
v0.97/invalid/missing-baginfo|1|missing-baginfo/bag-info.txt: missing: listed in tagmanifest-md5.txt line 1
v0.97/invalid/missing-bagit.txt|1|missing-bagit.txt: no bagit.txt
v0.97/invalid/out-of-scope-file-paths-using-dot-notation|1|dot-notation/manifest-md5.txt:3: '.' or '..' in path: '../../../README.md' refused
v0.97/invalid/out-of-scope-file-paths-using-dot-notation-for-fetch|1|dot-notation-for-fetch/fetch.txt:1: '.' or '..' in path: '../../../README.md' refused
v0.97/invalid/same-filename-listed-twice-with-different-hashes|1|different-hashes/manifest-sha256.txt:2: 'data/README' listed twice (also line 1) with different checksums
v1.0/invalid/bagit-with-invalid-whitespace|1|bagit-with-invalid-whitespace/bagit.txt:1: first line must be 'BagIt-Version: V'
v1.0/invalid/notAllManifestsListAllFiles|1|notAllManifestsListAllFiles/data/missingFromManifest.txt: extra payload file: not listed in manifest-sha512.txt
v1.0/invalid/same-filename-listed-twice-with-different-hashes|1|different-hashes/manifest-sha256.txt:2: 'data/README' listed twice (also line 1) with different checksums
v1.0/invalid/same-filename-listed-twice-with-the-same-hash|1|the-same-hash/manifest-sha256.txt:2: 'data/README' listed twice (also line 1)
v0.97/linux-only/out-of-scope-file-paths-using-absolute-path|1|absolute-path/manifest-md5.txt:3: absolute path: '/tmp/foo' refused
v0.97/linux-only/out-of-scope-file-paths-using-absolute-path-for-fetch|1|absolute-path-for-fetch/fetch.txt:1: absolute path: '/tmp/test.txt' refused
v0.97/linux-only/out-of-scope-file-paths-using-shortcut|1|using-shortcut/manifest-md5.txt:3: path starts with '~': '~/foo' refused
v0.97/linux-only/out-of-scope-file-paths-using-shortcut-for-fetch|1|shortcut-for-fetch/fetch.txt:1: path starts with '~': '~/test.txt' refused
v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username|1|shortcut-username/manifest-md5.txt:3: path starts with '~': '~root/foo' refused
v0.97/linux-only/out-of-scope-file-paths-using-shortcut-username-for-fetch|1|shortcut-username-for-fetch/fetch.txt:1: path starts with '~': '~root/foo' refused
v0.97/warning/duplicate-file-with-different-case|0|manifest-sha512.txt:2: warning: 'data/HELLO.txt' is absent; it differs only in case from 'data/hello.txt'
v0.97/warning/made-with-md5sum-tools|0|manifest-md5.txt:1: warning: 1 path marked '*'
v0.97/warning/relative-path|0|manifest-sha512.txt:1: warning: 1 path with './' before it
v0.97/warning/same-filename-listed-twice-with-different-normalization|0|(line 1) differ only in Unicode normalization: one file, the same checksum
v0.97/warning/same-filename-listed-twice-with-the-same-hash|0|manifest-sha256.txt:2: warning: 'data/README' listed twice (also line 1), with the same checksum
v0.97/warning/special-system-files|0|special-system-files/data/.DS_Store: warning: absent operating-system metadata file
v0.97/windows-only/out-of-scope-file-paths-using-absolute-path|1|manifest-md5.txt:3: backslash in path
v0.97/windows-only/out-of-scope-file-paths-using-absolute-path-for-fetch|1|fetch.txt:1: backslash in path
v0.97/windows-only/out-of-scope-file-paths-using-shortcut|1|manifest-md5.txt:3: backslash in path
v0.97/windows-only/out-of-scope-file-paths-using-shortcut-for-fetch|1|fetch.txt:1: backslash in path
v0.97/windows-only/out-of-scope-file-paths-using-unc|1|manifest-md5.txt:3: backslash in path
v0.97/windows-only/out-of-scope-file-paths-using-unc-for-fetch|1|fetch.txt:1: backslash in path
EOF
)

# Every bag of the suite has a line above, and every line a bag.
found=$(cd "$S" && for d in v*/*/*/; do printf '%s\n' "${d%/}"; done | LC_ALL=C sort)
listed=$(printf '%s\n' "$expect" | cut -d'|' -f1 | LC_ALL=C sort)
[ "$found" = "$listed" ] || fail "the suite's bags and this script's list differ:
$(diff <(printf '%s\n' "$listed") <(printf '%s\n' "$found"))"

cd "$S" || fail "cd $S"
right=0 total=0 wright=0 wtotal=0 xright=0 xtotal=0 bad=0
while IFS='|' read -r bag want msg; do
	kind=${bag#*/}
	kind=${kind%%/*}
	name=${bag##*/}
	verdict=
	# the bag as a directory, then as a tar.gz of it
	sheaf verify "$bag"
	drc=$rc derr=$err
	bsdtar -czf "$TMP/arc/$name.tar.gz" -C "$(dirname "$bag")" "$name" ||
	    fail "bsdtar $bag"
	sheaf verify "$TMP/arc/$name.tar.gz"
	arc=$rc
	rm -f "$TMP/arc/$name.tar.gz"
	if [ "$drc" -eq "$want" ] && [ "$arc" -eq "$want" ] &&
	    printf '%s' "$derr" | grep -qF -- "$msg"; then
		verdict=right
	else
		verdict=WRONG
		bad=1
	fi
	case $kind in
	valid|invalid|linux-only)
		total=$((total + 1))
		[ "$verdict" = right ] && right=$((right + 1)) ;;
	warning)
		wtotal=$((wtotal + 1))
		[ "$verdict" = right ] && wright=$((wright + 1)) ;;
	*)
		xtotal=$((xtotal + 1))
		[ "$verdict" = right ] && xright=$((xright + 1)) ;;
	esac
	printf '%-5s %-11s exit %d (tar.gz %d, want %d)  %s\n' "$verdict" \
	    "$kind" "$drc" "$arc" "$want" "$bag"
	printf '%s\n' "$derr" | grep -E 'fixity rests on|weak algorithm|algorithm .* not supported' |
	    sed 's/^sheaf: [^ ]*: warning: /      algorithm: /'
	if [ "$verdict" = WRONG ]; then
		echo "      expected: $msg"
		printf '%s\n' "$derr" | sed 's/^/      | /'
	fi
done <<EOF
$expect
EOF
echo "$right/$total bags of the suite judged right (valid, invalid, linux-only)"
echo "$wright/$wtotal warning bags verify with their warning"
echo "$xright/$xtotal windows-only bags refused here too"
[ "$total" -eq 34 ] || fail "expected 34 valid, invalid and linux-only bags, found $total"
[ "$bad" -eq 0 ] || fail "some bags judged wrong (above)"
[ -z "$(ls -A "$TMPDIR")" ] || fail "verify left files in TMPDIR: $(ls "$TMPDIR")"
exit 0
