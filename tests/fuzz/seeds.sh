#!/bin/sh
# Seeds a fuzz corpus for one input kind: every fixture and real corpus
# file the linter recognises as that kind, and every file of
# tests/fuzz/regressions/<kind>/ (crashes found before, kept).
set -u
kind=$1 out=$2
cd "$(dirname "$0")/../.." || exit 2
mkdir -p "$out"
if [ "$kind" != config ]; then
	find fixtures ../shared/corpus -type f 2>/dev/null | while read -r f; do
		k=$(./sslcertlint --format json --now 2026-01-01 "$f" 2>/dev/null |
			sed -n 's/.*"kind": "\([a-z]*\)".*/\1/p' | head -n 1)
		[ "$k" = "$kind" ] && cp "$f" "$out/$(echo "$f" | tr '/' '_')"
	done
fi
if [ -d "tests/fuzz/regressions/$kind" ]; then
	cp tests/fuzz/regressions/"$kind"/* "$out/" 2>/dev/null
fi
exit 0
