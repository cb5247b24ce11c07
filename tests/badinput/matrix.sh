# The bad-input matrix: every command (build, dump, extract, merge,
# validate, verify, archive, diff) against every kind of bad input -- a missing file, a
# directory, a file it may not read, an empty file, binary data, invalid
# UTF-8, Latin-1 text, NUL bytes, a 50 MB single line, the limits just
# past their caps, broken CITATION.cff files, versions that are not
# SemVer, an output directory it cannot write, a full disk
# (RLIMIT_FSIZE).  For each case: the exit status (sheaf(1)), stderr
# naming the problem and the place (file, line or byte offset), no crash
# (no exit >= 128, no sanitizer report), and nothing partial or
# overwritten left behind (out/ holds the release published before,
# byte for byte, and nothing else; no partial table set appears).
#
# Sourced by tests/cli/badinput.sh with tests/lib.sh loaded; runs in $TMP.
# Permission cases run as user nobody (setpriv) when root, since root
# reads anything.  Under VALGRIND=1 the 50 MB and over-the-cap cases are
# skipped (they test limits, not memory errors, and take minutes there).

BI=$ROOT/tests/badinput
FX=$BI/fixtures
export TMPDIR="$TMP/vtmp"
mkdir -p "$TMPDIR"
cases=0 skipped=0

# --- running sheaf ------------------------------------------------------------

# as_other: the prefix that runs a command as an unprivileged user.
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_other="setpriv --reuid=nobody --regid=nogroup --clear-groups"
		chmod 755 "$TMP"
		chmod 1777 "$TMPDIR"
	else
		as_other=
	fi
else
	as_other=env
fi
noperm_why="root without setpriv"
# A checkout inside a private directory (mktemp -d is 0700) is out of
# nobody's reach: sheaf could not find its schemas there, so the
# permission cases would test that instead.  Skip them, saying why.
if [ -n "$as_other" ] && [ "$as_other" != env ] &&
    ! $as_other test -r "$ROOT/schemas/documents.json"; then
	as_other=
	noperm_why="the checkout is not readable by user nobody"
fi

# run [-t SECS] [-u] [-f BLOCKS] [-o FILE] [-i FILE] ARGS...: sheaf ARGS,
# killed after SECS (-t), as another user (-u), under ulimit -f BLOCKS
# (-f), stdout to FILE (-o), stdin from FILE (-i); sets rc, err and out
# (the first 64 KB of stdout, without -o).
run() {
	local user= fsz= ofile=$TMP/run.out ifile=/dev/null
	local vg=() to=()
	while :; do
		case "$1" in
		-t) to=(timeout "$2"); shift 2 ;;
		-u) user=$as_other; shift ;;
		-f) fsz=$2; shift 2 ;;
		-o) ofile=$2; shift 2 ;;
		-i) ifile=$2; shift 2 ;;
		*) break ;;
		esac
	done
	if [ "${VALGRIND:-}" = 1 ]; then
		vg=(valgrind -q --error-exitcode=99 --leak-check=full
		    --errors-for-leak-kinds=definite,indirect)
	fi
	(
		[ -n "$fsz" ] && ulimit -f "$fsz"
		exec "${to[@]}" $user "${vg[@]}" "$SHEAF" "$@"
	) <"$ifile" >"$ofile" 2>"$TMP/run.err"
	rc=$?
	err=$(cat "$TMP/run.err")
	out=
	if [ "$ofile" = "$TMP/run.out" ]; then
		out=$(head -c 65536 "$ofile")
		rm -f "$ofile"
	fi
}

# --- what must hold after every case ----------------------------------------

rel=bi-1.0.0
sums() { (cd "out/$rel" && find . -type f | sort | xargs sha256sum); }

state_ok() {	# NAME
	local left
	[ "$(ls -A out)" = "$rel" ] ||
	    fail "$1: out/ holds more than $rel: $(ls -A out | tr '\n' ' ')"
	[ "$(sums)" = "$oldsums" ] || fail "$1: out/$rel changed"
	left=$(ls -A . | grep -E '\.tmp-|^newpart$' || true)
	[ -z "$left" ] || fail "$1: left behind: $left"
	left=$(ls -A "$TMPDIR")
	[ -z "$left" ] || fail "$1: temporary files left: $left"
	left=$(cd u && find . -mindepth 1 ! -path ./out)
	[ -z "$left" ] || fail "$1: left behind in u/: $left"
}

# expect NAME RC PROBLEM PLACE_RE: the outcome of the last run.
# PROBLEM is a fixed string stderr must hold; PLACE_RE an extended
# regular expression a line of stderr must match (the place named);
# both empty for a success.  For validate, whose report of the data's
# errors is its output, stdout counts as well.
expect() {
	local name=$1 want=$2 problem=$3 place=$4 err=$err
	case "$name" in validate*) err="$err
