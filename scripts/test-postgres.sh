#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL on 127.0.0.1:54329 for the storage tests, outside the
# project folder (Tailwind scans the project and chokes on a socket file).
#   scripts/test-postgres.sh start   -> prints the TEST_DATABASE_URL to use
#   scripts/test-postgres.sh stop
set -euo pipefail
PGROOT=${PGROOT:-/tmp/bfx-test-pg}
PORT=${PGPORT_TEST:-54329}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ]; then
  echo "PostgreSQL server binaries not found; apt-get install postgresql" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi; }

case "${1:-start}" in
  start)
    if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
      rm -rf "$PGROOT" && mkdir -p "$PGROOT"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGROOT"
      as_pg "$PGBIN/initdb -D $PGROOT/data -U postgres --auth=trust -E UTF8 --no-locale" >/dev/null
    fi
    if ! as_pg "$PGBIN/pg_ctl -D $PGROOT/data status" >/dev/null 2>&1; then
      as_pg "$PGBIN/pg_ctl -D $PGROOT/data -l $PGROOT/server.log -w -o '-c listen_addresses=127.0.0.1 -p $PORT -k $PGROOT' start" >/dev/null
    fi
    psql -h 127.0.0.1 -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='checkout_test'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "create database checkout_test" >/dev/null
    echo "postgres://postgres@127.0.0.1:$PORT/checkout_test"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl -D $PGROOT/data -m fast -w stop" >/dev/null 2>&1 || true
    ;;
esac
