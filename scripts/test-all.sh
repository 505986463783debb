#!/usr/bin/env bash
# Every test in the repository, on a fresh machine with only a JDK and Node.js:
#   1. the Pulumi program's tests (the real program under Pulumi's mock engine, every committed stack);
#   2. the offline plan of every committed stack;
#   3. scripts/cluster-test.sh: the Pulumi CLI, the Java language host and the Kubernetes provider against a local
#      API server with its controllers and kwok nodes (needs Go, openssl and python3; scripts/tools.sh builds the rest).
# Each further part of the repository adds its step here as it lands.
set -euo pipefail
cd "$(dirname "$0")/.."
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx2g"

step() { printf '\n==> %s\n' "$*"; }

step "Pulumi program and its offline plan (the Maven reactor): unit tests against the mock engine"
./mvnw -B -ntp verify

step "Offline plan of every committed stack (Pulumi.<stack>.yaml)"
for file in Pulumi.*.yaml; do
  stack="${file#Pulumi.}"
  stack="${stack%.yaml}"
  ./mvnw -q -B -ntp test-compile exec:java@plan -Dexec.args="plan ${stack}" > "target/plan-${stack}.log"
  echo "plan ${stack}: $(head -n 1 "target/plan-${stack}.log")"
done

step "Agent service (app/): API, migrations, idempotency, rate limits, outages against real PostgreSQL and Redis"
./mvnw -B -ntp -f app/pom.xml verify

step "Policy pack: fixture tests, then every committed stack's plan (fails on any mandatory violation)"
npm --prefix policies ci --no-audit --no-fund
npm --prefix policies test
npm --prefix policies run check:repo

step "Real Pulumi engine against a real Kubernetes API server (tools built from the Go module proxy, cached outside the repository)"
CLUSTER_TEST_REUSE_PLANS=1 bash scripts/cluster-test.sh

step "CI bootstrap program (GitHub OIDC provider, deploy roles, ECR, state backend): unit tests"
./mvnw -B -ntp -f bootstrap/pom.xml verify

step "GitHub workflows: actionlint and pinning rules"
bash scripts/lint-workflows.sh

step "All tests passed"
