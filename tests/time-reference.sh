#!/bin/sh
# The time reference cannot come from a hostile snapshot: a snapshot.json
# "taken" before 2000 or after the clock is an input error and the clock
# is used (a 1970 "taken" would make an expired certificate look valid);
# suppressions expire by --now or the clock, never by "taken"; the text
# summary says which time the dates were compared with.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$(pwd)/sslcertlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check-lib.sh
CHECK_SHOW=$T/out   # the run a failed check looked at
snap() {   # snap DIR TAKEN: SCL006's expired certificate with a manifest taken at TAKEN
	mkdir -p "$1"
	cp fixtures/rules/SCL006/fires/* "$1"/
	printf '{\n  "host": "WEB09",\n  "build": 17763,\n  "taken": "%s"\n}\n' "$2" > "$1/snapshot.json"
}

snap "$T/past" 1970-01-02T00:00:00Z
"$BIN" --color never "$T/past" > "$T/out" 2>&1
rc=$?
check "taken in 1970: exit 2" [ $rc = 2 ]
check "taken in 1970: an error at its line" grep -q "snapshot.json:4: error: implausible 'taken' 1970-01-02 00:00:00 UTC: before 2000; dates are judged by the clock instead \[parse.manifest\]" "$T/out"
check "taken in 1970: the expired certificate is still found" grep -q "SCL006 cert-expired" "$T/out"
check "taken in 1970: the summary names the clock" grep -q "; dates as of the clock$" "$T/out"

snap "$T/future" 2999-01-01T00:00:00Z
"$BIN" --color never "$T/future" > "$T/out" 2>&1
check "taken in 2999: an error" grep -q "implausible 'taken' 2999-01-01 00:00:00 UTC: after the clock" "$T/out"

snap "$T/good" 2024-06-01T00:00:00Z
"$BIN" --color never "$T/good" > "$T/out" 2>&1
rc=$?
check "a plausible taken: no input error" [ $rc = 1 ]
check "a plausible taken: the summary names it" grep -q '; dates as of 2024-06-01 00:00:00 UTC (snapshot.json "taken")$' "$T/out"

# a suppression that expired before the clock, not before "taken": it no longer applies
cat > "$T/cfg.json" <<'CFG'
{
  "suppressions": [
    {"rule": "SCL006", "reason": "renewal ordered", "expires": "2025-01-01"}
  ]
}
CFG
"$BIN" --color never --config "$T/cfg.json" "$T/good" > "$T/out" 2>&1
rc=$?
check "suppression expiry by the clock: the finding counts" [ $rc = 1 ]
check "suppression expiry by the clock: reported" grep -q "cfg.json:3: warning: suppression of SCL006 .*expired" "$T/out"
# --now is the user's own reference: it decides, as before
"$BIN" --color never --now 2024-12-01T00:00:00Z --config "$T/cfg.json" "$T/good" > "$T/out" 2>&1
rc=$?
check "--now before the expiry: the suppression applies" [ $rc = 0 ]
check "--now: the summary names it" grep -q '; dates as of 2024-12-01 00:00:00 UTC (--now); configuration ' "$T/out"

finish time-reference
