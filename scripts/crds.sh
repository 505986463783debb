#!/usr/bin/env bash
# Copies the CRDs listed in scripts/crd-sources.txt (one `<Go module>@<version> <path glob>` a line) out of their
# Go module zips into a directory, for scripts/cluster-test.sh to apply before its server-side dry-run. Modules come
# through the Go module proxy (`go mod download`, GOPROXY as set); nothing enters the repository.
# Usage: scripts/crds.sh <out dir>     (scripts/tools.sh calls it, caching <out dir> by the list's hash)
#        scripts/crds.sh --key         prints the cache key: a hash of the list
# Fails naming the line when a module is not served or a glob matches no file.
set -euo pipefail
LIST="$(cd "$(dirname "$0")" && pwd)/crd-sources.txt"

if [[ "${1:-}" == "--key" ]]; then
  grep -Ev '^[[:space:]]*(#|$)' "$LIST" | sha256sum | cut -c1-12
  exit 0
fi
OUT="${1:?usage: scripts/crds.sh <out dir>}"
mkdir -p "$OUT"
export GOTOOLCHAIN=local GOFLAGS=-mod=mod

n=0
line_no=0
while IFS= read -r line || [[ -n $line ]]; do
  line_no=$((line_no + 1))
  [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
  read -r source glob extra <<<"$line"
  if [[ -z ${glob:-} || -n ${extra:-} || $source != *@* ]]; then
    echo "crd-sources.txt:$line_no: expected '<module>@<version> <path glob>', got: $line" >&2
    exit 1
  fi
  json=$(go mod download -json "$source" || true)
  dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  zip=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Zip": "\(.*\)",$/\1/p')
  if [[ -z $dir && -n $zip && -f $zip ]]; then
    # A module whose go.mod asks for a newer Go than this machine's (karpenter-provider-aws >= v1.14.3 wants
    # go >= 1.26.9) is downloaded and verified against go.sum's hash, but not extracted: read the verified zip.
    dir=$(mktemp -d)
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zip" "$dir"
    dir="$dir/$source"
  fi
  if [[ -z $dir || ! -d $dir ]]; then
    echo "crd-sources.txt:$line_no: go mod download $source gave no directory:" >&2
    go mod download -json "$source" >&2 || true
    exit 1
  fi
  module="${source%@*}"
  prefix=$(printf '%s' "$module" | tr '/' '_')
  matched=0
  shopt -s nullglob
  for file in "$dir"/$glob; do
    cp "$file" "$OUT/${prefix}__$(basename "$file")"
    chmod u+w "$OUT/${prefix}__$(basename "$file")"
    matched=$((matched + 1))
  done
  shopt -u nullglob
  if [[ $matched -eq 0 ]]; then
    echo "crd-sources.txt:$line_no: no file of $source matches $glob" >&2
    exit 1
  fi
  printf 'crds: %s %s: %d file(s)\n' "$source" "$glob" "$matched" >&2
  n=$((n + matched))
done <"$LIST"
printf 'crds: %d CRD file(s) in %s\n' "$n" "$OUT" >&2
