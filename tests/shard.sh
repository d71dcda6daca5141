#!/bin/sh
# --fleet DIR --shard K/N and `sslcertlint merge`.  A fleet of six hosts is
# built in a temporary folder from the fixture snapshots (one named by its
# folder only, one with a non-ASCII folder name, a note file beside the
# host folders), linted whole and as 3 shards.  Checked:
#   - merging the 3 shard reports gives the bytes of the whole run, and
#     its exit code, for JSON and SARIF, in any order of the reports; also
#     with a configuration, --fail-on warning, a broken host and a
#     baseline that has a host since removed;
#   - every host is in exactly one shard, and the one FNV-1a 64 of its
#     folder name (computed here in Python, checked against the published
#     FNV test vectors) mod N, plus 1, names; a shard reads only its
#     hosts' files;
#   - malformed --shard values, and --shard without --fleet, exit 2;
#   - merge refuses (exit 2, saying why) a mix of JSON and SARIF, a shard
#     missing or given twice, shards of another N, another --fail-on,
#     --now or configuration, a report that is no shard's, another tool
#     version, a host in two shards, an edited finding;
#   - the merged SARIF report passes ../shared/tools/check-sarif.
# Run from the repository root (make check-shard).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/sslcertlint
CHECK=$ROOT/../shared/tools/check-sarif
NOW=2026-01-01T00:00:00Z
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$ROOT/tests/need-shared.sh"
. "$ROOT/tests/check-lib.sh"
cd "$tmp" || exit 2
[ -n "${CI:-}" ] && { SARIF_REQUIRE_MULTITOOL=1; export SARIF_REQUIRE_MULTITOOL; }

WEB04=$(printf 'w\303\251b04')       # "wéb04", UTF-8
mkdir fleet
for h in web01 web02 web03 "$WEB04"; do
	cp -r "$ROOT/fixtures/story" "fleet/$h"
	host=$(printf '%s' "$h" | tr a-z A-Z)
	sed "s/WEB01/$host/" "$ROOT/fixtures/story/snapshot.json" > "fleet/$h/snapshot.json"
done
cp -r "$ROOT/fixtures/story-fixed" fleet/edge
rm fleet/edge/snapshot.json            # named by its folder
cp -r "$ROOT/fixtures/demo" fleet/demo
printf 'Six servers.\n' > fleet/README.md

lint() { "$BIN" --now "$NOW" --color never "$@"; }

# (rn, not name: check-lib.sh's check() keeps its NAME in $name)
# run NAME FLEET FORMAT [OPTION...]: NAME.whole.FORMAT and NAME.K.FORMAT (K = 1..3), and
# the exit codes in NAME.whole.rc
run() {
	rn=$1 fleet=$2 fmt=$3
	shift 3
	lint --fleet "$fleet" --format "$fmt" "$@" > "$rn.whole.$fmt" 2> /dev/null
	echo $? > "$rn.whole.rc"
	for k in 1 2 3; do
		lint --fleet "$fleet" --shard "$k/3" --format "$fmt" "$@" > "$rn.$k.$fmt" 2> /dev/null
	done
}

# same_as_whole NAME FORMAT: merging the shards, in two orders, gives the whole run's bytes and exit code
same_as_whole() {
	rn=$1 fmt=$2
	for order in "1 2 3" "3 1 2"; do
		set --
		for k in $order; do set -- "$@" "$rn.$k.$fmt"; done
		"$BIN" merge "$@" > "$rn.merged.$fmt" 2> merge.err
		rc=$?
		if ! cmp -s "$rn.whole.$fmt" "$rn.merged.$fmt"; then
			echo "    $rn $fmt (shards $order): merged report differs from the whole run's:"
			diff "$rn.whole.$fmt" "$rn.merged.$fmt" | head -10
			cat merge.err
			return 1
		fi
		if [ "$rc" != "$(cat "$rn.whole.rc")" ]; then
			echo "    $rn $fmt: merge exits $rc, the whole run $(cat "$rn.whole.rc")"
			return 1
		fi
	done
}

# ---- the same bytes as one run ----
for fmt in json sarif; do
	run plain fleet $fmt
	check "plain $fmt: merge of 3 shards = the whole run" same_as_whole plain $fmt
done
check "plain: the whole run has findings (exit 1)" [ "$(cat plain.whole.rc)" = 1 ]

