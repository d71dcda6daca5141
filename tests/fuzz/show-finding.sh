#!/bin/sh
# After a fuzzer failed: each input it saved, in base64, so that a finding
# in a CI log whose build directory is gone can still be replayed
#   base64 -d > crash && build/fuzz_<kind> crash
# then the end of its log (the stack), and last, where a log excerpt that
# keeps only the tail still shows it, the linter's or sanitizer's message.
set -u
prefix=$1
name=$(basename "$prefix")
for f in "$prefix"-*; do
	[ -f "$f" ] || continue
	echo "fuzz: $name saved $f ($(wc -c < "$f") bytes), base64:"
	head -c 49152 "$f" | base64 -w 76
done
echo "fuzz: the end of $prefix.log:"
grep -v -E '^#[0-9]+|^[[:space:]]*"|Recommended dictionary|End of recommended' "$prefix.log" | tail -n 30
echo "fuzz: $name failed:"
grep -E '^(model_check|BUG|fatal):|runtime error|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|^SUMMARY' \
	"$prefix.log" | head -n 8 | cut -c1-400
exit 0
