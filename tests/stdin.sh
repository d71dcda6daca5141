#!/bin/sh
# "-" reads one input from standard input, "-o -" writes the report to
# standard output: the same findings as the file itself, the same size
# limit, the same bytes as no -o at all.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
. tests/check-lib.sh
BIN=$(pwd)/sslcertlint
PY=/usr/bin/python3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
lint() { "$BIN" --now 2026-01-01T00:00:00Z --color never "$@"; }

# The JSON report of a run with one file piped, made comparable with the
# report of the same files named on the command line: "<stdin>" put back
# as the file's path wherever a path stands, and the findings and input
# problems (sorted by file name, which changed) in a canonical order.
same_as_file() {   # same_as_file FILE BYPATH.json BYSTDIN.json
	$PY - "$@" <<'PYEOF'
import json, sys
path, by_path, by_stdin = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def put_back(v):
    if isinstance(v, dict):
        return {k: put_back(x) for k, x in v.items()}
    if isinstance(v, list):
        return [put_back(x) for x in v]
    return path if v == "<stdin>" else v
def canon(d):
    for k in ("findings", "errors"):
        d[k] = sorted(d[k], key=lambda x: json.dumps(x, sort_keys=True))
    return d
seen = json.dumps(by_stdin).count('"<stdin>"')
if seen == 0 or path in json.dumps(by_stdin):
    sys.exit("the piped file is not named <stdin> in the report")
sys.exit(canon(put_back(by_stdin)) != canon(by_path))
PYEOF
}

