#!/bin/sh
# A hostile baseline (tests/hostile/baseline.json) is read like an input:
# entries of unknown rules or with a malformed fingerprint are ignored,
# paths outside the snapshot (absolute, "..", a URI) and absurd lines are
# dropped, each kind with one warning; what is kept is printed escaped and
# never becomes a file:// URI in SARIF (the one there is %SRCROOT%'s).
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=./sslcertlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check-lib.sh
B=tests/hostile/baseline.json
$BIN --now 2026-01-01T00:00:00Z --color never --baseline $B fixtures/demo > "$T/text" 2>&1
check "two entries ignored" grep -q "baseline.json: warning: 2 baseline entries ignored" "$T/text"
check "three locations dropped" grep -q "baseline.json: warning: 3 baseline locations dropped" "$T/text"
check "no absolute, .. or URI path printed" sh -c "! grep -E '/etc/passwd|secret.txt|/etc/shadow|4294967291' '$T/text'"
check "the kept location stays" grep -q "gone since the baseline: snap/Root.json:12: kept" "$T/text"
check "no raw control character" [ "$(tr -d '\n' < "$T/text" | tr -cd '\000-\037\177' | wc -c)" = 0 ]
check "the unknown rule is not listed" sh -c "! grep -q EVIL999 '$T/text'"
$BIN --now 2026-01-01T00:00:00Z --format sarif --baseline $B fixtures/demo > "$T/sarif" 2>&1
# the one file:// URI is %SRCROOT%'s, the working directory
check "SARIF: no file:// URI but the root's" sh -c "[ \$(grep -c 'file://' '$T/sarif') = 1 ] && grep -q '\"uri\": \"file://$PWD/\"' '$T/sarif'"
check "SARIF: no /etc path" sh -c "! grep -q '/etc/' '$T/sarif'"
check "SARIF: the link is escaped" grep -q '\\\\\[click\\\\\](https' "$T/sarif"
finish hostile-baseline
