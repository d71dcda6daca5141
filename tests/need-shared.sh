# Sourced by the tests that read ../shared (the real corpus, check-sarif):
# CI lays shared/ beside the clone, a clone of the project alone has none.
#
# need_shared NAME PATH: returns 0 when PATH is there.  Otherwise prints
# "NAME: skipped: PATH not present" and returns 1 — or, when .ci/run has
# set SSLCERTLINT_REQUIRE_SHARED=1, says it is missing and exits 2.
need_shared() {
	[ -e "$2" ] && return 0
	if [ "${SSLCERTLINT_REQUIRE_SHARED:-}" = 1 ]; then
		echo "$1: $2 is required (SSLCERTLINT_REQUIRE_SHARED=1) but not present"
		exit 2
	fi
	echo "$1: skipped: $2 not present"
	return 1
}
