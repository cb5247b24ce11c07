# Headers are self-contained and hide third-party types; no banned
# functions; allocation only through xalloc (tools/hdrcheck.sh); every
# sheaf call in tests/cli has its exit status checked (check_rc.py).
. "$ROOT/tests/lib.sh"
"$ROOT/tools/hdrcheck.sh" || fail "source hygiene"
# Every sheaf call in a test script has its exit status checked.
"$PYTHON" "$ROOT/tests/tools/check_rc.py" "$ROOT"/tests/cli/*.sh ||
    fail "sheaf calls above have no check of their exit status"
