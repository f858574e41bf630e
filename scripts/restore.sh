#!/usr/bin/env bash
# Restores a scripts/backup.sh archive into an empty MeterGrains database.
#
#   scripts/restore.sh [--db <connection>] <file>
#
# <connection> as for backup.sh; connect as the user the silos will use: it becomes the owner of every restored
# object (ownership and grants in the archive are not restored, roles are not part of a database dump).
# Stop every silo of the cluster that uses the target first, and start them again afterwards with the same
# Orleans:ServiceId, Privacy:PersonalDataKey and Privacy:PseudonymSecret as the backed-up system.
set -euo pipefail

die() {
  echo "restore.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '4,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# shellcheck source=scripts/pg-connection.sh
source "$(dirname "$0")/pg-connection.sh"

psql_target() {
  psql "${PG_CONN_ARGS[@]}" -tAX -v ON_ERROR_STOP=1 "$@"
}

main() {
  local connection file
  parse_db_and_file "$@"
  connection=$PARSED_DB file=$PARSED_FILE
  [[ -r "$file" ]] || die "cannot read $file."

  use_connection "$connection"
  find_client_for_server
  # pg_restore writes SQL to stdout unless told a database; the Npgsql form names it in PGDATABASE.
  ((${#PG_CONN_ARGS[@]} > 0)) || PG_CONN_ARGS=("--dbname=$PGDATABASE")

  local dumped_from
  dumped_from=$("${PG_BIN_DIR}pg_restore" --list "$file" | sed -nE 's/^; +Dumped from database version: ([0-9]+).*/\1/p') ||
    die "$file is not a pg_dump custom-format archive."
  [[ -n "$dumped_from" ]] || die "$file names no server version; is it a scripts/backup.sh archive?"
  ((dumped_from <= SERVER_MAJOR)) ||
    die "$file comes from PostgreSQL $dumped_from; it cannot be restored into the older PostgreSQL $SERVER_MAJOR."

  # Only into an empty database: restoring over a live schema would mix two histories of the same meters.
  local database relations
  database=$(psql_target -c 'SELECT current_database()')
  relations=$(psql_target -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
      AND n.nspname NOT LIKE 'pg\_temp%'")
  ((relations == 0)) ||
    die "database $database is not empty ($relations relations); restore into a new one (createdb, or scripts/postgres.sh createdb)."

  # One transaction: a failed restore leaves the database empty, never half-restored.
  "${PG_BIN_DIR}pg_restore" "${PG_CONN_ARGS[@]}" --no-owner --no-acl --single-transaction --exit-on-error "$file" ||
    die "pg_restore failed; database $database was left as it was."

  # Grants were left out with the archive's owners; the analyst role gets its schema back (migration 0017), or a
  # warning says what an administrator must do.
  if [[ $(psql_target -c "SELECT to_regprocedure('grant_analyst_access()') IS NOT NULL") == t ]]; then
    psql_target -c 'SELECT grant_analyst_access()' >/dev/null
  fi
  # Planner statistics are not in the archive.
  psql_target -q -c 'ANALYZE'
  echo "restore.sh: restored $file into $database; start the silos with the backed-up system's ServiceId and keys." >&2
}

main "$@"
