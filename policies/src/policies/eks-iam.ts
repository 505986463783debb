/** EKS control plane and IAM. */
import { Enforcement } from "../environment";
import { AgentPolicy, resourcePolicy } from "../policy";
import { arr, get, isAnywhere, isFalse, isSet, isTrue, obj, parseMaybeJson, show, strings } from "../util";

export const ET = {
    cluster: "aws:eks/cluster:Cluster",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
} as const;

export const eksPolicies: AgentPolicy[] = [
    resourcePolicy({
        name: "eks-secrets-encryption",
        description: "EKS clusters must envelope-encrypt Kubernetes secrets with a KMS key.",
        rationale: "Without envelope encryption, secrets sit in etcd protected only by AWS's disk encryption; it can't be turned off once on.",
        category: "eks",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [ET.cluster],
        check: (r, report) => {
            const configs = arr(r.props.encryptionConfig).map((c) => obj(c) ?? {});
            const ok = configs.some((c) => strings(c.resources).includes("secrets") && isSet(get(c, "provider.keyArn")));
            if (!ok) {
                report(`${r.subject}: encryptionConfig is ${show(r.props.encryptionConfig)}; it must list resources ["secrets"] with provider.keyArn set to a KMS key.`);
            }
        },
    }),
    resourcePolicy({
        name: "eks-control-plane-logging",
        description: "EKS clusters must send the required control-plane log types (audit, authenticator by default) to CloudWatch.",
        rationale: "The audit log is the record of who did what to the cluster; the authenticator log ties requests to IAM principals.",
        category: "eks",
        severity: "high",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        configSchema: {
            properties: {
                requiredLogTypes: {
                    type: "array",
                    items: { type: "string", enum: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
                    default: ["audit", "authenticator"],
                },
            },
        },
        resourceTypes: [ET.cluster],
        check: (r, report) => {
            const enabled = strings(r.props.enabledClusterLogTypes);
            const missing = strings(r.config.requiredLogTypes).filter((t) => !enabled.includes(t));
            if (missing.length > 0) {
                report(`${r.subject}: enabledClusterLogTypes is ${show(r.props.enabledClusterLogTypes)}; it must include ${missing.join(", ")}.`);
            }
        },
    }),
    resourcePolicy({
        name: "eks-endpoint-restricted",
        description: "The EKS API endpoint must be private, or public only to an explicit CIDR allow-list (never 0.0.0.0/0).",
        rationale: "A world-reachable Kubernetes API is brute-forced and scanned constantly; nodes should talk to it privately.",
        category: "eks",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [ET.cluster],
        check: (r, report) => {
            const vpc = obj(r.props.vpcConfig) ?? {};
            if (!isTrue(vpc.endpointPrivateAccess)) {
                report(`${r.subject}: vpcConfig.endpointPrivateAccess is ${show(vpc.endpointPrivateAccess)}; it must be true.`);
            }
            if (isFalse(vpc.endpointPublicAccess)) {
                return;
            }
            // endpointPublicAccess defaults to true, publicAccessCidrs to ["0.0.0.0/0"].
            const cidrs = strings(vpc.publicAccessCidrs);
            if (cidrs.length === 0 || cidrs.some(isAnywhere)) {
                const pub = vpc.endpointPublicAccess === undefined ? "not set (default true)" : show(vpc.endpointPublicAccess);
                const allowed = vpc.publicAccessCidrs === undefined ? "not set (default 0.0.0.0/0)" : show(vpc.publicAccessCidrs);
                report(`${r.subject}: vpcConfig.endpointPublicAccess is ${pub} with publicAccessCidrs ${allowed}; set endpointPublicAccess false or restrict publicAccessCidrs to known CIDRs.`);
            }
        },
    }),
    resourcePolicy({
        name: "eks-access-entries",
        description: "EKS clusters must authenticate through access entries (authenticationMode API or API_AND_CONFIG_MAP).",
        rationale: "The aws-auth ConfigMap is deprecated, easy to break, and invisible to IAM tooling; access entries are managed by the EKS API.",
        category: "eks",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        resourceTypes: [ET.cluster],
        check: (r, report) => {
            const mode = get(r.props, "accessConfig.authenticationMode");
            if (mode !== "API" && mode !== "API_AND_CONFIG_MAP") {
                report(`${r.subject}: accessConfig.authenticationMode is ${mode === undefined ? "not set (default CONFIG_MAP)" : show(mode)}; it must be 'API' or 'API_AND_CONFIG_MAP'.`);
            }
        },
    }),
    resourcePolicy({
        name: "iam-no-wildcard-admin",
        description: "IAM policies must not grant Action \"*\" on Resource \"*\", roles must not attach AdministratorAccess, and trust policies must not allow any principal.",
        rationale: "Workload and node roles get least privilege; a wildcard grant or an open trust policy turns any compromise into account takeover.",
        category: "iam",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [ET.role, ET.rolePolicy, ET.policy],
        check: (r, report) => {
            const documents: [string, unknown][] = [];
            if (r.type === ET.role) {
                arr(r.props.inlinePolicies).forEach((p, i) => documents.push([`inlinePolicies[${i}].policy`, obj(p)?.policy]));
                for (const arn of strings(r.props.managedPolicyArns)) {
                    if (/:policy\/AdministratorAccess$/.test(arn)) {
                        report(`${r.subject}: managedPolicyArns includes '${arn}'; grant only the permissions the role needs.`);
                    }
                }
                for (const st of statements(r.props.assumeRolePolicy)) {
                    if (st.Effect === "Allow" && openPrincipal(st.Principal) && !st.Condition) {
                        report(`${r.subject}: assumeRolePolicy allows Principal ${show(st.Principal)} without a Condition; name the trusted principals.`);
                    }
                }
            } else {
                documents.push(["policy", r.props.policy]);
            }
            for (const [where, doc] of documents) {
                for (const st of statements(doc)) {
                    const actions = strings(st.Action);
                    const resources = strings(st.Resource);
                    if (st.Effect === "Allow" && actions.some((a) => a === "*" || a === "*:*" || a === "iam:*") && resources.includes("*")) {
                        report(`${r.subject}: ${where} allows Action ${show(st.Action)} on Resource "*"; list specific actions and resources.`);
                    }
                }
            }
        },
    }),
];

function statements(doc: unknown): Record<string, any>[] {
    const d = obj(parseMaybeJson(doc));
    return arr(d?.Statement).map((s) => obj(s) ?? {});
}

function openPrincipal(p: unknown): boolean {
    if (p === "*") return true;
    const o = obj(p);
    return !!o && strings(o.AWS).includes("*");
}
