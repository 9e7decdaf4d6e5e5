#!/usr/bin/env bash
# ops-checks.sh — checks the operations side of costmon: the Debian package (build,
# lintian, unpack and run), the systemd units, the Prometheus rules and the Grafana
# dashboard. Called by .ci/run after `./mvnw -B -ntp verify`, so
# target/costmon.jar exists. Tools come from Debian packages, installed when missing;
# a check is skipped (a "SKIP: reason" line) only when its tool cannot be installed.
# Prints ok/FAIL/SKIP lines; exits 1 if any check failed.
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo" || exit 1
failed=0
ok()   { echo "ok   $*"; }
fail() { echo "FAIL $*"; failed=1; }
skip() { echo "SKIP: $*"; }
work=$(mktemp -d /tmp/costmon-ops.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The only metric names costmon writes (see README); rules and dashboard may use no other.
costmon_metrics="costmon_build_info costmon_demo costmon_spend_month_to_date
  costmon_spend_month_to_date_reporting costmon_service_spend_month_to_date costmon_cap
  costmon_cap_used_ratio costmon_forecast_month_end costmon_forecast_cap_ratio costmon_usage
  costmon_quota costmon_quota_used_ratio costmon_last_success_timestamp_seconds
  costmon_max_age_seconds costmon_collect_success costmon_collect_duration_seconds
  costmon_total_spend_month_to_date costmon_total_forecast_month_end costmon_total_cap
  costmon_total_cap_used_ratio costmon_floor costmon_spend_daily costmon_spend_daily_reporting
  costmon_attributed_spend_month_to_date costmon_provenance_spend_month_to_date
  costmon_model_spend_month_to_date"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
apt_updated=0
apt_update_once() {
  [ $apt_updated = 1 ] || as_root apt-get update -qq >>"$work/apt.log" 2>&1
  apt_updated=1
}
# ensure TOOL PACKAGE: TOOL on PATH, else `apt-get install PACKAGE` (as root or sudo -n).
ensure() {
  command -v "$1" >/dev/null && return 0
  echo "     installing $2 for $1"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get install -y -qq --no-install-recommends "$2" >>"$work/apt.log" 2>&1 \
    || { apt_update_once; as_root apt-get install -y -qq --no-install-recommends "$2" >>"$work/apt.log" 2>&1; }
  command -v "$1" >/dev/null
}

# promtool without installing (and starting) a Prometheus server: Debian's package is
# unpacked into the cache that ../shared/tools/validate-prom.sh uses too.
find_promtool() {
  local cache=${PROMTOOLS_DIR:-$HOME/.cache/costmon-promtools}
  promtool=${PROMTOOL:-$(command -v promtool || true)}
  [ -x "$promtool" ] && return 0
  if [ ! -x "$cache/usr/bin/promtool" ]; then
    mkdir -p "$cache/debs"
    ( cd "$cache/debs" && apt-get download prometheus >>"$work/apt.log" 2>&1 ) \
      || { apt_update_once; ( cd "$cache/debs" && apt-get download prometheus >>"$work/apt.log" 2>&1 ); }
    for d in "$cache"/debs/prometheus_*.deb; do [ -f "$d" ] && dpkg -x "$d" "$cache"; done
  fi
  promtool=$cache/usr/bin/promtool
  [ -x "$promtool" ]
}

# ---- Debian package ---------------------------------------------------------------------
deb=""
check_package() {
  if ! deb=$(packaging/build-deb.sh 2>"$work/build.err"); then
    fail "packaging/build-deb.sh: $(cat "$work/build.err")"; deb=""; return
  fi
  ok "built ${deb#"$repo"/}"

  if ensure lintian lintian; then
    # Errors fail; warnings and overrides are printed for the log.
    if lintian --fail-on error --pedantic "$deb" >"$work/lintian.out" 2>&1; then
      ok "lintian: no errors ($(grep -c '^W: ' "$work/lintian.out") warnings)"
    else
      fail "lintian reported errors"
    fi
    grep -E '^[EWP]: ' "$work/lintian.out" | sed 's/^/     /'
  else
    skip "lintian not installable"
  fi

  # Modes the package promises (dpkg -x keeps them, but this reads the archive itself).
  local listing
  listing=$(dpkg-deb -c "$deb")
  for want in "-rw------- root/root ./etc/costmon/credentials.env" \
              "-rw-r----- root/root ./etc/costmon/config.yaml" \
              "-rwxr-xr-x root/root ./usr/bin/costmon" \
              "-rw-r--r-- root/root ./usr/share/costmon/costmon.jar" \
              "-rw-r--r-- root/root ./lib/systemd/system/costmon-collect.timer" \
              "-rw-r--r-- root/root ./lib/systemd/system/costmon-digest.timer" \
              "-rw-r--r-- root/root ./lib/systemd/system/costmon-digest.service" \
              "-rw-r--r-- root/root ./usr/share/man/man1/costmon.1.gz" \
              "-rw-r--r-- root/root ./usr/share/bash-completion/completions/costmon" \
              "-rw-r--r-- root/root ./usr/share/zsh/vendor-completions/_costmon"; do
    read -r mode owner path <<<"$want"
    if awk -v m="$mode" -v o="$owner" -v p="$path" '$1 == m && $2 == o && $6 == p {f=1} END {exit !f}' <<<"$listing"; then
      ok "package has $path $mode $owner"
    else
      fail "package lacks $path with $mode $owner"
    fi
  done
}

# Unpacks the package into a throwaway root (no maintainer scripts, nothing on the host
# changes) and runs it from there: the launcher finds its jar relative to itself.
root=""
check_unpacked() {
  [ -n "$deb" ] || { skip "unpacked package: no package built"; return; }
  root=$work/root
  mkdir -p "$root" "$work/control"
  dpkg -x "$deb" "$root" && dpkg-deb -e "$deb" "$work/control"
  if (cd "$root" && md5sum --quiet -c "$work/control/md5sums"); then ok "md5sums match the unpacked files"; else fail "md5sums"; fi

  ensure unzip unzip || skip "unzip not installable: sqlite native library not checked"
  # What postinst runs: sqlite native library and CDS archive, here inside the root.
  "$root/usr/share/costmon/prepare-startup" 2>"$work/prepare.err"
  [ -s "$work/prepare.err" ] && sed 's/^/     /' "$work/prepare.err"
  [ -s "$root/var/cache/costmon/costmon.jsa" ] && ok "prepare-startup wrote the CDS archive" \
    || fail "prepare-startup wrote no CDS archive"

  local version want got
  version=$(dpkg-deb -f "$deb" Version)
  want=$(java -jar target/costmon.jar --version 2>&1)
  if got=$("$root/usr/bin/costmon" --version 2>&1); then
    if [ "$got" != "$want" ]; then fail "launcher --version printed '$got', the jar prints '$want'"
    elif [[ "$got" != *"${version/\~/-}"* ]]; then fail "costmon --version ('$got') does not show $version"
    else ok "unpacked costmon --version: $got"; fi
  else
    fail "unpacked costmon --version exited non-zero: $got"
  fi
  # -Xshare:on turns "archive unusable" from silent into an error. Not with --version, which the
  # launcher runs without the archive.
  if COSTMON_JAVA_OPTS=-Xshare:on "$root/usr/bin/costmon" --help >/dev/null 2>"$work/cds.err"; then
    ok "launcher maps the CDS archive (-Xshare:on)"
  else
    fail "CDS archive not usable: $(head -2 "$work/cds.err" | tr '\n' ' ')"
  fi

  # sqlite-jdbc loads the unpacked library with the launcher's own flags, even when it
  # could not unpack one itself (java.io.tmpdir does not exist). Needs a JDK to run a
  # single-file program; CI has one.
  local lib=$root/usr/lib/costmon/libsqlitejdbc.so opts
  if [ ! -f "$lib" ]; then fail "no $lib after prepare-startup"; return; fi
  opts=$(COSTMON_LAUNCHER_DEBUG=1 COSTMON_JAVA=true "$root/usr/bin/costmon" 2>&1 | sed -n 's/^costmon launcher: true \(.*\) -jar .*/\1/p')
  case $opts in *-Dorg.sqlite.lib.path=*) ;; *) fail "launcher does not pass org.sqlite.lib.path"; return ;; esac
  cat >"$work/SqliteLoads.java" <<'EOF'
