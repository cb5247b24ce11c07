#!/bin/sh
# Source hygiene, run by `make check`:
#  - every header in src/ compiles on its own (self-contained, guarded);
#  - no header names a third-party type or includes a third-party header
#    (they stay inside the backend .c files);
#  - banned functions appear nowhere in src/ and raw malloc/realloc/
#    calloc/strdup only in xalloc.c.
# Prints one line per problem and exits 1 if there is any.
set -u
cd "$(dirname "$0")/.."
CC=${CC:-cc}
rc=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in src/*.h; do
	printf '#include "%s"\n#include "%s"\n' "$(basename "$h")" "$(basename "$h")" > "$tmp/t.c"
	if ! $CC -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
	    -Werror -Isrc -fsyntax-only "$tmp/t.c" 2>"$tmp/err"; then
		echo "hdrcheck: $h is not self-contained:"; sed 's/^/  /' "$tmp/err"
		rc=1
	fi
	if grep -nE '#include <(jansson|csv|archive|archive_entry|yaml|utf8proc|openssl/[a-z]+|zlib)\.h>|json_t|struct csv_parser|struct archive|yaml_parser_t|EVP_MD' "$h"; then
		echo "hdrcheck: $h exposes a third-party type or header"
		rc=1
	fi
done
if grep -nE '\b(atoi|atol|sprintf|vsprintf|strcpy|strcat|gets|strtok)\s*\(' src/*.c src/*.h tools/*.c 2>/dev/null; then
	echo "hdrcheck: banned function (see STYLE.md)"
	rc=1
fi
if grep -nE '[^x_](malloc|calloc|realloc|strdup|strndup)\s*\(' src/*.c | grep -v '^src/xalloc.c:'; then
	echo "hdrcheck: raw allocation outside xalloc.c"
	rc=1
fi
exit $rc
