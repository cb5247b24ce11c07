# Fail closed: a table that breaks its schema stops the build, prints the
# report, and publishes nothing; bad articles publish nothing either, and
# a published version is never overwritten.
. "$ROOT/tests/lib.sh"

art="$ROOT/data/articles"
name=sheaf-treaties-and-memberships-corpus-1.0.0

# A deliberately stricter copy of the schemas: body paragraphs of the
# article have up to 107 words.
cp -R "$ROOT/schemas" strict
"$PYTHON" - <<'PY'
import json
p = "strict/paragraphs.json"
s = json.load(open(p))
for f in s["fields"]:
    if f["name"] == "word_count":
        f.setdefault("constraints", {})["maximum"] = 100
json.dump(s, open(p, "w"), indent=2)
PY
sheaf build --out out --schemas strict --date 2026-01-01 "$art"
assert_rc 1
assert_err "sheaf: csv/paragraphs.csv:18:10: constraint-error"
assert_err "paragraphs.csv:21:10: constraint-error"
assert_err "2 validation errors: nothing was published"
[ -z "$(ls -A out)" ] || fail "out/ is not empty: $(ls -A out)"

# Bad articles: nothing is published, the staging directory is gone.
printf 'caf\xe9\n' > bad.txt
: > empty.txt
printf 'a\0b\n' > nul.txt
head -c 2048 /bin/sh > binary.txt
mkdir emptydir
for input in missing.txt bad.txt empty.txt nul.txt binary.txt emptydir; do
	sheaf build --out out --date 2026-01-01 "$art" "$input"
	[ "$rc" -eq 1 ] || [ "$rc" -eq 3 ] || fail "$input: exit $rc"
	[ -z "$(ls -A out)" ] || fail "$input: out/ is not empty: $(ls -A out)"
	case $input in
	missing.txt) assert_err "sheaf: missing.txt: cannot open: No such file or directory" ;;
	bad.txt) assert_err "sheaf: bad.txt:1: invalid UTF-8 at byte offset 3 (byte 0xe9)" ;;
	empty.txt) assert_err "sheaf: empty.txt: empty article" ;;
	nul.txt) assert_err "sheaf: nul.txt:1: NUL byte at byte offset 1" ;;
	binary.txt) assert_err "sheaf: binary.txt:1: " ;;
	emptydir) assert_err "sheaf: emptydir: directory holds no *.txt articles" ;;
	esac
done

# Publish once; the same bytes again are fine, other bytes are refused
# and leave the release untouched.
sheaf build -q --out out --date 2026-01-01 "$art"
assert_rc 0
before=$(cd out/$name && find . -type f -exec sha256sum {} + | sort)
sheaf build --out out --date 2026-01-01 "$art"
assert_rc 0
assert_err "already published with identical content"
sheaf build --out out --date 2026-01-02 "$art"
assert_rc 1
assert_err "already published with different content; bump the version"
after=$(cd out/$name && find . -type f -exec sha256sum {} + | sort)
assert_eq "$after" "$before" "published release"
[ "$(ls -A out)" = "$name" ] || fail "out/ holds more than the release: $(ls -A out)"

# Usage errors come before any work.
sheaf build --out out --version 1.0 "$art"
assert_rc 2
assert_err "version '1.0' is not SemVer"
sheaf build --out out --date 2026-13-01 "$art"
assert_rc 2
sheaf build --out out -j 0 "$art"
assert_rc 2
assert_err "-j wants a number of threads from 1 to 256"
printf 'title: [unclosed\n' > bad.cff
sheaf build --out out --citation bad.cff "$art"
assert_rc 1
assert_err "sheaf: bad.cff:2: invalid YAML"
