#!/usr/bin/env bash
# Ingest benchmark: builds the silo, the simulator and the bench in Release, starts a private PostgreSQL (as run.sh
# does) unless METERGRAINS_BENCH_POSTGRES names one, and runs bench/IngestBench with the arguments given, e.g.
#   bench/ingest.sh --seconds 20 --meters 2000            one reading per message, against the broker alone
#   bench/ingest.sh --seconds 20 --meters 2000 --batch 100   batches, against a binary COPY
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build -c Release src/Silo -nologo -v q
dotnet build -c Release src/Simulator -nologo -v q
dotnet build -c Release bench/IngestBench -nologo -v q

if [[ -z "${METERGRAINS_BENCH_POSTGRES:-}" ]]; then
  pg_dir=.data/bench-postgres
  pg_port=${BENCH_POSTGRES_PORT:-55499}
  scripts/postgres.sh start "$pg_dir" "$pg_port"
  trap 'scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
  export METERGRAINS_BENCH_POSTGRES="$(scripts/postgres.sh url "$pg_port" postgres)"
fi

dotnet bench/IngestBench/bin/Release/net10.0/IngestBench.dll "$@"
