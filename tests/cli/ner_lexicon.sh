# The lexicon as data: every file names its source and licence; ids are
# unique and well formed; at least 150 international organisations; the
# generated countries carry their COW codes.
. "$ROOT/tests/lib.sh"
out=$("$PYTHON" - "$ROOT" <<'PY'
import glob, os, re, sys
root = sys.argv[1]
lex = os.path.join(root, "data", "lexicon")
ids, orgs, bad = {}, 0, []
for path in sorted(glob.glob(os.path.join(lex, "*"))):
    name = os.path.basename(path)
    if name in ("roles.conf", "relations", "README.md"):
        continue
    text = open(path, encoding="utf-8").read()
    head = "\n".join(l for l in text.splitlines() if l.startswith("#"))
    if "Source" not in head or "Licen" not in head:
        bad.append("%s: header lacks source or licence" % name)
    if not name.endswith(".tsv") or name in ("country-cow.tsv",
            "country-aliases.tsv", "metonyms.tsv", "block.tsv",
            "spelling.tsv", "ambiguous.tsv"):
        continue
    for n, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        eid = line.split("\t")[0]
        if not re.fullmatch(r"(org|region|group|law|city)/[a-z0-9]+(-[a-z0-9]+)*", eid):
            bad.append("%s:%d: bad id %r" % (name, n, eid))
        if eid in ids:
            bad.append("%s:%d: id %s also in %s" % (name, n, eid, ids[eid]))
        ids[eid] = name
        if name == "orgs.tsv":
            orgs += 1
if orgs < 150:
    bad.append("only %d organisations" % orgs)
gen = os.path.join(root, "build", "lexicon", "countries.tsv")
rows = [l.split("\t") for l in open(gen, encoding="utf-8").read().splitlines()
        if l and not l.startswith("#")]
cow = {r[0]: r[1] for r in rows}
want = {"CHN": "710", "RUS": "365", "KAZ": "705", "TJK": "702", "KGZ": "703",
        "THA": "800", "IDN": "850", "USA": "2", "SRB": "345", "XKX": "347",
        "COD": "490", "TUR": "640", "PSE": ""}
for k, v in want.items():
    if cow.get(k) != v:
        bad.append("countries.tsv: %s has COW %r, want %r" % (k, cow.get(k), v))
codes = [r[1] for r in rows if r[1]]
if len(codes) != len(set(codes)):
    bad.append("countries.tsv: a COW code twice")
print("countries=%d organisations=%d" % (len(rows), orgs))
print("\n".join(bad) if bad else "ok")
PY
)
assert_out "ok"
assert_out "countries=250 "
