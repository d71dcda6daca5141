#!/bin/bash
# make bench: how fast sslcertlint reads a shared-hosting server, against the floor
# of reading the same inputs with standard tools.  docs/performance.md explains
# the table.
#
#   tests/bench/run.sh                 sizes 1000 10000 100000 (or BENCH_SIZES="...";
#                                      BENCH_SIZES= BENCH_PATHO= for none),
#                                      and a fleet of 200 1000-site hosts
#                                      (BENCH_FLEET_HOSTS=N; 0 for none), and the
#                                      worst case for joins and rules at 10000 and
#                                      100000 bindings (BENCH_PATHO="..."), and a
#                                      configuration with 40000 suppressions
#                                      (BENCH_CONFIG=N; 0 for none)
#
# For each size it generates a snapshot with tests/bench/gen-snapshot into
# build/bench/N/ (kept: generated again only when missing or when gen-snapshot or
# its applicationHost.config template is newer), builds ./sslcertlint (the normal
# optimised build) and prints one Markdown table row:
#   - sslcertlint DIR --format sarif -o /dev/null (every rule, SARIF report):
#     wall time, user+sys CPU, peak RSS;
#   - the floor: `xmllint --noout applicationHost.config` and `jq empty` of each
#     .json file, wall times and their sum;
#   - linter/floor, peak RSS per input byte.
# Timings are the best of 3 runs below 100000 sites, 1 run from there on.  Then
# time(100k)/time(10k).  The configuration row lints fixtures/demo with
# --config and tests/bench/gen-config's file; its floor is `jq empty` of that
# file.
#
# Needs /usr/bin/time (Debian: time), xmllint (libxml2-utils) and jq; as root
# they are installed when missing.  The 100000-site snapshot takes about 2.9 GB
# of disk, ~80 s to generate, and sslcertlint about 7 GB of memory on it.
set -eu
cd "$(dirname "$0")/../.."

OUT=${BENCH_DIR:-build/bench}
GEN=tests/bench/gen-snapshot
TEMPLATE=tools/fixture-gen/appconfig.xml
LINTER=./sslcertlint
# the 100000-site WebHosting.json is 2.4 GB, over the default limit of 512M
MAX_INPUT=8G

die() { echo "bench: $*" >&2; exit 1; }