public class SqliteLoads {
  public static void main(String[] a) throws Exception {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
         var r = c.createStatement().executeQuery("select sqlite_version()")) {
      r.next();
      System.out.println(r.getString(1));
    }
  }
}
EOF
  # Java 24+ warns on every start when a library calls System.load without native access granted;
  # the jar's manifest grants it. Checked with any newer JDK this machine has.
  local newer
  newer=$(ls -d /usr/lib/jvm/*-2[4-9]-* /usr/lib/jvm/*-2[4-9] 2>/dev/null | head -1 || true)
  if [ -n "$newer" ] && [ -x "$newer/bin/java" ]; then
    if COSTMON_JAVA=$newer/bin/java "$root/usr/bin/costmon" demo --days 2 --dir "$work/demo-newer" \
        >/dev/null 2>"$work/newer.err" && ! grep -q WARNING "$work/newer.err"; then
      ok "costmon demo on $(basename "$newer") prints no JVM warning"
    else
      fail "costmon demo on $(basename "$newer"): $(head -2 "$work/newer.err" | tr '\n' ' ')"
    fi
  else
    skip "no JDK 24+ under /usr/lib/jvm: native-access warning not checked"
  fi

  local sqlite_version
  # shellcheck disable=SC2086  # $opts is a list of JVM options
  if sqlite_version=$(java $opts -Djava.io.tmpdir=/nonexistent -cp "$root/usr/share/costmon/costmon.jar" \
      "$work/SqliteLoads.java" 2>"$work/sqlite.err"); then
    ok "sqlite $sqlite_version loads from /usr/lib/costmon with the launcher's flags"
  elif grep -q 'jdk.compiler' "$work/sqlite.err" || ! java --list-modules 2>/dev/null | grep -q '^jdk.compiler'; then
    skip "no JDK compiler to run the sqlite load check"
  else
    fail "sqlite native library from /usr/lib/costmon: $(grep -m1 -E 'Exception|Error' "$work/sqlite.err")"
  fi
}

# ---- systemd units ----------------------------------------------------------------------
# `systemd-analyze verify` needs the ExecStart= binaries and every referenced unit, and it
# exits 0 on unknown keys. So it runs with --root= on the unpacked package (which has
# /usr/bin/costmon and /etc/costmon/notify), with the host's own units copied in for
# sysinit.target and friends, and any output at all counts as a failure.
check_units() {
  if ! ensure systemd-analyze systemd; then skip "systemd-analyze not installable"; return; fi
  [ -n "$root" ] || { skip "units: no unpacked package"; return; }
  mkdir -p "$root/usr/lib/systemd/system"
  cp -an /usr/lib/systemd/system/. "$root/usr/lib/systemd/system/" 2>/dev/null \
    || cp -an /lib/systemd/system/. "$root/usr/lib/systemd/system/"
  local man_opt=()
  # Documentation=man:costmon(1) is checked with man(1) against the package's page.
  if ! command -v man >/dev/null; then man_opt=(--man=no); echo "     man(1) missing: Documentation= not checked"; fi
  local unit out
  for unit in "$root"/lib/systemd/system/costmon*; do
    if out=$(MANPATH=$root/usr/share/man systemd-analyze verify "${man_opt[@]}" --root="$root" "$unit" 2>&1) \
        && [ -z "$out" ]; then ok "systemd-analyze verify ${unit##*/}"
    else fail "systemd-analyze verify ${unit##*/}: $(tr '\n' ' ' <<<"$out")"; fi
  done
  if grep -q '^MemoryDenyWriteExecute=yes' systemd/costmon-collect.service systemd/costmon-check.service \
      systemd/costmon-digest.service; then
    fail "MemoryDenyWriteExecute=yes breaks the JVM's JIT"
  fi

  # Exposure (systemd-analyze security, offline): at most 2.5 for every service.
  local score
  for unit in systemd/*.service; do
    score=$(systemd-analyze security --offline=true "$unit" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    if [ -n "$score" ] && awk -v s="$score" 'BEGIN {exit !(s <= 2.5)}'; then ok "exposure of ${unit##*/}: $score"
    else fail "exposure of ${unit##*/}: ${score:-not measured} (at most 2.5)"; fi
  done

  # The sandbox still runs the JVM. systemd-run needs systemd as PID 1, which CI lacks, so the
  # parts that can break a JVM are applied one by one: the units' system-call filter (seccomp,
  # through libseccomp) and ProtectProc=invisible + ProcSubset=pid (a private /proc, if unshare works).
  local jar=$repo/target/costmon.jar
  for unit in systemd/costmon-collect.service systemd/costmon-check.service systemd/costmon-digest.service; do
    if ! python3 .ci/seccomp-run.py "$unit" -- java -version >"$work/sc.out" 2>&1; then
      fail "java -version under the system-call filter of ${unit##*/}: $(tail -2 "$work/sc.out" | tr '\n' ' ')"
    elif ! (mkdir -p "$work/sc-demo" && cd "$work/sc-demo" && python3 "$repo/.ci/seccomp-run.py" "$repo/$unit" -- \
        java -jar "$jar" demo --days 3 >"$work/sc.out" 2>&1); then
      fail "costmon demo under the system-call filter of ${unit##*/}: $(tail -2 "$work/sc.out" | tr '\n' ' ')"
    else
      ok "java -version and costmon demo run under the system-call filter of ${unit##*/}"
    fi
  done
  if python3 .ci/seccomp-run.py systemd/costmon-notify@.service -- sh packaging/notify costmon-check.service >"$work/sc.out" 2>&1; then
    ok "the notify script runs under the system-call filter of costmon-notify@.service"
  else
    fail "notify script under its filter: $(tail -2 "$work/sc.out" | tr '\n' ' ')"
  fi
  if python3 .ci/seccomp-run.py systemd/costmon-collect.service -- hostname costmon-test >/dev/null 2>&1; then
    fail "the system-call filter let sethostname through: seccomp-run.py does not filter"
  fi
  if unshare --mount --pid --fork true 2>/dev/null; then
    if unshare --mount --pid --fork sh -c "mount -t proc -o subset=pid,hidepid=invisible proc /proc \
        && cd '$work/sc-demo' && java -jar '$jar' demo --days 3" >"$work/proc.out" 2>&1; then
      ok "costmon demo runs with ProtectProc=invisible and ProcSubset=pid (private /proc)"
    else
      fail "costmon demo with a pid-only /proc: $(tail -2 "$work/proc.out" | tr '\n' ' ')"
    fi
  else
    skip "unshare not permitted: ProtectProc=/ProcSubset= not tried with the JVM"
  fi
}

