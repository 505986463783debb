#!/usr/bin/env bash
# Benchmark of the agent service on this machine (not a test; no pass/fail thresholds here).
# Needs a JDK 17+ and pgbench (installed from Debian's PostgreSQL packages if missing). PostgreSQL
# and Redis come from Maven jars (the same embedded servers the tests use), the load driver is Java
# (src/test/java/.../bench/Benchmark.java).
#
#   app/bench/run.sh                                  # 16 clients, 20 s per phase, 120 s warm-up
#   BENCH_CONCURRENCY=32 BENCH_SECONDS=30 app/bench/run.sh
#   BENCH_BASE_REF=main app/bench/run.sh              # also measure the jar of that git commit, same run
#   BENCH_BASE_REF=main BENCH_ROUNDS=2 app/bench/run.sh  # base, this, base, this: drift hits both jars alike
#   BENCH_JFR_DIR=/tmp/jfr app/bench/run.sh           # also record a JFR profile of each service there
#   BENCH_SLICE_PAIRS=6 BENCH_SLICE_SECONDS=10 app/bench/run.sh  # service and pgbench alternating (default 4 x 10 s)
#
# Prints requests/s, p50 and p99 for POST /v1/tasks and the probes, time to ready and resident
# memory, next to the baselines: pgbench's single-row INSERT rate and raw JDBC INSERTs into the same
# PostgreSQL, and the ratio of the POST rate to the pgbench rate.
set -euo pipefail

APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$APP_DIR/.." && pwd)"
MVNW="$REPO_DIR/mvnw"
# (Not SECONDS: bash sets that itself.)
CONCURRENCY="${BENCH_CONCURRENCY:-16}"
SECONDS_PER_PHASE="${BENCH_SECONDS:-20}"
# 120 s: on the 2-core machine C2 still took 3.5-4.3 % of the service's CPU 74-88 s after start, 2.2 % at 134-148 s
# (its CPU counts as the service's; docs/benchmarks.md, sixth pass).
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-120}"
BASE_REF="${BENCH_BASE_REF:-}"
# The machine drifts over a run and the second service of a run was the slower one in three of four same-code runs
# (docs/benchmarks.md, sixth pass): more rounds alternate the jars instead of measuring each once.
ROUNDS="${BENCH_ROUNDS:-1}"
JFR_DIR="${BENCH_JFR_DIR:-}"
# After its rows, each service alternates with pgbench in short slices: the ratio then compares the two under the same
# state of the machine, which drifts over minutes (docs/benchmarks.md, eighth pass). 0 pairs turns it off.
SLICE_PAIRS="${BENCH_SLICE_PAIRS:-4}"
SLICE_SECONDS="${BENCH_SLICE_SECONDS:-10}"

# Every bad setting is reported at once, before anything is built or installed (BenchScriptSettingsTest).
PROBLEMS=()
whole_number() { # setting, value, least allowed
    if [[ ! "$2" =~ ^(0|[1-9][0-9]{0,5})$ ]] || (( $2 < $3 )); then
        PROBLEMS+=("$1 must be a whole number of at least $3, got '$2'")
    fi
}
whole_number BENCH_CONCURRENCY "$CONCURRENCY" 1
whole_number BENCH_SECONDS "$SECONDS_PER_PHASE" 1
whole_number BENCH_WARMUP_SECONDS "$WARMUP_SECONDS" 0
whole_number BENCH_ROUNDS "$ROUNDS" 1
whole_number BENCH_SLICE_PAIRS "$SLICE_PAIRS" 0
whole_number BENCH_SLICE_SECONDS "$SLICE_SECONDS" 1
if [ "${#PROBLEMS[@]}" -gt 0 ]; then
    printf 'bench: %s\n' "${PROBLEMS[@]}" >&2
    exit 2
fi

command -v java >/dev/null || { echo "bench: a JDK 17+ is required (java not found)" >&2; exit 1; }

find_pgbench() {
    command -v pgbench 2>/dev/null || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1
}
PGBENCH="$(find_pgbench || true)"
if [ -z "$PGBENCH" ]; then
    # Debian ships pgbench in the server package (postgresql-NN); only the binary is used, no cluster.
    echo "Installing pgbench from Debian's PostgreSQL packages..."
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    PGBENCH="$(find_pgbench)"
fi
[ -x "$PGBENCH" ] || { echo "bench: pgbench not found after installing postgresql" >&2; exit 1; }

echo "Building the service jar and the load driver..."
"$MVNW" -q -f "$APP_DIR/pom.xml" -DskipTests package
"$MVNW" -q -f "$APP_DIR/pom.xml" dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$APP_DIR/target/bench-classpath.txt"

JARS=()
if [ -n "$BASE_REF" ]; then
    BASE_COMMIT="$(git -C "$REPO_DIR" rev-parse --short "$BASE_REF")"
    BASE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/agent-bench-base.XXXXXX")"
    trap 'rm -rf "$BASE_DIR"' EXIT
    echo "Building the service jar of $BASE_REF ($BASE_COMMIT) in $BASE_DIR..."
    git -C "$REPO_DIR" archive "$BASE_COMMIT" mvnw .mvn app | tar -x -C "$BASE_DIR"
    "$BASE_DIR/mvnw" -q -f "$BASE_DIR/app/pom.xml" -DskipTests package
    JARS+=("base $BASE_COMMIT=$BASE_DIR/app/target/agent-service.jar")
fi
JARS+=("this tree ($(git -C "$REPO_DIR" rev-parse --short HEAD)$(git -C "$REPO_DIR" diff --quiet HEAD -- app || echo '+changes'))=$APP_DIR/target/agent-service.jar")
SUBJECTS=()
for ((round = 1; round <= ROUNDS; round++)); do
    for jar in "${JARS[@]}"; do
        if [ "$ROUNDS" -eq 1 ]; then SUBJECTS+=("$jar"); else SUBJECTS+=("${jar%%=*}, round $round=${jar#*=}"); fi
    done
done

cd "$APP_DIR"
java -Xmx1g \
    -Dbench.concurrency="$CONCURRENCY" -Dbench.seconds="$SECONDS_PER_PHASE" -Dbench.warmupSeconds="$WARMUP_SECONDS" \
    -Dbench.pgbench="$PGBENCH" ${JFR_DIR:+-Dbench.jfrDirectory="$JFR_DIR"} \
    -Dbench.slicePairs="$SLICE_PAIRS" -Dbench.sliceSeconds="$SLICE_SECONDS" \
    -cp "target/test-classes:$(cat target/bench-classpath.txt)" \
    io.agentplatform.agentservice.bench.Benchmark "${SUBJECTS[@]}"
