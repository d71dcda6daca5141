#!/bin/sh
# The README's examples are what the tool prints: every fenced block that
# starts with "$ ./sslcertlint ..." is run (from the top of the sources,
# as the README says) and its output compared with the lines shown.
#
# A line that is only "..." (indented or not) stands for one or more
# output lines left out; every other line must be the output's, in
# order, and the block shows the output to its end (end it with "..."
# to leave the rest out).  Only ./sslcertlint commands are run, as
# words split at spaces (no shell).
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
. tests/check-lib.sh
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

/usr/bin/python3 - README.md "$T" <<'PYEOF' > "$T/results"
import re, subprocess, sys

readme, tmp = sys.argv[1], sys.argv[2]
lines = open(readme, encoding="utf-8").read().split("\n")

def blocks():
    """(line number, command, shown output lines) of each ``` block starting with '$ ./sslcertlint'."""
    i = 0
    while i < len(lines):
        if lines[i] == "```" and i + 1 < len(lines) and lines[i + 1].startswith("$ ./sslcertlint "):
            j = i + 2
            while lines[j] != "```":
                j += 1
            yield i + 2, lines[i + 1][2:], lines[i + 2:j]
            i = j
        i += 1

def matches(shown, out):
    """Whether out (lines) is shown, "..." standing for one or more lines."""
    pattern = "".join(r"(?:[^\n]*\n)+?" if l.strip() == "..." else re.escape(l + "\n") for l in shown)
    return re.fullmatch(pattern, "".join(l + "\n" for l in out)) is not None

for n, cmd, shown in blocks():
    argv = cmd.split(" ")
    res = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = res.stdout.decode("utf-8").rstrip("\n").split("\n")
    ok = matches(shown, out)
    print("%s\t%s/actual-%d\tREADME.md:%d: %s (%d lines shown, %d printed, exit %d)" %
          ("ok" if ok else "FAIL", tmp, n, n, cmd, len(shown), len(out), res.returncode))
    if not ok:
        with open("%s/actual-%d" % (tmp, n), "w") as f:
            f.write("".join(l + "\n" for l in out))
PYEOF
check "the README's examples were read" [ $? = 0 ]

nr=$(grep -c . "$T/results")
check "the README has an example to check (the quick start)" [ "$nr" -ge 1 ]
while IFS='	' read -r status actual what; do
	CHECK_SHOW=$actual check "$what" [ "$status" = ok ]
done < "$T/results"

finish readme
