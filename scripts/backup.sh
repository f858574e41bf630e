#!/usr/bin/env bash
# Backs up the MeterGrains database into one pg_dump archive (custom format), while the silos run or not.
#
#   scripts/backup.sh [--db <connection>] <file>
#
# <connection> is a postgresql:// URI or an Npgsql connection string; without --db, ConnectionStrings__Postgres,
# else run.sh's database (see scripts/pg-connection.sh). Restore with scripts/restore.sh.
#
# The archive is one consistent snapshot: pg_dump reads every table in a single repeatable-read transaction, so a
# meter's snapshot (orleansstorage) and the readings it replays after restore (meter_readings) agree, even while
# silos write. Sequences are read after that snapshot, so their restored values are never below a stored row's.
# Membership rows (orleansmembership*) are left out: they describe the silos running now, not data.
set -euo pipefail

die() {
  echo "backup.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '4,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# shellcheck source=scripts/pg-connection.sh
source "$(dirname "$0")/pg-connection.sh"

main() {
  local connection file
  parse_db_and_file "$@"
  connection=$PARSED_DB file=$PARSED_FILE
  [[ -d "$(dirname "$file")" ]] || die "directory $(dirname "$file") does not exist."

  use_connection "$connection"
  find_client_for_server

  # Written beside the target and renamed at the end, so an interrupted backup never looks like a finished one.
  # The archive holds meter ids and (encrypted) personal fields: readable by its owner only.
  local partial="$file.partial"
  trap 'rm -f "$partial"' EXIT
  umask 077
  "${PG_BIN_DIR}pg_dump" "${PG_CONN_ARGS[@]}" --format=custom --compress=6 \
    --exclude-table-data=orleansmembershiptable --exclude-table-data=orleansmembershipversiontable \
    --lock-wait-timeout=60s --file="$partial" ||
    die "pg_dump failed; nothing was written to $file."
  # A readable table of contents is the least a finished archive must have.
  "${PG_BIN_DIR}pg_restore" --list "$partial" >/dev/null || die "pg_dump wrote an archive pg_restore cannot read."
  mv -f "$partial" "$file"
  trap - EXIT
  echo "backup.sh: wrote $file ($(du -h "$file" | cut -f1), PostgreSQL $SERVER_MAJOR)" >&2
}

main "$@"
