#!/usr/bin/env bash
# Energy-year benchmark: builds the silo, the simulator and the bench in Release, starts a private PostgreSQL (as run.sh
# does) unless METERGRAINS_BENCH_POSTGRES names one, and runs bench/EnergyYearBench with the arguments given, e.g.
#   bench/energy-year.sh                      one meter, one year of quarter-hour buckets over REST, 50 times
#   bench/energy-year.sh --years 200 --warmup 20
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build -c Release src/Silo -nologo -v q
dotnet build -c Release bench/EnergyYearBench -nologo -v q

if [[ -z "${METERGRAINS_BENCH_POSTGRES:-}" ]]; then
  pg_dir=.data/bench-postgres-energy
  pg_port=${BENCH_POSTGRES_PORT:-55496}
  scripts/postgres.sh start "$pg_dir" "$pg_port"
  trap 'scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
  export METERGRAINS_BENCH_POSTGRES="$(scripts/postgres.sh url "$pg_port" postgres)"
fi

dotnet bench/EnergyYearBench/bin/Release/net10.0/EnergyYearBench.dll "$@"
