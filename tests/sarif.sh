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
# URIs) are checked too; so are SARIF paths: one snapshot named five ways
# gives the same bytes, with URIs relative to %SRCROOT% (the working
# directory, or --sarif-root), and a file outside the root an absolute URI.
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
rm -rf "$OUT/fixtures" "$OUT"/*.sarif
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

# one snapshot named five ways (relative, "./", "x/..", absolute below the
# working directory, with "//" and a trailing '/'): the same bytes, every
# artifact URI relative to %SRCROOT%, which is the working directory
i=0
for p in fixtures/story ./fixtures/story fixtures/demo/../story "$PWD/fixtures/story" "$PWD/./fixtures//story/"; do
	lint "$OUT/spelled-$i.sarif" "" "$p"
	i=$((i + 1))
done
for k in 1 2 3 4; do
	if ! cmp -s "$OUT/spelled-0.sarif" "$OUT/spelled-$k.sarif"; then
		echo "FAIL one snapshot spelled another way gives another SARIF report (spelled-$k):"
		diff "$OUT/spelled-0.sarif" "$OUT/spelled-$k.sarif" | head -10
		fail=$((fail + 1))
	fi
done
/usr/bin/python3 - "$OUT/spelled-3.sarif" "$PWD" <<'PY' || fail=$((fail + 1))
import json, sys, urllib.parse
run = json.load(open(sys.argv[1]))["runs"][0]
root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
want = "file://" + urllib.parse.quote(sys.argv[2]) + "/"
locs = [a["location"] for a in run["artifacts"]]
bad = [l for l in locs if l.get("uriBaseId") != "%SRCROOT%" or not l["uri"].startswith("fixtures/story/")]
if root != want or not locs or bad:
    print("FAIL SARIF paths below the working directory: root %s (want %s), %s" % (root, want, bad[:2]))
    sys.exit(1)
PY
# --sarif-root: paths relative to it; a file outside it keeps an absolute URI
# (GitHub keeps such a URI as it is, in no file of the repository, and the
# Multitool rejects a result there, GH1006: so here it holds none)
printf 'not an export\n' > "$broken/outside.reg"   # an input error: no result in it
lint "$OUT/sarif-root.sarif" "--sarif-root fixtures" fixtures/story "$broken/outside.reg"
/usr/bin/python3 - "$OUT/sarif-root.sarif" "$PWD" "$broken/outside.reg" <<'PY' || fail=$((fail + 1))
import json, sys, urllib.parse
run = json.load(open(sys.argv[1]))["runs"][0]
root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
locs = {l["uri"]: l.get("uriBaseId") for l in (a["location"] for a in run["artifacts"])}
outside = "file://" + urllib.parse.quote(sys.argv[3])
ok = (root == "file://" + urllib.parse.quote(sys.argv[2]) + "/fixtures/" and
      locs.get("story/schannel.reg") == "%SRCROOT%" and outside in locs and locs[outside] is None)
if not ok:
    print("FAIL --sarif-root: root %s, artifacts %s" % (root, sorted(locs)[:4]))
    sys.exit(1)
PY
rm "$broken/outside.reg"
set -- "$@" "$OUT/spelled-0.sarif" "$OUT/sarif-root.sarif"

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
