package io.agentplatform.config;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a stack without its own AWS platform deploys, and the in-cluster stand-ins for RDS and ElastiCache it runs.
 *
 * @param platformStack    ephemeral only: the platform stack whose cluster it deploys onto, as a StackReference name
 *                         ({@code <org>/agent-platform/dev}); its outputs must meet the output contract
 * @param expiresAt        ephemeral only: when the janitor may destroy the stack; written to every object as a label
 * @param storageClassName local only: the cluster's storage class for monitoring volumes ({@code standard} on kind)
 * @param postgresImage    in-cluster PostgreSQL image, pinned
 * @param redisImage       in-cluster Valkey image, pinned
 * @param databasePassword the in-cluster PostgreSQL superuser's password (secret {@code databasePassword}, required)
 */
public record ClusterTargetSettings(
        Optional<String> platformStack,
        Optional<Instant> expiresAt,
        String storageClassName,
        String postgresImage,
        String redisImage,
        SecretValue databasePassword) {

    /** Default in-cluster images: exact versions, never latest. */
    public static final String DEFAULT_POSTGRES_IMAGE = "docker.io/library/postgres:17.6-bookworm";
    public static final String DEFAULT_REDIS_IMAGE = "docker.io/valkey/valkey:8.1.3-bookworm";

    /** The expiry as a Kubernetes label value (labels allow no colons): {@code 20261201T000000Z}. */
    public Optional<String> expiresAtLabel() {
        return expiresAt.map(i -> i.toString().replace("-", "").replace(":", "").replaceAll("\\.\\d+", ""));
    }
}