$out" ;; esac
	case "$err" in
	*AddressSanitizer*|*LeakSanitizer*|*"runtime error"*|*"==ERROR"*)
		fail "$name: sanitizer report: $err" ;;
	esac
	[ "$rc" -ne 99 ] || fail "$name: valgrind reported errors: $err"
	[ "$rc" -lt 128 ] || fail "$name: crashed (exit $rc): $err"
	[ "$rc" -eq "$want" ] ||
	    fail "$name: exit $rc, expected $want; stderr: $(printf '%s' "$err" | head -c 600)"
	if [ -n "$problem" ]; then
		printf '%s' "$err" | grep -qF -- "$problem" ||
		    fail "$name: stderr lacks '$problem': $(printf '%s' "$err" | head -c 600)"
	fi
	if [ -n "$place" ]; then
		printf '%s\n' "$err" | grep -qE -- "$place" ||
		    fail "$name: stderr names no place /$place/: $(printf '%s' "$err" | head -c 600)"
	fi
	state_ok "$name"
	cases=$((cases + 1))
	return 0
}

skip_case() {	# NAME REASON
	echo "skipped: $1: $2"
	skipped=$((skipped + 1))
}

heavy() { [ "${VALGRIND:-}" = 1 ]; }

# --- inputs ----------------------------------------------------------------

# mk KIND PATH: a bad input of that kind at PATH (text content for
# the "text" kinds is given by $good, a good file of the right role).
mk() {
	local kind=$1 p=$2
	rm -rf "$p"
	case "$kind" in
	missing) ;;
	dir) mkdir "$p" ;;
	noperm) cp "$good" "$p"; chmod 000 "$p" ;;
	empty) : >"$p" ;;
	# gzip data: byte 1 is 0x8b, invalid as UTF-8 and as text
	binary) printf 'binary payload\n' | gzip -n -c >"$p" ;;
	badutf8) printf 'Title\n\nGood line\nbad \xff\xfe here\n' >"$p" ;;
	latin1) printf 'Caf\xe9 na\xefve\n\nR\xe9sum\xe9 \xe0 Gen\xe8ve\n' >"$p" ;;
	nul) printf 'Title\n\nA\0B\n' >"$p" ;;
	bigline) head -c $((50 << 20)) /dev/zero | tr '\0' x >"$p" ;;
	*) fail "mk: unknown kind $kind" ;;
	esac
}

# --- setup: a good corpus, a published release, a partial table set --------

# u/: where runs as another user may write (their out/ and parts)
mkdir -p in big u
chmod 1777 u
printf 'Accord Signed in Paris\n\nFrance and Germany signed the accord on Monday, the ministers said.\n\nThe United Nations welcomed it.\n' >in/ok.txt
cp "$FX/good.cff" good.cff
printf '{"id": "rec-1", "text": "Talks Resume\\n\\nIndia and Pakistan met in Geneva."}\n' >ok.jsonl
REL=(--out out --name bi --citation good.cff --date 2024-05-01)
run build -q --unpacked "${REL[@]}" in
[ "$rc" -eq 0 ] || fail "setup build: exit $rc: $err"
oldsums=$(sums)
run extract --shard 1/1 --out part in
[ "$rc" -eq 0 ] || fail "setup extract: exit $rc: $err"
chmod -R a+rX part	# (made private; runs as another user read it)
cp "$ROOT/schemas/documents.json" schema.json
cp "out/$rel/$rel-csv/data/csv/documents.csv" good.csv
# what a new release would be called: must never appear
NEW=("${REL[@]}" --version 1.0.1)
skind=(missing dir empty binary badutf8 latin1 nul)

# --- 1. articles: build, dump, extract ------------------------------------------

good=in/ok.txt
for kind in missing dir noperm empty binary badutf8 latin1 nul; do
	mkdir -p a
	mk "$kind" a/bad.txt
	for cmd in build dump extract; do
		u= w=.
		if [ "$kind" = noperm ]; then
			if [ -z "$as_other" ]; then
				skip_case "$cmd/$kind" "$noperm_why"
				continue
			fi
			u=-u w=u
		fi
		case $cmd in
		build) args=(build -q "${NEW[@]}" --out $w/out a/bad.txt) ;;
		dump) args=(dump a/bad.txt) ;;
		extract) args=(extract --shard 1/1 --out $w/newpart a/bad.txt) ;;
		esac
		run $u "${args[@]}"
		case $kind in
		missing) expect "$cmd article $kind" 3 \
		    "cannot open: No such file or directory" "^sheaf: a/bad.txt: " ;;
		dir) expect "$cmd article $kind" 1 \
		    "directory holds no *.txt articles" "^sheaf: a/bad.txt: " ;;
		noperm) expect "$cmd article $kind" 3 \
		    "cannot open: Permission denied" "^sheaf: a/bad.txt: " ;;
		empty) expect "$cmd article $kind" 1 "empty article" \
		    "^sheaf: a/bad.txt: " ;;
		binary) expect "$cmd article $kind" 1 \
		    "invalid UTF-8 at byte offset 1 (byte 0x8b)" "^sheaf: a/bad.txt:1: " ;;
		badutf8) expect "$cmd article $kind" 1 \
		    "invalid UTF-8 at byte offset 21 (byte 0xff)" "^sheaf: a/bad.txt:4: " ;;
		latin1) expect "$cmd article $kind" 1 \
		    "invalid UTF-8 at byte offset 3 (byte 0xe9)" "^sheaf: a/bad.txt:1: " ;;
		nul) expect "$cmd article $kind" 1 \
		    "NUL byte at byte offset 8" "^sheaf: a/bad.txt:3: " ;;
		esac
	done
	chmod -R u+rwx a 2>/dev/null
	rm -rf a