# ---- tools ----
need_pkgs=()
[ -x /usr/bin/time ] || need_pkgs+=(time)
command -v xmllint >/dev/null || need_pkgs+=(libxml2-utils)
command -v jq >/dev/null || need_pkgs+=(jq)
if [ ${#need_pkgs[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "bench: installing ${need_pkgs[*]}" >&2
		apt-get install -y -q "${need_pkgs[@]}" >/dev/null ||
			{ apt-get update -q >/dev/null && apt-get install -y -q "${need_pkgs[@]}" >/dev/null; } ||
			die "could not install ${need_pkgs[*]}"
	else
		die "missing ${need_pkgs[*]}: apt-get install ${need_pkgs[*]} (as root)"
	fi
fi
SIZES=${BENCH_SIZES-1000 10000 100000}
FLEET_HOSTS=${BENCH_FLEET_HOSTS:-200}
if [ -n "$SIZES" ] || [ "$FLEET_HOSTS" -gt 0 ]; then
	python3 -c 'import cryptography' 2>/dev/null || die "gen-snapshot needs python3 with the cryptography module"
fi

# ---- build ----
"${MAKE:-make}" -s sslcertlint >&2
FORMAT=sarif
"$LINTER" --help 2>&1 | grep -q sarif || FORMAT=json

# ---- snapshots ----
snapshot() {   # snapshot N: the directory of an up-to-date N-site snapshot
	local n=$1 dir=$OUT/$1
	local stamp=$dir/.generated
	if [ ! -f "$stamp" ] || [ "$GEN" -nt "$stamp" ] || [ "$TEMPLATE" -nt "$stamp" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		echo "bench: generating $n sites into $dir" >&2
		local t0
		t0=$(date +%s.%N)
		"$GEN" "$n" "$dir" > "$dir.log" || die "gen-snapshot $n failed (see $dir.log)"
		awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "bench: generated in %.1f s\n", b - a }' >&2
		touch "$stamp"
	fi
	echo "$dir"
}

# ---- measuring ----
TF=$(mktemp)
trap 'rm -f "$TF"' EXIT

# timed CMD...: runs CMD once, prints "wall user sys maxrss_kb exit" (wall from
# the nanosecond clock: /usr/bin/time's %e has centiseconds only)
timed() {
	local rc=0 t0 t1
	t0=$(date +%s%N)
	/usr/bin/time -f '%U %S %M' -o "$TF" "$@" >/dev/null 2>&1 || rc=$?
	t1=$(date +%s%N)
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') $(tail -n 1 "$TF") $rc"
}

# best R CMD...: the run with the least wall time of R, as timed prints it
best() {
	local r=$1 i line min=""
	shift
	for ((i = 0; i < r; i++)); do
		line=$(timed "$@")
		if [ -z "$min" ] || awk -v a="${line%% *}" -v b="${min%% *}" 'BEGIN { exit !(a < b) }'; then
			min=$line
		fi
	done
	echo "$min"
}

# bench_row LABEL INPUT_BYTES FLOOR_S R ARG...: runs sslcertlint ARG... (R times,
# best kept) and prints a table row against the floor.  Snapshot sizes call it
# below; any other line of the table (a fleet of snapshots in one run, other
# options) is one more call with its own label, inputs and floor.
LAST_WALL=
bench_row() {
	local label=$1 bytes=$2 floor=$3 r=$4
	shift 4
	local m
	m=$(best "$r" "$LINTER" --max-input-size "$MAX_INPUT" --format "$FORMAT" -o /dev/null "$@")
	local wall user sys rss rc
	read -r wall user sys rss rc <<< "$m"
	[ "$rc" -le 1 ] || die "sslcertlint exited with $rc on $label (an input error: run it by hand to see it)"
	LAST_WALL=$wall
	awk -v label="$label" -v bytes="$bytes" -v fmt="$FORMAT" -v wall="$wall" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
		-v rss="$rss" -v xml="$FLOOR_XML" -v jq="$FLOOR_JQ" -v floor="$floor" -v r="$r" 'BEGIN {
		printf "| %s | %.1f | %s%s | %.2f | %.2f | %.0f | %.3f | %.3f | %.3f | %.1f | %.2f |\n",
			label, bytes / 1e6, fmt, (r > 1 ? ", best of " r : ", 1 run"), wall, cpu, rss / 1024,
			xml, jq, floor, (floor > 0 ? wall / floor : 0), rss * 1024 / bytes }'
}

# floor DIR R: sets FLOOR_XML, FLOOR_JQ (sum over the .json files) and FLOOR
floor() {
	local dir=$1 r=$2 f m
	FLOOR_XML=0 FLOOR_JQ=0
	for f in "$dir"/*.config; do
		m=$(best "$r" xmllint --noout "$f")
		FLOOR_XML=$(awk -v a="$FLOOR_XML" -v b="${m%% *}" 'BEGIN { print a + b }')
	done
	for f in "$dir"/*.json; do
		m=$(best "$r" jq empty "$f")
		[ "${m##* }" = 0 ] || die "jq empty $f failed"
		FLOOR_JQ=$(awk -v a="$FLOOR_JQ" -v b="${m%% *}" 'BEGIN { print a + b }')
	done
	FLOOR=$(awk -v a="$FLOOR_XML" -v b="$FLOOR_JQ" 'BEGIN { print a + b }')
}

# bench_snapshot LABEL DIR N VAR: one row for the snapshot in DIR (best of 3,
# 1 run from 100000 up); the wall time goes to WALL_<VAR>
bench_snapshot() {
	local label=$1 dir=$2 n=$3 var=$4 r=3 bytes
	[ "$n" -lt 100000 ] || r=1
	bytes=$(stat -c %s "$dir"/* | awk '{ t += $1 } END { print t }')
	floor "$dir" "$r"
	bench_row "$label" "$bytes" "$FLOOR" "$r" "$dir"
	eval "WALL_$var=$LAST_WALL"
}

bench_size() {   # bench_size N
	bench_snapshot "$1" "$(snapshot "$1")" "$1" "$1"
}

# ---- a fleet: FLEET_HOSTS servers, each the 1000-site snapshot ----

# fleet_snapshot: a folder of FLEET_HOSTS host folders.  Each holds hard links
# to the 1000-site snapshot's files (no extra disk; every host is still read and
# parsed in full) and its own snapshot.json naming the host web001...
fleet_snapshot() {
	local src dir=$OUT/fleet-$FLEET_HOSTS i h f
	src=$(snapshot 1000)
	local stamp=$dir/.generated
	if [ ! -f "$stamp" ] || [ "$src/.generated" -nt "$stamp" ]; then
		rm -rf "$dir"
		for ((i = 1; i <= FLEET_HOSTS; i++)); do
			h=$(printf 'web%03d' "$i")
			mkdir -p "$dir/$h"
			for f in "$src"/*; do
				[ "${f##*/}" = snapshot.json ] || ln "$f" "$dir/$h/" 2>/dev/null || cp "$f" "$dir/$h/"
			done
			sed "s/\"host\": *\"[^\"]*\"/\"host\": \"$h\"/" "$src/snapshot.json" > "$dir/$h/snapshot.json"
		done
		touch "$stamp"
	fi
	echo "$dir"
}

