#!/bin/sh
# --jobs gives the same report as one thread on a dump big enough to be
# decoded in several chunks (parse_certjson.c: RAW_CHUNK certificates
# each): 300 certificates built from fixtures/story, with broken RawData,
# bad thumbprints and duplicates mixed in, so diagnostics come from every
# chunk.  Run from the repository root (make check-jobs).
set -u
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp/many.json" <<'PY' || { echo "jobs: cannot build the dump"; exit 2; }
import glob, json, sys
certs = []
for f in sorted(glob.glob("fixtures/story/*.json")):
    raw = open(f, "rb").read()
    doc = json.loads(raw.decode("utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"))
    if isinstance(doc, dict) and "certificates" in doc:
        doc = doc["certificates"]
    for c in doc if isinstance(doc, list) else [doc]:
        if isinstance(c, dict) and c.get("Thumbprint"):
            certs.append(c)
out = []
for i in range(300):
    c = dict(certs[i % len(certs)])
    if i % 7 == 3:
        c["RawData"] = [1, 2, 3]              # not a certificate
    elif i % 11 == 5:
        c["Thumbprint"] = "%040x" % i         # not the SHA-1 of RawData
    out.append(c)                             # the rest: duplicates, warned once each
json.dump(out, open(sys.argv[1], "w"), indent=2)
PY
pass=0 fail=0
for fmt in text json sarif; do
	./sslcertlint --now 2026-01-01T00:00:00Z --jobs 1 --format $fmt "$tmp/many.json" > "$tmp/j1" 2>&1
	rc1=$?
	for jobs in 2 3 8; do
		./sslcertlint --now 2026-01-01T00:00:00Z --jobs $jobs --format $fmt "$tmp/many.json" > "$tmp/jn" 2>&1
		rc=$?
		if [ $rc = $rc1 ] && cmp -s "$tmp/j1" "$tmp/jn"; then
			pass=$((pass + 1))
		else
			echo "FAIL $fmt --jobs $jobs (exit $rc, one thread: $rc1):"
			diff -u "$tmp/j1" "$tmp/jn" | head -20
			fail=$((fail + 1))
		fi
	done
done
# the dump must really give diagnostics from all over it, or this proves nothing
n=$(grep -c 'not a DER certificate\|is not the SHA-1\|listed twice' "$tmp/j1")
if [ "$n" -lt 250 ]; then
	echo "FAIL the dump gave only $n certificate diagnostics"
	fail=$((fail + 1))
fi
echo "jobs: $pass passed, $fail failed ($n certificate diagnostics)"
[ $fail = 0 ]
