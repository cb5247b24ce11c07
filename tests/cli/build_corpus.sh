# A corpus build: the output is byte-identical whatever the number of
# threads, whether articles come as files, a directory, JSON Lines or
# standard input, and whether it is built in one go or as three shards
# merged afterwards.
. "$ROOT/tests/lib.sh"

mkdir corpus
cp "$ROOT"/data/articles/*.txt "$ROOT"/data/articles/*.meta.json corpus/
cp "$ROOT"/tests/articles/*.txt corpus/
n=$(ls corpus/*.txt | wc -l)
name=sheaf-treaties-and-memberships-corpus-1.0.0

for j in 1 2 4; do
	sheaf build -q -j "$j" --out "out$j" --date 2026-02-03 corpus
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

# Three shards, extracted separately and merged: the same release.
for k in 1 2 3; do
	sheaf extract -q --shard "$k/3" --out "part$k" corpus
	assert_rc 0
	[ -d "part$k" ] || fail "no partial table set part$k"
done
docs=$(cat part1/documents.tsv part2/documents.tsv part3/documents.tsv | wc -l)
assert_eq "$docs" "$n" "documents over the shards"
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
[ ! -e merged2/$name ] || fail "a refused merge published"
sheaf extract -q --shard 1/3 --out part1 corpus
assert_rc 3
assert_err "part1: already exists"
sheaf extract -q --shard 4/3 --out part4 corpus
assert_rc 2
