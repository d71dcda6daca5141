#!/bin/sh
# make install / make uninstall into a temporary DESTDIR: the binary
# runs, the man page renders without warnings and covers every option
# of --help and every rule of --list-rules, the bash completion is valid
# and completes what the binary accepts.  Then --version: the commit of a
# git checkout, nothing outside one, and a new commit relinks.
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
. tests/check-lib.sh
SRC=$(pwd)
BIN=$SRC/sslcertlint
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# man-db's sandbox does not work in every container
export MAN_DISABLE_SECCOMP=1 MANWIDTH=80
version=$(sed -n 's/^#define SSLCERTLINT_VERSION "\(.*\)"$/\1/p' linter/version.h)

# ---- make install ----
R=$T/root
make -s install DESTDIR="$R" PREFIX=/usr > "$T/install.out" 2>&1
check "make install DESTDIR=... PREFIX=/usr succeeds" [ $? = 0 ]
CHECK_SHOW=$T/install.out check "nothing written outside DESTDIR/usr" \
	[ "$(cd "$R" && find . -type f | sort | tr '\n' ' ')" = "./usr/bin/sslcertlint ./usr/share/bash-completion/completions/sslcertlint ./usr/share/man/man1/sslcertlint.1 " ]
check "the binary is executable (755)" [ "$(stat -c %a "$R/usr/bin/sslcertlint")" = 755 ]
check "the man page and completion are 644" \
	[ "$(stat -c %a "$R/usr/share/man/man1/sslcertlint.1" "$R/usr/share/bash-completion/completions/sslcertlint" | tr '\n' ' ')" = "644 644 " ]
check "the installed binary runs: --version as the built one" \
	[ "$("$R/usr/bin/sslcertlint" --version)" = "$("$BIN" --version)" ]
case $("$R/usr/bin/sslcertlint" --version) in
"sslcertlint $version" | "sslcertlint $version (git "*")") ok=1 ;;
*) ok= ;;
esac
check "--version: 'sslcertlint $version' with or without '(git ...)'" [ -n "$ok" ]
"$R/usr/bin/sslcertlint" --now 2026-01-01T00:00:00Z fixtures/demo > "$T/demo.txt"
check "the installed binary lints the demo (exit 1, the finding)" [ $? = 1 ]

# ---- the man page ----
PAGE=$R/usr/share/man/man1/sslcertlint.1
groff -man -Tutf8 -ww -z "$PAGE" > "$T/groff.err" 2>&1
CHECK_SHOW=$T/groff.err check "groff -ww: no warnings" [ ! -s "$T/groff.err" ]
man --warnings -l "$PAGE" > "$T/page.txt" 2> "$T/man.err"
CHECK_SHOW=$T/man.err check "man -l: no warnings" [ ! -s "$T/man.err" ]
check "man -l renders it" [ -s "$T/page.txt" ]
# the two checks above would pass on a checker that sees nothing: a page
# with a broken macro must draw a warning from both
{ cat "$PAGE"; printf '.XYZ undefined\n\\fQ\n'; } > "$T/broken.1"
groff -man -Tutf8 -ww -z "$T/broken.1" > "$T/broken.err" 2>&1
check "groff -ww warns about a broken page" [ -s "$T/broken.err" ]
man --warnings -l "$T/broken.1" > /dev/null 2> "$T/broken.err"
check "man --warnings warns about a broken page" [ -s "$T/broken.err" ]
check "the page is headed SSLCERTLINT(1)" grep -q "^SSLCERTLINT(1) " "$T/page.txt"

# every long option --help lists stands in the page as an option heading
"$BIN" --help | sed -n 's/^  \(-[A-Za-z0-9], \)\{0,1\}\(--[a-z0-9-]*\).*/\2/p; s/^      \(--[a-z0-9-]*\).*/\1/p' | sort -u > "$T/help-options"
check "--help lists more than 15 long options" [ "$(wc -l < "$T/help-options")" -gt 15 ]
missing=""
while read -r opt; do
	grep -Eq "^       (-[A-Za-z0-9], )?$opt( |\$)" "$T/page.txt" || missing="$missing $opt"
done < "$T/help-options"
check "the page has a heading for every long option of --help (missing:$missing)" [ -z "$missing" ]
# and the exit codes, each with its meaning
for code in 0 1 2; do
	check "the page's EXIT STATUS explains $code" \
		sh -c "sed -n '/^EXIT STATUS/,/^RULES/p' '$T/page.txt' | grep -q '^       $code      [a-z]'"
done
# every rule of --list-rules, with its name and level
"$BIN" --list-rules > "$T/rules"
check "--list-rules lists 15 rules or more" [ "$(wc -l < "$T/rules")" -ge 15 ]
missing=""
while read -r id level name rest; do
	grep -q "^       $id $name ($level)\$" "$T/page.txt" || missing="$missing $id"
