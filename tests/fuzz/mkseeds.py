#!/usr/bin/python3
"""Write the seed corpora of the fuzz targets into tests/fuzz/corpus/.

Run from the repository root with Debian's python3:
    /usr/bin/python3 tests/fuzz/mkseeds.py [RELEASE_DIR]
RELEASE_DIR, if given, is a published release (sheaf build of a small
article) whose archives become seeds of the archive target.  Seeds are
named seed-*; files named crash-* or regress-* are regression inputs
(tests/fuzz/regressions.txt) and are never touched here.
"""
import glob, gzip, hashlib, io, json, os, shutil, sys, tarfile, zipfile

ROOT = os.getcwd()
CORPUS = os.path.join(ROOT, "tests/fuzz/corpus")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def clear():
    for p in glob.glob(os.path.join(CORPUS, "*", "seed-*")):
        os.remove(p)


def articles():
    for p in sorted(glob.glob("tests/articles/*.txt") +
                    glob.glob("data/articles/*.txt")):
        put("article", os.path.basename(p), read(p))
    put("article", "cr-only.txt", "Title\r\rA body line.\rAnother.\r")
    put("article", "bom-crlf.txt", b"\xef\xbb\xbfT\r\n\r\nBody.\r\n")
    put("article", "one-line.txt", "word " * 300)
    put("article", "blank.txt", "\n\n\n \n\t\n")
    put("article", "nonascii.txt",
        "Gen\u00e8ve \u2014 \u201cAccord\u201d\n\nLa France et "
        "l\u2019Allemagne ont sign\u00e9 le trait\u00e9 de l\u2019\u00c9lys"
        "\u00e9e (UN, NATO).\n\nPhoto: AP / Jane Doe\n")
    put("article", "byline.txt",
        "Summit Ends\n\nBy John Smith and Mary Jones\n\nThe United "
        "Nations Security Council (UNSC) met. President Joe Biden of the "
        "United States and Prime Minister Fumio Kishida of Japan spoke."
        "\n\nJohn Smith is a fellow at the Institute.\n")


TABLE_CSV = (
    "id,parent,name,email,uri,uuid,kind,score,amount,flag,day,day2,at,"
    "clock,year,ym,span,where,where2,obj,arr,code,any\r\n"
    "1,,Alpha,a@b.example,http://example.org/a,"
    "00000000-0000-4000-8000-000000000000,a,1.5,\"1.000,25\",yes,"
    "2024-02-29,29/02/2024,2024-01-01T12:00:00Z,12:30:00,2024,2024-05,"
    "P1Y2M3DT4H,\"90, 45\",\"[90, 45]\",\"{\"\"k\"\": 1}\",\"[1, 2]\","
    "x1,anything\n"
    "2,1,Beta two,NA,,,b,-1.5,\"2,5\",no,1999-12-31,01/01/1999,"
    "1999-12-31T23:59:59+01:00,23:59,1999,1999-12,PT1S,\"-90, -45\","
    "\"[0, 0]\",{},[],x2,\n"
    "3,9,,bad,nouri,notuuid,z,1e9,x,maybe,1800-01-01,2024-02-30,yesterday,"
    "25:00,2200,2024-13,P,\"200, 0\",[1],[],{},x1,\n"
    "\n"
    "1,1,Dup\n"
)


def tables():
    for p in sorted(glob.glob("tests/validate/*/data.csv")):
        put("csv", p.split("/")[2] + ".csv", read(p))
    put("csv", "fixed-schema.csv", TABLE_CSV)
    put("csv", "quoted.csv", 'id,name\n"1","a ""quoted"" cell\nwith a '
        'newline"\n"2\n')
    put("csv", "bom-cr.csv", b"\xef\xbb\xbfid,parent\r1,\r2,1\r")
    for p in sorted(glob.glob("tests/release/payload/json/*.json")):
        if not p.endswith(".schema.json"):
            put("jsontable", os.path.basename(p), read(p))
    rows = [
        {"id": 1, "parent": None, "name": "Alpha", "email": "a@b.example",
         "uri": "http://example.org", "uuid": None, "kind": "a",
         "score": 1.5, "amount": "1.000,25", "flag": True,
         "day": "2024-02-29", "day2": "29/02/2024",
         "at": "2024-01-01T12:00:00Z", "clock": "12:30:00", "year": 2024,
         "ym": "2024-05", "span": "P1D", "where": "90, 45",
         "where2": "[90, 45]", "obj": "{}", "arr": "[]", "code": "x",
         "any": "y"},
        {"id": 2, "parent": 7, "name": "", "email": 5, "flag": "yes"},
        [1, 2],
        {"id": 1.5e300, "unknown": True},
    ]
    put("jsontable", "fixed-schema.json", json.dumps(rows, indent=1))
    put("jsontable", "empty.json", "[]")
    put("jsontable", "object.json", '{"id": 1}')


