#!/bin/sh
# Golden-file tests of the whole binary (STYLE R9): every snapshot folder
# under fixtures/ (a leaf folder, outside fixtures/parse) is linted, and
# the text report followed by the exit code, and the JSON report, must equal
# the files beside the folder, DIR.expected.txt and DIR.expected.json,
# byte for byte.  (Beside, not inside: the folder is the snapshot, and
# the linter reads every file in it.)
#
# The CI formats and -q on a few of them (FORMAT_DIRS), and on one fleet
# (FLEET, its folders the hosts; reports named FLEET.fleet.expected.*):
#   DIR.expected.github   --format github
#   DIR.expected.gitlab   --format gitlab (JSON; not .json, which
#                         tests/json-schema.sh takes for a JSON report)
#   DIR.expected.junit    --format junit (XML)
#   DIR.expected.quiet    the text report with -q, and the exit code
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
FORMAT_DIRS="fixtures/demo fixtures/story"
FLEET=fixtures/rules/SCL001
update=0
[ "${1:-}" = --update ] && update=1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

run() {   # run TARGET FORMAT [OPTION...] > file: the report (TARGET a folder, or --fleet=DIR);
	  # the text ones end with "# exit N"
	target=$1 fmt=$2
	shift 2
	args="$*"
	[ -f "$target.args" ] && args="$args $(cat "$target.args")"
	case $fmt in
	quiet) set -- --format text -q ;;
	*) set -- --format "$fmt" ;;
	esac
	# shellcheck disable=SC2086
	$BIN --now "$NOW" --color never "$@" $args "$target" 2>&1
	rc=$?
	case $fmt in text|quiet) echo "# exit $rc" ;; esac
	return 0
}

golden() {   # golden EXPECTED TARGET FORMAT [OPTION...]: compare (or rewrite) one report
	exp=$1
	shift
	run "$@" > "$tmp/actual"
	if [ $update = 1 ]; then
		cp "$tmp/actual" "$exp"
		return
	fi
	if [ ! -f "$exp" ]; then
		echo "FAIL $exp: missing (run make golden and review)"
		fail=$((fail + 1))
	elif cmp -s "$exp" "$tmp/actual"; then
		pass=$((pass + 1))
		# the same report whatever the number of threads
		for jobs in 1 5; do
			run "$@" --jobs $jobs > "$tmp/actual-j"
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
}

for dir in $(find fixtures -mindepth 1 -type d ! -path 'fixtures/parse*' | sort); do
	# leaf folders only
	[ -n "$(find "$dir" -mindepth 1 -maxdepth 1 -type d)" ] && continue
	golden "$dir.expected.txt" "$dir" text
	golden "$dir.expected.json" "$dir" json
done
for dir in $FORMAT_DIRS; do
	for fmt in github gitlab junit quiet; do
		golden "$dir.expected.$fmt" "$dir" $fmt
	done
done
for fmt in github gitlab junit quiet; do
	golden "$FLEET.fleet.expected.$fmt" "--fleet=$FLEET" $fmt
done
[ $update = 1 ] && { echo "golden: expected files rewritten; review with git diff"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
