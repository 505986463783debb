package io.agentplatform.database;

import com.pulumi.core.Output;
import io.agentplatform.config.DatabaseSettings;
import io.agentplatform.network.NetworkOutputs;

/**
 * Inputs of {@link Database}. Every default lives in {@link DatabaseSettings} (validated config, production-safe
 * defaults for production); the component adds only fixed choices: PostgreSQL on port 5432, gp3 storage, TLS forced,
 * CA {@code rds-ca-rsa2048-g1}, changes applied in the maintenance window, no major-version upgrades.
 *
 * @param settings              engine version, size, availability, backups, monitoring and protection from config
 * @param network               the VPC; the instance goes into its database subnets
 * @param clientSecurityGroupId the only security group allowed to connect (the EKS cluster/node security group)
 */
public record DatabaseArgs(DatabaseSettings settings, NetworkOutputs network, Output<String> clientSecurityGroupId) {
}
