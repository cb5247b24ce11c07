# sheaf verify on bags and archives made by other tools (coreutils,
# bsdtar, Python): valid ones pass; a flipped byte in any file of a bag,
# a missing or an extra payload file, or a flipped byte anywhere in an
# archive listed in a checksum file fails, naming the file.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"

flip() {	# flip the lowest bit of the byte at offset $2 (default: middle)
	"$PYTHON" - "$1" "${2:-}" <<'PY'
import sys
p, off = sys.argv[1], sys.argv[2]
b = bytearray(open(p, "rb").read())
i = int(off) if off else len(b) // 2
b[i] ^= 1
open(p, "wb").write(b)
PY
}

mkdir -p bag/data/sub
printf 'alpha\n' > bag/data/a.txt
printf 'id,name\n1,"x, y"\n' > bag/data/sub/b.csv
printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > bag/bagit.txt
(cd bag && find data -type f | LC_ALL=C sort | xargs sha256sum > manifest-sha256.txt)
(cd bag && find data -type f | LC_ALL=C sort | xargs sha512sum > manifest-sha512.txt)
printf 'Source-Organization: tests\nPayload-Oxum: 23.2\n' > bag/bag-info.txt
(cd bag && sha256sum bag-info.txt bagit.txt manifest-sha256.txt \
    manifest-sha512.txt > tagmanifest-sha256.txt)

sheaf verify bag
assert_rc 0
assert_out "bag: OK"

# Archives of the bag made by bsdtar and by Python's zipfile.
bsdtar -czf bag.tar.gz bag || fail "bsdtar"
"$PYTHON" - <<'PY' || fail "zipfile"
import os, zipfile
with zipfile.ZipFile("bag.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, files in sorted(os.walk("bag")):
        for f in sorted(files):
            z.write(os.path.join(d, f))
PY
sheaf verify bag.tar.gz bag.zip
assert_rc 0
assert_out "bag.tar.gz: OK"
assert_out "bag.zip: OK"
[ -z "$(ls -A "$TMPDIR")" ] || fail "verify left files in TMPDIR: $(ls "$TMPDIR")"

# A flipped byte in any file of the bag fails and names that file.
for f in bagit.txt bag-info.txt manifest-sha256.txt manifest-sha512.txt \
    tagmanifest-sha256.txt data/a.txt data/sub/b.csv; do
	rm -rf c && cp -a bag c && flip "c/$f"
	sheaf verify c
	assert_rc 1
	assert_err "c/$f"
done

# A missing and an extra payload file.
rm -rf c && cp -a bag c && rm c/data/a.txt
sheaf verify c
assert_rc 1
assert_err "c/data/a.txt: missing: listed in manifest-sha256.txt line 1"
rm -rf c && cp -a bag c && printf 'x' > c/data/sub/extra.txt
sheaf verify c
assert_rc 1
assert_err "c/data/sub/extra.txt: extra payload file: not listed in manifest-sha256.txt"
# A bad Payload-Oxum (tag manifest made to agree).
rm -rf c && cp -a bag c && printf 'Payload-Oxum: 24.2\n' > c/bag-info.txt
(cd c && sha256sum bag-info.txt bagit.txt manifest-sha256.txt \
    manifest-sha512.txt > tagmanifest-sha256.txt)
sheaf verify c
assert_rc 1
assert_err "c/bag-info.txt:1: Payload-Oxum 24.2 does not match the payload (23.2)"

# A checksum file over the archives: a flipped byte anywhere is caught.
sha256sum bag.tar.gz bag.zip > rel.sha256
sheaf verify rel.sha256
assert_rc 0
assert_out "rel.sha256: OK"
for k in tar.gz zip; do
	size=$(stat -c %s "bag.$k")
	for off in 0 4 9 $((size / 3)) $((size / 2)) $((size - 30)) $((size - 1)); do
		cp "bag.$k" keep && flip "bag.$k" "$off"
		sheaf verify rel.sha256
		assert_rc 1
		assert_err "bag.$k: sha256 checksum mismatch (rel.sha256 line"
		mv keep "bag.$k"
	done
done
# A damaged archive is reported even without a checksum file.
cp bag.tar.gz lone.tar.gz && flip lone.tar.gz $(( $(stat -c %s lone.tar.gz) / 2 ))
sheaf verify lone.tar.gz
assert_rc 1
assert_err "lone.tar.gz"
# Not found; not an archive; usage.
sheaf verify nonexistent.tar.gz
assert_rc 3
printf 'hello\n' > notes.txt
sheaf verify notes.txt
assert_rc 1
assert_err "notes.txt: not a readable tar.gz or zip archive"
sheaf verify
assert_rc 2
sheaf verify --max-files 0 bag
assert_rc 2
[ -z "$(ls -A "$TMPDIR")" ] || fail "verify left files in TMPDIR: $(ls "$TMPDIR")"
exit 0
