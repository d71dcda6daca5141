#!/bin/sh
# The GitOps workflow end to end: a baseline, a suppression, a
# configuration, as a user would run them.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$(pwd)/sslcertlint
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() {   # check DESCRIPTION COMMAND...: the command must succeed
	d=$1
	shift
	if "$@"; then pass=$((pass + 1)); else echo "FAIL: $d"; fail=$((fail + 1)); fi
}
lint() { "$BIN" --now 2026-01-01T00:00:00Z --color never "$@"; }
json() { $PY -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# a server snapshot with one error (SCL001 on pki) and one warning (SCL001 on www)
cp -r fixtures/demo "$T/snap"
lint --format json -o "$T/base.json" "$T/snap"
check "first run fails on the error" [ $? = 1 ]

# 0. a pipeline's first run has no baseline yet: a warning, every finding new, not an input error
lint --format json --baseline "$T/none.json" -o "$T/first.json" "$T/snap"
check "no baseline yet: exit 1 (the findings), not 2" [ $? = 1 ]
check "no baseline yet: a warning says so" [ "$(json "$T/first.json" '[e["level"] + ": " + e["message"] for e in d["errors"] if e["id"] == "baseline"]')" = "['warning: no baseline yet: every finding counts as new']" ]
check "no baseline yet: every finding new" [ "$(json "$T/first.json" '",".join(sorted(set(f["baselineState"] for f in d["findings"])))')" = new ]

# with -o the report goes to the file, and the CI log still shows the input errors and the summary
lint --format sarif -o "$T/loud.sarif" "$T/snap" "$T/does-not-exist" 2> "$T/loud.err" > "$T/loud.out"
check "-o: exit 2 for the missing input" [ $? = 2 ]
check "-o: nothing on standard output" [ ! -s "$T/loud.out" ]
check "-o: the input error on standard error" grep -q "does-not-exist: error: cannot read" "$T/loud.err"
check "-o: the summary on standard error" grep -q "^1 error, 1 warning, 0 notes .*; 1 input error$" "$T/loud.err"

# 1. the same snapshot against its own report: everything unchanged, exit 0
lint --fail-on warning --format json --baseline "$T/base.json" -o "$T/again.json" "$T/snap"
check "re-run with the baseline exits 0, even failing on warnings" [ $? = 0 ]
check "re-run: every finding unchanged" [ "$(json "$T/again.json" '",".join(sorted(set(f["baselineState"] for f in d["findings"])))')" = unchanged ]
check "re-run: summary counts no new" [ "$(json "$T/again.json" 'd["summary"]["new"]')" = 0 ]

# 2. a misconfiguration more (a warning): exactly that finding is new, exit 1
python3 - "$T/snap/netsh-sslcert.txt" <<'PYEOF'
import sys
p = sys.argv[1]
t = open(p, 'rb').read().decode('utf-16')
t = t.replace("Ctl Store Name               : ClientAuthIssuer", "Ctl Store Name               : (null)")
open(p, 'wb').write(b'\xff\xfe' + t.encode('utf-16-le'))
PYEOF
lint --fail-on warning --format json --baseline "$T/base.json" -o "$T/new.json" "$T/snap"
check "a new misconfiguration exits 1" [ $? = 1 ]
check "exactly one new finding" [ "$(json "$T/new.json" '[f["key"] for f in d["findings"] if f["baselineState"] == "new"]')" = "['ipport:0.0.0.0:443']" ]

# 3. an export whose records come in another order: no fingerprint changes
cp -r fixtures/demo "$T/moved"
python3 - "$T/moved/netsh-sslcert.txt" <<'PYEOF'
import sys
p = sys.argv[1]
t = open(p, 'rb').read().decode('utf-16')
head, body = t.split("-------------------------\r\n\r\n", 1)
records = body.strip("\r\n").split("\r\n\r\n")
t = head + "-------------------------\r\n\r\n" + "\r\n\r\n".join(reversed(records)) + "\r\n\r\n"
open(p, 'wb').write(b'\xff\xfe' + t.encode('utf-16-le'))
PYEOF
lint --format json --baseline "$T/base.json" -o "$T/moved.json" "$T/moved"
check "reordered export exits 0" [ $? = 0 ]
check "reordered export: lines moved" [ "$(json "$T/moved.json" 'sorted(f["location"]["line"] for f in d["findings"])')" != "$(json "$T/base.json" 'sorted(f["location"]["line"] for f in d["findings"])')" ]
check "reordered export: same fingerprints" [ "$(json "$T/moved.json" 'sorted(f["fingerprint"] for f in d["findings"])')" = "$(json "$T/base.json" 'sorted(f["fingerprint"] for f in d["findings"])')" ]

# 4. a suppression with a reason: hidden from the exit code and the text, kept in JSON
cat > "$T/cfg.json" <<'CFG'
{
  "suppressions": [
    {"rule": "SCL001", "key": "hostnameport:pki.*", "reason": "client certificates are being retired (CHG-1234)"}
  ]
}
CFG
lint --config "$T/cfg.json" fixtures/demo > "$T/out.txt"
check "suppressed error does not fail the run" [ $? = 0 ]
check "suppressed error hidden from text" sh -c "! grep -q 'pki.adcslabor.com:443 will fail' '$T/out.txt'"
check "summary says 1 suppressed" grep -q "; 1 suppressed" "$T/out.txt"
lint --config "$T/cfg.json" --show-suppressed fixtures/demo | grep -q "suppressed: client certificates are being retired"
check "--show-suppressed lists it with the reason" [ $? = 0 ]
lint --config "$T/cfg.json" --format json -o "$T/sup.json" fixtures/demo
check "JSON keeps it as suppressed" [ "$(json "$T/sup.json" '[f["suppressed"]["reason"] for f in d["findings"] if "suppressed" in f]')" = "['client certificates are being retired (CHG-1234)']" ]

lint --config "$T/cfg.json" --format sarif -o "$T/sup.sarif" fixtures/demo
check "SARIF carries the suppression with its justification" [ "$(json "$T/sup.sarif" '[(s["kind"], s["justification"]) for r in d["runs"][0]["results"] for s in r.get("suppressions", [])]')" = "[('external', 'client certificates are being retired (CHG-1234)')]" ]

# SARIF as the baseline: unchanged, and what went away keeps its key and fingerprint
lint --format sarif -o "$T/base.sarif" fixtures/demo
lint --format sarif --baseline "$T/base.sarif" -o "$T/again.sarif" fixtures/demo
check "SARIF baseline: exit 0" [ $? = 0 ]
check "SARIF baseline: every result unchanged" [ "$(json "$T/again.sarif" 'sorted(set(r["baselineState"] for r in d["runs"][0]["results"]))')" = "['unchanged']" ]
cp -r fixtures/demo "$T/fixed"
python3 - "$T/fixed/netsh-sslcert.txt" <<'PYEOF'
import sys
p = sys.argv[1]
t = open(p, 'rb').read().decode('utf-16')
t = t.replace("Ctl Store Name               : (null)", "Ctl Store Name               : ClientAuthIssuer")
open(p, 'wb').write(b'\xff\xfe' + t.encode('utf-16-le'))
PYEOF
lint --format json --baseline "$T/base.sarif" -o "$T/fixed.json" "$T/fixed"
check "fixed snapshot: exit 0" [ $? = 0 ]
check "fixed snapshot: both findings absent, with their keys" [ "$(json "$T/fixed.json" 'sorted((f["baselineState"], f.get("key")) for f in d["findings"])')" = "[('absent', 'hostnameport:pki.adcslabor.com:443'), ('absent', 'hostnameport:www.adcslabor.com:443')]" ]
check "absent findings keep the baseline's fingerprints" [ "$(json "$T/fixed.json" 'sorted(f["fingerprint"] for f in d["findings"])')" = "$(json "$T/base.json" 'sorted(f["fingerprint"] for f in d["findings"])')" ]

# 5. an expired suppression no longer applies, and says so
cat > "$T/old.json" <<'CFG'
{
  "suppressions": [
    {"rule": "ctl-store-missing", "key": "hostnameport:pki.*", "reason": "temporary",
     "expires": "2025-12-31"}
  ]
}
CFG
lint --config "$T/old.json" fixtures/demo > "$T/out.txt"
check "expired suppression: the error counts again" [ $? = 1 ]
check "expired suppression is reported at its line" grep -q "old.json:3: warning: suppression of SCL001 for hostnameport:pki.\* expired" "$T/out.txt"

# 6. configuration: a rule off, a level changed, a parameter; unknown keys are errors with their line
cat > "$T/rules.json" <<'CFG'
{
  "rules": {
    "SCL001": {"level": "note"},
    "sources-disagree": {"enabled": false},
    "SCL007": {"days": 400}
  }
}
CFG
lint --config "$T/rules.json" --format json -o "$T/rules.out" fixtures/demo
check "level override: no error left, exit 0" [ $? = 0 ]
check "level override: findings are notes" [ "$(json "$T/rules.out" 'sorted(set(f["level"] for f in d["findings"]))')" = "['note']" ]
# a rule turned off is never silent: it is listed as not run, with the line that turned it off
check "disabled rule is listed as not run, with its line" [ "$(json "$T/rules.out" '[n["reason"] for n in d["notRun"] if n["ruleId"] == "SCL014"]')" = "['disabled by $T/rules.json:4']" ]
printf '{\n  "rules": {\n    "SCL001": {"levle": "note"}\n  },\n  "suppresions": []\n}\n' > "$T/bad.json"
lint --config "$T/bad.json" fixtures/demo > "$T/out.txt"
check "bad configuration exits 2" [ $? = 2 ]
check "unknown rule setting named at its line" grep -q "bad.json:3: error: unknown member 'levle'" "$T/out.txt"
check "unknown top-level member named at its line" grep -q "bad.json:5: error: unknown member 'suppresions'" "$T/out.txt"
check "the snapshot is still linted" grep -q "SCL001 ctl-store-missing" "$T/out.txt"

# .sslcertlint.json above the snapshot is read without --config
(cd "$T" && cp cfg.json .sslcertlint.json && cp -R "$OLDPWD/fixtures/demo" demo &&
	"$BIN" --now 2026-01-01T00:00:00Z demo > out2.txt)
check ".sslcertlint.json is found above the snapshot" [ $? = 0 ]

echo "workflow: $pass passed, $fail failed"
[ $fail = 0 ]
