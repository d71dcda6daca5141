#!/bin/sh
# Bad input, end to end: each broken file gives exit 2 and an error that
# names the file (and the line where there is one), nothing crashes, the
# rest of the snapshot is still linted, inputs are never changed, and -o
# never leaves half a report.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=$(pwd)/sslcertlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }

# a good snapshot to lint beside each broken file
GOOD=fixtures/rules/SCL001/fires
run() {   # run EXPECTED_EXIT GREP_PATTERN FILE...: lint GOOD plus the files
	want=$1 pat=$2
	shift 2
	timeout 30 "$BIN" --now 2026-01-01T00:00:00Z --color never "$GOOD" "$@" > "$T/out" 2>&1
	rc=$?
	if [ $rc != "$want" ]; then
		no "$*: exit $rc, expected $want"; sed 's/^/    /' "$T/out" | head -5; return
	fi
	if ! grep -q -- "$pat" "$T/out"; then
		no "$*: no line matching '$pat'"; sed 's/^/    /' "$T/out" | head -5; return
	fi
	# the good snapshot's finding is still there
	if ! grep -q 'SCL001 ctl-store-missing' "$T/out"; then
		no "$*: the rest of the snapshot was not linted"; return
	fi
	ok
}

: > "$T/empty.txt"
run 2 "$T/empty.txt: error: file is empty" "$T/empty.txt"

head -c 4096 /dev/urandom > "$T/garbage.bin"
run 2 "$T/garbage.bin:1: error: not a recognised input" "$T/garbage.bin"

# UTF-16LE netsh output cut in the middle of a character (odd length)
printf '\377\376' > "$T/odd.txt"
printf 'IP:port : 0.0.0.0:443\r\nCertificate Hash : 5226dc6c54559761cd471b86eb51c096252c90f2\r\nC' |
	iconv -f UTF-8 -t UTF-16LE >> "$T/odd.txt"
head -c -1 "$T/odd.txt" > "$T/odd2.txt"
run 2 "$T/odd2.txt:3: error: odd number of bytes" "$T/odd2.txt"

# a .reg export cut in the middle of a continued hex value
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\n"a"=hex:01,02,\\\n' > "$T/cut.reg"
run 2 "$T/cut.reg:4:.*error: unterminated value 'a'" "$T/cut.reg"

# a netsh text with a 10 MB line in a record
{ printf 'SSL Certificate bindings:\n\n    IP:port : 0.0.0.0:8443\n    Ctl Store Name : '
  head -c 10485760 /dev/zero | tr '\0' 'x'; printf '\n'; } > "$T/long.txt"
run 1 "2 bindings" "$T/long.txt"

# an element with 200,000 attributes: refused at its line before libxml2 reads it
{ printf '<?xml version="1.0"?>\n<configuration>\n<system.applicationHost>\n<sites>\n'
  printf '<site name="A" id="1">\n<bindings>\n<binding protocol="https" bindingInformation="*:443:"'
  seq 200000 | sed 's/.*/ a&="1"/' | tr -d '\n'
  printf ' />\n</bindings>\n</site>\n</sites>\n</system.applicationHost>\n</configuration>\n'
} > "$T/crowded.config"
run 2 "$T/crowded.config:7: error: element <binding> has 200002 attributes: more than 1000, refused" "$T/crowded.config"

# NUL bytes in UTF-8 text
printf 'SSL Certificate bindings:\n\n    IP:port : 0.0.0.0:8443\n    Ctl \000Store Name : x\n' > "$T/nul.txt"
run 2 "$T/nul.txt:4: error: NUL byte in text" "$T/nul.txt"

# malformed JSON
printf '[\n {"Thumbprint": "5226dc6c54559761cd471b86eb51c096252c90f2",\n  ...\n]\n' > "$T/My.json"
run 2 "$T/My.json:3:.*error: malformed JSON" "$T/My.json"

# a directory with no inputs
mkdir "$T/nothing" && echo "hello" > "$T/nothing/readme.txt"
run 2 "$T/nothing: error: no inputs found" "$T/nothing"

