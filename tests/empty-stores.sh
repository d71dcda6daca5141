#!/bin/sh
# An empty certificate store dump, as PowerShell writes it (nothing, a
# bare BOM, "[]" or "null"), is read as the empty store its file name
# names, not skipped: SCL001 then says the store is dumped here, empty,
# instead of "the store dumps hold no store".  The same bytes under a
# name that is no store's stay skipped.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$(pwd)/sslcertlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/check-lib.sh

SRC=fixtures/rules/SCL001/fires-empty-clientauthissuer
lint() {   # lint DIR [OPTION...] > $T/out; $T/rc gets the exit code
	d=$1
	shift
	"$BIN" --now 2026-01-01T00:00:00Z --color never "$@" "$d" > "$T/out" 2>&1
	echo $? > "$T/rc"
}
CHECK_SHOW=$T/out

for form in zero utf8-bom utf16-bom-crlf brackets null; do
	S=$T/$form
	mkdir "$S"
	cp "$SRC/My.json" "$SRC/netsh-sslcert.txt" "$SRC/schannel.reg" "$S/"
	case $form in
	zero) : > "$S/ClientAuthIssuer.json" ;;
	utf8-bom) printf '\357\273\277' > "$S/ClientAuthIssuer.json" ;;
	utf16-bom-crlf) printf '\377\376\r\000\n\000' > "$S/ClientAuthIssuer.json" ;;
	brackets) printf '[]\r\n' > "$S/ClientAuthIssuer.json" ;;
	null) printf 'null\n' > "$S/ClientAuthIssuer.json" ;;
	esac
	lint "$S"
	check "$form: exit 1 (SCL001), not 2" [ "$(cat "$T/rc")" = 1 ]
	check "$form: the store named by the file" grep -q "^$S/ClientAuthIssuer.json:1: note: store taken from the file name: 'ClientAuthIssuer' \[parse.certjson\]$" "$T/out"
	check "$form: SCL001 sees the store dumped, empty" grep -q "^  $S/ClientAuthIssuer.json:1: store 'ClientAuthIssuer' is dumped here, empty" "$T/out"
	check "$form: not skipped" sh -c "! grep -q 'skipped' '$T/out'"
	check "$form: counted as an input" grep -q "— 4 inputs," "$T/out"
	lint "$S" --dump-model
	check "$form: --dump-model shows the empty store" grep -q "^store \"ClientAuthIssuer\" certificates=0 @$S/ClientAuthIssuer.json:1$" "$T/out"
done

# named on the command line, alone: read too, not "file is empty"
lint "$T/zero/ClientAuthIssuer.json" --dump-model
check "explicit empty store file: exit 0" [ "$(cat "$T/rc")" = 0 ]
check "explicit empty store file: the store" grep -q "^store \"ClientAuthIssuer\" certificates=0 " "$T/out"

# the same bytes under a name that is no store's: skipped, and the store is not dumped
S=$T/other
mkdir "$S"
cp "$SRC/My.json" "$SRC/netsh-sslcert.txt" "$SRC/schannel.reg" "$S/"
printf '[]' > "$S/notes.json"
: > "$S/ClientAuthIssuer.txt"
lint "$S"
check "other names: skipped" grep -q "^$S/notes.json: note: skipped: not a netsh" "$T/out"
check "other names: .txt skipped" grep -q "^$S/ClientAuthIssuer.txt: note: skipped: not a netsh" "$T/out"
check "other names: no store ClientAuthIssuer" grep -q "the store dumps hold no store 'ClientAuthIssuer'" "$T/out"
lint "$S/ClientAuthIssuer.txt"
check "explicit empty .txt: still 'file is empty' (exit 2)" [ "$(cat "$T/rc")" = 2 ]
check "explicit empty .txt: says how to name a store dump" grep -q "file is empty: .*ClientAuthIssuer.json" "$T/out"
finish empty-stores
