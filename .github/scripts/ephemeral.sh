#!/usr/bin/env bash
# Ephemeral pr-<number> stacks: destroy one (tolerating a stack that was never created) or run
# the janitor over all of them. Needs a logged-in `pulumi` (and `gh` for the janitor's PR check)
# and runs from the repository root (Pulumi.yaml, Pulumi.pr.yaml).
#
#   ephemeral.sh destroy <pr-number>
#   ephemeral.sh janitor            # destroys pr-* stacks whose expiresAt is past or whose PR is closed
#
# Environment: DRY_RUN=true (janitor: only report), NOW (epoch seconds, for tests),
# PREVIEW_ENV_TTL_HOURS (fallback when a stack has no expiresAt tag; default 72),
# GITHUB_REPOSITORY (gh), GITHUB_STEP_SUMMARY (optional report).
set -euo pipefail

ttl_hours="${PREVIEW_ENV_TTL_HOURS:-72}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"

log() { printf '%s\n' "$*" >&2; }

# Prints "<name> <lastUpdate or ->" for each pr-<n> stack of this project.
list_pr_stacks() {
  pulumi stack ls --json --non-interactive | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      for (const st of JSON.parse(s || "[]")) {
        const name = String(st.name || "");
        if (/(^|\/)pr-[0-9]+$/.test(name)) console.log(name, st.lastUpdate || "-");
      }
    });'
}


destroy_stack() {
  local stack="$1" short="${1##*/}"
  # destroy does not run the program, but the stack needs its settings file (secrets provider).
  if [ ! -f "Pulumi.$short.yaml" ] && [ -f Pulumi.pr.yaml ]; then
    cp Pulumi.pr.yaml "Pulumi.$short.yaml"
  fi
  pulumi destroy --stack "$stack" --yes --non-interactive --skip-preview --remove \
    --message "ephemeral environment removed" < /dev/null
}

cmd_destroy() {
  local number="$1"
  [[ "$number" =~ ^[0-9]+$ ]] || { log "not a pull request number: $number"; exit 2; }
  local stack="pr-$number" stacks found
  stacks=$(list_pr_stacks) # fails the script when the backend cannot be listed (no silent skip)
  found=$(awk '{print $1}' <<< "$stacks" | grep -E "(^|/)${stack}\$" | head -n 1 || true)
  if [ -n "$found" ]; then
    stack="$found"
    log "destroying $stack"
    destroy_stack "$stack"
    echo "Destroyed and removed stack \`$stack\`." >> "$summary"
  else
    log "stack $stack does not exist (never created or already removed); nothing to destroy"
    echo "Stack \`$stack\` does not exist; nothing to destroy." >> "$summary"
  fi
}

to_epoch() { date -u -d "$1" +%s 2>/dev/null || echo ""; }

cmd_janitor() {
  local now="${NOW:-$(date -u +%s)}" name last number expires exp_epoch reason pr_state destroyed=0 kept=0 failed=0 stacks
  stacks=$(list_pr_stacks) # fails the script when the backend cannot be listed
  echo "| stack | expiresAt | PR | action |" >> "$summary"
  echo "| --- | --- | --- | --- |" >> "$summary"
  while read -r name last; do
    [ -n "$name" ] || continue
    number="${name##*pr-}"
    expires=$(pulumi stack tag get expiresAt --stack "$name" --non-interactive 2>/dev/null < /dev/null || true)
    exp_epoch=$(to_epoch "$expires")
    if [ -z "$exp_epoch" ]; then
      local last_epoch; last_epoch=$(to_epoch "$last")
      # No (valid) tag: expire ttl hours after the last update; never updated means nothing deployed.
      exp_epoch=$(( ${last_epoch:-0} + ttl_hours * 3600 ))
      expires="${expires:-none} (fallback: last update + ${ttl_hours}h)"
    fi
    pr_state=$(gh pr view "$number" --repo "${GITHUB_REPOSITORY:-}" --json state --jq .state 2>/dev/null < /dev/null || echo UNKNOWN)
    reason=""
    if [ "$exp_epoch" -le "$now" ]; then
      reason="expired"
    elif [ "$pr_state" = CLOSED ] || [ "$pr_state" = MERGED ]; then
      reason="pull request $pr_state"
    fi
    if [ -z "$reason" ]; then
      kept=$((kept + 1))
      echo "| \`$name\` | $expires | $pr_state | kept |" >> "$summary"
      log "keep $name (expiresAt $expires, PR $pr_state)"
      continue
    fi
    if [ "${DRY_RUN:-false}" = true ]; then
      echo "| \`$name\` | $expires | $pr_state | would destroy ($reason) |" >> "$summary"
      log "dry run: would destroy $name ($reason)"
      continue
    fi
    log "destroy $name ($reason)"
    if destroy_stack "$name"; then
      destroyed=$((destroyed + 1))
      echo "| \`$name\` | $expires | $pr_state | destroyed ($reason) |" >> "$summary"
    else
      failed=$((failed + 1))
      echo "| \`$name\` | $expires | $pr_state | **destroy failed** ($reason) |" >> "$summary"
    fi
  done <<< "$stacks"
  log "janitor: $destroyed destroyed, $kept kept, $failed failed"
  [ "$failed" -eq 0 ]
}

case "${1:-}" in
  destroy) cmd_destroy "${2:?pull request number}" ;;
  janitor) cmd_janitor ;;
  *) log "usage: $0 destroy <pr-number> | janitor"; exit 2 ;;
esac
