/** Data protection: encryption at rest and in transit, no public databases, backups, deletion safety. */
import { Environment, ENVIRONMENTS, Enforcement } from "../environment";
import { AgentPolicy, dependsOn, describe, ofType, resourcePolicy, stackPolicy } from "../policy";
import { arr, get, isSet, isTrue, num, obj, show } from "../util";

export const T = {
    rdsInstance: "aws:rds/instance:Instance",
    rdsParameterGroup: "aws:rds/parameterGroup:ParameterGroup",
    replicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
    ebsVolume: "aws:ebs/volume:Volume",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    bucket: "aws:s3/bucketV2:BucketV2",
    bucketSse: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    bucketPab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    kmsKey: "aws:kms/key:Key",
} as const;

/** A config property holding one number per environment. */
function perEnvironmentNumbers(description: string, defaults: Record<Environment, number>) {
    return {
        type: "object" as const,
        description,
        properties: Object.fromEntries(ENVIRONMENTS.map((e) => [e, { type: "integer" as const, minimum: 0 }])),
        default: defaults,
    };
}

/** The configured number for `env`; environments the config leaves out keep their default. */
function forEnv(config: Record<string, any>, key: string, env: Environment, defaults: Record<Environment, number>): number {
    return num(obj(config[key])?.[env]) ?? defaults[env];
}

const RDS_BACKUP_DAYS: Record<Environment, number> = { production: 7, staging: 3, dev: 1, ephemeral: 0, local: 0 };
const REDIS_SNAPSHOT_DAYS: Record<Environment, number> = { production: 7, staging: 1, dev: 0, ephemeral: 0, local: 0 };
const LOG_RETENTION_DAYS: Record<Environment, number> = { production: 90, staging: 30, dev: 1, ephemeral: 1, local: 1 };

