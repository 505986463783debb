#!/usr/bin/env bash
# Builds the tools of scripts/cluster-test.sh from their Go modules through the Go module proxy, at pinned versions,
# into a cache outside the repository keyed by version:
#   ${AGENT_PLATFORM_TOOLS:-$HOME/.cache/agent-platform-tools}/<tool>-<version>/bin/
# A tool whose directory exists is not rebuilt (a warm machine builds nothing). A build happens in a temporary
# directory that is moved into place only when it succeeded, so an interrupted build is redone next time.
# Nothing of the sources or binaries enters the repository.
#
# Prints one `<NAME>=<path>` line per binary on stdout (scripts/cluster-test.sh evaluates them); build logs go to
# <cache>/logs/. Usage: scripts/tools.sh              build what is missing, print the paths
#                       scripts/tools.sh TOOL...      build only these (language-java kubernetes etcd kwok
#                                                     kwok-stages pulumi pulumi-resource-kubernetes crds)
#                       scripts/tools.sh --versions   print the pinned versions
set -euo pipefail

# The pinned versions. KUBERNETES_PROVIDER_VERSION must equal KubernetesProviderVersion.VERSION in the program.
PULUMI_VERSION=v3.274.1
# The Java language host: upstream's (module github.com/pulumi/pulumi-java, v1.36.1 to match com.pulumi:pulumi
# 1.36.1) is refused by the Go module proxy (403 "This module version is not available" for every version), so
# tools/java-language-host, a minimal host of our own, is built instead; its version is its source's hash.
LANGUAGE_JAVA_SOURCE="$(cd "$(dirname "$0")/.." && pwd)/tools/java-language-host"
LANGUAGE_JAVA_VERSION="agent-platform-$(cat "$LANGUAGE_JAVA_SOURCE"/go.mod "$LANGUAGE_JAVA_SOURCE"/go.sum "$LANGUAGE_JAVA_SOURCE"/main.go | sha256sum | cut -c1-12)"
KUBERNETES_PROVIDER_VERSION=4.25.0
# The commit of pulumi-kubernetes tag v4.25.0 as the proxy serves module provider/v4 (it has no tags of its own).
KUBERNETES_PROVIDER_MODULE_VERSION=v4.0.0-20260115033456-f47bc2d6f199
KUBERNETES_VERSION=v1.35.4
KUBERNETES_STAGING_VERSION=v0.35.4
KUBERNETES_COMMIT=unknown # not in the module zip; the version string is what clients read
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
KWOK_STAGES_LIST="node/fast/node-initialize node/heartbeat-with-lease/node-heartbeat-with-lease pod/fast/pod-ready pod/fast/pod-complete pod/fast/pod-delete"
KWOK_STAGES_KEY="$KWOK_VERSION-$(printf '%s' "$KWOK_STAGES_LIST" | sha256sum | cut -c1-8)"
# The CRDs of scripts/crd-sources.txt (scripts/crds.sh), keyed by the list's hash: editing a line refetches.
CRDS_SCRIPT="$(cd "$(dirname "$0")" && pwd)/crds.sh"
CRDS_KEY="$(bash "$CRDS_SCRIPT" --key)"

if [[ "${1:-}" == "--versions" ]]; then
  printf 'pulumi=%s language-java=%s kubernetes-provider=%s kubernetes=%s etcd=%s kwok=%s\n' \
    "$PULUMI_VERSION" "$LANGUAGE_JAVA_VERSION" "$KUBERNETES_PROVIDER_VERSION" "$KUBERNETES_VERSION" "$ETCD_VERSION" "$KWOK_VERSION"
  exit 0
fi

SELECTED=("$@")
TOOLS="${AGENT_PLATFORM_TOOLS:-$HOME/.cache/agent-platform-tools}"
mkdir -p "$TOOLS/logs" "$TOOLS/work"
export GOFLAGS="-buildvcs=false -trimpath -mod=mod"
export CGO_ENABLED=0
export GOTOOLCHAIN=local

log() { printf 'tools: %s\n' "$*" >&2; }