# 1. every input file of every fixture snapshot, piped while the rest of
# its snapshot is named: the findings its content takes part in (the
# joins across files included) are the file's own
files=0 findings=0
for d in fixtures/demo fixtures/story fixtures/story-fixed fixtures/rules/*/*/; do
	d=${d%/}
	[ -d "$d" ] || continue
	set -- $(find "$d" -maxdepth 1 -type f | sort)
	for f in "$@"; do
		args=""
		for g in "$@"; do
			if [ "$g" = "$f" ]; then args="$args -"; else args="$args $g"; fi
		done
		lint --format json "$@" > "$T/path.json"
		rc_path=$?
		lint --format json $args < "$f" > "$T/stdin.json"
		rc_stdin=$?
		check "$f piped: same exit code ($rc_path)" [ "$rc_path" = "$rc_stdin" ]
		check "$f piped: same report but for its name" same_as_file "$f" "$T/path.json" "$T/stdin.json"
		files=$((files + 1))
		findings=$((findings + $($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$T/path.json")))
	done
done
# the comparison above would pass on a linter that found nothing at all
check "piped $files fixture files, $findings findings compared (more than 100 of each)" \
	[ "$files" -gt 100 -a "$findings" -gt 100 ]

# the text report names it <stdin>, with its lines
lint fixtures/demo/netsh-sslcert.txt - < fixtures/demo/schannel.reg > "$T/out.txt"
check "text: a related line of the piped .reg names <stdin> and its line" \
	grep -q '^  <stdin>:5: SendTrustedIssuerList=1 is set here$' "$T/out.txt"

# a writer that takes its time, and a pipe left non-blocking by whoever made it
(sleep 1; cat fixtures/demo/schannel.reg) | lint --format json - fixtures/demo/netsh-sslcert.txt > "$T/slow.json"
lint --format json fixtures/demo/schannel.reg fixtures/demo/netsh-sslcert.txt > "$T/file.json"
check "a slow writer: read to its end" same_as_file fixtures/demo/schannel.reg "$T/file.json" "$T/slow.json"
$PY - "$BIN" fixtures/demo/schannel.reg > "$T/nonblock.json" <<'PYEOF'
import os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(r, False)
p = subprocess.Popen([sys.argv[1], "--now", "2026-01-01T00:00:00Z", "--format", "json", "-"], stdin=r)
os.close(r)
time.sleep(0.5)     # the linter finds nothing to read yet: EAGAIN
data = open(sys.argv[2], "rb").read()
os.write(w, data[:100]); time.sleep(0.2); os.write(w, data[100:]); os.close(w)
sys.exit(p.wait() not in (0, 1))
PYEOF
check "a non-blocking pipe: exit 0 or 1" [ $? = 0 ]
lint --format json fixtures/demo/schannel.reg > "$T/reg.json"
check "a non-blocking pipe: waited for, read to its end" same_as_file fixtures/demo/schannel.reg "$T/reg.json" "$T/nonblock.json"

# 2. --max-input-size applies as to files: one byte less than the input is too much
f=fixtures/demo/schannel.reg
size=$(wc -c < "$f")
lint --max-input-size "$((size - 1))" - < "$f" > "$T/big.txt"
check "over the limit: exit 2" [ $? = 2 ]
check "over the limit: said so" grep -q "^<stdin>: error: standard input is larger than the input limit of $((size - 1)) bytes; not read (see --max-input-size) \[input\]$" "$T/big.txt"
lint --max-input-size "$((size - 1))" "$f" > "$T/bigfile.txt"
check "over the limit: the file named is refused too" grep -q "^$f: error: file is larger than the input limit" "$T/bigfile.txt"
lint --max-input-size "$size" - < "$f" > "$T/fits.txt"
check "exactly the limit: read (exit 0)" [ $? = 0 ]
check "exactly the limit: read (no error)" grep -q "^0 errors, .* 1 input, 0 bindings" "$T/fits.txt"
head -c 100000000 /dev/zero | lint --max-input-size 1M - > "$T/endless.txt"
check "a stream far over the limit: exit 2 (stops reading)" [ $? = 2 ]

# 3. what is refused, and what is no input
lint - - < "$f" 2> "$T/twice.err"
check "'-' twice: exit 2" [ $? = 2 ]
check "'-' twice: usage error" grep -q "^sslcertlint: '-' (standard input) is given twice" "$T/twice.err"
lint --fleet - < "$f" 2> "$T/fleet.err"
check "--fleet -: exit 2" [ $? = 2 ]
check "--fleet -: usage error" grep -q "^sslcertlint: --fleet reads a directory of host folders, not standard input" "$T/fleet.err"
lint '<stdin>' 2> "$T/name.err"
check "a path '<stdin>': exit 2" [ $? = 2 ]
check "a path '<stdin>': usage error (it would pass for standard input)" grep -q "write './<stdin>'" "$T/name.err"
mkdir "$T/odd" && cp "$f" "$T/odd/<stdin>"
(cd "$T/odd" && lint './<stdin>' > out.txt)
check "a file named <stdin> is read as ./<stdin>" grep -q "^0 errors, .* 1 input," "$T/odd/out.txt"
echo "hello" | lint - > "$T/hello.txt"
check "unrecognised standard input: exit 2" [ $? = 2 ]
check "unrecognised standard input: said so" grep -q "^<stdin>:1: error: not a recognised input" "$T/hello.txt"
lint - < /dev/null > "$T/empty.txt"
check "empty standard input: an input error" grep -q "^<stdin>: error: file is empty" "$T/empty.txt"

# 4. -o -: standard output, byte for byte what no -o writes, with the same exit code
for fmt in text json sarif; do
	lint --format "$fmt" fixtures/demo > "$T/plain.$fmt" 2> "$T/plain.err"
	rc_plain=$?
	lint --format "$fmt" -o - fixtures/demo > "$T/dash.$fmt" 2> "$T/dash.err"
	rc_dash=$?
	check "-o - ($fmt): exit $rc_plain as without -o" [ "$rc_plain" = "$rc_dash" ] && [ "$rc_plain" = 1 ]
	check "-o - ($fmt): the same bytes" cmp -s "$T/plain.$fmt" "$T/dash.$fmt"
	check "-o - ($fmt): nothing on standard error (no brief, as for -o FILE)" [ ! -s "$T/dash.err" ]
done
check "-o -: no file named '-' written" [ ! -e ./- ]

# "-" is no file: a file named "-" in the working directory is not the input
# that -o would overwrite, and neither is a file named "<stdin>"
mkdir "$T/cwd" && : > "$T/cwd/report" && ln "$T/cwd/report" "$T/cwd/-" && ln "$T/cwd/report" "$T/cwd/<stdin>"
here=$(pwd)
(cd "$T/cwd" && lint -o report - < "$here/$f" 2> err.txt)
check "-o FILE, '-' and files named '-' and '<stdin>' that are FILE: exit 0" [ $? = 0 ]
check "-o FILE, '-' and files named '-' and '<stdin>' that are FILE: written" grep -q "^0 errors, .* 1 input, 0 bindings" "$T/cwd/report"

finish stdin
