#!/usr/bin/env bash
# Compares two offline plan files and prints Markdown for a pull-request comment: added/removed/changed resources,
# outputs, cost by component and a Danger section for stateful resources that would be deleted or replaced.
#   scripts/plan-diff.sh <base.json> <head.json> [--fail-on-danger]     (exit 3 on danger with --fail-on-danger)
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/plan-diff.sh <base.json> <head.json> [--fail-on-danger]" >&2; exit 64; }
args=()
for a in "$@"; do
  case "$a" in --*) args+=("$a") ;; *) args+=("$(cd "$(dirname "$a")" && pwd)/$(basename "$a")") ;; esac
done
cd "$(dirname "$0")/.."
./mvnw -q -B test-compile exec:java@plan -Dexec.args="diff ${args[*]}"
