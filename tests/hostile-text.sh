#!/bin/sh
# Text from the inputs cannot drive the terminal or forge lines in a CI log
# (fixtures/hostile-text/: ESC sequences, a newline followed by a GitHub
# "::error" workflow command, a right-to-left override, in certificate and
# site names; here also in file names): the text report holds no control
# character but its line ends, no bidirectional control, no line starting
# with "::", and shows what it escaped; the GitHub report holds only
# workflow commands of its own.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$PWD/sslcertlint
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

cp -r fixtures/hostile-text "$tmp/snap"
# names a repository can hold: a newline, ESC and a workflow command
printf 'not an export\n' > "$tmp/snap/$(printf 'notes\n::error file=a,line=1::forged\033[2J.txt')"
printf 'not an export\n' > "$tmp/::warning file=b,line=2::forged.txt"

check() {   # check NAME REPORT
	bad=""
	# raw control characters (tr keeps them, then counts)
	[ "$(tr -d '\n' < "$2" | tr -cd '\000-\037\177' | wc -c)" = 0 ] || bad="$bad raw-control"
	# C1 controls (C2 80..9F) and bidi controls (E2 80 8E/8F/AA..AE, E2 81 A6..A9)
	if LC_ALL=C grep -q -P '\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$2"; then
		bad="$bad bidi-or-c1"
	fi
	grep -q '^::' "$2" && bad="$bad line-starting-with-::"
	for want in '\x1b]0;owned\x07' '\u202e' '\n::error file=README.md' 'notes\n::error file=a' '\x3a:warning'; do
		grep -q -F "$want" "$2" || bad="$bad missing:$want"
	done
	if [ -n "$bad" ]; then
		printf "FAIL %s:%s\n" "$1" "$bad"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}

(cd "$tmp" && "$BIN" --now 2026-01-01T00:00:00Z --color never snap "::warning file=b,line=2::forged.txt") > "$tmp/text" 2>&1
check text "$tmp/text"
# with colour the report adds its own escapes, and still none from the inputs
(cd "$tmp" && "$BIN" --now 2026-01-01T00:00:00Z --color always snap) > "$tmp/color" 2>&1
if sed 's/\x1b\[[0-9;]*m//g' "$tmp/color" | tr -d '\n' | tr -cd '\000-\037\177' | grep -q .; then
	echo "FAIL color: a control character besides the colour codes"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
# the GitHub report of the same: every line a workflow command of ours, the
# hostile text escaped (tests/ci-formats.sh reads it back as the runner does)
(cd "$tmp" && "$BIN" --now 2026-01-01T00:00:00Z --format github snap "::warning file=b,line=2::forged.txt") > "$tmp/github" 2>&1
bad=""
[ "$(tr -d '\n' < "$tmp/github" | tr -cd '\000-\037\177' | wc -c)" = 0 ] || bad="$bad raw-control"
grep -v -q -E '^::(error|warning|notice) ' "$tmp/github" && bad="$bad line-not-a-command"
grep -q -F '\n::error file=README.md' "$tmp/github" || bad="$bad missing:escaped-newline-command"
if [ -n "$bad" ]; then
	printf "FAIL github:%s\n" "$bad"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "hostile-text: $pass passed, $fail failed"
[ $fail = 0 ]
