#!/bin/sh
# --fleet: one report for many servers.  A fleet is built in a temporary
# folder from the fixture snapshots, the same misconfigured snapshot twice
# under two host names, and one broken host.  Checked:
#   - each host's findings in the fleet report are exactly those of linting
#     that host alone (rule, level, message, file, line, fix);
#   - the broken host is reported as failed, the others are still linted,
#     and the exit code is 2;
#   - the same problem on two hosts has two fingerprints;
#   - text, JSON and SARIF are the same for --jobs 1 and --jobs 4;
#   - the SARIF report passes ../shared/tools/check-sarif;
#   - a fleet report as --baseline of the same fleet: all unchanged, exit 0.
# Run from the repository root (make check-fleet).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/sslcertlint
CHECK=$ROOT/../shared/tools/check-sarif
NOW=2026-01-01T00:00:00Z
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/need-shared.sh"
cd "$tmp" || exit 2
[ -n "${CI:-}" ] && { SARIF_REQUIRE_MULTITOOL=1; export SARIF_REQUIRE_MULTITOOL; }

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

mkdir fleet
cp -r "$ROOT/fixtures/story" fleet/web01
cp -r "$ROOT/fixtures/story" fleet/web02
sed 's/WEB01/WEB02/' "$ROOT/fixtures/story/snapshot.json" > fleet/web02/snapshot.json
cp -r "$ROOT/fixtures/story-fixed" fleet/web03
rm fleet/web03/snapshot.json          # named by its folder
cp -r "$ROOT/fixtures/demo" fleet/edge
mkdir fleet/broken
printf 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"SendTrustedIssuerList"=dword:1x\n' > fleet/broken/schannel.reg
printf 'A fleet of five servers.\n' > fleet/README.md

lint() { "$BIN" --now "$NOW" --color never "$@"; }

# ---- the fleet report against each host alone ----
lint --fleet fleet --format json > fleet.json
rc=$?
[ $rc = 2 ] && ok || bad "fleet with a broken host: exit $rc, expected 2"
for h in web01 web02 web03 edge broken; do
	lint --format json "fleet/$h" > "alone-$h.json"
done
$PY - fleet.json <<'PY' && ok || bad "fleet findings differ from the hosts linted alone (above)"
import json, sys
fleet = json.load(open(sys.argv[1]))
names = {"web01": "WEB01", "web02": "WEB02", "web03": "web03", "edge": "edge", "broken": "broken"}
def key(f):
    loc = f.get("location", {})
    return (f["ruleId"], f["level"], f["message"], loc.get("path"), loc.get("line"), f.get("fix"))
bad = 0
for folder, host in names.items():
    alone = json.load(open("alone-%s.json" % folder))
    want = sorted(key(f) for f in alone["findings"])
    got = sorted(key(f) for f in fleet["findings"] if f.get("host") == host)
    if want != got:
        print("host %s: %d findings alone, %d in the fleet report" % (host, len(want), len(got)))
        bad = 1
    if not want and folder != "broken" and folder != "web03":
        print("host %s: no findings: the comparison proves nothing" % host)
        bad = 1
hosts = {h["name"]: h for h in fleet["hosts"]}
if sorted(hosts) != sorted(names.values()):
    print("hosts:", sorted(hosts))
    bad = 1
elif [n for n, h in hosts.items() if h["failed"]] != ["broken"]:
    print("failed hosts:", [n for n, h in hosts.items() if h["failed"]])
    bad = 1
sys.exit(bad)
PY
grep -q '"dword:1x\|malformed dword' fleet.json && ok || bad "the broken host's input error is not in the report"

# ---- the same problem on two hosts: two fingerprints ----
$PY - fleet.json <<'PY' && ok || bad "fingerprints of the same problem on WEB01 and WEB02"
import json, sys
fleet = json.load(open(sys.argv[1]))
by = {}
for f in fleet["findings"]:
    if f.get("host") in ("WEB01", "WEB02"):
        by.setdefault((f["ruleId"], f.get("key")), {})[f["host"]] = f["fingerprint"]
pairs = [v for v in by.values() if len(v) == 2]
sys.exit(0 if pairs and all(v["WEB01"] != v["WEB02"] for v in pairs) else 1)
PY

# ---- any --jobs, the same report ----
for fmt in text json sarif; do
	lint --fleet fleet --format $fmt --jobs 1 > "j1.$fmt"
	lint --fleet fleet --format $fmt --jobs 4 > "j4.$fmt"
	cmp -s "j1.$fmt" "j4.$fmt" && ok || { bad "$fmt differs between --jobs 1 and 4"; diff "j1.$fmt" "j4.$fmt" | head; }
done
grep -q '^== WEB01 (fleet/web01) ==' j1.text && grep -q '^== broken (fleet/broken) ==' j1.text && ok ||
	bad "text report: no host headings"

# ---- SARIF ----
if need_shared fleet "$CHECK"; then
	if "$CHECK" j1.sarif > check.log 2>&1; then ok; else bad "check-sarif on the fleet report:"; cat check.log; fi
fi

# ---- baseline ----
rm -r fleet/broken
lint --fleet fleet --format sarif -o base.sarif
lint --fleet fleet --format json --baseline base.sarif > again.json
rc=$?
[ $rc = 0 ] && ok || bad "fleet against its own baseline: exit $rc, expected 0"
$PY -c '
import json, sys
f = json.load(open("again.json"))["findings"]
states = {x.get("baselineState") for x in f}
sys.exit(0 if f and states == {"unchanged"} else 1)' && ok || bad "fleet against its own baseline: not all unchanged"

echo "fleet: $pass passed, $fail failed"
[ $fail = 0 ]
