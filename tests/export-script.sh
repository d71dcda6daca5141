#!/bin/sh
# tools/Export-SslSnapshot.ps1 cannot run here (no PowerShell on Debian):
# these are the checks that can be made offline, and each would fail if
# the script, the README, the linter or the fixture drifted apart:
#  - the script: #Requires -Version 5.1, help for every parameter, every
#    ConvertTo-Json with -InputObject and -Depth (nothing piped into it,
#    so nothing is unrolled), the wrapper form, the stores and properties
#    of the README's recipe, UTF-8 writes, the 32-bit refusal, -KeepSecrets
#  - the manifest keys it writes are the ones the linter reads, and the
#    fixture fixtures/export-script/ (hand-written in the script's shape)
#    has exactly those keys and the files the script writes
#  - the linter reads the fixture with no input problem, and sees its
#    empty stores (ClientAuthIssuer, WebHosting) dumped and empty
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$(pwd)/sslcertlint
PS1=tools/Export-SslSnapshot.ps1
FIX=fixtures/export-script
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check-lib.sh
has() { grep -q -- "$1" "$PS1"; }
hasnt() { ! grep -q -- "$1" "$PS1"; }

# ---- the script, read as text ----
check "#Requires -Version 5.1" grep -qx '#Requires -Version 5.1' "$PS1"
check "help block first" sh -c "head -1 '$PS1' | grep -qx '<#'"
for section in .SYNOPSIS .DESCRIPTION .EXAMPLE; do
	check "help: $section" has "^$section"
done
# every parameter of param(...) has its .PARAMETER help, and the reverse
sed -n '/^param(/,/^)/p' "$PS1" | grep -o '\$[A-Za-z]*' | tr -d '$' | sort > "$T/params"
grep -o '^\.PARAMETER [A-Za-z]*' "$PS1" | cut -d' ' -f2 | sort > "$T/helped"
check "parameters found" [ -s "$T/params" ]
check "help for exactly the parameters" cmp -s "$T/params" "$T/helped"
check "-KeepSecrets switch" grep -q '^\s*\[switch\]\$KeepSecrets' "$PS1"
# ConvertTo-Json: never fed by the pipeline (5.1 unrolls one-element and empty arrays), always -Depth
check "nothing piped into ConvertTo-Json" hasnt '|[[:space:]]*ConvertTo-Json'
grep -n 'ConvertTo-Json' "$PS1" | grep -v '^[0-9]*:\s*#' | grep -v 'function ConvertTo-SnapshotJson' > "$T/calls"
check "ConvertTo-Json is called" [ -s "$T/calls" ]
check "every ConvertTo-Json call has -InputObject and -Depth" sh -c "! grep -v -- '-InputObject.*-Depth' '$T/calls'"
check "the wrapper form {store, certificates}" grep -q 'store = \$store; certificates = ' "$PS1"
# the stores and certificate properties of the README's recipe
sed -n "s/^foreach (\$store in \(.*\)) {\$/\1/p" README.md | tr -d "',"  | tr ' ' '\n' | sed '/^$/d' > "$T/readme-stores"
check "README recipe stores found" [ "$(wc -l < "$T/readme-stores")" -ge 5 ]
defaults=$(grep '^\$DefaultStores = ' "$PS1")
while read -r store; do
	check "script dumps store $store" sh -c "echo \"\$1\" | grep -q \"'$store'\"" - "$defaults"
done < "$T/readme-stores"
awk '/Select-Object Thumbprint, Subject, Issuer, NotBefore/ { on = 1 } on { print } on && /ConvertTo-Json/ { exit }' README.md |
	sed 's/@{ n = .\([A-Za-z]*\)./\1/; s/ConvertTo-Json.*//' |
	tr ',' '\n' | sed 's/Select-Object//; s/^ *//; s/[^A-Za-z].*//' | grep '^[A-Z]' | sort -u > "$T/readme-props"
check "README recipe properties found" [ "$(wc -l < "$T/readme-props")" -ge 10 ]
sed -n '/^function ConvertTo-CertificateRecord/,/^}/p' "$PS1" |
	sed -n 's/^ *\([A-Za-z]*\) *= .*/\1/p' | sort -u > "$T/script-props"
while read -r prop; do
	check "script writes certificate property $prop" grep -qx "$prop" "$T/script-props"
done < "$T/readme-props"
check "RawData as Base64" has 'RawData *= \[Convert\]::ToBase64String(\$Cert.RawData)'
check "refuses 32-bit PowerShell on 64-bit Windows" sh -c "grep -q 'Is64BitOperatingSystem -and -not \[Environment\]::Is64BitProcess' '$PS1'"
check "warns on non-English netsh" sh -c "grep -q \"'Certificate Hash'\" '$PS1' && grep -q 'Hostname:port' '$PS1'"
check "store names from the registry" sh -c "grep -q \"'SslCertStoreName', 'DefaultSslCtlStoreName'\" '$PS1'"
check "store names from netsh" has 'Certificate Store Name|Ctl Store Name'
check "secrets: password attributes" has "-match 'password'"
check "secrets: configProtectedData" has "SelectNodes('//configProtectedData')"
check "UTF-8 without BOM" has 'New-Object System.Text.UTF8Encoding -ArgumentList \$false'
sed '/^<#/,/^#>/d; /^\s*#/d' "$PS1" > "$T/code"
check "no Out-File or > redirection (UTF-16 in 5.1)" sh -c "! grep -qE 'Out-File|[^2]> *[\"\$A-Za-z(]' '$T/code'"

