#!/bin/sh
# After a fuzzer failed: what it printed about the failure (the linter's
# own message, the stack) and each input it saved, in base64, so that a
# finding in a CI log whose build directory is gone can still be replayed:
#   base64 -d > crash && build/fuzz_<kind> crash
set -u
prefix=$1
echo "fuzz: $(basename "$prefix") failed; the end of $prefix.log:"
grep -v -E '^#[0-9]+|^[[:space:]]*"|Recommended dictionary|End of recommended' "$prefix.log" | tail -n 40
for f in "$prefix"-*; do
	[ -f "$f" ] || continue
	echo "fuzz: input saved as $f ($(wc -c < "$f") bytes), base64:"
	head -c 49152 "$f" | base64 -w 76
done
exit 0
