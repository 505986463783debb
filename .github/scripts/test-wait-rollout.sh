#!/usr/bin/env bash
# Tests .github/scripts/wait-rollout.sh against a fake `kubectl` that serves a Rollout and its AnalysisRuns.
# Prints "wait-rollout: N passed, M failed" and exits non-zero on any failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script="$here/wait-rollout.sh"
passed=0 failed=0

setup() {
  work=$(mktemp -d)
  cat > "$work/kubectl" <<'FAKE'
#!/usr/bin/env bash
case "$*" in
  *"get rollouts.argoproj.io agent -o name") [ -f "$FAKE/rollout.json" ] || exit 1; echo rollout.argoproj.io/agent ;;
  *"get rollouts.argoproj.io agent -o json")
    n=$(cat "$FAKE/polls" 2>/dev/null || echo 0); echo $((n + 1)) > "$FAKE/polls"
    if [ -f "$FAKE/rollout-$n.json" ]; then cat "$FAKE/rollout-$n.json"; else cat "$FAKE/rollout.json"; fi ;;
  *"get analysisruns.argoproj.io -l rollouts-pod-template-hash=abc123 -o json") cat "$FAKE/runs.json" ;;
  *) echo "unexpected kubectl $*" >&2; exit 1 ;;
esac
FAKE
  chmod +x "$work/kubectl"
  echo '{"items": []}' > "$work/runs.json"
}

rollout() { # phase, abort, stableRS, pause reason
  printf '{"metadata": {"generation": 3}, "status": {"observedGeneration": "3", "phase": "%s", "abort": %s, "currentPodHash": "abc123", "stableRS": "%s", "message": "m", "pauseConditions": [%s]}}\n' \
    "$1" "$2" "$3" "${4:+{\"reason\": \"$4\"\}}"
}

run() { FAKE="$work" KUBECTL="$work/kubectl" GITHUB_STEP_SUMMARY="$work/summary" WAIT_ROLLOUT_POLL_SECONDS=0 \
  bash "$script" agent agent "${1:-60}" > "$work/out" 2>&1; echo $? > "$work/rc"; }

check() { # name, condition...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; sed 's/^/    /' "$work/out" "$work/summary" >&2; fi
}
rc() { [ "$(cat "$work/rc")" = "$1" ]; }

setup
run
check "no Rollout (rolling delivery) passes" rc 0
check "no Rollout is said in the summary" grep -q "rolling update" "$work/summary"

setup
rollout Progressing false old999 > "$work/rollout-0.json"
rollout Paused false old999 CanaryPauseStep > "$work/rollout-1.json"
rollout Healthy false abc123 > "$work/rollout.json"
echo '{"items": [{"metadata": {"name": "agent-abc123-3"}, "status": {"metricResults": [{"name": "error-ratio", "phase": "Successful", "measurements": [{"value": "[0.001]"}]}]}}]}' > "$work/runs.json"
run
check "waits through progress and pause steps, passes when Healthy on the new version" rc 0
check "the summary shows the analysis result" grep -q "error-ratio | Successful | \[0.001\]" "$work/summary"

setup
rollout Degraded true old999 > "$work/rollout.json"
echo '{"items": [{"metadata": {"name": "agent-abc123-3"}, "status": {"metricResults": [{"name": "error-ratio", "phase": "Failed", "message": "", "measurements": [{"value": "[]"}]}]}}]}' > "$work/runs.json"
run
check "an aborted rollout fails the job" rc 1
check "the abort is named" grep -q "aborted" "$work/out"
check "the failed metric is in the summary" grep -q "error-ratio | Failed" "$work/summary"

setup
rollout Paused false old999 InconclusiveAnalysis > "$work/rollout.json"
run
check "an inconclusive analysis fails the job" rc 1
check "it asks for a person" grep -q "promote or abort by hand" "$work/out"

setup
rollout Progressing false old999 > "$work/rollout.json"
run 0
check "a rollout still progressing at the timeout fails" rc 1

echo "wait-rollout: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
