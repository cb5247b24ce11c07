# The benchmark's generators (bench/gencorpus, bench/gencsv) and bare_csv:
# deterministic (same seed -> byte-identical output), the size asked for
# within one article or row, a smaller size a prefix of a larger, the
# article shape kept (sheaf finds the same page furniture), names swapped,
# and a CSV whose every row is self-consistent.
. "$ROOT/tests/lib.sh"

GC=$B/bench/gencorpus GS=$B/bench/gencsv
[ -x "$GC" ] && [ -x "$GS" ] || fail "generators not built ($GC, $GS)"
ART=("$ROOT"/data/articles/*.txt)
awk -F, 'NR > 1 && $7 == 2016 { print $3 }' \
    "$ROOT/data/reference/cow-states2016.csv" | sort -u > names.txt
assert_eq "$(wc -l < names.txt | tr -d ' ')" 195 "COW states of 2016"

# --- gencorpus ---------------------------------------------------------------
"$GC" -n names.txt -o a.jsonl 1M "${ART[@]}" || fail "gencorpus"
"$GC" -n names.txt -o b.jsonl 1M "${ART[@]}" || fail "gencorpus again"
cmp -s a.jsonl b.jsonl || fail "same seed, different corpus"
"$GC" -s 1 -n names.txt -o one.jsonl 1M "${ART[@]}" || fail "gencorpus -s 1"
cmp -s a.jsonl one.jsonl || fail "the default seed is not 1"
"$GC" -s 2 -n names.txt -o c.jsonl 1M "${ART[@]}" || fail "gencorpus -s 2"
cmp -s a.jsonl c.jsonl && fail "seeds 1 and 2 gave the same corpus"
"$GC" -n names.txt -o half.jsonl 500K "${ART[@]}" || fail "gencorpus 500K"
cmp -s -n "$(stat -c %s half.jsonl)" half.jsonl a.jsonl ||
    fail "500K corpus is not a prefix of the 1M one"
"$GC" -d -n names.txt -o dir 1M "${ART[@]}" || fail "gencorpus -d"

# Sizes within one article, ids in sequence, JSONL texts == the .txt files.
"$PYTHON" - a.jsonl half.jsonl dir <<'EOF' || fail "corpus checks"
import json, os, sys

def check(path, want):
    lines = open(path, "rb").read().split(b"\n")
    assert lines[-1] == b"", "no final newline"
    lines = lines[:-1]
    size = sum(len(l) + 1 for l in lines)
    assert size >= want > size - (len(lines[-1]) + 1), (path, size, want)
    recs = [json.loads(l) for l in lines]
    for i, r in enumerate(recs, 1):
        assert sorted(r) == ["id", "text"], r.keys()
        assert r["id"] == "bench-%08d" % i, r["id"]
    return recs

recs = check(sys.argv[1], 1000000)
check(sys.argv[2], 500000)
d = sys.argv[3]
# -d counts bytes of text, not of JSON: the same articles, and more of them
files = sorted(os.listdir(d))
assert files == ["bench-%08d.txt" % i for i in range(1, len(files) + 1)]
assert len(files) > len(recs), (len(files), len(recs))
texts = [open(os.path.join(d, f), encoding="utf-8").read() for f in files]
assert texts[:len(recs)] == [r["text"] for r in recs], "dir and JSONL differ"
size = sum(len(t.encode()) for t in texts)
assert size >= 1000000 > size - len(texts[-1].encode()), size
EOF

# Names swapped: countries from the list, not only the template's ones.
"$PYTHON" - a.jsonl names.txt "${ART[0]}" <<'EOF' || fail "name swaps"
import json, re, sys
names = [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
tmpl = open(sys.argv[3], encoding="utf-8").read()
def found(text):
    return {n for n in names if re.search(r"(?<![A-Za-z0-9])%s(?![A-Za-z0-9])"
            % re.escape(n), text)}
in_tmpl = found(tmpl)
seen = set()
for l in open(sys.argv[1], encoding="utf-8"):
    seen |= found(json.loads(l)["text"])
assert len(in_tmpl) >= 5, in_tmpl
assert len(seen - in_tmpl) >= 100, len(seen - in_tmpl)
EOF

# The page-furniture shape survives: every article has a title,
# a subtitle, captions, credits, headings and an author note.
sheaf dump --jsonl a.jsonl -t paragraphs --omit-text
assert_rc 0
printf '%s\n' "$out" > paras.csv
"$PYTHON" - paras.csv a.jsonl <<'EOF' || fail "article shape"
import collections, csv, sys
n = sum(1 for _ in open(sys.argv[2], encoding="utf-8"))
roles = collections.defaultdict(collections.Counter)
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    roles[r["document_id"]][r["role"]] += 1
assert len(roles) == n, (len(roles), n)
for doc, c in roles.items():
    for role in ("title", "subtitle", "author_note"):
        assert c[role] == 1, (doc, role, c)
    for role in ("caption", "credit", "heading"):
        assert c[role] >= 1, (doc, role, c)
EOF

# Bad arguments.
"$GC" -o x.jsonl 10Q "${ART[@]}" 2>/dev/null; assert_eq $? 2 "bad size"
"$GC" -o x.jsonl 0 "${ART[@]}" 2>/dev/null; assert_eq $? 2 "zero size"
"$GC" -o x.jsonl 1M no-such.txt 2>/dev/null; assert_eq $? 1 "no template"

# --- gencsv ------------------------------------------------------------------
"$GS" -o p.csv 1Mi "${ART[@]}" || fail "gencsv"
"$GS" -o q.csv 1Mi "${ART[@]}" || fail "gencsv again"
cmp -s p.csv q.csv || fail "same seed, different CSV"
"$GS" -o s.csv 100K "${ART[@]}" || fail "gencsv 100K"
cmp -s -n "$(stat -c %s s.csv)" s.csv p.csv ||
    fail "100K CSV is not a prefix of the 1Mi one"

# The header is sheaf's own paragraphs header.
sheaf dump -t paragraphs --omit-text "${ART[0]}"
assert_rc 0
assert_eq "$(head -n 1 p.csv)" "$(printf '%s\n' "$out" | head -n 1)" "header"

"$PYTHON" - p.csv 1048576 <<'EOF' || fail "CSV checks"
import collections, csv, hashlib, re, sys
data = open(sys.argv[1], "rb").read()
want = int(sys.argv[2])
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
last = rows[-1]
buf = __import__("io").StringIO()
csv.writer(buf, lineterminator="\n").writerow(last)
lastlen = len(buf.getvalue().encode())
assert len(data) >= want > len(data) - lastlen, (len(data), lastlen)
roles = collections.Counter()
ids = set()
nquote = nnl = ncomma = 0
prev = None
for r in rows[1:]:
    pid, doc, o, role, sec, text, sha, cs, ce, wc = r
    assert hashlib.sha256(text.encode()).hexdigest() == sha, pid
    assert re.fullmatch(r"bench-\d{8}", doc), doc
    assert re.fullmatch(re.escape(doc) + r":p" + sha[:10] + r"(\.[2-9]|\.\d\d+)?", pid), pid
    assert pid not in ids, pid
    ids.add(pid)
    if prev and prev[0] == doc:
        assert int(o) == prev[1] + 1 and int(cs) == prev[2] + 2, pid
    else:
        assert o == "1" and cs == "0", pid
    assert int(ce) - int(cs) == len(text), pid
    assert int(wc) == len(re.findall(r"[^ \n\t]+", text)), pid
    assert sec == "" or role == "body", pid
    prev = (doc, int(o), int(ce))
    roles[role] += 1
    nquote += '"' in text
    nnl += "\n" in text
    ncomma += "," in text
assert set(roles) == {"title", "subtitle", "heading", "body", "caption",
                      "credit", "author_note", "boilerplate"}, roles
assert nquote > 0 and nnl > 0 and ncomma > 0, (nquote, nnl, ncomma)
EOF

# bare_csv parses it and counts what Python counts; a broken quote fails.
[ -x "$B/bench/bare_csv" ] || fail "bare_csv not built"
got=$("$B/bench/bare_csv" p.csv) || fail "bare_csv"
n=$("$PYTHON" -c 'import csv, sys
print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))))' p.csv)
assert_eq "$got" "$n rows, $((n * 10)) fields, $(stat -c %s p.csv) bytes" \
    "bare_csv counts"
printf 'a,b\n"x"y,z\n' > broken.csv
"$B/bench/bare_csv" broken.csv >/dev/null 2>&1
assert_eq $? 1 "bare_csv on a broken quote"
