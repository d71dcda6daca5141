#!/bin/sh
# The Debian packages sslcertlint builds and tests with.
#   tools/deps.sh            install what is missing (as root), or print the apt-get line and fail
#   tools/deps.sh --check    only say whether everything is there
# BUILD: compiler, make, pkg-config and the libraries; TEST adds what
# `make check` runs besides (CUnit, the JSON Schema validator, groff and
# man to check the man page renders without warnings).
set -u
BUILD="gcc make pkg-config libjansson-dev libxml2-dev libssl-dev"
TEST="libcunit1-dev python3-jsonschema groff-base man-db"
EXTRA=${DEPS_EXTRA:-}
missing=""
for p in $BUILD $TEST $EXTRA; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "${1:-}" = --check ]; then
	echo "missing packages:$missing"
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "sslcertlint needs these Debian packages:$missing"
	echo "install them with:"
	echo "    sudo apt-get update && sudo apt-get install -y$missing"
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
