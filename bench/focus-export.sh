#!/usr/bin/env bash
# FOCUS export throughput: `costmon export --format focus` of a 3-year history of 30 accounts (the
# start-up benchmark's history, built once by bench/common.sh), to a plain CSV and to a .csv.gz, with
# the JVM flags of the installed launcher (packaging/costmon: SerialGC, C1 only) and with the JVM's
# default JIT (C2). Prints wall time, rows/s, CPU time (user+sys, steadier than wall time when
# the machine is shared) and peak RSS (/usr/bin/time -f '%e %U %S %M').
# Usage: bench/focus-export.sh [accounts] [days]    (defaults 30 1095; needs /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-30}
days=${2:-1095}
jar=target/costmon.jar
# shellcheck source=bench/common.sh
. bench/common.sh
bench_build
data=target/bench/data
bench_history "$data" "$accounts" "$days"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # label, output file, command...
  local label=$1 out=$2; shift 2
  /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$@" >/dev/null
  read -r secs user sys kb <"$work/time"
  local rows
  rows=$(( $(if [[ $out == *.gz ]]; then gzip -dc "$out"; else cat "$out"; fi | wc -l) - 1 ))
  awk -v l="$label" -v s="$secs" -v c="$(echo "$user $sys" | awk '{ print $1 + $2 }')" -v k="$kb" -v n="$rows" \
    -v b="$(du -m "$out" | cut -f1)" \
    'BEGIN { printf "%-40s %6d rows %6.2f s %6.0f rows/s %6.2f s CPU %6.0f MB peak RSS %4d MB file\n", l, n, s, n / s, c, k / 1024, b }'
}

launcher_flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -Xshare:auto"
echo "history: $accounts accounts x $days days, $(du -m "$data/history.db" | cut -f1) MB; $(java -version 2>&1 | head -1); $(nproc) CPUs"
for run in 1 2; do
  # shellcheck disable=SC2086
  measure "focus 1.3 .csv (launcher flags, C1) #$run" "$work/out.csv" \
    java $launcher_flags -jar "$jar" -c "$data/costmon.yaml" export --format focus --output "$work/out.csv"
done
for run in 1 2; do
  measure "focus 1.3 .csv (java -jar, C2) #$run" "$work/out.csv" \
    java -XX:+UseSerialGC -jar "$jar" -c "$data/costmon.yaml" export --format focus --output "$work/out.csv"
done
# shellcheck disable=SC2086
measure "focus 1.3 .csv.gz (launcher flags, C1)" "$work/out.csv.gz" \
  java $launcher_flags -jar "$jar" -c "$data/costmon.yaml" export --format focus --output "$work/out.csv.gz"
# shellcheck disable=SC2086
measure "focus 1.2 .csv (launcher flags, C1)" "$work/out12.csv" \
  java $launcher_flags -jar "$jar" -c "$data/costmon.yaml" export --format focus --focus-version 1.2 \
  --output "$work/out12.csv"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
