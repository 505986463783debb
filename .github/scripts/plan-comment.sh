#!/usr/bin/env bash
# Builds the Markdown body of the sticky PR plan comment from the offline plans of the base and
# head commits (artifacts of pr.yml). Usage:
#   plan-comment.sh <base-plan-dir> <head-plan-dir> <plan-diff-script> > comment.md
# Each plan dir holds <stack>.json, <stack>.status ("ok" or "failed"/"missing") and, for the
# head, <stack>.policy.txt + <stack>.policy.status. Stacks: $PLAN_STACKS (default below).
set -uo pipefail

base="$1" head="$2" differ="$3"
stacks="${PLAN_STACKS:-dev staging production pr}"
marker="<!-- agent-platform:plan-diff -->"
max_section=12000

status_of() { [ -f "$1/$2.status" ] && cat "$1/$2.status" || echo missing; }

echo "$marker"
echo "## Offline plan: base \`${BASE_SHA:-base}\` → head \`${HEAD_SHA:-head}\`"
echo
echo "Plans come from \`scripts/plan.sh\` under Pulumi's mock engine (no cloud access); policy results from the offline policy check. Full plans are in the workflow artifacts."
echo
echo "| stack | head plan | policy | diff |"
echo "| --- | --- | --- | --- |"
for s in $stacks; do
  hs=$(status_of "$head" "$s"); bs=$(status_of "$base" "$s")
  ps=$( [ -f "$head/$s.policy.status" ] && cat "$head/$s.policy.status" || echo "not run")
  case "$hs" in ok) hcell="✅ planned";; *) hcell="❌ $hs";; esac
  case "$ps" in ok) pcell="✅ passed";; "not run") pcell="—";; *) pcell="❌ $ps";; esac
  if [ "$hs" = ok ] && [ "$bs" = ok ]; then dcell="see below"; elif [ "$hs" = ok ]; then dcell="new (no base plan: $bs)"; else dcell="—"; fi
  echo "| \`$s\` | $hcell | $pcell | $dcell |"
done
echo
for s in $stacks; do
  hs=$(status_of "$head" "$s"); bs=$(status_of "$base" "$s")
  echo "<details><summary><b>$s</b></summary>"
  echo
  if [ "$hs" = ok ] && [ "$bs" = ok ]; then
    out=$(bash "$differ" "$base/$s.json" "$head/$s.json" 2>&1) || out="plan-diff failed:
\`\`\`
$out
\`\`\`"
    if [ "${#out}" -gt "$max_section" ]; then out="${out:0:$max_section}

… (truncated; see the plan artifacts)"; fi
    printf '%s\n' "$out"
  elif [ "$hs" = ok ]; then
    echo "No base plan to compare with (base: $bs)."
  else
    echo "The head plan did not succeed ($hs); see the job log."
  fi
  if [ -f "$head/$s.policy.txt" ]; then
    echo
    echo "Policy check:"
    echo
    echo '```'
    head -c 4000 "$head/$s.policy.txt"
    echo
    echo '```'
  fi
  echo
  echo "</details>"
done
