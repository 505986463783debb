/** Kubernetes workloads and namespaces declared as typed Kubernetes resources (Helm-rendered objects are not visible). */
import type { PolicyResource } from "@pulumi/policy";
import { Enforcement } from "../environment";
import { AgentPolicy, dependsOn, describe, ofType, resourcePolicy, ResourceContext, stackPolicy } from "../policy";
import {
    arr, containersOf, ContainerRef, get, isFalse, isSet, isTrue, k8sName, k8sNamespace, labelsOf, LONG_RUNNING_TYPES, num, obj,
    podSpecOf, Props, show, strings, WORKLOAD_TYPES,
} from "../util";

export const KT = {
    namespace: "kubernetes:core/v1:Namespace",
    deployment: "kubernetes:apps/v1:Deployment",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
} as const;

export const PSA_ENFORCE = "pod-security.kubernetes.io/enforce";
export const PART_OF = "app.kubernetes.io/part-of";

/** Runs `check` on every container of a workload resource. */
function eachContainer(r: ResourceContext, includeInit: boolean, check: (c: ContainerRef, pod: Props) => void): void {
    const pod = podSpecOf(r.type, r.props);
    if (!pod) return;
    for (const c of containersOf(pod, includeInit)) check(c, pod);
}

function workloadPolicy(def: Omit<Parameters<typeof resourcePolicy>[0], "resourceTypes" | "category">, types: readonly string[] = WORKLOAD_TYPES) {
    return resourcePolicy({ ...def, category: "kubernetes", resourceTypes: types });
}

/** Parses an image reference: digest-pinned, or its tag ("latest" when none is given). */
export function imageTag(image: string): { digest: boolean; tag: string | undefined } {
    if (image.includes("@sha256:")) return { digest: true, tag: undefined };
    const lastSegment = image.split("/").pop() ?? image;
    const i = lastSegment.lastIndexOf(":");
    return { digest: false, tag: i >= 0 ? lastSegment.slice(i + 1) : undefined };
}

