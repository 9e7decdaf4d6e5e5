#!/usr/bin/env bash
# Backfill 12 months x 12 accounts (collect --from) against loopback Anthropic Admin APIs that
# answer every request after 200 ms. Reports wall time, requests, and the ratio of wall time to the
# unavoidable sequential latency of one account (its requests that must follow one another x 200 ms;
# the accounts run side by side, so the slowest account bounds the run). Target: ratio <= 1.2.
# Each round also times one account alone right after, for a ratio that the VM's load cancels out.
# Usage: bench/backfill.sh [runs]   (needs python3 for the loopback server)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
accounts=${ACCOUNTS:-12}
months=12
latency=0.2
[ -f target/costmon.jar ] || ./mvnw -B -q package -DskipTests
# LAUNCHER=target/costmon times the README's launcher (C1, class-data archive).
launcher=${LAUNCHER:-java -jar target/costmon.jar}
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# cost_report and usage_report/messages in the documented shape: one daily bucket per day, the
# whole window on one page (a month is at most 31 buckets, the API's page limit); 1 USD a day.
cat >"$work/anthropic.py" <<'PY'
import datetime, http.server, json, sys, threading, time, urllib.parse
latency = float(sys.argv[1])
count_file = sys.argv[2]
lock = threading.Lock()
count = 0
class Api(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        global count
        time.sleep(latency)
        url = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(url.query)
        start = datetime.date.fromisoformat(q["starting_at"][0][:10])
        end = datetime.date.fromisoformat(q["ending_at"][0][:10])
        cost = url.path.endswith("/cost_report")
        data, d = [], start
        while d < end:
            results = [{"currency": "USD", "amount": "100", "workspace_id": None,
                        "description": "Claude Sonnet 4 Usage - Input Tokens", "cost_type": "tokens"}] if cost else []
            data.append({"starting_at": f"{d}T00:00:00Z", "ending_at": f"{d + datetime.timedelta(days=1)}T00:00:00Z",
                         "results": results})
            d += datetime.timedelta(days=1)
        body = json.dumps({"data": data, "has_more": False, "next_page": None}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with lock:
            count += 1
            with open(count_file, "w") as f:
                f.write(str(count))
    def log_message(self, *args):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 64
server = Server(("127.0.0.1", 0), Api)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/anthropic.py" "$latency" "$work/count" >"$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

# The last $months whole months before this one.
from=$(date -u -d "$(date -u +%Y-%m-01) -$months months" +%Y-%m-%d)
to=$(date -u -d "$(date -u +%Y-%m-01) -1 day" +%Y-%m-%d)
write_config() {  # write_config FILE ACCOUNTS
  {
    echo "currency: USD"
    echo "database: ${1%.yaml}.db"
    echo "concurrency: $2"
    echo "accounts:"
    for i in $(seq -w 1 "$2"); do
      cat <<YAML
  - id: claude-$i
    provider: anthropic
    endpoint: http://127.0.0.1:$port
    admin_key: \${BENCH_KEY}
YAML
    done
  } >"$1"
}
export BENCH_KEY=sk-ant-admin01-bench
write_config "$work/many.yaml" "$accounts"
write_config "$work/one.yaml" 1
java -jar target/costmon.jar -c "$work/many.yaml" collect --from "$from" --to "$to" --dry-run | tail -n +2 \
  | head -3

# One account's windows run one after another (anthropic allows one at a time), each a cost and a
# usage request: 12 x 2 x 200 ms = 4.8 s that no scheduling can save.
per_window=2
unavoidable=$(python3 -c "print(f'{$months * $per_window * $latency:.1f}')")

# backfill CONFIG: one timed backfill into an empty database; sets wall, requests, code, load.
backfill() {
  rm -f "${1%.yaml}.db"
  load=$(cut -d' ' -f1 /proc/loadavg)
  local before
  before=$(cat "$work/count" 2>/dev/null || echo 0)
  set +e
  # shellcheck disable=SC2086 # the launcher may be a command with arguments
  /usr/bin/time -f '%e' -o "$work/time" $launcher -c "$1" collect \
    --from "$from" --to "$to" >"$work/out" 2>&1
  code=$?
  set -e
  wall=$(cat "$work/time")
  requests=$(($(cat "$work/count") - before))
}

# Each round runs the N-account backfill and, right after it, the same backfill of one account: a
# loaded VM slows both alike, so wall(N) / wall(1) says what running N accounts side by side costs
# whatever the load (1.0 = nothing), while wall(N) / unavoidable is the issue's target.
printf '%-4s %-6s %-8s %-9s %-8s %-6s %-8s %s\n' round load1 wall_s requests 1acct_s ratio paired exit
for r in $(seq "$runs"); do
  backfill "$work/many.yaml"
  many=$wall many_requests=$requests many_code=$code many_load=$load
  backfill "$work/one.yaml"
  ratio=$(python3 -c "print(f'{$many / $unavoidable:.2f}')")
  paired=$(python3 -c "print(f'{$many / $wall:.2f}')")
  printf '%-4s %-6s %-8s %-9s %-8s %-6s %-8s %s\n' "$r" "$many_load" "$many" "$many_requests" "$wall" "$ratio" \
    "$paired" "$many_code/$code"
done
echo "from $from to $to, $accounts accounts x $months windows, $latency s per request; launcher: $launcher;"\
  "java: $(java -version 2>&1 | head -1)"
