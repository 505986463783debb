#!/usr/bin/env bash
# Benchmark (not a test): wall time of the offline plan per stack from a cold JVM, and resource counts.
# Prints a Markdown table; the figures are recorded in docs/benchmarks.md.
#   scripts/bench-plan.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
  -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/classpath.txt)"
echo "| stack | resources | cold-JVM plan wall time (median of ${runs}) | min | max |"
echo "|---|---|---|---|---|"
for stack in dev staging production; do
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    java -cp "$cp" io.agentplatform.plan.PlanMain plan "$stack" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  resources=$(python3 -c "import json;print(len(json.load(open('target/plan/${stack}.json'))['resources']))" 2>/dev/null \
    || grep -c '"urn"' "target/plan/${stack}.json")
  echo "| ${stack} | ${resources} | ${sorted[$(( runs / 2 ))]} ms | ${sorted[0]} ms | ${sorted[$(( runs - 1 ))]} ms |"
done