# ---- Prometheus rules and Grafana dashboard ---------------------------------------------
# unknown_metrics FILE...: every costmon_* name in FILE that costmon does not write.
unknown_metrics() {
  grep -ohE '\bcostmon_[a-z0-9_]+' "$@" | sort -u | grep -vxF -f <(tr -s ' \n' '\n' <<<"$costmon_metrics")
}

check_rules() {
  if ! find_promtool; then skip "promtool not installable (Debian package prometheus)"; return; fi
  local out
  if out=$("$promtool" check rules examples/prometheus/costs.yml 2>&1); then ok "promtool check rules costs.yml: $(grep -o '[0-9]* rules found' <<<"$out")"
  else fail "promtool check rules: $out"; fi
  if out=$(cd examples/prometheus && "$promtool" test rules costs_test.yml 2>&1); then ok "promtool test rules costs_test.yml"
  else fail "promtool test rules: $out"; fi
  local bad
  bad=$(unknown_metrics examples/prometheus/costs.yml)
  [ -z "$bad" ] && ok "rules use only costmon's metric names" || fail "rules use unknown metrics: $bad"
}

check_dashboard() {
  local f=examples/grafana/costs-dashboard.json
  ensure jq jq || { skip "jq not installable: dashboard not checked"; return; }
  if ! jq empty "$f" 2>"$work/jq.err"; then fail "$f is not JSON: $(cat "$work/jq.err")"; return; fi
  # Importable as is: a uid, a schema version, a Prometheus data source variable that
  # every query uses, and a grid position on every panel.
  local problems
  problems=$(jq -r '
    (if (.uid // "") == "" then "no uid" else empty end),
    (if (.schemaVersion // 0) < 36 then "schemaVersion \(.schemaVersion)" else empty end),
    (if ([.templating.list[] | select(.name == "datasource" and .type == "datasource" and .query == "prometheus")] | length) != 1
       then "no datasource variable of type prometheus" else empty end),
    (.panels[] | select(.gridPos == null) | "panel \(.id) has no gridPos"),
    (.panels[] | select(.type != "row") | select(.datasource.uid != "${datasource}") | "panel \(.id) does not use ${datasource}"),
    (.panels[] | .targets[]? | select(.datasource.uid != "${datasource}") | "query \(.expr) does not use ${datasource}")' "$f")
  [ -z "$problems" ] && ok "dashboard: uid, schemaVersion, \${datasource}, gridPos" || fail "dashboard: $problems"

  jq -r '.panels[].targets[]?.expr, (.templating.list[] | .query.query? // empty)' "$f" >"$work/exprs"
  local bad
  bad=$(unknown_metrics "$work/exprs")
  [ -z "$bad" ] && ok "dashboard uses only costmon's metric names" || fail "dashboard uses unknown metrics: $bad"

  # promtool parses PromQL in rule files: each panel query becomes a recording rule,
  # with the $account variable replaced by what Grafana sends for "All".
  if find_promtool; then
    jq -r '[.panels[].targets[]?.expr] | to_entries[]
           | "      - record: dashboard:query\(.key)\n        expr: \(.value | gsub("\\$(account|job|instance)"; ".*") | @json)"' "$f" \
      | { printf 'groups:\n  - name: dashboard\n    rules:\n'; cat; } >"$work/dashboard-queries.yml"
    local out
    if out=$("$promtool" check rules "$work/dashboard-queries.yml" 2>&1); then ok "dashboard PromQL parses ($(grep -o '[0-9]* rules' <<<"$out"))"
    else fail "dashboard PromQL: $out"; fi
  fi
}

# Grafana's published schema (npm @grafana/schema, pinned) as TypeScript types: the dashboard,
# pasted as an object literal typed as a Dashboard, must type-check (unknown keys, wrong types and
# missing required fields fail). The schema's enums are compared as the strings JSON holds.
check_dashboard_schema() {
  local dir=${GRAFANA_SCHEMA_DIR:-$HOME/.cache/costmon-grafana-schema}
  ensure npm npm || { skip "npm not installable: dashboard schema not checked"; return; }
  if [ ! -x "$dir/node_modules/.bin/tsc" ] || [ ! -d "$dir/node_modules/@grafana/schema" ]; then
    mkdir -p "$dir" && echo '{"private": true}' >"$dir/package.json"
    (cd "$dir" && npm install --no-audit --no-fund --ignore-scripts @grafana/schema@13.2.3 typescript@5.6.3 \
      >>"$work/npm.log" 2>&1) || { fail "npm install @grafana/schema@13.2.3 typescript@5.6.3: $(tail -2 "$work/npm.log")"; return; }
  fi
  {
    echo "import type { Dashboard } from '@grafana/schema';"
    echo 'type Json<T> = T extends string ? `${T}` : T extends (infer E)[] ? Json<E>[]'
    echo '  : T extends object ? { [K in keyof T]: Json<T[K]> } : T;'
    echo 'export const dashboard: Json<Dashboard> ='
    cat examples/grafana/costs-dashboard.json
    echo ';'
  } >"$dir/check.ts"
  local out
  if out=$(cd "$dir" && node_modules/.bin/tsc --noEmit --strict --skipLibCheck --moduleResolution bundler \
      --module esnext --target es2020 check.ts 2>&1); then
    ok "dashboard matches Grafana's schema (@grafana/schema 13.2.3, checked by tsc)"
  else
    fail "dashboard against @grafana/schema 13.2.3:"; head -10 <<<"$out" | sed 's/^/     /'
  fi
}

# ---- backfill recipe (README "Backfilling Prometheus") -----------------------------------
# The recipe end to end: 90 days of demo history exported as OpenMetrics, blocks created with
# the recipe's flags, a Prometheus on loopback started on them with the recipe's retention, and
# the first day queried. Without the retention Prometheus deletes most of the blocks at start.
check_backfill() {
  if ! find_promtool; then skip "backfill: promtool not installable"; return; fi
  local prometheus=${PROMETHEUS:-$(dirname "$promtool")/prometheus}
  [ -x "$prometheus" ] || { skip "backfill: no prometheus binary next to $promtool"; return; }
  local d=$work/backfill first port pid out
  mkdir -p "$d"
  (cd "$d" && java -jar "$repo/target/costmon.jar" demo --days 90 >/dev/null) || { fail "backfill: costmon demo"; return; }
  first=$(date -u -d '89 days ago' +%F)
  java -jar target/costmon.jar -c "$d/costmon-demo/costmon.yaml" export --format openmetrics --from "$first" \
    --output "$d/history.om" || { fail "backfill: costmon export --format openmetrics"; return; }
  # The recipe's commands, as the README gives them.
  if ! out=$("$promtool" tsdb create-blocks-from openmetrics --max-block-duration=744h "$d/history.om" "$d/blocks" 2>&1); then
    fail "backfill: promtool tsdb create-blocks-from openmetrics: $out"; return
  fi
  mkdir -p "$d/metrics2" && mv "$d"/blocks/* "$d/metrics2/"
  # The live side: node_exporter serving the demo's .prom, scraped as job "node".
  local nodeexp=${NODE_EXPORTER:-$(dirname "$promtool")/prometheus-node-exporter} neport nepid=""
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  neport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$d/textfile" && cp "$d/costmon-demo/costmon.prom" "$d/textfile/"
  if [ -x "$nodeexp" ]; then
    "$nodeexp" --web.listen-address="127.0.0.1:$neport" --collector.disable-defaults --collector.textfile \
      --collector.textfile.directory="$d/textfile" >"$d/ne.log" 2>&1 &
    nepid=$!
  fi
  printf 'global:\n  scrape_interval: 1m\nscrape_configs:\n  - job_name: node\n    scrape_interval: 1s\n    static_configs: [{targets: ["127.0.0.1:%s"]}]\n' \
    "$neport" >"$d/prometheus.yml"
  "$prometheus" --config.file="$d/prometheus.yml" --storage.tsdb.path="$d/metrics2" \
    --storage.tsdb.retention.time=3y --web.listen-address="127.0.0.1:$port" >"$d/prometheus.log" 2>&1 &
  pid=$!
  for _ in $(seq 150); do curl -fsS "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && break; sleep 0.2; done
  local t n
  t=$(date -u -d "$first 23:59:59" +%s)
  n=$(curl -fsS "http://127.0.0.1:$port/api/v1/query" --data-urlencode "query=count(costmon_spend_month_to_date_reporting)" \
      --data-urlencode "time=$t" | jq -r '.data.result[0].value[1] // "0"')
  if [ "${n:-0}" -gt 0 ] 2>/dev/null; then
    ok "backfill recipe: Prometheus with --storage.tsdb.retention.time=3y answers for $first ($n accounts)"
  else
    fail "backfill recipe: no data for the first day $first: $(grep -iE 'err|delet' "$d/prometheus.log" | head -3 | tr '\n' ' ')"
  fi
  if [ -n "$nepid" ]; then dashboard_queries "$port" "127.0.0.1:$neport" "$t"
  else skip "dashboard queries: no node_exporter"; fi
  kill "$pid" ${nepid:+"$nepid"} 2>/dev/null; wait 2>/dev/null
}

# dashboard_queries PORT INSTANCE FIRST_DAY_END: every panel query of the dashboard, with the
# variables as a user picks them (job node, the one instance, every account), run against the
# Prometheus on PORT that holds the backfilled history and scrapes the demo's .prom. A query
# that errors or returns nothing fails; history panels (those that take series without a job,
# i.e. backfilled ones) must also answer for the first backfilled day.
dashboard_queries() {
  local port=$1 instance=$2 first=$3 q e r n count=0
  for _ in $(seq 100); do
    r=$(curl -fsS "http://127.0.0.1:$port/api/v1/query" --data-urlencode 'query=costmon_build_info{job="node"}' | jq -r '.data.result | length')
    [ "$r" = 1 ] && break; sleep 0.2
  done
  while IFS= read -r e; do
    q=${e//\$job/node}; q=${q//\$instance/$instance}; q=${q//\$account/.*}
    count=$((count + 1))
    echo "     query: $q"
    r=$(curl -sS "http://127.0.0.1:$port/api/v1/query" --data-urlencode "query=$q")
    n=$(jq -r 'if .status == "success" then (.data.result | length) else "error: \(.error)" end' <<<"$r")
    if [[ $n == error* ]]; then fail "dashboard query $q: $n"
    elif [ "$n" = 0 ]; then fail "dashboard query returns nothing: $q"
    fi
    if [[ $e == *'(|$job)'* ]]; then
      n=$(curl -sS "http://127.0.0.1:$port/api/v1/query" --data-urlencode "query=$q" --data-urlencode "time=$first" \
        | jq -r '.data.result | length')
      [ "$n" -gt 0 ] || fail "dashboard history query returns nothing for the first backfilled day: $q"
    fi
  done < <(jq -r '.panels[].targets[]?.expr' examples/grafana/costs-dashboard.json)
  ok "dashboard: $count panel queries run against Prometheus (backfilled history + scraped demo .prom)"
  # $account is label_values(METRIC, account): over the first backfilled day alone it must list accounts.
  local metric
  metric=$(jq -r '.templating.list[] | select(.name == "account") | .query.query' examples/grafana/costs-dashboard.json \
    | sed -n 's/^label_values(\([a-z_]*\), account)$/\1/p')
  n=$(curl -fsS -G "http://127.0.0.1:$port/api/v1/label/account/values" --data-urlencode "match[]=$metric" \
      --data-urlencode "start=$((first - 3600))" --data-urlencode "end=$first" | jq -r '.data | length')
  if [ "${n:-0}" -gt 0 ] 2>/dev/null; then ok "\$account lists $n accounts from the backfilled history alone ($metric)"
  else fail "\$account (label_values of ${metric:-?}) lists nothing for the backfilled first day"; fi
}

# ---- shell scripts ----------------------------------------------------------------------
check_scripts() {
  local s scripts=(packaging/costmon packaging/prepare-startup packaging/notify packaging/build-deb.sh
                   packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm .ci/ops-checks.sh
                   bench/startup.sh bench/library-floor.sh bench/common.sh bench/collect-concurrency.sh bench/focus-import.sh
                   bench/accounts-scale.sh bench/build-launcher.sh)
  for s in "${scripts[@]}"; do
    if head -1 "$s" | grep -q bash; then bash -n "$s"; else sh -n "$s"; fi || fail "syntax: $s"
  done
  if ensure shellcheck shellcheck; then
    if shellcheck -S warning "${scripts[@]}" >"$work/shellcheck.out" 2>&1; then ok "shellcheck ${#scripts[@]} scripts"
    else fail "shellcheck:"; sed 's/^/     /' "$work/shellcheck.out"; fi
  else
    skip "shellcheck not installable"
  fi
}

# The README's launcher (target/costmon, written by the build): the package's flags, the JIT per
# command, and its caches made per user in the background by its first run.
check_build_launcher() {
  if [ ! -x target/costmon ] || [ ! -x target/prepare-startup ]; then fail "the build wrote no target/costmon"; return; fi
  local cache=$work/xdg opts
  opts=$(XDG_CACHE_HOME=$cache COSTMON_LAUNCHER_DEBUG=1 COSTMON_JAVA=true target/costmon --version 2>&1)
  case $opts in *-XX:TieredStopAtLevel=1*-Xmn16m*) ok "target/costmon --version: C1, 16 MB young generation" ;;
    *) fail "target/costmon --version options: $opts" ;; esac
  [ -d "$cache/costmon" ] && fail "--version started the caches' preparation"
  # Any other command starts the preparation, which would inherit COSTMON_JAVA=true and record a
  # failed archive in $cache: this look at the flags gets a cache of its own.
  opts=$(XDG_CACHE_HOME=$work/xdg-flags COSTMON_LAUNCHER_DEBUG=1 COSTMON_JAVA=true target/costmon -c import import focus x 2>&1)
  case $opts in *TieredStopAtLevel*|*-Xmn*) fail "target/costmon import runs with the short commands' flags: $opts" ;;
    *) ok "target/costmon import: the full JIT" ;; esac
  opts=$(XDG_CACHE_HOME=$work/xdg-flags COSTMON_LAUNCHER_DEBUG=1 COSTMON_JAVA=true target/costmon -c x.yaml collect \
    --from 2026-01-01 2>&1)
  case $opts in *-XX:TieredStopAtLevel=1*-Xmn16m*) ok "target/costmon collect --from: C1 (a backfill waits for providers)" ;;
    *) fail "target/costmon collect --from options: $opts" ;; esac
  if ! (cd "$work" && XDG_CACHE_HOME=$cache "$repo/target/costmon" demo --days 2 --dir "$work/build-demo" >/dev/null 2>&1); then
    fail "target/costmon demo failed"; return
  fi
  for _ in $(seq 120); do ls -d "$cache"/costmon/*.preparing >/dev/null 2>&1 || break; sleep 1; done
  opts=$(XDG_CACHE_HOME=$cache COSTMON_LAUNCHER_DEBUG=1 COSTMON_JAVA=true target/costmon report 2>&1)
  case $opts in *-XX:SharedArchiveFile=$cache/costmon/*-Dorg.sqlite.lib.path=$cache/costmon/*)
      ok "target/costmon uses the archive and sqlite library its first run made in $cache/costmon" ;;
    *) fail "target/costmon after its first run: $opts ($(ls -R "$cache" 2>&1 | tr '\n' ' '))" ;; esac
  if XDG_CACHE_HOME=$cache COSTMON_JAVA_OPTS=-Xshare:on target/costmon -c "$work/build-demo/costmon.yaml" report \
      >/dev/null 2>"$work/build-cds.err"; then
    ok "target/costmon maps its archive (-Xshare:on)"
  else
    fail "target/costmon's archive not usable: $(head -2 "$work/build-cds.err" | tr '\n' ' ')"
  fi
}

check_package
check_unpacked
check_build_launcher
check_units
check_rules
check_dashboard
check_dashboard_schema
check_backfill
check_scripts

if [ $failed = 0 ]; then echo "PASS ops-checks"; else echo "FAIL ops-checks"; fi
exit $failed
