# sheaf verify on the OCFL editors' fixtures for OCFL 1.1
# (../shared/standards/ocfl-fixtures/1.1, NOTES.md there): every
# good object valid with no code, every warn object valid with the
# warnings its name lists and no error, every bad object refused with
# the exit status 1 and (at least) one of the codes its name lists.
# The verdict and the codes reported for each fixture are compared
# with tests/golden/ocfl/fixtures.txt and printed.  Then --fast (no
# content digests), the detection without --ocfl, and storage roots.
. "$ROOT/tests/lib.sh"
FIX=$ROOT/../shared/standards/ocfl-fixtures/1.1
[ -d "$FIX/good-objects" ] && [ -d "$FIX/bad-objects" ] &&
    [ -d "$FIX/warn-objects" ] ||
	skip "no OCFL fixtures at $FIX (../shared is absent)"

codes() {	# the codes in $err, sorted, unique, on one line
	printf '%s\n' "$err" | grep -oE ': (warning: )?[EW][0-9]{3}: ' |
	    grep -oE '[EW][0-9]{3}' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

: > verdicts.txt
for kind in good warn bad; do
	for d in "$FIX/$kind-objects"/*/; do
		d=${d%/}
		name=$(basename "$d")
		sheaf verify --ocfl "$d"
		[ "$rc" -le 1 ] || fail "$kind/$name: exit $rc: $err"
		c=$(codes)
		case $kind in
		good)
			[ "$rc" -eq 0 ] && [ -z "$c" ] ||
			    fail "$kind/$name: exit $rc, codes '$c': $err"
			assert_eq "$out" "$d: OK" "$name stdout" ;;
		warn)
			[ "$rc" -eq 0 ] || fail "$kind/$name: exit $rc: $err"
			printf '%s\n' "$c" | grep -q 'E' &&
			    fail "$kind/$name: errors '$c'"
			for w in $(printf '%s\n' "$name" | grep -oE 'W[0-9]{3}'); do
				[[ " $c " == *" $w "* ]] ||
				    fail "$kind/$name: $w not reported: $err"
			done ;;
		bad)
			[ "$rc" -eq 1 ] || fail "$kind/$name: exit $rc: $err"
			assert_eq "$out" "" "$name stdout"
			hit=0
			for e in $(printf '%s\n' "$name" | grep -oE 'E[0-9]{3}'); do
				[[ " $c " == *" $e "* ]] && hit=1
			done
			[ "$hit" -eq 1 ] || fail "$kind/$name: none of its codes" \
			    "reported, only '$c': $err"
			assert_err "$d: not a valid OCFL object: " ;;
		esac
		printf '%s/%s: exit %d: %s\n' "$kind" "$name" "$rc" "$c" >> verdicts.txt
	done
done
cat verdicts.txt
assert_eq "$(grep -c "" verdicts.txt)" 80 "fixtures judged"
assert_golden verdicts.txt "$ROOT/tests/golden/ocfl/fixtures.txt"

# an error names the file and the code
sheaf verify --ocfl "$FIX/bad-objects/E058_no_sidecar"
assert_rc 1
assert_eq "$err" "sheaf: $FIX/bad-objects/E058_no_sidecar/inventory.json.sha512: E058: no inventory sidecar
sheaf: $FIX/bad-objects/E058_no_sidecar: not a valid OCFL object: 1 error, 0 warnings" "E058 stderr"
sheaf verify --ocfl "$FIX/warn-objects/W004_uses_sha256"
assert_rc 0
assert_eq "$err" "sheaf: $FIX/warn-objects/W004_uses_sha256/inventory.json: warning: W004: the digest algorithm is sha256; sha512 is recommended
sheaf: $FIX/warn-objects/W004_uses_sha256/v1/inventory.json: warning: W004: the digest algorithm is sha256; sha512 is recommended" "W004 stderr"
# -q hides warnings, not the verdict
sheaf -q verify "$FIX/warn-objects/W004_uses_sha256"
assert_rc 0
assert_eq "$err" "" "quiet stderr"

# --fast: structure and inventories only, so a flipped content file
# (E092) or a wrong fixity digest (E093) goes unseen; missing content
# is still seen
for f in E092_content_file_digest_mismatch E093_fixity_digest_mismatch; do
	sheaf verify --fast "$FIX/bad-objects/$f"
	assert_rc 0
	assert_eq "$out" "$FIX/bad-objects/$f: OK (--fast: digests not checked)" "$f --fast"
done
sheaf verify --fast "$FIX/bad-objects/E092_E093_content_path_does_not_exist"
assert_rc 1
assert_err "E092: content path 'v1/content/bonus.txt' names no file"

# without --ocfl an object is known by its declaration or inventory
sheaf verify "$FIX/good-objects/spec-ex-full" "$FIX/bad-objects/E003_no_decl"
assert_rc 1
assert_eq "$out" "$FIX/good-objects/spec-ex-full: OK" "detected"
assert_err "E003_no_decl: E003: no object declaration (0=ocfl_object_1.1)"

# a storage root: two objects, one two levels down
mkdir -p sr/ab/cd
printf 'ocfl_1.1\n' > sr/0=ocfl_1.1
cp -r "$FIX/good-objects/spec-ex-full" sr/ab/cd/o1
cp -r "$FIX/good-objects/minimal_one_version_one_file" sr/o2
printf '{"extension": "0003-hash-and-id-n-tuple-storage-layout", "description": "d"}\n' > sr/ocfl_layout.json
sheaf verify sr
assert_rc 0
assert_eq "$out" "sr/ab/cd/o1: OK
sr/o2: OK
sr: OK" "root stdout"
# under 0004-hashed-n-tuple-storage-layout (default parameters) an
# object must be where the sha256 of its id puts it (E083)
printf '{"extension": "0004-hashed-n-tuple-storage-layout", "description": "d"}\n' > sr/ocfl_layout.json
where() {	# ID: the object's path under 0004
	local h
	h=$(printf '%s' "$1" | sha256sum | cut -c1-64)
	printf '%s/%s/%s/%s' "${h:0:3}" "${h:3:3}" "${h:6:3}" "$h"
}
id1=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' sr/ab/cd/o1/inventory.json)
id2=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' sr/o2/inventory.json)
sheaf verify sr
assert_rc 1
assert_eq "$err" "sheaf: sr/ab/cd/o1: E083: object '$id1' is not where the storage layout (0004-hashed-n-tuple-storage-layout) puts it, sr/$(where "$id1")
sheaf: sr/o2: E083: object '$id2' is not where the storage layout (0004-hashed-n-tuple-storage-layout) puts it, sr/$(where "$id2")
sheaf: sr: OCFL storage root: 2 objects, 0 invalid; 2 errors, 0 warnings" "E083 stderr"
p2=$(where "$id2")
mkdir -p "sr/${p2%/*}"
mv sr/o2 "sr/$p2"
rm -rf sr/ab
mkdir -p sr/x/y
cp -r "$FIX/good-objects/spec-ex-full" "sr/x/y/o1"
p1=$(where "$id1")
mkdir -p "sr/${p1%/*}"
mv sr/x/y/o1 "sr/$p1"
rmdir sr/x/y sr/x
sheaf verify sr/
assert_rc 0
assert_eq "$(printf '%s\n' "$out" | tail -1)" "sr: OK" "0004 placed (a trailing / dropped)"
# a configuration other than the defaults: placement is not checked
mkdir -p sr/extensions/0004-hashed-n-tuple-storage-layout
printf '{"extensionName": "0004-hashed-n-tuple-storage-layout", "tupleSize": 2}\n' > sr/extensions/0004-hashed-n-tuple-storage-layout/config.json
mkdir -p sr/ab/cd
cp -r "$FIX/good-objects/minimal_no_content" sr/ab/cd/o1
sheaf verify sr
assert_rc 0
rm -rf sr/ab sr/extensions
printf '{"extension": "0003-hash-and-id-n-tuple-storage-layout", "description": "d"}\n' > sr/ocfl_layout.json
# a stray file between objects, an empty directory, a bad object
mkdir sr/ab
printf 'x\n' > sr/ab/stray.txt
mkdir sr/empty
cp -r "$FIX/bad-objects/E061_invalid_sidecar" sr/ab/o3
sheaf verify --fast sr
assert_rc 1
assert_eq "$(printf '%s\n' "$out" | wc -l)" 2 "bad root: two objects OK"
assert_eq "$err" "sheaf: sr/ab/o3/inventory.json.sha512: E061: not 'DIGEST inventory.json'
sheaf: sr/ab/stray.txt: E084: a file in the storage hierarchy outside any object
sheaf: sr/empty: E073: an empty directory in the storage root
sheaf: sr: OCFL storage root: 3 objects, 1 invalid; 3 errors, 0 warnings" "bad root stderr"
rm -rf sr/ab/stray.txt sr/empty sr/ab/o3 sr/0=ocfl_1.1
printf '{"extension": 1}\n' > sr/ocfl_layout.json
sheaf verify --ocfl sr
assert_rc 1
assert_err "sheaf: sr: E069: no storage root declaration (0=ocfl_1.1)"
assert_err "sheaf: sr/ocfl_layout.json: E070: not an object with string 'extension' and 'description'"
