#!/bin/sh
# The rule table, the rule files, their docs and their fixtures agree:
# every rules/<stem>.c (but registry.c) has a RULE(<stem>) line in
# rules/registry.def and the reverse, a rules/<stem>.md, and fixture
# snapshots fixtures/rules/<id>/fires*/ and quiet*/ with expected output.
set -u
cd "$(dirname "$0")/.." || exit 2
bad=0
say() { echo "check-registry: $*"; bad=$((bad + 1)); }

for c in rules/*.c; do
	stem=$(basename "$c" .c)
	[ "$stem" = registry ] && continue
	grep -q "^RULE($stem)\$" rules/registry.def || say "$c has no RULE($stem) line in rules/registry.def"
	[ -f "rules/$stem.md" ] || say "$c has no doc rules/$stem.md"
	grep -q "const struct rule rule_$stem = " "$c" || say "$c does not define rule_$stem"
	name=$(echo "$stem" | tr _ -)
	grep -q "\.name = \"$name\"" "$c" || say "$c: the rule's name must be \"$name\""
	id=$(sed -n 's/.*\.id = "\(SCL[0-9][0-9][0-9]\)".*/\1/p' "$c" | head -n 1)
	if [ -z "$id" ]; then
		say "$c has no .id = \"SCLnnn\""
		continue
	fi
	head -n 1 "rules/$stem.md" 2>/dev/null | grep -q "^# $id $name\$" || say "rules/$stem.md must start with '# $id $name'"
	ls -d "fixtures/rules/$id"/fires* >/dev/null 2>&1 || say "$id has no fixtures/rules/$id/fires*/ snapshot"
	ls -d "fixtures/rules/$id"/quiet* >/dev/null 2>&1 || say "$id has no fixtures/rules/$id/quiet*/ snapshot"
done
for stem in $(sed -n 's/^RULE(\(.*\))$/\1/p' rules/registry.def); do
	[ -f "rules/$stem.c" ] || say "rules/registry.def lists $stem, but rules/$stem.c does not exist"
done
ids=$(sed -n 's/.*\.id = "\(SCL[0-9]*\)".*/\1/p' rules/*.c | sort)
[ "$(echo "$ids" | uniq -d)" = "" ] || say "duplicate rule ids: $(echo "$ids" | uniq -d)"
sorted=$(sed -n 's/^RULE(\(.*\))$/\1/p' rules/registry.def | while read -r s; do
	sed -n 's/.*\.id = "\(SCL[0-9]*\)".*/\1/p' "rules/$s.c"; done)
[ "$sorted" = "$(echo "$sorted" | sort)" ] || say "rules/registry.def is not sorted by rule id"
[ $bad = 0 ] && echo "check-registry: $(grep -c '^RULE(' rules/registry.def) rules, docs and fixtures agree"
[ $bad = 0 ]
