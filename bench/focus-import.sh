#!/usr/bin/env bash
# FOCUS import: `costmon import focus` of a generated FOCUS 1.3 CSV (bench/focus-generate.py, 65
# columns; 1,000,000 rows are about 700 MB) against DuckDB doing the same aggregation over the same
# file (sum of BilledCost per day, provider, service and currency; bench/DuckFocus.java), and a
# re-import of the unchanged file against a first import. Paired, interleaved runs (bench/ab.py), so
# every figure is a ratio measured in one run; peak RSS once per variant (/usr/bin/time -f %M).
# Targets (issue 22): import <= 1.5x DuckDB, re-import <= 0.5x a first import.
#
# DuckDB is a benchmark-only dependency: org.duckdb:duckdb_jdbc is fetched by Maven into
# target/bench/duckdb (never into costmon's jar or its dependencies).
# Usage: RUNS=5 bench/focus-import.sh [rows]    (needs python3, /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${RUNS:-5}
duckdb_version=${DUCKDB_VERSION:-1.4.4.0}
if [ ! -f target/costmon.jar ] || [ ! -x target/costmon ]; then ./mvnw -B -q package -DskipTests; fi
duck=target/bench/duckdb
if [ ! -f "$duck/duckdb_jdbc-$duckdb_version.jar" ]; then
  ./mvnw -B -q -ntp dependency:copy -Dartifact="org.duckdb:duckdb_jdbc:$duckdb_version" -DoutputDirectory="$duck"
fi
javac -d "$duck" bench/DuckFocus.java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/focus-generate.py "$rows" >"$work/focus.csv"
echo "generated $rows rows, $(du -m "$work/focus.csv" | cut -f1) MB: $work/focus.csv"
for side in first again c1; do
  mkdir -p "$work/$side"
  printf 'currency: USD\ndatabase: history.db\nfx: {EUR: 1.10}\naccounts:\n  - {id: cloud, provider: focus}\n' \
    >"$work/$side/costmon.yaml"
done
# The launcher's caches (sqlite library, class-data archive) are made before anything is timed.
target/costmon -c "$work/again/costmon.yaml" import focus --account cloud "$work/focus.csv" >/dev/null
for _ in $(seq 60); do ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/costmon/*.preparing >/dev/null 2>&1 || break; sleep 1; done

import() { echo "rm -f $work/$1/history.db*; $2 target/costmon -c $work/$1/costmon.yaml import focus --account cloud $work/focus.csv"; }
duckdb_cmd="java -cp $duck/duckdb_jdbc-$duckdb_version.jar:$duck DuckFocus $work/focus.csv"
reimport="target/costmon -c $work/again/costmon.yaml import focus --account cloud $work/focus.csv"
c1="COSTMON_JAVA_OPTS='-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1'"

echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
bench/ab.py "$runs" \
  "DuckDB $duckdb_version (JDBC), same aggregation" "$duckdb_cmd" \
  "costmon import (target/costmon: C2 for import)" "$(import first "")" \
  "costmon import, C1 only (the launcher's flags before)" "$(import c1 "$c1")" \
  "costmon re-import of the unchanged file" "$reimport"
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"

rss() { /usr/bin/time -o "$work/time" -f '%M' sh -c "$2" >/dev/null 2>&1; echo "$1: $(( $(tail -1 "$work/time") / 1024 )) MB peak RSS"; }
rss "DuckDB" "$duckdb_cmd"
rss "costmon import (C2)" "$(import first "")"
rss "costmon import (C1)" "$(import c1 "$c1")"
rss "costmon re-import" "$reimport"
