#!/bin/sh
# A configuration never turns rules off in silence: the text summary,
# JSON ("configuration", notRun) and SARIF (invocations[0]) name the file,
# every rule it turns off is "disabled by FILE:LINE", and a changed level
# is a note at the rule's line.  Which file: --config, else
# $SSLCERTLINT_CONFIG, else the first .sslcertlint.json from the inputs'
# folders upward, up to the repository root; a suppression that matched
# nothing is a note at its line.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$(pwd)/sslcertlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check-lib.sh
json() { /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

cat > "$T/.sslcertlint.json" <<'CFG'
{
  "rules": {
    "SCL001": {"enabled": false},
    "cert-expiring": {"level": "note"}
  }
}
CFG
# the snapshot below the configuration: found by looking up from it
cp -R fixtures/demo "$T/demo"
DEMO=demo
(cd "$T" && "$BIN" --now 2026-01-01T00:00:00Z --color never "$DEMO") > "$T/text"
rc=$?
check "SCL001 off: exit 0" [ $rc = 0 ]
check "text: SCL001 disabled by its line" grep -q "^note: SCL001 ctl-store-missing did not run: disabled by .sslcertlint.json:3$" "$T/text"
check "text: the level change at its line" grep -q "^.sslcertlint.json:4: note: rule SCL007 cert-expiring is reported at level note instead of warning \[config\]$" "$T/text"
check "text: the summary names the configuration" grep -q "; configuration .sslcertlint.json$" "$T/text"

(cd "$T" && "$BIN" --now 2026-01-01T00:00:00Z --format json "$DEMO") > "$T/json"
check "json: configuration" [ "$(json "$T/json" 'd["configuration"]')" = .sslcertlint.json ]
check "json: notRun" [ "$(json "$T/json" '[n["reason"] for n in d["notRun"] if n["ruleId"] == "SCL001"][0]')" = "disabled by .sslcertlint.json:3" ]

(cd "$T" && "$BIN" --now 2026-01-01T00:00:00Z --format sarif "$DEMO") > "$T/sarif"
inv='d["runs"][0]["invocations"][0]'
check "sarif: invocation names the configuration" [ "$(json "$T/sarif" "$inv[\"properties\"][\"configuration\"]")" = .sslcertlint.json ]
check "sarif: a notification for SCL001" [ "$(json "$T/sarif" "[n['message']['text'] for n in $inv['toolExecutionNotifications'] if n.get('associatedRule', {}).get('id') == 'SCL001'][0]")" = "disabled by .sslcertlint.json:3" ]

# without a configuration, nothing of it
"$BIN" --now 2026-01-01T00:00:00Z --color never fixtures/demo > "$T/plain"
check "no configuration: not named" sh -c "! grep -q '; configuration' '$T/plain'"
# ---- which configuration: found above the inputs, up to the repository root ----
unset SSLCERTLINT_CONFIG
R=$T/outer/repo
mkdir -p "$R/.git" "$R/snapshots"
cp -R fixtures/demo "$R/snapshots/web01"
cp -R fixtures/demo "$R/snapshots/web02"
off() { printf '{\n  "rules": {\n    "SCL001": {"enabled": false}\n  }\n}\n' > "$1"; }
off "$R/.sslcertlint.json"
lint_in() {   # lint_in DIR ARG...: text report in $T/o, exit code in $rc
	d=$1
	shift
	(cd "$d" && "$BIN" --now 2026-01-01T00:00:00Z --color never "$@") > "$T/o" 2>&1
	rc=$?
}
CHECK_SHOW=$T/o
lint_in "$R" snapshots/web01
check "found two levels up: used" grep -q "^note: SCL001 ctl-store-missing did not run: disabled by .sslcertlint.json:3$" "$T/o"
check "found two levels up: exit 0" [ $rc = 0 ]
lint_in "$R/snapshots" web01
check "found above the working directory: named as ../" grep -q "; configuration ../.sslcertlint.json$" "$T/o"
lint_in "$R/snapshots/web01" netsh-sslcert.txt
check "from a file's folder: named as ../../" grep -q "; configuration ../../.sslcertlint.json$" "$T/o"
lint_in "$T" outer/repo/snapshots/web01 --format json
check "json: the configuration as found from the input's path" [ "$(json "$T/o" 'd["configuration"]')" = outer/repo/.sslcertlint.json ]
lint_in "$R" --fleet snapshots --format sarif
check "--fleet: found from the fleet folder; sarif names it" [ "$(json "$T/o" "$inv[\"properties\"][\"configuration\"]")" = .sslcertlint.json ]

# the nearest one wins; the search stops at the repository root (.git, a folder or a file)
off "$T/outer/.sslcertlint.json"
rm "$R/.sslcertlint.json"
lint_in "$R" snapshots/web01
check "stops at .git: the one above the repository is not read" sh -c "! grep -q '; configuration' '$T/o'"
check "stops at .git: SCL001 runs (exit 1)" [ $rc = 1 ]
rmdir "$R/.git" && : > "$R/.git"
lint_in "$R" snapshots/web01
check "stops at a .git file (a worktree)" sh -c "! grep -q '; configuration' '$T/o'"
rm "$R/.git"
lint_in "$R" snapshots/web01
check "without .git it goes on up" grep -q "; configuration ../.sslcertlint.json$" "$T/o"
mkdir "$R/.git"
off "$R/snapshots/.sslcertlint.json"
off "$R/.sslcertlint.json"
lint_in "$R" snapshots/web01
check "the nearest one is used" grep -q "; configuration snapshots/.sslcertlint.json$" "$T/o"

# two inputs that find different files: the first input's is used, the other named in a note
rm "$R/snapshots/.sslcertlint.json"
printf '{}\n' > "$R/snapshots/web02/.sslcertlint.json"
lint_in "$R" snapshots/web01 snapshots/web02/netsh-sslcert.txt
check "two configurations: the first input's is used" grep -q "; configuration .sslcertlint.json$" "$T/o"
check "two configurations: a note names the other" grep -q "^snapshots/web02/.sslcertlint.json: note: not read, though nearest to the input 'snapshots/web02/netsh-sslcert.txt': one configuration applies to the whole run, '.sslcertlint.json', found first (from 'snapshots/web01') \[config\]$" "$T/o"
rm "$R/snapshots/web02/.sslcertlint.json"

# a folder anyone may write to (/tmp) ends the search, with a warning when it holds one
P=$T/public
mkdir -p "$P/snap"
cp fixtures/demo/* "$P/snap/"
off "$P/.sslcertlint.json"
chmod 1777 "$P"
lint_in "$P" snap
check "world-writable folder: not read" sh -c "! grep -q '; configuration' '$T/o'"
check "world-writable folder: a warning says why" grep -q "^.sslcertlint.json: warning: not read: anyone may write to the directory '.'; name it with --config to use it \[config\]$" "$T/o"
chmod 700 "$P"

# ---- $SSLCERTLINT_CONFIG and --config win over what is found ----
printf '{\n  "rules": {\n    "cert-expiring": {"level": "note"}\n  }\n}\n' > "$T/env.json"
printf '{\n  "rules": {\n\n    "SCL001": {"level": "note"}\n  }\n}\n' > "$T/opt.json"
SSLCERTLINT_CONFIG=$T/env.json lint_in "$R" snapshots/web01
check "env var: used instead of the one found" grep -q "; configuration $T/env.json$" "$T/o"
check "env var: the found one is not read (SCL001 runs)" grep -q "SCL001 ctl-store-missing\]$" "$T/o"
SSLCERTLINT_CONFIG= lint_in "$R" snapshots/web01
check "env var empty: ignored" grep -q "; configuration .sslcertlint.json$" "$T/o"
SSLCERTLINT_CONFIG=$T/missing.json lint_in "$R" snapshots/web01
check "env var naming no file: exit 2" [ $rc = 2 ]
check "env var naming no file: said" grep -q "^$T/missing.json: error: cannot read the configuration: No such file or directory" "$T/o"
SSLCERTLINT_CONFIG=$T/env.json lint_in "$R" --config "$T/opt.json" snapshots/web01
check "--config wins over the env var" grep -q "; configuration $T/opt.json$" "$T/o"
check "--config: its level note at its line" grep -q "^$T/opt.json:4: note: rule SCL001 ctl-store-missing is reported at level note" "$T/o"

# ---- a suppression that matched nothing is a note at its line, once ----
cat > "$T/supp.json" <<'CFG'
{
  "suppressions": [
    {"rule": "SCL001", "key": "hostnameport:pki.adcslabor.com:443",
     "reason": "matches"},
    {"rule": "SCL001", "key": "hostnameport:gone.example.org:443",
     "reason": "host retired"},
    {"rule": "SCL001", "key": "hostnameport:old.example.org:443",
     "reason": "expired one", "expires": "2025-06-30"},
    {"rule": "SCL011",
     "reason": "no such finding in this snapshot"}
  ]
}
CFG
lint_in . --config "$T/supp.json" "$(pwd)/fixtures/demo"
check "unmatched: a note at its line" grep -q "^$T/supp.json:5: note: suppression of SCL001 for hostnameport:gone.example.org:443 matched nothing (reason: host retired) \[config\]$" "$T/o"
check "unmatched without a key: a note at its line" grep -q "^$T/supp.json:9: note: suppression of SCL011 matched nothing (reason: no such finding in this snapshot) \[config\]$" "$T/o"
check "matched: no note" sh -c "! grep -q 'supp.json:3: note' '$T/o'"
check "expired: the expiry warning" grep -q "^$T/supp.json:7: warning: suppression of SCL001 for hostnameport:old.example.org:443 expired" "$T/o"
check "expired: not also 'matched nothing'" [ "$(grep -c 'supp.json:7:' "$T/o")" = 1 ]
check "exactly two unmatched notes" [ "$(grep -c 'matched nothing' "$T/o")" = 2 ]
lint_in . --config "$T/supp.json" --format json "$(pwd)/fixtures/demo"
check "json: the unmatched note among the input diagnostics" [ "$(json "$T/o" "[e['line'] for e in d['errors'] if 'matched nothing' in e['message']]")" = "[5, 9]" ]
finish config-visible
