# Sourced by the shell tests: counts checks and says how it went.
#   check NAME COMMAND...   a pass when COMMAND succeeds, else "FAIL: NAME"
#                           (and the first lines of $CHECK_SHOW, when set)
#   finish NAME             "NAME: N passed, N failed"; false on a failure
pass=0 fail=0
check() {
	name=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
		return
	fi
	echo "FAIL: $name"
	[ -n "${CHECK_SHOW:-}" ] && sed 's/^/    /' "$CHECK_SHOW" | head -8
	fail=$((fail + 1))
}
finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}
