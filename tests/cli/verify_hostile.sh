# sheaf verify refuses hostile archives made here with Python's tarfile
# and zipfile, each with a clear message, and writes nothing outside its
# private temporary directory (which it removes).
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR" jail/deep/er
cd jail/deep/er || fail "cd"

"$PYTHON" - <<'PY' || fail "crafting archives"
import io, tarfile, warnings, zipfile
warnings.simplefilter("ignore")  # duplicate names are the point

def tar(name, members, mode="w:gz"):
    with tarfile.open(name, mode, format=tarfile.GNU_FORMAT) as t:
        for m in members:
            ti = tarfile.TarInfo(m["name"])
            ti.type = m.get("type", tarfile.REGTYPE)
            ti.linkname = m.get("link", "")
            data = m.get("data", b"")
            ti.size = len(data) if ti.type == tarfile.REGTYPE else 0
            ti.mode = 0o644
            t.addfile(ti, io.BytesIO(data) if ti.size else None)

def zipf(name, members):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for m in members:
            zi = zipfile.ZipInfo(m["name"], (2024, 5, 1, 0, 0, 0))
            zi.external_attr = m.get("mode", 0o100644) << 16
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, m.get("data", b""))

bag = {"name": "bag/", "type": tarfile.DIRTYPE}
cases = {
    "abs": [bag, {"name": "/tmp/sheaf-cli-evil", "data": b"x"}],
    "dotdot": [bag, {"name": "bag/../../../evil", "data": b"x"}],
    "symlink": [bag, {"name": "bag/data", "type": tarfile.SYMTYPE,
                      "link": "../../../"}],
    "hardlink": [bag, {"name": "bag/a", "data": b"x"},
                 {"name": "bag/b", "type": tarfile.LNKTYPE,
                  "link": "bag/a"}],
    "device": [bag, {"name": "bag/null", "type": tarfile.CHRTYPE}],
    "fifo": [bag, {"name": "bag/fifo", "type": tarfile.FIFOTYPE}],
    "dup": [bag, {"name": "bag/a", "data": b"one"},
            {"name": "bag/a", "data": b"two"}],
    "twotop": [bag, {"name": "bag/a", "data": b"x"},
               {"name": "other/b", "data": b"x"}],
    "bomb": [bag, {"name": "bag/zeros", "data": bytes(64 << 20)}],
    "many": [bag] + [{"name": "bag/f%02d" % i, "data": b"x"}
                     for i in range(20)],
    "big": [bag, {"name": "bag/big", "data": b"y" * 5000}],
}
for k, v in cases.items():
    tar(k + ".tar.gz", v)
zipf("abs.zip", [{"name": "/tmp/sheaf-cli-evil", "data": b"x"}])
zipf("dotdot.zip", [{"name": "bag/../../../evil", "data": b"x"}])
zipf("symlink.zip", [{"name": "bag/link", "data": b"../../../evil",
                      "mode": 0o120777}])
zipf("bomb.zip", [{"name": "bag/zeros", "data": bytes(64 << 20)}])
zipf("dup.zip", [{"name": "bag/a", "data": b"one"},
                 {"name": "bag/a", "data": b"two"}])
PY

check() {	# archive expected-message [options]
	local a=$1 msg=$2
	shift 2
	sheaf verify "$@" "$a"
	assert_rc 1
	assert_err "$msg"
}
check abs.tar.gz "member '/tmp/sheaf-cli-evil' refused: absolute path"
check dotdot.tar.gz "member 'bag/../../../evil' refused: '..' in path"
check symlink.tar.gz "member 'bag/data' refused: symbolic link"
check hardlink.tar.gz "member 'bag/b' refused: hard link"
check device.tar.gz "member 'bag/null' refused: device, FIFO or socket"
check fifo.tar.gz "member 'bag/fifo' refused: device, FIFO or socket"
check dup.tar.gz "member 'bag/a' refused: duplicate name"
check twotop.tar.gz "member 'other/b' refused: outside the top-level folder 'bag/'"
check bomb.tar.gz "refused: expands more than 200 times the archive's size"
check many.tar.gz "refused: more than 10 members" --max-files 10
check big.tar.gz "member 'bag/big' refused: 5000 bytes, more than the limit of 4096" --max-size 4096
check abs.zip "member '/tmp/sheaf-cli-evil' refused: absolute path"
check dotdot.zip "member 'bag/../../../evil' refused: '..' in path"
check symlink.zip "member 'bag/link' refused: symbolic link"
check bomb.zip "refused: expands more than 200 times the archive's size"
check dup.zip "member 'bag/a' refused: duplicate name"

# Nothing escaped: not next to the archives, not above, not in /tmp,
# and the private temporary directories are gone.
for p in "$TMP/evil" "$TMP/jail/evil" "$TMP/jail/deep/evil" \
    /tmp/sheaf-cli-evil; do
	assert_no "$p"
done
# Only the 16 archives made above are here.
[ "$(ls -A . | wc -l)" -eq 16 ] || fail "unexpected files: $(ls -A .)"
[ -z "$(ls -A "$TMPDIR")" ] || fail "verify left files in TMPDIR: $(ls "$TMPDIR")"
exit 0
