#!/bin/sh
# A configuration never turns rules off in silence: the text summary,
# JSON ("configuration", notRun) and SARIF (invocations[0]) name the file,
# every rule it turns off is "disabled by FILE:LINE", and a changed level
# is a note at the rule's line.
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
DEMO=$(pwd)/fixtures/demo
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
"$BIN" --now 2026-01-01T00:00:00Z --color never "$DEMO" > "$T/plain"
check "no configuration: not named" sh -c "! grep -q '; configuration' '$T/plain'"
finish config-visible
