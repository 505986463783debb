/** Lifecycle (protection, destroyability), tags and cost. */
import { Enforcement, Environment, ENVIRONMENTS } from "../environment";
import { AgentPolicy, describe, ofType, resourcePolicy, stackPolicy } from "../policy";
import { arr, get, instanceFamily, isSet, isTrue, obj, show, strings } from "../util";

export const STATEFUL_TYPES = [
    "aws:rds/instance:Instance",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:eks/cluster:Cluster",
    "aws:kms/key:Key",
    "aws:s3/bucketV2:BucketV2",
];

/** AWS resource types whose input schema has `tags` and that the program creates. */
export const TAGGABLE_TYPES = [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/eip:Eip",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/routeTable:RouteTable",
    "aws:ec2/flowLog:FlowLog",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:ec2/launchTemplate:LaunchTemplate",
    "aws:eks/cluster:Cluster",
    "aws:eks/nodeGroup:NodeGroup",
    "aws:eks/addon:Addon",
    "aws:eks/accessEntry:AccessEntry",
    "aws:eks/podIdentityAssociation:PodIdentityAssociation",
    "aws:kms/key:Key",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:rds/instance:Instance",
    "aws:rds/parameterGroup:ParameterGroup",
    "aws:rds/subnetGroup:SubnetGroup",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:elasticache/subnetGroup:SubnetGroup",
    "aws:elasticache/parameterGroup:ParameterGroup",
    "aws:s3/bucketV2:BucketV2",
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:ebs/volume:Volume",
    "aws:lb/loadBalancer:LoadBalancer",
    "aws:lb/targetGroup:TargetGroup",
    "aws:secretsmanager/secret:Secret",
    "aws:ecr/repository:Repository",
    "aws:sns/topic:Topic",
    "aws:backup/vault:Vault",
    "aws:backup/plan:Plan",
];

export const REQUIRED_TAGS = ["project", "environment", "component", "managed-by"];

const GENERAL_PURPOSE = ["m6i", "m6a", "m7i", "m7a", "m6g", "m7g", "c6i", "c6a", "c7i", "c7a", "c6g", "c7g", "r6i", "r6a", "r7i", "r7a", "r6g", "r7g"];
const BURSTABLE = ["t3", "t3a", "t4g"];

export const DEFAULT_ALLOWED_FAMILIES: Record<Environment, string[]> = {
    production: GENERAL_PURPOSE,
    staging: [...BURSTABLE, ...GENERAL_PURPOSE],
    dev: [...BURSTABLE, ...GENERAL_PURPOSE],
    ephemeral: [...BURSTABLE, ...GENERAL_PURPOSE],
    local: [...BURSTABLE, ...GENERAL_PURPOSE],
};

/** Tags from the resource's AWS provider `defaultTags` (provider inputs may carry it as JSON text). */
function providerDefaultTags(provider: { type: string; props: Record<string, any> } | undefined): Record<string, unknown> {
    if (!provider || provider.type !== "pulumi:providers:aws") return {};
    return obj(get(provider.props, "defaultTags.tags")) ?? {};
}