# build <tool> <version> <function>: runs <function> <work dir> <out bin dir> unless <tool>-<version> exists.
# A lock per tool lets two runs share the cache (the second waits for the first one's build).
build() {
  local tool="$1" version="$2" fn="$3"
  local final="$TOOLS/$tool-$version" logfile="$TOOLS/logs/$tool-$version.log"
  if [[ ${#SELECTED[@]} -gt 0 && ! " ${SELECTED[*]} " == *" $tool "* ]]; then return 0; fi
  exec {lock}>"$TOOLS/logs/$tool.lock"
  flock "$lock"
  if [[ -d "$final" ]]; then exec {lock}>&-; return 0; fi
  local work="$TOOLS/work/$tool-$version"
  rm -rf "$work" "$final.partial"
  mkdir -p "$work" "$final.partial/bin"
  log "building $tool $version (log: $logfile)"
  local start=$SECONDS
  if ! ( set -euo pipefail; cd "$work" && "$fn" "$work" "$final.partial/bin" ) >"$logfile" 2>&1; then
    log "FAILED: $tool $version; the build's own message (end of $logfile):"
    tail -n 30 "$logfile" >&2
    exit 1
  fi
  mv "$final.partial" "$final"
  rm -rf "$work"
  log "built $tool $version in $((SECONDS - start)) s"
  exec {lock}>&-
}

# Copies a module out of the module cache into the current directory, writable.
copy_module() {
  local dir
  dir=$(go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -n "$dir" ]] || { echo "go mod download $1@$2 gave no directory"; return 1; }
  cp -r "$dir"/. .
  chmod -R u+w .
}

# The Pulumi CLI: pkg/v3 with its `sdk/v3 => ../sdk` replace swapped for the published sdk/v3 of the same release,
# version stamped as upstream's release build does (-X .../sdk/v3/go/common/version.Version).
pulumi_cli() {
  copy_module github.com/pulumi/pulumi/pkg/v3 "$PULUMI_VERSION"
  go mod edit -dropreplace=github.com/pulumi/pulumi/sdk/v3 -require=github.com/pulumi/pulumi/sdk/v3@"$PULUMI_VERSION"
  go mod tidy -e >/dev/null 2>&1 || go mod download
  go build -o "$2/pulumi" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" ./cmd/pulumi
}

# pulumi-resource-kubernetes: provider/v4 at the release commit, its `sdk/v4 => ../sdk` replace swapped for the
# published sdk/v4 of the same version, the schema embedded by the module's own `go generate` step (generate.go
# writes schema-embed.json with the version set), version stamped as upstream's Makefile does.
kubernetes_provider() {
  copy_module github.com/pulumi/pulumi-kubernetes/provider/v4 "$KUBERNETES_PROVIDER_MODULE_VERSION"
  go mod edit -dropreplace=github.com/pulumi/pulumi-kubernetes/sdk/v4 \
    -require=github.com/pulumi/pulumi-kubernetes/sdk/v4@v"$KUBERNETES_PROVIDER_VERSION"
  go mod tidy -e >/dev/null 2>&1 || go mod download
  (cd cmd/pulumi-resource-kubernetes && VERSION="$KUBERNETES_PROVIDER_VERSION" go run ./generate.go)
  go build -o "$2/pulumi-resource-kubernetes" \
    -ldflags "-X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=$KUBERNETES_PROVIDER_VERSION" \
    ./cmd/pulumi-resource-kubernetes
}

# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl: a wrapper module requiring k8s.io/kubernetes
# with every staging module it replaces locally pinned to the published v0.x.y of the same release.
kubernetes() {
  go mod init agent-platform.local/kubernetes-tools
  go mod edit -require=k8s.io/kubernetes@"$KUBERNETES_VERSION"
  local src staging
  src=$(go mod download -json k8s.io/kubernetes@"$KUBERNETES_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  for staging in $(sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$src/go.mod"); do
    go mod edit -replace="$staging=$staging@$KUBERNETES_STAGING_VERSION"
  done
  local main
  for main in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
    go get k8s.io/kubernetes/cmd/"$main"@"$KUBERNETES_VERSION"
  done
  local minor="${KUBERNETES_VERSION#v1.}"
  minor="${minor%%.*}"
  local stamp="" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    stamp+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    stamp+=" -X $pkg.gitCommit=$KUBERNETES_COMMIT -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  go build -o "$2/" -ldflags "$stamp" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
}

# etcd: a two-line main of our own around the server module's etcdmain (the repository's etcd main module is
# not a published module); Debian's etcd-server is 3.4, which Kubernetes 1.35 no longer supports.
etcd() {
  go mod init agent-platform.local/etcd
  cat > main.go <<'EOF'
// Command etcd runs go.etcd.io/etcd/server/v3's etcdmain, as the upstream etcd binary does.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  go get go.etcd.io/etcd/server/v3@"$ETCD_VERSION"
  go mod tidy
  go build -o "$2/etcd" -ldflags "-X go.etcd.io/etcd/api/v3/version.GitSHA=$ETCD_VERSION" .
}

# kwok: simulates nodes and pods (no container runtime) so Deployments become Available and Jobs complete.
kwok() {
  copy_module sigs.k8s.io/kwok "$KWOK_VERSION"
  go build -o "$2/kwok" -ldflags "-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}" ./cmd/kwok
}

# The Java language host of tools/java-language-host (see LANGUAGE_JAVA_VERSION).
language_java() {
  cp "$LANGUAGE_JAVA_SOURCE"/go.mod "$LANGUAGE_JAVA_SOURCE"/go.sum "$LANGUAGE_JAVA_SOURCE"/main.go .
  go build -o "$2/pulumi-language-java" -ldflags "-X main.version=$LANGUAGE_JAVA_VERSION" .
}

# kwok's default "fast" stages (node initialize; pod ready, complete, delete) plus the node heartbeat with a lease,
# which the kwok binary needs as config (kwokctl normally writes them): taken from the same module version. Without
# the heartbeat the node lifecycle controller sees every node NotReady after its grace period and marks the pods
# NotReady, so no rollout ever becomes Available. The list is part of the cache key (KWOK_STAGES_KEY).
kwok_stages() {
  local src stage
  src=$(go mod download -json sigs.k8s.io/kwok@"$KWOK_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  for stage in $KWOK_STAGES_LIST; do
    cat "$src/kustomize/stage/$stage.yaml"
    echo "---"
  done > "$2/kwok-stages.yaml"
}

# The CRD files of scripts/crd-sources.txt, out of their Go module zips.
crds() {
  bash "$CRDS_SCRIPT" "$2"
}

build language-java "$LANGUAGE_JAVA_VERSION" language_java
build kubernetes "$KUBERNETES_VERSION" kubernetes
build etcd "$ETCD_VERSION" etcd
build kwok "$KWOK_VERSION" kwok
build kwok-stages "$KWOK_STAGES_KEY" kwok_stages
build pulumi "$PULUMI_VERSION" pulumi_cli
build pulumi-resource-kubernetes "$KUBERNETES_PROVIDER_VERSION" kubernetes_provider
build crds "$CRDS_KEY" crds

printf 'PULUMI=%s\n' "$TOOLS/pulumi-$PULUMI_VERSION/bin/pulumi"
printf 'LANGUAGE_JAVA=%s\n' "$TOOLS/language-java-$LANGUAGE_JAVA_VERSION/bin/pulumi-language-java"
printf 'KUBERNETES_PROVIDER=%s\n' "$TOOLS/pulumi-resource-kubernetes-$KUBERNETES_PROVIDER_VERSION/bin/pulumi-resource-kubernetes"
printf 'KUBE_BIN=%s\n' "$TOOLS/kubernetes-$KUBERNETES_VERSION/bin"
printf 'ETCD=%s\n' "$TOOLS/etcd-$ETCD_VERSION/bin/etcd"
printf 'KWOK=%s\n' "$TOOLS/kwok-$KWOK_VERSION/bin/kwok"
printf 'KWOK_STAGES=%s\n' "$TOOLS/kwok-stages-$KWOK_STAGES_KEY/bin/kwok-stages.yaml"
printf 'CRDS=%s\n' "$TOOLS/crds-$CRDS_KEY/bin"
