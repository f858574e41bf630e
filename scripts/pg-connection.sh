# Sourced by scripts/backup.sh and scripts/restore.sh (not run on its own): which database to talk to, and the
# PostgreSQL client programs that match its server.
#
# A connection is, in this order:
#   - the argument of --db: a libpq URI (postgresql://user:password@host:port/db?sslmode=require) or an Npgsql
#     connection string (Host=...;Port=...;Username=...;Password=...;Database=...), the form the silo reads;
#   - ConnectionStrings__Postgres, the setting the silo and run.sh use;
#   - run.sh's own database: 127.0.0.1, port METERGRAINS_PG_PORT (55432), user postgres, database metergrains.
# Npgsql strings become libpq environment variables (PGHOST, PGPORT, ...); a password holding ';' or quotes needs
# the URI form.

# Reads the common command line "[--db <connection>] <file>" into PARSED_DB and PARSED_FILE; calls the sourcing
# script's usage (which exits) on anything else.
parse_db_and_file() {
  PARSED_DB=""
  while (($# > 0)); do
    case "$1" in
    --db) (($# >= 2)) || usage; PARSED_DB=$2; shift 2 ;;
    -h | --help) usage ;;
    -*) echo "$(basename "$0"): unknown option '$1'" >&2; usage ;;
    *) break ;;
    esac
  done
  (($# == 1)) || usage
  PARSED_FILE=$1
}

# Sets PG_CONN_ARGS (arguments for psql/pg_dump/pg_restore) and exports the PG* variables for the connection $1.
use_connection() {
  local connection=$1
  PG_CONN_ARGS=()
  if [[ -z "$connection" ]]; then
    connection=${ConnectionStrings__Postgres:-"Host=127.0.0.1;Port=${METERGRAINS_PG_PORT:-55432};Username=postgres;Database=metergrains"}
  fi
  if [[ "$connection" == postgres://* || "$connection" == postgresql://* ]]; then
    PG_CONN_ARGS=("--dbname=$connection")
    return
  fi

  local pair key value
  local -a pairs
  IFS=';' read -r -a pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    [[ "$pair" == *=* ]] || continue
    key=${pair%%=*}
    value=${pair#*=}
    key=$(tr -d ' ' <<<"${key,,}")
    value=${value#"${value%%[![:space:]]*}"}
    value=${value%"${value##*[![:space:]]}"}
    value=${value#[\"\']}
    value=${value%[\"\']}
    case "$key" in
    host | server) export PGHOST=$value ;;
    port) export PGPORT=$value ;;
    username | user | userid) export PGUSER=$value ;;
    password | pwd | psw) export PGPASSWORD=$value ;;
    database | db) export PGDATABASE=$value ;;
    sslmode) export PGSSLMODE=${value,,} ;;
    *) ;; # pooling, timeouts and other client-side settings mean nothing to the command-line tools
    esac
  done
  [[ -n "${PGDATABASE:-}" ]] || die "the connection string names no Database."
}

# The client programs of the server's major version: pg_dump refuses a newer server, and an archive from a newer
# pg_dump may hold SQL an older server does not know. Debian keeps each major in /usr/lib/postgresql/<major>/bin.
# Sets PG_BIN_DIR (empty: use PATH) and SERVER_MAJOR.
find_client_for_server() {
  local version_num client_major
  version_num=$(psql "${PG_CONN_ARGS[@]}" -tAX -v ON_ERROR_STOP=1 -c 'SHOW server_version_num') ||
    die "cannot connect to PostgreSQL (${PGHOST:-?}:${PGPORT:-5432}, database ${PGDATABASE:-from the URI})."
  SERVER_MAJOR=$((version_num / 10000))
  if [[ -x "/usr/lib/postgresql/$SERVER_MAJOR/bin/pg_dump" ]]; then
    PG_BIN_DIR="/usr/lib/postgresql/$SERVER_MAJOR/bin/"
    return
  fi
  PG_BIN_DIR=""
  command -v pg_dump >/dev/null || die "pg_dump is not installed (Debian: apt-get install postgresql-client)."
  client_major=$(pg_dump --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')
  ((client_major >= SERVER_MAJOR)) ||
    die "the server runs PostgreSQL $SERVER_MAJOR but pg_dump is version $client_major; install postgresql-client-$SERVER_MAJOR."
}