# ---- the manifest: the script, the linter and the fixture agree ----
sed -n '/^\$manifest = /,/^}/p' "$PS1" | sed -n 's/^ *\([A-Za-z]*\) *= .*/\1/p' | sort > "$T/script-keys"
check "manifest keys found" [ "$(wc -l < "$T/script-keys")" -ge 8 ]
while read -r key; do
	check "the linter reads manifest key $key" grep -q "str_ieq(key, \"$key\")" linter/parse_manifest.c
done < "$T/script-keys"
python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1])))))' "$FIX/snapshot.json" > "$T/fixture-keys"
check "the fixture's snapshot.json has the script's keys" cmp -s "$T/script-keys" "$T/fixture-keys"
for f in netsh-sslcert.txt http-parameters.reg schannel.reg applicationHost.config snapshot.json ciphersuites.json; do
	check "the script writes $f" has "'$f'"
	check "the fixture has $f" [ -f "$FIX/$f" ]
done
check "the script writes the cipher suite order policy" has "'cipher-policy.reg'"
check "Get-TlsCipherSuite, not unrolled" has 'ConvertTo-SnapshotJson @(Get-TlsCipherSuite)'
python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["stores"]))' "$FIX/snapshot.json" > "$T/fixture-stores"
while read -r store; do
	check "fixture: $store.json in the wrapper form" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["store", "certificates"] and d["store"] == sys.argv[2] and isinstance(d["certificates"], list)
' "$FIX/$store.json" "$store"
done < "$T/fixture-stores"
check "fixture: the secrets are out" sh -c "! grep -qiE 'password=|\[enc:|sessionKey' '$FIX/applicationHost.config'"

# ---- the linter reads the fixture ----
"$BIN" --now 2026-01-01T00:00:00Z --format json "$FIX" > "$T/report.json"
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
check "no input diagnostic" [ "$(json "$T/report.json" 'len(d["errors"])')" = 0 ]
check "no input error" [ "$(json "$T/report.json" 'd["summary"]["inputErrors"]')" = 0 ]
check "every file read" [ "$(json "$T/report.json" 'd["summary"]["inputs"]')" = "$(ls "$FIX" | wc -l)" ]
check "every rule ran" [ "$(json "$T/report.json" 'len(d["notRun"])')" = 0 ]
"$BIN" --dump-model "$FIX" > "$T/model"
check "dump: ClientAuthIssuer present and empty" grep -q '^store "ClientAuthIssuer" certificates=0 @fixtures/export-script/ClientAuthIssuer.json:2 \[/store\]$' "$T/model"
check "dump: WebHosting present and empty" grep -q '^store "WebHosting" certificates=0 ' "$T/model"
check "dump: the manifest's new keys" grep -q '^manifest .* exportedBy="Export-SslSnapshot.ps1 1" secretsRemoved=true stores=\["My","WebHosting","Root","CA","ClientAuthIssuer"\] ' "$T/model"
"$BIN" --now 2026-01-01T00:00:00Z --color never "$FIX" > "$T/text"
check "SCL001's fix sees ClientAuthIssuer dumped empty" grep -q "ClientAuthIssuer.json:2: store 'ClientAuthIssuer' is dumped here, empty" "$T/text"
check "SCL001's fix does not name the empty store" grep -q "^  fix (cmd or PowerShell): netsh http update sslcert hostnameport=pki.adcslabor.com:443 .* sslctlstorename=<issuer-store>$" "$T/text"
check "SCL015 sees the binding's CTL store empty" grep -q "CTL store 'ClientAuthIssuer', which is empty.*\[SCL015 ctl-store-not-in-snapshot\]" "$T/text"

# what the manifest says is checked against the snapshot
cp -R "$FIX" "$T/lost"
rm "$T/lost/WebHosting.json"
"$BIN" --now 2026-01-01T00:00:00Z --color never "$T/lost" > "$T/text"
check "a dumped store whose file is lost: a warning at \"stores\"" grep -q "^$T/lost/snapshot.json:8: warning: store 'WebHosting' was dumped, but no dump of it was read: a file of the snapshot is missing \[parse.manifest\]$" "$T/text"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["secretsRemoved"] = False
d["warnings"] = ["netsh output is not in English"]
open(sys.argv[2], "w").write(json.dumps(d, indent=4))
' "$FIX/snapshot.json" "$T/lost/snapshot.json"
cp "$FIX/WebHosting.json" "$T/lost/"
"$BIN" --now 2026-01-01T00:00:00Z --color never "$T/lost" > "$T/text"
check "secretsRemoved false: a note" grep -q "^$T/lost/snapshot.json:7: note: the exports kept applicationHost.config's secrets" "$T/text"
check "the exporter's warnings are repeated" grep -q "^$T/lost/snapshot.json:15: warning: the exporter warned: netsh output is not in English \[parse.manifest\]$" "$T/text"
check "no 'unknown member' for the script's keys" sh -c "! grep -q 'unknown member' '$T/text'"
finish export-script
