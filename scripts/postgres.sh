#!/usr/bin/env bash
# Starts or stops a private PostgreSQL server in a temp directory, for tests and benchmarks.
# It never touches a system cluster.
#
#   eval "$(scripts/postgres.sh start)"   # exports INFLOW_TEST_POSTGRES_URL, INFLOW_PG_DIR, INFLOW_PG_PORT
#   scripts/postgres.sh stop "$INFLOW_PG_DIR"
#
# FSYNC=off (the default here) is for tests only; benchmarks pass FSYNC=on and say so.
set -euo pipefail

pg_bin() {
  local v
  v=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -z "$v" ] || [ ! -x "/usr/lib/postgresql/$v/bin/initdb" ]; then
    echo "postgres.sh: no PostgreSQL server found under /usr/lib/postgresql; install it: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "/usr/lib/postgresql/$v/bin"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    B=$(pg_bin)
    D=$(mktemp -d /tmp/inflow-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$D"
    PORT=${PGPORT_WANTED:-$(free_port)}
    as_postgres "$B/initdb" -D "$D/data" -U inflow --auth=trust -E UTF8 >"$D/initdb.log" 2>&1 \
      || { echo "postgres.sh: initdb failed, see $D/initdb.log" >&2; cat "$D/initdb.log" >&2; exit 1; }
    as_postgres "$B/pg_ctl" -D "$D/data" -l "$D/log" -w start \
      -o "-p $PORT -k $D -c listen_addresses=127.0.0.1 -c fsync=${FSYNC:-off} -c max_connections=300 -c shared_buffers=256MB" >/dev/null \
      || { echo "postgres.sh: server did not start, see $D/log" >&2; cat "$D/log" >&2; exit 1; }
    echo "export INFLOW_PG_DIR=$D INFLOW_PG_PORT=$PORT INFLOW_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:$PORT/postgres?user=inflow'"
    ;;
  stop)
    D=${2:?usage: postgres.sh stop DIR}
    B=$(pg_bin)
    as_postgres "$B/pg_ctl" -D "$D/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$D"
    ;;
  *)
    echo "usage: postgres.sh start | stop DIR" >&2
    exit 2
    ;;
esac
