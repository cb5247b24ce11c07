#!/bin/sh
# Install the Debian packages named as arguments that are not installed yet.
# As root: apt-get installs them.  Otherwise: print the one command needed
# and fail.  Used by `make deps` (and by make itself on a fresh machine).
set -eu
missing=
for p in "$@"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "sheaf: missing Debian packages; run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
echo "sheaf: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Another deps step of a parallel make may hold dpkg's lock: wait for it.
lock="-o DPkg::Lock::Timeout=600"
# Only refresh the package lists when apt cannot find a candidate.
for p in $missing; do
	if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		apt-get $lock update -qq
		break
	fi
done
apt-get $lock install -y -qq --no-install-recommends $missing >&2
