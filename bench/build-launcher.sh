#!/usr/bin/env bash
# The README's way against the package's: `target/costmon` (the build's launcher, caches per user),
# `java -jar target/costmon.jar` and the Debian launcher in a throwaway root prepared as postinst
# does, on the start-up benchmark's history (30 accounts x 1095 days), with a bare hello-world as the
# JVM floor; interleaved rounds (bench/ab.py), so each ratio is paired.
# Target (issue 22): target/costmon within 1.2x of the package.
# Usage: RUNS=20 bench/build-launcher.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
# shellcheck disable=SC2034  # read by bench/common.sh
jar=target/costmon.jar
# shellcheck disable=SC1091
. bench/common.sh
bench_build
if [ ! -x target/costmon ]; then ./mvnw -B -q package -DskipTests; fi
data=target/bench/data
bench_history "$data" 30 1095
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench_hello "$work/hello"
bench_launcher_root "$work/root" 2>/dev/null
# target/costmon's caches, made once before timing (what its first run starts in the background).
target/costmon -c "$data/costmon.yaml" report >/dev/null 2>&1 || true
for _ in $(seq 60); do ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/costmon/*.preparing >/dev/null 2>&1 || break; sleep 1; done

echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
for cmd in report check --version; do
  args="-c $data/costmon.yaml $cmd"
  [ "$cmd" = --version ] && args=--version
  echo "### $cmd"
  bench/ab.py "$runs" \
    "package (/usr/bin/costmon)" "$work/root/usr/bin/costmon $args" \
    "build: target/costmon" "target/costmon $args" \
    "build: java -jar target/costmon.jar" "java -jar target/costmon.jar $args" \
    "java Hello (JVM floor)" "java -cp $work/hello Hello"
done
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
