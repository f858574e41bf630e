#!/usr/bin/env bash
# Builds and runs every test, integration tests included, against a real PostgreSQL that this
# script starts in a private temporary data directory and stops at the end.
# Exit status is non-zero on any failure. Extra arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "$0")"

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "test.sh: no free port found" >&2; return 1
}

pg_dir="$(mktemp -d /tmp/metergrains-test-pg.XXXXXX)"
results="$PWD/TestResults"
log="$(mktemp /tmp/metergrains-test-log.XXXXXX)"
cleanup() {
  scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$pg_dir" "$log"
}
trap cleanup EXIT

# The build bundles the dashboard with npm; the dashboard's browser test drives Debian's Chromium.
scripts/web-tools.sh node chromium

echo "test.sh: building"
dotnet build MeterGrains.sln -c Release -nologo -v quiet

pg_port="$(free_port)"
scripts/postgres.sh start "$pg_dir" "$pg_port"
export METERGRAINS_TEST_POSTGRES="$(scripts/postgres.sh url "$pg_port" postgres)"
export METERGRAINS_REPO_ROOT="$PWD"

rm -rf "$results"
status=0
run_tests() {
  dotnet test "$@" -c Release --no-build -nologo \
    --logger "console;verbosity=normal" --results-directory "$results" 2>&1 | tee -a "$log" || status=$?
}
if [ "$#" -gt 0 ]; then
  run_tests MeterGrains.sln "$@"
else
  # The cluster fault tests run three silos under load and kill them: they get the machine to themselves, after
  # the other assemblies (which `dotnet test` runs in parallel) are done.
  cluster_faults="MeterGrains.Integration.Tests.EndToEnd.ClusterFaultTests"
  run_tests MeterGrains.sln --filter "FullyQualifiedName!~$cluster_faults"
  run_tests tests/Integration.Tests/Integration.Tests.csproj --filter "FullyQualifiedName~$cluster_faults"
fi

if [ -d "$results/dashboard" ]; then
  echo "test.sh: screenshots of the dashboard's browser test: $(ls -d "$results"/dashboard/*.png | tr '\n' ' ')"
fi

# One closing line for CI: the per-assembly totals of `dotnet test`, added up.
awk '/^ +Passed: +[0-9]+$/ { p += $2 } /^ +Failed: +[0-9]+$/ { f += $2 } /^ +Skipped: +[0-9]+$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
