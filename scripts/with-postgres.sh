#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster on loopback:
#   scripts/with-postgres.sh COMMAND...   (DATABASE_URL is set for the command)
# The cluster lives in a temporary folder and is removed afterwards.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${PGTEST_PORT:-54329}
dir=$(mktemp -d /tmp/samordna-pg.XXXXXX)
run_as_postgres() {
  # From / so that postgres is not left in a folder it may not enter.
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() {
  run_as_postgres "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
run_as_postgres "$bindir/initdb" -D "$dir/data" -U samordna --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
run_as_postgres "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
export DATABASE_URL="postgres://samordna@127.0.0.1:$port/postgres"
"$@"
