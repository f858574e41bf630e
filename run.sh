#!/usr/bin/env bash
# Starts the whole MeterGrains system on this machine: a private PostgreSQL (unless
# ConnectionStrings__Postgres points at an existing database) and one silo running every role.
#   ./run.sh                 the system alone
#   ./run.sh --simulate N    plus N simulated meters publishing over MQTT
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

simulate=0
while [ $# -gt 0 ]; do
  case "$1" in
    --simulate)
      [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "run.sh: --simulate needs a number of meters" >&2; exit 2; }
      simulate="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage 2 ;;
  esac
done

pg_port="${METERGRAINS_PG_PORT:-55432}"
pg_dir="$PWD/.data/postgres"
own_postgres=0
silo_pid=""
simulator_pid=""

# The readiness probe needs no curl: a plain HTTP/1.0 request over bash's /dev/tcp.
http_ok() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
  IFS= read -r -t 5 reply <&3 || reply=""
  exec 3<&- 3>&-
  [[ "$reply" == "HTTP/1."?" 200"* ]]
}

cleanup() {
  trap - INT TERM EXIT
  [ -n "$simulator_pid" ] && kill "$simulator_pid" 2>/dev/null || true
  if [ -n "$silo_pid" ] && kill -0 "$silo_pid" 2>/dev/null; then
    echo "run.sh: stopping the silo"
    kill -TERM "$silo_pid" 2>/dev/null || true
    wait "$silo_pid" 2>/dev/null || true
  fi
  if [ "$own_postgres" = 1 ]; then
    echo "run.sh: stopping PostgreSQL"
    scripts/postgres.sh stop "$pg_dir" || true
  fi
}
trap cleanup INT TERM EXIT

if [ -z "${ConnectionStrings__Postgres:-}" ]; then
  mkdir -p .data
  scripts/postgres.sh start "$pg_dir" "$pg_port"
  own_postgres=1
  scripts/postgres.sh createdb "$pg_dir" "$pg_port" metergrains
  export ConnectionStrings__Postgres="$(scripts/postgres.sh url "$pg_port" metergrains)"
  echo "run.sh: PostgreSQL on 127.0.0.1:$pg_port, data in $pg_dir"
else
  echo "run.sh: using the database in ConnectionStrings__Postgres"
fi

# Households' personal fields are encrypted with this key; keep it with the data it protects.
if [ -z "${Privacy__PersonalDataKey:-}" ]; then
  mkdir -p .data
  [ -s .data/personal-data.key ] || (umask 077 && head -c 32 /dev/urandom | base64 > .data/personal-data.key)
  export Privacy__PersonalDataKey="$(cat .data/personal-data.key)"
fi

# Processing apps see HMAC pseudonyms of meter and household ids, keyed with this secret; keep it with the data too
# (a new secret gives everything new pseudonyms).
if [ -z "${Privacy__PseudonymSecret:-}" ]; then
  mkdir -p .data
  [ -s .data/pseudonym.secret ] || (umask 077 && head -c 32 /dev/urandom | base64 > .data/pseudonym.secret)
  export Privacy__PseudonymSecret="$(cat .data/pseudonym.secret)"
fi

# The operator's API key for the REST API (X-Api-Key), made once and kept in .data.
if [ -z "${Auth__ApiKeys__0__Key:-}" ]; then
  mkdir -p .data
  [ -s .data/operator-api-key ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' > .data/operator-api-key)
  export Auth__ApiKeys__0__Name=operator Auth__ApiKeys__0__Role=operator
  export Auth__ApiKeys__0__Key="$(cat .data/operator-api-key)"
fi

# The HS256 key of development bearer tokens (Auth:Jwt:SigningKey), made once; scripts/mint-token.sh signs with it.
if [ -z "${Auth__Jwt__SigningKey:-}" ] && [ -z "${Auth__Jwt__Authority:-}" ]; then
  mkdir -p .data
  [ -s .data/jwt-signing.key ] || (umask 077 && head -c 32 /dev/urandom | base64 > .data/jwt-signing.key)
  export Auth__Jwt__SigningKey="$(cat .data/jwt-signing.key)"
fi

# MQTT over TLS on 8883 (Mqtt:TlsPort) with a self-signed certificate made once; clients must trust it explicitly
# (e.g. mosquitto_pub --cafile .data/mqtt-tls/server.crt). Every TLS client authenticates as a registered device.
if [ -z "${Mqtt__Tls__CertificatePath:-}" ] && command -v openssl >/dev/null 2>&1; then
  mkdir -p .data/mqtt-tls
  if [ ! -s .data/mqtt-tls/server.key ] || [ ! -s .data/mqtt-tls/server.crt ]; then
    (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout .data/mqtt-tls/server.key -out .data/mqtt-tls/server.crt 2>/dev/null)
  fi
  export Mqtt__Tls__CertificatePath="$PWD/.data/mqtt-tls/server.crt" Mqtt__Tls__KeyPath="$PWD/.data/mqtt-tls/server.key"
  export Mqtt__Tls__BindAddress="${Mqtt__Tls__BindAddress:-127.0.0.1}"
fi

# The build bundles the dashboard (src/Dashboard) with npm.
scripts/web-tools.sh node

echo "run.sh: building"
dotnet build src/Silo/Silo.csproj -c Release -v quiet -nologo
[ "$simulate" -gt 0 ] && dotnet build src/Simulator/Simulator.csproj -c Release -v quiet -nologo

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The content root is the build output, where appsettings*.json are (from the repository root they are not found).
silo_dir="$PWD/src/Silo/bin/Release/net10.0"
dotnet "$silo_dir/MeterGrains.Silo.dll" --contentRoot "$silo_dir" &
silo_pid=$!

echo "run.sh: waiting for http://localhost:5000/health/ready"
ready=0
for _ in $(seq 1 240); do
  if ! kill -0 "$silo_pid" 2>/dev/null; then
    echo "run.sh: the silo exited during start-up" >&2
    silo_pid=""
    exit 1
  fi
  if http_ok 5000 /health/ready 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
if [ "$ready" = 1 ]; then
  echo "run.sh: ready. Dashboard http://localhost:5000/, REST http://localhost:5000/api/v1, gRPC localhost:5001, MQTT localhost:1883 (TLS 8883 with a certificate). Ctrl-C stops."
  echo "run.sh: operator API key (header X-Api-Key, or the dashboard's sign-in) is in .data/operator-api-key"
  echo "run.sh: a resident's bearer token: scripts/mint-token.sh --household <householdId>"
else
  echo "run.sh: the silo is not ready after 120 s; it keeps running (see its log above). Ctrl-C stops." >&2
fi

if [ "$simulate" -gt 0 ]; then
  dotnet src/Simulator/bin/Release/net10.0/MeterGrains.Simulator.dll --meters "$simulate" &
  simulator_pid=$!
fi

wait "$silo_pid"
