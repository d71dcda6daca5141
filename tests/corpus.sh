#!/bin/sh
# Runs the binary over every real export in ../shared/corpus (people's
# published netsh output, .reg files, applicationHost.config files and a
# certificate dump; see its README.md) and checks
# each is handled as that README says: no crash, no hang, no input error
# for the files a careful administrator would read as valid, and exactly
# the expected error, at its line, for the broken ones.  certjson/notes/
# is not input and is left out.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
CORPUS=${CORPUS:-../shared/corpus}
PY=/usr/bin/python3
. tests/need-shared.sh
need_shared corpus "$CORPUS" || exit 0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect FILE: what the README asks of it
expect() {
	case "$1" in
	*/reg/azure_sf_troubleshooting_vmss-cse-tls_help_block_HKLM_colon_indented.reg)
		echo "warning:PowerShell drive form" ;;
	*/certjson/centreon_plugins_localmachine_certs_compressed_select.json)
		echo "error:4:malformed JSON" ;;
	*/appconfig/fragment_gustavoesteves_*)
		echo "error:1:is not '<configuration>'" ;;
	*/appconfig/fragment_amundead_*)
		echo "note:no <system.applicationHost><sites>" ;;
	*) echo clean ;;
	esac
}

for f in "$CORPUS"/netsh/* "$CORPUS"/reg/* "$CORPUS"/appconfig/* "$CORPUS"/certjson/*; do
	[ -f "$f" ] || continue     # (certjson/notes is a folder: left out)
	timeout 20 ./sslcertlint --now 2026-01-01T00:00:00Z --format json "$f" > "$tmp/out.json" 2> "$tmp/err"
	rc=$?
	want=$(expect "$f")
	why=""
	if [ $rc -ge 124 ] || [ $rc -gt 2 ]; then
		why="crashed or hung (exit $rc)"
	elif ! $PY - "$tmp/out.json" "$want" > "$tmp/why" <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1]))
want = sys.argv[2]
errors = [e for e in doc["errors"] if e["level"] == "error"]
read = [i for i in doc["inputs"] if not i.get("skipped")]
if not read:
    print("not recognised as an input"); sys.exit(1)
if want.startswith("error:"):
    _, line, text = want.split(":", 2)
    if len(errors) != 1 or errors[0].get("line") != int(line) or text not in errors[0]["message"]:
        print("expected exactly one input error at line %s about %r, got %r" % (line, text, errors)); sys.exit(1)
    sys.exit(0)
if errors:
    print("input errors: " + "; ".join("%s:%s %s" % (e.get("path"), e.get("line"), e["message"]) for e in errors)); sys.exit(1)
if want.startswith(("warning:", "note:")):
    level, text = want.split(":", 1)
    if not any(e["level"] == level and text in e["message"] for e in doc["errors"]):
        print("expected a %s about %s" % (level, text)); sys.exit(1)
PYEOF
	then
		why=$(cat "$tmp/why")
	fi
	if [ -n "$why" ]; then
		echo "FAIL $f: $why"
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "corpus: $pass passed, $fail failed"
[ $fail = 0 ]
