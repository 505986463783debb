#!/usr/bin/env bash
# Waits for the agent's Argo Rollout after `pulumi up` and fails when it aborts (failed analysis, or an
# inconclusive one that needs a person): kubectl only, no plugin. Writes the rollout's phase and each analysis
# metric's result to $GITHUB_STEP_SUMMARY (or stdout). A stack without a Rollout (rolling delivery) passes at once:
# pulumi up has already waited for its Deployment.
# Usage: wait-rollout.sh <namespace> <rollout> <timeout seconds>   (KUBECTL overrides the kubectl binary)
set -euo pipefail
ns="${1:?namespace}" name="${2:?rollout}" timeout="${3:?timeout seconds}"
kubectl="${KUBECTL:-kubectl}"
summary="${GITHUB_STEP_SUMMARY:-/dev/stdout}"
poll="${WAIT_ROLLOUT_POLL_SECONDS:-10}"

if ! "$kubectl" -n "$ns" get rollouts.argoproj.io "$name" -o name >/dev/null 2>&1; then
  echo "No Rollout $ns/$name: the agent is released by its Deployment's rolling update (agent.delivery rolling)." >>"$summary"
  exit 0
fi

# phase <rollout json>: Healthy | Aborted | Inconclusive | Progressing, and the current pod-template hash.
phase() {
  python3 -c '
import json, sys
r = json.load(sys.stdin)
s = r.get("status") or {}
current = s.get("currentPodHash", "")
reasons = [c.get("reason", "") for c in s.get("pauseConditions") or []]
if s.get("abort"):
    state = "Aborted"
elif "InconclusiveAnalysis" in reasons:
    state = "Inconclusive"
elif (s.get("observedGeneration") == str(r["metadata"].get("generation")) or s.get("observedGeneration") == r["metadata"].get("generation")) \
        and s.get("phase") == "Healthy" and s.get("stableRS") == current:
    state = "Healthy"
else:
    state = "Progressing"
print(state, current, s.get("phase", "?"), (s.get("message") or "").replace("\n", " "))'
}

# analysis <hash>: one table row per metric of the AnalysisRuns of that version.
analysis() {
  "$kubectl" -n "$ns" get analysisruns.argoproj.io -l "rollouts-pod-template-hash=$1" -o json | python3 -c '
import json, sys
runs = json.load(sys.stdin).get("items") or []
if not runs:
    print("| (no AnalysisRun) | | | |")
for run in runs:
    for m in (run.get("status") or {}).get("metricResults") or []:
        last = (m.get("measurements") or [{}])[-1]
        print("| %s / %s | %s | %s | %s |" % (run["metadata"]["name"], m.get("name"), m.get("phase"),
              last.get("value", ""), (m.get("message") or last.get("message") or "").replace("|", "/")))'
}

deadline=$((SECONDS + timeout))
while :; do
  read -r state hash argo_phase message < <("$kubectl" -n "$ns" get rollouts.argoproj.io "$name" -o json | phase)
  if [[ $state != Progressing || $SECONDS -ge $deadline ]]; then
    break
  fi
  echo "rollout $ns/$name: $argo_phase ${message:-}"
  sleep "$poll"
done

{
  echo "### Rollout $ns/$name: $state"
  echo
  echo "Argo phase: \`$argo_phase\`${message:+ — $message}; version \`$hash\`."
  echo
  echo "| Analysis run / metric | Phase | Last value | Message |"
  echo "|---|---|---|---|"
  analysis "$hash"
} >>"$summary"

case "$state" in
  Healthy) exit 0 ;;
  Aborted) echo "::error::rollout $ns/$name aborted: the new version failed its analysis and was rolled back (see the job summary; docs/runbooks.md#releases-canary)"; exit 1 ;;
  Inconclusive) echo "::error::rollout $ns/$name paused on an inconclusive analysis: promote or abort by hand (docs/runbooks.md#releases-canary)"; exit 1 ;;
  *) echo "::error::rollout $ns/$name did not finish within $timeout s (phase $argo_phase)"; exit 1 ;;
esac
