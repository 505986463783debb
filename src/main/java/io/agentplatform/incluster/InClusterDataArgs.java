package io.agentplatform.incluster;

import io.agentplatform.config.SecretValue;

import java.util.Map;

/**
 * Inputs of {@link InClusterData}: what it runs. Everything here is known before anything is deployed, so clients
 * get their view from {@link InClusterData#connection(InClusterDataArgs)} first; who may connect is given when the
 * services are created ({@link InClusterData.Clients}).
 *
 * @param namespace        the agent's namespace (must exist first: see {@link InClusterData.Clients#after()})
 * @param extraLabels      labels for every object, e.g. the ephemeral stack's {@code expires-at}
 * @param postgresImage    pinned PostgreSQL image
 * @param redisImage       pinned Valkey image
 * @param databaseName     database created at first start
 * @param databaseUser     its owner (the superuser)
 * @param databasePassword password of that user (a config secret)
 * @param redisPassword    Valkey {@code requirepass} (a config secret)
 */
public record InClusterDataArgs(String namespace, Map<String, String> extraLabels, String postgresImage,
                                String redisImage, String databaseName, String databaseUser,
                                SecretValue databasePassword, SecretValue redisPassword) {

    public static final int POSTGRES_PORT = 5432;
    public static final int REDIS_PORT = 6379;

    public InClusterDataArgs {
        extraLabels = Map.copyOf(extraLabels);
    }
}