export const lifecycleAndCostPolicies: AgentPolicy[] = [
    resourcePolicy({
        name: "production-stateful-protected",
        scope: ["production", "staging"],
        description: "In production, databases, caches, the EKS cluster, KMS keys and S3 buckets must be protected (protect or retainOnDelete).",
        rationale: "A refactor that renames or removes a stateful resource must not be able to destroy production data in one `pulumi up`.",
        category: "lifecycle",
        severity: "critical",
        enforcementByEnvironment: { production: "mandatory", staging: "disabled", dev: "disabled", ephemeral: "disabled", local: "disabled" },
        resourceTypes: STATEFUL_TYPES,
        check: (r, report) => {
            if (!isTrue(r.opts.protect) && !isTrue(r.opts.retainOnDelete)) {
                report(`${r.subject}: resource option protect is ${show(r.opts.protect)} and retainOnDelete is ${show(r.opts.retainOnDelete)}; set protect(true) in ${r.env}.`);
            }
        },
    }),
    resourcePolicy({
        name: "ephemeral-stack-destroyable",
        scope: ["dev", "ephemeral", "local"],
        description: "Dev, ephemeral and local stacks must be destroyable in one `pulumi destroy`: nothing protected or retained, no RDS deletion protection or final snapshot, no LB deletion protection.",
        rationale: "PR and dev stacks are created and destroyed by automation; a protected resource or a mandatory final snapshot leaves orphans that cost money and block the next run.",
        category: "lifecycle",
        severity: "medium",
        enforcementByEnvironment: Enforcement.throwAwayOnly,
        resourceTypes: ["*"],
        check: (r, report) => {
            if (isTrue(r.opts.protect)) {
                report(`${r.subject}: resource option protect is true; ${r.env} stacks must not protect resources.`);
            }
            if (isTrue(r.opts.retainOnDelete)) {
                report(`${r.subject}: resource option retainOnDelete is true; ${r.env} stacks must delete what they create.`);
            }
            if (r.type === "aws:rds/instance:Instance") {
                if (isTrue(r.props.deletionProtection)) {
                    report(`${r.subject}: deletionProtection is true; it must be false in ${r.env}.`);
                }
                if (!isTrue(r.props.skipFinalSnapshot)) {
                    report(`${r.subject}: skipFinalSnapshot is ${show(r.props.skipFinalSnapshot)}; it must be true in ${r.env}.`);
                }
            }
            if (r.type === "aws:lb/loadBalancer:LoadBalancer" && isTrue(r.props.enableDeletionProtection)) {
                report(`${r.subject}: enableDeletionProtection is true; it must be false in ${r.env}.`);
            }
        },
    }),
    resourcePolicy({
        name: "required-tags",
        description: "Taggable AWS resources must carry the tags project, environment, component and managed-by; environment must name the stack's environment.",
        rationale: "Tags drive cost allocation per environment and component, and tell operators which program owns a resource.",
        category: "tags-and-cost",
        severity: "medium",
        enforcementByEnvironment: Enforcement.everywhere,
        configSchema: {
            properties: {
                requiredTags: { type: "array", items: { type: "string" }, default: REQUIRED_TAGS },
                environmentTagMustMatch: { type: "boolean", default: true, description: "Require tags.environment to equal the stack's environment." },
            },
        },
        resourceTypes: TAGGABLE_TYPES,
        check: (r, report) => {
            const own = obj(r.props.tags);
            const tags: Record<string, unknown> = { ...providerDefaultTags(r.provider), ...(own ?? {}) };
            const missing = strings(r.config.requiredTags).filter((k) => !isSet(tags[k]));
            if (missing.length > 0) {
                report(`${r.subject}: ${own ? `tags ${show(own)} lack` : "tags is not set, so it lacks"} ${missing.join(", ")}; required: ${strings(r.config.requiredTags).join(", ")}.`);
            }
            const envTag = tags["environment"];
            if (r.config.environmentTagMustMatch !== false && isSet(envTag) && envTag !== r.env) {
                report(`${r.subject}: tags.environment is ${show(envTag)}; it must be '${r.env}', the stack's environment.`);
            }
        },
    }),
    resourcePolicy({
        name: "allowed-instance-families",
        description: "EKS nodes, launch templates, RDS and ElastiCache must use instance families allowed for the environment (no burstable t-family in production).",
        rationale: "Burstable instances run out of CPU credits under sustained agent load; the allow-list also keeps exotic, expensive families out of dev.",
        category: "tags-and-cost",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        configSchema: {
            properties: {
                allowedFamilies: {
                    type: "object",
                    description: "Allowed instance families per environment (e.g. m7i, r6g).",
                    properties: Object.fromEntries(ENVIRONMENTS.map((e) => [e, { type: "array", items: { type: "string" } }])),
                    default: DEFAULT_ALLOWED_FAMILIES,
                },
            },
        },
        resourceTypes: [
            "aws:eks/nodeGroup:NodeGroup",
            "aws:ec2/launchTemplate:LaunchTemplate",
            "aws:rds/instance:Instance",
            "aws:elasticache/replicationGroup:ReplicationGroup",
        ],
        check: (r, report) => {
            const configured = obj(r.config.allowedFamilies)?.[r.env];
            const allowed = configured === undefined ? DEFAULT_ALLOWED_FAMILIES[r.env] : strings(configured);
            const checks: [string, unknown][] = [];
            switch (r.type) {
                case "aws:eks/nodeGroup:NodeGroup": {
                    const types = strings(r.props.instanceTypes);
                    if (types.length === 0 && !obj(r.props.launchTemplate)) {
                        checks.push(["instanceTypes", "t3.medium (EKS default when not set)"]);
                    }
                    types.forEach((t, i) => checks.push([`instanceTypes[${i}]`, t]));
                    break;
                }
                case "aws:ec2/launchTemplate:LaunchTemplate":
                    if (isSet(r.props.instanceType)) checks.push(["instanceType", r.props.instanceType]);
                    break;
                case "aws:rds/instance:Instance":
                    if (isSet(r.props.instanceClass)) checks.push(["instanceClass", r.props.instanceClass]);
                    break;
                default:
                    if (isSet(r.props.nodeType)) checks.push(["nodeType", r.props.nodeType]);
            }
            for (const [prop, value] of checks) {
                const family = typeof value === "string" ? instanceFamily(value.split(" ")[0]) : undefined;
                if (!family || !allowed.includes(family)) {
                    report(`${r.subject}: ${prop} is ${show(value)} (family ${family ?? "unknown"}); allowed in ${r.env}: ${allowed.join(", ")}.`);
                }
            }
        },
    }),
    stackPolicy({
        name: "single-nat-gateway-outside-production",
        scope: ["staging", "dev", "ephemeral", "local"],
        description: "Stacks outside production must use at most one NAT gateway (advisory in staging).",
        rationale: "Each NAT gateway costs ~$32/month plus data processing. Staging is production-shaped on purpose (one NAT per zone, so zone failures rehearse like production), so there the rule only advises.",
        category: "tags-and-cost",
        severity: "low",
        enforcementByEnvironment: { production: "disabled", staging: "advisory", dev: "mandatory", ephemeral: "mandatory", local: "mandatory" },
        check: (s, report) => {
            const nats = ofType(s.resources, "aws:ec2/natGateway:NatGateway");
            if (nats.length > 1) {
                for (const extra of nats.slice(1)) {
                    report(`${describe(extra.type, extra.name)}: this ${s.env} stack declares ${nats.length} NAT gateways (${nats.map((n) => n.name).join(", ")}); at most 1 is allowed outside production.`, extra.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "ebs-gp3",
        description: "EBS volumes should be gp3 rather than gp2 or magnetic (standard).",
        rationale: "gp3 is ~20% cheaper than gp2 with a higher, size-independent baseline.",
        category: "tags-and-cost",
        severity: "low",
        enforcementByEnvironment: Enforcement.advisoryEverywhere,
        resourceTypes: ["aws:ebs/volume:Volume", "aws:ec2/launchTemplate:LaunchTemplate"],
        check: (r, report) => {
            const legacy = ["gp2", "standard"];
            if (r.type === "aws:ebs/volume:Volume") {
                if (legacy.includes(r.props.type)) report(`${r.subject}: type is '${r.props.type}'; use 'gp3'.`);
                return;
            }
            arr(r.props.blockDeviceMappings).forEach((m, i) => {
                const vt = get(m, "ebs.volumeType");
                if (legacy.includes(vt)) report(`${r.subject}: blockDeviceMappings[${i}].ebs.volumeType is '${vt}'; use 'gp3'.`);
            });
        },
    }),
];
