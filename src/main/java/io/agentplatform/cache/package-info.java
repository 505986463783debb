/**
 * The platform's in-memory store: one ElastiCache replication group (cluster mode off) per stack, reachable on 6379
 * only from the cluster's security group, with TLS and an AUTH token.
 *
 * <p>Engine: Valkey by default. It is the open-source, wire-compatible fork of Redis that AWS prices below Redis
 * OSS, so clients (the agent's rate limiter and answer cache) need no change; {@code redis} stays selectable.
 *
 * <p>What it builds: a customer-managed KMS key (rotated) with an alias, encrypting the nodes, the snapshots and the
 * slow log (its policy lets CloudWatch Logs use it for that one log group only); a subnet group on
 * the <em>private</em> subnets; a security group with one ingress rule that references the client security group
 * (never a CIDR) and no egress; a CloudWatch log group receiving the slow log as JSON; the replication group with
 * a primary plus {@code replicas} read replicas, and Multi-AZ with automatic failover whenever there is a replica.
 *
 * <p>Why the private subnets (as the issue asks) and not the database subnets: the cache is an application-tier
 * component next to the pods it serves, and access is decided by the security group, not by the subnet; the
 * security group has no egress, so the private tier's NAT route is never usable by the nodes. The small
 * (/24 per zone) isolated database subnets stay reserved for RDS, whose Multi-AZ standby, replacements and
 * blue/green deployments need their addresses.
 *
 * <p>Production protects the replication group and its key (the key is also kept on delete) through
 * {@link io.agentplatform.config.CacheSettings#protect()}; other stacks are destroyable with one command.
 *
 * <p>No parameter group: the engine's default (cluster mode off, {@code volatile-lru} eviction, 10 ms slow-log
 * threshold) fits a cache whose keys all carry a TTL. The AUTH token is passed only as a secret output and updated
 * with the {@code ROTATE} strategy, so a new token is added in place (the old one keeps working until the next
 * rotation) rather than replacing the group.
 */
package io.agentplatform.cache;
