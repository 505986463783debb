/** Backup and disaster recovery: every stateful resource in a backup plan; production copies out of its region and locks its vaults. */
import type { PolicyResource } from "@pulumi/policy";
import { EnforcementByEnvironment } from "../environment";
import { AgentPolicy, dependsOn, describe, ofType, stackPolicy } from "../policy";
import { arr, isSet, show } from "../util";

export const B = {
    vault: "aws:backup/vault:Vault",
    plan: "aws:backup/plan:Plan",
    selection: "aws:backup/selection:Selection",
    lock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
} as const;

/**
 * Resource types holding data that AWS Backup can back up and the platform creates or may create. ElastiCache is not
 * among them: AWS Backup does not support it (its own snapshots cover it).
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/backup-feature-availability.html
 */
export const BACKUP_SUPPORTED_STATEFUL_TYPES = [
    "aws:rds/instance:Instance",
    "aws:s3/bucketV2:BucketV2",
    "aws:s3/bucket:Bucket",
    "aws:ebs/volume:Volume",
    "aws:dynamodb/table:Table",
    "aws:efs/fileSystem:FileSystem",
];

const productionOnly: EnforcementByEnvironment = { production: "mandatory", staging: "disabled", dev: "disabled", ephemeral: "disabled", local: "disabled" };

/** The region a resource is created in: its provider's `region` input, if the plan shows one. */
function regionOf(r: PolicyResource): string | undefined {
    const region = r.provider?.props?.region;
    return typeof region === "string" && region !== "" ? region : undefined;
}

/** A vault-lock configuration applies to the vault it names or takes its name from. */
function locks(lock: PolicyResource, vault: PolicyResource): boolean {
    return dependsOn(lock, vault) || (isSet(vault.props.name) && lock.props.backupVaultName === vault.props.name);
}

export const backupPolicies: AgentPolicy[] = [
    stackPolicy({
        name: "backup-selects-every-stateful-resource",
        scope: ["production", "staging", "dev"],
        description: "Every stateful resource AWS Backup supports (RDS, S3, EBS, DynamoDB, EFS) must be selected by a backup plan.",
        rationale: "A database or bucket outside every backup selection is lost with one bad migration, delete or region outage; the selection must name it by ARN (or take its ARN as an input).",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: { production: "mandatory", staging: "mandatory", dev: "advisory", ephemeral: "disabled", local: "disabled" },
        check: (s, report) => {
            const selections = ofType(s.resources, B.selection);
            for (const r of ofType(s.resources, ...BACKUP_SUPPORTED_STATEFUL_TYPES)) {
                const selected = selections.some((sel) => dependsOn(sel, r)
                    || arr(sel.props.resources).some((arn) => typeof arn === "string" && (arn === r.props.arn || (isSet(r.props.bucket) && arn.endsWith(`:::${r.props.bucket}`)))));
                if (!selected) {
                    report(`${describe(r.type, r.name)}: no ${B.selection} names it (by ARN in resources, or taking its ARN as an input); add it to the stack's backup selection.`, r.urn);
                }
            }
            for (const sel of selections) {
                if (!ofType(s.resources, B.plan).some((p) => dependsOn(sel, p))) {
                    report(`${describe(sel.type, sel.name)}: planId does not come from a ${B.plan} of this stack.`, sel.urn);
                }
            }
        },
    }),
    stackPolicy({
        name: "backup-cross-region-copy",
        scope: ["production"],
        description: "Production backup plans must copy every recovery point to a vault in another region.",
        rationale: "Recovery points in the region they protect are lost with it; a copy in a second region is what a regional disaster leaves.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: productionOnly,
        check: (s, report) => {
            const plans = ofType(s.resources, B.plan);
            if (plans.length === 0) {
                report(`no ${B.plan} in a ${s.env} stack; back up its data with AWS Backup and copy it to a second region.`);
            }
            const vaults = ofType(s.resources, B.vault);
            for (const plan of plans) {
                const home = regionOf(plan);
                const remote = vaults.filter((v) => dependsOn(plan, v) && regionOf(v) !== undefined && regionOf(v) !== home);
                if (remote.length === 0) {
                    report(`${describe(plan.type, plan.name)}: its copy actions reach no ${B.vault} in a region other than ${show(home)}; add a vault there (through a provider for that region) and copy each rule's recovery points to it.`, plan.urn);
                }
                for (const rule of arr(plan.props.rules)) {
                    if (arr(rule?.copyActions).length === 0) {
                        report(`${describe(plan.type, plan.name)}: rule ${show(rule?.ruleName)} has no copyActions; every recovery point must be copied to the second region.`, plan.urn);
                    }
                }
            }
        },
    }),
    stackPolicy({
        name: "backup-vault-lock",
        scope: ["production"],
        description: "Every production backup vault must carry a vault lock in compliance mode (changeableForDays set).",
        rationale: "Without a lock anyone with backup:DeleteRecoveryPoint (or a compromised deploy role) can delete every backup; compliance mode makes the retention immutable once its cooling-off period ends.",
        category: "data-protection",
        severity: "high",
        enforcementByEnvironment: productionOnly,
        check: (s, report) => {
            const lockConfigs = ofType(s.resources, B.lock);
            for (const vault of ofType(s.resources, B.vault)) {
                const matching = lockConfigs.filter((l) => locks(l, vault));
                if (matching.length === 0) {
                    report(`${describe(vault.type, vault.name)}: no ${B.lock} locks it; add one with minRetentionDays, maxRetentionDays and changeableForDays.`, vault.urn);
                } else if (!matching.some((l) => isSet(l.props.changeableForDays))) {
                    report(`${describe(vault.type, vault.name)}: its lock has no changeableForDays, which is governance mode; production uses compliance mode.`, vault.urn);
                }
            }
        },
    }),
];
