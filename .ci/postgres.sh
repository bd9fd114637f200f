#!/usr/bin/env bash
# Starts a PostgreSQL for the tests on this machine (Debian 12, run as root, no systemd needed) and prints
# the settings the tests read, as shell lines:  eval "$(bash .ci/postgres.sh)"
# Idempotent: installs the Debian package only if missing, reuses a running cluster, the role and the database.
# Everything but the export lines goes to stderr.
set -euo pipefail

DB_NAME=restaurant_os_test
DB_USER=restaurant_os_test
DB_PASSWORD=restaurant_os_test

log() { echo "postgres.sh: $*" >&2; }

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing the Debian postgresql package"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $VERSION/main"
  pg_createcluster "$VERSION" main >&2
fi
PORT=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" { print $3 }')
STATUS=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" { print $4 }')
if [ "$STATUS" != "online" ]; then
  log "starting cluster $VERSION/main on port $PORT"
  pg_ctlcluster "$VERSION" main start >&2
fi

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then
    break
  fi
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

as_postgres() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }

as_postgres -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
  ELSE
    ALTER ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;" >&2
if [ -z "$(as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]; then
  as_postgres -c "CREATE DATABASE $DB_NAME OWNER $DB_USER" >&2
fi
log "PostgreSQL $VERSION ready on 127.0.0.1:$PORT, database $DB_NAME"

echo "export TEST_DATABASE_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB_NAME"
echo "export TEST_DATABASE_USER=$DB_USER"
echo "export TEST_DATABASE_PASSWORD=$DB_PASSWORD"
