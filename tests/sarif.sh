#!/bin/sh
# The SARIF report of every fixture snapshot, validated the way GitHub code
# scanning and SARIF viewers read it: ../shared/tools/check-sarif (the
# OASIS schema, the Microsoft SARIF Multitool with the GitHub rules, and
# GitHub's upload limits).  Each snapshot folder (a leaf folder under
# fixtures/, outside fixtures/parse, as in tests/golden.sh) is linted into
# build/sarif/<folder>.sarif.  One more run lints a good snapshot together with
# broken files in a temporary folder (an empty file, a garbage file and a
# cut .reg export), so input errors (toolExecutionNotifications, with and
# without a line), an unsuccessful execution and absolute paths (file://
# URIs) are checked too.
#
# Under CI (the environment variable CI set), a multitool that cannot be
# installed or run is a failure, not a warning.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=./sslcertlint
NOW=2026-01-01T00:00:00Z
CHECK=../shared/tools/check-sarif
OUT=${SARIF_OUT:-build/sarif}   # kept for inspection; build/ is not tracked

[ -x "$BIN" ] || { echo "sarif: $BIN is not built"; exit 2; }
. tests/need-shared.sh
need_shared sarif "$CHECK" || exit 0
[ -n "${CI:-}" ] && { SARIF_REQUIRE_MULTITOOL=1; export SARIF_REQUIRE_MULTITOOL; }

broken=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$broken" "$log"' EXIT
rm -rf "$OUT/fixtures" "$OUT/broken-input.sarif"
fail=0
set --

lint() {   # lint OUTFILE ARGS PATH...: exit 1 (findings) or 2 (input errors) is fine, a crash is not
	out=$1 args=$2
	shift 2
	# shellcheck disable=SC2086
	"$BIN" --now "$NOW" --format sarif $args "$@" > "$out" 2> "$log"
	rc=$?
	if [ $rc -gt 2 ] || [ ! -s "$out" ]; then
		echo "FAIL $*: sslcertlint exited $rc"
		cat "$log"
		fail=$((fail + 1))
	fi
}

for dir in $(find fixtures -mindepth 1 -type d ! -path 'fixtures/parse*' | sort); do
	# leaf folders only
	[ -n "$(find "$dir" -mindepth 1 -maxdepth 1 -type d)" ] && continue
	args=""
	[ -f "$dir/args" ] && args=$(cat "$dir/args")
	mkdir -p "$OUT/$(dirname "$dir")"
	lint "$OUT/$dir.sarif" "$args" "$dir"
	set -- "$@" "$OUT/$dir.sarif"
done

# input errors beside a good snapshot: an empty file, a garbage file, and
# a .reg export cut in the middle of a continued value
: > "$broken/empty.txt"
printf 'not an export\001\002\003\n\377\376garbage\n' > "$broken/garbage.bin"
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\n"a"=hex:01,02,\\\n' > "$broken/cut.reg"
lint "$OUT/broken-input.sarif" "" fixtures/rules/SCL001/fires \
	"$broken/empty.txt" "$broken/garbage.bin" "$broken/cut.reg"
if ! grep -q '"executionSuccessful": false' "$OUT/broken-input.sarif" ||
   ! grep -q '"toolExecutionNotifications"' "$OUT/broken-input.sarif"; then
	echo "FAIL broken input: no failed execution with notifications in $OUT/broken-input.sarif"
	fail=$((fail + 1))
fi
set -- "$@" "$OUT/broken-input.sarif"

"$CHECK" "$@" > "$log" 2>&1
rc=$?
passed=$(grep -c '^PASS ' "$log")
# failures, warnings and a missing multitool are shown; a clean pass is one line
grep -v '^PASS ' "$log"
[ $rc != 0 ] || [ "$passed" != $# ] && fail=$((fail + 1))
mode="schema, multitool and GitHub rules"
grep -q 'Multitool .* is NOT available' "$log" && mode="the SARIF Multitool did NOT run"
if [ $fail = 0 ]; then
	echo "sarif: all $# reports pass check-sarif ($mode)"
else
	echo "sarif: FAILED: $passed of $# reports pass check-sarif ($mode)"
fi
[ $fail = 0 ]