# with a configuration, --fail-on warning, a broken host, and a baseline
# that has a host removed since (its findings are gone, in every shard)
lint --fleet fleet --format json -o base.json 2> /dev/null
cp -r fleet fleet2
rm -r fleet2/web02
mkdir fleet2/broken
printf 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL]\n"SendTrustedIssuerList"=dword:1x\n' > fleet2/broken/schannel.reg
printf '{"rules": {"SCL013": {"level": "note"}}}\n' > cfg.json
for fmt in json sarif; do
	run busy fleet2 $fmt --config cfg.json --fail-on warning --baseline base.json
	check "busy $fmt: merge of 3 shards = the whole run" same_as_whole busy $fmt
done
check "busy: the whole run has a broken host (exit 2)" [ "$(cat busy.whole.rc)" = 2 ]
check "busy: findings of the removed host are gone" grep -q '"host": "WEB02"' busy.whole.json
check "busy: the baseline state is in the report" grep -q '"baselineState": "absent"' busy.whole.json
lint --fleet fleet --format json --fail-on none > none.whole.json 2> /dev/null
for k in 1 2 3; do lint --fleet fleet --shard $k/3 --format json --fail-on none > none.$k.json; done
"$BIN" merge none.1.json none.2.json none.3.json > /dev/null
check "--fail-on none: merge exits 0" [ $? = 0 ]

