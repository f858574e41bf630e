#!/usr/bin/env bash
# Latency benchmark: builds the silo, the simulator and the bench in Release, starts a private PostgreSQL (as run.sh
# does) unless METERGRAINS_BENCH_POSTGRES names one, and runs bench/LatencyBench with the arguments given, e.g.
#   bench/latency.sh                          probe latency at 10,000 readings/s (batches of 10) against the broker alone
#   bench/latency.sh --batch 1 --rate 4000    one reading per message
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build -c Release src/Silo -nologo -v q
dotnet build -c Release src/Simulator -nologo -v q
dotnet build -c Release bench/LatencyBench -nologo -v q

if [[ -z "${METERGRAINS_BENCH_POSTGRES:-}" ]]; then
  pg_dir=.data/bench-postgres-latency
  pg_port=${BENCH_POSTGRES_PORT:-55497}
  scripts/postgres.sh start "$pg_dir" "$pg_port"
  trap 'scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
  export METERGRAINS_BENCH_POSTGRES="$(scripts/postgres.sh url "$pg_port" postgres)"
fi

dotnet bench/LatencyBench/bin/Release/net10.0/LatencyBench.dll "$@"
