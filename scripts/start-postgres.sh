#!/usr/bin/env bash
# Makes sure a PostgreSQL server is up for Godwit's integration tests and that the role in the test URL exists.
# Idempotent: safe to run again and again. On a fresh Debian machine it installs PostgreSQL with apt when missing,
# creates and starts a cluster, then creates the role (with CREATEDB) and sets its password.
#
# The test URL is GODWIT_TEST_PG_URL, default postgres://godwit:godwit@127.0.0.1:5432/postgres; only its user,
# password and port are used here (the host is assumed to be this machine).
set -euo pipefail

url="${GODWIT_TEST_PG_URL:-postgres://godwit:godwit@127.0.0.1:5432/postgres}"
rest="${url#*://}"
userinfo="${rest%%@*}"
hostport="${rest#*@}"; hostport="${hostport%%/*}"
pg_user="${userinfo%%:*}"
pg_pass="${userinfo#*:}"
port="5432"
case "$hostport" in *:*) port="${hostport##*:}" ;; esac

log() { echo "start-postgres: $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v pg_lsclusters >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "PostgreSQL not installed; installing it with apt"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

# The cluster on our port: start it when down, create one when there is none.
cluster="$(pg_lsclusters -h | awk -v p="$port" '$3 == p { print $1 " " $2; exit }')"
if [ -z "$cluster" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  log "no cluster on port $port; creating $version/godwit"
  as_root pg_createcluster "$version" godwit --port "$port" >/dev/null
  cluster="$version godwit"
fi
set -- $cluster
if ! pg_lsclusters -h | awk -v v="$1" -v n="$2" '$1 == v && $2 == n { print $4 }' | grep -q online; then
  log "starting cluster $1/$2 on port $port"
  as_root pg_ctlcluster "$1" "$2" start
fi

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "server on port $port did not become ready"; exit 1; }

# Role with the URL's password; CREATEDB so each test class can have its own database.
pass_sql="${pg_pass//\'/\'\'}"
as_postgres psql -q -v ON_ERROR_STOP=1 -p "$port" -d postgres <<SQL
DO \$godwit\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${pg_user}') THEN
    CREATE ROLE "${pg_user}" LOGIN CREATEDB;
  END IF;
END
\$godwit\$;
ALTER ROLE "${pg_user}" WITH LOGIN CREATEDB PASSWORD '${pass_sql}';
SQL
log "PostgreSQL ready on 127.0.0.1:$port for role $pg_user"
