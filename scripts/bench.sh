#!/usr/bin/env bash
# `npm run bench [-- --quick] [-- --workloads W1,R,S] [-- --out docs/benchmarks.md]`: throughput, latency
# and cost of the ingest path as ratios to raw references measured in the same run (BENCHMARKS.md).
# Starts its own InfluxDB and PostgreSQL on bench-only ports and data folder (a running demo or test
# suite is left alone), builds, runs dist/bench/src/cli.js, and stops the servers however it ends.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Bench-only data folder and ports, deliberately not inherited from LIFELINE_DATA & co: the folder is wiped
# at every run, and a shell that exported the demo's settings must not lose the demo's data.
export LIFELINE_DATA="${BENCH_DATA:-$PWD/.data/bench}"
export LIFELINE_INFLUX_PORT="${BENCH_INFLUX_PORT:-28086}"
export LIFELINE_PG_PORT="${BENCH_PG_PORT:-25433}"
export LIFELINE_PG_DATABASES="lifeline_bench"
export LIFELINE_SKIP_CHROMIUM=1   # the bench needs no browser

step() { printf '\n== %s\n' "$*"; }

# One connection per sensor on each side: 10k sensors need 10k descriptors in the service and as many in
# the generator, plus InfluxDB's and PostgreSQL's own.
hard="$(ulimit -Hn)"
want=65536
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want="$hard"; fi
ulimit -n "$want" || true
echo "open files limit: $(ulimit -n)"

step "install"
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/infra.sh install

step "build"
# BENCH_SKIP_BUILD=1 reuses dist/ as it is (while iterating on the bench itself).
[ "${BENCH_SKIP_BUILD:-0}" = 1 ] || npm run -s build

step "servers (InfluxDB :$LIFELINE_INFLUX_PORT, PostgreSQL :$LIFELINE_PG_PORT, data $LIFELINE_DATA)"
bash scripts/infra.sh stop >/dev/null 2>&1 || true
# Fresh stores every run: figures must not depend on what an earlier run left behind.
rm -rf "$LIFELINE_DATA/influx" "$LIFELINE_DATA/pg" "$LIFELINE_DATA/spool"
mkdir -p "$LIFELINE_DATA"
trap 'bash scripts/infra.sh stop' EXIT
bash scripts/infra.sh start

step "bench"
node dist/bench/src/cli.js \
  --data "$LIFELINE_DATA" \
  --influx-url "http://127.0.0.1:$LIFELINE_INFLUX_PORT" \
  --database-url "postgres://postgres@127.0.0.1:$LIFELINE_PG_PORT/lifeline_bench" \
  "$@"
