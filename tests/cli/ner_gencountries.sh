# tools/gencountries on small inputs: COW codes joined by name (any ISO
# name form), by the hand-kept file, or not at all; inverted names put in
# reading order; codes ISO lacks added; bad input refused with exit 1.
. "$ROOT/tests/lib.sh"
g="$ROOT/build/tools/gencountries"
[ -x "$g" ] || fail "missing $g (make)"
cat > iso.json <<'JSON'
{"3166-1": [
 {"alpha_3": "KOR", "name": "Korea, Republic of", "common_name": "South Korea"},
 {"alpha_3": "RUS", "name": "Russian Federation"},
 {"alpha_3": "VAT", "name": "Holy See (Vatican City State)"},
 {"alpha_3": "SHN", "name": "Saint Helena, Ascension and Tristan da Cunha"},
 {"alpha_3": "BOL", "name": "Bolivia, Plurinational State of",
  "common_name": "Bolivia", "official_name": "Plurinational State of Bolivia"}
]}
JSON
cat > cow.csv <<'CSV'
stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
KOR,730,Korea,1887,8,1,1905,11,17,2016
ROK,732,South Korea,1949,1,1,2016,12,31,2016
RUS,365,Russia,1816,1,1,2016,12,31,2016
BOL,145,Bolivia,1848,1,1,1879,1,1,2016
BOL,145,Bolivia,1884,1,1,2016,12,31,2016
CSV
printf '# joins\nRUS\t365\nXKX\t347\tKosovo\n' > joins.tsv
"$g" iso.json cow.csv joins.tsv > out.tsv 2> err || fail "exit $?: $(cat err)"
got=$(grep -v '^#' out.tsv)
want=$(printf '%s\n' \
    "BOL	145	Bolivia	Bolivia|Plurinational State of Bolivia" \
    "KOR	732	South Korea	South Korea|Republic of Korea" \
    "RUS	365	Russian Federation	Russian Federation" \
    "SHN		Saint Helena	Saint Helena" \
    "VAT		Holy See	Holy See|Vatican City State" \
    "XKX	347	Kosovo	Kosovo")
assert_eq "$got" "$want" "countries.tsv"
grep -q '^# Sources: ISO 3166-1' out.tsv || fail "no source header"
# One COW state joined to two countries.
printf 'RUS\t365\nVAT\t365\n' > bad.tsv
"$g" iso.json cow.csv bad.tsv > /dev/null 2> err && fail "accepted a COW code twice"
grep -q "COW code 365 joined to both" err || fail "message: $(cat err)"
# A code ISO lacks, without a name.
printf 'XKX\t347\n' > bad.tsv
"$g" iso.json cow.csv bad.tsv > /dev/null 2> err && fail "accepted XKX without a name"
# A broken COW list; a missing file; usage.
printf 'stateabb,ccode\nRUS,x\n' > badcow.csv
"$g" iso.json badcow.csv joins.tsv > /dev/null 2> err && fail "accepted a bad COW list"
"$g" iso.json nonexistent.csv joins.tsv > /dev/null 2> err && fail "accepted a missing file"
grep -q "nonexistent.csv" err || fail "message: $(cat err)"
"$g" iso.json > /dev/null 2> err; [ $? -eq 2 ] || fail "usage exit not 2"
