# data/ro-crate-metadata.json in both bags of a release (RO-Crate 1.1):
# the descriptor and the root data entity with exact values; a File
# entity for every payload file but the crate, with its size, sha256 and
# media type, and no entity for a file that is not there; tables linked
# to their schemas; the source article as a CreativeWork with its URL;
# listed in the bag manifests; the same bytes when built again.  Then
# the crate is expanded as JSON-LD (pyld, offline, with the RO-Crate 1.1
# context of ../shared/standards/ro-crate-1.1) and no term is dropped.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
N=sheaf-treaties-and-memberships-corpus
R=$N-1.0.0
for o in a b; do
	sheaf build -q --unpacked --out $o --date 2026-01-31 "$ROOT/data/articles"
	assert_rc 0
done
for fl in csv json; do
	c=a/$R/$R-$fl/data/ro-crate-metadata.json
	assert_file "$c"
	cmp -s "$c" b/$R/$R-$fl/data/ro-crate-metadata.json ||
	    fail "$fl crate differs between two builds"
	for m in manifest-sha256.txt manifest-sha512.txt; do
		grep -q '  data/ro-crate-metadata.json$' a/$R/$R-$fl/$m ||
		    fail "$fl: the crate is not in $m"
	done
	"$PYTHON" - a/$R/$R-$fl/data "$fl" <<'PY' || fail "$fl crate"
import hashlib, json, os, sys
data, fl = sys.argv[1:]
doc = json.load(open(os.path.join(data, "ro-crate-metadata.json"), encoding="utf-8"))
assert doc["@context"] == ["https://w3id.org/ro/crate/1.1/context",
    {"sha256": "https://w3id.org/ro/terms/workflow-run#sha256"}], doc["@context"]
g = {e["@id"]: e for e in doc["@graph"]}
assert len(g) == len(doc["@graph"]), "repeated @id"
assert g["ro-crate-metadata.json"] == {"@id": "ro-crate-metadata.json",
    "@type": "CreativeWork", "about": {"@id": "./"},
    "conformsTo": {"@id": "https://w3id.org/ro/crate/1.1"}}
root = g["./"]
url = "https://thediplomat.com/2015/06/chinas-counterterrorism-campaign-goes-global/"
want = {"@id": "./", "@type": "Dataset",
    "name": "Sheaf Treaties and Memberships Corpus", "version": "1.0.0",
    "datePublished": "2026-01-31",
    "license": [{"@id": "https://spdx.org/licenses/CC-BY-4.0"}],
    "author": [{"@id": "#author-1"}],
    "keywords": ["international relations", "treaties",
        "international organisations", "named entities", "news articles",
        "text as data"],
    "citation": [{"@id": url}]}
for k, v in want.items():
    assert root[k] == v, (k, root[k])
assert root["description"].startswith("Research tables derived from published news articles")
assert sorted(root) == sorted(list(want) + ["description", "hasPart"]), sorted(root)
assert g["#author-1"] == {"@id": "#author-1", "@type": "Organization", "name": "sheaf developers"}
assert g["https://spdx.org/licenses/CC-BY-4.0"] == {"@id": "https://spdx.org/licenses/CC-BY-4.0",
    "@type": "CreativeWork", "name": "CC-BY-4.0", "identifier": "CC-BY-4.0"}
art = g[url]
assert art == {"@id": url, "@type": "CreativeWork", "url": url,
    "name": "China\u2019s Counterterrorism Campaign Goes Global",
    "author": ["Moritz Rudolf", "Marc Julienne", "Johannes Buckow"],
    "datePublished": "2015-06-03", "inLanguage": "en",
    "publisher": {"@id": "#publisher-1"}}, art
assert g["#publisher-1"] == {"@id": "#publisher-1", "@type": "Organization", "name": "The Diplomat"}
# every payload file but the crate, and nothing else
files = []
for dp, dn, fn in os.walk(data):
    for f in fn:
        files.append(os.path.relpath(os.path.join(dp, f), data))
files = sorted(f for f in files if f != "ro-crate-metadata.json")
parts = [p["@id"] for p in root["hasPart"]]
assert parts == sorted(files, key=lambda s: s.encode()), (parts, files)
fmt = {"csv": "text/csv", "md": "text/markdown", "cff": "application/yaml",
       "txt": "text/plain", "json": "application/json", "html": "text/html",
       "svg": "image/svg+xml", "jsonl": "application/jsonl"}
for p in parts:
    e = g[p]
    b = open(os.path.join(data, p), "rb").read()
    assert e["@type"] == "File" and e["contentSize"] == str(len(b)), e
    assert e["sha256"] == hashlib.sha256(b).hexdigest(), p
    f = "application/schema+json" if p.endswith(".schema.json") else fmt[p.rsplit(".", 1)[1]]
    assert e["encodingFormat"] == f, (p, e["encodingFormat"])
