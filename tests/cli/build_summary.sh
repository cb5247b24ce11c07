# `sheaf build` and `sheaf merge` end with one line on stderr saying what
# was published: the release folder, the documents, the rows of each
# table (as many as the published CSV files hold) and the warnings of the
# run, counted by diag whichever module issued them (here relate.c's
# over-long sentence, from the extracting threads); none with -q, before
# or after the command.  Publishing the same again says so, counting the
# warning that it was already there.
. "$ROOT/tests/lib.sh"
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR" in
cp "$ROOT/tests/articles/seg-no-headings.txt" in/a.txt
# Two articles whose second paragraph is one "sentence" of 30004 bytes,
# longer than relations read (relate.c SENT_MAXBYTES, 20000).
for n in 1 2; do
	{ printf 'A Long Report %s\n\nThe committee met on Tuesday.\n\n' "$n"
	  for i in $(seq 2500); do printf 'lorem ipsum '; done
	  printf 'end.\n'; } > "in/long$n.txt"
done
rel=t-1.0.0
opts=(--unpacked --name t --version 1.0.0 --date 2024-05-01
    --citation "$ROOT/CITATION.cff")

# The rows of each table of a release, counted from its CSV files.
rows() {	# RELEASE_DIR
	"$PYTHON" - "$1/$rel-csv/data/csv" <<'PY'
import csv, os, sys
d = sys.argv[1]
ts = ["documents", "paragraphs", "entities", "mentions", "treaties",
      "treaty_parties", "memberships"]
n = {t: len(list(csv.reader(open(os.path.join(d, t + ".csv"),
                                 newline="", encoding="utf-8")))) - 1
     for t in ts}
print("%d document%s; rows: %s" % (n["documents"],
      "" if n["documents"] == 1 else "s",
      ", ".join("%s %d" % (t, n[t]) for t in ts)))
PY
}

sheaf build --out out -j 2 "${opts[@]}" in/a.txt
assert_rc 0
assert_eq "$err" "sheaf: published out/$rel: $(rows "out/$rel"); 0 warnings" \
    "summary of a clean build"
assert_eq "$(rows "out/$rel" | cut -d';' -f1)" "1 document" "documents"

sheaf build --out out2 -j 2 "${opts[@]}" in
assert_rc 0
n=$(printf '%s\n' "$err" | grep -c 'warning: sentence of 30004 bytes')
assert_eq "$n" 2 "relate.c's warnings"
n=$(printf '%s\n' "$err" |
    grep -c "warning: document 'long[12]': 5001 words of body text but no entity found")
assert_eq "$n" 2 "pipeline.c's warnings"
assert_eq "$(printf '%s\n' "$err" | tail -1)" \
    "sheaf: published out2/$rel: $(rows "out2/$rel"); 4 warnings (2 documents without body or entity)" \
    "summary counting other modules' warnings"
assert_eq "$(printf '%s\n' "$err" | wc -l)" 5 "lines on stderr"
assert_eq "$(rows "out2/$rel" | cut -d';' -f1)" "3 documents" "documents"

# quiet: nothing, warnings included
for q in "build -q" "-q build" "--quiet build"; do
	# shellcheck disable=SC2086
	sheaf $q --out "q${q// /}" "${opts[@]}" in
	assert_rc 0
	assert_eq "$err" "" "stderr of sheaf $q"
	assert_file "q${q// /}/$rel/$rel.sha256"
done

# the same again: already there, one more warning saying so
sheaf build --out out2 "${opts[@]}" in
assert_rc 0
assert_eq "$(printf '%s\n' "$err" | tail -1)" \
    "sheaf: already published out2/$rel: $(rows "out2/$rel"); 5 warnings (2 documents without body or entity)" \
    "summary of a build published before"

# nothing published: no summary
sheaf build --out out2 --name t --version 1.0.0 --date 2024-05-02 \
    --citation "$ROOT/CITATION.cff" --omit-text in
assert_rc 1
printf '%s\n' "$err" | grep -q 'published out2' && fail "a summary: $err"

# merge: the same line as the build of the whole
for k in 1 2; do
	sheaf extract -q --shard "$k/2" --out "part$k" in
	assert_rc 0
done
sheaf merge --out m "${opts[@]}" part2 part1
assert_rc 0
assert_eq "$err" "sheaf: published m/$rel: $(rows "m/$rel"); 0 warnings" \
    "summary of merge"
cmp "m/$rel/$rel.sha256" "out2/$rel/$rel.sha256" ||
    fail "merge differs from the build"
sheaf merge -q --out m2 "${opts[@]}" part1 part2
assert_rc 0
assert_eq "$err" "" "stderr of sheaf merge -q"
exit 0
