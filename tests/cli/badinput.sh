# The bad-input matrix of tests/badinput/matrix.sh: every command against
# every kind of bad input, with its exit status, its message naming the
# place, no crash and nothing partial left behind.
. "$ROOT/tests/lib.sh"
. "$ROOT/tests/badinput/matrix.sh"
