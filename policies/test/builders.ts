/**
 * Hand-made plan fragments shaped like target/plan/<stack>.json, for the per-policy cases (test/cases.ts).
 * `compliant.*` builders return resources that satisfy every policy in the given environment; tests mutate one
 * property to produce a violation. Whole plans are the real ones of the committed stacks (test/stacks.ts).
 */
import { Environment } from "../src/environment";
import { Plan, PlanResource } from "../src/runner/plan";

export const PROJECT = "agent-platform";

export function urnOf(type: string, name: string, stack = "test"): string {
    return `urn:pulumi:${stack}::${PROJECT}::${type}::${name}`;
}

export interface ResOpts {
    protect?: boolean;
    retainOnDelete?: boolean;
    dependencies?: string[];
    parent?: string | null;
    provider?: string | null;
    custom?: boolean;
}

export function res(type: string, name: string, inputs: Record<string, any>, o: ResOpts = {}): PlanResource {
    return {
        urn: urnOf(type, name),
        type,
        name,
        parent: o.parent ?? null,
        custom: o.custom ?? true,
        provider: o.provider ?? null,
        inputs,
        dependencies: o.dependencies ?? [],
        options: {
            protect: o.protect ?? false,
            retainOnDelete: o.retainOnDelete ?? false,
            dependsOn: [],
            ignoreChanges: [],
            deleteBeforeReplace: false,
        },
    };
}

export function plan(environment: Environment | undefined, resources: PlanResource[], stack = environment ?? "test"): Plan {
    return { project: PROJECT, stack, environment, resources, outputs: {} };
}

/** A copy of `r` with `patch` deep-merged into its inputs (undefined deletes a key). */
export function withInputs(r: PlanResource, patch: Record<string, any>): PlanResource {
    return { ...r, inputs: merge(r.inputs, patch) };
}

export function withOptions(r: PlanResource, patch: Partial<PlanResource["options"]>): PlanResource {
    return { ...r, options: { ...r.options, ...patch } };
}

function merge(base: any, patch: any): any {
    if (patch === null || typeof patch !== "object" || Array.isArray(patch) || base === null || typeof base !== "object" || Array.isArray(base)) {
        return patch;
    }
    const out: Record<string, any> = { ...base };
    for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete out[k];
        else out[k] = merge(base[k], v);
    }
    return out;
}

export const tags = (env: Environment, component: string) => ({
    project: PROJECT,
    environment: env,
    component,
    "managed-by": "pulumi",
});

const isProd = (env: Environment) => env === "production";
/** Production and staging get the highly-available, hard-to-delete settings. */
const hardened = (env: Environment) => env === "production" || env === "staging";
const throwAway = (env: Environment) => env === "dev" || env === "ephemeral" || env === "local";
const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555";

// -------------------------------------------------------------------------------------------------------
// AWS

