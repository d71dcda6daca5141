#!/bin/sh
# A hostile repository of exports must not make the linter read outside
# the snapshot, hang CI or damage the machine.  Each case is built in a
# temporary folder (links, FIFOs, sockets and devices are made there,
# never at their real places), and every run has a time limit: a hang
# is a failure, not a stuck CI job.  The device cases need root
# (mknod); without it they are left out, with a note.
# Run from the repository root (make check-hostile-fs); SSLCERTLINT=PATH
# runs another build (e.g. an older one, to see the cases fail).
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=${SSLCERTLINT:-$(pwd)/sslcertlint}
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { echo "FAIL: $*"; fail=$((fail + 1)); }
GOOD=$(pwd)/fixtures/rules/SCL001/fires

# lint OUT ARG...: the linter, 10 s at most, stdout and stderr to OUT; $rc its exit
lint() {
	out=$1
	shift
	timeout 10 "$BIN" --now 2026-01-01T00:00:00Z --color never "$@" > "$out" 2>&1
	rc=$?
	[ $rc = 124 ] && echo "    (timed out: the linter hung)"
	return 0
}
# lint_in DIR OUT ARG...: lint, run in DIR
lint_in() {
	dir=$1 out=$2
	shift 2
	(cd "$dir" && exec timeout 10 "$BIN" --now 2026-01-01T00:00:00Z --color never "$@") > "$out" 2>&1
	rc=$?
	[ $rc = 124 ] && echo "    (timed out: the linter hung)"
	return 0
}
# expect DESC CODE PATTERN FILE: exit $rc is CODE and FILE has a line matching PATTERN
expect() {
	if [ "$rc" != "$2" ]; then
		no "$1: exit $rc, expected $2"; sed 's/^/    /' "$4" | head -5
	elif ! grep -q -- "$3" "$4"; then
		no "$1: no line matching '$3'"; sed 's/^/    /' "$4" | head -5
	else
		ok
	fi
}
json() { $PY -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
# schema_ok DESC FILE: FILE is a JSON report valid against the schema
schema_ok() {
	$PY - schemas/report.schema.json "$2" <<'PY' && ok || no "$1: the JSON report does not match the schema"
import json, sys
from jsonschema import Draft202012Validator
schema, doc = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
errors = list(Draft202012Validator(schema).iter_errors(doc))
for e in errors:
    print("    /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message))
sys.exit(1 if errors else 0)
PY
}
have_mknod=0
mknod "$T/probe" c 1 3 2> /dev/null && have_mknod=1 && rm -f "$T/probe"
[ $have_mknod = 1 ] || echo "note: mknod failed (not root?): the device cases are left out"


# ---- FIFOs and devices named on the command line, or as the configuration ----
mkfifo "$T/pipe"
lint "$T/out" "$GOOD" "$T/pipe"
expect "a FIFO named on the command line" 2 "^$T/pipe: error: cannot read file: a FIFO, not a regular file" "$T/out"
if [ $have_mknod = 1 ]; then
	mknod "$T/zero" c 1 5              # /dev/zero's numbers, in the temporary folder
	lint "$T/out" "$GOOD" "$T/zero"
	expect "a device named on the command line" 2 "^$T/zero: error: cannot read file: a character device, not a regular file" "$T/out"
fi
lint "$T/out" --config "$T/pipe" "$GOOD"
expect "--config naming a FIFO" 2 "^$T/pipe: error: cannot read the configuration: a FIFO, not a regular file" "$T/out"
mkdir "$T/cwd"
cp -R "$GOOD" "$T/cwd/snap"
mkfifo "$T/cwd/.sslcertlint.json"
lint_in "$T/cwd" "$T/out" snap
expect "a .sslcertlint.json that is a FIFO" 2 "^.sslcertlint.json: error: cannot read the configuration: a FIFO, not a regular file" "$T/out"
# one found above the inputs that is a link is not followed, to a file or a FIFO
rm "$T/cwd/.sslcertlint.json"
printf '{"rules": {"SCL001": {"enabled": false}}}\n' > "$T/elsewhere.json"
ln -s "$T/elsewhere.json" "$T/cwd/.sslcertlint.json"
lint_in "$T/cwd" "$T/out" snap
expect "a .sslcertlint.json that is a link" 2 "^.sslcertlint.json: error: cannot read the configuration: a symbolic link, not followed" "$T/out"
if grep -q "SCL001 ctl-store-missing" "$T/out"; then ok; else no "the linked configuration turned SCL001 off"; fi
rm "$T/cwd/.sslcertlint.json"
ln -s "$T/pipe" "$T/cwd/.sslcertlint.json"
lint_in "$T/cwd" "$T/out" snap
expect "a .sslcertlint.json that is a link to a FIFO" 2 "^.sslcertlint.json: error: cannot read the configuration: a symbolic link, not followed" "$T/out"
lint "$T/out" --baseline "$T/pipe" "$GOOD"
expect "--baseline naming a FIFO" 2 "cannot read the baseline: a FIFO, not a regular file" "$T/out"

# a file outside every snapshot, which the linter would read as an input
mkdir "$T/outside"
sed 's/pki\.example\.org/secret.outside.example/g' "$GOOD/netsh-sslcert.txt" > "$T/outside/netsh-sslcert.txt"
cp "$GOOD/schannel.reg" "$T/outside/"

# ---- symbolic links in a snapshot are listed as skipped, never followed ----
mkdir "$T/snap"
cp "$GOOD"/* "$T/snap/"
ln -s "$T/outside/netsh-sslcert.txt" "$T/snap/zz-netsh.txt"
ln -s "$T/outside" "$T/snap/zz-dir"
ln -s /proc/kmsg "$T/snap/zz-kmsg"
lint "$T/out" "$T/snap"
expect "link to a file in a snapshot" 1 "^$T/snap/zz-netsh.txt: note: skipped: a symbolic link, not followed" "$T/out"
expect "link to a folder in a snapshot" 1 "^$T/snap/zz-dir: note: skipped: a symbolic link, not followed" "$T/out"
expect "link to /proc/kmsg in a snapshot" 1 "^$T/snap/zz-kmsg: note: skipped: a symbolic link, not followed" "$T/out"
grep -q 'secret.outside.example' "$T/out" && no "a file outside the snapshot was read through a link" || ok
lint "$T/out.json" --format json "$T/snap"
r=$(json "$T/out.json" '" ".join(sorted("%s=%s" % (i["path"].rsplit("/", 1)[1], i.get("skipReason")) for i in d["inputs"] if i.get("skipped")))' 2> /dev/null)
[ "$r" = "zz-dir=symlink zz-kmsg=symlink zz-netsh.txt=symlink" ] && ok || no "JSON skipped inputs: '$r'"
schema_ok "links in a snapshot" "$T/out.json"
# a path named on the command line may be a link (followed, as before)
ln -s "$GOOD" "$T/good-link"
lint "$T/out" "$T/good-link"
expect "a linked snapshot named on the command line" 1 "SCL001 ctl-store-missing" "$T/out"

# FIFOs, sockets and devices in a snapshot are listed as skipped, never opened
mkdir "$T/snap2"
cp "$GOOD"/* "$T/snap2/"
mkfifo "$T/snap2/pipe.txt"
$PY -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/snap2/sock.txt"
[ $have_mknod = 1 ] && mknod "$T/snap2/zero.reg" c 1 5
lint "$T/out" "$T/snap2"
expect "a FIFO in a snapshot" 1 "^$T/snap2/pipe.txt: note: skipped: a FIFO, not a regular file" "$T/out"
expect "a socket in a snapshot" 1 "^$T/snap2/sock.txt: note: skipped: a socket, not a regular file" "$T/out"
[ $have_mknod = 1 ] &&
	expect "a device in a snapshot" 1 "^$T/snap2/zero.reg: note: skipped: a character device, not a regular file" "$T/out"
lint "$T/out.json" --format json "$T/snap2"
r=$(json "$T/out.json" '" ".join(sorted("%s=%s" % (i["path"].rsplit("/", 1)[1], i.get("skipReason")) for i in d["inputs"] if i.get("skipped")))' 2> /dev/null)
want="pipe.txt=fifo sock.txt=socket"
[ $have_mknod = 1 ] && want="$want zero.reg=character-device"
[ "$r" = "$want" ] && ok || no "JSON skipped inputs: '$r'"
schema_ok "FIFOs, sockets and devices in a snapshot" "$T/out.json"

# ---- fleets: a host folder that is a link is not linted ----
mkdir "$T/fleet"
cp -r fixtures/story "$T/fleet/web01"
cp -r fixtures/story-fixed "$T/fleet/web02"
rm "$T/fleet/web02/snapshot.json"
ln -s "$T/outside" "$T/fleet/evil"
lint_in "$T" "$T/fleet.txt" --fleet fleet
expect "a fleet host folder that is a link" 1 "^fleet/evil: note: a symbolic link, not followed: not linted as a host" "$T/fleet.txt"
grep -q '^== evil\|secret.outside.example' "$T/fleet.txt" && no "a linked fleet folder was linted" || ok

# ---- directories nested past the walker's limit are named ----
deep="$T/deep"
i=0
while [ $i -lt 40 ]; do deep="$deep/d"; i=$((i + 1)); done
mkdir -p "$deep"
cp "$GOOD"/* "$T/deep/"
cp "$GOOD/schannel.reg" "$deep/"
lint "$T/out" "$T/deep"
# the top directory is level 0: level 33 is the first not searched, and the only one named
limit="$T/deep$(printf '/d%.0s' $(seq 33))"
expect "a directory nested too deep" 1 "^$limit: note: directory nested deeper than 32 levels: not searched" "$T/out"
[ "$(grep -c 'nested deeper' "$T/out")" = 1 ] && ok || no "directories nested too deep: not one note"

# ---- -o: devices and FIFOs are written to, never replaced; no input is overwritten ----
if [ $have_mknod = 1 ]; then
	mknod "$T/null" c 1 3              # /dev/null's numbers, in the temporary folder
	lint "$T/out" -o "$T/null" "$GOOD"
	[ $rc = 1 ] && [ -c "$T/null" ] && ok || no "-o onto a character device: exit $rc, now a $(stat -c %F "$T/null")"
fi
# a link where the report goes is replaced, never followed onto what it names
if [ $have_mknod = 1 ]; then
	ln -s "$T/null" "$T/report-link"
	lint "$T/out" -o "$T/report-link" "$GOOD"
	[ $rc = 1 ] && [ -f "$T/report-link" ] && [ ! -L "$T/report-link" ] && [ -c "$T/null" ] && ok ||
		no "-o onto a link to a device: exit $rc, now a $(stat -c %F "$T/report-link")"
fi
# the system's own links to standard output are followed, and written in place
timeout 10 "$BIN" --now 2026-01-01T00:00:00Z -o /proc/self/fd/1 "$GOOD" > "$T/stdout" 2> "$T/out"
rc=$?
expect "-o /proc/self/fd/1" 1 "SCL001 ctl-store-missing" "$T/stdout"
mkdir "$T/report-dir"
lint "$T/out" -o "$T/report-dir" "$GOOD"
expect "-o naming a directory" 2 "cannot write '$T/report-dir': a directory, not a regular file" "$T/out"
[ -z "$(ls "$T" | grep 'report-dir.tmp')" ] && ok || no "-o naming a directory left a temporary file"
mkfifo "$T/report.fifo"
timeout 10 cat "$T/report.fifo" > "$T/from-fifo" &
reader=$!
lint "$T/out" -o "$T/report.fifo" "$GOOD"
wait $reader
[ $rc = 1 ] && [ -p "$T/report.fifo" ] && grep -q 'SCL001 ctl-store-missing' "$T/from-fifo" && ok ||
	no "-o onto a FIFO: exit $rc, now a $(stat -c %F "$T/report.fifo"), $(wc -c < "$T/from-fifo") bytes read from it"
mkdir "$T/in"
cp "$GOOD"/* "$T/in/"
sums=$(md5sum "$T/in/schannel.reg" "$T/in/netsh-sslcert.txt")
lint "$T/out" -o "$T/in/schannel.reg" "$T/in"
expect "-o naming a file found in a snapshot folder" 2 "^sslcertlint: cannot write the report to '$T/in/schannel.reg': it is the input '$T/in/schannel.reg'" "$T/out"
ln "$T/in/netsh-sslcert.txt" "$T/hard.txt"
lint "$T/out" -o "$T/hard.txt" "$T/in/schannel.reg" "$T/in/netsh-sslcert.txt"
expect "-o naming an input under another name (a hard link)" 2 "^sslcertlint: cannot write the report to '$T/hard.txt': it is the input '$T/in/netsh-sslcert.txt'" "$T/out"
[ "$(md5sum "$T/in/schannel.reg" "$T/in/netsh-sslcert.txt")" = "$sums" ] && ok || no "-o overwrote an input"
printf '{}\n' > "$T/cfg.json"
lint "$T/out" --config "$T/cfg.json" -o "$T/cfg.json" "$GOOD"
expect "-o naming the configuration" 2 "^sslcertlint: cannot write the report to '$T/cfg.json': it is the input '$T/cfg.json'" "$T/out"
[ "$(cat "$T/cfg.json")" = '{}' ] && ok || no "-o overwrote the configuration"
# a report replaced keeps its permission bits
printf 'previous report\n' > "$T/report.txt"
chmod 640 "$T/report.txt"
lint "$T/out" -o "$T/report.txt" "$GOOD"
[ $rc = 1 ] && [ "$(stat -c %a "$T/report.txt")" = 640 ] && grep -q 'SCL001 ctl-store-missing' "$T/report.txt" && ok ||
	no "-o onto a 640 report: exit $rc, mode $(stat -c %a "$T/report.txt")"

# ---- fleets: two folders claiming one host name ----
cp -r fixtures/story "$T/fleet/aaa-new"      # claims WEB01 too, and sorts first
lint_in "$T" "$T/fleet.txt" --fleet fleet
expect "two fleet folders claiming one host" 2 "^fleet/web01: error: host name 'WEB01' of 'fleet/web01' is also that of 'fleet/aaa-new'" "$T/fleet.txt"
grep -q '^== WEB01 (fleet/' "$T/fleet.txt" && no "a folder took the host name WEB01 claimed twice" || ok
grep -q '^== WEB01 (aaa-new) (fleet/aaa-new) ==' "$T/fleet.txt" && grep -q '^== WEB01 (web01) (fleet/web01) ==' "$T/fleet.txt" && ok ||
	no "the two WEB01 folders are not reported apart"
# host names compare without case, as Windows compares them
sed 's/WEB01/web01/' fixtures/story/snapshot.json > "$T/fleet/aaa-new/snapshot.json"
lint_in "$T" "$T/fleet2.txt" --fleet fleet
expect "two fleet folders claiming one host in other cases" 2 "^fleet/web01: error: host name 'WEB01' of 'fleet/web01' is also that of 'fleet/aaa-new'" "$T/fleet2.txt"
for fmt in text json sarif; do
	lint_in "$T" "$T/j1.$fmt" --fleet fleet --format $fmt --jobs 1
	lint_in "$T" "$T/j4.$fmt" --fleet fleet --format $fmt --jobs 4
	cmp -s "$T/j1.$fmt" "$T/j4.$fmt" && ok || no "fleet $fmt report differs between --jobs 1 and 4"
done

echo "hostile-fs: $pass passed, $fail failed"
[ $fail = 0 ]
