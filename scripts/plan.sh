#!/usr/bin/env bash
# Offline plan of one or more stacks: runs the real program for Pulumi.<stack>.yaml under Pulumi's mock engine and
# writes target/plan/<stack>.json plus the Kubernetes objects under target/plan/<stack>/. Needs only a JDK.
#   scripts/plan.sh dev            scripts/plan.sh dev staging production
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/plan.sh <stack> [<stack>...]" >&2; exit 64; }
# The plan lives on the program's test classpath (the offline-plan module is a test dependency), so each run builds
# the reactor to test-compile (a no-op when nothing changed) and runs io.agentplatform.plan.PlanMain.
for stack in "$@"; do
  ./mvnw -q -B test-compile exec:java@plan -Dexec.args="plan ${stack}"
done
