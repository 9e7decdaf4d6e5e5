# shellcheck shell=bash
# bench/common.sh — set-up shared by the start-up benchmarks; sourced, not run.
# Expects: the checkout as the current directory and $jar (target/costmon.jar).
# shellcheck disable=SC2154  # $jar is the sourcing script's

# Builds the jar and the test classes (the history builder, LibraryFloor) when missing.
bench_build() {
  if [ ! -f "$jar" ]; then
    echo "bench: building $jar" >&2
    ./mvnw -B -q package -DskipTests
  fi
  if [ ! -f target/test-classes/dev/costmon/bench/LibraryFloor.class ]; then
    ./mvnw -B -q test-compile
  fi
}

# bench_history DIR ACCOUNTS DAYS: a history of synthetic accounts in DIR (config costmon.yaml),
# built once and kept; BENCH_REBUILD=1 builds it again.
bench_history() {
  local data=$1 accounts=$2 days=$3
  if [ "${BENCH_REBUILD:-0}" = 1 ] || [ ! -s "$data/history.db" ] || [ ! -f "$data/.built-$accounts-$days" ]; then
    rm -rf "$data"
    echo "bench: building a history of $accounts accounts x $days days in $data (about a minute)" >&2
    java -cp "target/test-classes:$jar" dev.costmon.bench.BuildBenchDatabase "$data" "$accounts" "$days"
    touch "$data/.built-$accounts-$days"
  fi
}

# bench_hello DIR: a bare hello-world class in DIR, the JVM floor.
bench_hello() {
  local hello=$1
  if [ ! -f "$hello/Hello.class" ]; then
    mkdir -p "$hello"
    printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
      >"$hello/Hello.java"
    javac -d "$hello" "$hello/Hello.java"
  fi
}

# bench_launcher_root ROOT: the packaged launcher in a throwaway root, prepared as postinst does it
# (AppCDS archive, unpacked sqlite library); ROOT/usr/bin/costmon runs it.
bench_launcher_root() {
  local root=$1
  rm -rf "$root"
  mkdir -p "$root/usr/bin" "$root/usr/share/costmon"
  cp packaging/costmon "$root/usr/bin/costmon"
  cp packaging/prepare-startup "$root/usr/share/costmon/prepare-startup"
  cp "$jar" "$root/usr/share/costmon/costmon.jar"
  chmod 0755 "$root/usr/bin/costmon" "$root/usr/share/costmon/prepare-startup"
  "$root/usr/share/costmon/prepare-startup"
}

# bench_launcher_options ROOT: the JVM options the launcher in ROOT passes, but its CDS archive.
bench_launcher_options() {
  COSTMON_LAUNCHER_DEBUG=1 COSTMON_JAVA=true "$1/usr/bin/costmon" 2>&1 \
    | sed -n 's/^costmon launcher: true \(.*\) -jar .*/\1/p' | sed 's/ -XX:SharedArchiveFile=[^ ]*//'
}
