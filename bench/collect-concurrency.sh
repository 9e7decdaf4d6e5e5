#!/usr/bin/env bash
# Collect wall time and peak RSS for 12 API accounts whose servers each take 1 s to answer.
# Target: wall <= 1.5 s (the slowest provider, not the sum of 12 s), peak RSS <= 128 MB.
# Usage: bench/collect-concurrency.sh [runs]   (needs python3 for the loopback server)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ -f target/costmon.jar ] || ./mvnw -B -q package -DskipTests
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# A threaded loopback server that answers every request after one second, like a slow billing API.
cat >"$work/slow.py" <<'PY'
import http.server, json, sys, time
class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(1.0)
        body = json.dumps({"total": 12.34, "requests": 1000}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 64   # the default of 5 would queue the 12 simultaneous connects
server = Server(("127.0.0.1", 0), Slow)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/slow.py" >"$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

{
  echo "currency: USD"
  echo "database: $work/history.db"
  echo "accounts:"
  for i in $(seq -w 1 12); do
    cat <<YAML
  - id: api-$i
    provider: http-json
    endpoint: http://127.0.0.1:$port
    url: https://billing.example/account/$i
    bearer: \${BENCH_TOKEN}
    amount: /total
YAML
  done
} >"$work/costmon.yaml"

export BENCH_TOKEN=bench-token
# As the Debian launcher runs it: SerialGC, C1 only, an AppCDS archive trained on this collect, and
# sqlite-jdbc's native library unpacked once instead of on every start.
base="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:-UsePerfData"
native=$(java -cp target/costmon.jar org.sqlite.util.OSInfo)
mkdir -p "$work/lib"
(cd "$work/lib" && unzip -qj "$OLDPWD/target/costmon.jar" "org/sqlite/native/$native/libsqlitejdbc.so")
sqlite="-Dorg.sqlite.lib.path=$work/lib -Dorg.sqlite.lib.name=libsqlitejdbc.so"
java $base -XX:ArchiveClassesAtExit="$work/costmon.jsa" $sqlite -jar target/costmon.jar -c "$work/costmon.yaml" collect \
  >/dev/null 2>&1
run() {
  local label=$1; shift
  for r in $(seq "$runs"); do
    set +e
    /usr/bin/time -f '%e %M' -o "$work/time" java "$@" -jar target/costmon.jar -c "$work/costmon.yaml" collect
    code=$?
    set -e
    read -r wall rss <"$work/time"
    printf '%-10s %-6s %-10s %-12s %s\n' "$label" "$r" "$wall" "$((rss / 1024))" "$code"
  done
}
printf '%-10s %-6s %-10s %-12s %s\n' variant run wall_s peak_rss_mb exit
# shellcheck disable=SC2086
run plain $base
# shellcheck disable=SC2086
run launcher $base -XX:SharedArchiveFile="$work/costmon.jsa" $sqlite
