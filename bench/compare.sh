#!/usr/bin/env bash
# Runs the bench scenarios against our server (the jar) and against the Node.js socket.io 4.8.4
# server of this folder, in turn, on the same port, each server fresh for each scenario, and prints
# both side by side with their ratios. Loads go to 127.0.0.0/8 only; every run is bounded in time.
#
#   bash bench/compare.sh                       # everything, with and without a deflate offer
#   SCENARIOS="storm idle" DEFLATE="no" bash bench/compare.sh
#
# Settings (environment): PORT (3411), SCENARIOS ("idle storm fanout"), DEFLATE ("no yes"),
# IDLE_CONNECTIONS (10000), IDLE_HOLD (30s), STORM_CONNECTIONS (10000), STORM_CONCURRENCY (500),
# FANOUT_RESTAURANTS (50), FANOUT_SUBSCRIBERS (100), FANOUT_RATES (5000,10000,20000,40000),
# FANOUT_STEP (8s), FANOUT_WARMUP (4s: the first step, at the first rate, reported apart), SERVE_JAVA_OPTS (the JVM flags of `serve`; default `@jvm.options`, as the README starts it),
# BENCH_JAVA_OPTS (the generator's), OUT (where the results go; default bench/results/<time>).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$root/server/target/restaurant-os-realtime.jar"
port="${PORT:-3411}"
if [[ "$port" == 3000 || "$port" == 3001 ]]; then
  echo "pick another port than $port" >&2
  exit 2
fi
scenarios="${SCENARIOS:-idle storm fanout}"
deflates="${DEFLATE:-no yes}"
serve_opts="${SERVE_JAVA_OPTS:-@$root/jvm.options}"
bench_opts="${BENCH_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx1g}"
out="${OUT:-$here/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -DskipTests package)
[[ -d "$here/node_modules/socket.io" ]] || npm ci --prefix "$here" --no-audit --no-fund

# Every connection is a file descriptor in each process: as many as this shell may have.
ulimit -n "$(ulimit -Hn)"
echo "open files per process: $(ulimit -n); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt"

export JWT_SECRET="bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
server_pid=""

start_server() { # ours|node
  local which="$1"
  if [[ "$which" == ours ]]; then
    local data; data="$(mktemp -d)"
    # shellcheck disable=SC2086
    # The rate limits are off: the scenarios measure how fast the server takes connections and requests, from
    # four source addresses, and the Node server has no such limits.
    PORT="$port" HOST=127.0.0.1 DATA_DIR="$data" REST_RATE_LIMIT_PER_SECOND=0 HANDSHAKE_RATE_PER_ADDRESS=0 \
      java $serve_opts -jar "$jar" serve >"$out/server-ours.log" 2>&1 &
  else
    PORT="$port" HOST=127.0.0.1 node --expose-gc "$here/server.js" >"$out/server-node.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 150); do
    if curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  echo "the $which server did not start; see $out/server-$which.log" >&2
  exit 1
}

stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  sleep 2
}
trap stop_server EXIT

run() { # label scenario deflate
  local label="$1" scenario="$2" deflate="$3"
  local args=(--url "http://127.0.0.1:$port" --pid "$server_pid" --label "$label" --out "$out/$label.jsonl")
  [[ "$deflate" == yes ]] && args+=(--deflate)
  case "$scenario" in
    idle) args+=(--connections "${IDLE_CONNECTIONS:-10000}" --hold "${IDLE_HOLD:-30s}") ;;
    storm) args+=(--connections "${STORM_CONNECTIONS:-10000}" --concurrency "${STORM_CONCURRENCY:-500}") ;;
    fanout) args+=(--restaurants "${FANOUT_RESTAURANTS:-50}" --subscribers "${FANOUT_SUBSCRIBERS:-100}"
                   --rates "${FANOUT_RATES:-5000,10000,20000,40000}" --step "${FANOUT_STEP:-8s}"
                   --warmup "${FANOUT_WARMUP:-4s}") ;;
  esac
  # shellcheck disable=SC2086
  timeout 300 java $bench_opts -jar "$jar" bench "$scenario" "${args[@]}" | tee -a "$out/bench.txt" | grep -v '^{'
}

for scenario in $scenarios; do
  for deflate in $deflates; do
    for label in ours node; do
      echo
      echo ">>> $scenario, deflate offered: $deflate, server: $label ($(cut -d' ' -f1-3 /proc/loadavg))"
      start_server "$label"
      run "$label" "$scenario" "$deflate"
      stop_server
    done
  done
done

echo
echo "## ours vs node (results in $out)"
java $bench_opts -jar "$jar" bench compare --ours "$out/ours.jsonl" --node "$out/node.jsonl" | tee "$out/compare.md"