export const kubernetesPolicies: AgentPolicy[] = [
    workloadPolicy({
        name: "k8s-resources-requests-limits",
        description: "Every container must set CPU and memory requests and limits.",
        rationale: "Requests let the scheduler place pods and size node groups; limits stop one runaway agent from starving its neighbours or the node.",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        configSchema: {
            properties: {
                requireCpuLimit: { type: "boolean", default: true, description: "Also require limits.cpu (set false to allow unthrottled CPU)." },
            },
        },
        check: (r, report) => {
            const needed = ["requests.cpu", "requests.memory", "limits.memory", ...(r.config.requireCpuLimit === false ? [] : ["limits.cpu"])];
            eachContainer(r, true, (c) => {
                const missing = needed.filter((path) => !isSet(get(c.container.resources, path)));
                if (missing.length > 0) {
                    report(`${r.subject}: ${c.label} has no resources.${missing.join(", resources.")}; set requests and limits for CPU and memory.`);
                }
            });
        },
    }),
    workloadPolicy(
        {
            name: "k8s-probes",
            description: "Containers of long-running workloads must define liveness and readiness probes.",
            rationale: "Without readiness probes traffic reaches agents that are still loading; without liveness probes hung agents are never restarted.",
            severity: "medium",
            enforcementByEnvironment: Enforcement.productionAndStaging,
            check: (r, report) => {
                eachContainer(r, false, (c) => {
                    const missing = ["livenessProbe", "readinessProbe"].filter((p) => !obj(c.container[p]));
                    if (missing.length > 0) {
                        report(`${r.subject}: ${c.label} has no ${missing.join(" and no ")}; define both.`);
                    }
                });
            },
        },
        LONG_RUNNING_TYPES,
    ),
    workloadPolicy({
        name: "k8s-run-as-non-root",
        description: "Containers must run as a non-root user (runAsNonRoot true, runAsUser not 0).",
        rationale: "A process running as root inside a container is one kernel bug away from root on the node.",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (r, report) => {
            eachContainer(r, true, (c, pod) => {
                const own = obj(c.container.securityContext) ?? {};
                const podCtx = obj(pod.securityContext) ?? {};
                const nonRoot = own.runAsNonRoot ?? podCtx.runAsNonRoot;
                const user = num(own.runAsUser ?? podCtx.runAsUser);
                if (!isTrue(nonRoot)) {
                    report(`${r.subject}: ${c.label} has securityContext.runAsNonRoot ${show(nonRoot)} (container or pod level); it must be true.`);
                }
                if (user === 0) {
                    report(`${r.subject}: ${c.label} has runAsUser 0 (root); use a non-zero UID.`);
                }
            });
        },
    }),
    workloadPolicy({
        name: "k8s-read-only-root-filesystem",
        description: "Containers must mount their root filesystem read-only.",
        rationale: "A writable root filesystem lets an attacker drop tools or modify binaries; writable paths belong in emptyDir volumes.",
        severity: "medium",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (r, report) => {
            eachContainer(r, true, (c) => {
                const v = get(c.container, "securityContext.readOnlyRootFilesystem");
                if (!isTrue(v)) {
                    report(`${r.subject}: ${c.label} has securityContext.readOnlyRootFilesystem ${show(v)}; it must be true.`);
                }
            });
        },
    }),
    workloadPolicy({
        name: "k8s-no-privilege-escalation",
        description: "Containers must set allowPrivilegeEscalation false and must not be privileged.",
        rationale: "setuid binaries and privileged mode give a compromised process the node's privileges.",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (r, report) => {
            eachContainer(r, true, (c) => {
                const sc = obj(c.container.securityContext) ?? {};
                if (!isFalse(sc.allowPrivilegeEscalation)) {
                    report(`${r.subject}: ${c.label} has securityContext.allowPrivilegeEscalation ${show(sc.allowPrivilegeEscalation)}; it must be false.`);
                }
                if (isTrue(sc.privileged)) {
                    report(`${r.subject}: ${c.label} has securityContext.privileged true; it must be false or unset.`);
                }
            });
        },
    }),
    workloadPolicy({
        name: "k8s-drop-all-capabilities",
        description: "Containers must drop ALL Linux capabilities and add back only allowed ones (NET_BIND_SERVICE by default).",
        rationale: "Default capabilities such as NET_RAW enable spoofing and other attacks an agent never needs (Pod Security 'restricted').",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        configSchema: {
            properties: {
                allowedAdd: { type: "array", items: { type: "string" }, default: ["NET_BIND_SERVICE"] },
            },
        },
        check: (r, report) => {
            const allowed = strings(r.config.allowedAdd);
            eachContainer(r, true, (c) => {
                const caps = obj(get(c.container, "securityContext.capabilities")) ?? {};
                const drop = strings(caps.drop);
                if (!drop.includes("ALL")) {
                    report(`${r.subject}: ${c.label} has securityContext.capabilities.drop ${show(caps.drop)}; it must include "ALL".`);
                }
                const extra = strings(caps.add).filter((a) => !allowed.includes(a));
                if (extra.length > 0) {
                    report(`${r.subject}: ${c.label} adds capabilities ${extra.join(", ")}; allowed: ${allowed.join(", ") || "none"}.`);
                }
            });
        },
    }),
    workloadPolicy({
        name: "k8s-no-host-namespaces",
        description: "Pods must not use the host network, PID or IPC namespaces, nor hostPath volumes.",
        rationale: "Host namespaces and hostPath mounts break container isolation and expose the node and its other pods.",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (r, report) => {
            const pod = podSpecOf(r.type, r.props);
            if (!pod) return;
            for (const f of ["hostNetwork", "hostPID", "hostIPC"]) {
                if (isTrue(pod[f])) report(`${r.subject}: pod spec ${f} is true; it must be false or unset.`);
            }
            for (const v of arr(pod.volumes).map((x) => obj(x) ?? {})) {
                if (obj(v.hostPath)) report(`${r.subject}: volume '${v.name}' is a hostPath volume (${show(get(v, "hostPath.path"))}); use emptyDir, a PVC or a projected volume.`);
            }
        },
    }),
    workloadPolicy({
        name: "k8s-image-pinned",
        description: "Container images must be pinned to an explicit tag or digest, never 'latest' or untagged.",
        rationale: "'latest' makes two deployments of the same commit run different code and makes rollbacks impossible.",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (r, report) => {
            eachContainer(r, true, (c) => {
                const image = c.container.image;
                if (typeof image !== "string" || image.trim() === "") {
                    report(`${r.subject}: ${c.label} has image ${show(image)}; set an image pinned to a version tag or digest.`);
                    return;
                }
                const { digest, tag } = imageTag(image);
                if (!digest && (tag === undefined || tag === "" || tag.toLowerCase() === "latest")) {
                    report(`${r.subject}: ${c.label} uses image '${image}' (${tag ? "tag 'latest'" : "no tag, i.e. latest"}); pin a version tag or an @sha256 digest.`);
                }
            });
        },
    }),
    resourcePolicy({
        name: "k8s-namespace-pod-security",
        description: "Namespaces must carry a Pod Security 'enforce' label: 'restricted' for application namespaces, 'privileged' only where allowed.",
        rationale: "Pod Security Admission is the in-cluster backstop when a workload bypasses these policies (Helm charts, kubectl).",
        category: "kubernetes",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        configSchema: {
            properties: {
                privilegedAllowed: {
                    type: "array",
                    items: { type: "string" },
                    default: ["kube-system", "monitoring"],
                    description: "Namespaces allowed to enforce 'privileged' (node exporters, CNI, CSI).",
                },
            },
        },
        resourceTypes: [KT.namespace],
        check: (r, report) => {
            const name = k8sName(r.props, r.name);
            const labels = labelsOf(r.props);
            const level = labels[PSA_ENFORCE];
            if (!["privileged", "baseline", "restricted"].includes(level)) {
                report(`${r.subject}: label ${PSA_ENFORCE} is ${show(level)}; set it to 'restricted' (or 'baseline').`);
                return;
            }
            if (labels[PART_OF] === "agent-platform" && level !== "restricted") {
                report(`${r.subject}: application namespace '${name}' (${PART_OF}=agent-platform) enforces '${level}'; it must enforce 'restricted'.`);
            } else if (level === "privileged" && !strings(r.config.privilegedAllowed).includes(name)) {
                report(`${r.subject}: namespace '${name}' enforces 'privileged'; only ${strings(r.config.privilegedAllowed).join(", ") || "no namespaces"} may.`);
            }
        },
    }),
    stackPolicy({
        name: "k8s-pdb-for-replicated-deployments",
        description: "Every Deployment with 2 or more replicas (or an HPA minimum of 2+) must be covered by a PodDisruptionBudget that still allows a disruption.",
        rationale: "Node upgrades and consolidation drain nodes; without a PDB all replicas can be evicted at once, and a PDB that allows no disruption blocks the drain forever.",
        category: "kubernetes",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        check: (s, report) => {
            const pdbs = ofType(s.resources, KT.pdb);
            const hpas = ofType(s.resources, KT.hpa);
            for (const d of ofType(s.resources, KT.deployment)) {
                const name = k8sName(d.props, d.name);
                const ns = k8sNamespace(d.props);
                const hpa = hpas.find((h) => k8sNamespace(h.props) === ns && get(h.props, "spec.scaleTargetRef.kind") === "Deployment" && get(h.props, "spec.scaleTargetRef.name") === name);
                // replicas unset → 1 (the Kubernetes default); an HPA's minReplicas wins when present.
                const replicas = num(get(hpa?.props, "spec.minReplicas")) ?? num(get(d.props, "spec.replicas")) ?? 1;
                if (replicas < 2) continue;
                const podLabels = labelsOf(d.props, "spec.template.metadata.labels");
                const covering = pdbs.filter((p) => {
                    if (k8sNamespace(p.props) !== ns) return false;
                    const sel = obj(get(p.props, "spec.selector.matchLabels")) ?? {};
                    const keys = Object.keys(sel);
                    return keys.length > 0 && keys.every((k) => podLabels[k] === sel[k]);
                });
                if (covering.length === 0) {
                    report(`${describe(d.type, d.name)}: Deployment '${ns}/${name}' runs ${replicas} replicas but no PodDisruptionBudget in '${ns}' selects its pod labels ${show(podLabels)}; add one (e.g. maxUnavailable 1).`, d.urn);
                    continue;
                }
                for (const p of covering) {
                    const minAvailable = num(get(p.props, "spec.minAvailable"));
                    const maxUnavailable = get(p.props, "spec.maxUnavailable");
                    if ((minAvailable !== undefined && minAvailable >= replicas) || maxUnavailable === 0 || maxUnavailable === "0" || maxUnavailable === "0%") {
                        report(`${describe(p.type, p.name)}: minAvailable ${show(get(p.props, "spec.minAvailable"))} / maxUnavailable ${show(maxUnavailable)} allows no disruption of Deployment '${ns}/${name}' (${replicas} replicas); node drains would hang.`, p.urn);
                    }
                }
            }
        },
    }),
    stackPolicy({
        name: "k8s-network-policy-per-namespace",
        description: "Every application namespace (label app.kubernetes.io/part-of=agent-platform, holding a Deployment) must contain at least one NetworkPolicy.",
        rationale: "Kubernetes allows all pod-to-pod traffic by default; a NetworkPolicy per namespace is what scopes the agent's reachability.",
        category: "kubernetes",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (s, report) => {
            const deployments = ofType(s.resources, KT.deployment);
            const netpols = ofType(s.resources, KT.networkPolicy);
            for (const ns of ofType(s.resources, KT.namespace)) {
                if (labelsOf(ns.props)[PART_OF] !== "agent-platform") continue;
                const nsName = k8sName(ns.props, ns.name);
                const inNs = (r: PolicyResource) => k8sNamespace(r.props) === nsName || dependsOn(r, ns);
                if (!deployments.some(inNs)) continue;
                if (!netpols.some(inNs)) {
                    report(`${describe(ns.type, ns.name)}: application namespace '${nsName}' holds Deployment(s) but no NetworkPolicy; add at least a default-deny ingress policy plus the allowed flows.`, ns.urn);
                }
            }
        },
    }),
];
