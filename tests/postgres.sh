#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb in a temporary directory, listening on 127.0.0.1 on a free port.
#
#   eval "$(tests/postgres.sh start)"   starts one and exports DATUMSYNC_TEST_POSTGRES (connection string) and
#                                       DATUMSYNC_TEST_POSTGRES_DIR (its directory)
#   tests/postgres.sh stop [DIR]        stops it and removes the directory (DIR defaults to $DATUMSYNC_TEST_POSTGRES_DIR)
#
# Needs the Debian 'postgresql' package (server binaries under /usr/lib/postgresql/*/bin). PostgreSQL refuses to run
# as root, so as root the server runs as the 'postgres' user (runuser); any other user runs it as themselves.
# Durability is off (fsync, synchronous_commit): this server holds test data only.
set -euo pipefail
say() { echo "[postgres] $*" >&2; }

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] || { say "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"; return 1; }
  echo "$d"
}

as_owner() { # runs a command as the server's owner
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  say "no free port found"; return 1
}

start() {
  local bin dir port
  bin=$(bindir)
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    say "running as root but there is no 'postgres' user to run the server as (install the postgresql package)"; return 1
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/datumsync-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
    || { say "initdb failed:"; cat "$dir/initdb.log" >&2; return 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
    start >/dev/null 2>&1 || { say "the server did not start:"; cat "$dir/server.log" >&2; return 1; }
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
  echo "export DATUMSYNC_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
  echo "export DATUMSYNC_TEST_POSTGRES_DIR='$dir'"
}

stop() {
  local dir="${1:-${DATUMSYNC_TEST_POSTGRES_DIR:-}}" bin
  [ -n "$dir" ] && [ -d "$dir" ] || { say "nothing to stop"; return 0; }
  bin=$(bindir)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: tests/postgres.sh start|stop [DIR]" >&2; exit 2 ;;
esac
