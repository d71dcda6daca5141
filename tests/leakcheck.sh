#!/bin/sh
# valgrind over every fixture snapshot and every real corpus file: no
# invalid read or write, no use of uninitialised memory, nothing
# "definitely lost"; and two fleets (--fleet, threads).  Run from the
# repository root (make leakcheck).
set -u
cd "$(dirname "$0")/.." || exit 2
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
command -v valgrind > /dev/null || { echo "leakcheck: valgrind is not installed"; exit 2; }
pass=0 fail=0
# vg LABEL ARG...: sslcertlint ARG... under valgrind, counted as passed or failed
vg() {
	label=$1
	shift
	$VG ./sslcertlint --now 2026-01-01T00:00:00Z "$@" > /dev/null 2> leakcheck.log
	if [ $? = 99 ]; then
		echo "FAIL $label:"
		sed 's/^/    /' leakcheck.log | head -30
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
for target in $(find fixtures -mindepth 1 -type d ! -path 'fixtures/parse*' -links 2 | sort) \
	      $(find ../shared/corpus -type f ! -path '*/notes/*' 2>/dev/null | sort); do
	for fmt in text sarif; do
		vg "$target ($fmt)" --format $fmt "$target"
	done
done
# fleet mode: hosts linted on threads (each folder of fixtures/rules/SCL001 is a host)
for fleet in fixtures/rules/SCL001 fixtures/rules/SCL006; do
	vg "--fleet $fleet" --jobs 3 --format sarif --fleet "$fleet"
done
# the CI formats, on one fleet and the hostile snapshot
for fmt in github gitlab junit; do
	vg "--fleet fixtures/rules/SCL001 ($fmt)" --format $fmt --fleet fixtures/rules/SCL001
	vg "fixtures/hostile-text ($fmt)" --format $fmt fixtures/hostile-text
done
rm -f leakcheck.log
echo "leakcheck: $pass passed, $fail failed"
[ $fail = 0 ]
