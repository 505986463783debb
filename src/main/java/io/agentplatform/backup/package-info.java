/**
 * Backup and disaster recovery of a platform stack.
 *
 * <p>{@link io.agentplatform.backup.Backup}: AWS Backup. A vault encrypted with its own customer-managed key, one
 * plan whose rules (frequency, retention) come from config, and one selection of every stateful resource the
 * program creates that AWS Backup supports, by ARN: the RDS instance and the S3 buckets (Velero's, Loki's). The
 * ElastiCache replication group is not among them: AWS Backup does not support ElastiCache, whose own daily
 * snapshots ({@code cache.snapshotRetentionDays}) cover it. The backup role is the program's own, under the
 * project's IAM path. Where config names a copy region, every rule copies each recovery point to a second vault
 * there (its own provider, key and vault); where it sets a vault lock, both vaults carry it.
 *
 * <p>{@link io.agentplatform.backup.Velero}: the cluster's state. Velero with its own bucket and an IRSA role
 * limited to that bucket and to EBS volumes and snapshots in the region, one schedule per configured namespace.
 *
 * <p>What outlives {@code pulumi destroy} is config: {@code backup.keepRecoveryPoints} keeps (retains) the vaults,
 * their keys and the Velero bucket; without it they are emptied and deleted. {@code backup.protect} puts Pulumi
 * {@code protect} on them. The restore path and the recovery objectives are in {@code docs/disaster-recovery.md}.
 */
package io.agentplatform.backup;
