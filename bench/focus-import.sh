#!/usr/bin/env bash
# FOCUS import throughput: generate a FOCUS 1.3 CSV of N rows (default 1,000,000; 65 columns,
# about 700 MB), then time `costmon import focus` of it next to `sqlite3 .import` of the same
# file into a plain table. Prints wall time, rows/s and peak RSS (/usr/bin/time -f '%e %M').
# Targets: >= 150k rows/s and peak RSS <= 300 MB on a 2-core machine.
# costmon runs with the JVM flags of the installed launcher (packaging/costmon: SerialGC, C1 only)
# and, for comparison, with the JVM's default JIT (C2).
# Usage: bench/focus-import.sh [rows]    (needs python3, sqlite3, /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
[ -f target/costmon.jar ] || ./mvnw -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/focus-generate.py "$rows" >"$work/focus.csv"
echo "generated $rows rows, $(du -m "$work/focus.csv" | cut -f1) MB: $work/focus.csv"
cat >"$work/costmon.yaml" <<YAML
currency: USD
database: history.db
fx: {EUR: 1.10}
accounts:
  - id: cloud
    provider: focus
YAML

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null
  read -r secs kb <"$work/time"
  awk -v l="$label" -v s="$secs" -v k="$kb" -v n="$rows" \
    'BEGIN { printf "%-44s %7.2f s %9.0f rows/s %6.0f MB peak RSS\n", l, s, n / s, k / 1024 }'
}

launcher_flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -Xshare:auto"
cat "$work/focus.csv" >/dev/null   # the page cache holds the file for every run alike
for run in 1 2; do
  rm -f "$work"/history.db*
  # shellcheck disable=SC2086
  measure "costmon import (launcher flags, C1) #$run" \
    java $launcher_flags -jar target/costmon.jar -c "$work/costmon.yaml" import focus --account cloud "$work/focus.csv"
done
for run in 1 2; do
  rm -f "$work"/history.db*
  measure "costmon import (java -jar, C2) #$run" \
    java -XX:+UseSerialGC -jar target/costmon.jar -c "$work/costmon.yaml" import focus --account cloud "$work/focus.csv"
done
measure "costmon re-import (unchanged, skipped)" \
  java $launcher_flags -jar target/costmon.jar -c "$work/costmon.yaml" import focus --account cloud "$work/focus.csv"
gzip -1 -c "$work/focus.csv" >"$work/focus.csv.gz"
rm -f "$work"/history.db*
measure "costmon import of .csv.gz (launcher flags)" \
  java $launcher_flags -jar target/costmon.jar -c "$work/costmon.yaml" import focus --account cloud "$work/focus.csv.gz"
for run in 1 2; do
  rm -f "$work/plain.db"
  measure "sqlite3 .import (plain table) #$run" sqlite3 "$work/plain.db" ".mode csv" ".import $work/focus.csv focus"
done
