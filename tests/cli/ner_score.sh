# NER against the hand annotations of tests/articles: t_ner (the unit
# binary) writes the tool's entities per article, tests/articles/score.py
# scores them, and the counts must be those recorded in
# tests/articles/scores.tsv; the bundled article scores 1.0.
. "$ROOT/tests/lib.sh"
t="$B/tests/t_ner"
[ -x "$t" ] || fail "missing $t (make unit)"
SHEAF_NER_OUT="$TMP" "$t" >"$TMP/t_ner.log" 2>&1 ||
	fail "t_ner failed: $(tail -5 "$TMP/t_ner.log")"
n=0
while IFS="$(printf '\t')" read -r name etp efp efn mtp mfp mfn; do
	case $name in '#'*|'') continue ;; esac
	[ -f "$TMP/$name.tsv" ] || fail "no output for $name"
	out=$("$PYTHON" "$ROOT/tests/articles/score.py" \
	    "$ROOT/tests/articles/$name.expected" "$TMP/$name.tsv") ||
		fail "score.py failed on $name"
	assert_out "(tp=$etp fp=$efp fn=$efn)"
	assert_out "(tp=$mtp fp=$mfp fn=$mfn)"
	n=$((n + 1))
done < "$ROOT/tests/articles/scores.tsv"
[ "$n" -ge 4 ] || fail "only $n articles scored"
out=$("$PYTHON" "$ROOT/tests/articles/score.py" \
    "$ROOT/tests/articles/chinas-counterterrorism-campaign-goes-global.expected" \
    "$TMP/chinas-counterterrorism-campaign-goes-global.tsv")
assert_out "entities: P=1.000 R=1.000 F1=1.000 (tp=31 fp=0 fn=0)"
assert_out "mentions: P=1.000 R=1.000 F1=1.000 (tp=96 fp=0 fn=0)"
# The scorer itself: a miss, an extra and a wrong count.
printf 'a/x\tregion\t2\tX\nb/y\tregion\t1\tY\n' > "$TMP/gold.tsv"
printf 'a/x\tregion\t1\tX\nc/z\tregion\t1\tZ\n' > "$TMP/sys.tsv"
out=$("$PYTHON" "$ROOT/tests/articles/score.py" "$TMP/gold.tsv" "$TMP/sys.tsv")
assert_out "entities: P=0.500 R=0.500 F1=0.500 (tp=1 fp=1 fn=1)"
assert_out "mentions: P=0.500 R=0.333 F1=0.400 (tp=1 fp=1 fn=2)"
assert_out "missed  b/y"
assert_out "extra   c/z (1)"