export const compliant = {
    vpc: (env: Environment, name = "vpc") =>
        res("aws:ec2/vpc:Vpc", name, { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, tags: tags(env, "network") }),
    subnet: (env: Environment, name: string, isPublic: boolean, vpc: PlanResource) =>
        res("aws:ec2/subnet:Subnet", name, {
            vpcId: `${vpc.name}-id`, cidrBlock: isPublic ? "10.0.0.0/20" : "10.0.64.0/19", mapPublicIpOnLaunch: isPublic, tags: tags(env, "network"),
        }, { dependencies: [vpc.urn] }),
    natGateway: (env: Environment, name: string, subnet: PlanResource) =>
        res("aws:ec2/natGateway:NatGateway", name, { subnetId: `${subnet.name}-id`, allocationId: `${name}-eip-id`, tags: tags(env, "network") }, { dependencies: [subnet.urn] }),
    eip: (env: Environment, name: string) => res("aws:ec2/eip:Eip", name, { domain: "vpc", tags: tags(env, "network") }),
    internetGateway: (env: Environment, vpc: PlanResource) =>
        res("aws:ec2/internetGateway:InternetGateway", "igw", { vpcId: `${vpc.name}-id`, tags: tags(env, "network") }, { dependencies: [vpc.urn] }),
    routeTable: (env: Environment, name: string, vpc: PlanResource) =>
        res("aws:ec2/routeTable:RouteTable", name, { vpcId: `${vpc.name}-id`, tags: tags(env, "network") }, { dependencies: [vpc.urn] }),
    logGroup: (env: Environment, name = "flow-logs") =>
        res("aws:cloudwatch/logGroup:LogGroup", name, {
            retentionInDays: isProd(env) ? 365 : env === "staging" ? 30 : 7, kmsKeyId: KEY_ARN, tags: tags(env, "observability"),
        }),
    flowLog: (env: Environment, vpc: PlanResource) =>
        res("aws:ec2/flowLog:FlowLog", "vpc-flow-log", {
            vpcId: `${vpc.name}-id`, trafficType: "ALL", logDestinationType: "cloud-watch-logs", tags: tags(env, "network"),
        }, { dependencies: [vpc.urn] }),
    defaultSecurityGroup: (env: Environment, vpc: PlanResource) =>
        res("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default-sg", { vpcId: `${vpc.name}-id`, ingress: [], egress: [], tags: tags(env, "network") }, { dependencies: [vpc.urn] }),
    securityGroup: (env: Environment, name: string) =>
        res("aws:ec2/securityGroup:SecurityGroup", name, { vpcId: "vpc-id", description: name, tags: tags(env, "network") }),
    ingressRule: (env: Environment, name: string, port: number) =>
        res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, {
            securityGroupId: "db-sg-id", referencedSecurityGroupId: "nodes-sg-id", ipProtocol: "tcp", fromPort: port, toPort: port, tags: tags(env, "network"),
        }),
    httpsIngress: (env: Environment) =>
        res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "lb-https", {
            securityGroupId: "lb-sg-id", cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, tags: tags(env, "network"),
        }),
    vpcEndpoint: (env: Environment) =>
        res("aws:ec2/vpcEndpoint:VpcEndpoint", "s3-endpoint", { vpcId: "vpc-id", serviceName: "com.amazonaws.eu-west-1.s3", vpcEndpointType: "Gateway", tags: tags(env, "network") }),
    kmsKey: (env: Environment, name = "platform-key") =>
        res("aws:kms/key:Key", name, { description: "platform key", enableKeyRotation: true, deletionWindowInDays: 30, tags: tags(env, "security") }, { protect: isProd(env) }),
    launchTemplate: (env: Environment) =>
        res("aws:ec2/launchTemplate:LaunchTemplate", "nodes-lt", {
            metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" },
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", volumeSize: 50, kmsKeyId: KEY_ARN } }],
            networkInterfaces: [{ associatePublicIpAddress: "false" }],
            tags: tags(env, "eks"),
        }),
    cluster: (env: Environment) =>
        res("aws:eks/cluster:Cluster", "eks", {
            roleArn: "arn:aws:iam::123456789012:role/eks-cluster",
            version: "1.33",
            encryptionConfig: { resources: ["secrets"], provider: { keyArn: KEY_ARN } },
            enabledClusterLogTypes: ["api", "audit", "authenticator"],
            vpcConfig: { subnetIds: ["private-a-id", "private-b-id"], endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] },
            accessConfig: { authenticationMode: "API" },
            tags: tags(env, "eks"),
        }, { protect: isProd(env) }),
    nodeGroup: (env: Environment, subnets: PlanResource[], lt?: PlanResource) =>
        res("aws:eks/nodeGroup:NodeGroup", "nodes", {
            clusterName: "eks",
            nodeRoleArn: "arn:aws:iam::123456789012:role/eks-nodes",
            subnetIds: subnets.map((s) => `${s.name}-id`),
            instanceTypes: [isProd(env) ? "m7i.large" : "t3.large"],
            capacityType: isProd(env) ? "ON_DEMAND" : "SPOT",
            scalingConfig: { minSize: isProd(env) ? 3 : 1, desiredSize: isProd(env) ? 3 : 1, maxSize: isProd(env) ? 10 : 3 },
            launchTemplate: { id: "nodes-lt-id", version: "$Latest" },
            tags: tags(env, "eks"),
        }, { dependencies: [...subnets.map((s) => s.urn), ...(lt ? [lt.urn] : [])] }),
    addon: (env: Environment) => res("aws:eks/addon:Addon", "vpc-cni", { clusterName: "eks", addonName: "vpc-cni", tags: tags(env, "eks") }),
    oidc: (env: Environment) =>
        res("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "eks-oidc", { url: "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC", clientIdLists: ["sts.amazonaws.com"], tags: tags(env, "eks") }),
    role: (env: Environment, name = "agent-irsa") =>
        res("aws:iam/role:Role", name, {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.eks" }, Action: "sts:AssumeRoleWithWebIdentity" }],
            }),
            tags: tags(env, "agent"),
        }),
    rolePolicy: (name = "agent-s3") =>
        res("aws:iam/rolePolicy:RolePolicy", name, {
            role: "agent-irsa",
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::agent-artifacts/*" }] }),
        }),
    parameterGroup: (env: Environment) =>
        res("aws:rds/parameterGroup:ParameterGroup", "postgres16", {
            family: "postgres16",
            parameters: [{ name: "rds.force_ssl", value: "1" }, { name: "log_min_duration_statement", value: "500" }],
            tags: tags(env, "database"),
        }),
    rds: (env: Environment) =>
        res("aws:rds/instance:Instance", "db", {
            engine: "postgres",
            engineVersion: "16.4",
            instanceClass: isProd(env) ? "db.r7g.large" : "db.t4g.medium",
            allocatedStorage: 50,
            storageEncrypted: true,
            kmsKeyId: KEY_ARN,
            publiclyAccessible: false,
            multiAz: hardened(env),
            backupRetentionPeriod: isProd(env) ? 14 : env === "staging" ? 3 : 1,
            deletionProtection: hardened(env),
            skipFinalSnapshot: !hardened(env),
            ...(hardened(env) ? { finalSnapshotIdentifier: "db-final" } : {}),
            manageMasterUserPassword: true,
            username: "agent",
            parameterGroupName: "postgres16",
            tags: tags(env, "database"),
        }, { protect: isProd(env) }),
    redis: (env: Environment) =>
        res("aws:elasticache/replicationGroup:ReplicationGroup", "redis", {
            description: "agent cache",
            engine: "redis",
            nodeType: isProd(env) ? "cache.r7g.large" : "cache.t4g.micro",
            atRestEncryptionEnabled: true,
            transitEncryptionEnabled: true,
            kmsKeyId: KEY_ARN,
            authToken: "[secret]",
            automaticFailoverEnabled: hardened(env),
            multiAzEnabled: hardened(env),
            numCacheClusters: hardened(env) ? 2 : 1,
            snapshotRetentionLimit: hardened(env) ? 7 : 1,
            tags: tags(env, "cache"),
        }, { protect: isProd(env) }),
    bucket: (env: Environment, name = "artifacts") =>
        res("aws:s3/bucketV2:BucketV2", name, { bucket: `agent-${name}-${env}`, forceDestroy: throwAway(env), tags: tags(env, "storage") }, { protect: isProd(env) }),
    bucketSse: (bucket: PlanResource) =>
        res("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", `${bucket.name}-sse`, {
            bucket: `${bucket.name}-id`,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }],
        }, { dependencies: [bucket.urn] }),
    bucketPab: (bucket: PlanResource) =>
        res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${bucket.name}-pab`, {
            bucket: `${bucket.name}-id`, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        }, { dependencies: [bucket.urn] }),
    ebsVolume: (env: Environment) =>
        res("aws:ebs/volume:Volume", "scratch", { availabilityZone: "eu-west-1a", size: 20, type: "gp3", encrypted: true, tags: tags(env, "storage") }),
    loadBalancer: (env: Environment) =>
        res("aws:lb/loadBalancer:LoadBalancer", "ingress-nlb", {
            loadBalancerType: "network", internal: false, enableDeletionProtection: isProd(env), tags: tags(env, "ingress"),
        }),
};

// -------------------------------------------------------------------------------------------------------
// Kubernetes

export const AGENT_LABELS = { "app.kubernetes.io/name": "agent", "app.kubernetes.io/part-of": "agent-platform" };

export function container(name = "agent", patch: Record<string, any> = {}): Record<string, any> {
    return merge({
        name,
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent:1.4.2",
        ports: [{ containerPort: 8080 }],
        resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        livenessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
        readinessProbe: { httpGet: { path: "/ready", port: 8080 }, periodSeconds: 5 },
        securityContext: {
            runAsNonRoot: true,
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
        },
    }, patch);
}

export function podSpec(containers: Record<string, any>[] = [container()], patch: Record<string, any> = {}): Record<string, any> {
    return merge({
        serviceAccountName: "agent",
        securityContext: { runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers,
        volumes: [{ name: "tmp", emptyDir: {} }],
    }, patch);
}

export function namespace(name: string, labels: Record<string, string>): PlanResource {
    return res("kubernetes:core/v1:Namespace", `ns-${name}`, { metadata: { name, labels } });
}

export const appNamespace = (name = "agents") =>
    namespace(name, { "app.kubernetes.io/part-of": "agent-platform", "pod-security.kubernetes.io/enforce": "restricted" });

export function deployment(name = "agent", ns = "agents", replicas = 2, spec: Record<string, any> = podSpec()): PlanResource {
    return res("kubernetes:apps/v1:Deployment", name, {
        metadata: { name, namespace: ns, labels: AGENT_LABELS },
        spec: {
            replicas,
            selector: { matchLabels: { "app.kubernetes.io/name": name } },
            template: { metadata: { labels: { ...AGENT_LABELS, "app.kubernetes.io/name": name } }, spec },
        },
    });
}

export function workload(type: string, name: string, spec: Record<string, any> = podSpec()): PlanResource {
    const template = { metadata: { labels: { "app.kubernetes.io/name": name } }, spec };
    const body =
        type === "kubernetes:batch/v1:CronJob" ? { schedule: "0 * * * *", jobTemplate: { spec: { template } } }
        : type === "kubernetes:core/v1:Pod" ? spec
        : { selector: { matchLabels: { "app.kubernetes.io/name": name } }, template };
    return res(type, name, { metadata: { name, namespace: "agents" }, spec: body });
}

export function pdb(name = "agent", ns = "agents", spec: Record<string, any> = { maxUnavailable: 1 }): PlanResource {
    return res("kubernetes:policy/v1:PodDisruptionBudget", `${name}-pdb`, {
        metadata: { name, namespace: ns },
        spec: { selector: { matchLabels: { "app.kubernetes.io/name": name } }, ...spec },
    });
}

export function hpa(target = "agent", minReplicas = 2, ns = "agents"): PlanResource {
    return res("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", `${target}-hpa`, {
        metadata: { name: target, namespace: ns },
        spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target }, minReplicas, maxReplicas: 10 },
    });
}

/** An Argo Rollout releasing Deployment `target` as a canary, with the background analysis `template` unless null. */
export function rollout(target = "agent", ns = "agents", template: string | null = "agent-slo"): PlanResource {
    const canary: Record<string, any> = { canaryService: `${target}-canary`, stableService: `${target}-stable`, steps: [{ setWeight: 10 }, { pause: { duration: "60s" } }] };
    if (template) canary.analysis = { templates: [{ templateName: template }] };
    return res("kubernetes:argoproj.io/v1alpha1:Rollout", `${target}-rollout`, {
        metadata: { name: target, namespace: ns },
        spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: target }, strategy: { canary } },
    });
}

