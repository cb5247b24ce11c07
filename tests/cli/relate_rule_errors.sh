# A rule file with a bad line of the directives and attributes issue 15
# added (treaty_supersedes, the anaphors SUBJ/OWNER/TERRITORY, `each`)
# is refused with its file and line, exit 2 (an unusable rule file, as
# an unusable schema), and nothing on stdout.
. "$ROOT/tests/lib.sh"

art="$ROOT/data/articles/chinas-counterterrorism-campaign-goes-global.txt"
check() {	# LINE MESSAGE
	rm -rf d
	cp -r "$ROOT/data" d
	f=d/lexicon/relations/30-treaties.rules
	printf '%s\n' "$1" >> "$f"
	n=$(wc -l < "$f")
	SHEAF_DATADIR="$TMP/d" sheaf dump --table treaties "$art"
	assert_rc 2
	assert_eq "$out" "" "stdout for: $1"
	assert_err "sheaf: $TMP/$f:$n: $2"
}
check "treaty_supersedes signed signed" \
    "treaty_supersedes needs two different treaty statuses"
check "treaty_supersedes signed nonsense" \
    "treaty_supersedes needs two different treaty statuses"
check "anaphor NOTHING = it" "unknown value 'NOTHING' for this rule"
check "membership member each = {member:STATE} joined {org:ORG}" \
    "bad rule attribute 'each'"