export const dataProtectionPolicies: AgentPolicy[] = [
    resourcePolicy({
        name: "rds-storage-encrypted",
        description: "RDS instances must encrypt their storage.",
        rationale:
            "Unencrypted RDS storage, snapshots and read replicas expose conversation data and credentials to anyone with snapshot access; encryption can only be chosen at creation time.",
        category: "data-protection",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [T.rdsInstance],
        check: (r, report) => {
            if (!isTrue(r.props.storageEncrypted)) {
                report(`${r.subject}: storageEncrypted is ${show(r.props.storageEncrypted)}; it must be true (ideally with kmsKeyId set to a customer-managed key).`);
            }
        },
    }),
    resourcePolicy({
        name: "rds-not-publicly-accessible",
        description: "RDS instances must not be publicly accessible.",
        rationale: "A database with a public endpoint is one leaked password away from a breach; the platform reaches PostgreSQL only from inside the VPC.",
        category: "data-protection",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [T.rdsInstance],
        check: (r, report) => {
            if (isTrue(r.props.publiclyAccessible)) {
                report(`${r.subject}: publiclyAccessible is ${show(r.props.publiclyAccessible)}; it must be false or unset.`);
            }
        },
    }),
    resourcePolicy({
        name: "rds-backup-retention",
        description: "RDS instances must keep automated backups for the environment's minimum number of days.",
        rationale: "Point-in-time recovery is the only way back from a bad migration or accidental delete; AWS keeps just 1 day when the period is not set.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: { production: "mandatory", staging: "mandatory", dev: "advisory", ephemeral: "disabled", local: "disabled" },
        configSchema: {
            properties: {
                minimumDays: perEnvironmentNumbers("Minimum backupRetentionPeriod per environment.", RDS_BACKUP_DAYS),
            },
        },
        resourceTypes: [T.rdsInstance],
        check: (r, report) => {
            const min = forEnv(r.config, "minimumDays", r.env, RDS_BACKUP_DAYS);
            const raw = r.props.backupRetentionPeriod;
            // Not set: RDS applies its API default of 1 day.
            const days = num(raw) ?? 1;
            if (days < min) {
                report(`${r.subject}: backupRetentionPeriod is ${raw === undefined ? "not set (AWS default 1 day)" : show(raw)}; ${r.env} requires at least ${min} days.`);
            }
        },
    }),
    resourcePolicy({
        name: "rds-deletion-protection",
        scope: ["production", "staging"],
        description: "Production RDS instances must have deletion protection enabled.",
        rationale: "Deletion protection makes AWS refuse to delete the database, whatever the program or a console user does.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.productionOnly,
        resourceTypes: [T.rdsInstance],
        check: (r, report) => {
            if (!isTrue(r.props.deletionProtection)) {
                report(`${r.subject}: deletionProtection is ${show(r.props.deletionProtection)}; it must be true in ${r.env}.`);
            }
        },
    }),
    resourcePolicy({
        name: "rds-final-snapshot",
        scope: ["production", "staging"],
        description: "Production RDS instances must take a final snapshot when deleted.",
        rationale: "If the instance is ever deleted or replaced, the final snapshot is the last copy of the data.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.productionOnly,
        resourceTypes: [T.rdsInstance],
        check: (r, report) => {
            if (isTrue(r.props.skipFinalSnapshot)) {
                report(`${r.subject}: skipFinalSnapshot is ${show(r.props.skipFinalSnapshot)}; it must be false in ${r.env}.`);
            }
            if (!isSet(r.props.finalSnapshotIdentifier)) {
                report(`${r.subject}: finalSnapshotIdentifier is ${show(r.props.finalSnapshotIdentifier)}; set it so a final snapshot can be taken (without it AWS refuses the delete).`);
            }
        },
    }),
    resourcePolicy({
        name: "rds-multi-az",
        description: "Production RDS instances must be Multi-AZ.",
        rationale: "A single-AZ database turns an AZ outage or a maintenance reboot into downtime for every agent.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.productionOnly,
        resourceTypes: [T.rdsInstance],
        check: (r, report) => {
            if (!isTrue(r.props.multiAz)) {
                report(`${r.subject}: multiAz is ${show(r.props.multiAz)}; it must be true in ${r.env}.`);
            }
        },
    }),
    resourcePolicy({
        name: "rds-master-password-managed",
        description: "RDS master passwords must be managed by Secrets Manager, not passed in by the program.",
        rationale: "manageMasterUserPassword keeps the password out of Pulumi state and config and rotates it; a literal `password` input lives in state forever.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        resourceTypes: [T.rdsInstance],
        check: (r, report) => {
            if (isSet(r.props.password)) {
                report(`${r.subject}: password is set (value hidden); remove it and set manageMasterUserPassword to true.`);
            }
            if (!isTrue(r.props.manageMasterUserPassword) && !isSet(r.props.snapshotIdentifier) && !isSet(r.props.replicateSourceDb)) {
                report(`${r.subject}: manageMasterUserPassword is ${show(r.props.manageMasterUserPassword)}; it must be true.`);
            }
        },
    }),
    resourcePolicy({
        name: "rds-postgres-force-ssl",
        description: "PostgreSQL parameter groups must set rds.force_ssl = 1.",
        rationale: "Without rds.force_ssl clients may connect in plain text inside the VPC.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [T.rdsParameterGroup],
        check: (r, report) => {
            const family = r.props.family;
            if (typeof family === "string" && !family.toLowerCase().startsWith("postgres")) {
                return;
            }
            const p = arr(r.props.parameters).map((x) => obj(x) ?? {}).find((x) => x.name === "rds.force_ssl");
            if (!p || String(p.value) !== "1") {
                report(`${r.subject}: parameter rds.force_ssl is ${p ? show(p.value) : "not set"}; it must be '1'.`);
            }
        },
    }),
    resourcePolicy({
        name: "elasticache-encryption-at-rest",
        description: "ElastiCache replication groups must encrypt data at rest.",
        rationale: "Redis holds session state and cached model outputs; snapshots and swap are unencrypted otherwise. Only settable at creation.",
        category: "data-protection",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [T.replicationGroup],
        check: (r, report) => {
            if (!isTrue(r.props.atRestEncryptionEnabled)) {
                report(`${r.subject}: atRestEncryptionEnabled is ${show(r.props.atRestEncryptionEnabled)}; it must be true.`);
            }
        },
    }),
    resourcePolicy({
        name: "elasticache-encryption-in-transit",
        description: "ElastiCache replication groups must use TLS in transit and require an AUTH token.",
        rationale: "Plain-text Redis traffic and unauthenticated access let any workload in the VPC read or poison the cache.",
        category: "data-protection",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [T.replicationGroup],
        check: (r, report) => {
            if (!isTrue(r.props.transitEncryptionEnabled)) {
                report(`${r.subject}: transitEncryptionEnabled is ${show(r.props.transitEncryptionEnabled)}; it must be true.`);
            }
            if (!isSet(r.props.authToken) && !isSet(r.props.userGroupIds)) {
                report(`${r.subject}: neither authToken nor userGroupIds is set; Redis must require authentication.`);
            }
        },
    }),
    resourcePolicy({
        name: "elasticache-high-availability",
        description: "Production ElastiCache replication groups must fail over automatically across AZs.",
        rationale: "A single Redis node is a single point of failure for every agent session.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.productionOnly,
        resourceTypes: [T.replicationGroup],
        check: (r, report) => {
            if (!isTrue(r.props.automaticFailoverEnabled)) {
                report(`${r.subject}: automaticFailoverEnabled is ${show(r.props.automaticFailoverEnabled)}; it must be true in ${r.env}.`);
            }
            if (!isTrue(r.props.multiAzEnabled)) {
                report(`${r.subject}: multiAzEnabled is ${show(r.props.multiAzEnabled)}; it must be true in ${r.env}.`);
            }
            const clusters = num(r.props.numCacheClusters);
            const replicas = num(r.props.replicasPerNodeGroup);
            if (!((clusters !== undefined && clusters >= 2) || (replicas !== undefined && replicas >= 1))) {
                report(`${r.subject}: numCacheClusters is ${show(r.props.numCacheClusters)}; ${r.env} needs at least 2 nodes (or replicasPerNodeGroup >= 1).`);
            }
        },
    }),
    resourcePolicy({
        name: "elasticache-snapshot-retention",
        description: "ElastiCache replication groups must keep daily snapshots for the environment's minimum number of days.",
        rationale: "Without snapshots a failed or flushed Redis cannot be restored; AWS keeps none when the limit is not set.",
        category: "data-protection",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionOnly,
        configSchema: {
            properties: {
                minimumDays: perEnvironmentNumbers("Minimum snapshotRetentionLimit per environment.", REDIS_SNAPSHOT_DAYS),
            },
        },
        resourceTypes: [T.replicationGroup],
        check: (r, report) => {
            const min = forEnv(r.config, "minimumDays", r.env, REDIS_SNAPSHOT_DAYS);
            const raw = r.props.snapshotRetentionLimit;
            const days = num(raw) ?? 0;
            if (days < min) {
                report(`${r.subject}: snapshotRetentionLimit is ${raw === undefined ? "not set (no snapshots)" : show(raw)}; ${r.env} requires at least ${min}.`);
            }
        },
    }),
    resourcePolicy({
        name: "ebs-encrypted",
        description: "EBS volumes and launch-template block devices must be encrypted.",
        rationale: "Node root volumes hold container images, emptyDir data and logs; encryption at rest is free on current instance types.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [T.ebsVolume, T.launchTemplate],
        check: (r, report) => {
            if (r.type === T.ebsVolume) {
                if (!isTrue(r.props.encrypted)) {
                    report(`${r.subject}: encrypted is ${show(r.props.encrypted)}; it must be true.`);
                }
                return;
            }
            arr(r.props.blockDeviceMappings).forEach((m, i) => {
                const bdm = obj(m) ?? {};
                const ebs = obj(bdm.ebs);
                if (!ebs) return; // instance-store / no-device mappings carry no EBS volume
                if (!isTrue(ebs.encrypted)) {
                    report(`${r.subject}: blockDeviceMappings[${i}] (${bdm.deviceName ?? "no deviceName"}).ebs.encrypted is ${show(ebs.encrypted)}; it must be true.`);
                }
            });
        },
    }),
    stackPolicy({
        name: "s3-bucket-encryption",
        description: "Every S3 bucket must have an explicit server-side encryption configuration.",
        rationale: "An explicit SSE configuration (preferably aws:kms) documents and pins the encryption of stored artefacts instead of relying on account defaults.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (s, report) => {
            const configs = ofType(s.resources, T.bucketSse);
            for (const bucket of ofType(s.resources, T.bucket)) {
                const inline = arr(bucket.props.serverSideEncryptionConfigurations).length > 0;
                const matching = configs.filter((c) => linksToBucket(c, bucket));
                if (!inline && matching.length === 0) {
                    report(`${describe(bucket.type, bucket.name)}: no ${T.bucketSse} refers to this bucket (by its bucket input or a dependency); add one with sseAlgorithm aws:kms or AES256.`, bucket.urn);
                    continue;
                }
                for (const c of matching) {
                    const algorithms = arr(c.props.rules).map((rule) => get(rule, "applyServerSideEncryptionByDefault.sseAlgorithm"));
                    const bad = algorithms.filter((a) => !["aws:kms", "aws:kms:dsse", "AES256"].includes(a));
                    if (algorithms.length === 0 || bad.length > 0) {
                        report(`${describe(c.type, c.name)}: rules[].applyServerSideEncryptionByDefault.sseAlgorithm is ${show(algorithms.length ? algorithms : undefined)}; allowed: aws:kms, aws:kms:dsse, AES256.`, c.urn);
                    }
                }
            }
        },
    }),
    stackPolicy({
        name: "s3-public-access-block",
        description: "Every S3 bucket must have a public access block with all four settings true.",
        rationale: "The platform serves nothing publicly from S3; the block stops a stray ACL or bucket policy from exposing data.",
        category: "data-protection",
        severity: "critical",
        enforcementByEnvironment: Enforcement.everywhere,
        check: (s, report) => {
            const blocks = ofType(s.resources, T.bucketPab);
            const flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
            for (const bucket of ofType(s.resources, T.bucket)) {
                const matching = blocks.filter((b) => linksToBucket(b, bucket));
                if (matching.length === 0) {
                    report(`${describe(bucket.type, bucket.name)}: no ${T.bucketPab} refers to this bucket; add one with ${flags.join(", ")} all true.`, bucket.urn);
                    continue;
                }
                for (const b of matching) {
                    const off = flags.filter((f) => !isTrue(b.props[f]));
                    if (off.length > 0) {
                        report(`${describe(b.type, b.name)}: ${off.map((f) => `${f} is ${show(b.props[f])}`).join(", ")}; all four must be true.`, b.urn);
                    }
                }
            }
        },
    }),
    resourcePolicy({
        name: "cloudwatch-logs-encrypted",
        description: "CloudWatch log groups must be encrypted with a KMS key.",
        rationale: "EKS audit logs and application logs can contain tokens and prompts; a customer-managed key limits who can read them.",
        category: "data-protection",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        resourceTypes: [T.logGroup],
        check: (r, report) => {
            if (!isSet(r.props.kmsKeyId)) {
                report(`${r.subject}: kmsKeyId is ${show(r.props.kmsKeyId)}; set it to a KMS key ARN.`);
            }
        },
    }),
    resourcePolicy({
        name: "cloudwatch-logs-retention",
        description: "CloudWatch log groups must expire logs, keeping them at least the environment's minimum.",
        rationale: "Never-expiring log groups grow cost forever; production needs enough history for incident investigation.",
        category: "data-protection",
        severity: "medium",
        enforcementByEnvironment: Enforcement.productionAndStaging,
        configSchema: {
            properties: {
                minimumDays: perEnvironmentNumbers("Minimum retentionInDays per environment.", LOG_RETENTION_DAYS),
            },
        },
        resourceTypes: [T.logGroup],
        check: (r, report) => {
            const raw = r.props.retentionInDays;
            const days = num(raw);
            const min = forEnv(r.config, "minimumDays", r.env, LOG_RETENTION_DAYS);
            if (days === undefined || days === 0) {
                report(`${r.subject}: retentionInDays is ${show(raw)} (logs never expire); set it to at least ${min}.`);
            } else if (days < min) {
                report(`${r.subject}: retentionInDays is ${days}; ${r.env} requires at least ${min}.`);
            }
        },
    }),
    resourcePolicy({
        name: "kms-key-rotation",
        description: "Symmetric KMS keys must have automatic key rotation enabled.",
        rationale: "Rotation limits the data encrypted under one key version; it is free and transparent to callers.",
        category: "data-protection",
        severity: "medium",
        enforcementByEnvironment: Enforcement.everywhere,
        resourceTypes: [T.kmsKey],
        check: (r, report) => {
            const spec = r.props.customerMasterKeySpec ?? r.props.keySpec;
            if (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") {
                return; // AWS supports rotation for symmetric encryption keys only
            }
            if (!isTrue(r.props.enableKeyRotation)) {
                report(`${r.subject}: enableKeyRotation is ${show(r.props.enableKeyRotation)}; it must be true.`);
            }
        },
    }),
];

/**
 * True when a bucket-scoped resource (SSE config, public access block) refers to `bucket`: it depends on the
 * bucket, or its `bucket` input equals the bucket's `bucket` name input or the bucket's resource name.
 */
function linksToBucket(r: { props: Record<string, any>; dependencies: { urn: string }[] }, bucket: { urn: string; name: string; props: Record<string, any> }): boolean {
    if (dependsOn(r as any, bucket as any)) return true;
    const ref = r.props.bucket;
    if (typeof ref !== "string" || ref === "") return false;
    return ref === bucket.props.bucket || ref === bucket.name;
}