tables = ["documents", "paragraphs", "entities", "mentions", "treaties",
          "treaty_parties", "memberships"]
for t in tables:
    e = g["%s/%s.%s" % (fl, t, fl)]
    assert e["name"] == t and e["conformsTo"] == {"@id": "schemas/%s.json" % t}, e
    assert "schemas/%s.json" % t in g
src = g["source/chinas-counterterrorism-campaign-goes-global.txt"]
assert src["isBasedOn"] == {"@id": url}, src
n = len(files)
assert len(doc["@graph"]) == n + 6, (len(doc["@graph"]), n)
print(fl, n, "files")
PY
done

# Articles given as JSON Lines: source/documents.jsonl is a File of the
# crate, its size and sha256 those of the bytes in the bag (taken as the
# sink wrote it, not read again).
printf '{"id": "a-1", "text": "Talks Resume\\n\\nIndia and Pakistan met in Geneva."}\n{"id": "a-2", "text": "Accord Signed\\n\\nFrance and Germany signed the accord."}\n' >two.jsonl
sheaf build -q --unpacked --out j --name jl --version 1.0.0 --date 2026-01-31 \
    --jsonl two.jsonl
assert_rc 0
"$PYTHON" - j/jl-1.0.0/jl-1.0.0-csv/data <<'PY' || fail "JSON Lines crate"
import hashlib, json, os, sys
data = sys.argv[1]
doc = json.load(open(os.path.join(data, "ro-crate-metadata.json"), encoding="utf-8"))
g = {e["@id"]: e for e in doc["@graph"]}
b = open(os.path.join(data, "source/documents.jsonl"), "rb").read()
assert [json.loads(l)["id"] for l in b.decode().splitlines()] == ["a-1", "a-2"]
assert g["source/documents.jsonl"] == {"@id": "source/documents.jsonl",
    "@type": "File", "encodingFormat": "application/jsonl",
    "contentSize": str(len(b)), "sha256": hashlib.sha256(b).hexdigest()}, \
    g["source/documents.jsonl"]
assert {"@id": "source/documents.jsonl"} in g["./"]["hasPart"]
PY

CTX=$ROOT/../shared/standards/ro-crate-1.1/context.jsonld
if [ ! -f "$CTX" ]; then
	echo "skipped: JSON-LD expansion: no RO-Crate context at $CTX (../shared is absent)"
	exit 0
fi
"$PYTHON" -c 'import pyld' 2>/dev/null ||
	skip "python3-pyld is not installed (make test-deps)"
for fl in csv json; do
	"$PYTHON" - "$CTX" a/$R/$R-$fl/data <<'PY' || fail "$fl: JSON-LD expansion"
import json, os, sys
from urllib.parse import urljoin
from pyld import jsonld
ctx_path, data = sys.argv[1:]
ctx = json.load(open(ctx_path, encoding="utf-8"))
def loader(url, options=None):
    if url.rstrip("/") != "https://w3id.org/ro/crate/1.1/context":
        raise Exception("offline: no document " + url)
    return {"contextUrl": None, "documentUrl": url, "document": ctx}
doc = json.load(open(os.path.join(data, "ro-crate-metadata.json"), encoding="utf-8"))
base = "http://crate.invalid/"
exp = jsonld.expand(doc, {"documentLoader": loader, "base": base})
byid = {n["@id"]: n for n in exp}
assert len(byid) == len(doc["@graph"]), (len(byid), len(doc["@graph"]))
def count(v):
    return len(v) if isinstance(v, list) else 1
for e in doc["@graph"]:
    x = byid[urljoin(base, e["@id"])]
    for k, v in e.items():
        if k.startswith("@"):
            continue
        hits = [p for p in x if not p.startswith("@") and
                (p.endswith("/" + k) or p.endswith("#" + k))]
        assert len(hits) == 1, ("term dropped or ambiguous", e["@id"], k, hits)
        assert len(x[hits[0]]) == count(v), (e["@id"], k)
    assert len([p for p in x if not p.startswith("@")]) == \
        len([k for k in e if not k.startswith("@")]), e["@id"]
    assert x["@type"] == [ "http://schema.org/" + ("MediaObject" if e["@type"] == "File" else e["@type"])], x["@type"]
# hasPart of the root: every file exists
root = byid[base]
for p in root["http://schema.org/hasPart"]:
    rel = p["@id"][len(base):]
    assert os.path.isfile(os.path.join(data, rel)), rel
print(os.path.basename(os.path.dirname(data)), len(exp), "nodes expanded, no term dropped")
PY
done
