#!/usr/bin/env bash
# Installs (if absent), starts and stops the servers Lifeline needs on a Debian machine without Docker:
# InfluxDB 1.x, PostgreSQL 15, mosquitto clients, Chromium. Idempotent; every server binds 127.0.0.1
# and keeps its data under $LIFELINE_DATA (default ./.data). See ../shared/design/ENVIRONMENT.md.
#
#   scripts/infra.sh install        apt packages (needs root; skipped when already present)
#   scripts/infra.sh start          start InfluxDB and PostgreSQL, create the database, wait until ready
#   scripts/infra.sh stop           stop both
#   scripts/infra.sh env            print the environment variables that point the service at them
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${LIFELINE_DATA:-$ROOT/.data}"
INFLUX_PORT="${LIFELINE_INFLUX_PORT:-8086}"
PG_PORT="${LIFELINE_PG_PORT:-5433}"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"

log() { printf '[infra] %s\n' "$*" >&2; }

need_apt() {
  local missing=()
  command -v influxd >/dev/null || missing+=(influxdb)
  command -v influx >/dev/null || missing+=(influxdb-client)
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/postgres" ] || missing+=(postgresql)
  command -v mosquitto_pub >/dev/null || missing+=(mosquitto-clients)
  if [ "${LIFELINE_SKIP_CHROMIUM:-0}" != 1 ]; then command -v chromium >/dev/null || missing+=(chromium); dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk); fi
  echo "${missing[@]:-}"
}

install() {
  local missing; missing="$(need_apt)"
  if [ -z "$missing" ]; then log "all packages present"; return; fi
  log "installing: $missing"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  # Keep Debian's maintainer scripts from starting system-wide services on 0.0.0.0.
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null; $sudo chmod +x /usr/sbin/policy-rc.d
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
}

influx_conf() {
  mkdir -p "$DATA/influx"
  cat > "$DATA/influx/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$((INFLUX_PORT + 2))"
[meta]
  dir = "$DATA/influx/meta"
[data]
  dir = "$DATA/influx/data"
  wal-dir = "$DATA/influx/wal"
  query-log-enabled = false
  cache-max-memory-size = "1g"
  max-values-per-tag = 0
  max-series-per-database = 0
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:$INFLUX_PORT"
  log-enabled = false
  max-body-size = 0
[continuous_queries]
  enabled = false
CONF
}

start_influx() {
  if curl -fsS -o /dev/null "http://127.0.0.1:$INFLUX_PORT/ping" 2>/dev/null; then log "influxd already up on $INFLUX_PORT"; return; fi
  influx_conf
  nohup influxd run -config "$DATA/influx/influxdb.conf" >"$DATA/influx/influxd.log" 2>&1 &
  echo $! > "$DATA/influx/influxd.pid"
  # A restart with data replays the write-ahead log before answering (18 s seen under load): wait 60 s.
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$INFLUX_PORT/ping" 2>/dev/null && { log "influxd up on $INFLUX_PORT"; return; }
    sleep 0.1
  done
  log "influxd did not start; see $DATA/influx/influxd.log"; tail -20 "$DATA/influx/influxd.log" >&2; exit 1
}

pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_pg() {
  local dir="$DATA/pg"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
  if [ ! -f "$dir/PG_VERSION" ]; then
    pg_run "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if pg_run "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then log "postgres already up on $PG_PORT"; else
    pg_run "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=${LIFELINE_PG_FSYNC:-on} -c max_connections=200" start >/dev/null
    log "postgres up on $PG_PORT"
  fi
  for db in ${LIFELINE_PG_DATABASES:-lifeline lifeline_test}; do
    pg_run "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 \
      || pg_run "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE $db" >/dev/null
  done
}

stop_influx() {
  local pidf="$DATA/influx/influxd.pid"
  if [ -f "$pidf" ] && kill -0 "$(cat "$pidf")" 2>/dev/null; then
    kill "$(cat "$pidf")"; for _ in $(seq 1 50); do kill -0 "$(cat "$pidf")" 2>/dev/null || break; sleep 0.1; done
    log "influxd stopped"
  fi
  rm -f "$pidf"
}

stop_pg() {
  [ -f "$DATA/pg/PG_VERSION" ] || return 0
  pg_run "$PG_BIN/pg_ctl" -D "$DATA/pg" -m fast -w stop >/dev/null 2>&1 && log "postgres stopped" || true
}

print_env() {
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/lifeline"
  echo "export INFLUX_URL=http://127.0.0.1:$INFLUX_PORT"
}

case "${1:-}" in
  install) install ;;
  start) install; start_influx; start_pg ;;
  start-influx) start_influx ;;
  stop-influx) stop_influx ;;
  stop) stop_influx; stop_pg ;;
  env) print_env ;;
  *) echo "usage: $0 install|start|stop|start-influx|stop-influx|env" >&2; exit 2 ;;
esac
