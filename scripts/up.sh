#!/usr/bin/env bash
# Brings up the whole system on this machine and keeps it running until Ctrl-C:
# installs and starts InfluxDB and PostgreSQL (if absent), builds, starts the service (embedded MQTT
# broker, API, console), loads the Kangbashi sample city, starts the simulators feeding it, and prints
# the URLs. Ctrl-C (or `npm start -- stop` from another shell) stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export LIFELINE_DATA="${LIFELINE_DATA:-$PWD/.data}"
export PORT="${PORT:-3000}" MQTT_PORT="${MQTT_PORT:-1883}"
RUN="$LIFELINE_DATA/run"

stop_all() {
  for name in simulators server; do
    if [ -f "$RUN/$name.pid" ]; then kill "$(cat "$RUN/$name.pid")" 2>/dev/null || true; fi
  done
  for name in simulators server; do
    if [ -f "$RUN/$name.pid" ]; then
      for _ in $(seq 1 100); do kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null || break; sleep 0.1; done
      rm -f "$RUN/$name.pid"
    fi
  done
  bash scripts/infra.sh stop
}

if [ "${1:-}" = stop ]; then stop_all; exit 0; fi

[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
npm run -s build
bash scripts/infra.sh start
eval "$(bash scripts/infra.sh env)"
mkdir -p "$RUN"

# A demo admin token, generated once and kept with the demo data (never a fixed, guessable value).
[ -f "$RUN/admin-token" ] || node -e "console.log('ll_admin_' + require('crypto').randomBytes(24).toString('base64url'))" > "$RUN/admin-token"
export ADMIN_TOKEN; ADMIN_TOKEN="$(cat "$RUN/admin-token")"
export SPOOL_DIR="$LIFELINE_DATA/spool"
export WEBHOOK_ALLOW_LOOPBACK="${WEBHOOK_ALLOW_LOOPBACK:-true}"

trap 'echo; echo "stopping…"; stop_all' EXIT INT TERM

node dist/apps/server/src/main.js > "$RUN/server.log" 2>&1 &
echo $! > "$RUN/server.pid"
printf 'starting the service'
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health/ready" 2>/dev/null && break
  kill -0 "$(cat "$RUN/server.pid")" 2>/dev/null || { echo; echo "the service exited; last lines of $RUN/server.log:"; tail -30 "$RUN/server.log"; exit 1; }
  printf '.'; sleep 0.2
done
echo

node dist/seeds/src/cli.js load --api "http://127.0.0.1:$PORT" --token "$ADMIN_TOKEN" \
  --credentials "$RUN/device-credentials.json"

node dist/simulators/src/cli.js run --credentials "$RUN/device-credentials.json" \
  --url "mqtt://127.0.0.1:$MQTT_PORT" --interval-s "${SIM_INTERVAL_S:-10}" > "$RUN/simulators.log" 2>&1 &
echo $! > "$RUN/simulators.pid"

cat <<MSG

Lifeline is up.
  Console        http://127.0.0.1:$PORT/
  API docs       http://127.0.0.1:$PORT/api/docs
  Metrics        http://127.0.0.1:$PORT/metrics
  MQTT broker    mqtt://127.0.0.1:$MQTT_PORT   (device credentials: $RUN/device-credentials.json)
  Admin token    $ADMIN_TOKEN
  InfluxDB       $INFLUX_URL  (database lifeline; try: influx -port ${INFLUX_URL##*:} -database lifeline -execute 'SELECT count(*) FROM telemetry')
  Logs           $RUN/server.log, $RUN/simulators.log

Trigger a scenario in the running simulators from another shell, e.g. a gas leak into a manhole:
  node dist/simulators/src/cli.js scenario --trigger gas-leak --asset GAS-SEG-0001 --credentials $RUN/device-credentials.json
  (node dist/simulators/src/cli.js scenario --list shows them all)

Ctrl-C stops everything.
MSG
wait "$(cat "$RUN/simulators.pid")" 2>/dev/null || true
wait "$(cat "$RUN/server.pid")"
