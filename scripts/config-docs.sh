#!/usr/bin/env bash
# Rewrites the settings reference in docs/configuration.md and the config block of Pulumi.yaml from the setting
# declarations in src/main/java/io/agentplatform/config (ConfigDocsTest fails until they match).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp test -Dtest=ConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dconfig.docs.write=true
git --no-pager diff --stat -- docs/configuration.md Pulumi.yaml
