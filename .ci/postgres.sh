# Source this file: it starts a throw-away PostgreSQL cluster in a temporary directory (Debian's postgresql package,
# installed if missing), exports COACH_TEST_POSTGRES_URL for the storage tests, and stops and removes the cluster
# when the shell that sourced it exits.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [[ -z "$pg_bin" ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
pg_dir="$(mktemp -d)"
pg_port=54329
pg_as=()
if [[ "$(id -u)" == 0 ]]; then  # PostgreSQL refuses to run as root
  chown postgres "$pg_dir"
  pg_as=(runuser -u postgres --)
fi
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U coach --no-sync >/dev/null
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-k $pg_dir -c listen_addresses='' -p $pg_port -F" start >/dev/null
"${pg_as[@]}" "$pg_bin/createdb" -h "$pg_dir" -p "$pg_port" -U coach coach_test
export COACH_TEST_POSTGRES_URL="postgresql+psycopg://coach@/coach_test?host=$pg_dir&port=$pg_port"
stop_postgres() {
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
