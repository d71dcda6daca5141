#!/bin/sh
# Validates the JSON report against schemas/report.schema.json:
#   1. the schema itself against the draft 2020-12 metaschema;
#   2. every fixtures/**/DIR.expected.json (the golden JSON reports);
#   3. `./sslcertlint --format json` over every snapshot directory DIR
#      under fixtures/ that has one.
# Run from the repository root (make check-json-schema).  One line per
# file checked; exits non-zero on any failure.
#
# PYTHON must have the jsonschema module (Debian's python3-jsonschema);
# the python3 on PATH may be another build without it.

PYTHON=${PYTHON:-/usr/bin/python3}
SCHEMA=schemas/report.schema.json
LINTER=${LINTER:-./sslcertlint}
NOW=2026-01-01T00:00:00Z

# argv: schema file label; prints nothing when valid, each error otherwise
VALIDATE='
import json, sys
from jsonschema import Draft202012Validator
schema_file, doc_file, label = sys.argv[1:4]
with open(schema_file, encoding="utf-8") as f:
    schema = json.load(f)
try:
    with open(doc_file, encoding="utf-8") as f:
        doc = json.load(f)
except (OSError, ValueError) as e:
    print("%s: not JSON: %s" % (label, e))
    sys.exit(1)
errors = sorted(Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors:
    print("%s: /%s: %s" % (label, "/".join(str(p) for p in e.absolute_path), e.message))
sys.exit(1 if errors else 0)
'

CHECK_SCHEMA='
import json, sys
from jsonschema import Draft202012Validator
with open(sys.argv[1], encoding="utf-8") as f:
    Draft202012Validator.check_schema(json.load(f))
'

if ! "$PYTHON" -c 'import jsonschema' 2>/dev/null; then
	echo "json-schema: $PYTHON has no jsonschema module (apt-get install python3-jsonschema)" >&2
	exit 1
fi

failed=0
checked=0

if "$PYTHON" -c "$CHECK_SCHEMA" "$SCHEMA"; then
	echo "ok   $SCHEMA (draft 2020-12 metaschema)"
else
	echo "FAIL $SCHEMA (draft 2020-12 metaschema)"
	exit 1
fi

tmp=$(mktemp "${TMPDIR:-/tmp}/json-schema.XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# one path per line; fixture paths contain no newlines
expected=$(find fixtures -name '*.expected.json' -type f 2>/dev/null | LC_ALL=C sort)
if [ -z "$expected" ]; then
	echo "json-schema: no fixtures/**/*.expected.json yet; only the schema was checked"
	exit 0
fi

# split $expected at newlines only
IFS='
'
for f in $expected; do
	checked=$((checked + 1))
	if "$PYTHON" -c "$VALIDATE" "$SCHEMA" "$f" "$f"; then
		echo "ok   $f"
	else
		echo "FAIL $f"
		failed=$((failed + 1))
	fi
done

for f in $expected; do
	dir=${f%.expected.json}
	label="$LINTER --format json $dir"
	checked=$((checked + 1))
	"$LINTER" --now "$NOW" --format json "$dir" >"$tmp"
	rc=$?
	# 0: clean, 1: findings, 2: input errors (the report is still written)
	if [ "$rc" -gt 2 ]; then
		echo "FAIL $label (exit $rc)"
		failed=$((failed + 1))
	elif "$PYTHON" -c "$VALIDATE" "$SCHEMA" "$tmp" "$label"; then
		echo "ok   $label"
	else
		echo "FAIL $label"
		failed=$((failed + 1))
	fi
done

if [ "$failed" -ne 0 ]; then
	echo "json-schema: $failed of $checked failed"
	exit 1
fi
echo "json-schema: $checked passed"
