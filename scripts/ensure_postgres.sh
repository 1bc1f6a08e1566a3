#!/bin/sh
# DuckLake's catalog for the tests and the benchmark: a private PostgreSQL cluster on a loopback port.
# Installs Debian's PostgreSQL when missing, then starts (or finds running) a cluster owned by the postgres
# user in $CREDIT_PG_ROOT (default /tmp/creditwh-pg), listening on 127.0.0.1:$CREDIT_PG_PORT only, with
# password-less local login. Idempotent. Prints the connection string on stdout.
#   sh scripts/ensure_postgres.sh [start|stop]
set -e
PGROOT=${CREDIT_PG_ROOT:-/tmp/creditwh-pg}
PGPORT=${CREDIT_PG_PORT:-54329}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pgbin)" ]; then
    echo "installing postgresql from Debian" >&2
    $SUDO apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends postgresql >/dev/null
fi
BIN=$(pgbin)
# initdb refuses to run as root: the cluster belongs to the postgres user that Debian's package creates
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${1:-start}" = stop ]; then
    as_pg "$BIN/pg_ctl" -D "$PGROOT/data" -m fast -w stop >/dev/null
    exit 0
fi
mkdir -p "$PGROOT"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$PGROOT"
if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
    as_pg "$BIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
        -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGROOT -c max_connections=200" start >/dev/null
fi
echo "host=127.0.0.1 port=$PGPORT user=postgres"
