# bench/score, the body of `make score` and of bench/RESULTS.md's
# extraction section: without a development set it says so, exits 0 and
# writes a section that says so; a scorer that fails makes it fail with
# the scorer's status; with the scorer of ../shared/eval over the bundled
# article's annotation only (copied here at run time, not kept in the
# tree), it prints the scorer's table and writes the summary exactly.
# Needs ../shared/eval (score.py, gold/seed.json) for the last two parts;
# SKIP (77) without it.
. "$ROOT/tests/lib.sh"

# no development set
"$PYTHON" "$ROOT/bench/score" --eval "$TMP/none" --sheaf "$SHEAF" \
    --markdown none.md > out.txt 2> err.txt
rc=$?
assert_eq "$rc" 0 "exit without a development set"
assert_eq "$(cat out.txt)" "score: skipped: no development set here ($TMP/none/score.py is absent); nothing scored" "message"
assert_eq "$(cat err.txt)" "" "stderr"
assert_eq "$(cat none.md)" "## Extraction quality (development set)

Not scored: $TMP/none/score.py is absent." "section"

EVAL=$ROOT/../shared/eval
if [ ! -f "$EVAL/score.py" ] || [ ! -f "$EVAL/gold/seed.json" ] ||
    [ ! -d "$EVAL/../article" ]; then
	echo "SKIP: no development set at $EVAL" >&2
	exit 77
fi

# score.py looks for gold/ beside itself and the bundled article in
# ../article: a copy with the seed's annotation only
mkdir -p ev/eval/gold ev/article
cp "$EVAL/score.py" ev/eval/
cp "$ROOT/data/articles/chinas-counterterrorism-campaign-goes-global.txt" \
    ev/article/

# a scorer that fails (no gold/seed.json): its status, and a message
"$PYTHON" "$ROOT/bench/score" --eval ev/eval --sheaf "$SHEAF" \
    --markdown fail.md > out.txt 2> err.txt
rc=$?
[ "$rc" -ne 0 ] || fail "a failing scorer gave exit 0"
grep -qF "score: ev/eval/score.py failed (exit $rc)" err.txt ||
    fail "no message for the failing scorer: $(tail -n 3 err.txt)"
assert_no fail.md

cp "$EVAL/gold/seed.json" ev/eval/gold/
"$PYTHON" "$ROOT/bench/score" --eval ev/eval --sheaf "$SHEAF" \
    --markdown seed.md > out.txt 2> err.txt
rc=$?
assert_eq "$rc" 0 "exit with the seed"
assert_eq "$(tail -n 1 out.txt)" "seed     builds 1/1   roles 1.0  entities P1.0 R1.0 F1.0  treaties P1.0 R1.0 F1.0  memberships P1.0 R1.0 F1.0" "scorer's summary line"
cat > want.md <<EOF
## Extraction quality (development set)

\`python3 ev/eval/score.py --sheaf ${SHEAF#"$ROOT"/}\` (\`make score\`), with the binary timed above. seed: the bundled article; dev: the development set. Targets: issue 15. Cells of the first table read "P · R · F1 (tp/fp/fn)".

| Suite | Builds | Roles | Entities | Treaties | Memberships |
|---|---|---|---|---|---|
| seed | 1/1 | 1.0 | P 1.0 · R 1.0 · F1 1.0 (28/0/0) | P 1.0 · R 1.0 · F1 1.0 (6/0/0) | P 1.0 · R 1.0 · F1 1.0 (10/0/0) |

| Suite | Figure | Score | Target | Result |
|---|---|---|---|---|
| seed | roles (accuracy) | 1.0 | ≥ 1.00 | met |
| seed | entities F1 | 1.0 | ≥ 1.00 | met |
| seed | treaties F1 | 1.0 | ≥ 1.00 | met |
| seed | memberships F1 | 1.0 | ≥ 1.00 | met |
EOF
cmp -s seed.md want.md || { diff -u want.md seed.md >&2; fail "seed section"; }
