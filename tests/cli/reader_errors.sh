# Bad inputs to the reader: each gives a clear error naming the file and
# place, and its documented exit status.
. "$ROOT/tests/lib.sh"

sheaf dump missing.txt
assert_rc 3
assert_err "sheaf: missing.txt: cannot open: No such file or directory"

mkdir empty-dir
sheaf dump empty-dir
assert_rc 1
assert_err "sheaf: empty-dir: directory holds no *.txt articles"

: > empty.txt
sheaf dump empty.txt
assert_rc 1
assert_err "sheaf: empty.txt: empty article"

printf 'line one\nline two \xff\xfe here\n' > latin.txt
sheaf dump latin.txt
assert_rc 1
assert_err "sheaf: latin.txt:2: invalid UTF-8 at byte offset 18 (byte 0xff)"

printf 'caf\xe9 au lait\n' > latin1.txt
sheaf dump latin1.txt
assert_rc 1
assert_err "sheaf: latin1.txt:1: invalid UTF-8 at byte offset 3 (byte 0xe9)"

printf 'text\n\nmore\0text\n' > nul.txt
sheaf dump nul.txt
assert_rc 1
assert_err "sheaf: nul.txt:3: NUL byte at byte offset 10"

head -c 4096 /bin/ls > binary.txt
sheaf dump binary.txt
assert_rc 1
assert_err "sheaf: binary.txt:1:"

printf ' \n\t\n\xc2\xa0\n' > blank.txt
sheaf dump blank.txt
assert_rc 1
assert_err "sheaf: blank.txt: no text in article"

if [ "$(id -u)" -ne 0 ]; then
	printf 'x\n' > noperm.txt
	chmod 000 noperm.txt
	sheaf dump noperm.txt
	assert_rc 3
	assert_err "Permission denied"
fi

sheaf dump --table nope "$ROOT/tests/articles/seg-one-paragraph.txt"
assert_rc 2
assert_err "unknown table 'nope'"

sheaf frobnicate
assert_rc 2
assert_err "unknown command 'frobnicate'"
