package io.agentplatform.incluster;

/**
 * How the agent reaches the in-cluster data services.
 *
 * @param databaseHost           Service DNS name of PostgreSQL
 * @param redisHost              Service DNS name of Valkey
 * @param credentialsSecretName  Kubernetes Secret holding both passwords
 * @param databasePasswordKey    its key for the PostgreSQL password
 * @param redisPasswordKey       its key for the Valkey password
 */
public record InClusterDataOutputs(String databaseHost, int databasePort, String databaseName, String databaseUser,
                                   String redisHost, int redisPort, String credentialsSecretName,
                                   String databasePasswordKey, String redisPasswordKey) {
}
