#!/bin/sh
# A hostile repository of exports must not make the linter read outside
# the snapshot, hang CI or damage the machine.  Each case is built in a
# temporary folder (links, FIFOs, sockets and devices are made there,
# never at their real places), and every run has a time limit: a hang
# is a failure, not a stuck CI job.  The device cases need root
# (mknod); without it they are left out, with a note.
# Run from the repository root (make check-hostile-fs); SSLCERTLINT=PATH
# runs another build (e.g. an older one, to see the cases fail).
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=${SSLCERTLINT:-$(pwd)/sslcertlint}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }
GOOD=$(pwd)/fixtures/rules/SCL001/fires

# lint OUT ARG...: the linter, 10 s at most, stdout and stderr to OUT; $rc its exit
lint() {
	out=$1
	shift
	timeout 10 "$BIN" --now 2026-01-01T00:00:00Z --color never "$@" > "$out" 2>&1
	rc=$?
	[ $rc = 124 ] && echo "    (timed out: the linter hung)"
	return 0
}
# expect DESC CODE PATTERN FILE: exit $rc is CODE and FILE has a line matching PATTERN
expect() {
	if [ "$rc" != "$2" ]; then
		no "$1: exit $rc, expected $2"; sed 's/^/    /' "$4" | head -5
	elif ! grep -q -- "$3" "$4"; then
		no "$1: no line matching '$3'"; sed 's/^/    /' "$4" | head -5
	else
		ok
	fi
}
json() { $PY -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
have_mknod=0
mknod "$T/probe" c 1 3 2> /dev/null && have_mknod=1 && rm -f "$T/probe"
[ $have_mknod = 1 ] || echo "note: mknod failed (not root?): the device cases are left out"


# ---- FIFOs and devices named on the command line, or as the configuration ----
mkfifo "$T/pipe"
lint "$T/out" "$GOOD" "$T/pipe"
expect "a FIFO named on the command line" 2 "^$T/pipe: error: cannot read file: a FIFO, not a regular file" "$T/out"
if [ $have_mknod = 1 ]; then
	mknod "$T/zero" c 1 5              # /dev/zero's numbers, in the temporary folder
	lint "$T/out" "$GOOD" "$T/zero"
	expect "a device named on the command line" 2 "^$T/zero: error: cannot read file: a character device, not a regular file" "$T/out"
fi
lint "$T/out" --config "$T/pipe" "$GOOD"
expect "--config naming a FIFO" 2 "^$T/pipe: error: cannot read the configuration: a FIFO, not a regular file" "$T/out"
mkdir "$T/cwd"
mkfifo "$T/cwd/.sslcertlint.json"
(cd "$T/cwd" && lint "$T/out" "$GOOD")
expect "a .sslcertlint.json that is a FIFO" 2 "^.sslcertlint.json: error: cannot read the configuration: a FIFO, not a regular file" "$T/out"
lint "$T/out" --baseline "$T/pipe" "$GOOD"
expect "--baseline naming a FIFO" 2 "cannot read the baseline: a FIFO, not a regular file" "$T/out"

echo "hostile-fs: $pass passed, $fail failed"
[ $fail = 0 ]
