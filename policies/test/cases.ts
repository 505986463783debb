/**
 * Fixtures per policy: every policy has passing cases (no violation of that policy) and violating cases
 * (exactly `violations` violations of that policy, default 1, each message matching `match`).
 */
import { Environment } from "../src/environment";
import { PlanResource } from "../src/runner/plan";
import { realPlan } from "./stacks";
import {
    analysisTemplate, appNamespace, compliant as C, container, deployment, hpa, karpenter as K, namespace, networkPolicy, pdb,
    podSpec, res, rollout, withInputs, withOptions, workload,
} from "./builders";

export interface Case {
    title: string;
    env: Environment;
    resources: PlanResource[];
    /** Pack config entry for the policy under test (properties, not enforcementLevel). */
    config?: Record<string, unknown>;
    violations?: number;
    match?: RegExp;
}

export interface PolicyCases {
    pass: Case[];
    fail: Case[];
}

const P: Environment = "production";
const S: Environment = "staging";
const D: Environment = "dev";
const E: Environment = "ephemeral";

/** The real production plan without the resources of `type` (the agent's Rollout, its AnalysisTemplate). */
function realProductionWithout(type: string): PlanResource[] {
    return realPlan(P).resources.filter((r) => r.type !== type);
}

const sgIngress = (props: Record<string, any>) => res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "rule", { securityGroupId: "sg", ...props, tags: {} });
const vpc = C.vpc(P);
const bucket = C.bucket(P);
const privA = C.subnet(P, "private-a", false, vpc);
const pubA = C.subnet(P, "public-a", true, vpc);

/** The resources of the environment's real plan (test/fixtures/plans), with named changes planted by `change`. */
function realResources(env: Environment, ...changes: ((resources: PlanResource[]) => PlanResource[])[]): PlanResource[] {
    return changes.reduce((rs, change) => change(rs), realPlan(env).resources);
}
/** Applies `f` to the one resource of `type` whose name ends with `suffix`. */
const edit = (type: string, suffix: string, f: (r: PlanResource) => PlanResource) => (rs: PlanResource[]) =>
    rs.map((r) => (r.type === type && r.name.endsWith(suffix) ? f(r) : r));
const drop = (type: string, suffix: string) => (rs: PlanResource[]) => rs.filter((r) => !(r.type === type && r.name.endsWith(suffix)));
/** The backup selection no longer names the resource (neither its ARN in `resources` nor a dependency on it). */
const unselect = (type: string, suffix: string) => (rs: PlanResource[]) => {
    const target = rs.find((r) => r.type === type && r.name.endsWith(suffix));
    if (!target) throw new Error(`no ${type} named *${suffix}`);
    return edit("aws:backup/selection:Selection", "-backup-selection", (sel) => ({
        ...sel,
        dependencies: sel.dependencies.filter((d) => d !== target.urn),
        inputs: { ...sel.inputs, resources: (sel.inputs.resources as string[]).filter((arn) => !arn.includes(target.name)) },
    }))(rs);
};
const BACKUP_TYPES = ["aws:backup/vault:Vault", "aws:backup/plan:Plan", "aws:backup/selection:Selection", "aws:backup/vaultLockConfiguration:VaultLockConfiguration"];
const withoutBackup = (rs: PlanResource[]) => rs.filter((r) => !BACKUP_TYPES.includes(r.type));

