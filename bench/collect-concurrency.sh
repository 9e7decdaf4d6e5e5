#!/usr/bin/env bash
# Collects of 12 and 60 http-json accounts whose loopback server answers each request after 1 s.
# For each run: wall time (process start to exit), the time from process start to the first request
# reaching the server, from the last answer sent to exit, and peak RSS (/usr/bin/time -f %M). The
# variants run interleaved, round by round (A B C, C B A, ...), so the ratios are paired:
#   package   the Debian launcher in a throwaway root prepared as postinst does (bench/common.sh);
#   build     target/costmon, the README's launcher (its per-user caches made beforehand);
#   c16       the package with `concurrency: 16`, the default before issue 22;
#   base      with BENCH_BASE_JAR=path/to/an/older/costmon.jar: that jar in a package root of its own,
#             12 and 60 accounts, for a paired before/after of a change (printed as paired differences);
#   floor     a bare `java` hello-world, the JVM floor: the machine's speed in the same rounds, so
#             the first request is also given as a multiple of it (x floor, paired per round).
# Targets (issue 22): first request <= 0.35 s after start with the package's launcher; 60 accounts
# <= 1.3x the 12-account wall time.
# Usage: bench/collect-concurrency.sh [runs]   (needs python3, /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=target/costmon.jar
# shellcheck source=bench/common.sh
# shellcheck disable=SC1091
. bench/common.sh
if [ ! -f "$jar" ] || [ ! -x target/costmon ]; then ./mvnw -B -q package -DskipTests; fi
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
bench_launcher_root "$work/root" 2>/dev/null
if [ -n "${BENCH_BASE_JAR:-}" ]; then jar=$BENCH_BASE_JAR bench_launcher_root "$work/base" 2>/dev/null; fi
bench_hello "$work/hello"

# A threaded loopback server that answers every request after one second, like a slow billing API,
# and tells (GET /__stats) when the first request arrived and the last answer left (epoch seconds).
cat >"$work/slow.py" <<'PY'
import http.server, json, threading, time
lock = threading.Lock()
stats = {"first": None, "last": None, "requests": 0}
class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/__stats":
            with lock:
                body = json.dumps(stats).encode()
                stats.update(first=None, last=None, requests=0)
        else:
            with lock:
                now = time.time()
                stats["first"] = now if stats["first"] is None else min(stats["first"], now)
                stats["requests"] += 1
            time.sleep(1.0)
            body = json.dumps({"total": 12.34, "requests": 1000}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        if self.path != "/__stats":
            with lock:
                stats["last"] = max(stats["last"] or 0, time.time())
    def log_message(self, *args):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128   # the default of 5 would queue the simultaneous connects
server = Server(("127.0.0.1", 0), Slow)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$work/slow.py" >"$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

config() { # config FILE ACCOUNTS [EXTRA]
  {
    echo "currency: USD"
    echo "database: $work/history-$2-${3:+x}.db"
    [ -n "${3:-}" ] && echo "$3"
    echo "accounts:"
    for i in $(seq -w 1 "$2"); do
      # shellcheck disable=SC2016  # ${BENCH_TOKEN} is for costmon to expand
      printf '  - {id: api-%s, provider: http-json, endpoint: "http://127.0.0.1:%s", url: "https://billing.example/%s", bearer: "${BENCH_TOKEN}", amount: /total}\n' \
        "$i" "$port" "$i"
    done
  } >"$1"
}
config "$work/12.yaml" 12
config "$work/60.yaml" 60
config "$work/60-c16.yaml" 60 "concurrency: 16"
export BENCH_TOKEN=bench-token
# target/costmon's caches, made once before timing (what its first run starts in the background).
target/costmon -c "$work/12.yaml" collect >/dev/null 2>&1 || true
for _ in $(seq 60); do ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/costmon/*.preparing >/dev/null 2>&1 || break; sleep 1; done
curl_stats() { python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$port/__stats').read().decode())"; }
curl_stats >/dev/null

echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)"
python3 - "$runs" "$work" "$port" "${BENCH_BASE_JAR:-}" <<'PY'
import json, statistics, subprocess, sys, time, urllib.request
runs, work, port, base_jar = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
variants = [
    ("package, 12 accounts", f"{work}/root/usr/bin/costmon", "12"),
    ("package, 60 accounts", f"{work}/root/usr/bin/costmon", "60"),
    ("build (target/costmon), 12 accounts", "target/costmon", "12"),
    ("build (target/costmon), 60 accounts", "target/costmon", "60"),
    ("package, 60 accounts, concurrency: 16", f"{work}/root/usr/bin/costmon", "60-c16"),
]
if base_jar:
    variants += [("base jar package, 12 accounts", f"{work}/base/usr/bin/costmon", "12"),
                 ("base jar package, 60 accounts", f"{work}/base/usr/bin/costmon", "60")]
floor_name = "java Hello (JVM floor)"
variants.append((floor_name, None, None))
rows = {v[0]: [] for v in variants}
for round_ in range(runs + 1):
    order = variants if round_ % 2 == 0 else list(reversed(variants))
    for name, launcher, cfg in order:
        start = time.time()
        if launcher is None:
            subprocess.run(["java", "-cp", f"{work}/hello", "Hello"], stdout=subprocess.DEVNULL, check=False)
            if round_ > 0:
                rows[name].append(time.time() - start)
            continue
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f"{work}/rss", launcher, "-c", f"{work}/{cfg}.yaml", "collect"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        end = time.time()
        s = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/__stats").read())
        rss = int(open(f"{work}/rss").read().split()[-1]) / 1024
        if round_ > 0:   # the first round warms the page cache and the server
            rows[name].append((end - start, s["first"] - start, end - s["last"], rss, s["requests"]))
floor = rows[floor_name]
print("| variant | wall | x 12 accounts | first request after start | x floor | exit after last answer | peak RSS | requests |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
base = {"package": rows[variants[0][0]], "build": rows[variants[2][0]]}
for name, _, cfg in variants:
    if cfg is None:
        print("| %s | %.2f s | | | 1.0x | | | |" % (name, statistics.median(floor)))
        continue
    r = rows[name]
    med = lambda i: statistics.median(x[i] for x in r)
    b = base["build" if name.startswith("build") else "package"] if not name.startswith("base") else rows["base jar package, 12 accounts"]
    ratio = statistics.median(x[0] / y[0] for x, y in zip(r, b))
    # The first request in multiples of the same round's JVM floor.
    first_x = statistics.median(x[1] / f for x, f in zip(r, floor))
    print("| %s | %.2f s | %.2fx | %.2f s | %.1fx | %.2f s | %.0f MB | %d |"
          % (name, med(0), ratio, med(1), first_x, med(2), med(3), r[0][4]))
if base_jar:
    for n in ("12", "60"):
        new, old = rows[f"package, {n} accounts"], rows[f"base jar package, {n} accounts"]
        print("package / base jar, %s accounts, paired medians: wall %.2fx, first request %+.0f ms, peak RSS %+.0f MB"
              % (n, statistics.median(x[0] / y[0] for x, y in zip(new, old)),
                 statistics.median((x[1] - y[1]) * 1000 for x, y in zip(new, old)),
                 statistics.median(x[3] - y[3] for x, y in zip(new, old))))
PY
echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
