#!/usr/bin/env bash
# Sets the per-run configuration of a stack in the runner's Pulumi.<stack>.yaml (never committed):
#   IMAGE          -> agent-platform:agent.image (path key: the `agent` object's `image` field)
#   EXPIRES_AT     -> agent-platform:expiresAt (ephemeral stacks, RFC 3339)
#   STACK_SECRETS  -> JSON object {"redisAuthToken": "...", ...}: each set with --secret under
#                     agent-platform:, value passed on stdin (never on the command line)
# Usage: stack-config.sh <stack>   (the stack must exist or be creatable: run after `stack select`)
set -euo pipefail
stack="${1:?stack}"

if [ -n "${IMAGE:-}" ]; then
  [[ "$IMAGE" =~ ^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$ ]] || { echo "IMAGE is not a digest reference: $IMAGE" >&2; exit 1; }
  pulumi config set --path agent-platform:agent.image "$IMAGE" --stack "$stack" --non-interactive
fi
if [ -n "${EXPIRES_AT:-}" ]; then
  pulumi config set agent-platform:expiresAt "$EXPIRES_AT" --stack "$stack" --non-interactive
fi
if [ -n "${STACK_SECRETS:-}" ]; then
  keys=$(node -e '
    const v = JSON.parse(process.env.STACK_SECRETS);
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("STACK_SECRETS must be a JSON object");
    for (const k of Object.keys(v)) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(k)) throw new Error(`bad secret key ${k}`);
      console.log(k);
    }')
  for key in $keys; do
    node -e 'process.stdout.write(String(JSON.parse(process.env.STACK_SECRETS)[process.argv[1]]))' "$key" \
      | pulumi config set --secret "agent-platform:$key" --stack "$stack" --non-interactive
  done
  echo "set $(echo "$keys" | grep -c .) secret config value(s) on $stack"
fi