/** An AnalysisTemplate whose one Prometheus metric has `conditions` (default: a success condition). */
export function analysisTemplate(name = "agent-slo", ns = "agents", conditions: Record<string, string> = { successCondition: "len(result) > 0 && result[0] <= 0.005" }): PlanResource {
    return res("kubernetes:argoproj.io/v1alpha1:AnalysisTemplate", `${name}-template`, {
        metadata: { name, namespace: ns },
        spec: { metrics: [{ name: "error-ratio", interval: "60s", ...conditions, provider: { prometheus: { address: "http://prometheus:9090", query: "up" } } }] },
    });
}

export function networkPolicy(name = "default-deny", ns = "agents"): PlanResource {
    return res("kubernetes:networking.k8s.io/v1:NetworkPolicy", `${ns}-${name}`, {
        metadata: { name, namespace: ns },
        spec: { podSelector: {}, policyTypes: ["Ingress"] },
    });
}

// -------------------------------------------------------------------------------------------------------
// Karpenter (shaped like the program's EC2NodeClass and NodePool inputs)

export const karpenter = {
    nodeClass: (env: Environment) =>
        res("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "node-class", {
            apiVersion: "karpenter.k8s.aws/v1",
            kind: "EC2NodeClass",
            metadata: { name: "default" },
            spec: {
                role: "agent-platform-karpenter-node-role",
                amiSelectorTerms: [{ alias: "al2023@v20260923" }],
                subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "eks" } }],
                securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "eks" } }],
                metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
                blockDeviceMappings: [{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, deleteOnTermination: true } }],
                tags: tags(env, "karpenter"),
            },
        }),
    nodePool: (env: Environment) =>
        res("kubernetes:karpenter.sh/v1:NodePool", "pool-workloads", {
            apiVersion: "karpenter.sh/v1",
            kind: "NodePool",
            metadata: { name: "workloads" },
            spec: {
                template: {
                    metadata: { labels: { "node-role": "workloads" } },
                    spec: {
                        nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
                        requirements: [{ key: "karpenter.sh/capacity-type", operator: "In", values: env === "production" ? ["on-demand"] : ["spot", "on-demand"] }],
                        expireAfter: "720h",
                    },
                },
                limits: { cpu: "48", memory: "192Gi" },
                disruption: {
                    consolidationPolicy: "WhenEmptyOrUnderutilized",
                    consolidateAfter: "5m",
                    budgets: [{ nodes: "10%" }, { nodes: "0", schedule: "0 7 * * mon-fri", duration: "11h", reasons: ["Underutilized", "Drifted"] }],
                },
            },
        }),
};