# ---- every host in exactly one shard, the one the documented hash names ----
CHECK_SHOW=hash.log
$PY - plain.whole.json plain.1.json plain.2.json plain.3.json > hash.log 2>&1 <<'PY'
import json, sys
def fnv1a64(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h
# the published FNV-1a 64 test vectors: this implementation is the documented hash
assert fnv1a64(b"") == 0xcbf29ce484222325 and fnv1a64(b"a") == 0xaf63dc4c8601ec8c
assert fnv1a64(b"foobar") == 0x85944171f73967e8
whole = json.load(open(sys.argv[1]))
shards = [json.load(open(p)) for p in sys.argv[2:]]
folder = {h["name"]: h["path"].rsplit("/", 1)[1] for h in whole["hosts"]}
seen = {}
for k, s in enumerate(shards, 1):
    assert s["shard"] == "%d/3" % k, s.get("shard")
    for h in s["hosts"]:
        assert h["name"] not in seen, "%s in shards %d and %d" % (h["name"], seen[h["name"]], k)
        seen[h["name"]] = k
        want = fnv1a64(folder[h["name"]].encode("utf-8")) % 3 + 1
        assert k == want, "%s (folder %s) in shard %d, the hash says %d" % (h["name"], folder[h["name"]], k, want)
    # a shard reads only its hosts' files
    mine = {h["path"] for h in s["hosts"]}
    for f in s["inputs"]:
        assert f["path"].rsplit("/", 1)[0] in mine, "%s read in shard %d" % (f["path"], k)
assert sorted(seen) == sorted(folder), (sorted(seen), sorted(folder))
assert len(folder) == 6 and len({k for k in seen.values()}) == 3, seen
# two names worked out by hand from the hash, so the test does not only
# agree with itself: web02 -> 1, web03 -> 3 (of 3)
assert seen["WEB02"] == 1 and seen["WEB03"] == 3, seen
PY
check "every host in exactly one shard, by FNV-1a 64 of its folder name" [ $? = 0 ]
unset CHECK_SHOW
for n in 5 7; do
	for k in $(seq 1 $n); do lint --fleet fleet --shard "$k/$n" --format json > "n$n.$k.json" 2> /dev/null; done
done
check "5 and 7 shards: every host once" $PY -c '
import json, sys
for n in (5, 7):
    names = [h["name"] for k in range(1, n + 1) for h in json.load(open("n%d.%d.json" % (n, k)))["hosts"]]
    assert sorted(names) == sorted(set(names)) and len(names) == 6, (n, names)'
check "7 shards: merged = whole" sh -c "'$BIN' merge n7.*.json | cmp -s - plain.whole.json"

# ---- malformed --shard ----
for bad in 0/3 4/3 3 1/0 a/3 1/3x -1/3 1//3 /3 "" " 1/3" 1/10001 99999999999999999999/1; do
	lint --fleet fleet --shard "$bad" > /dev/null 2> bad.err
	rc=$?
	check "--shard '$bad' exits 2" [ $rc = 2 ]
	check "--shard '$bad' says why" grep -q "malformed shard" bad.err
done
lint --shard 1/2 fleet/web01 > /dev/null 2> bad.err
check "--shard without --fleet exits 2" [ $? = 2 ]
check "--shard without --fleet says why" grep -q -- "give --fleet" bad.err

# ---- merge refuses what it cannot join ----
# refused WHAT REPORT...: exit 2, nothing on stdout, and a message matching WHAT
refused() {
	what=$1
	shift
	"$BIN" merge "$@" > refused.out 2> refused.err
	rc=$?
	[ $rc = 2 ] && [ ! -s refused.out ] && grep -q -- "$what" refused.err && return 0
	echo "    merge $*: exit $rc, $(head -c 300 refused.err)"
	return 1
}
check "merge refuses JSON with SARIF" refused "format" plain.1.json plain.2.sarif plain.3.json
check "merge refuses a missing shard" refused "shard 3/3 is missing" plain.1.json plain.2.json
check "merge refuses a shard given twice" refused "given twice" plain.1.json plain.2.json plain.2.json plain.3.json
check "merge refuses shards of another N" refused "one N" plain.1.json n5.2.json plain.3.json
lint --fleet fleet --shard 2/3 --format json --fail-on note > other.2.json
check "merge refuses another --fail-on" refused "fail-on" plain.1.json other.2.json plain.3.json
"$BIN" --now 2026-02-01T00:00:00Z --fleet fleet --shard 2/3 --format json > other.2.json
check "merge refuses another --now" refused "now" plain.1.json other.2.json plain.3.json
lint --fleet fleet --shard 2/3 --format json --config cfg.json > other.2.json
check "merge refuses another configuration" refused "configuration" plain.1.json other.2.json plain.3.json
lint --format json fleet/web01 > single.json
check "merge refuses a report of no fleet" refused "not a report of --fleet" single.json
check "merge refuses a fleet report of no shard" refused "not a shard's report" plain.whole.json
sed 's/\("version": \)"[^"]*"/\1"0.0.1-other"/' plain.2.json > other.2.json
check "merge refuses another tool version" refused "was written by sslcertlint 0.0.1-other" plain.1.json other.2.json plain.3.json
sed '0,/"key": "/s/"key": "/"key": "x/' plain.2.json > other.2.json
check "merge refuses an edited finding (its fingerprint)" refused "fingerprint" plain.1.json other.2.json plain.3.json
check "merge refuses a file that is no report" refused "not a report of sslcertlint" plain.1.json fleet/web01/CA.json
check "merge with no report exits 2" refused "usage" 
# folders claiming one host name (WEB01), in two shards: the whole run
# names each by its folder, shards cannot see each other.  dupa and dupc
# fall in shards 3 and 1: each shard names its one "WEB01"; with dupb and
# dupd too, each shard has two and names them "WEB01 (dupa)" ...
for claimants in "dupa dupc" "dupa dupb dupc dupd"; do
	rm -rf fleet3
	mkdir fleet3
	for f in $claimants; do cp -r "$ROOT/fixtures/story" "fleet3/$f"; done
	for k in 1 2 3; do lint --fleet fleet3 --shard $k/3 --format sarif > dup.$k.sarif 2> /dev/null; done
	check "$claimants: the claimants are in shards 1 and 3" $PY -c '
import json
hosts = [json.load(open("dup.%d.sarif" % k))["runs"][0]["properties"]["hosts"] for k in (1, 2, 3)]
assert hosts[0] and not hosts[1] and hosts[2], hosts'
	check "$claimants: merge refuses a host claimed in two shards" refused "WEB01.* is in .* and in" dup.1.sarif dup.2.sarif dup.3.sarif
done

# ---- a shard's report and the merged one fit the JSON Schema ----
if $PY -c 'import jsonschema' 2> /dev/null; then
	check "shard and merged JSON reports fit schemas/report.schema.json" $PY -c '
import json, sys
from jsonschema import Draft202012Validator
v = Draft202012Validator(json.load(open(sys.argv[1])))
for f in sys.argv[2:]:
    errors = list(v.iter_errors(json.load(open(f))))
    assert not errors, (f, errors[0].message)' "$ROOT/schemas/report.schema.json" plain.1.json busy.merged.json
fi

# ---- the merged SARIF report, as GitHub reads it ----
if need_shared shard "$CHECK"; then
	CHECK_SHOW=check.log
	"$CHECK" plain.merged.sarif busy.merged.sarif > check.log 2>&1
	check "check-sarif passes the merged SARIF reports" [ $? = 0 ]
fi

finish shard
