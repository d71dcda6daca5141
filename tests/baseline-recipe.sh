#!/bin/sh
# The README's baseline recipe for pipelines, run as written: the two
# sslcertlint commands between the <!-- baseline-recipe --> markers (the
# GitHub and GitLab examples must run the same ones) on a repository of
# snapshots, through what a pipeline lives through: a change before main
# has a baseline, main's run, an unchanged change, a change that adds a
# finding, one that only moves lines, one that fixes a finding, and main
# with a broken export.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$(pwd)/sslcertlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check-lib.sh

sed -n '/^<!-- baseline-recipe -->$/,/^<!-- \/baseline-recipe -->$/p' README.md |
	grep '^sslcertlint ' > "$T/commands"
check "the recipe has two commands" [ "$(wc -l < "$T/commands")" = 2 ]
MAIN=$(sed -n 1p "$T/commands")
CHANGE=$(sed -n 2p "$T/commands")
MAIN_ARGS=${MAIN#sslcertlint }
CHANGE_ARGS=${CHANGE#sslcertlint }
for args in "$MAIN_ARGS" "$CHANGE_ARGS"; do
	check "the GitHub workflow runs: $args" grep -qF -- "run: /tmp/sslcertlint/sslcertlint $args" README.md
	check "the GitLab job runs: $args" grep -qF -- "- /opt/sslcertlint/sslcertlint $args" README.md
done

R=$T/repo
mkdir -p "$R/snapshots"
cp -R fixtures/story "$R/snapshots/web01"
cp -R fixtures/demo "$R/snapshots/web02"
CHECK_SHOW=$T/out
# run ARGS: one of the recipe's commands in the repository (the arguments hold no quotes)
run() {
	# shellcheck disable=SC2086
	(cd "$R" && "$BIN" --color never $1) > "$T/out" 2>&1
	rc=$?
}
# the findings of a text report: unchanged ones carry no mark, new ones "(new)"
findings() { grep -c '^[^ ].* \[SCL[0-9]* [a-z-]*\]\( (new)\| (updated)\)\{0,1\}$' "$T/out"; }

# 1. a change before main ever ran: no baseline, every finding is new
run "$CHANGE_ARGS"
check "first run: exit 1 (every finding counts)" [ $rc = 1 ]
check "first run: the warning" grep -q "^baseline.json: warning: no baseline yet: every finding counts as new \[baseline\]$" "$T/out"
check "first run: findings" [ "$(findings)" -ge 3 ]
check "first run: all of them new" [ "$(grep -c '\] (new)$' "$T/out")" = "$(findings)" ]

# 2. main: writes the baseline and passes, whatever it finds
run "$MAIN_ARGS"
check "main: exit 0 with findings" [ $rc = 0 ]
check "main: its findings are said on stderr" grep -q "errors\?, .* — " "$T/out"
check "main: baseline.json is a JSON report with findings" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["findings"], "no findings"' "$R/baseline.json"

# 3. a change that changes nothing
run "$CHANGE_ARGS"
check "unchanged: exit 0" [ $rc = 0 ]
check "unchanged: nothing new" grep -q "; 0 new, 0 gone since the baseline; " "$T/out"
check "unchanged: findings" [ "$(findings)" -ge 3 ]
check "unchanged: none marked new" sh -c "! grep -q '\\] (new)\$' '$T/out'"

# 4. a change that adds a server with a finding: only that fails
cp -R fixtures/rules/SCL001/fires "$R/snapshots/web03"
run "$CHANGE_ARGS"
check "new finding: exit 1" [ $rc = 1 ]
check "new finding: one new" grep -q "; 1 new, 0 gone since the baseline; " "$T/out"
check "new finding: it is web03's" grep -q "^snapshots/web03/netsh-sslcert.txt:5:36: error: .* \[SCL001 ctl-store-missing\] (new)$" "$T/out"
check "new finding: the others unchanged" [ "$(grep -c '\] (new)$' "$T/out")" = 1 ]
rm -r "$R/snapshots/web03"

# 5. a re-export that only moves lines (and is UTF-8 this time)
python3 -c '
import sys
text = open(sys.argv[1], "rb").read().decode("utf-16")
open(sys.argv[2], "w", encoding="utf-8").write("\n\n\n" + text.lstrip("\ufeff"))
' fixtures/demo/netsh-sslcert.txt "$R/snapshots/web02/netsh-sslcert.txt"
run "$CHANGE_ARGS"
check "moved lines: exit 0" [ $rc = 0 ]
check "moved lines: nothing new" grep -q "; 0 new, 0 gone since the baseline; " "$T/out"
check "moved lines: the findings did move" grep -q "^snapshots/web02/netsh-sslcert.txt:8:36: error: .*\[SCL001 ctl-store-missing\]$" "$T/out"

# 6. a change that fixes a server: its findings are gone, nothing fails
rm -r "$R/snapshots/web02"
run "$CHANGE_ARGS"
check "fixed: exit 0" [ $rc = 0 ]
check "fixed: web02's findings gone" grep -q "; 0 new, 2 gone since the baseline; " "$T/out"

# 7. main with a broken export fails (exit 2), so no baseline hides it
printf '{"host": "WEB01", "taken": }\n' > "$R/snapshots/web01/snapshot.json"
run "$MAIN_ARGS"
check "main with a broken export: exit 2" [ $rc = 2 ]
finish baseline-recipe
