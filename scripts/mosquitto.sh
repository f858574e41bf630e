#!/usr/bin/env bash
# A private Mosquitto broker for MeterGrains: the external-broker tests and trying the gateway's client mode.
#
#   scripts/mosquitto.sh start <dir> <port>   listens on 127.0.0.1:<port>, anonymous, persistent (data in <dir>)
#   scripts/mosquitto.sh stop  <dir>
#   scripts/mosquitto.sh install              installs the broker and mosquitto_pub/_sub (mosquitto-clients) if missing
#
# Installs Debian's mosquitto when it is missing. The broker is ours alone (its own config, port and data directory),
# so it never collides with a distribution-managed one on 1883.
set -euo pipefail

readonly START_DEADLINE_SECONDS=${MOSQUITTO_START_DEADLINE_SECONDS:-20}

die() {
  echo "mosquitto.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '4,6p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

find_broker() {
  command -v mosquitto 2>/dev/null || { [[ -x /usr/sbin/mosquitto ]] && echo /usr/sbin/mosquitto; } || true
}

# The broker and the clients come together: tests publish with Debian's mosquitto_pub as well.
ensure_installed() {
  BROKER=$(find_broker)
  if [[ -n "$BROKER" ]] && command -v mosquitto_pub >/dev/null 2>&1; then
    return
  fi
  [[ $(id -u) -eq 0 ]] || die "mosquitto or mosquitto-clients is not installed and installing needs root (apt-get install mosquitto mosquitto-clients)."
  echo "mosquitto.sh: installing Mosquitto and its clients from the Debian archive" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mosquitto mosquitto-clients
  BROKER=$(find_broker)
  [[ -n "$BROKER" ]] || die "apt-get installed mosquitto but no mosquitto binary was found."
  command -v mosquitto_pub >/dev/null 2>&1 || die "apt-get installed mosquitto-clients but no mosquitto_pub was found."
}

pid_of() {
  local pid_file="$1/mosquitto.pid"
  [[ -s "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null && cat "$pid_file"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cmd_start() {
  local dir port
  dir=$(realpath -m "$1")
  port=$2
  ensure_installed
  mkdir -p "$dir"
  if pid_of "$dir" >/dev/null; then
    die "already running in $dir (pid $(pid_of "$dir"))."
  fi
  # Started as root, Mosquitto drops to the mosquitto user before it writes its pid, log and persistence files.
  if [[ $(id -u) -eq 0 ]]; then
    id mosquitto >/dev/null 2>&1 || die "user 'mosquitto' does not exist; install the mosquitto package."
    chown mosquitto: "$dir"
    runuser -u mosquitto -- test -w "$dir" -a -x "$dir" ||
      die "user 'mosquitto' cannot reach $dir: every parent directory needs o+x (try: chmod o+x $(dirname "$dir"))."
  fi
  # Anonymous access is acceptable only because the listener is on 127.0.0.1.
  cat >"$dir/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence true
persistence_location $dir/
pid_file $dir/mosquitto.pid
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
log_type information
# A gateway that is away finds everything that arrived for its session (the default queue is 1000 messages).
max_queued_messages 100000
# More than Mosquitto's 20 unacknowledged messages in flight to one client: the gateway acknowledges after storing.
max_inflight_messages 1000
CONF
  "$BROKER" -c "$dir/mosquitto.conf" -d
  local deadline=$((SECONDS + START_DEADLINE_SECONDS))
  until port_open "$port"; do
    if ((SECONDS >= deadline)); then
      tail -n 20 "$dir/mosquitto.log" >&2 || true
      die "Mosquitto on port $port was not listening within ${START_DEADLINE_SECONDS}s (log: $dir/mosquitto.log)."
    fi
    sleep 0.1
  done
  echo "mosquitto.sh: ready on 127.0.0.1:$port (data: $dir)" >&2
}

cmd_stop() {
  local dir pid
  dir=$(realpath -m "$1")
  if ! pid=$(pid_of "$dir"); then
    echo "mosquitto.sh: not running in $dir" >&2
    return
  fi
  # SIGTERM: Mosquitto writes its persistence file (queued messages of persistent sessions) and exits.
  kill -TERM "$pid"
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      die "Mosquitto (pid $pid) did not stop within 20s."
    fi
    sleep 0.1
  done
  echo "mosquitto.sh: stopped $dir" >&2
}

main() {
  local command=${1:-}
  shift || true
  case "$command" in
  start) (($# == 2)) || usage; cmd_start "$@" ;;
  stop) (($# == 1)) || usage; cmd_stop "$@" ;;
  install) (($# == 0)) || usage; ensure_installed ;;
  *) usage ;;
  esac
}

main "$@"