done < "$T/rules"
check "the page lists every rule of --list-rules (missing:$missing)" [ -z "$missing" ]
# a --help line gen-man.sh cannot place stops it, not the page going without it
mkdir "$T/fake"
cat > "$T/fake/sslcertlint" <<'EOF'
#!/bin/sh
case $1 in
--help) printf 'usage: sslcertlint PATH\n\ntext\n\n      --good   fine\n*** a line of a new shape\n' ;;
--list-rules) echo "SCL001  error    x  y" ;;
--version) echo "sslcertlint 0" ;;
esac
EOF
chmod +x "$T/fake/sslcertlint"
tools/gen-man.sh "$T/fake/sslcertlint" > /dev/null 2> "$T/gen.err"
check "gen-man.sh fails on a --help line it cannot place" [ $? != 0 ]
check "gen-man.sh names that line" grep -q "a line of a new shape" "$T/gen.err"

# ---- the bash completion ----
COMP=$R/usr/share/bash-completion/completions/sslcertlint
check "the completion is valid bash (bash -n)" bash -n "$COMP"
# complete WORDS...: what the completion offers for the last word, sorted, on one line
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sslcertlint; printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' \
		complete "$COMP" "$@"
}
# the values the binary itself names when given a wrong one, sorted:
# "expected error, warning, note or none", "expected one of text, json, ..."
accepted() {
	"$BIN" "$@" 2>&1 | sed -n 's/.*: expected \(one of \)\{0,1\}\(.*\)$/\2/p' | sed 's/, / /g; s/ or / /' |
		tr ' ' '\n' | sort | tr '\n' ' '
}
check "the binary names the formats it accepts ($(accepted --format '?'))" [ -n "$(accepted --format '?')" ]
check "--format: the values the binary accepts" \
	[ "$(complete_words "$BIN" --format '')" = "$(accepted --format '?')" ]
check "-f j: json junit" [ "$(complete_words "$BIN" -f j)" = "json junit " ]
check "--format=s: sarif (bash splits at '=')" [ "$(complete_words "$BIN" --format = s)" = "sarif " ]
for f in $(complete_words "$BIN" --format ''); do
	check "--format $f is accepted" "$BIN" --format "$f" --version > /dev/null
done
check "--fail-on: the levels the binary accepts" \
	[ "$(complete_words "$BIN" --fail-on '')" = "$(accepted --fail-on '?' x)" ]
check "--color: the values the binary accepts" \
	[ "$(complete_words "$BIN" --color '')" = "$(accepted --color '?' x)" ]
check "--explain SCL00: the rule ids SCL001-SCL009 from --list-rules" \
	[ "$(complete_words "$BIN" --explain SCL00)" = "$(awk '$1 ~ /^SCL00/ { print $1 }' "$T/rules" | sort | tr '\n' ' ')" ]
check "--explain cert-exp: the rule names" [ "$(complete_words "$BIN" --explain cert-exp)" = "cert-expired cert-expiring " ]
tr '\n' ' ' < "$T/help-options" > "$T/help-options.line"
check "--: every long option of --help, no other" [ "$(complete_words "$BIN" --)" = "$(cat "$T/help-options.line")" ]
mkdir -p "$T/cwd/snapdir" && : > "$T/cwd/snapfile.txt"
check "a path: files and folders" [ "$(cd "$T/cwd" && complete_words "$BIN" sn)" = "snapdir snapfile.txt " ]
check "--fleet: folders only" [ "$(cd "$T/cwd" && complete_words "$BIN" --fleet sn)" = "snapdir " ]
check "-o: files" [ "$(cd "$T/cwd" && complete_words "$BIN" -o snapf)" = "snapfile.txt " ]
check "--now: no guess" [ "$(cd "$T/cwd" && complete_words "$BIN" --now sn)" = " " ]

# ---- make uninstall ----
make -s uninstall DESTDIR="$R" PREFIX=/usr > /dev/null 2>&1
check "make uninstall succeeds" [ $? = 0 ]
check "make uninstall removes every file it installed" [ -z "$(find "$R" ! -type d)" ]

