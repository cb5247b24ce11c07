# sheaf archive --ocfl and sheaf build --ocfl: three versions of the
# bundled corpus (the third adds an article) kept as one OCFL 1.1 object
# under a storage root made on the first call.  sheaf verify accepts
# root and object; the inventory holds exactly what the releases say
# (id, sha512, created from the release date, message from CHANGES.md,
# user from the citation's contact); a file whose bytes an earlier
# version holds is stored once; the same release twice, or a lower one,
# is refused and changes nothing; a failure at each file operation of
# adding v3, and SIGKILLs, leave a valid object at v2 (or, for a kill
# after the exchange, at v3), and a clean rerun adds v3.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR" in
cp "$ROOT"/data/articles/*.txt "$ROOT"/data/articles/*.meta.json in/
{ cat "$ROOT/CITATION.cff"
  printf 'contact:\n  - given-names: Ada\n    family-names: Archivist\n    email: ada@example.org\n'; } > cite.cff
N=sheaf-treaties-and-memberships-corpus
ID=urn:sheaf:$N
OBJ=$(printf '%s' "$ID" | sha256sum | cut -c1-64)
OBJ=store/${OBJ:0:3}/${OBJ:3:3}/${OBJ:6:3}/$OBJ
opts=(-q --out out --citation cite.cff --date 2026-01-31)

sheaf build "${opts[@]}" --version 1.0.0 in
assert_rc 0
sheaf archive --ocfl store out/$N-1.0.0
assert_rc 0
assert_eq "$err" "sheaf: store: added 1.0.0 as v1 of $ID (${OBJ#store/}): 29 files, 29 stored, 0 already held" "v1"
assert_eq "$(cat store/0=ocfl_1.1)" "ocfl_1.1" "root declaration"
assert_eq "$(cat "$OBJ/0=ocfl_object_1.1")" "ocfl_object_1.1" "object declaration"
assert_eq "$(ls -A store | tr '\n' ' ')" "0=ocfl_1.1 ${OBJ:6:3} extensions ocfl_layout.json " "root entries"

# v2: the same articles, a patch release, by build --ocfl
sheaf build "${opts[@]}" --version 1.0.1 --previous out/$N-1.0.0 --ocfl store in
assert_rc 0
# v3: one more article
cp "$ROOT/tests/articles/asean-summit-jakarta.txt" in/
sheaf build "${opts[@]}" --unpacked --date 2026-02-28 --version 1.1.0 \
    --previous out/$N-1.0.1 in
assert_rc 0
cp -a store store.v2
sheaf archive --ocfl store out/$N-1.1.0
assert_rc 0
assert_err "sheaf: store: added 1.1.0 as v3 of $ID"

sheaf verify store
assert_rc 0
assert_eq "$err" "" "verify stderr"
assert_eq "$out" "$OBJ: OK
store: OK" "verify stdout"

# The inventory, exactly; every content file once; unchanged files in v1.
"$PYTHON" - "$OBJ" "$ID" "$N" <<'PY' || fail "inventory"
import hashlib, json, os, sys
obj, oid, name = sys.argv[1:]
raw = open(os.path.join(obj, "inventory.json"), "rb").read()
inv = json.loads(raw)
side = open(os.path.join(obj, "inventory.json.sha512")).read()
assert side == hashlib.sha512(raw).hexdigest() + " inventory.json\n", side
assert open(os.path.join(obj, "v3", "inventory.json"), "rb").read() == raw
assert inv["id"] == oid and inv["head"] == "v3" and inv["digestAlgorithm"] == "sha512"
assert inv["type"] == "https://ocfl.io/1.1/spec/#inventory"
assert sorted(inv) == ["digestAlgorithm", "head", "id", "manifest", "type", "versions"], sorted(inv)
v = inv["versions"]
assert sorted(v) == ["v1", "v2", "v3"]
assert [v[k]["created"] for k in ("v1", "v2", "v3")] == [
    "2026-01-31T00:00:00Z", "2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z"]
assert v["v1"]["message"] == name + " 1.0.0", v["v1"]["message"]
assert v["v2"]["message"] == "Changes in %s 1.0.1" % name, v["v2"]["message"]
assert v["v3"]["message"] == "Changes in %s 1.1.0" % name, v["v3"]["message"]
for k in v:
    assert v[k]["user"] == {"name": "Ada Archivist", "address": "mailto:ada@example.org"}, v[k]["user"]
m = inv["manifest"]
# every digest one content path, every content path one file, its digest
paths = {}
for d, cps in m.items():
    assert len(cps) == 1, (d, cps)
    paths[cps[0]] = d
files = set()
for dp, dn, fn in os.walk(obj):
    for f in fn:
        rel = os.path.relpath(os.path.join(dp, f), obj)
        if "/content/" in rel:
            files.add(rel)
assert files == set(paths), files ^ set(paths)
for p, d in paths.items():
    assert hashlib.sha512(open(os.path.join(obj, p), "rb").read()).hexdigest() == d
per = {k: sum(1 for p in paths if p.startswith(k + "/")) for k in v}
assert per == {"v1": 29, "v2": 11, "v3": 18}, per
def where(ver, lp):
    for d, lps in v[ver]["state"].items():
        if lp in lps:
            return m[d][0]
src = "data/source/chinas-counterterrorism-campaign-goes-global.txt"
for ver in v:
    assert where(ver, src) == "v1/content/" + src, (ver, where(ver, src))
    assert where(ver, "data/schemas/entities.json") == "v1/content/data/schemas/entities.json"
assert where("v3", "data/source/asean-summit-jakarta.txt") == "v3/content/data/source/asean-summit-jakarta.txt"
assert where("v2", "data/csv/entities.csv") == "v1/content/data/csv/entities.csv"
assert where("v3", "data/csv/entities.csv") == "v3/content/data/csv/entities.csv"
n = [sum(len(x) for x in v[k]["state"].values()) for k in ("v1", "v2", "v3")]
assert n == [29, 30, 31], n
# the v3 state is the 1.1.0 csv bag, file for file
PY
(cd out/$N-1.1.0/$N-1.1.0-csv && find . -type f | sed 's|^\./||' | LC_ALL=C sort) > bagfiles
"$PYTHON" - "$OBJ" <<'PY' > statefiles
import json, sys
inv = json.load(open(sys.argv[1] + "/inventory.json"))
print("\n".join(sorted(p for ps in inv["versions"]["v3"]["state"].values() for p in ps)))
PY
cmp -s bagfiles statefiles || fail "v3 state is not the bag: $(diff bagfiles statefiles)"

sums() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum); }
before=$(sums store)
# the same release twice; a lower one; nothing changes
sheaf archive --ocfl store out/$N-1.1.0
assert_rc 1
assert_eq "$err" "sheaf: store: release 1.1.0 is already v3 of $ID; nothing added" "twice"
sheaf archive --ocfl store out/$N-1.0.1
assert_rc 1
assert_eq "$err" "sheaf: store: release 1.0.1 is lower than 1.1.0, the head (v3) of $ID; nothing added" "lower"
[ "$(sums store)" = "$before" ] || fail "a refused release changed the store"
# not a storage root; not a bag
mkdir plain
sheaf archive --ocfl plain out/$N-1.1.0
assert_rc 1
assert_eq "$err" "sheaf: plain: not an OCFL 1.1 storage root (no 0=ocfl_1.1); nothing added" "plain"
sheaf archive --ocfl store in
assert_rc 1
assert_err "sheaf: in: neither a bag nor a release directory holding in-csv"
sheaf archive store
assert_rc 2
sheaf extract --shard 1/1 --out part --ocfl store in
assert_rc 2
assert_eq "$err" "sheaf: --ocfl belongs to 'sheaf build' and 'sheaf merge'" "extract --ocfl"
assert_no part

# --- adding v3 fails at each file operation, or is killed -----------------
SO=$B/fault/faultinject.so
if [ ! -f "$SO" ] || [ "${VALGRIND:-}" = 1 ]; then
	echo "skipped: fault injection: no $SO, or under valgrind"
	exit 0
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
v2sums=$(sums store.v2)
faulty() {	# env assignments for the shim
	local o e
	rm -rf store && cp -a store.v2 store
	o=$(mktemp) e=$(mktemp)
	{ env "$@" FAULT_NOSYNC=1 LD_PRELOAD="$SO" "$SHEAF" archive --ocfl store \
	    out/$N-1.1.0 >"$o" 2>"$e"; rc=$?; } 2>/dev/null
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}
after() {	# WHAT EXPECTED_RC: the object valid at v2 (or v3), a rerun adds v3
	case "$err" in *AddressSanitizer*|*"runtime error"*|*LeakSanitizer*)
		fail "$1: sanitizer report: $err" ;; esac
	[ "$rc" -eq "$2" ] || fail "$1: exit $rc, expected $2: $err"
	"$SHEAF" verify store >/dev/null 2>"$TMP/verr" ||
	    fail "$1: object not valid: $(cat "$TMP/verr")"
	head=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["head"])' "$OBJ/inventory.json")
	if [ "$head" = v2 ]; then
		[ "$(sums store | grep -v '\.sheaf-tmp-')" = "$v2sums" ] ||
		    fail "$1: the object at v2 changed"
		"$SHEAF" -q archive --ocfl store out/$N-1.1.0 >/dev/null 2>&1 ||
		    fail "$1: the rerun failed"
	else
		# only a kill, or a failed sync after the exchange, ends at v3
		[ "$2" -eq 137 ] || [[ "$err" == *": cannot sync directory: "* ]] ||
		    fail "$1: at $head after a failure: $err"
	fi
	"$SHEAF" verify store >/dev/null 2>&1 || fail "$1: invalid after rerun"
	[ -z "$(ls -A store | grep '^\.sheaf-tmp-.*[^k]$')" ] || [ "$head" != v2 ] ||
	    fail "$1: staging left after the rerun: $(ls -A store)"
	steps=$((steps + 1))
}
faulty FAULT_OPS=all FAULT_LOG="$TMP/totals"
assert_rc 0
read -r -a totals < "$TMP/totals"
steps=0
for kv in "${totals[@]}"; do
	op=${kv%=*} n=${kv#*=} stride=1
	# every write, fsync, close and rename; every 6th creation
	[ "$op" = create ] && stride=6
	for ((i = 1; i <= n; i += stride)); do
		faulty FAULT_OPS="$op" FAULT_AT="$i"
		after "$op #$i of $n (ENOSPC)" 3
	done
done
RANDOM=${FAULT_SEED:-7}
all=0
for kv in "${totals[@]}"; do all=$((all + ${kv#*=})); done
for ((k = 0; k < 12; k++)); do
	i=$((RANDOM % all + 1))
	faulty FAULT_OPS=all FAULT_AT="$i" FAULT_KILL=1
	after "SIGKILL at operation #$i of $all" 137
done
echo "fault injection: $steps runs over ${totals[*]}"
[ "$steps" -ge 40 ] || fail "only $steps fault steps"
