#!/bin/sh
# Golden-file tests of the whole binary (STYLE R9): every snapshot folder
# under fixtures/ (a leaf folder, outside fixtures/parse) is linted, and
# the text report followed by the exit code, and the JSON report, must equal
# the files beside the folder, DIR.expected.txt and DIR.expected.json,
# byte for byte.  (Beside, not inside: the folder is the snapshot, and
# the linter reads every file in it.)
#
#   tests/golden.sh            compare
#   tests/golden.sh --update   rewrite the expected files (review the diff!)
#
# A file DIR.args beside the folder may hold extra options (one line).
# Each report must also come out the same with --jobs 1 and --jobs 5.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
BIN=./sslcertlint
NOW=2026-01-01T00:00:00Z
update=0
[ "${1:-}" = --update ] && update=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

run() {   # run DIR FORMAT [OPTION...] > file: the report; the text one ends with "# exit N"
	dir=$1 fmt=$2
	shift 2
	args="$*"
	[ -f "$dir.args" ] && args="$args $(cat "$dir.args")"
	# shellcheck disable=SC2086
	$BIN --now "$NOW" --color never --format "$fmt" $args "$dir" 2>&1
	rc=$?
	[ "$fmt" = text ] && echo "# exit $rc"
	return 0
}

for dir in $(find fixtures -mindepth 1 -type d ! -path 'fixtures/parse*' | sort); do
	# leaf folders only
	[ -n "$(find "$dir" -mindepth 1 -maxdepth 1 -type d)" ] && continue
	for fmt in text json; do
		ext=txt
		[ "$fmt" = json ] && ext=json
		exp="$dir.expected.$ext"
		run "$dir" "$fmt" > "$tmp/actual"
		if [ $update = 1 ]; then
			cp "$tmp/actual" "$exp"
			continue
		fi
		if [ ! -f "$exp" ]; then
			echo "FAIL $exp: missing (run make golden and review)"
			fail=$((fail + 1))
		elif cmp -s "$exp" "$tmp/actual"; then
			pass=$((pass + 1))
			# the same report whatever the number of threads
			for jobs in 1 5; do
				run "$dir" "$fmt" --jobs $jobs > "$tmp/actual-j"
				cmp -s "$exp" "$tmp/actual-j" && continue
				echo "FAIL $exp with --jobs $jobs:"
				diff -u "$exp" "$tmp/actual-j" | head -20
				fail=$((fail + 1))
			done
		else
			echo "FAIL $exp:"
			diff -u "$exp" "$tmp/actual" | head -40
			fail=$((fail + 1))
		fi
	done
done
[ $update = 1 ] && { echo "golden: expected files rewritten; review with git diff"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
