#!/bin/sh
# Source hygiene, run by `make check` (tests/cli/source_hygiene.sh):
#  - every header in src/*/ compiles on its own (self-contained, guarded);
#  - no header names a third-party type or includes a third-party header
#    (they stay inside the .c files), but a module's private header
#    (NAME_int.h, included only by the module's own files) may, when
#    ALLOWED lists it;
#  - every #include of the project's own code names its folder
#    ("lib/diag.h"), and goes down or sideways in the stage order below,
#    in .c files and headers alike (src/README.md says what each folder
#    owns);
#  - each third-party library's header appears only in the .c files
#    allowed below, the modules that stand in front of it;
#  - banned functions appear nowhere in src/ and raw malloc/realloc/
#    calloc/strdup only in lib/xalloc.c.
# Prints one line per problem and exits 1 if there is any.
set -u
cd "$(dirname "$0")/.."
CC=${CC:-cc}
rc=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The stages, lowest first: a file may include its own stage and those
# before it, never one after it.
STAGES="lib tables validate extract bag release diff ocfl cmd"

# Third-party headers and the only files that may include them.
ALLOWED='
jansson.h	release/jsonout_int.h release/jsonout.c validate/schema_int.h tables/jsonio.c validate/schema.c validate/cast.c validate/dpkg.c validate/jsonschema.c validate/vreport.c release/codebook.c release/datapackage.c release/rocrate.c release/site.c ocfl/ocfl.c ocfl/ocflw.c
csv.h	tables/csvio.c lib/csvread.c
archive.h	bag/archive.c
archive_entry.h	bag/archive.c
zlib.h	bag/archive.c
openssl/evp.h	lib/digest.c
openssl/err.h	lib/digest.c
utf8proc.h	lib/text.c lib/utf8.c
yaml.h	release/citation.c
sqlite3.h	release/sqldb.c
'

rank() {	# STAGE -> its place in STAGES, or nothing
	i=0
	for s in $STAGES; do
		[ "$s" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
}

for d in src/*/; do
	d=${d#src/}; d=${d%/}
	[ -n "$(rank "$d")" ] ||
	    { echo "hdrcheck: src/$d/ is not a stage named in tools/hdrcheck.sh"; rc=1; }
done

for h in src/*/*.h; do
	rel=${h#src/}
	printf '#include "%s"\n#include "%s"\n' "$rel" "$rel" > "$tmp/t.c"
	if ! $CC -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
	    -Werror -Isrc -fsyntax-only "$tmp/t.c" 2>"$tmp/err"; then
		echo "hdrcheck: $h is not self-contained:"; sed 's/^/  /' "$tmp/err"
		rc=1
	fi
	# a module's private header (NAME_int.h) may name its library's
	# types; which library, ALLOWED says
	case $h in *_int.h) continue ;; esac
	if grep -nE '#include <(jansson|csv|archive|archive_entry|yaml|utf8proc|openssl/[a-z]+|zlib|sqlite3)\.h>|\bjson_t\b|struct csv_parser|struct archive|yaml_parser_t|EVP_MD|sqlite3 ?\*' "$h"; then
		echo "hdrcheck: $h exposes a third-party type or header"
		rc=1
	fi
done

# Include edges: FILE:LINE:TARGET for every quoted include.
for f in src/*/*.[ch]; do
	rel=${f#src/}
	own=${rel%%/*}
	r=$(rank "$own")
	grep -n '^#[[:space:]]*include[[:space:]]*"' "$f" |
	    sed 's/^\([0-9]*\):.*"\(.*\)".*/\1 \2/' > "$tmp/inc"
	while read -r line target; do
		case $target in
		*/*) ;;
		*)	echo "hdrcheck: $f:$line: \"$target\" does not name its folder"
			rc=1; continue ;;
		esac
		[ -f "src/$target" ] ||
		    { echo "hdrcheck: $f:$line: no src/$target"; rc=1; continue; }
		case $target in
		*_int.h) [ "${target%%/*}" = "$own" ] || {
			echo "hdrcheck: $f:$line: $target is private to ${target%%/*}/"
			rc=1; } ;;
		esac
		tr=$(rank "${target%%/*}")
		if [ "$tr" -gt "$r" ]; then
			echo "hdrcheck: $f:$line: $own/ includes $target, a later stage"
			rc=1
		fi
	done < "$tmp/inc"
	grep -n '^#[[:space:]]*include[[:space:]]*<' "$f" |
	    sed 's/^\([0-9]*\):.*<\(.*\)>.*/\1 \2/' > "$tmp/sys"
	while read -r line target; do
		allow=$(printf '%s\n' "$ALLOWED" | awk -F'\t' -v h="$target" '$1 == h { print $2 }')
		[ -n "$allow" ] || continue
		case " $allow " in
		*" $rel "*) ;;
		*)	echo "hdrcheck: $f:$line: <$target> only in: $allow"
			rc=1 ;;
		esac
	done < "$tmp/sys"
done

if grep -nE '\b(atoi|atol|sprintf|vsprintf|strcpy|strcat|gets|strtok)\s*\(' src/*/*.c src/*/*.h tools/*.c 2>/dev/null; then
	echo "hdrcheck: banned function (see STYLE.md)"
	rc=1
fi
if grep -nE '[^x_](malloc|calloc|realloc|strdup|strndup)\s*\(' src/*/*.c | grep -v '^src/lib/xalloc.c:'; then
	echo "hdrcheck: raw allocation outside lib/xalloc.c"
	rc=1
fi
exit $rc
