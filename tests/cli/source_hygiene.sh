# Headers are self-contained and hide third-party types; no banned
# functions; allocation only through xalloc (tools/hdrcheck.sh).
. "$ROOT/tests/lib.sh"
"$ROOT/tools/hdrcheck.sh" || fail "source hygiene"
