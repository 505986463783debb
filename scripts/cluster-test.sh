#!/usr/bin/env bash
# The real Pulumi engine against a real Kubernetes API server, on loopback only:
#   1. builds (or finds in its cache) the tools of scripts/tools.sh;
#   2. starts etcd, kube-apiserver (generated CA and service-account keys, EKS's admission plugins, Pod Security
#      admission), kube-controller-manager, kube-scheduler and kwok, which simulates nodes labelled and zoned like
#      the node groups and runs their pods without a container runtime;
#   3. for the `local` stack and an ephemeral `pr-<n>` stack (whose StackReference reads a platform-shaped stack in
#      the same file backend): secrets through `pulumi config set --secret`, a plain-text secret refused, preview,
#      up, the agent Available, an empty second preview, a config change that previews exactly one update, the HPA
#      case (pulumi-kubernetes #2542), up with the policy pack, destroy with nothing left, stack rm;
#   4. a server-side dry-run of every Kubernetes object of every committed stack's offline plan.
# Everything it starts is stopped by PID on exit, whatever failed. Any failure names the step and shows the tool's
# own message. Output lines (CI logs read them):
#   cluster-test: tools pulumi=<v> language-java=<v> kubernetes-provider=<v> kubernetes=<v>
#   cluster-test: stack=<name> up=<resources created> second-preview-changes=<n> destroy-leftovers=<n> seconds=<s>
#   cluster-test: dry-run objects=<n> rejected=<n> skipped=<n>
# Environment: AGENT_PLATFORM_TOOLS (tool cache, see tools.sh), CLUSTER_TEST_REUSE_PLANS=1 (use target/plan as it
# is; test-all.sh has just written it), CLUSTER_TEST_KEEP=1 (keep the work directory).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
START=$SECONDS