done
# A directory where an article should be, inside the folder given.
mkdir -p a/sub.txt
cp in/ok.txt a/
run build -q "${NEW[@]}" a
expect "build: a directory named like an article" 1 \
    "is a directory, not an article" "^sheaf: a/sub.txt: "
rm -rf a
# Standard input: empty, and Latin-1.
: >empty.in
run -i empty.in dump -
expect "dump: empty standard input" 1 "empty article" "^sheaf: <stdin>: "
good=in/ok.txt mk latin1 latin1.in
run -i latin1.in build -q "${NEW[@]}" -
expect "build: Latin-1 on standard input" 1 \
    "invalid UTF-8 at byte offset 3 (byte 0xe9)" "^sheaf: <stdin>:1: "
rm -f empty.in latin1.in

# A 50 MB single line is a valid article: it goes through, in bounded
# memory and time (no text, so that the release stays small).
if heavy; then
	skip_case "article 50 MB single line" "valgrind"
else
	mk bigline big/line.txt
	run -o big/dump.csv dump --table documents big/line.txt
	expect "dump: a 50 MB single line" 0 "" ""
	# char_count and paragraph_count: one paragraph of 52428800 chars
	[ "$(tail -1 big/dump.csv | rev | cut -d, -f1,3 | rev)" = \
	    "52428800,1" ] ||
	    fail "dump of the 50 MB line: $(tail -1 big/dump.csv | rev | cut -c1-60 | rev)"
	run build -q --out big/out --name big --citation good.cff --omit-text \
	    --date 2024-05-01 big/line.txt
	expect "build: a 50 MB single line" 0 "" ""
	[ -f big/out/big-1.0.0/big-1.0.0.sha256 ] || fail "50 MB line: no release"
	# A paragraph of 419430 mentions ("U.S. U.S. ..."): their offsets
	# once took time quadratic in the paragraph (hours for 5 MB).
	head -c $((2 << 20)) /dev/zero | tr '\0' '\n' | sed 's/^/U.S. /' |
	    tr -d '\n' | head -c $((2 << 20)) >big/us.txt
	run -t 60 -o big/m.csv dump --table mentions big/us.txt
	expect "dump: 419430 mentions in one paragraph" 0 "" ""
	[ "$(wc -l <big/m.csv)" -eq 419431 ] ||
	    fail "mentions of the U.S. paragraph: $(wc -l <big/m.csv)"
	# one byte past the cap (a sparse file: cheap)
	truncate -s $((64 * 1024 * 1024 + 1)) big/huge.txt
	run build -q "${NEW[@]}" big/huge.txt
	expect "build: an article past ARTICLE_MAX" 1 \
	    "article larger than 67108864 bytes" "^sheaf: big/huge.txt: "
	rm -rf big/*
fi

# --- 2. JSON Lines: build, dump, extract --jsonl ---------------------------------

good=ok.jsonl
for kind in missing dir noperm empty binary badutf8 latin1 nul; do
	mk "$kind" bad.jsonl
	for cmd in build dump extract; do
		u= w=.
		if [ "$kind" = noperm ]; then
			[ -n "$as_other" ] || { skip_case "$cmd/jsonl/$kind" "$noperm_why"; continue; }
			u=-u w=u
		fi
		case $cmd in
		build) args=(build -q "${NEW[@]}" --out $w/out --jsonl bad.jsonl) ;;
		dump) args=(dump --jsonl bad.jsonl) ;;
		extract) args=(extract --shard 1/1 --out $w/newpart --jsonl bad.jsonl) ;;
		esac
		run $u "${args[@]}"
		n="$cmd --jsonl $kind"
		case $kind in
		missing) expect "$n" 3 "cannot open: No such file or directory" \
		    "^sheaf: bad.jsonl: " ;;
		dir) expect "$n" 3 "cannot read: Is a directory" "^sheaf: bad.jsonl: " ;;
		noperm) expect "$n" 3 "cannot open: Permission denied" "^sheaf: bad.jsonl: " ;;
		empty) expect "$n" 1 "holds no JSON Lines records" "^sheaf: bad.jsonl: " ;;
		binary) expect "$n" 1 "invalid JSON at column" "^sheaf: bad.jsonl:1: " ;;
		badutf8) expect "$n" 1 "invalid JSON at column 3: '[' or '{' expected near 'bad'" \
		    "^sheaf: bad.jsonl:4: " ;;
		latin1) expect "$n" 1 "unable to decode byte 0xe9" "^sheaf: bad.jsonl:1: " ;;
		nul) expect "$n" 1 "invalid JSON at column 1: '[' or '{' expected near 'A'" \
		    "^sheaf: bad.jsonl:3: " ;;
		esac
	done
	chmod u+rw bad.jsonl 2>/dev/null
	rm -rf bad.jsonl
done
# Records that are JSON but not articles; the line is named.
printf '{"id": "a", "text": "Fine.\\n"}\n{"id": 7, "text": "x"}\n' >r.jsonl
run build -q "${NEW[@]}" --jsonl r.jsonl
expect "build --jsonl: id not a string" 1 'record without a string "id"' \
    "^sheaf: r.jsonl:2: "
printf '{"id": "a", "text": "caf\\u00e9 \\u0000"}\n' >r.jsonl
run dump --jsonl r.jsonl
expect "dump --jsonl: an escaped NUL" 1 "is not allowed" "^sheaf: r.jsonl:1: "
printf '{"id": "a", "text": "x", "authors": [1]}\n' >r.jsonl
run dump --jsonl r.jsonl
expect "dump --jsonl: authors not strings" 1 '"authors" must hold strings' \
    "^sheaf: r.jsonl:1: "
printf '{"id": "a", "text": "\\ud800"}\n' >r.jsonl
run dump --jsonl r.jsonl
expect "dump --jsonl: a lone surrogate" 1 "invalid JSON" "^sheaf: r.jsonl:1: "
rm -f r.jsonl
if heavy; then
	skip_case "JSON Lines 50 MB line and INPUT_LINE_MAX" "valgrind"
else
	mk bigline big/line.jsonl
	run build -q "${NEW[@]}" --jsonl big/line.jsonl
	expect "build --jsonl: a 50 MB line" 1 "invalid JSON at column 52428800" \
	    "^sheaf: big/line.jsonl:1: "
	{ printf '{"id": "ok", "text": "Fine."}\n'; head -c $((66 << 20)) /dev/zero |
	    tr '\0' ' '; } >big/long.jsonl
	run dump --jsonl big/long.jsonl
	expect "dump --jsonl: a line past INPUT_LINE_MAX" 1 \
	    "line longer than 68157440 bytes" "^sheaf: big/long.jsonl:2: "
	rm -f big/*
fi

# --- 3. CITATION.cff, version, date, name: build and merge --------------------

good=good.cff
for kind in missing dir noperm empty binary badutf8 latin1 nul; do
	mk "$kind" bad.cff
	for cmd in build merge; do
		u= w=.
		if [ "$kind" = noperm ]; then
			[ -n "$as_other" ] || { skip_case "$cmd/cff/$kind" "$noperm_why"; continue; }
			u=-u w=u
		fi
		case $cmd in
		build) args=(build -q --out $w/out --name bi --version 1.0.1 --citation bad.cff in) ;;
		merge) args=(merge --out $w/out --name bi --version 1.0.1 --citation bad.cff part) ;;
		esac
		run $u "${args[@]}"
		n="$cmd --citation $kind"
		case $kind in
		missing) expect "$n" 3 "cannot open: No such file or directory" "^sheaf: bad.cff: " ;;
		dir) expect "$n" 1 "not a regular file" "^sheaf: bad.cff: " ;;
		noperm) expect "$n" 3 "cannot open: Permission denied" "^sheaf: bad.cff: " ;;
		empty) expect "$n" 1 "empty file" "^sheaf: bad.cff: " ;;
		binary) expect "$n" 1 "invalid YAML: control characters are not allowed at byte offset 0" \
		    "^sheaf: bad.cff:1: " ;;
		badutf8) expect "$n" 1 "invalid YAML: invalid leading UTF-8 octet at byte offset 21" \
		    "^sheaf: bad.cff:4: " ;;
		latin1) expect "$n" 1 "invalid YAML: invalid trailing UTF-8 octet at byte offset 4" \
		    "^sheaf: bad.cff:1: " ;;
		nul) expect "$n" 1 "invalid YAML: control characters are not allowed at byte offset 8" \
		    "^sheaf: bad.cff:3: " ;;
		esac
	done
	chmod u+rw bad.cff 2>/dev/null
	rm -rf bad.cff
done
if heavy; then
	skip_case "CITATION.cff 50 MB line" "valgrind"
else
	mk bigline big/CITATION.cff
	run build -q --out out --name bi --version 1.0.1 --citation big/CITATION.cff in
	expect "build --citation: 50 MB" 1 "larger than 1048576 bytes" \
	    "^sheaf: big/CITATION.cff: "
	rm -f big/*
fi
for cmd in build merge; do
	if [ $cmd = build ]; then src=in; else src=part; fi
	run $cmd -q --out out --name bi --citation "$FX/bad-yaml.cff" $src
	expect "$cmd: invalid YAML" 1 "invalid YAML: did not find expected ',' or ']'" \
	    "^sheaf: $FX/bad-yaml.cff:6: "
	run $cmd -q --out out --name bi --citation "$FX/missing-fields.cff" $src
	expect "$cmd: CITATION.cff lacks fields" 1 "missing required key 'title'" \
	    "^sheaf: $FX/missing-fields.cff: "
	printf '%s' "$err" | grep -qF "missing required key 'authors'" ||
	    fail "$cmd: every missing key is named: $err"
	run $cmd -q --out out --name bi --citation "$FX/wrong-types.cff" $src
	expect "$cmd: CITATION.cff with wrong types" 1 "'title' must be a non-empty string" \
	    "^sheaf: $FX/wrong-types.cff:4: "
	printf '%s' "$err" | grep -qF "wrong-types.cff:7: 'authors' must be a non-empty list" ||
	    fail "$cmd: every wrong type is named: $err"
	run $cmd -q --out out --name bi --citation "$FX/not-dataset.cff" $src
	expect "$cmd: CITATION.cff of software" 1 "type must be 'dataset', not 'software'" \
	    "^sheaf: $FX/not-dataset.cff:3: "
	run $cmd -q --out out --name bi --citation "$FX/not-semver.cff" $src
	expect "$cmd: CITATION.cff version not SemVer" 2 "version '1.0' is not SemVer" \
	    "^sheaf: $FX/not-semver.cff: "
	for v in 1.0 v1.0.1 01.0.1 1.0.1- 1.0.1+ 1.0.1-01 " 1.0.1" 1.0.1.0; do
		run $cmd -q "${REL[@]}" --version "$v" $src
		expect "$cmd --version '$v'" 2 "version '$v' is not SemVer" "^sheaf: version"
	done
	run $cmd -q "${REL[@]}" --version 1.0.1 --date 2024-02-30 $src
	expect "$cmd --date 2024-02-30" 2 "not a valid YYYY-MM-DD date" "^sheaf: --date"
	run $cmd -q --out out --name "Bad Name" --citation good.cff --version 1.0.1 $src
	expect "$cmd --name 'Bad Name'" 2 "must be lower-case" "^sheaf: release name"
done
# The same version with other content: refused, the old one untouched.
printf 'Another Article\n\nJapan and Korea met.\n' >in/other.txt
run build -q --unpacked "${REL[@]}" in
expect "build: version 1.0.0 again, other content" 1 \
    "version 1.0.0 already published with different content" "^sheaf: out/$rel: "
rm -f in/other.txt

# --- 4. partial table sets: merge -----------------------------------------------

good=in/ok.txt
for kind in missing empty binary; do
	mk "$kind" p2
	run merge "${NEW[@]}" p2
	n="merge: a part that is $kind"
	case $kind in
	missing) expect "$n" 3 "cannot open (not a partial table set?): No such file" \
	    "^sheaf: p2/partial.json: " ;;
	*) expect "$n" 3 "cannot open (not a partial table set?): Not a directory" \
	    "^sheaf: p2/partial.json: " ;;
	esac
	rm -rf p2
done
mkdir p2
run merge "${NEW[@]}" p2
expect "merge: an empty directory" 3 "cannot open (not a partial table set?)" \
    "^sheaf: p2/partial.json: "
rm -rf p2
for kind in empty binary badutf8 latin1 nul dir; do
	cp -R part p2
	mk "$kind" p2/partial.json
	run merge "${NEW[@]}" p2
	case $kind in
	dir) expect "merge: partial.json a directory" 1 "not a sheaf partial table set" \
	    "^sheaf: p2/partial.json" ;;
	*) expect "merge: partial.json $kind" 1 "not a sheaf partial table set" \
	    "^sheaf: p2/partial.json:1: " ;;
	esac
	rm -rf p2
done
for kind in empty binary latin1 nul; do
	cp -R part p2
	mk "$kind" p2/documents.tsv
	run merge "${NEW[@]}" p2
	case $kind in
	empty) expect "merge: documents.tsv empty" 1 \
	    "documents.csv or .jsonl holds more than documents.tsv says" "^sheaf: p2: " ;;
	*) expect "merge: documents.tsv $kind" 1 "malformed document line" \
	    "^sheaf: p2/documents.tsv:1: " ;;
	esac
	rm -rf p2
done
cp -R part p2
printf 'x' >>p2/mentions.csv
run merge "${NEW[@]}" p2
expect "merge: a table longer than documents.tsv says" 1 \
    "mentions.csv or .jsonl holds more than documents.tsv says" "^sheaf: p2: "
rm -rf p2
cp -R part p2
awk -F'\t' -v OFS='\t' '{ $3 = "999999999999999"; print }' part/documents.tsv \
    >p2/documents.tsv
run merge "${NEW[@]}" p2
expect "merge: documents.tsv counts a petabyte" 1 \
    "documents.csv is shorter than documents.tsv says" "^sheaf: p2: "
rm -rf p2
if [ -n "$as_other" ]; then
	cp -R part p2
	chmod 000 p2/mentions.csv
	run -u merge "${NEW[@]}" --out u/out p2
	expect "merge: a table it may not read" 3 "Permission denied" \
	    "^sheaf: p2/mentions.csv: "
	rm -rf p2
else
	skip_case "merge/noperm" "$noperm_why"
fi

# --- 5. validate: the CSV, the schema, the data package --------------------------

good=good.csv
for kind in missing dir noperm empty binary badutf8 latin1 nul; do
	mk "$kind" bad.csv
	u=
	if [ "$kind" = noperm ]; then
		[ -n "$as_other" ] || { skip_case "validate/csv/$kind" "$noperm_why"; continue; }
		u=-u
	fi
	run $u validate bad.csv --schema schema.json
	n="validate: CSV $kind"
	case $kind in
	missing) expect "$n" 3 "cannot open: No such file or directory" "^sheaf: bad.csv: " ;;
	dir) expect "$n" 3 "Is a directory" "^sheaf: bad.csv: " ;;
	noperm) expect "$n" 3 "cannot open: Permission denied" "^sheaf: bad.csv: " ;;
	empty) expect "$n" 1 "source-error" "^bad.csv: source-error: .* the source is empty" ;;
	binary) expect "$n" 1 "encoding-error" "^bad.csv:1:1: encoding-error: .*invalid UTF-8 at byte 1 of the cell" ;;
	badutf8) expect "$n" 1 "encoding-error" "^bad.csv:4:1: encoding-error: .*invalid UTF-8 at byte 4 of the cell" ;;
	latin1) expect "$n" 1 "encoding-error" "^bad.csv:1:1: encoding-error: .*invalid UTF-8 at byte 3 of the cell" ;;
	nul) expect "$n" 1 "encoding-error" "^bad.csv:3:1: encoding-error: .*a NUL byte at byte 1 of the cell" ;;
	esac
	chmod u+rw bad.csv 2>/dev/null
	rm -rf bad.csv
done
good=schema.json
for kind in missing dir noperm empty binary badutf8 latin1 nul; do
	mk "$kind" bad.json
	u=
	if [ "$kind" = noperm ]; then
		[ -n "$as_other" ] || { skip_case "validate/schema/$kind" "$noperm_why"; continue; }
		u=-u
	fi
	run $u validate good.csv --schema bad.json
	n="validate: schema $kind"
	case $kind in
	missing) expect "$n" 3 "cannot open: No such file or directory" "^sheaf: bad.json: " ;;
	dir) expect "$n" 3 "Is a directory" "^sheaf: bad.json: " ;;
	noperm) expect "$n" 3 "cannot open: Permission denied" "^sheaf: bad.json: " ;;
	empty) expect "$n" 2 "invalid JSON" "^sheaf: bad.json:1: " ;;
	binary) expect "$n" 2 "invalid JSON" "^sheaf: bad.json:1: " ;;
	badutf8|nul) expect "$n" 2 "invalid JSON" "^sheaf: bad.json:1: " ;;
	latin1) expect "$n" 2 "invalid JSON: unable to decode byte 0xe9" "^sheaf: bad.json:1: " ;;
	esac
	chmod u+rw bad.json 2>/dev/null
	rm -rf bad.json
done
good=schema.json
for kind in missing empty binary latin1 nul; do
	mkdir -p dp
	mk "$kind" dp/datapackage.json
	run validate dp/datapackage.json
	n="validate: datapackage.json $kind"
	case $kind in
	missing) expect "$n" 3 "cannot open: No such file or directory" "^sheaf: dp/datapackage.json: " ;;
	binary) expect "$n" 2 "invalid JSON" "^sheaf: dp/datapackage.json:1: " ;;
	latin1) expect "$n" 2 "invalid JSON: unable to decode byte 0xe9" "^sheaf: dp/datapackage.json:1: " ;;
	*) expect "$n" 2 "invalid JSON" "^sheaf: dp/datapackage.json:1: " ;;
	esac
	rm -rf dp
done
if heavy; then
	skip_case "validate 50 MB line and CSVREAD_CELL_MAX" "valgrind"
else
	# 50 MB: one header line of 26 million cells, and one of one cell
	head -c $((50 << 20)) /dev/zero | tr '\0' , >big/cells.csv
	run validate big/cells.csv --schema schema.json
	expect "validate: a 50 MB header of commas" 1 \
	    'There is an extra label "" in header at position "14"' \
	    "^big/cells.csv:1:14: extra-label"
	mk bigline big/line.csv
	run validate big/line.csv --schema schema.json
	expect "validate: a 50 MB single-cell line" 1 "incorrect-label" \
	    "^big/line.csv:1:1: incorrect-label"
	mk bigline big/line.json
	run validate good.csv --schema big/line.json
	expect "validate: a 50 MB schema line" 2 "descriptor larger than 16777216 bytes" \
	    "^sheaf: big/line.json: "
	{ printf 'document_id\n"'; head -c $((64 << 20)) /dev/zero | tr '\0' y;
	    printf 'y"\n'; } >big/cell.csv
	run validate big/cell.csv --schema schema.json
	expect "validate: a cell past CSVREAD_CELL_MAX" 1 \
	    "a cell in row 2 is larger than 67108864 bytes" "^big/cell.csv:2: source-error"
	rm -f big/*
fi

# --- 6. verify: archives, checksum files, bags ----------------------------------

good=out/$rel/$rel-csv.tar.gz
for kind in missing dir noperm empty binary badutf8 latin1 nul; do
	mk "$kind" bad.tar.gz
	u=
	if [ "$kind" = noperm ]; then
		[ -n "$as_other" ] || { skip_case "verify/$kind" "$noperm_why"; continue; }
		u=-u
	fi
	run $u verify bad.tar.gz
	n="verify: archive $kind"
	case $kind in
	missing) expect "$n" 3 "cannot open: No such file or directory" "^sheaf: bad.tar.gz: " ;;
	dir) expect "$n" 1 "no bagit.txt" "^sheaf: bad.tar.gz: " ;;
	noperm) expect "$n" 3 "Permission denied" "^sheaf: bad.tar.gz: " ;;
	empty|badutf8|latin1|nul) expect "$n" 1 \
	    "not a readable tar.gz or zip archive" "^sheaf: bad.tar.gz: " ;;
	binary) expect "$n" 1 "Unrecognized archive format" "^sheaf: bad.tar.gz: " ;;
	esac
	chmod u+rw bad.tar.gz 2>/dev/null
	rm -rf bad.tar.gz
done
# A checksum file: its first line makes it one; later lines are checked.
line1=$(head -1 "out/$rel/$rel.sha256")
mkdir sums
cp "out/$rel/${line1##* }" sums/
for kind in binary latin1 nul; do
	good=in/ok.txt mk "$kind" bad.part
	{ printf '%s\n' "$line1"; cat bad.part; } >"sums/$rel.sha256"
	rm -f bad.part
	run verify "sums/$rel.sha256"
	expect "verify: checksum file with $kind lines" 1 "malformed line" \
	    "^sheaf: sums/$rel.sha256:2: "
done
rm -rf sums
if heavy; then
	skip_case "verify 50 MB line" "valgrind"
else
	mk bigline big/a.tar.gz
	run verify big/a.tar.gz
	expect "verify: a 50 MB text line" 1 "not a readable tar.gz or zip archive" \
	    "^sheaf: big/a.tar.gz: "
	{ printf '%s\n' "$line1"; head -c $((50 << 20)) /dev/zero | tr '\0' x; } \
	    >big/a.sha256
	run verify big/a.sha256
	expect "verify: a 50 MB checksum file" 1 "larger than 1048576 bytes" \
	    "^sheaf: big/a.sha256: "
	rm -f big/*
fi
# A bag holding a symbolic link: refused, naming it (and no leak of the
# partial file list under SAN=1 or VALGRIND=1).
cp -R "out/$rel/$rel-csv" bag
ln -s ../bagit.txt bag/data/link
run verify bag
expect "verify: a bag holding a symbolic link" 1 \
    "symbolic link refused: only regular files and directories" "^sheaf: bag/data/link: "
rm -rf bag
# verify's own limits
run verify --max-files 3 "out/$rel/$rel-csv.zip"
expect "verify --max-files 3" 1 "more than 3 members" "^sheaf: out/$rel/$rel-csv.zip: "
run verify --max-size 1000 "out/$rel/$rel-json.tar.gz"
expect "verify --max-size 1000" 1 "more than the limit of 1000" "^sheaf: out/$rel/$rel-json.tar.gz: "

# --- 6b. OCFL: an object's inventory of every bad kind; archive ---------------

# an object of one version made by archive, then its inventory spoiled
run archive --ocfl store "out/$rel"
[ "$rc" -eq 0 ] || fail "setup archive: exit $rc: $err"
obj=$(cd store && ls -d ???/???/???/*)
cp -R "store/$obj" obj
good=obj/inventory.json
for kind in missing dir empty binary badutf8 latin1 nul; do
	mk "$kind" obj/inventory.json
	run verify --ocfl obj
	case $kind in
	missing) code=E063 place="^sheaf: obj: E063: " ;;
	dir) code="not a regular file" place="^sheaf: obj/inventory.json: " ;;
	*) code=E033 place="^sheaf: obj/inventory.json: E033: " ;;
	esac
	expect "verify --ocfl: inventory $kind" 1 "$code" "$place"
	rm -rf obj/inventory.json
	cp "store/$obj/inventory.json" obj/inventory.json
done
mk nul obj/inventory.json.sha512
run verify --fast obj
expect "verify --ocfl: sidecar with NUL bytes" 1 "E061: not 'DIGEST inventory.json'" \
    "^sheaf: obj/inventory.json.sha512: E061: "
rm -rf obj
# archive: the same release again, a root that is a file, no bag
run archive --ocfl store "out/$rel"
expect "archive: the same release" 1 "release 1.0.0 is already v1" "^sheaf: store: "
printf 'x\n' >afile
run archive --ocfl afile "out/$rel"
expect "archive: root is a file" 1 "not a directory; nothing added" "^sheaf: afile: "
rm -f afile
run archive --ocfl store in
expect "archive: not a release" 1 "neither a bag nor a release directory" "^sheaf: in: "
storesums=$(find store -type f | sort | xargs sha256sum)
if [ -n "$as_other" ]; then
	chmod -R a+rX store
	run -u archive --ocfl store "out/$rel"
	expect "archive: same release, as another user" 1 "already v1" "^sheaf: store: "
else
	skip_case "archive as another user" "$noperm_why"
fi
if heavy; then
	skip_case "archive: full disk" "valgrind writes its own files"
else
	run -f 16 archive --ocfl store2 "out/$rel"
	expect "archive: full disk, new root" 3 "File too large" "^sheaf: \./\.sheaf-tmp-[^:]*: "
	[ ! -e store2 ] || fail "archive: full disk left store2"
fi
[ "$(find store -type f | sort | xargs sha256sum)" = "$storesums" ] ||
    fail "archive: the store changed"
rm -rf store

# --- 7. diff: either release unusable (exit 2), or unreadable (exit 3) ----------

good=out/$rel/$rel-csv.tar.gz
for kind in missing dir noperm empty binary badutf8 latin1 nul; do
	mk "$kind" bad.tar.gz
	u=
	if [ "$kind" = noperm ]; then
		[ -n "$as_other" ] || { skip_case "diff/$kind" "$noperm_why"; continue; }
		u=-u
	fi
	for order in old new; do
		if [ $order = old ]; then
			run $u diff bad.tar.gz "$good"
		else
			run $u diff "$good" bad.tar.gz
		fi
		n="diff: $order release $kind"
		case $kind in
		missing) expect "$n" 3 "cannot open: No such file or directory" \
		    "^sheaf: bad.tar.gz: " ;;
		dir) expect "$n" 2 "not a release, bag, archive or data package" \
		    "^sheaf: bad.tar.gz: " ;;
		noperm) expect "$n" 3 "Permission denied" "^sheaf: bad.tar.gz: " ;;
		*) expect "$n" 2 "not a readable tar.gz or zip archive" \
		    "^sheaf: bad.tar.gz: " ;;
		esac
	done
	chmod u+rw bad.tar.gz 2>/dev/null
	rm -rf bad.tar.gz
done
run diff --max-files 3 "$good" "$good"
expect "diff --max-files 3" 2 "more than 3 members" "^sheaf: $good: "

# --- 8. an output directory sheaf cannot write; a full disk ---------------------

: >afile
run build -q --out afile --name bi --citation good.cff --version 1.0.1 in
expect "build --out: a file" 3 "not a directory" "^sheaf: afile: "
run build -q --out afile/sub --name bi --citation good.cff --version 1.0.1 in
expect "build --out: under a file" 3 "Not a directory" "^sheaf: afile"
run merge --out afile --name bi --citation good.cff --version 1.0.1 part
expect "merge --out: a file" 3 "not a directory" "^sheaf: afile: "
run extract --shard 1/1 --out afile/newpart in
expect "extract --out: under a file" 3 "cannot create: Not a directory" \
    "^sheaf: afile/newpart: "
run extract --shard 1/1 --out part in
expect "extract --out: an existing part" 3 "already exists" "^sheaf: part: "
rm -f afile
if [ -n "$as_other" ]; then
	chmod 555 out
	run -u build -q "${NEW[@]}" in
	expect "build: out/ read-only" 3 "Permission denied" "^sheaf: out: "
	run -u merge "${NEW[@]}" part
	expect "merge: out/ read-only" 3 "Permission denied" "^sheaf: out: "
	chmod 755 out
	mkdir -m 555 ro
	run -u extract --shard 1/1 --out ro/newpart in
	expect "extract: a read-only folder" 3 "Permission denied" "^sheaf: ro/newpart"
	rmdir ro
else
	skip_case "read-only out/" "$noperm_why"
fi
# RLIMIT_FSIZE: no file may grow past 16 KB, as on a full disk.
if heavy; then
	skip_case "full disk" "valgrind writes its own files"
else
	run -f 16 build -q "${NEW[@]}" in
	expect "build: full disk" 3 "File too large" "^sheaf: out/\.sheaf-tmp-[^:]*: "
	run -f 16 merge "${NEW[@]}" part
	expect "merge: full disk" 3 "File too large" "^sheaf: out/\.sheaf-tmp-[^:]*: "
	run -f 16 extract --shard 1/1 --out newpart "$ROOT/data/articles"
	expect "extract: full disk" 3 "File too large" "^sheaf: newpart\.tmp-[^:]*: "
	run -f 2 -o big/dump.csv dump "$ROOT/data/articles"
	expect "dump: full disk" 3 "standard output: File too large" "^sheaf: standard output: "
	rm -f big/dump.csv
	run -f 16 verify "out/$rel/$rel-csv.zip"
	expect "verify: full disk" 3 "File too large" "^sheaf: $TMPDIR/sheaf-verify-[^:]*: "
	run -f 1 -o big/report.txt validate --format json good.csv --schema "$ROOT/schemas/paragraphs.json"
	expect "validate: full disk" 3 "standard output: File too large" "^sheaf: standard output: "
	rm -f big/report.txt
fi

echo "$cases bad-input cases passed, $skipped skipped"
