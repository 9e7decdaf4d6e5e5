#!/usr/bin/env bash
# bench/library-floor.sh — what costmon's libraries alone cost a cold JVM (issue 6).
#
# dev.costmon.bench.LibraryFloor (src/test/java) does the least `costmon report` needs of picocli,
# Jackson's YAML reader and sqlite-jdbc, and nothing of costmon's own, in three stages
# (picocli parse; + YAML tree of the config; + the month's query, every column of every row).
# Each stage runs the way the package runs costmon: the launcher's JVM flags, an AppCDS archive
# trained on that program, the unpacked sqlite library, costmon.jar on the class path. The JVM
# floor (bare hello-world) and `costmon report` itself run in the same rounds; medians of RUNS.
# Uses the history bench/startup.sh builds (built here when missing).
#
# Environment: RUNS (default 30), BENCH_DIR (target/bench).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
runs=${RUNS:-30}
work=${BENCH_DIR:-$repo/target/bench}
jar=$repo/target/costmon.jar
# shellcheck source=bench/common.sh
. bench/common.sh
bench_build
data=$work/data
bench_history "$data" 30 1095
floor=$work/floor
rm -rf "$floor"
mkdir -p "$floor"
bench_hello "$floor/hello"
# costmon itself, through the launcher as packaged (what bench/startup.sh measures); LibraryFloor
# runs with the same JVM options and the sqlite library prepare-startup unpacked there.
root=$floor/root
bench_launcher_root "$root"
flags=$(bench_launcher_options "$root")
# CDS archives only classes from jars.
(cd target/test-classes && jar cf "$floor/floor.jar" dev/costmon/bench/LibraryFloor.class)
# shellcheck disable=SC2086  # a list of options
java -XX:ArchiveClassesAtExit="$floor/floor.jsa" $flags -cp "$floor/floor.jar:$jar" \
  dev.costmon.bench.LibraryFloor -c "$data/costmon.yaml" >/dev/null
run="java -XX:SharedArchiveFile=$floor/floor.jsa $flags -cp $floor/floor.jar:$jar"
run="$run dev.costmon.bench.LibraryFloor -c $data/costmon.yaml"

# Interleaved rounds (bench/ab.py): this kind of VM drifts by tens of percent within minutes, and
# one program's runs in a row would each see another speed.
NO_COLOR=1 python3 bench/ab.py "$runs" \
  "java Hello (JVM floor)" "java -cp $floor/hello Hello" \
  "picocli: parse -c FILE" "$run --stage picocli" \
  "+ Jackson YAML tree of the config" "$run --stage yaml" \
  "+ sqlite-jdbc: month query, all rows" "$run --stage sqlite" \
  "costmon report (launcher)" "$root/usr/bin/costmon -c $data/costmon.yaml report"