# ---- the Dockerfile (docker itself is not run here) ----
# its build stage copies what a build needs: copy_tree below copies the same
docker_copies=$(sed -n 's|^COPY \([A-Za-z][^ ]*\) .*|\1|p' Dockerfile | sed 's|/$||' | tr '\n' ' ')
check "the Dockerfile copies Makefile, linter, rules and tools ($docker_copies)" [ "$docker_copies" = "Makefile linter rules tools " ]
# its runtime stage installs the package of every library the binary
# needs, but those every Debian image has (Priority: required, and apt's
# libstdc++6; a sanitizer build needs libgcc-s1)
base="libc6 libgcc-s1 libstdc++6 zlib1g"
runtime=$(sed -n '/^FROM debian:12-slim/,$p' Dockerfile | grep -o 'install -y --no-install-recommends .*' | sed 's/.*recommends //; s/ *&&.*//; s/\\//')
missing=""
for lib in $(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
	path=$(ldd "$BIN" | awk -v l="$lib" '$1 == l { print $3 }')
	pkg=$(dpkg -S "$(readlink -f "$path")" 2> /dev/null | sed 's/:.*//' | head -n 1)
	[ -z "$pkg" ] && pkg=$(dpkg -S "$path" 2> /dev/null | sed 's/:.*//' | head -n 1)
	case " $runtime $base " in
	*" $pkg "*) ;;
	*) missing="$missing $lib($pkg)" ;;
	esac
done
check "the Dockerfile's runtime stage installs every library the binary needs ($runtime; missing:$missing)" [ -z "$missing" ]

# ---- --version and git ----
# copy_tree DIR: the sources, with the objects already built here (times
# kept), so a copy made with the same flags only relinks
copy_tree() {
	mkdir -p "$1/build" && cp -Rp $docker_copies "$1/" || exit 2
	for f in FLAGS linter rules rule_docs.c rule_docs.o libsslcertlint.a; do
		[ -e "build/$f" ] && cp -Rp "build/$f" "$1/build/"
	done
}
# a copy of the sources, not a checkout: the plain version
S=$T/outer
copy_tree "$S"
printf '/build*/\n/sslcertlint\n' > "$S/.gitignore"    # as the project's: a build is not a change
make -C "$S" sslcertlint > "$T/build.out" 2>&1
CHECK_SHOW=$T/build.out check "a copy of the sources builds" [ $? = 0 ]
check "not a git checkout: 'sslcertlint $version'" [ "$("$S/sslcertlint" --version)" = "sslcertlint $version" ]
# made a repository with a commit: the commit, and only the link redone
git -C "$S" init -q && git -C "$S" add -A && git -C "$S" -c user.name=t -c user.email=t@example.org commit -qm one
make -C "$S" sslcertlint > "$T/build.out" 2>&1
commit=$(git -C "$S" rev-parse --short HEAD)
check "a git checkout: 'sslcertlint $version (git $commit)'" [ "$("$S/sslcertlint" --version)" = "sslcertlint $version (git $commit)" ]
CHECK_SHOW=$T/build.out check "a new commit: git_version.c recompiled, the binary relinked" \
	grep -q "LINK    sslcertlint" "$T/build.out"
CHECK_SHOW=$T/build.out check "a new commit: nothing else recompiled" [ -z "$(grep -E 'CC +(linter|rules)/' "$T/build.out")" ]
make -C "$S" sslcertlint > "$T/build.out" 2>&1
CHECK_SHOW=$T/build.out check "the same commit: nothing rebuilt" [ -z "$(grep -E 'CC |LINK ' "$T/build.out")" ]
echo "/* changed */" >> "$S/linter/version.h"
make -C "$S" sslcertlint > /dev/null 2>&1
check "a changed tracked file: '(git $commit-dirty)'" [ "$("$S/sslcertlint" --version)" = "sslcertlint $version (git $commit-dirty)" ]
git -C "$S" -c user.name=t -c user.email=t@example.org commit -qam two
git -C "$S" tag -a -m 'v9.8.7' v9.8.7
make -C "$S" sslcertlint > /dev/null 2>&1
check "a tagged commit: '(git v9.8.7)'" [ "$("$S/sslcertlint" --version)" = "sslcertlint $version (git v9.8.7)" ]
# `make && sudo make install`: root building in a tree another user owns
if [ "$(id -u)" = 0 ] && chown -R nobody "$S" 2> /dev/null; then
	make -C "$S" sslcertlint > "$T/build.out" 2>&1
	check "built by root in a tree nobody owns: still '(git v9.8.7)'" [ "$("$S/sslcertlint" --version)" = "sslcertlint $version (git v9.8.7)" ]
	CHECK_SHOW=$T/build.out check "built by root in a tree nobody owns: nothing rebuilt" [ -z "$(grep -E 'CC |LINK ' "$T/build.out")" ]
	chown -R "$(id -u)" "$S"
else
	echo "skipped: the build by root in a tree another user owns (not root)"
fi
make -C "$S" GIT=/nonexistent/git sslcertlint > /dev/null 2>&1
check "git missing: 'sslcertlint $version'" [ "$("$S/sslcertlint" --version)" = "sslcertlint $version" ]
# the sources copied into another project's repository: not that project's commit
copy_tree "$S/vendor"
make -C "$S/vendor" sslcertlint > /dev/null 2>&1
check "inside another repository: 'sslcertlint $version'" [ "$("$S/vendor/sslcertlint" --version)" = "sslcertlint $version" ]

finish install
