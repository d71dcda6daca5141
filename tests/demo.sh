#!/bin/sh
# make demo: on a fresh Debian machine, install the build packages (as
# root; otherwise print the apt-get line and stop), build, and lint the
# bundled snapshot fixtures/demo/ (the HTTP 403.7 story of DESIGN.md).
set -u
cd "$(dirname "$0")/.." || exit 2
tools/deps.sh || exit 1
make -s sslcertlint || exit 1
echo
echo "\$ ./sslcertlint fixtures/demo/"
./sslcertlint --color "${DEMO_COLOR:-auto}" fixtures/demo/
rc=$?
echo
echo "exit status $rc: 0 clean, 1 findings at or above --fail-on (error), 2 input or usage error"
echo "(try: ./sslcertlint --format json fixtures/demo/   or   ./sslcertlint --explain SCL001)"
[ $rc -le 1 ]