# ---- the worst case for joins and rules (tests/bench/gen-pathological) ----
PATHO_SIZES=${BENCH_PATHO-10000 100000}

patho_snapshot() {   # patho_snapshot N: the directory of an N-binding worst case
	local n=$1 dir=$OUT/patho-$1
	if [ ! -f "$dir/.generated" ] || [ tests/bench/gen-pathological -nt "$dir/.generated" ]; then
		rm -rf "$dir"
		tests/bench/gen-pathological "$n" "$dir" || die "gen-pathological $n failed"
		touch "$dir/.generated"
	fi
	echo "$dir"
}

bench_patho() {   # bench_patho N
	bench_snapshot "worst case $1" "$(patho_snapshot "$1")" "$1" "P$1"
}

bench_fleet() {
	local dir bytes x=0 j=0 h
	dir=$(fleet_snapshot)
	bytes=$(find "$dir" -type f ! -name .generated -printf '%s\n' | awk '{ t += $1 } END { print t }')
	for h in "$dir"/*/; do
		floor "$h" 1
		x=$(awk -v a="$x" -v b="$FLOOR_XML" 'BEGIN { print a + b }')
		j=$(awk -v a="$j" -v b="$FLOOR_JQ" 'BEGIN { print a + b }')
	done
	FLOOR_XML=$x FLOOR_JQ=$j
	bench_row "fleet of $FLEET_HOSTS × 1000" "$bytes" "$(awk -v a="$x" -v b="$j" 'BEGIN { print a + b }')" 1 --fleet "$dir"
}

# ---- a configuration with many suppressions (tests/bench/gen-config) ----
CONFIG_SUPPRESSIONS=${BENCH_CONFIG:-40000}

config_file() {   # config_file N: the path of an up-to-date N-suppression configuration
	local n=$1 f=$OUT/config-$1.json
	mkdir -p "$OUT"
	if [ ! -f "$f" ] || [ tests/bench/gen-config -nt "$f" ]; then
		tests/bench/gen-config "$n" "$f.tmp" && mv "$f.tmp" "$f" || die "gen-config $n failed"
	fi
	echo "$f"
}

# bench_config N: fixtures/demo linted with the N-suppression configuration,
# against `jq empty` of it (best of 3 each)
bench_config() {
	local f m
	f=$(config_file "$1")
	m=$(best 3 jq empty "$f")
	[ "${m##* }" = 0 ] || die "jq empty $f failed"
	FLOOR_XML=0 FLOOR_JQ=${m%% *}
	bench_row "config of $1 suppressions" "$(stat -c %s "$f")" "$FLOOR_JQ" 3 --config "$f" fixtures/demo
}

# ---- the table ----
# generate first, so the table comes out in one piece
for n in $SIZES; do snapshot "$n" >/dev/null; done
[ "$FLEET_HOSTS" -gt 0 ] && fleet_snapshot >/dev/null
for n in $PATHO_SIZES; do patho_snapshot "$n" >/dev/null; done
[ "$CONFIG_SUPPRESSIONS" -gt 0 ] && config_file "$CONFIG_SUPPRESSIONS" >/dev/null

echo "sslcertlint $("$LINTER" --version | sed 's/^sslcertlint //') ($(git describe --always --dirty 2>/dev/null || echo '?')), $(date -u +%Y-%m-%d)"
echo "$(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^PRETTY_NAME="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' /etc/os-release), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$FORMAT" = sarif ] || echo "(this sslcertlint has no SARIF report: the rows measure --format json)"
echo
echo "| sites | input MB | report | sslcertlint s | CPU s | peak RSS MB | xmllint s | jq s | floor s | linter/floor | RSS/input byte |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do bench_size "$n"; done
[ "$FLEET_HOSTS" -gt 0 ] && bench_fleet
for n in $PATHO_SIZES; do bench_patho "$n"; done
[ "$CONFIG_SUPPRESSIONS" -gt 0 ] && bench_config "$CONFIG_SUPPRESSIONS"
echo
if [ -n "${WALL_10000:-}" ] && [ -n "${WALL_100000:-}" ]; then
	awk -v a="$WALL_10000" -v b="$WALL_100000" 'BEGIN {
		printf "time(100k)/time(10k) = %.1f (10 would be linear)\n", (a > 0 ? b / a : 0) }'
fi
if [ -n "${WALL_P10000:-}" ] && [ -n "${WALL_P100000:-}" ]; then
	awk -v a="$WALL_P10000" -v b="$WALL_P100000" 'BEGIN {
		printf "worst case: time(100k)/time(10k) = %.1f (10 would be linear; a quadratic join would give 100)\n", (a > 0 ? b / a : 0) }'
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
