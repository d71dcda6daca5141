#!/bin/sh
# A snapshot whose host, store and site names carry cmd and PowerShell
# syntax (the security trial's inputs, fixtures/hostile-fixes/): no fix
# command in any format may carry any of it.  Fixes may quote their own
# constants (appid="{...}", 'Cert:\LocalMachine\...'), so the check looks
# for what only the input holds: its words, and its operators outside
# those constants.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=./sslcertlint
DIR=fixtures/hostile-fixes
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

check() {   # check NAME FILE-OF-FIX-LINES
	if [ ! -s "$2" ]; then
		echo "FAIL $1: no fix at all (the snapshot must give several)"
		fail=$((fail + 1))
		return
	fi
	# words of the payloads
	if grep -n -i -E 'calc|invoke-pwn|pwn|iex|iwr|evil|powershell -c|rem ' "$2"; then
		echo "FAIL $1: a fix carries a word from the hostile input"
		fail=$((fail + 1))
		return
	fi
	# operators: drop the fixes' own quoted constants first
	sed -e 's/appid="{[0-9a-f-]*}"//g' -e "s/'Cert:[^']*'//g" -e "s/'PFX password'//g" \
	    -e "s/-Name '[A-Za-z0-9 ._<>-]*'//g" -e "s/-BindingInformation '[][A-Za-z0-9.:*_<>-]*'//g" \
	    -e 's/"HKLM\\[A-Za-z\\]*"//g' "$2" > "$tmp/ops"
	if grep -n -E '[&|;`$"'"'"']' "$tmp/ops"; then
		echo "FAIL $1: a fix carries shell syntax"
		fail=$((fail + 1))
		return
	fi
	pass=$((pass + 1))
}

$BIN --now 2026-01-01T00:00:00Z --color never "$DIR" > "$tmp/text" 2>&1
sed -n 's/^  fix ([^)]*): //p' "$tmp/text" > "$tmp/fix-text"
check text "$tmp/fix-text"

for fmt in json sarif; do
	$BIN --now 2026-01-01T00:00:00Z --format $fmt "$DIR" > "$tmp/$fmt" 2>&1
	/usr/bin/python3 - "$tmp/$fmt" > "$tmp/fix-$fmt" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "fix" and isinstance(x, str):
                print(x)
            else:
                walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
walk(doc)
PY
	check $fmt "$tmp/fix-$fmt"
done

# every fix of the snapshot is seen: as many in JSON and SARIF as in the text
n=$(wc -l < "$tmp/fix-text")
for fmt in json sarif; do
	if [ "$(wc -l < "$tmp/fix-$fmt")" != "$n" ]; then
		echo "FAIL $fmt: $(wc -l < "$tmp/fix-$fmt") fixes, the text report has $n"
		fail=$((fail + 1))
	fi
done
echo "hostile-fixes: $pass passed, $fail failed ($n fixes)"
[ $fail = 0 ]
