#!/usr/bin/env bash
# validate-prom.sh FILE.prom: checks a textfile-collector file as its consumers read it.
#  1. `promtool check metrics` reports no error and no lint warning;
#  2. no series appears twice (node_exporter drops duplicates silently; promtool misses them);
#  3. a private node_exporter serving only the textfile collector scrapes it with
#     node_textfile_scrape_error 0 (it rejects a whole file with timestamps, for example).
# Needs promtool and prometheus-node-exporter (Debian packages prometheus, prometheus-node-exporter).
set -euo pipefail
file=$1
promtool=${PROMTOOL:-$(command -v promtool)}
nodeexp=${NODE_EXPORTER:-$(command -v prometheus-node-exporter || command -v node_exporter)}

out=$("$promtool" check metrics <"$file" 2>&1) || { echo "FAIL promtool check metrics: $out"; exit 1; }
[ -z "$out" ] || { echo "FAIL promtool lint: $out"; exit 1; }

dups=$(grep -v '^#' "$file" | sed -E 's/ [^ ]+$//' | sort | uniq -d | head -3)
[ -z "$dups" ] || { echo "FAIL duplicate series: $dups"; exit 1; }

tmp=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
cp "$file" "$tmp/costmon.prom"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 30000)))
"$nodeexp" --web.listen-address="127.0.0.1:$port" --collector.disable-defaults --collector.textfile \
  --collector.textfile.directory="$tmp" >"$tmp/ne.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/metrics" -o "$tmp/scrape" 2>/dev/null && break
  sleep 0.1
done
[ -s "$tmp/scrape" ] || { echo "FAIL node_exporter did not answer: $(tail -2 "$tmp/ne.log")"; exit 1; }
err=$(awk '$1 == "node_textfile_scrape_error" {print $2}' "$tmp/scrape")
[ "$err" = "0" ] || { echo "FAIL node_textfile_scrape_error=${err:-missing}: $(grep -i error "$tmp/ne.log" | head -2)"; exit 1; }
want=$(grep -vc '^#' "$file")
got=$(grep -c '^costmon_' "$tmp/scrape" || true)
[ "$want" = "$got" ] || { echo "FAIL $want samples in the file, $got scraped"; exit 1; }
echo "ok   $file: promtool clean, $got samples scraped by node_exporter"