def schemas():
    for p in sorted(glob.glob("tests/validate/*/schema.json")):
        put("schema", p.split("/")[2] + ".json", read(p))
    for p in sorted(glob.glob("schemas/*.json")):
        put("schema", "sheaf-" + os.path.basename(p), read(p))
    put("schema", "patterns.json", json.dumps({"fields": [
        {"name": "a", "type": "string",
         "constraints": {"pattern": "(a|b)*c{2,3}[^x-z]\\d+\\p{L}?"}},
        {"name": "b", "type": "date", "format": "%Y/%m/%d %H"},
        {"name": "c", "type": "number", "decimalChar": ",",
         "groupChar": " ", "bareNumber": False,
         "constraints": {"minimum": "1,5", "enum": ["1,5", "2"]}},
        {"name": "d", "type": "boolean", "trueValues": ["Y"],
         "falseValues": ["N"]},
        {"name": "e", "type": "geopoint", "format": "object"},
        {"name": "f", "type": "datetime", "format": "any",
         "constraints": {"maximum": "2030-01-01T00:00:00Z"}},
    ], "primaryKey": ["a", "b"], "missingValues": ["-", ""],
        "foreignKeys": [{"fields": "a", "reference":
                         {"resource": "", "fields": "c"}}]}))


def citations():
    put("citation", "sheaf.cff", read("CITATION.cff"))
    put("citation", "fixture.cff", read("tests/release/CITATION.cff"))
    put("citation", "references.cff", """cff-version: 1.2.0
message: Cite it.
type: dataset
title: 'A title: with colon'
version: 2.0.0-rc.1
doi: 10.5281/zenodo.1234
url: https://example.org/
date-released: 2024-01-31
abstract: |
  Two lines
  of text.
authors:
  - family-names: van der Berg
    given-names: Jan
    name-suffix: Jr.
    affiliation: Somewhere
  - name: The Org
    city: Paris
    country: FR
license: [CC-BY-4.0, MIT]
keywords: [a, "b", 3]
references:
  - type: newspaper-article
    title: Old
    authors:
      - name: Nobody
repository-code: https://example.org/code
""")
    put("citation", "anchors.cff", """cff-version: 1.2.0
message: &m Cite it.
type: dataset
title: *m
authors: [{name: X}]
license: CC0-1.0
""")


def jsonl():
    texts = sorted(glob.glob("tests/articles/*.txt"))[:4]
    for i, p in enumerate(texts):
        rec = {"id": "doc-%d" % i, "text": read(p).decode(),
               "title": "T %d" % i, "authors": ["A One", "B Two"],
               "publisher": "P", "published": "2024-05-01",
               "url": "https://example.org/%d" % i, "language": "en"}
        put("jsonl", "rec%d.json" % i, json.dumps(rec))
    put("jsonl", "minimal.json", '{"id": "x", "text": "Hello."}')
    put("jsonl", "authors-string.json",
        '{"id": "x", "text": "A\\r\\nB\\u00e9", "authors": "Me; You"}')
    put("jsonl", "escapes.json",
        '{"id": "\\ud83d\\ude00", "text": "\\ufeffT\\n\\nBody \\"q\\"."}')
    put("jsonl", "stream.jsonl",
        '{"id": "a", "text": "One.\\n"}\n\n\r\n'
        '{"id": "b", "text": "Two.", "title": "T"}\r\n'
        'not json\n'
        '{"id": "a", "text": "Again."}')


