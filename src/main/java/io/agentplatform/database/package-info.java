/**
 * The platform's PostgreSQL: one RDS instance per stack in the isolated database subnets, reachable on 5432 only
 * from the cluster's security group.
 *
 * <p>What it builds: a customer-managed KMS key (rotated yearly, 30-day deletion window) with an alias, used for
 * storage, the RDS-managed master secret and Performance Insights; a DB subnet group; a security group with one
 * ingress rule that references the client security group (never a CIDR); a parameter group that forces TLS and logs
 * connections and slow statements; an enhanced-monitoring role when monitoring is on; and the instance itself.
 *
 * <p>Secrets: there is no password in the program, the config or the state. RDS generates the master password and
 * keeps (and rotates) it in Secrets Manager; the component hands out only that secret's ARN.
 *
 * <p>Data protection follows {@link io.agentplatform.config.DatabaseSettings}: production has deletion protection,
 * a final snapshot, retained automated backups and Pulumi {@code protect} on the instance and the key (the key is
 * also retained on delete, since snapshots stay readable only with it); dev is destroyable with one command.
 */
package io.agentplatform.database;
