#!/usr/bin/env bash
# Builds the solution and runs every test against a real PostgreSQL, started here in a
# throw-away data dir and stopped on exit (also on failure or Ctrl-C).
set -euo pipefail

repo=$(cd "$(dirname "$0")" && pwd)
port=${METERGRAINS_TEST_PORT:-55433}
work=$(mktemp -d /tmp/metergrains-test.XXXXXX)
# The server runs as the postgres user when we are root; it must be able to enter $work.
chmod 711 "$work"

cleanup() {
  "$repo/scripts/postgres.sh" stop "$work/data" || true
  rm -rf "$work"
}
trap cleanup EXIT

"$repo/scripts/postgres.sh" start "$work/data" "$port"
export METERGRAINS_TEST_POSTGRES
METERGRAINS_TEST_POSTGRES=$("$repo/scripts/postgres.sh" url "$port")

dotnet build "$repo/MeterGrains.sln"
dotnet test "$repo/MeterGrains.sln" --no-build "$@"
