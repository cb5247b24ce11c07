# No silent empty output (issue 15): a document with no body paragraph,
# or body text but no entity, is named in a warning on stderr and
# counted at the end; the build still succeeds, and -q hides warnings.
. "$ROOT/tests/lib.sh"

mkdir in
printf 'Only A Headline Here\n\nAnd A Second Line\n' > in/bare.txt
printf 'Harvest Notes\n\nThe weather was mild and the harvest was good this year in the valley, farmers said at the market on a quiet morning.\n' > in/quiet.txt
cp "$ROOT/data/articles/chinas-counterterrorism-campaign-goes-global.txt" in/full.txt

sheaf build --out out --version 1.0.0 --date 2031-01-01 in
assert_rc 0
assert_err "sheaf: in/bare.txt: warning: document 'bare': no paragraph reads as body text (2 paragraphs, all title, headings or page furniture): no entities or relations extracted"
assert_err "sheaf: in/quiet.txt: warning: document 'quiet': 23 words of body text but no entity found"
# the closing line counts them
assert_eq "$(printf '%s\n' "$err" | tail -1 | sed 's/.*; //')" \
    "2 warnings (2 documents without body or entity)" "summary"
# the article that yields rows is not named; the release is complete
printf '%s' "$err" | grep -q "full" && fail "full.txt named: $err"
assert_eq "$(printf '%s\n' "$err" | grep -c 'warning:')" 2 "warnings"
ls out/*/*-csv.tar.gz > /dev/null || fail "nothing published"

# the same from JSON Lines, and with -j 2: the same lines in input order
printf '%s\n' '{"id": "a", "text": "Only A Headline Here"}' \
    '{"id": "b", "text": "Harvest Notes\n\nThe weather was mild and the harvest was good, farmers said."}' > c.jsonl
sheaf build -j 2 --out out3 --version 1.0.0 --date 2031-01-01 --jsonl c.jsonl
assert_rc 0
err2=$(printf '%s\n' "$err" | grep "warning: document")
sheaf dump --jsonl c.jsonl
assert_rc 0
assert_eq "$err" "$err2" "dump and build -j 2 warn alike"
assert_eq "$(printf '%s\n' "$err" | sed 's/:[0-9]*: warning/: warning/' | cut -d"'" -f2)" "a
b" "documents named in order"

# quiet: no warnings, same exit
sheaf -q build --out out2 --version 1.0.0 --date 2031-01-01 in
assert_rc 0
assert_eq "$err" "" "quiet stderr"
