#!/usr/bin/env bash
# Offline plan of one or more stacks: runs the real program for Pulumi.<stack>.yaml under Pulumi's mock engine and
# writes target/plan/<stack>.json plus the Kubernetes objects under target/plan/<stack>/. Needs only a JDK.
#   scripts/plan.sh dev            scripts/plan.sh dev staging production
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/plan.sh <stack> [<stack>...]" >&2; exit 64; }
./mvnw -q -B compile
for stack in "$@"; do
  ./mvnw -q -B exec:java -Dexec.args="plan ${stack}"
done
