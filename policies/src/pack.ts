/**
 * The policy list shared by the Pulumi CLI entry point (index.ts) and the offline runner.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { Environment, Level } from "./environment";
import { AgentPolicy, inScope } from "./policy";
import { backupPolicies } from "./policies/backup";
import { dataProtectionPolicies } from "./policies/data-protection";
import { deliveryPolicies } from "./policies/delivery";
import { eksPolicies } from "./policies/eks-iam";
import { karpenterPolicies } from "./policies/karpenter";
import { kubernetesPolicies } from "./policies/kubernetes";
import { lifecycleAndCostPolicies } from "./policies/lifecycle-cost";
import { networkPolicies } from "./policies/network";

export const PACK_NAME = "agent-platform";

export const policies: readonly AgentPolicy[] = [
    ...dataProtectionPolicies,
    ...backupPolicies,
    ...networkPolicies,
    ...eksPolicies,
    ...kubernetesPolicies,
    ...deliveryPolicies,
    ...karpenterPolicies,
    ...lifecycleAndCostPolicies,
];

{
    const seen = new Set<string>();
    for (const p of policies) {
        if (seen.has(p.name)) throw new Error(`duplicate policy name ${p.name}`);
        seen.add(p.name);
        for (const [env, level] of Object.entries(p.enforcementByEnvironment)) {
            if (!inScope(p, env as Environment) && level !== "disabled") throw new Error(`${p.name}: out of scope in ${env} but ${level}`);
        }
    }
}

export function policyByName(name: string): AgentPolicy | undefined {
    return policies.find((p) => p.name === name);
}

/** The default enforcement level of `policy` in `env`. */
export function defaultLevel(policy: AgentPolicy, env: Environment): Level {
    return inScope(policy, env) ? policy.enforcementByEnvironment[env] : "disabled";
}

/**
 * The policies as handed to `new PolicyPack(...)` for a given environment: the same objects' fields (and the
 * same validate functions) with `enforcementLevel` set to the environment's default. The Pulumi CLI then
 * applies any `enforcementLevel` from --policy-pack-config on top, exactly as for any CrossGuard pack.
 */
export function policiesForEnvironment(env: Environment): AgentPolicy[] {
    return policies.map((p) => ({ ...p, enforcementLevel: defaultLevel(p, env) as EnforcementLevel }));
}
