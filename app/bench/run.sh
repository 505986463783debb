#!/usr/bin/env bash
# Benchmark of the agent service on this machine (not a test; no pass/fail thresholds here).
# Needs only a JDK 17+: PostgreSQL and Redis come from Maven jars (the same embedded servers the
# tests use), the load driver is Java (src/test/java/.../bench/Benchmark.java).
#
#   app/bench/run.sh                                  # 16 clients, 20 s per phase, 10 s warm-up
#   BENCH_CONCURRENCY=32 BENCH_SECONDS=30 app/bench/run.sh
#
# Prints requests/s, p50 and p99 for POST /v1/tasks and the probes, time to ready and resident
# memory, next to a baseline: raw INSERT throughput of the same PostgreSQL.
set -euo pipefail

APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MVNW="$APP_DIR/../mvnw"
# (Not SECONDS: bash sets that itself.)
CONCURRENCY="${BENCH_CONCURRENCY:-16}"
SECONDS_PER_PHASE="${BENCH_SECONDS:-20}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-10}"

command -v java >/dev/null || { echo "bench: a JDK 17+ is required (java not found)" >&2; exit 1; }

echo "Building the service jar and the load driver..."
"$MVNW" -q -f "$APP_DIR/pom.xml" -DskipTests package
"$MVNW" -q -f "$APP_DIR/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$APP_DIR/target/bench-classpath.txt"

cd "$APP_DIR"
exec java -Xmx1g \
    -Dbench.concurrency="$CONCURRENCY" -Dbench.seconds="$SECONDS_PER_PHASE" -Dbench.warmupSeconds="$WARMUP_SECONDS" \
    -cp "target/test-classes:$(cat target/bench-classpath.txt)" \
    io.agentplatform.agentservice.bench.Benchmark target/agent-service.jar