say() { printf 'cluster-test: %s\n' "$*"; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cluster-test.XXXXXX")
mkdir -p "$WORK/logs" "$WORK/pki" "$WORK/state"
PIDS=()
NAMES=()

stop_all() {
  local rc=$?
  local i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[$i]}" 2>/dev/null || true
  done
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    wait "${PIDS[$i]}" 2>/dev/null || true
  done
  if [[ "${CLUSTER_TEST_KEEP:-}" == 1 || $rc -ne 0 ]]; then
    say "work directory kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# fail <step> <log>: the step's name and the end of the tool's own output, then exit 1.
fail() {
  say "FAILED at step: $1"
  if [[ -n "${2:-}" && -f "$2" ]]; then
    tail -n 60 "$2" | sed 's/^/  | /'
  fi
  exit 1
}

# step <name> <command...>: runs the command with its output in a log; on failure, fail with that log.
step() {
  local name="$1"
  shift
  local log
  log="$WORK/logs/$(printf '%s' "$name" | tr -c 'a-zA-Z0-9._-' '_').log"
  if ! "$@" >"$log" 2>&1; then
    fail "$name ($*)" "$log"
  fi
  LAST_LOG="$log"
}

# start <name> <command...>: a background process whose PID is stopped on exit.
start() {
  local name="$1"
  shift
  "$@" >"$WORK/logs/$name.log" 2>&1 &
  PIDS+=($!)
  NAMES+=("$name")
}

# wait_for <what> <seconds> <command...>
wait_for() {
  local what="$1" seconds="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then
      fail "waiting for $what ($seconds s)" "$WORK/logs/$what.log"
    fi
    sleep 1
  done
}

# ---------------------------------------------------------------------------------------------------- tools
TOOLS_START=$SECONDS
if ! bash scripts/tools.sh >"$WORK/tools.env" 2>"$WORK/logs/tools.log"; then
  fail "building the tools (scripts/tools.sh)" "$WORK/logs/tools.log"
fi
# shellcheck disable=SC1091
source "$WORK/tools.env"
TOOLS_SECONDS=$((SECONDS - TOOLS_START))
read -r VERSIONS < <(bash scripts/tools.sh --versions)
version_of() { printf '%s\n' "$VERSIONS" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
PROVIDER_VERSION=$(version_of kubernetes-provider)
KUBECTL="$KUBE_BIN/kubectl"
export PATH="$(dirname "$PULUMI"):$(dirname "$LANGUAGE_JAVA"):$KUBE_BIN:$PATH"
say "tools pulumi=$("$PULUMI" version) language-java=$(version_of language-java) kubernetes-provider=$PROVIDER_VERSION kubernetes=$("$KUBE_BIN/kube-apiserver" --version | awk '{print $2}')"

# ---------------------------------------------------------------------------------------------------- cluster
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
ETCD_PORT=$(free_port)
ETCD_PEER_PORT=$(free_port)
API_PORT=$(free_port)
KCM_PORT=$(free_port)
SCHED_PORT=$(free_port)
KWOK_PORT=$(free_port)
SERVICE_CIDR=10.100.0.0/16 # EKS's default service range

pki() (
  cd "$WORK/pki"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=cluster-test-ca" -keyout ca.key -out ca.crt
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout apiserver.key -out apiserver.csr
  printf 'subjectAltName=DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:10.100.0.1\n' > san.ext
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out apiserver.crt
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=cluster-test-admin" -keyout admin.key -out admin.csr
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -out admin.crt
  openssl genrsa -out sa.key 2048
  openssl rsa -in sa.key -pubout -out sa.pub
)
step "generating the CA, serving, client and service-account keys (openssl)" pki

export KUBECONFIG="$WORK/kubeconfig"
kubeconfig() {
  "$KUBECTL" config set-cluster cluster-test --server="https://127.0.0.1:$API_PORT" \
    --certificate-authority="$WORK/pki/ca.crt" --embed-certs=true
  "$KUBECTL" config set-credentials cluster-test-admin --client-certificate="$WORK/pki/admin.crt" \
    --client-key="$WORK/pki/admin.key" --embed-certs=true
  "$KUBECTL" config set-context cluster-test --cluster=cluster-test --user=cluster-test-admin
  "$KUBECTL" config use-context cluster-test
}
step "writing the kubeconfig" kubeconfig

start etcd "$ETCD" --name cluster-test --data-dir "$WORK/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "cluster-test=http://127.0.0.1:$ETCD_PEER_PORT" --listen-metrics-urls "" --unsafe-no-fsync
wait_for etcd 60 curl -sf "http://127.0.0.1:$ETCD_PORT/health"

# The admission plugins EKS enables (docs.aws.amazon.com/eks/latest/userguide/platform-versions.html, 1.35), with
# Pod Security admission at its EKS defaults (namespaces choose their level by label).
ADMISSION=NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,ResourceQuota,DefaultTolerationSeconds
ADMISSION+=,NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,TaintNodesByCondition,Priority
ADMISSION+=,StorageObjectInUseProtection,PersistentVolumeClaimResize,ExtendedResourceToleration,CertificateApproval
ADMISSION+=,PodSecurity,CertificateSigning,ClusterTrustBundleAttest,RuntimeClass,DefaultIngressClass
ADMISSION+=,ValidatingAdmissionPolicy,MutatingAdmissionPolicy
start apiserver "$KUBE_BIN/kube-apiserver" --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT" \
  --tls-cert-file="$WORK/pki/apiserver.crt" --tls-private-key-file="$WORK/pki/apiserver.key" \
  --client-ca-file="$WORK/pki/ca.crt" --authorization-mode=Node,RBAC --allow-privileged=true \
  --service-account-key-file="$WORK/pki/sa.pub" --service-account-signing-key-file="$WORK/pki/sa.key" \
  --service-account-issuer=https://kubernetes.default.svc --service-cluster-ip-range="$SERVICE_CIDR" \
  --enable-admission-plugins="$ADMISSION" --profiling=false --endpoint-reconciler-type=none
wait_for apiserver 180 "$KUBECTL" get --raw /readyz

start controller-manager "$KUBE_BIN/kube-controller-manager" --kubeconfig="$KUBECONFIG" \
  --authentication-kubeconfig="$KUBECONFIG" --authorization-kubeconfig="$KUBECONFIG" \
  --bind-address=127.0.0.1 --secure-port="$KCM_PORT" --leader-elect=false \
  --service-account-private-key-file="$WORK/pki/sa.key" --root-ca-file="$WORK/pki/ca.crt" \
  --use-service-account-credentials=true --service-cluster-ip-range="$SERVICE_CIDR" --profiling=false
start scheduler "$KUBE_BIN/kube-scheduler" --kubeconfig="$KUBECONFIG" \
  --authentication-kubeconfig="$KUBECONFIG" --authorization-kubeconfig="$KUBECONFIG" \
  --bind-address=127.0.0.1 --secure-port="$SCHED_PORT" --leader-elect=false --profiling=false
# Pod IPs come from a range nothing listens on; no traffic is ever sent to them (kwok has no container runtime).
start kwok "$KWOK" --kubeconfig="$KUBECONFIG" --config="$KWOK_STAGES" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --node-ip=127.0.0.1 --cidr=10.244.0.0/16 --server-address="127.0.0.1:$KWOK_PORT" --node-lease-duration-seconds=40
wait_for controller-manager 120 "$KUBECTL" get serviceaccount default -n default

# Fake nodes like the committed node groups (system: on-demand, tainted CriticalAddonsOnly; workloads: spot), two
# zones each, with the labels EKS managed node groups carry.
nodes() {
  local group zone capacity taint
  for group in system workloads; do
    for zone in a b; do
      capacity=ON_DEMAND
      taint=""
      [[ $group == workloads ]] && capacity=SPOT
      [[ $group == system ]] && taint='  taints: [{key: CriticalAddonsOnly, value: "true", effect: PreferNoSchedule}]'
      "$KUBECTL" apply -f - <<EOF
apiVersion: v1
kind: Node
metadata:
  name: $group-eu-west-1$zone
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels:
    kubernetes.io/hostname: $group-eu-west-1$zone
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    node-role: $group
    eks.amazonaws.com/nodegroup: $group
    eks.amazonaws.com/capacityType: $capacity
    node.kubernetes.io/instance-type: t3.large
    topology.kubernetes.io/region: eu-west-1
    topology.kubernetes.io/zone: eu-west-1$zone
    type: kwok
spec:
$taint
status:
  allocatable: {cpu: "2", memory: 7Gi, pods: "35", ephemeral-storage: 40Gi}
  capacity: {cpu: "2", memory: 8Gi, pods: "35", ephemeral-storage: 40Gi}
EOF
    done
  done
  # kind's default storage class, which the local stack's config names.
  "$KUBECTL" apply -f - <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
EOF
}
step "creating the fake nodes and the storage class" nodes
nodes_ready() { [[ $("$KUBECTL" get nodes --no-headers | grep -c ' Ready ') -eq 4 ]]; }
wait_for kwok 120 nodes_ready
say "cluster up in $((SECONDS - START - TOOLS_SECONDS)) s (apiserver 127.0.0.1:$API_PORT, 4 kwok nodes)"

# ---------------------------------------------------------------------------------------------------- Pulumi
export PULUMI_HOME="$WORK/pulumi-home"
export PULUMI_CONFIG_PASSPHRASE="cluster-test-passphrase-$RANDOM$RANDOM"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_SKIP_CONFIRMATIONS=true
export MAVEN_OPTS="${MAVEN_OPTS:-} -Xmx1g"
step "pulumi login file://" pulumi login "file://$WORK/state"
# The stacks' files go to a project directory of their own, so the repository's Pulumi.<stack>.yaml stay untouched:
# the project file copied, the program linked (Maven compiles into the repository's target/ as always).
PROJECT="$WORK/project"
mkdir -p "$PROJECT"
cp Pulumi.yaml "$PROJECT/"
for part in pom.xml program.pom.xml aws-facts offline-plan mvnw .mvn src target; do
  ln -s "$ROOT/$part" "$PROJECT/$part"
done
mkdir -p target
CONFIG_ARGS=()
cd "$PROJECT"
step "installing the Kubernetes provider plugin $PROVIDER_VERSION" \
  pulumi plugin install resource kubernetes "$PROVIDER_VERSION" --file "$KUBERNETES_PROVIDER"

secret() { openssl rand -hex 16; }
CONTRACT_VERSION=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["x-contract-version"])' \
  $ROOT/src/main/resources/contract/platform-outputs.schema.json)

# The policy pack's dependencies (test-all.sh has installed them already).
if [[ ! -d "$ROOT/policies/node_modules/@pulumi/pulumi" ]]; then
  step "npm ci (policy pack)" npm --prefix "$ROOT/policies" ci --no-audit --no-fund
fi

# A platform-shaped stack for the ephemeral stack's StackReference: the output contract's values for this cluster,
# imported as a deployment (its kubeconfig output a secret, encrypted by the stack's own secrets provider).
platform_stack() {
  pulumi stack init cluster-platform --secrets-provider passphrase
  pulumi stack export --stack cluster-platform >"$WORK/platform-empty.json"
  python3 - "$WORK/platform-empty.json" "$WORK/platform-deployment.json" "$CONTRACT_VERSION" "$KUBECONFIG" <<'EOF'
import json, sys
empty, out, contract, kubeconfig = sys.argv[1], sys.argv[2], sys.argv[3], open(sys.argv[4]).read()
stack = "urn:pulumi:cluster-platform::agent-platform::pulumi:pulumi:Stack::agent-platform-cluster-platform"
secret = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": json.dumps(kubeconfig)}
deployment = json.load(open(empty))  # keeps the stack's secrets provider, which encrypts the secret on import
deployment["deployment"]["resources"] = [{"urn": stack, "custom": False, "type": "pulumi:pulumi:Stack",
    "outputs": {"contractVersion": contract, "clusterName": "cluster-test", "kubeconfig": secret}}]
json.dump(deployment, open(out, "w"))
EOF
  pulumi stack import --stack cluster-platform --file "$WORK/platform-deployment.json"
  pulumi stack output --stack cluster-platform clusterName
  pulumi stack export --stack cluster-platform | grep -q '"ciphertext"'
}
step "platform-shaped stack cluster-platform (pulumi stack import)" platform_stack

# Resources in the stack's state that are not the stack itself or a provider.
state_resources() {
  pulumi stack export --stack "$1" | python3 -c '
import json, sys
r = json.load(sys.stdin)["deployment"].get("resources") or []
print(sum(1 for x in r if x["type"] != "pulumi:pulumi:Stack" and not x["type"].startswith("pulumi:providers:")))'
}
stack_namespaces() {
  pulumi stack export --stack "$1" | python3 -c '
import json, sys
r = json.load(sys.stdin)["deployment"].get("resources") or []
print(" ".join(x["outputs"]["metadata"]["name"] for x in r if x["type"] == "kubernetes:core/v1:Namespace"))'
}
# config_set <stack> <key path> <value>: typed as YAML would read it (true/false, integers), else a string.
config_set() {
  local type=string
  [[ $3 == true || $3 == false ]] && type=bool
  [[ $3 =~ ^[0-9]+$ ]] && type=int
  pulumi config set --path "$2" "$3" --type "$type" --stack "$1" "${CONFIG_ARGS[@]}"
}
changes_in() {
  python3 -c '
import json, sys
summary = json.load(open(sys.argv[1])).get("changeSummary") or {}
print(sum(n for op, n in summary.items() if op not in ("same", "read")))' "$1"
}

# run_stack <stack> <template stack file> <namespace of the agent> <extra config...>
run_stack() {
  local stack="$1" template="$2" namespace="$3"
  shift 3
  local begin=$SECONDS
  cp "$ROOT/$template" "$PROJECT/Pulumi.$stack.yaml"
  local on=(--stack "$stack" "${CONFIG_ARGS[@]}" --non-interactive)
  step "$stack: pulumi stack init" pulumi stack init "$stack" --secrets-provider passphrase
  local setting
  for setting in "$@"; do
    step "$stack: pulumi config set --path ${setting%%=*}" config_set "$stack" "${setting%%=*}" "${setting#*=}"
  done

  # A secret written in plain text is refused, with the documented message, before anything is registered.
  step "$stack: plain-text secret" pulumi config set --plaintext agent-platform:redisAuthToken "plain-$(secret)" \
    --stack "$stack" "${CONFIG_ARGS[@]}"
  if pulumi preview "${on[@]}" >"$WORK/logs/$stack-plain-secret.log" 2>&1; then
    fail "$stack: a plain-text redisAuthToken was accepted by pulumi preview" "$WORK/logs/$stack-plain-secret.log"
  fi
  grep -q "agent-platform:redisAuthToken" "$WORK/logs/$stack-plain-secret.log" \
    && grep -q "must be stored encrypted: pulumi config set --secret" "$WORK/logs/$stack-plain-secret.log" \
    || fail "$stack: the plain-text secret was refused without the documented message" "$WORK/logs/$stack-plain-secret.log"

  local name
  for name in redisAuthToken databasePassword; do
    step "$stack: pulumi config set --secret $name" pulumi config set --secret "agent-platform:$name" "$(secret)" \
      --stack "$stack" "${CONFIG_ARGS[@]}"
  done
  if grep -q grafanaAdminPassword "$WORK/logs/$stack-plain-secret.log"; then
    step "$stack: pulumi config set --secret grafanaAdminPassword" pulumi config set --secret \
      agent-platform:grafanaAdminPassword "$(secret)" --stack "$stack" "${CONFIG_ARGS[@]}"
  fi

  step "$stack: pulumi preview" pulumi preview "${on[@]}"
  step "$stack: pulumi up" pulumi up --yes --skip-preview "${on[@]}"
  local created
  created=$(state_resources "$stack")
  [[ $created -gt 0 ]] || fail "$stack: pulumi up created no resources" "$LAST_LOG"

  # The agent is Available on the simulated nodes; Pod Security admission of its namespace admitted its pods.
  step "$stack: agent Available" "$KUBECTL" -n "$namespace" wait deployment/agent --for=condition=Available --timeout=180s
  local level
  level=$("$KUBECTL" get namespace "$namespace" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}')
  [[ -n $level ]] || fail "$stack: namespace $namespace enforces no Pod Security level" ""
  local running
  running=$("$KUBECTL" -n "$namespace" get pods -l app.kubernetes.io/name=agent --field-selector=status.phase=Running --no-headers | wc -l)
  [[ $running -gt 0 ]] || fail "$stack: no agent pod running in $namespace" ""
  "$KUBECTL" -n "$namespace" get pods -o wide >"$WORK/logs/$stack-pods.log"
  say "stack=$stack pods admitted under pod-security enforce=$level: $running agent pod(s) Running on $("$KUBECTL" -n "$namespace" get pods -l app.kubernetes.io/name=agent -o jsonpath='{.items[*].spec.nodeName}')"

  # No perpetual diff.
  local second
  if ! pulumi preview --expect-no-changes --json "${on[@]}" >"$WORK/logs/$stack-second-preview.json" 2>"$WORK/logs/$stack-second-preview.err"; then
    pulumi preview --diff "${on[@]}" >"$WORK/logs/$stack-second-preview.diff" 2>&1 || true
    fail "$stack: second pulumi preview --expect-no-changes" "$WORK/logs/$stack-second-preview.diff"
  fi
  second=$(changes_in "$WORK/logs/$stack-second-preview.json")

  # A config change previews exactly that update.
  local max
  max=$(pulumi config get --path agent-platform:agent.maxReplicas --stack "$stack" "${CONFIG_ARGS[@]}")
  step "$stack: pulumi config set agent.maxReplicas" config_set "$stack" agent-platform:agent.maxReplicas "$((max + 1))"
  # --json output alone on stdout (the CLI's warnings go to stderr).
  pulumi preview --json "${on[@]}" >"$WORK/logs/$stack-maxreplicas.json" 2>"$WORK/logs/$stack-maxreplicas.err" \
    || fail "$stack: pulumi preview --json after agent.maxReplicas" "$WORK/logs/$stack-maxreplicas.err"
  local updates
  updates=$(python3 -c '
import json, sys
steps = json.load(open(sys.argv[1])).get("steps") or []
changed = [(s["op"], s["urn"].split("::")[-2].split("$")[-1]) for s in steps if s["op"] not in ("same", "read")]
print(" ".join(op + ":" + t for op, t in changed))' "$WORK/logs/$stack-maxreplicas.json")
  [[ $updates == "update:kubernetes:autoscaling/v2:HorizontalPodAutoscaler" ]] \
    || fail "$stack: agent.maxReplicas should preview exactly one HorizontalPodAutoscaler update, got: $updates" ""
  pulumi preview --diff "${on[@]}" >"$WORK/$stack-maxreplicas.diff" 2>&1 || fail "$stack: pulumi preview --diff" "$WORK/$stack-maxreplicas.diff"

  # The HPA case: another field manager owns spec.replicas; an image change must still apply (#2542).
  step "$stack: kubectl scale (another field manager)" "$KUBECTL" -n "$namespace" scale deployment/agent --replicas=2
  local image
  image=$("$KUBECTL" -n "$namespace" get deployment agent -o jsonpath='{.spec.template.spec.containers[0].image}')
  step "$stack: pulumi config set agent.image" config_set "$stack" agent-platform:agent.image "${image%:*}:0.1.1-cluster-test"
  step "$stack: pulumi up with an image change after kubectl scale" pulumi up --yes --skip-preview "${on[@]}"
  [[ $("$KUBECTL" -n "$namespace" get deployment agent -o jsonpath='{.spec.template.spec.containers[0].image}') == "${image%:*}:0.1.1-cluster-test" ]] \
    || fail "$stack: the image change did not reach the Deployment" "$LAST_LOG"

  # The policy pack, run by the CLI itself.
  step "$stack: pulumi up --policy-pack" pulumi up --yes --skip-preview --policy-pack "$ROOT/policies/run-as-analyzer" "${on[@]}"
  grep -Eqi "polic" "$LAST_LOG" || fail "$stack: pulumi up --policy-pack shows no policy run" "$LAST_LOG"

  # Destroy leaves nothing: no resource in the state, the stack's namespaces gone.
  local namespaces
  namespaces=$(stack_namespaces "$stack")
  local up_seconds=$((SECONDS - begin))
  local destroy_begin=$SECONDS
  step "$stack: pulumi destroy" pulumi destroy --yes --skip-preview "${on[@]}"
  local destroy_seconds=$((SECONDS - destroy_begin))
  local leftovers ns deadline=$((SECONDS + 120))
  for ns in $namespaces; do
    while "$KUBECTL" get namespace "$ns" >/dev/null 2>&1 && ((SECONDS < deadline)); do sleep 1; done
  done
  leftovers=$(state_resources "$stack")
  for ns in $namespaces; do
    if "$KUBECTL" get namespace "$ns" >/dev/null 2>&1; then
      leftovers=$((leftovers + 1))
      "$KUBECTL" get all -n "$ns" >>"$WORK/logs/$stack-leftovers.log" 2>&1 || true
    fi
  done
  step "$stack: pulumi stack rm" pulumi stack rm --yes "${on[@]}"
  say "stack=$stack up=$created second-preview-changes=$second destroy-leftovers=$leftovers seconds=$((SECONDS - begin))"
  say "stack=$stack timing up-to-policy=${up_seconds}s destroy=${destroy_seconds}s; sample PR comment: $WORK/$stack-maxreplicas.diff"
  [[ $second -eq 0 ]] || fail "$stack: the second preview shows $second change(s)" "$WORK/logs/$stack-second-preview.json"
  [[ $leftovers -eq 0 ]] || fail "$stack: $leftovers resource(s) left after pulumi destroy" "$WORK/logs/$stack-leftovers.log"
}

# local: no chart can be downloaded here, so the monitoring stack's Helm releases are configured away.
say "stack=local runs with monitoring.enabled=false: its Helm charts (kube-prometheus-stack, loki, alloy) come from remote repositories, and the agent's ServiceMonitor and PrometheusRule need their CRDs"
run_stack local Pulumi.local.yaml agent "agent-platform:monitoring.enabled=false"
PR_STACK="pr-$((RANDOM % 9000 + 1000))"
run_stack "$PR_STACK" Pulumi.pr.yaml "agent-$PR_STACK" \
  "agent-platform:platformStack=organization/agent-platform/cluster-platform" \
  "agent-platform:expiresAt=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)"

# ---------------------------------------------------------------------------------------------------- dry-run
# Every Kubernetes object of every committed stack's offline plan, server-side dry-run: namespaces first (applied
# for real, so namespaced objects can be checked), custom objects against their CRD where one is served, else
# skipped and listed.
cd "$ROOT"
if [[ "${CLUSTER_TEST_REUSE_PLANS:-}" != 1 ]]; then
  for file in Pulumi.*.yaml; do
    stack="${file#Pulumi.}"
    stack="${stack%.yaml}"
    step "offline plan $stack" ./mvnw -q -B -ntp test-compile exec:java@plan -Dexec.args="plan $stack"
  done
fi
"$KUBECTL" api-versions >"$WORK/api-versions.txt"
objects=0
rejected=0
skipped=0
: >"$WORK/dry-run-rejected.log"
for file in Pulumi.*.yaml; do
  stack="${file#Pulumi.}"
  stack="${stack%.yaml}"
  dir="target/plan/$stack/k8s"
  [[ -d $dir ]] || fail "dry-run: $dir is missing (run scripts/plan.sh $stack)" ""
  for yaml in "$dir"/_cluster--namespace--*.yaml "$dir"/*.yaml; do
    [[ -f $yaml ]] || continue
    case "$yaml" in
      "$dir"/_cluster--namespace--*) [[ ${seen_ns:-} == *" $yaml "* ]] && continue; seen_ns+=" $yaml " ;;
    esac
    api=$(sed -n 's/^apiVersion: *//p' "$yaml" | head -n1 | tr -d '"')
    objects=$((objects + 1))
    if ! grep -qx "$api" "$WORK/api-versions.txt"; then
      skipped=$((skipped + 1))
      echo "skipped (no CRD for $api): $yaml" >>"$WORK/dry-run-skipped.log"
      continue
    fi
    if [[ $yaml == "$dir"/_cluster--namespace--* ]]; then
      args=(apply --server-side --field-manager=cluster-test -f "$yaml")
    else
      args=(apply --server-side --dry-run=server --field-manager=cluster-test --force-conflicts -f "$yaml")
    fi
    if ! "$KUBECTL" "${args[@]}" >"$WORK/dry-run-one.log" 2>&1; then
      rejected=$((rejected + 1))
      { echo "rejected: $yaml"; sed 's/^/  | /' "$WORK/dry-run-one.log"; } >>"$WORK/dry-run-rejected.log"
    fi
  done
done
say "dry-run objects=$objects rejected=$rejected skipped=$skipped"
if [[ -f "$WORK/dry-run-skipped.log" ]]; then
  sed 's/^/  /' "$WORK/dry-run-skipped.log" | sort | uniq
fi
[[ $rejected -eq 0 ]] || fail "server-side dry-run of the offline plans: $rejected object(s) rejected" "$WORK/dry-run-rejected.log"

# Peak resident memory of each process this script started (VmHWM), while they still run.
peaks=""
for i in "${!PIDS[@]}"; do
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/${PIDS[$i]}/status" 2>/dev/null || true)
  peaks+=" ${NAMES[$i]}=$(( ${hwm:-0} / 1024 ))MiB"
done
say "peak-memory$peaks"
say "passed in $((SECONDS - START)) s (tools $TOOLS_SECONDS s)"
