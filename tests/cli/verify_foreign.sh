# sheaf verify on bags as other tools and older BagIt versions wrote
# them, made here with Python: md5/sha1/sha224/sha384 manifests (a
# warning when only weak ones hold fixity), tag files in ISO-8859-1,
# windows-1252 and UTF-16 (paths judged in Unicode, NFD names matching
# NFC files), fetch.txt holes (--complete refuses them), './' and '*'
# before paths, names listed twice (a warning before 1.0, an error in
# 1.0), bag-info.txt separators by version; and the refusals, each
# naming the file and line.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"

"$PYTHON" - <<'PY' || fail "making bags"
import hashlib, os, unicodedata

def bag(name, files, version="1.0", enc="UTF-8", algs=("sha256",),
        tagalgs=None, info=None, fetch=None, manifest_lines=None,
        codec=None, extra_manifest=""):
    codec = codec or enc
    os.makedirs(name)
    octets = 0
    for path, data in files.items():
        p = os.path.join(name, path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        octets += len(data)
    with open(os.path.join(name, "bagit.txt"), "w") as f:
        f.write("BagIt-Version: %s\nTag-File-Character-Encoding: %s\n"
                % (version, enc))
    tags = ["bagit.txt"]
    if info is None:
        info = "Source-Organization: tests\nPayload-Oxum: %d.%d\n" % (
            octets, len(files))
    if info is not False:
        with open(os.path.join(name, "bag-info.txt"), "wb") as f:
            f.write(info.encode(codec) if isinstance(info, str) else info)
        tags.append("bag-info.txt")
    if fetch is not None:
        with open(os.path.join(name, "fetch.txt"), "wb") as f:
            f.write(fetch.encode(codec))
        tags.append("fetch.txt")
    for a in algs:
        lines = manifest_lines(a) if manifest_lines else "".join(
            "%s  %s\n" % (hashlib.new(a, d).hexdigest(), p)
            for p, d in sorted(files.items()))
        with open(os.path.join(name, "manifest-%s.txt" % a), "wb") as f:
            f.write((lines + extra_manifest).encode(codec))
        tags.append("manifest-%s.txt" % a)
    for a in tagalgs or algs:
        text = "".join("%s  %s\n" % (
            hashlib.new(a, open(os.path.join(name, t), "rb").read())
            .hexdigest(), t) for t in tags)
        with open(os.path.join(name, "tagmanifest-%s.txt" % a), "wb") as f:
            f.write(text.encode(codec))

two = {"data/a.txt": b"alpha\n", "data/sub/b.txt": b"beta beta\n"}
bag("md5", two, "0.97", algs=("md5",))
bag("sha1", two, "0.96", algs=("sha1",))
bag("md5sha256", two, algs=("md5", "sha256"))
bag("sha224sha384", two, "0.95", algs=("sha224", "sha384"))

# A name with an accent, in the tag files' own encodings.
cafe = {"data/caf\u00e9.txt".encode(): b"coffee\n", b"data/plain.txt": b"tea\n"}
files = {k.decode(): v for k, v in cafe.items()}
info = ("Contact-Name: Jos\u00e9 N\u00fa\u00f1ez\n"
        "Payload-Oxum: 11.2\n")
bag("latin1", files, "0.97", "ISO-8859-1", algs=("md5",), info=info)
bag("cp1252", files, "0.97", "windows-1252", algs=("md5",),
    info="Contact-Name: \u201cquoted\u201d\nPayload-Oxum: 11.2\n")
bag("utf16", files, "0.97", "UTF-16", algs=("md5", "sha256"), info=info,
    codec="utf-16")              # Python writes a byte order mark
bag("utf16le", files, "0.97", "UTF-16LE", algs=("sha512",), info=info,
    codec="utf-16-le")           # no byte order mark
# The same bytes declared UTF-8: the manifest's name is not the file's.
bag("latin1-as-utf8", files, "0.97", "UTF-8", algs=("md5",), info=info,
    codec="latin-1")
# A manifest naming the file in NFD; the file is named in NFC.
nfd = unicodedata.normalize("NFD", "data/caf\u00e9.txt")
bag("nfd", files, "1.0", algs=("sha256",), manifest_lines=lambda a:
    "".join("%s  %s\n" % (hashlib.new(a, d).hexdigest(),
            nfd if "caf" in p else p) for p, d in sorted(files.items())))

# Holey: data/far.txt is listed in fetch.txt and in the manifest, absent.
far = b"far away\n"
hol = dict(two)
bag("holey", hol, "0.97", algs=("sha256",),
    info="Payload-Oxum: %d.3\n" % (6 + 10 + len(far)),
    fetch="https://example.org/far.txt %d data/far.txt\n" % len(far),
    extra_manifest="%s  data/far.txt\n" % hashlib.sha256(far).hexdigest())
bag("holey-badoxum", hol, "0.97", algs=("sha256",),
    info="Payload-Oxum: 16.2\n",
    fetch="https://example.org/far.txt - data/far.txt\n",
    extra_manifest="%s  data/far.txt\n" % hashlib.sha256(far).hexdigest())
bag("fetch-unlisted", two, "0.97", algs=("sha256",),
    fetch="https://example.org/x - data/x.txt\n")
bag("fetch-outside", two, "0.97", algs=("sha256",),
    fetch="https://example.org/x - tags/x.txt\n")
bag("fetch-malformed", two, "0.97", algs=("sha256",),
    fetch="https://example.org/x data/a.txt\n")

# './' and md5sum's '*' before paths.
bag("marks", two, "0.97", algs=("md5",), manifest_lines=lambda a:
    "".join("%s *./%s\n" % (hashlib.new(a, d).hexdigest(), p)
            for p, d in sorted(two.items())))
# A name listed twice with the same checksum: 0.97 and 1.0.
twice = lambda a: "".join("%s  %s\n" % (hashlib.new(a, d).hexdigest(), p)
                          for p, d in sorted(two.items()) + [("data/a.txt",
                                                              two["data/a.txt"])])
bag("twice097", two, "0.97", manifest_lines=twice)
bag("twice10", two, "1.0", manifest_lines=twice)
# White space before a bag-info.txt colon: read before 1.0, refused in 1.0.
sep = "Source-Organization : tests\nPayload-Oxum:   16.2\n"
bag("sep097", two, "0.97", info=sep)
bag("sep10", two, "1.0", info=sep)

# Refusals.
bag("enc-unknown", two, "0.97", "EBCDIC-US", codec="latin-1")
bag("ver092", two, "0.92")
bag("cp1252-undefined", two, "0.97", "windows-1252", algs=("md5",),
    info=b"Contact-Name: \x81\nPayload-Oxum: 16.2\n", codec="latin-1")
bag("utf16-odd", two, "0.97", "UTF-16", algs=("md5",), codec="utf-16")
with open("utf16-odd/bag-info.txt", "ab") as f:
    f.write(b"x")
bag("utf16-surrogate", two, "0.97", "UTF-16BE", algs=("md5",),
    info=b"\xd8\x00\x00A", codec="utf-16-be")
PY

ok() {		# bag [expected warning]
	sheaf verify "$@"
	assert_rc 0
}
refused() {	# bag message [options]
	local b=$1 msg=$2
	shift 2
	sheaf verify "$@" "$b"
	assert_rc 1
	assert_err "$msg"
}

ok md5
assert_err "md5: warning: fixity rests on md5 only, a weak algorithm"
ok sha1
assert_err "sha1: warning: fixity rests on sha1 only, a weak algorithm"
ok md5sha256
printf '%s' "$err" | grep -q "fixity rests" && fail "a sha256 manifest holds fixity: $err"
ok sha224sha384
printf '%s' "$err" | grep -q "weak" && fail "sha224 and sha384 are not weak: $err"
# A flipped byte is caught by md5 alone, and by each of two algorithms.
printf 'alphA\n' > md5/data/a.txt
refused md5 "md5/data/a.txt: md5 checksum mismatch (md5/manifest-md5.txt:1)"
printf 'alphA\n' > sha224sha384/data/a.txt
refused sha224sha384 "sha224sha384/data/a.txt: sha224 checksum mismatch (sha224sha384/manifest-sha224.txt:1)"
assert_err "sha224sha384/data/a.txt: sha384 checksum mismatch (sha224sha384/manifest-sha384.txt:1)"

for b in latin1 cp1252 utf16 utf16le nfd; do
	ok "$b"
	assert_out "$b: OK"
done
refused latin1-as-utf8 "latin1-as-utf8/data/caf"
assert_err "missing: listed in manifest-md5.txt line 1"
assert_err "latin1-as-utf8/data/café.txt: extra payload file: not listed in manifest-md5.txt"

ok holey
assert_err "holey/fetch.txt: warning: holey bag: 1 file listed here is absent (to be fetched; --complete refuses this)"
refused holey "holey/data/far.txt: missing: listed in manifest-sha256.txt line 3 and in fetch.txt line 1 (--complete)" --complete
refused holey-badoxum "holey-badoxum/bag-info.txt:1: Payload-Oxum 16.2 does not match the payload (16.3, absent files of unknown size included)"
refused fetch-unlisted "fetch-unlisted/fetch.txt:1: 'data/x.txt' is not listed in manifest-sha256.txt"
refused fetch-outside "fetch-outside/fetch.txt:1: 'tags/x.txt' is outside the payload directory"
refused fetch-malformed "fetch-malformed/fetch.txt:1: malformed line: expected 'URL LENGTH PATH'"

ok marks
assert_err "marks/manifest-md5.txt:1: warning: 2 paths marked '*' (binary mode of md5sum-style tools)"
assert_err "marks/manifest-md5.txt:1: warning: 2 paths with './' before it: read relative to the bag"
ok twice097
assert_err "twice097/manifest-sha256.txt:3: warning: 'data/a.txt' listed twice (also line 1), with the same checksum"
refused twice10 "twice10/manifest-sha256.txt:3: 'data/a.txt' listed twice (also line 1)"
ok sep097
refused sep10 "sep10/bag-info.txt:1: malformed line: expected 'Label: value'"

refused enc-unknown "enc-unknown/bagit.txt:2: tag-file encoding 'EBCDIC-US' not supported"
refused ver092 "ver092/bagit.txt:1: first line must be 'BagIt-Version: V' with V one of 0.93 to 0.97 or 1.0"
refused cp1252-undefined "cp1252-undefined/bag-info.txt:1: byte windows-1252 does not define (byte 14)"
refused utf16-odd "utf16-odd/bag-info.txt:3: odd number of bytes for UTF-16"
refused utf16-surrogate "utf16-surrogate/bag-info.txt:1: unpaired UTF-16 surrogate (byte 0)"

# Archives of foreign bags verify the same way.
bsdtar -czf utf16.tar.gz utf16 || fail "bsdtar"
sheaf verify utf16.tar.gz
assert_rc 0
bsdtar -czf holey.tar.gz holey || fail "bsdtar"
sheaf verify --complete holey.tar.gz
assert_rc 1
assert_err "holey.tar.gz:holey/data/far.txt: missing"
[ -z "$(ls -A "$TMPDIR")" ] || fail "verify left files in TMPDIR: $(ls "$TMPDIR")"
exit 0
