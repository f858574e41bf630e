#!/usr/bin/env bash
# The dashboard's tools, installed from Debian's archive when they are missing:
#
#   scripts/web-tools.sh node       Node.js and npm: `dotnet build` bundles the dashboard (src/Dashboard) with them
#   scripts/web-tools.sh chromium   Debian's Chromium (/usr/bin/chromium): the dashboard's browser test drives it
#
# Several may be named at once. Installing needs root; as anyone else a missing tool is an error that says what to install.
set -euo pipefail

die() {
  echo "web-tools.sh: $*" >&2
  exit 1
}

apt_install() {
  [[ $(id -u) -eq 0 ]] || die "$* is not installed and installing needs root (apt-get install $*)."
  echo "web-tools.sh: installing $* from the Debian archive" >&2
  # Another test may be installing its own packages at the same moment: wait for dpkg's lock instead of failing.
  apt-get -o DPkg::Lock::Timeout=300 update -q
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@"
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1; then
    apt_install nodejs npm
  elif ! command -v npm >/dev/null 2>&1; then
    apt_install npm
  fi
  # vite 7 runs on Node.js ^20.19 or >=22.12 (Debian 12's own nodejs is 18).
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a > 22 ? 0 : 1)' \
    || die "Node.js $(node --version) is too old to build the dashboard: vite 7 needs 20.19+ or 22.12+."
}

ensure_chromium() {
  [[ -x /usr/bin/chromium ]] || apt_install chromium
  [[ -x /usr/bin/chromium ]] || die "apt-get installed chromium but /usr/bin/chromium is missing."
}

[[ $# -gt 0 ]] || { sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
for tool in "$@"; do
  case "$tool" in
    node) ensure_node ;;
    chromium) ensure_chromium ;;
    *) die "unknown tool '$tool' (node, chromium)" ;;
  esac
done
