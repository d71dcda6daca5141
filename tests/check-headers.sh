#!/bin/sh
# Rules see the read-only model only (STYLE R7): no rules/*.c includes,
# directly or through the headers it includes, what the parsers build
# the model with (linter/model_build.h) or the parser interface
# (linter/parse.h).  The preprocessor lists every header a rule pulls in,
# so a new #include in rule.h or model.h that reaches them fails too.
#   tests/check-headers.sh [CC [CPPFLAGS...]]
set -u
cd "$(dirname "$0")/.." || exit 2
CC=${1:-cc}
[ $# -gt 0 ] && shift
bad=0
for c in rules/*.c; do
	deps=$("$CC" -Ilinter "$@" -MM "$c") || { echo "check-headers: cannot preprocess $c"; exit 2; }
	for h in model_build.h parse.h; do
		case " $(echo "$deps" | tr '\\\n' '  ') " in
		*[/\ ]$h\ *)
			echo "check-headers: $c includes linter/$h (rules see the model through rule.h only)"
			bad=$((bad + 1)) ;;
		esac
	done
done
[ "$bad" = 0 ] || exit 1
echo "headers: no rule includes model_build.h or parse.h"
