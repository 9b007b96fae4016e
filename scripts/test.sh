#!/usr/bin/env bash
# The full suite: install, lint, type check, build, unit tests, then integration and end-to-end tests
# against real InfluxDB, PostgreSQL and MQTT servers that this script installs, starts and stops.
# Test servers use their own ports and data folder so a running demo (`npm start`) is left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export LIFELINE_DATA="${LIFELINE_DATA:-$PWD/.data/test}"
export LIFELINE_INFLUX_PORT="${LIFELINE_INFLUX_PORT:-18086}"
export LIFELINE_PG_PORT="${LIFELINE_PG_PORT:-15433}"
export LIFELINE_PG_FSYNC=off   # test clusters are throw-away; fsync only slows the suite

step() { printf '\n== %s\n' "$*"; }

step "install"
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
bash scripts/infra.sh install

step "lint";       npm run -s lint
step "type check"; npm run -s typecheck
step "build";      npm run -s build

step "servers"
rm -rf "$LIFELINE_DATA"
bash scripts/infra.sh start
trap 'bash scripts/infra.sh stop' EXIT
export TEST_PG_URL="postgres://postgres@127.0.0.1:$LIFELINE_PG_PORT"
export TEST_INFLUX_URL="http://127.0.0.1:$LIFELINE_INFLUX_PORT"

step "unit tests";        npm run -s test:unit
step "integration tests"; npm run -s test:integration