# a path that does not exist
run 2 "$T/missing.txt: error: cannot read" "$T/missing.txt"

# inputs are never changed: bytes and times before and after
cp -p fixtures/demo/netsh-sslcert.txt fixtures/demo/schannel.reg "$T/"
before=$(stat -c '%s %Y %X' "$T/netsh-sslcert.txt" "$T/schannel.reg"; md5sum "$T/netsh-sslcert.txt" "$T/schannel.reg")
sleep 1
"$BIN" --now 2026-01-01T00:00:00Z "$T/netsh-sslcert.txt" "$T/schannel.reg" > /dev/null 2>&1
after=$(stat -c '%s %Y %X' "$T/netsh-sslcert.txt" "$T/schannel.reg"; md5sum "$T/netsh-sslcert.txt" "$T/schannel.reg")
# the access time may change on read; size, mtime and content may not
[ "$(echo "$before" | cut -d' ' -f1,2)" = "$(echo "$after" | cut -d' ' -f1,2)" ] && ok || no "inputs changed"

# -o: an unwritable target gives exit 2 and leaves nothing behind
"$BIN" --now 2026-01-01T00:00:00Z -o /proc/nonexistent/report.json fixtures/demo > "$T/out" 2>&1
[ $? = 2 ] && grep -q "cannot write" "$T/out" && ok || no "-o to an unwritable path"
# -o onto a full disk: exit 2, the previous report is kept
if [ -w /dev/full ]; then
	"$BIN" --now 2026-01-01T00:00:00Z -o "$T/report.txt" fixtures/demo > /dev/null 2>&1
	cp "$T/report.txt" "$T/report.prev"
	"$BIN" --now 2026-01-01T00:00:00Z > /dev/full fixtures/demo 2> "$T/err"
	[ $? = 2 ] && grep -q "cannot write the report" "$T/err" && ok || no "stdout to a full disk"
fi
"$BIN" --now 2026-01-01T00:00:00Z --format json -o "$T/report.json" fixtures/demo
[ $? = 1 ] && [ "$(ls "$T" | grep -c 'report.json.tmp')" = 0 ] && ok || no "-o leaves a temporary file"

# -o interrupted mid-write: the previous report stays whole, or the new
# one is complete; no temporary file is left behind (SIGTERM is caught)
mkdir "$T/big"
cp fixtures/rules/SCL001/fires/schannel.reg "$T/big/"
awk 'BEGIN { print "SSL Certificate bindings:\n-------------------------\n";
	for (i = 1; i <= 20000; i++) {
		printf "    Hostname:port                : site%05d.example.net:443\n", i
		print "    Certificate Hash             : 846762724f99a530cae257c8d18ceafb46723cd2"
		print "    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}"
		print "    Certificate Store Name       : My"
		print "    Ctl Store Name               : (null)"
		print "    Negotiate Client Certificate : Disabled\n"
	} }' > "$T/big/netsh-sslcert.txt"
printf 'previous report\n' > "$T/big-report.txt"
interrupted=0
for delay in 0.05 0.1 0.2 0.3 0.5; do
	cp "$T/big-report.txt" "$T/prev.txt" 2>/dev/null
	"$BIN" --now 2026-01-01T00:00:00Z -o "$T/big-report.txt" "$T/big" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -TERM $pid 2>/dev/null && interrupted=$((interrupted + 1))
	wait $pid 2>/dev/null
	if cmp -s "$T/big-report.txt" "$T/prev.txt" || tail -n 1 "$T/big-report.txt" | grep -q "inputs, "; then
		ok
	else
		no "-o interrupted after ${delay}s left a partial report"
	fi
	[ -z "$(ls "$T" | grep 'big-report.txt.tmp')" ] && ok || no "-o interrupted after ${delay}s left a temporary file"
done
[ $interrupted -gt 0 ] || echo "note: every run finished before its signal; the interruption was not exercised"

echo "inputs: $pass passed, $fail failed"
[ $fail = 0 ]