def bag_files(files):
    """A minimal BagIt bag: {path: bytes} of its payload -> all files."""
    out = {"bagit.txt":
           b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"}
    man = "".join("%s  data/%s\n" % (hashlib.sha256(v).hexdigest(), k)
                  for k, v in sorted(files.items()))
    out["manifest-sha256.txt"] = man.encode()
    octets = sum(len(v) for v in files.values())
    out["bag-info.txt"] = ("Payload-Oxum: %d.%d\nBagging-Date: 2024-01-01\n"
                           % (octets, len(files))).encode()
    for k, v in files.items():
        out["data/" + k] = v
    tag = "".join("%s  %s\n" % (hashlib.sha256(out[k]).hexdigest(), k)
                  for k in ("bag-info.txt", "bagit.txt",
                            "manifest-sha256.txt"))
    out["tagmanifest-sha256.txt"] = tag.encode()
    return out


def archives(release):
    csv = b"id,name\n1,a\n2,b\n"
    dp = {"name": "p", "resources": [{
        "name": "t", "path": "t.csv", "format": "csv", "encoding": "utf-8",
        "bytes": len(csv),
        "hash": "sha256:" + hashlib.sha256(csv).hexdigest(),
        "schema": {"fields": [{"name": "id", "type": "integer"},
                              {"name": "name", "type": "string"}],
                   "primaryKey": ["id"]}}]}
    files = {"t.csv": csv, "datapackage.json": json.dumps(dp).encode()}
    bag = bag_files(files)

    def tar_bytes(mode):
        b = io.BytesIO()
        with tarfile.open(fileobj=b, mode=mode,
                          format=tarfile.USTAR_FORMAT) as t:
            ti = tarfile.TarInfo("bag")
            ti.type, ti.mode, ti.mtime = tarfile.DIRTYPE, 0o755, 0
            t.addfile(ti)
            for k in sorted(bag):
                ti = tarfile.TarInfo("bag/" + k)
                ti.size, ti.mode, ti.mtime = len(bag[k]), 0o644, 0
                t.addfile(ti, io.BytesIO(bag[k]))
        return b.getvalue()

    def zip_bytes(method):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", method) as z:
            for k in sorted(bag):
                zi = zipfile.ZipInfo("bag/" + k, (2024, 1, 1, 0, 0, 0))
                zi.compress_type = method
                z.writestr(zi, bag[k])
        return b.getvalue()

    put("archive", "bag.tar", tar_bytes("w"))
    put("archive", "bag.tar.gz", gzip.compress(tar_bytes("w"), mtime=0))
    put("archive", "bag-stored.zip", zip_bytes(zipfile.ZIP_STORED))
    put("archive", "bag-deflated.zip", zip_bytes(zipfile.ZIP_DEFLATED))
    bad = dict(bag)
    bad["data/t.csv"] = b"id,name\n1,a\n1,c\n"
    bag, keep = bad, bag
    put("archive", "bag-badfix.tar", tar_bytes("w"))
    bag = keep
    if release:
        for p in sorted(glob.glob(os.path.join(release, "*.tar.gz")) +
                        glob.glob(os.path.join(release, "*.zip"))):
            put("archive", "release-" + os.path.basename(p).split("-")[-1],
                read(p))


def foreign_archives():
    """Bags as other tools and BagIt 0.93-0.97 wrote them, as tar."""
    def tar_of(files):
        b = io.BytesIO()
        with tarfile.open(fileobj=b, mode="w",
                          format=tarfile.PAX_FORMAT) as t:
            ti = tarfile.TarInfo("bag")
            ti.type, ti.mode, ti.mtime = tarfile.DIRTYPE, 0o755, 0
            t.addfile(ti)
            for k in sorted(files):
                ti = tarfile.TarInfo("bag/" + k)
                ti.size, ti.mode, ti.mtime = len(files[k]), 0o644, 0
                t.addfile(ti, io.BytesIO(files[k]))
        return b.getvalue()

    def bag(version, enc, codec, algs, payload, listed=None, fetch=None,
            info="Payload-Oxum: 0.0\n", mark=""):
        out = {"bagit.txt": ("BagIt-Version: %s\nTag-File-Character-"
                             "Encoding: %s\n" % (version, enc)).encode()}
        out["bag-info.txt"] = info.encode(codec)
        if fetch:
            out["fetch.txt"] = fetch.encode(codec)
        for a in algs:
            out["manifest-%s.txt" % a] = "".join(
                "%s %s%s\n" % (hashlib.new(a, v).hexdigest(), mark, k)
                for k, v in sorted((listed or payload).items())
            ).encode(codec)
        for k, v in payload.items():
            out[k.encode().decode()] = v
        tags = [k for k in sorted(out) if not k.startswith("data/")]
        out["tagmanifest-%s.txt" % algs[0]] = "".join(
            "%s  %s\n" % (hashlib.new(algs[0], out[k]).hexdigest(), k)
            for k in tags).encode(codec)
        return out

    far = {"data/far.txt": b"fetched later\n"}
    near = {"data/near.txt": b"here\n"}
    put("archive", "foreign-utf16-holey.tar", tar_of(bag(
        "0.97", "UTF-16", "utf-16", ("md5",), near, dict(near, **far),
        "https://example.org/far.txt 14 data/far.txt\n",
        "Payload-Oxum: 19.2\nContact-Name: Jos\u00e9\n")))
    put("archive", "foreign-latin1-marks.tar", tar_of(bag(
        "0.96", "ISO-8859-1", "latin-1", ("sha1",),
        {"data/caf\u00e9.txt": b"coffee\n"}, mark="*./",
        info="Payload-Oxum: 7.1\nBagging-Date : 2016-01-01\n"
             "Bagging-Date: 2016-01-02\n")))
    put("archive", "foreign-cp1252.tar", tar_of(bag(
        "0.95", "windows-1252", "cp1252", ("sha224",),
        {"data/caf\u00e9.txt": b"coffee\n"},
        info="Payload-Oxum: 7.1\nContact-Name: \u201cq\u201d\n")))
    put("archive", "foreign-nfd.tar", tar_of(bag(
        "1.0", "UTF-8", "utf-8", ("sha384", "sha512"),
        {"data/caf\u00e9.txt": b"coffee\n"},
        {"data/cafe\u0301.txt": b"coffee\n"}, info="Payload-Oxum: 7.1\n")))


def main():
    clear()
    articles()
    tables()
    schemas()
    citations()
    jsonl()
    archives(sys.argv[1] if len(sys.argv) > 1 else None)
    foreign_archives()


main()
