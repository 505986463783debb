#!/usr/bin/env bash
# Tests .github/scripts/ephemeral.sh against fake `pulumi` and `gh` commands.
# Prints "ephemeral: N passed, M failed" and exits non-zero on any failure.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script="$here/ephemeral.sh"
passed=0 failed=0

setup() {
  work=$(mktemp -d)
  mkdir -p "$work/bin" "$work/repo" "$work/tags"
  : > "$work/calls"
  echo "config: {}" > "$work/repo/Pulumi.pr.yaml"
  cat > "$work/bin/pulumi" <<'FAKE'
#!/usr/bin/env bash
echo "pulumi $*" >> "$FAKE/calls"
case "$1 $2" in
  "stack ls") [ -f "$FAKE/ls-fails" ] && { echo "error: unauthorized" >&2; exit 1; }; cat "$FAKE/stacks.json" ;;
  "stack tag") stack=""; while [ $# -gt 0 ]; do [ "$1" = --stack ] && stack="$2"; shift; done
               f="$FAKE/tags/${stack//\//_}"; [ -f "$f" ] && cat "$f" || { echo "error: tag not found" >&2; exit 1; } ;;
  destroy*) cat > /dev/null; exit 0 ;;
  *) echo "unexpected pulumi $*" >&2; exit 1 ;;
esac
FAKE
  cat > "$work/bin/gh" <<'FAKE'
#!/usr/bin/env bash
echo "gh $*" >> "$FAKE/calls"
f="$FAKE/pr-$3"; [ -f "$f" ] && cat "$f" || echo OPEN
FAKE
  chmod +x "$work/bin/pulumi" "$work/bin/gh"
}

run() { (cd "$work/repo" && FAKE="$work" PATH="$work/bin:$PATH" GITHUB_STEP_SUMMARY="$work/summary" NOW=1893456000 bash "$script" "$@") > "$work/out" 2>&1; }

check() { # name, condition...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name" >&2; sed 's/^/    /' "$work/out" "$work/calls" >&2; fi
}
destroyed() { grep -q "^pulumi destroy --stack $1 .*--remove" "$work/calls"; }
not_destroyed() { ! grep -q "^pulumi destroy --stack $1 " "$work/calls"; }

# NOW = 2030-01-01T00:00:00Z
setup
cat > "$work/stacks.json" <<'JSON'
[{"name":"dev","lastUpdate":"2029-12-31T00:00:00Z"},
 {"name":"pr-1","lastUpdate":"2029-12-31T00:00:00Z"},
 {"name":"pr-2","lastUpdate":"2029-12-31T00:00:00Z"},
 {"name":"pr-3","lastUpdate":"2029-12-31T00:00:00Z"},
 {"name":"pr-4","lastUpdate":"2029-12-20T00:00:00Z"},
 {"name":"acme/agent-platform/pr-5","lastUpdate":"2029-12-31T00:00:00Z"},
 {"name":"pr-6"}]
JSON
echo "2029-12-31T23:00:00Z" > "$work/tags/pr-1"
echo "2030-01-02T00:00:00Z" > "$work/tags/pr-2"
echo "2030-01-02T00:00:00Z" > "$work/tags/pr-3"; echo MERGED > "$work/pr-3"
echo "2030-01-05T00:00:00Z" > "$work/tags/acme_agent-platform_pr-5"
run janitor; rc=$?
check "janitor exits 0" test "$rc" -eq 0
check "expired pr-1 destroyed" destroyed pr-1
check "unexpired open pr-2 kept" not_destroyed pr-2
check "merged pr-3 destroyed before expiry" destroyed pr-3
check "untagged pr-4 past last update + TTL destroyed" destroyed pr-4
check "qualified unexpired pr-5 kept" not_destroyed acme/agent-platform/pr-5
check "never-updated untagged pr-6 destroyed" destroyed pr-6
check "non-pr stack ignored" not_destroyed dev
check "template copied for the destroyed stack" test -f "$work/repo/Pulumi.pr-1.yaml"

setup
cp /dev/null "$work/stacks.json"; echo '[{"name":"pr-1","lastUpdate":"2020-01-01T00:00:00Z"}]' > "$work/stacks.json"
DRY_RUN=true run janitor
check "dry run destroys nothing" not_destroyed pr-1
check "dry run reports" grep -q "would destroy pr-1" "$work/out"

setup
echo '[{"name":"dev"}]' > "$work/stacks.json"
run destroy 7; rc=$?
check "destroy of a never-created stack succeeds" test "$rc" -eq 0
check "destroy of a never-created stack calls no destroy" not_destroyed pr-7

setup
echo '[{"name":"pr-7","lastUpdate":"2029-12-31T00:00:00Z"},{"name":"pr-70"}]' > "$work/stacks.json"
run destroy 7; rc=$?
check "destroy of an existing stack succeeds" test "$rc" -eq 0
check "destroy --remove of pr-7" destroyed pr-7
check "pr-70 untouched" not_destroyed pr-70

setup
touch "$work/ls-fails"
run destroy 7; rc=$?
check "backend errors are not mistaken for a missing stack" test "$rc" -ne 0
run janitor; rc=$?
check "janitor fails when stacks cannot be listed" test "$rc" -ne 0

setup
run destroy "7; rm -rf /"; rc=$?
check "non-numeric PR number rejected" test "$rc" -eq 2

echo "ephemeral: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
