#!/usr/bin/env bash
# The policy pack's test plans from the real program: the offline plan of every committed stack (scripts/plan.sh),
# judged on the tests' plan date, copied to policies/test/fixtures/plans/<stack>.json. Run it after a change to the
# program or a stack file; PolicyFixturesTest (./mvnw verify) fails until the copies match the program again.
set -euo pipefail
cd "$(dirname "$0")/.."
# The day the tests judge the committed stacks on (TestStacks.PLAN_DATE), so the copies equal the tests' plans.
export AGENT_PLATFORM_PLAN_DATE=2026-12-01
stacks=()
for file in Pulumi.*.yaml; do
  stack="${file#Pulumi.}"
  stacks+=("${stack%.yaml}")
done
scripts/plan.sh "${stacks[@]}"
mkdir -p policies/test/fixtures/plans
rm -f policies/test/fixtures/plans/*.json
for stack in "${stacks[@]}"; do
  cp "target/plan/${stack}.json" "policies/test/fixtures/plans/${stack}.json"
  echo "policies/test/fixtures/plans/${stack}.json"
done
