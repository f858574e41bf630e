#!/usr/bin/env bash
# A private PostgreSQL cluster for MeterGrains: development, tests and run.sh.
#
#   scripts/postgres.sh start    <dataDir> <port>
#   scripts/postgres.sh stop     <dataDir>
#   scripts/postgres.sh createdb <dataDir> <port> <name>
#   scripts/postgres.sh url      <port> [db]
#
# The cluster is ours alone (its own data dir, port and socket directory), so it
# never collides with a distribution-managed cluster on 5432.
set -euo pipefail

readonly START_DEADLINE_SECONDS=${POSTGRES_START_DEADLINE_SECONDS:-60}

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '4,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Newest installed major version wins; Debian keeps each major under its own directory.
find_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4n | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
  fi
}

ensure_installed() {
  BIN_DIR=$(find_bin_dir)
  if [[ -n "$BIN_DIR" ]]; then
    return
  fi
  [[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)."
  echo "postgres.sh: installing PostgreSQL from the Debian archive" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  BIN_DIR=$(find_bin_dir)
  [[ -n "$BIN_DIR" ]] || die "apt-get installed postgresql but no initdb was found under /usr/lib/postgresql/*/bin."
}

# PostgreSQL refuses to run as root, so root hands the cluster to the postgres user.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

prepare_data_dir() {
  local data_dir=$1
  mkdir -p "$data_dir"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist; install the postgresql package."
    chown postgres:postgres "$data_dir"
    chmod 700 "$data_dir"
    # chown does not help when a parent directory (e.g. a 0700 mktemp dir) blocks traversal.
    if ! runuser -u postgres -- test -w "$data_dir" -a -x "$data_dir"; then
      die "user 'postgres' cannot reach $data_dir: every parent directory needs o+x (try: chmod o+x $(dirname "$data_dir"))."
    fi
  fi
}

socket_dir() {
  echo "$1/socket"
}

is_running() {
  as_owner "$BIN_DIR/pg_ctl" status -D "$1" >/dev/null 2>&1
}

init_cluster() {
  local data_dir=$1
  # trust is acceptable only because the server listens on 127.0.0.1 and the default
  # pg_hba.conf lists nothing but the Unix socket and the loopback addresses.
  # C collation: deterministic ordering and no dependency on the machine's installed locales.
  as_owner "$BIN_DIR/initdb" -D "$data_dir" --encoding=UTF8 --no-locale \
    --username=postgres --auth=trust >/dev/null || die "initdb failed for $data_dir"
  as_owner mkdir -p "$(socket_dir "$data_dir")"
  # Appended last, so these win over the generated defaults. fsync stays on: this is the real store.
  as_owner tee -a "$data_dir/postgresql.conf" >/dev/null <<EOF

# --- MeterGrains (scripts/postgres.sh) ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$(socket_dir "$data_dir")'
max_connections = 200
fsync = on
timezone = 'UTC'
log_timezone = 'UTC'
EOF
}

wait_until_ready() {
  local port=$1 data_dir=$2
  local deadline=$((SECONDS + START_DEADLINE_SECONDS))
  until "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; do
    if ((SECONDS >= deadline)); then
      tail -n 20 "$data_dir/postgres.log" >&2 || true
      die "PostgreSQL on port $port was not ready within ${START_DEADLINE_SECONDS}s (log: $data_dir/postgres.log)."
    fi
    sleep 0.2
  done
}

cmd_start() {
  local data_dir port
  data_dir=$(realpath -m "$1")
  port=$2
  ensure_installed
  prepare_data_dir "$data_dir"
  if [[ ! -s "$data_dir/PG_VERSION" ]]; then
    init_cluster "$data_dir"
  fi
  if is_running "$data_dir"; then
    echo "postgres.sh: already running in $data_dir" >&2
  else
    # The port is given on the command line rather than in postgresql.conf so one data dir can move ports.
    as_owner "$BIN_DIR/pg_ctl" start -D "$data_dir" -l "$data_dir/postgres.log" -w -t "$START_DEADLINE_SECONDS" \
      -o "-p $port" >/dev/null || {
      tail -n 20 "$data_dir/postgres.log" >&2 || true
      die "pg_ctl start failed (log: $data_dir/postgres.log)."
    }
  fi
  wait_until_ready "$port" "$data_dir"
  echo "postgres.sh: ready on 127.0.0.1:$port (data: $data_dir)" >&2
}

cmd_stop() {
  local data_dir
  data_dir=$(realpath -m "$1")
  BIN_DIR=$(find_bin_dir)
  [[ -n "$BIN_DIR" ]] || die "PostgreSQL is not installed."
  if [[ -s "$data_dir/PG_VERSION" ]] && is_running "$data_dir"; then
    as_owner "$BIN_DIR/pg_ctl" stop -D "$data_dir" -m fast -w >/dev/null
    echo "postgres.sh: stopped $data_dir" >&2
  else
    echo "postgres.sh: not running in $data_dir" >&2
  fi
}

cmd_createdb() {
  local data_dir port name exists
  data_dir=$(realpath -m "$1")
  port=$2
  name=$3
  BIN_DIR=$(find_bin_dir)
  [[ -n "$BIN_DIR" ]] || die "PostgreSQL is not installed."
  # psql interpolates :'name' (safely quoted) only in script input, not in -c.
  exists=$("$BIN_DIR/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAX -v ON_ERROR_STOP=1 \
    -v name="$name" <<<"SELECT 1 FROM pg_database WHERE datname = :'name'") ||
    die "cannot connect to PostgreSQL on port $port (data: $data_dir)."
  if [[ "$exists" != "1" ]]; then
    "$BIN_DIR/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
    echo "postgres.sh: created database $name" >&2
  fi
}

cmd_url() {
  local port=$1 db=${2:-postgres}
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$db"
}

main() {
  local command=${1:-}
  shift || true
  case "$command" in
  start) (($# == 2)) || usage; cmd_start "$@" ;;
  stop) (($# == 1)) || usage; cmd_stop "$@" ;;
  createdb) (($# == 3)) || usage; cmd_createdb "$@" ;;
  url) (($# >= 1 && $# <= 2)) || usage; cmd_url "$@" ;;
  *) usage ;;
  esac
}

main "$@"
