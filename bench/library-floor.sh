#!/usr/bin/env bash
# bench/library-floor.sh — what costmon's libraries alone cost a cold JVM (issue 6).
#
# dev.costmon.bench.LibraryFloor (src/test/java) does the least `costmon report` needs of picocli,
# Jackson's YAML reader and sqlite-jdbc, and nothing of costmon's own, in three stages
# (picocli parse; + YAML tree of the config; + the month's query, every column of every row).
# Each stage runs the way the package runs costmon: the launcher's JVM flags, an AppCDS archive
# trained on that program, the unpacked sqlite library, costmon.jar on the class path. The JVM
# floor (bare hello-world) and `costmon report` itself run in the same rounds; medians of RUNS.
# Needs the history bench/startup.sh builds (built here when missing).
#
# Environment: RUNS (default 30), BENCH_DIR (target/bench).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
runs=${RUNS:-30}
work=${BENCH_DIR:-$repo/target/bench}
jar=$repo/target/costmon.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
[ -f target/test-classes/dev/costmon/bench/LibraryFloor.class ] || ./mvnw -B -q test-compile

data=$work/data
if [ ! -s "$data/history.db" ]; then
  java -cp "target/test-classes:$jar" dev.costmon.bench.BuildBenchDatabase "$data" 30 1095
  touch "$data/.built-30-1095"
fi
floor=$work/floor
rm -rf "$floor"
mkdir -p "$floor/hello" "$floor/lib"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  >"$floor/hello/Hello.java"
javac -d "$floor/hello" "$floor/hello/Hello.java"
# CDS archives only classes from jars.
(cd target/test-classes && jar cf "$floor/floor.jar" dev/costmon/bench/LibraryFloor.class)
native=$(java -cp "$jar" org.sqlite.util.OSInfo)
unzip -q -o -j "$jar" "org/sqlite/native/$native/libsqlitejdbc.so" -d "$floor/lib"

flags="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -Xshare:auto"
flags="$flags -Dorg.sqlite.lib.path=$floor/lib -Dorg.sqlite.lib.name=libsqlitejdbc.so"
run="java $flags -cp $floor/floor.jar:$jar dev.costmon.bench.LibraryFloor -c $data/costmon.yaml"
# shellcheck disable=SC2086  # lists of options
java -XX:ArchiveClassesAtExit="$floor/floor.jsa" $flags -cp "$floor/floor.jar:$jar" \
  dev.costmon.bench.LibraryFloor -c "$data/costmon.yaml" >/dev/null
run=${run/java /java -XX:SharedArchiveFile=$floor/floor.jsa }

# costmon itself, through the launcher as packaged (what bench/startup.sh measures).
root=$floor/root
mkdir -p "$root/usr/bin" "$root/usr/share/costmon"
cp packaging/costmon "$root/usr/bin/costmon"
cp packaging/prepare-startup "$root/usr/share/costmon/prepare-startup"
cp "$jar" "$root/usr/share/costmon/costmon.jar"
"$root/usr/share/costmon/prepare-startup"

# Interleaved rounds (bench/ab.py): this kind of VM drifts by tens of percent within minutes, and
# one program's runs in a row would each see another speed.
NO_COLOR=1 python3 bench/ab.py "$runs" \
  "java Hello (JVM floor)" "java -cp $floor/hello Hello" \
  "picocli: parse -c FILE" "$run --stage picocli" \
  "+ Jackson YAML tree of the config" "$run --stage yaml" \
  "+ sqlite-jdbc: month query, all rows" "$run --stage sqlite" \
  "costmon report (launcher)" "$root/usr/bin/costmon -c $data/costmon.yaml report"
