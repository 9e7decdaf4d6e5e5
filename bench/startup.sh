#!/usr/bin/env bash
# bench/startup.sh — start-up benchmark of costmon (issue 6, "Start-up and footprint").
#
# Builds target/costmon.jar if missing, builds a history of 3 years x 30 synthetic accounts
# (dev.costmon.bench.BuildBenchDatabase: the real collector, once per simulated night, like
# `costmon demo`), then measures in the same run the median wall time and median peak RSS of
#   - a bare `java` hello-world (the JVM floor),
#   - costmon --version / report / check / export --format prom --output -,
# each run two ways: plain `java -jar target/costmon.jar` and through the packaged launcher
# (packaging/costmon in a throwaway root, after packaging/prepare-startup wrote its CDS archive
# and unpacked the sqlite native library, exactly as postinst does).
# Timing uses hyperfine (installed from Debian when missing and possible), else a loop;
# peak RSS is /usr/bin/time -f %M. Prints a Markdown table (bench/README.md holds the last one).
#
# Environment: RUNS (default 20) timed runs per command, RSS_RUNS (5), ACCOUNTS (30), DAYS (1095),
# BENCH_DIR (target/bench), BENCH_REBUILD=1 to rebuild the history.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
runs=${RUNS:-20}
rss_runs=${RSS_RUNS:-5}
accounts=${ACCOUNTS:-30}
days=${DAYS:-1095}
work=${BENCH_DIR:-$repo/target/bench}
jar=$repo/target/costmon.jar
mkdir -p "$work"

# ---- tools -------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
if ! command -v hyperfine >/dev/null; then
  echo "bench: installing hyperfine (Debian package)" >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq hyperfine >/dev/null 2>&1 \
    || { as_root apt-get update -qq >/dev/null 2>&1 \
         && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq hyperfine >/dev/null 2>&1; } \
    || echo "bench: no hyperfine, timing with a loop" >&2
fi
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq time >/dev/null 2>&1 || true
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 1; }

# ---- build -------------------------------------------------------------------------------
# shellcheck source=bench/common.sh
. bench/common.sh
bench_build
data=$work/data
config=$data/costmon.yaml
bench_history "$data" "$accounts" "$days"
hello=$work/hello
bench_hello "$hello"
root=$work/root
bench_launcher_root "$root"
launcher=$root/usr/bin/costmon

export NO_COLOR=1
names=(); cmds=()
add() { names+=("$1"); shift; cmds+=("$*"); }
add "java Hello (JVM floor)" java -cp "$hello" Hello
for way in plain launcher; do
  if [ $way = plain ]; then run="java -jar $jar"; else run=$launcher; fi
  add "$way: --version" "$run" --version
  add "$way: report" "$run" -c "$config" report
  add "$way: check" "$run" -c "$config" check
  add "$way: export --format prom" "$run" -c "$config" export --format prom --output -
done

# ---- measure -----------------------------------------------------------------------------
results=$work/results.tsv
: >"$results"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
for i in "${!cmds[@]}"; do
  # shellcheck disable=SC2086  # the command is a list of words without spaces in them
  set -- ${cmds[$i]}
  "$@" >/dev/null 2>&1 || true   # warm the page cache
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i -w 3 -r "$runs" --export-json "$work/h.json" --style none "${cmds[$i]}" >/dev/null 2>&1
    read -r ms cpu < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print("%.0f %.0f" % (r["median"]*1000, (r["user"]+r["system"])*1000))' "$work/h.json")
  else
    ms=$(for _ in $(seq "$runs"); do
      s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000000))
    done | median)
    cpu=-
  fi
  kb=$(for _ in $(seq "$rss_runs"); do
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || true; tail -1 "$work/rss"
  done | median)
  printf '%s\t%s\t%s\t%s\n' "${names[$i]}" "$ms" "$kb" "$cpu" >>"$results"
  printf 'bench: %-34s %6s ms %6s MB\n' "${names[$i]}" "$ms" "$((kb / 1024))" >&2
done

# ---- table -------------------------------------------------------------------------------
floor=$(head -1 "$results" | cut -f2)
echo "costmon $(java -jar "$jar" --version | sed 's/^costmon //'), $(java -version 2>&1 | head -1)," \
  "$(nproc) CPUs, $(du -h "$data/history.db" | cut -f1) history ($accounts accounts x $days days);" \
  "median of $runs runs (hyperfine), peak RSS median of $rss_runs runs (/usr/bin/time -f %M);" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
echo "| command | median | x floor | target | CPU (user+sys) | peak RSS | RSS target |"
echo "|---|---:|---:|---|---:|---:|---|"
while IFS=$'\t' read -r name ms kb cpu; do
  ratio=$(awk -v a="$ms" -v b="$floor" 'BEGIN {printf "%.1f", a / b}')
  case $name in
    *floor*) target="-";; *--version) limit=2.0;; *) limit=3.0;;
  esac
  if [[ $name != *floor* ]]; then
    target=$(awk -v r="$ratio" -v l="$limit" 'BEGIN {print (r <= l ? "<= " l "x met" : "<= " l "x MISSED")}')
  fi
  mb=$(awk -v k="$kb" 'BEGIN {printf "%.0f", k / 1024}')
  rss=$(awk -v m="$mb" 'BEGIN {print (m <= 128 ? "<= 128 MB met" : "<= 128 MB MISSED")}')
  echo "| $name | $ms ms | ${ratio}x | $target | $cpu ms | $mb MB | $rss |"
done <"$results"
