#!/usr/bin/env bash
# Recovery benchmark: builds the silo and the bench in Release, starts a private PostgreSQL (as run.sh does) unless
# METERGRAINS_BENCH_POSTGRES names one, and runs bench/RecoveryBench with the arguments given, e.g.
#   bench/recovery.sh                      100,000 meters, SIGKILL mid-stream, restart, every meter asked until it answers
#   bench/recovery.sh --meters 10000 --readings 6 --batch 3
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build -c Release src/Silo -nologo -v q
dotnet build -c Release bench/RecoveryBench -nologo -v q

if [[ -z "${METERGRAINS_BENCH_POSTGRES:-}" ]]; then
  pg_dir=.data/bench-postgres-recovery
  pg_port=${BENCH_POSTGRES_PORT:-55495}
  scripts/postgres.sh start "$pg_dir" "$pg_port"
  trap 'scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
  export METERGRAINS_BENCH_POSTGRES="$(scripts/postgres.sh url "$pg_port" postgres)"
fi

dotnet bench/RecoveryBench/bin/Release/net10.0/RecoveryBench.dll "$@"