export const cases: Record<string, PolicyCases> = {
    // ----------------------------------------------------------------------------------- data protection
    "rds-storage-encrypted": {
        pass: [{ title: "storageEncrypted true", env: D, resources: [C.rds(D)] }],
        fail: [
            { title: "storageEncrypted false", env: D, resources: [withInputs(C.rds(D), { storageEncrypted: false })], match: /storageEncrypted is false; it must be true/ },
            { title: "storageEncrypted missing", env: P, resources: [withInputs(C.rds(P), { storageEncrypted: undefined })], match: /'db'.*storageEncrypted is not set/ },
        ],
    },
    "rds-not-publicly-accessible": {
        pass: [
            { title: "publiclyAccessible false", env: P, resources: [C.rds(P)] },
            { title: "publiclyAccessible unset", env: D, resources: [withInputs(C.rds(D), { publiclyAccessible: undefined })] },
        ],
        fail: [{ title: "publiclyAccessible true", env: D, resources: [withInputs(C.rds(D), { publiclyAccessible: true })], match: /publiclyAccessible is true/ }],
    },
    "rds-backup-retention": {
        pass: [
            { title: "14 days in production", env: P, resources: [C.rds(P)] },
            { title: "unset counts as 1 day, enough for dev", env: D, resources: [withInputs(C.rds(D), { backupRetentionPeriod: undefined })] },
            { title: "configured minimum", env: P, resources: [withInputs(C.rds(P), { backupRetentionPeriod: 2 })], config: { minimumDays: { production: 2 } } },
            { title: "environments left out of the config keep their default", env: D, resources: [withInputs(C.rds(D), { backupRetentionPeriod: 1 })], config: { minimumDays: { production: 30 } } },
        ],
        fail: [
            { title: "3 days in production", env: P, resources: [withInputs(C.rds(P), { backupRetentionPeriod: 3 })], match: /backupRetentionPeriod is 3; production requires at least 7 days/ },
            { title: "unset in staging", env: S, resources: [withInputs(C.rds(S), { backupRetentionPeriod: undefined })], match: /not set \(AWS default 1 day\); staging requires at least 3/ },
            { title: "0 in dev", env: D, resources: [withInputs(C.rds(D), { backupRetentionPeriod: 0 })], match: /dev requires at least 1/ },
            { title: "configured production minimum", env: P, resources: [C.rds(P)], config: { minimumDays: { production: 30 } }, match: /backupRetentionPeriod is 14; production requires at least 30 days/ },
        ],
    },
    "rds-deletion-protection": {
        pass: [{ title: "enabled in production", env: P, resources: [C.rds(P)] }],
        fail: [
            { title: "disabled in production", env: P, resources: [withInputs(C.rds(P), { deletionProtection: false })], match: /deletionProtection is false; it must be true in production/ },
            { title: "unset in staging (advisory)", env: S, resources: [withInputs(C.rds(S), { deletionProtection: undefined })], match: /not set/ },
        ],
    },
    "rds-final-snapshot": {
        pass: [{ title: "identifier set, skip false", env: P, resources: [C.rds(P)] }],
        fail: [
            { title: "skipFinalSnapshot true", env: P, resources: [withInputs(C.rds(P), { skipFinalSnapshot: true })], match: /skipFinalSnapshot is true; it must be false/ },
            { title: "no identifier", env: P, resources: [withInputs(C.rds(P), { finalSnapshotIdentifier: undefined })], match: /finalSnapshotIdentifier is not set/ },
            { title: "both wrong", env: P, resources: [withInputs(C.rds(P), { finalSnapshotIdentifier: "", skipFinalSnapshot: "true" })], violations: 2 },
        ],
    },
    "rds-multi-az": {
        pass: [{ title: "multiAz true", env: P, resources: [C.rds(P)] }],
        fail: [{ title: "multiAz false in production", env: P, resources: [withInputs(C.rds(P), { multiAz: false })], match: /multiAz is false; it must be true in production/ }],
    },
    "rds-master-password-managed": {
        pass: [
            { title: "managed by Secrets Manager", env: P, resources: [C.rds(P)] },
            { title: "restored from snapshot", env: S, resources: [withInputs(C.rds(S), { manageMasterUserPassword: undefined, snapshotIdentifier: "snap-1" })] },
        ],
        fail: [
            { title: "secret password input", env: P, resources: [withInputs(C.rds(P), { password: "[secret]", manageMasterUserPassword: undefined })], violations: 2, match: /password is set \(value hidden\)|manageMasterUserPassword is not set/ },
            { title: "manageMasterUserPassword false", env: S, resources: [withInputs(C.rds(S), { manageMasterUserPassword: false })], match: /manageMasterUserPassword is false; it must be true/ },
        ],
    },
    "rds-postgres-force-ssl": {
        pass: [
            { title: "rds.force_ssl 1", env: D, resources: [C.parameterGroup(D)] },
            { title: "mysql family not checked", env: D, resources: [withInputs(C.parameterGroup(D), { family: "mysql8.0", parameters: [] })] },
        ],
        fail: [
            { title: "rds.force_ssl 0", env: D, resources: [withInputs(C.parameterGroup(D), { parameters: [{ name: "rds.force_ssl", value: "0" }] })], match: /rds.force_ssl is '0'; it must be '1'/ },
            { title: "no parameters", env: P, resources: [withInputs(C.parameterGroup(P), { parameters: undefined })], match: /rds.force_ssl is not set/ },
        ],
    },
    "elasticache-encryption-at-rest": {
        pass: [{ title: "enabled", env: D, resources: [C.redis(D)] }],
        fail: [{ title: "disabled", env: D, resources: [withInputs(C.redis(D), { atRestEncryptionEnabled: false })], match: /atRestEncryptionEnabled is false/ }],
    },
    "elasticache-encryption-in-transit": {
        pass: [
            { title: "TLS and auth token", env: D, resources: [C.redis(D)] },
            { title: "TLS and RBAC user group", env: D, resources: [withInputs(C.redis(D), { authToken: undefined, userGroupIds: ["agents"] })] },
        ],
        fail: [
            { title: "TLS off", env: D, resources: [withInputs(C.redis(D), { transitEncryptionEnabled: false })], match: /transitEncryptionEnabled is false/ },
            { title: "no auth", env: P, resources: [withInputs(C.redis(P), { authToken: undefined })], match: /neither authToken nor userGroupIds/ },
        ],
    },
    "elasticache-high-availability": {
        pass: [
            { title: "failover, multi-AZ, 2 nodes", env: P, resources: [C.redis(P)] },
            { title: "cluster mode with replicas", env: P, resources: [withInputs(C.redis(P), { numCacheClusters: undefined, replicasPerNodeGroup: 1, numNodeGroups: 2 })] },
        ],
        fail: [
            { title: "single node", env: P, resources: [withInputs(C.redis(P), { numCacheClusters: 1 })], match: /numCacheClusters is 1; production needs at least 2/ },
            { title: "dev-shaped cache in production", env: P, resources: [withInputs(C.redis(D), { tags: undefined })], violations: 3 },
        ],
    },
    "elasticache-snapshot-retention": {
        pass: [{ title: "7 snapshots in production", env: P, resources: [C.redis(P)] }],
        fail: [{ title: "unset in production", env: P, resources: [withInputs(C.redis(P), { snapshotRetentionLimit: undefined })], match: /not set \(no snapshots\); production requires at least 7/ }],
    },
    "ebs-encrypted": {
        pass: [
            { title: "encrypted volume", env: D, resources: [C.ebsVolume(D)] },
            { title: "launch template with encrypted root (string 'true')", env: D, resources: [C.launchTemplate(D)] },
            { title: "launch template without EBS mappings", env: D, resources: [withInputs(C.launchTemplate(D), { blockDeviceMappings: [{ deviceName: "/dev/sdb", virtualName: "ephemeral0" }] })] },
        ],
        fail: [
            { title: "unencrypted volume", env: D, resources: [withInputs(C.ebsVolume(D), { encrypted: false })], match: /encrypted is false/ },
            { title: "launch template block device unencrypted", env: P, resources: [withInputs(C.launchTemplate(P), { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50 } }] })], match: /blockDeviceMappings\[0\] \(\/dev\/xvda\).ebs.encrypted is not set/ },
        ],
    },
    "s3-bucket-encryption": {
        pass: [
            { title: "SSE config depends on bucket", env: P, resources: [bucket, C.bucketSse(bucket)] },
            { title: "SSE config names the bucket", env: P, resources: [bucket, { ...C.bucketSse(bucket), dependencies: [], inputs: { ...C.bucketSse(bucket).inputs, bucket: "agent-artifacts-production" } }] },
            { title: "AES256", env: D, resources: [bucket, withInputs(C.bucketSse(bucket), { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })] },
        ],
        fail: [
            { title: "no SSE config", env: D, resources: [bucket], match: /'artifacts': no .*BucketServerSideEncryptionConfigurationV2 refers to this bucket/ },
            { title: "SSE config for another bucket", env: D, resources: [bucket, { ...C.bucketSse(C.bucket(P, "other")) }], match: /no .* refers to this bucket/ },
            { title: "unknown algorithm", env: D, resources: [bucket, withInputs(C.bucketSse(bucket), { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "none" } }] })], match: /sseAlgorithm is \["none"\]/ },
        ],
    },
    "s3-public-access-block": {
        pass: [{ title: "all four flags", env: P, resources: [bucket, C.bucketPab(bucket)] }],
        fail: [
            { title: "no public access block", env: P, resources: [bucket], match: /no .*BucketPublicAccessBlock refers to this bucket/ },
            { title: "one flag false", env: D, resources: [bucket, withInputs(C.bucketPab(bucket), { restrictPublicBuckets: false })], match: /restrictPublicBuckets is false; all four must be true/ },
        ],
    },
    "cloudwatch-logs-encrypted": {
        pass: [{ title: "kmsKeyId set", env: P, resources: [C.logGroup(P)] }],
        fail: [{ title: "no key", env: P, resources: [withInputs(C.logGroup(P), { kmsKeyId: undefined })], match: /kmsKeyId is not set/ }],
    },
    "cloudwatch-logs-retention": {
        pass: [
            { title: "365 days in production", env: P, resources: [C.logGroup(P)] },
            { title: "7 days in dev", env: D, resources: [C.logGroup(D)] },
        ],
        fail: [
            { title: "never expires", env: D, resources: [withInputs(C.logGroup(D), { retentionInDays: undefined })], match: /retentionInDays is not set \(logs never expire\)/ },
            { title: "30 days in production", env: P, resources: [withInputs(C.logGroup(P), { retentionInDays: 30 })], match: /retentionInDays is 30; production requires at least 90/ },
        ],
    },
    "kms-key-rotation": {
        pass: [
            { title: "rotation on", env: D, resources: [C.kmsKey(D)] },
            { title: "asymmetric key (rotation unsupported)", env: D, resources: [withInputs(C.kmsKey(D), { enableKeyRotation: undefined, customerMasterKeySpec: "RSA_2048" })] },
        ],
        fail: [{ title: "rotation off", env: D, resources: [withInputs(C.kmsKey(D), { enableKeyRotation: false })], match: /enableKeyRotation is false/ }],
    },
    // ----------------------------------------------------------------------------------- backup
    "backup-selects-every-stateful-resource": {
        pass: [
            { title: "production's database and buckets selected", env: P, resources: realResources(P) },
            { title: "dev selects its database", env: D, resources: realResources(D) },
        ],
        fail: [
            { title: "staging's Velero bucket outside the selection", env: S, resources: realResources(S, unselect("aws:s3/bucketV2:BucketV2", "-velero-bucket")), match: /'agent-platform-staging-velero-bucket'.*no aws:backup\/selection:Selection names it/ },
            { title: "production without AWS Backup", env: P, resources: realResources(P, withoutBackup), violations: 3 },
        ],
    },
    "backup-cross-region-copy": {
        pass: [{ title: "every rule copies to the second region's vault", env: P, resources: realResources(P) }],
        fail: [
            { title: "the copy provider in the home region", env: P, resources: realResources(P, edit("pulumi:providers:aws", "-backup-copy-provider", (r) => withInputs(r, { region: undefined }))), match: /reach no aws:backup\/vault:Vault in a region other than/ },
            { title: "a rule without a copy action", env: P, resources: realResources(P, edit("aws:backup/plan:Plan", "-backup-plan", (r) => withInputs(r, { rules: [{ ...r.inputs.rules[0], copyActions: undefined }, ...r.inputs.rules.slice(1)] }))), match: /rule 'daily' has no copyActions/ },
        ],
    },
    "backup-vault-lock": {
        pass: [{ title: "both vaults in compliance mode", env: P, resources: realResources(P) }],
        fail: [
            { title: "the copy vault unlocked", env: P, resources: realResources(P, drop("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "-backup-copy-vault-lock")), match: /'agent-platform-production-backup-copy-vault'.*no aws:backup\/vaultLockConfiguration/ },
            { title: "governance mode in production", env: P, resources: realResources(P, edit("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "-backup-vault-lock", (r) => withInputs(r, { changeableForDays: undefined }))), match: /governance mode; production uses compliance mode/ },
        ],
    },
    // ----------------------------------------------------------------------------------- network
    "no-public-ingress-to-data-ports": {
        pass: [
            { title: "from a security group", env: P, resources: [C.ingressRule(P, "db", 5432)] },
            { title: "HTTPS from anywhere", env: P, resources: [C.httpsIngress(P)] },
            { title: "private CIDR to postgres", env: P, resources: [sgIngress({ cidrIpv4: "10.0.0.0/16", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 })] },
        ],
        fail: [
            { title: "postgres from 0.0.0.0/0", env: D, resources: [sgIngress({ cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 })], match: /allows 0.0.0.0\/0 on ports 5432-5432 .* includes database\/cache port\(s\) 5432/ },
            { title: "all traffic from ::/0", env: D, resources: [sgIngress({ cidrIpv6: "::/0", ipProtocol: "-1" })], match: /::\/0.*5432, 3306/ },
            { title: "legacy rule with redis range", env: D, resources: [res("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { type: "ingress", cidrBlocks: ["0.0.0.0/0"], protocol: "tcp", fromPort: 6000, toPort: 7000, securityGroupId: "sg" })], match: /6379/ },
            { title: "inline ingress on a security group", env: P, resources: [withInputs(C.securityGroup(P, "db-sg"), { ingress: [{ cidrBlocks: ["0.0.0.0/0"], protocol: "tcp", fromPort: 6379, toPort: 6379 }] })], match: /ingress\[0\] allows 0.0.0.0\/0/ },
        ],
    },
    "no-public-ingress-to-admin-ports": {
        pass: [
            { title: "HTTPS from anywhere", env: P, resources: [C.httpsIngress(P)] },
            { title: "egress-type legacy rule", env: P, resources: [res("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { type: "egress", cidrBlocks: ["0.0.0.0/0"], protocol: "-1", fromPort: 0, toPort: 0 })] },
        ],
        fail: [{ title: "SSH from anywhere", env: P, resources: [sgIngress({ cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 22, toPort: 22 })], match: /port\(s\) 22;/ }],
    },
    "default-security-group-closed": {
        pass: [{ title: "no rules", env: P, resources: [C.defaultSecurityGroup(P, vpc)] }],
        fail: [{ title: "allow-all egress kept", env: P, resources: [withInputs(C.defaultSecurityGroup(P, vpc), { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] })], match: /egress has 1 rule\(s\); it must be empty/ }],
    },
    "vpc-flow-logs-enabled": {
        pass: [{ title: "flow log depends on the VPC", env: P, resources: [vpc, C.flowLog(P, vpc)] }],
        fail: [
            { title: "no flow log", env: P, resources: [vpc], match: /'vpc': no aws:ec2\/flowLog:FlowLog refers to this VPC/ },
            { title: "REJECT only", env: S, resources: [vpc, withInputs(C.flowLog(S, vpc), { trafficType: "REJECT" })], match: /trafficType \["REJECT"\]; at least one must capture ALL/ },
        ],
    },
    "ec2-imdsv2-required": {
        pass: [
            { title: "httpTokens required", env: P, resources: [C.launchTemplate(P)] },
            { title: "node group with launch template", env: P, resources: [C.nodeGroup(P, [privA])] },
            { title: "IMDS disabled", env: D, resources: [withInputs(C.launchTemplate(D), { metadataOptions: { httpEndpoint: "disabled" } })] },
        ],
        fail: [
            { title: "httpTokens optional", env: D, resources: [withInputs(C.launchTemplate(D), { metadataOptions: { httpTokens: "optional" } })], match: /httpTokens is 'optional'; it must be 'required'/ },
            { title: "no metadataOptions", env: P, resources: [withInputs(C.launchTemplate(P), { metadataOptions: undefined })], match: /httpTokens is not set/ },
            { title: "hop limit 3", env: P, resources: [withInputs(C.launchTemplate(P), { metadataOptions: { httpPutResponseHopLimit: 3 } })], match: /httpPutResponseHopLimit is 3/ },
            { title: "node group without launch template", env: P, resources: [withInputs(C.nodeGroup(P, [privA]), { launchTemplate: undefined })], match: /launchTemplate is not set/ },
        ],
    },
    "no-public-node-ips": {
        pass: [{ title: "private subnets, no public IP", env: P, resources: [privA, pubA, C.launchTemplate(P), C.nodeGroup(P, [privA])] }],
        fail: [
            { title: "node group in a public subnet", env: P, resources: [privA, pubA, C.nodeGroup(P, [privA, pubA])], match: /subnetIds include public subnet 'public-a'/ },
            { title: "public IP on the launch template", env: D, resources: [withInputs(C.launchTemplate(D), { networkInterfaces: [{ associatePublicIpAddress: "true" }] })], match: /associatePublicIpAddress is 'true'/ },
        ],
    },
    // ----------------------------------------------------------------------------------- EKS and IAM
    "eks-secrets-encryption": {
        pass: [
            { title: "secrets with key", env: P, resources: [C.cluster(P)] },
            { title: "array-shaped encryptionConfig", env: P, resources: [withInputs(C.cluster(P), { encryptionConfig: [{ resources: ["secrets"], provider: { keyArn: "arn:key" } }] })] },
        ],
        fail: [
            { title: "no encryptionConfig", env: D, resources: [withInputs(C.cluster(D), { encryptionConfig: undefined })], match: /encryptionConfig is not set; it must list resources \["secrets"\]/ },
            { title: "no key ARN", env: D, resources: [withInputs(C.cluster(D), { encryptionConfig: { resources: ["secrets"], provider: { keyArn: undefined } } })], match: /provider.keyArn set to a KMS key/ },
        ],
    },
    "eks-control-plane-logging": {
        pass: [
            { title: "api, audit, authenticator", env: P, resources: [C.cluster(P)] },
            { title: "configured requirement", env: P, resources: [withInputs(C.cluster(P), { enabledClusterLogTypes: ["audit"] })], config: { requiredLogTypes: ["audit"] } },
        ],
        fail: [
            { title: "no logs", env: P, resources: [withInputs(C.cluster(P), { enabledClusterLogTypes: undefined })], match: /it must include audit, authenticator/ },
            { title: "api only", env: S, resources: [withInputs(C.cluster(S), { enabledClusterLogTypes: ["api"] })], match: /\["api"\]; it must include audit, authenticator/ },
        ],
    },
    "eks-endpoint-restricted": {
        pass: [
            { title: "public restricted to CIDR", env: P, resources: [C.cluster(P)] },
            { title: "private only", env: P, resources: [withInputs(C.cluster(P), { vpcConfig: { endpointPublicAccess: false, publicAccessCidrs: undefined } })] },
        ],
        fail: [
            { title: "public defaults", env: D, resources: [withInputs(C.cluster(D), { vpcConfig: { endpointPublicAccess: undefined, publicAccessCidrs: undefined } })], match: /not set \(default true\).*not set \(default 0.0.0.0\/0\)/ },
            { title: "0.0.0.0/0 allowed", env: P, resources: [withInputs(C.cluster(P), { vpcConfig: { publicAccessCidrs: ["0.0.0.0/0"] } })], match: /publicAccessCidrs \["0.0.0.0\/0"\]/ },
            { title: "private access off", env: P, resources: [withInputs(C.cluster(P), { vpcConfig: { endpointPrivateAccess: false } })], match: /endpointPrivateAccess is false/ },
        ],
    },
    "eks-access-entries": {
        pass: [
            { title: "API", env: P, resources: [C.cluster(P)] },
            { title: "API_AND_CONFIG_MAP", env: S, resources: [withInputs(C.cluster(S), { accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" } })] },
        ],
        fail: [
            { title: "not set", env: P, resources: [withInputs(C.cluster(P), { accessConfig: undefined })], match: /not set \(default CONFIG_MAP\)/ },
            { title: "CONFIG_MAP", env: S, resources: [withInputs(C.cluster(S), { accessConfig: { authenticationMode: "CONFIG_MAP" } })], match: /'CONFIG_MAP'/ },
        ],
    },
    "iam-no-wildcard-admin": {
        pass: [
            { title: "scoped role policy", env: P, resources: [C.rolePolicy()] },
            { title: "IRSA role", env: P, resources: [C.role(P)] },
            { title: "wildcard action on a specific resource", env: D, resources: [withInputs(C.rolePolicy(), { policy: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::agent/*" }] } })] },
        ],
        fail: [
            { title: "Action * Resource * (JSON text)", env: D, resources: [withInputs(C.rolePolicy(), { policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } }) })], match: /policy allows Action '\*' on Resource "\*"/ },
            { title: "AdministratorAccess attached", env: P, resources: [withInputs(C.role(P), { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })], match: /AdministratorAccess/ },
            { title: "trust policy open to everyone", env: P, resources: [withInputs(C.role(P), { assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] } })], match: /assumeRolePolicy allows Principal/ },
            { title: "inline admin policy", env: P, resources: [withInputs(C.role(P), { inlinePolicies: [{ name: "x", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["iam:*"], Resource: ["*"] }] }) }] })], match: /inlinePolicies\[0\].policy allows/ },
        ],
    },
    // ----------------------------------------------------------------------------------- Kubernetes
    "k8s-resources-requests-limits": {
        pass: [
            { title: "requests and limits", env: P, resources: [deployment()] },
            { title: "cpu limit waived by config", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { resources: { limits: { cpu: undefined } } })]))], config: { requireCpuLimit: false } },
        ],
        fail: [
            { title: "no resources", env: D, resources: [deployment("a", "agents", 2, podSpec([container("a", { resources: undefined })]))], match: /container 'a' has no resources.requests.cpu, resources.requests.memory, resources.limits.memory, resources.limits.cpu/ },
            { title: "init container without limits", env: P, resources: [workload("kubernetes:batch/v1:Job", "migrate", podSpec([container("m")], { initContainers: [container("wait", { resources: { limits: undefined } })] }))], match: /init container 'wait' has no resources.limits.memory, resources.limits.cpu/ },
        ],
    },
    "k8s-probes": {
        pass: [
            { title: "both probes", env: P, resources: [deployment()] },
            { title: "jobs need no probes", env: P, resources: [workload("kubernetes:batch/v1:Job", "migrate", podSpec([container("m", { livenessProbe: undefined, readinessProbe: undefined })]))] },
        ],
        fail: [
            { title: "no readiness probe", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { readinessProbe: undefined })]))], match: /container 'a' has no readinessProbe; define both/ },
            { title: "statefulset without probes", env: S, resources: [workload("kubernetes:apps/v1:StatefulSet", "s", podSpec([container("s", { livenessProbe: undefined, readinessProbe: undefined })]))], match: /no livenessProbe and no readinessProbe/ },
        ],
    },
    "k8s-run-as-non-root": {
        pass: [
            { title: "pod-level runAsNonRoot", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { runAsNonRoot: undefined } })]))] },
            { title: "container-level runAsNonRoot", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a")], { securityContext: { runAsNonRoot: undefined } }))] },
        ],
        fail: [
            { title: "nowhere set", env: D, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { runAsNonRoot: undefined } })], { securityContext: { runAsNonRoot: undefined } }))], match: /runAsNonRoot not set/ },
            { title: "container overrides to false", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { runAsNonRoot: false } })]))], match: /runAsNonRoot false/ },
            { title: "runAsUser 0", env: P, resources: [workload("kubernetes:batch/v1:CronJob", "c", podSpec([container("c", { securityContext: { runAsUser: 0 } })]))], match: /runAsUser 0/ },
        ],
    },
    "k8s-read-only-root-filesystem": {
        pass: [{ title: "read-only", env: P, resources: [deployment()] }],
        fail: [{ title: "writable", env: D, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { readOnlyRootFilesystem: false } })]))], match: /readOnlyRootFilesystem false; it must be true/ }],
    },
    "k8s-no-privilege-escalation": {
        pass: [{ title: "escalation off", env: P, resources: [deployment()] }],
        fail: [
            { title: "not set", env: D, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { allowPrivilegeEscalation: undefined } })]))], match: /allowPrivilegeEscalation not set; it must be false/ },
            { title: "privileged pod", env: P, resources: [workload("kubernetes:core/v1:Pod", "p", podSpec([container("p", { securityContext: { privileged: true } })]))], match: /privileged true/ },
        ],
    },
    "k8s-drop-all-capabilities": {
        pass: [
            { title: "drop ALL", env: P, resources: [deployment()] },
            { title: "drop ALL, add NET_BIND_SERVICE", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } })]))] },
        ],
        fail: [
            { title: "nothing dropped", env: D, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { capabilities: undefined } })]))], match: /capabilities.drop not set; it must include "ALL"/ },
            { title: "adds NET_ADMIN", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { securityContext: { capabilities: { drop: ["ALL"], add: ["NET_ADMIN"] } } })]))], match: /adds capabilities NET_ADMIN; allowed: NET_BIND_SERVICE/ },
        ],
    },
    "k8s-no-host-namespaces": {
        pass: [{ title: "isolated pod", env: P, resources: [deployment()] }],
        fail: [
            { title: "hostNetwork", env: D, resources: [workload("kubernetes:apps/v1:DaemonSet", "ds", podSpec([container("d")], { hostNetwork: true }))], match: /hostNetwork is true/ },
            { title: "hostPath volume", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a")], { volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] }))], match: /volume 'docker' is a hostPath volume \('\/var\/run\/docker.sock'\)/ },
        ],
    },
    "k8s-image-pinned": {
        pass: [
            { title: "version tag on a registry with a port", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { image: "registry.local:5000/agent:2.0.1" })]))] },
            { title: "digest", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { image: "ghcr.io/x/agent@sha256:" + "a".repeat(64) })]))] },
        ],
        fail: [
            { title: "latest", env: D, resources: [deployment("a", "agents", 2, podSpec([container("a", { image: "agent:latest" })]))], match: /uses image 'agent:latest' \(tag 'latest'\)/ },
            { title: "untagged behind a registry port", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { image: "registry.local:5000/agent" })]))], match: /no tag, i.e. latest/ },
            { title: "no image", env: P, resources: [deployment("a", "agents", 2, podSpec([container("a", { image: undefined })]))], match: /has image not set/ },
        ],
    },
    "k8s-namespace-pod-security": {
        pass: [
            { title: "restricted application namespace", env: P, resources: [appNamespace()] },
            { title: "privileged monitoring namespace", env: P, resources: [namespace("monitoring", { "pod-security.kubernetes.io/enforce": "privileged" })] },
            { title: "baseline system namespace", env: P, resources: [namespace("ingress", { "pod-security.kubernetes.io/enforce": "baseline" })] },
        ],
        fail: [
            { title: "no label", env: D, resources: [namespace("agents", {})], match: /label pod-security.kubernetes.io\/enforce is not set/ },
            { title: "application namespace at baseline", env: P, resources: [namespace("agents", { "app.kubernetes.io/part-of": "agent-platform", "pod-security.kubernetes.io/enforce": "baseline" })], match: /application namespace 'agents' .* enforces 'baseline'; it must enforce 'restricted'/ },
            { title: "privileged elsewhere", env: P, resources: [namespace("tools", { "pod-security.kubernetes.io/enforce": "privileged" })], match: /namespace 'tools' enforces 'privileged'; only kube-system, monitoring may/ },
        ],
    },
    "k8s-pdb-for-replicated-deployments": {
        pass: [
            { title: "2 replicas with PDB", env: P, resources: [deployment(), pdb()] },
            { title: "single replica needs none", env: P, resources: [deployment("a", "agents", 1)] },
            { title: "HPA min 1 overrides replicas", env: P, resources: [deployment("a", "agents", 3), hpa("a", 1)] },
        ],
        fail: [
            { title: "3 replicas, no PDB", env: P, resources: [deployment("a", "agents", 3)], match: /Deployment 'agents\/a' runs 3 replicas but no PodDisruptionBudget/ },
            { title: "PDB in another namespace", env: S, resources: [deployment(), pdb("agent", "other")], match: /no PodDisruptionBudget in 'agents'/ },
            { title: "HPA min 2 on a 1-replica deployment", env: P, resources: [deployment("a", "agents", 1), hpa("a", 2)], match: /runs 2 replicas/ },
            { title: "PDB that blocks drains", env: P, resources: [deployment("agent", "agents", 2), pdb("agent", "agents", { minAvailable: 2 })], match: /allows no disruption of Deployment 'agents\/agent'/ },
        ],
    },
    "k8s-network-policy-per-namespace": {
        pass: [
            { title: "namespace with NetworkPolicy", env: P, resources: [appNamespace(), deployment(), networkPolicy()] },
            { title: "system namespace exempt", env: P, resources: [namespace("monitoring", { "pod-security.kubernetes.io/enforce": "privileged" }), deployment("grafana", "monitoring")] },
            { title: "application namespace without workloads", env: P, resources: [appNamespace("empty")] },
        ],
        fail: [
            { title: "no NetworkPolicy", env: D, resources: [appNamespace(), deployment()], match: /application namespace 'agents' holds Deployment\(s\) but no NetworkPolicy/ },
            { title: "NetworkPolicy in another namespace", env: P, resources: [appNamespace(), deployment(), networkPolicy("default-deny", "other")] },
        ],
    },
    // ----------------------------------------------------------------------------------- delivery
    "production-release-with-analysis": {
        pass: [
            { title: "canary Rollout with a decided analysis", env: P, resources: [appNamespace(), deployment(), rollout(), analysisTemplate()] },
            { title: "the real production plan: the agent's canary Rollout and its analysis", env: P, resources: realPlan(P).resources },
            { title: "blue-green with post-promotion analysis", env: P, resources: [appNamespace(), deployment(), analysisTemplate(),
                withInputs(rollout("agent", "agents", null), { spec: { workloadRef: { kind: "Deployment", name: "agent" }, strategy: { blueGreen: { activeService: "a", postPromotionAnalysis: { templates: [{ templateName: "agent-slo" }] } } } } })] },
            { title: "a Deployment outside application namespaces", env: P, resources: [namespace("monitoring", { "pod-security.kubernetes.io/enforce": "privileged" }), deployment("grafana", "monitoring")] },
        ],
        fail: [
            { title: "rolling update in production", env: P, resources: [appNamespace(), deployment()], match: /Deployment 'agents\/agent' is released by its own rolling update; production releases only through an Argo Rollout with analysis/ },
            { title: "Rollout without analysis", env: P, resources: [appNamespace(), deployment(), rollout("agent", "agents", null)], match: /Rollout 'agents\/agent' runs no analysis/ },
            { title: "analysis template missing", env: P, resources: [appNamespace(), deployment(), rollout()], match: /AnalysisTemplate 'agents\/agent-slo' it runs is not in the stack/ },
            { title: "metric without a condition ends inconclusive", env: P, resources: [appNamespace(), deployment(), rollout(), analysisTemplate("agent-slo", "agents", {})], match: /metrics without a success or failure condition \(error-ratio\)/ },
            { title: "Rollout of another Deployment", env: P, resources: [appNamespace(), deployment(), rollout("other"), analysisTemplate()], match: /released by its own rolling update/ },
            { title: "the real production plan without its Rollout", env: P, resources: realProductionWithout("kubernetes:argoproj.io/v1alpha1:Rollout"), match: /Deployment 'agent\/agent' is released by its own rolling update/ },
            { title: "the real production plan without its AnalysisTemplate", env: P, resources: realProductionWithout("kubernetes:argoproj.io/v1alpha1:AnalysisTemplate"), match: /AnalysisTemplate 'agent\/agent-[a-z-]+' it runs is not in the stack/ },
        ],
    },
    // ----------------------------------------------------------------------------------- lifecycle
    "production-stateful-protected": {
        pass: [
            { title: "protected", env: P, resources: [C.rds(P), C.redis(P), C.cluster(P), C.kmsKey(P), C.bucket(P)] },
            { title: "retainOnDelete", env: P, resources: [withOptions(C.rds(P), { protect: false, retainOnDelete: true })] },
            { title: "stateless resources need no protection", env: P, resources: [C.vpc(P), C.launchTemplate(P)] },
        ],
        fail: [
            { title: "unprotected database", env: P, resources: [withOptions(C.rds(P), { protect: false })], match: /protect is false and retainOnDelete is false; set protect\(true\) in production/ },
            { title: "five unprotected stateful resources", env: P, resources: [C.rds(D), C.redis(D), C.cluster(D), C.kmsKey(D), C.bucket(D)], violations: 5 },
        ],
    },
    "ephemeral-stack-destroyable": {
        pass: [
            { title: "dev database", env: D, resources: [C.rds(D), C.loadBalancer(D)] },
            { title: "ephemeral platform pieces", env: E, resources: [C.kmsKey(E), C.bucket(E), C.cluster(E)] },
        ],
        fail: [
            { title: "protected resource in ephemeral", env: E, resources: [withOptions(C.vpc(E), { protect: true })], match: /protect is true; ephemeral stacks must not protect/ },
            { title: "production-shaped database in dev", env: D, resources: [withOptions(C.rds(P), { protect: false })], violations: 2, match: /deletionProtection is true|skipFinalSnapshot is false/ },
            { title: "retained bucket", env: D, resources: [withOptions(C.bucket(D), { retainOnDelete: true })], match: /retainOnDelete is true/ },
            { title: "LB deletion protection", env: E, resources: [withInputs(C.loadBalancer(E), { enableDeletionProtection: true })], match: /enableDeletionProtection is true/ },
        ],
    },
    // ----------------------------------------------------------------------------------- tags and cost
    "required-tags": {
        pass: [
            { title: "all four tags", env: P, resources: [C.vpc(P), C.rds(P)] },
            { title: "tags from provider defaultTags (JSON text)", env: D, resources: [
                res("pulumi:providers:aws", "aws", { region: "eu-west-1", defaultTags: JSON.stringify({ tags: { project: "agent-platform", environment: "dev", "managed-by": "pulumi" } }) }),
                { ...withInputs(C.vpc(D), { tags: { project: undefined, environment: undefined, "managed-by": undefined } }), provider: "urn:pulumi:test::agent-platform::pulumi:providers:aws::aws::0123" },
            ] },
            { title: "untaggable type ignored", env: P, resources: [C.rolePolicy()] },
        ],
        fail: [
            { title: "no tags at all", env: P, resources: [withInputs(C.vpc(P), { tags: undefined })], match: /tags is not set, so it lacks project, environment, component, managed-by/ },
            { title: "component missing", env: D, resources: [withInputs(C.kmsKey(D), { tags: { component: undefined } })], match: /lack component; required/ },
            { title: "environment tag of another environment", env: S, resources: [C.rds(D)], match: /tags.environment is 'dev'; it must be 'staging'/ },
        ],
    },
    "allowed-instance-families": {
        pass: [
            { title: "m7i nodes and r7g database in production", env: P, resources: [C.nodeGroup(P, [privA]), C.rds(P), C.redis(P)] },
            { title: "burstable in dev", env: D, resources: [C.nodeGroup(D, [privA]), C.rds(D), C.redis(D)] },
            { title: "configured families", env: P, resources: [withInputs(C.rds(P), { instanceClass: "db.x2g.large" })], config: { allowedFamilies: { production: ["x2g"] } } },
        ],
        fail: [
            { title: "t3 nodes in production", env: P, resources: [C.nodeGroup(D, [privA])], match: /instanceTypes\[0\] is 't3.large' \(family t3\); allowed in production: m6i/ },
            { title: "burstable database in production", env: P, resources: [withInputs(C.rds(P), { instanceClass: "db.t4g.large" })], match: /instanceClass is 'db.t4g.large' \(family t4g\)/ },
            { title: "burstable cache in production", env: P, resources: [withInputs(C.redis(P), { nodeType: "cache.t4g.small" })], match: /nodeType/ },
            { title: "no instance types means EKS default t3.medium", env: P, resources: [withInputs(C.nodeGroup(P, [privA]), { instanceTypes: undefined, launchTemplate: undefined })], match: /EKS default/ },
            { title: "GPU family in dev", env: D, resources: [withInputs(C.launchTemplate(D), { instanceType: "p5.48xlarge" })], match: /family p5\); allowed in dev/ },
        ],
    },
    "single-nat-gateway-outside-production": {
        pass: [
            { title: "one NAT in dev", env: D, resources: [C.natGateway(D, "nat-0", pubA)] },
            { title: "one NAT in staging", env: S, resources: [C.natGateway(S, "nat-0", pubA)] },
        ],
        fail: [
            { title: "three NATs in dev", env: D, resources: [0, 1, 2].map((i) => C.natGateway(D, `nat-${i}`, pubA)), violations: 2, match: /declares 3 NAT gateways \(nat-0, nat-1, nat-2\); at most 1/ },
            { title: "two NATs in staging", env: S, resources: [0, 1].map((i) => C.natGateway(S, `nat-${i}`, pubA)) },
        ],
    },
    "ebs-gp3": {
        pass: [
            { title: "gp3 volume", env: P, resources: [C.ebsVolume(P)] },
            { title: "gp3 launch template", env: P, resources: [C.launchTemplate(P)] },
        ],
        fail: [
            { title: "gp2 volume", env: D, resources: [withInputs(C.ebsVolume(D), { type: "gp2" })], match: /type is 'gp2'; use 'gp3'/ },
            { title: "standard in launch template", env: P, resources: [withInputs(C.launchTemplate(P), { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true, volumeType: "standard" } }] })], match: /volumeType is 'standard'/ },
        ],
    },
    // ----------------------------------------------------------------------------------- Karpenter
    "karpenter-nodeclass-imdsv2": {
        pass: [{ title: "IMDSv2 required, hop limit 1", env: P, resources: [K.nodeClass(P)] }],
        fail: [
            { title: "tokens optional", env: D, resources: [withInputs(K.nodeClass(D), { spec: { metadataOptions: { httpTokens: "optional" } } })], match: /httpTokens is 'optional'; it must be 'required'/ },
            { title: "hop limit 2", env: P, resources: [withInputs(K.nodeClass(P), { spec: { metadataOptions: { httpPutResponseHopLimit: 2 } } })], match: /httpPutResponseHopLimit is 2; it must be 1/ },
            { title: "no metadata options (Karpenter's defaults)", env: S, resources: [withInputs(K.nodeClass(S), { spec: { metadataOptions: undefined } })], match: /metadataOptions is not set/ },
        ],
    },
    "karpenter-nodeclass-encrypted-volumes": {
        pass: [{ title: "encrypted root volume", env: P, resources: [K.nodeClass(P)] }],
        fail: [
            { title: "root volume not encrypted", env: D, resources: [withInputs(K.nodeClass(D), { spec: { blockDeviceMappings: [{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeType: "gp3", encrypted: false } }] } })], match: /blockDeviceMappings\[0\] \('\/dev\/xvda'\) has ebs.encrypted false; it must be true/ },
            { title: "no block devices declared", env: P, resources: [withInputs(K.nodeClass(P), { spec: { blockDeviceMappings: undefined } })], match: /blockDeviceMappings is not set/ },
            { title: "no mapping marked as root", env: S, resources: [withInputs(K.nodeClass(S), { spec: { blockDeviceMappings: [{ deviceName: "/dev/xvdb", ebs: { encrypted: true } }] } })], match: /no block device mapping has rootVolume true/ },
        ],
    },
    "karpenter-nodepool-limits": {
        pass: [{ title: "cpu and memory limits", env: D, resources: [K.nodePool(D)] }],
        fail: [
            { title: "no limits", env: D, resources: [withInputs(K.nodePool(D), { spec: { limits: undefined } })], match: /spec.limits.cpu and spec.limits.memory not set/ },
            { title: "memory limit missing", env: P, resources: [withInputs(K.nodePool(P), { spec: { limits: { memory: undefined } } })], match: /spec.limits.memory not set/ },
        ],
    },
    "karpenter-nodepool-disruption-budgets": {
        pass: [
            { title: "10 % plus none in working hours", env: P, resources: [K.nodePool(P)] },
            { title: "staging with the production budgets (advisory there)", env: S, resources: [K.nodePool(S)] },
        ],
        fail: [
            { title: "no budgets in production", env: P, resources: [withInputs(K.nodePool(P), { spec: { disruption: { budgets: undefined } } })], match: /budgets is not set/ },
            { title: "no scheduled budget in production", env: P, resources: [withInputs(K.nodePool(P), { spec: { disruption: { budgets: [{ nodes: "10%" }] } } })], match: /no disruption budget has a schedule and duration/ },
            { title: "only scheduled budgets", env: P, resources: [withInputs(K.nodePool(P), { spec: { disruption: { budgets: [{ nodes: "0", schedule: "0 7 * * mon-fri", duration: "11h" }] } } })], match: /every disruption budget has a schedule/ },
        ],
    },
};
