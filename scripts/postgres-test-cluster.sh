#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests, on 127.0.0.1 and a free port, trusting local connections.
#   eval "$(bash scripts/postgres-test-cluster.sh start)"   # exports DATABASE_URL_TEST and PG_TEST_DIR
#   bash scripts/postgres-test-cluster.sh stop "$PG_TEST_DIR"
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail
as_owner() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    bin=$(bash "$(dirname "$0")/ensure-postgres.sh")
    dir=$(mktemp -d)
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
      || { cat "$dir/log" >&2; exit 1; }
    echo "export DATABASE_URL_TEST=postgres://postgres@127.0.0.1:$port/postgres PG_TEST_DIR=$dir PG_TEST_BIN=$bin"
    ;;
  stop)
    dir=${2:?the folder printed by start}
    bin=${PG_TEST_BIN:-$(bash "$(dirname "$0")/ensure-postgres.sh")}
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
