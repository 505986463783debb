/**
 * Karpenter's custom objects (EC2NodeClass, NodePool), declared as typed Kubernetes resources: their spec is in the
 * plan's inputs like any Kubernetes object's.
 */
import { Enforcement } from "../environment";
import { AgentPolicy, resourcePolicy } from "../policy";
import { arr, get, isSet, isTrue, num, obj, show } from "../util";

export const KARPENTER = {
    nodeClass: "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass",
    nodePool: "kubernetes:karpenter.sh/v1:NodePool",
} as const;

export const karpenterPolicies: AgentPolicy[] = [
    resourcePolicy({
        name: "karpenter-nodeclass-imdsv2",
        description: "Karpenter EC2NodeClasses must require IMDSv2 with a hop limit of 1.",
        rationale: "Karpenter's nodes are EC2 instances like any other: IMDSv1 or a second hop lets a pod take the node role's credentials; workloads get their own through IRSA.",
        category: "eks",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [KARPENTER.nodeClass],
        check: (r, report) => {
            const md = obj(get(r.props, "spec.metadataOptions"));
            if (!md) {
                report(`${r.subject}: spec.metadataOptions is not set; set httpTokens 'required' and httpPutResponseHopLimit 1 rather than rely on Karpenter's defaults.`);
                return;
            }
            if (md.httpTokens !== "required") {
                report(`${r.subject}: spec.metadataOptions.httpTokens is ${show(md.httpTokens)}; it must be 'required'.`);
            }
            const hops = num(md.httpPutResponseHopLimit);
            if (hops !== 1) {
                report(`${r.subject}: spec.metadataOptions.httpPutResponseHopLimit is ${show(md.httpPutResponseHopLimit)}; it must be 1.`);
            }
        },
    }),
    resourcePolicy({
        name: "karpenter-nodeclass-encrypted-volumes",
        description: "Karpenter EC2NodeClasses must declare their block devices, a root volume among them, all encrypted.",
        rationale: "Node volumes hold image layers, emptyDir data and logs of every pod; an unencrypted one leaves them readable from a snapshot.",
        category: "eks",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [KARPENTER.nodeClass],
        check: (r, report) => {
            const mappings = arr(get(r.props, "spec.blockDeviceMappings")).map((m) => obj(m) ?? {});
            if (mappings.length === 0) {
                report(`${r.subject}: spec.blockDeviceMappings is not set; declare the root volume with ebs.encrypted true.`);
                return;
            }
            if (!mappings.some((m) => isTrue(m.rootVolume))) {
                report(`${r.subject}: no block device mapping has rootVolume true; mark the encrypted root volume.`);
            }
            mappings.forEach((m, i) => {
                if (!isTrue(get(m, "ebs.encrypted"))) {
                    report(`${r.subject}: spec.blockDeviceMappings[${i}] (${show(m.deviceName)}) has ebs.encrypted ${show(get(m, "ebs.encrypted"))}; it must be true.`);
                }
            });
        },
    }),
    resourcePolicy({
        name: "karpenter-nodepool-limits",
        description: "Karpenter NodePools must set limits.cpu and limits.memory.",
        rationale: "Without limits a scale-out bug or a flood of pending pods launches instances until the account's quota stops it; limits are the pool's cost ceiling.",
        category: "tags-and-cost",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [KARPENTER.nodePool],
        check: (r, report) => {
            const missing = ["cpu", "memory"].filter((k) => !isSet(get(r.props, `spec.limits.${k}`)));
            if (missing.length > 0) {
                report(`${r.subject}: spec.limits.${missing.join(" and spec.limits.")} not set; give the pool a ceiling (e.g. cpu "48", memory 192Gi).`);
            }
        },
    }),
    resourcePolicy({
        name: "karpenter-nodepool-disruption-budgets",
        description: "Production NodePools must have disruption budgets: one limiting how many nodes go at once, and a scheduled one keeping voluntary disruption out of working hours.",
        rationale: "Consolidation and drift replace nodes while traffic flows; budgets cap how many drain at once and keep the churn to quiet hours.",
        category: "kubernetes",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionOnly,
        check: (r, report) => {
            const budgets = arr(get(r.props, "spec.disruption.budgets")).map((b) => obj(b) ?? {});
            if (budgets.length === 0) {
                report(`${r.subject}: spec.disruption.budgets is not set (Karpenter's default lets 10 % of the nodes go at any hour); set a budget such as nodes "10%" and a scheduled one with nodes "0" for working hours.`);
                return;
            }
            if (!budgets.some((b) => !isSet(b.schedule))) {
                report(`${r.subject}: every disruption budget has a schedule, so outside them nothing limits disruption; add an unscheduled budget such as nodes "10%".`);
            }
            if (!budgets.some((b) => isSet(b.schedule) && isSet(b.duration))) {
                report(`${r.subject}: no disruption budget has a schedule and duration; add one (e.g. nodes "0", schedule "0 7 * * mon-fri", duration 11h) so consolidation stays out of working hours.`);
            }
        },
        resourceTypes: [KARPENTER.nodePool],
    }),
];
