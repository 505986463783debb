/** Progressive delivery: production releases the agent only through an analysed Argo Rollout. */
import type { PolicyResource } from "@pulumi/policy";
import { Enforcement } from "../environment";
import { AgentPolicy, describe, ofType, stackPolicy } from "../policy";
import { arr, get, k8sName, k8sNamespace, labelsOf, obj } from "../util";

export const DT = {
    rollout: "kubernetes:argoproj.io/v1alpha1:Rollout",
    analysisTemplate: "kubernetes:argoproj.io/v1alpha1:AnalysisTemplate",
} as const;

/** The analysis a Rollout runs on a new version: canary (background or step) or blue-green pre/post promotion. */
function analysisTemplateNames(rollout: PolicyResource): string[] {
    const strategy = obj(get(rollout.props, "spec.strategy")) ?? {};
    const refs: unknown[] = [
        get(strategy, "canary.analysis"),
        get(strategy, "blueGreen.prePromotionAnalysis"),
        get(strategy, "blueGreen.postPromotionAnalysis"),
        ...arr(get(strategy, "canary.steps")).map((s) => get(s, "analysis")),
    ];
    return refs.flatMap((ref) => arr(get(ref, "templates")).map((t) => String(get(t, "templateName") ?? ""))).filter((n) => n !== "");
}

export const deliveryPolicies: AgentPolicy[] = [
    stackPolicy({
        name: "production-release-with-analysis",
        description: "In production every Deployment of an application namespace (part-of=agent-platform) must be released by an Argo Rollout (workloadRef) that runs an analysis whose AnalysisTemplates exist and decide every metric.",
        rationale: "A rolling update puts a new build on every pod whatever its error rate; a canary analysed against the SLO aborts and rolls back before the error budget burns.",
        category: "kubernetes",
        severity: "high",
        enforcementByEnvironment: Enforcement.productionOnly,
        // dev and throw-away stacks roll their Deployments by design (no controller on ephemeral and local stacks).
        scope: ["production", "staging"],
        check: (s, report) => {
            const rollouts = ofType(s.resources, DT.rollout);
            const templates = ofType(s.resources, DT.analysisTemplate);
            const appNamespaces = new Set(ofType(s.resources, "kubernetes:core/v1:Namespace")
                .filter((n) => labelsOf(n.props)["app.kubernetes.io/part-of"] === "agent-platform")
                .map((n) => k8sName(n.props, n.name)));
            for (const d of ofType(s.resources, "kubernetes:apps/v1:Deployment")) {
                const ns = k8sNamespace(d.props);
                if (!appNamespaces.has(ns)) continue;
                const name = k8sName(d.props, d.name);
                const rollout = rollouts.find((r) => k8sNamespace(r.props) === ns && get(r.props, "spec.workloadRef.kind") === "Deployment"
                    && get(r.props, "spec.workloadRef.name") === name);
                if (!rollout) {
                    report(`${describe(d.type, d.name)}: Deployment '${ns}/${name}' is released by its own rolling update; production releases only through an Argo Rollout with analysis (agent.delivery strategy canary or blueGreen).`, d.urn);
                    continue;
                }
                const names = analysisTemplateNames(rollout);
                if (names.length === 0) {
                    report(`${describe(rollout.type, rollout.name)}: Rollout '${ns}/${k8sName(rollout.props, rollout.name)}' runs no analysis; production releases only with analysis (agent.delivery.analysis).`, rollout.urn);
                    continue;
                }
                for (const t of names) {
                    const template = templates.find((x) => k8sNamespace(x.props) === ns && k8sName(x.props, x.name) === t);
                    if (!template) {
                        report(`${describe(rollout.type, rollout.name)}: AnalysisTemplate '${ns}/${t}' it runs is not in the stack.`, rollout.urn);
                        continue;
                    }
                    const metrics = arr(get(template.props, "spec.metrics"));
                    const undecided = metrics.filter((m) => !get(m, "successCondition") && !get(m, "failureCondition"));
                    if (metrics.length === 0 || undecided.length > 0) {
                        report(`${describe(template.type, template.name)}: AnalysisTemplate '${ns}/${t}' has ${metrics.length === 0 ? "no metrics" : `metrics without a success or failure condition (${undecided.map((m) => get(m, "name")).join(", ")}), which end inconclusive`}.`, template.urn);
                    }
                }
            }
        },
    }),
];
