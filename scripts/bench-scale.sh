#!/usr/bin/env bash
# Benchmark (not a test): how the offline plan grows with the platform. Runs the real program under the mock engine
# for the dev stack plus N extra node groups (default N = 0,4,16,64) added through the normal nodeGroups config, and
# prints a Markdown table (resources, warm-JVM plan time, estimate). Figures are recorded in docs/benchmarks.md.
#   scripts/bench-scale.sh [sizes] [timed runs]      e.g. scripts/bench-scale.sh 0,4,16,64 5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
java -cp "$cp" io.agentplatform.plan.ScaleBenchmark "${1:-0,4,16,64}" "${2:-5}" 2>/dev/null
