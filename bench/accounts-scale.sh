#!/usr/bin/env bash
# report and check on 300 accounts x 1 year against 30 accounts x 1 year, through the package's
# launcher (a throwaway root prepared as postinst does), interleaved (bench/ab.py), and the peak RSS
# of report, check and export at 300 accounts with the launcher's 16 MB young generation and without
# it (the JVM's default, sized from the machine's memory). Histories are built once into
# target/bench/scale-{30,300} (BENCH_REBUILD=1 builds them again; about a minute each).
# Targets (issue 22): report at 300 accounts <= 1.5x report at 30; peak RSS <= 96 MB at 300.
# Usage: RUNS=15 bench/accounts-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-15}
# shellcheck disable=SC2034  # read by bench/common.sh
jar=target/costmon.jar
# shellcheck disable=SC1091
. bench/common.sh
bench_build
bench_history target/bench/scale-30 30 365
bench_history target/bench/scale-300 300 365
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench_launcher_root "$work/root" 2>/dev/null
costmon=$work/root/usr/bin/costmon
# Without the launcher's -Xmn16m: its own options, archive included, run by java directly.
opts=$(COSTMON_LAUNCHER_DEBUG=1 COSTMON_JAVA=true "$costmon" report 2>&1 \
  | sed -n 's/^costmon launcher: true \(.*\) -jar .*/\1/p' | sed 's/ -Xmn16m//')
default_young="java $opts -jar $work/root/usr/share/costmon/costmon.jar"

echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
bench/ab.py "$runs" \
  "report, 30 accounts" "$costmon -c target/bench/scale-30/costmon.yaml report" \
  "report, 300 accounts" "$costmon -c target/bench/scale-300/costmon.yaml report" \
  "check, 30 accounts" "$costmon -c target/bench/scale-30/costmon.yaml check" \
  "check, 300 accounts" "$costmon -c target/bench/scale-300/costmon.yaml check" \
  "report, 300 accounts, default young generation" "$default_young -c target/bench/scale-300/costmon.yaml report"
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"

rss() { # rss LABEL COMMAND: median peak RSS of 3 runs
  for _ in 1 2 3; do
    /usr/bin/time -o "$work/time" -f '%M' sh -c "$2" >/dev/null 2>&1 || true
    tail -1 "$work/time"
  done | sort -n | sed -n 2p | awk -v l="$1" '{ printf "| %s | %.0f MB |\n", l, $1 / 1024 }'
}
echo "| command at 300 accounts | peak RSS (median of 3) |"
echo "|---|---:|"
for cmd in report check "export --format prom --output -"; do
  rss "$cmd (launcher, -Xmn16m)" "$costmon -c target/bench/scale-300/costmon.yaml $cmd"
  rss "$cmd (default young generation)" "$default_young -c target/bench/scale-300/costmon.yaml $cmd"
done
