# The bundled article is kept byte for byte as it was handed over.
. "$ROOT/tests/lib.sh"
sum=$(sha256sum "$ROOT/data/articles/chinas-counterterrorism-campaign-goes-global.txt" | cut -d' ' -f1)
assert_eq "$sum" "c105dd9755fc01da29be56b812ea8b6c2f697640559b5862760b9e663f12e1bb" "article SHA-256"
