# A corpus build: the output is byte-identical whatever the number of
# threads, whether articles come as files, a directory, JSON Lines or
# standard input, and whether it is built in one go or as three shards
# merged afterwards.  JSON Lines sources stay JSON Lines.
. "$ROOT/tests/lib.sh"

mkdir corpus
cp "$ROOT"/data/articles/*.txt "$ROOT"/data/articles/*.meta.json corpus/
cp "$ROOT"/tests/articles/*.txt corpus/
n=$(ls corpus/*.txt | wc -l)
name=sheaf-treaties-and-memberships-corpus-1.0.0

for j in 1 2 4; do
	sheaf build -q --unpacked -j "$j" --out "out$j" --date 2026-02-03 corpus
	assert_rc 0
done
cmp out1/$name/$name.sha256 out2/$name/$name.sha256 || fail "-j 2 differs from -j 1"
cmp out1/$name/$name.sha256 out4/$name/$name.sha256 || fail "-j 4 differs from -j 1"
rows=$(($(wc -l < out1/$name/$name-csv/data/csv/documents.csv) - 1))
assert_eq "$rows" "$n" "documents"

# JSON Lines with the same ids, texts and metadata give the same tables.
"$PYTHON" - "$n" <<'PY'
import glob, json, os
with open("corpus.jsonl", "w", encoding="utf-8") as out:
    for p in sorted(glob.glob("corpus/*.txt")):
        rec = {"id": os.path.basename(p)[:-4]}
        with open(p, encoding="utf-8-sig", newline="") as f:
            rec["text"] = f.read()
        meta = p[:-4] + ".meta.json"
        if os.path.exists(meta):
            rec.update(json.load(open(meta, encoding="utf-8")))
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
PY
sheaf dump -t entities --jsonl corpus.jsonl
assert_rc 0
printf '%s\n' "$out" > jsonl-entities.csv
cmp jsonl-entities.csv out1/$name/$name-csv/data/csv/entities.csv ||
    fail "JSON Lines entities differ from the file build"
sheaf dump -t mentions --jsonl - < corpus.jsonl
assert_rc 0
printf '%s\n' "$out" > stdin-mentions.csv
cmp stdin-mentions.csv out1/$name/$name-csv/data/csv/mentions.csv ||
    fail "mentions read from standard input differ"

# JSON Lines input keeps its source as JSON Lines: one record a document
# in source/documents.jsonl, in input order, whose text hashes to the
# document's source_sha256; the same bytes for every -j, and from three
# merged shards.  --source-files gives one file a document instead.
for j in 1 2; do
	sheaf build -q --unpacked -j "$j" --out "jl$j" --date 2026-02-03 \
	    --jsonl corpus.jsonl
	assert_rc 0
done
cmp jl1/$name/$name.sha256 jl2/$name/$name.sha256 ||
    fail "JSON Lines: -j 2 differs from -j 1"
cmp jl1/$name/$name-csv/data/csv/paragraphs.csv \
    out1/$name/$name-csv/data/csv/paragraphs.csv ||
    fail "JSON Lines paragraphs differ from the file build"
for k in 1 2 3; do
	sheaf extract -q --shard "$k/3" --out "jpart$k" --jsonl corpus.jsonl
	assert_rc 0
done
sheaf merge -q --unpacked --out jmerged --date 2026-02-03 jpart2 jpart3 jpart1
assert_rc 0
cmp jl1/$name/$name.sha256 jmerged/$name/$name.sha256 ||
    fail "the merged JSON Lines release differs from the single build"
sheaf build -q --unpacked --source-files --out jf --date 2026-02-03 \
    --jsonl corpus.jsonl
assert_rc 0
# without --unpacked the release holds the archives and checksums only
sheaf build -q --out jp --date 2026-02-03 --jsonl corpus.jsonl
assert_rc 0
assert_eq "$(ls jp/$name | tr '\n' ' ')" "$name-csv.tar.gz $name-csv.zip \
$name-json.tar.gz $name-json.zip $name.metadata.json $name.sha256 \
$name.sqlite " "packed release"
cmp jp/$name/$name.sha256 jl1/$name/$name.sha256 ||
    fail "--unpacked changed the archives"
# verify checks the archives of such a release whole, and says nothing
sheaf verify jp/$name
assert_rc 0
assert_eq "$err" "" "verify of a release without unpacked bags"
"$PYTHON" - "$n" "jl1/$name" "jf/$name" <<'PY' || fail "source checks"
import csv, hashlib, json, os, sys
n, rel, files = int(sys.argv[1]), sys.argv[2], sys.argv[3]
for fl in ("csv", "json"):
    data = os.path.join(rel, os.path.basename(rel) + "-" + fl, "data")
    assert os.listdir(os.path.join(data, "source")) == ["documents.jsonl"]
    docs = list(csv.DictReader(open(os.path.join(
        rel, os.path.basename(rel) + "-csv", "data", "csv",
        "documents.csv"), encoding="utf-8", newline="")))
    recs = [json.loads(l) for l in open(os.path.join(
        data, "source", "documents.jsonl"), encoding="utf-8")]
    assert len(recs) == n == len(docs), (len(recs), n)
    inp = [json.loads(l) for l in open("corpus.jsonl", encoding="utf-8")]
    for rec, d, i in zip(recs, docs, inp):
        assert list(rec) == ["id", "text"], list(rec)
        assert rec["id"] == d["document_id"], (rec["id"], d)
        assert rec["text"] == i["text"], rec["id"]
        assert hashlib.sha256(rec["text"].encode("utf-8")).hexdigest() \
            == d["source_sha256"], rec["id"]
# --source-files: ID.txt a document, the same bytes
src = os.path.join(files, os.path.basename(files) + "-csv", "data", "source")
names = sorted(os.listdir(src))
assert names == sorted(d["document_id"] + ".txt" for d in docs), names
for d in docs:
    b = open(os.path.join(src, d["document_id"] + ".txt"), "rb").read()
    assert hashlib.sha256(b).hexdigest() == d["source_sha256"], d
PY

# Three shards, extracted separately and merged: the same release.
for k in 1 2 3; do
	sheaf extract -q --shard "$k/3" --out "part$k" corpus
	assert_rc 0
	[ -d "part$k" ] || fail "no partial table set part$k"
done
docs=$(cat part1/documents.tsv part2/documents.tsv part3/documents.tsv | wc -l)
assert_eq "$docs" "$n" "documents over the shards"
assert_eq "$(cat part1/partial.json)" '{"format": "sheaf-partial", "version": 3, "shard": 1, "of": 3, "omit_text": false}' \
    "partial.json"
# each document is in shard FNV-1a-64(id) % 3 + 1 (cmd/shard.h)
"$PYTHON" - <<'PY' || fail "a document in the wrong shard"
def fnv(s):
    h = 14695981039346656037
    for c in s.encode():
        h ^= c; h = h * 1099511628211 % 2**64
    return h
for k in (1, 2, 3):
    for line in open("part%d/documents.tsv" % k, encoding="utf-8"):
        doc = line.split("\t")[1]
        assert fnv(doc) % 3 + 1 == k, (doc, k)
PY
sheaf merge -q --out merged --date 2026-02-03 part3 part1 part2
assert_rc 0
cmp out1/$name/$name.sha256 merged/$name/$name.sha256 ||
    fail "the merged release differs from the single build"

# A missing shard, or one given twice, is refused.
sheaf merge -q --out merged2 --date 2026-02-03 part1 part2
assert_rc 1
assert_err "shard 3/3 is missing"
sheaf merge -q --out merged2 --date 2026-02-03 part1 part2 part2
assert_rc 1
assert_err "shard 2/3 given twice"
# A partial of another format version (version 2 put documents in other
# shards) is refused.
cp -R part1 old1
sed 's/"version": 3,/"version": 2,/' part1/partial.json > old1/partial.json
sheaf merge -q --out merged2 --date 2026-02-03 old1 part2 part3
assert_rc 1
assert_err "old1/partial.json:1: partial format version 2; this sheaf reads version 3"
[ ! -e merged2/$name ] || fail "a refused merge published"
sheaf extract -q --shard 1/3 --out part1 corpus
assert_rc 3
assert_err "part1: already exists"
sheaf extract -q --shard 4/3 --out part4 corpus
assert_rc 2
