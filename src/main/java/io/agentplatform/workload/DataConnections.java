package io.agentplatform.workload;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Objects;

/**
 * How the agent reaches its data: PostgreSQL (password from a Secrets-Manager secret that RDS manages, or from a
 * Kubernetes Secret that already exists) and Redis (AUTH token as a Pulumi secret).
 */
public record DataConnections(Database database, Redis redis) {

    public DataConnections {
        Objects.requireNonNull(database);
        Objects.requireNonNull(redis);
    }

    /** Where the database password comes from. */
    public sealed interface PasswordSource permits SecretsManager, KubernetesSecret {}

    /**
     * RDS-managed master secret in AWS Secrets Manager (JSON with {@code username} and {@code password}). External
     * Secrets Operator copies {@code password} into a Kubernetes Secret and keeps it current after RDS rotates it.
     *
     * @param secretArn ARN of the secret
     * @param kmsKeyArn key the secret is encrypted with (reading it needs {@code kms:Decrypt} on it)
     */
    public record SecretsManager(Output<String> secretArn, Output<String> kmsKeyArn) implements PasswordSource {}

    /**
     * A Kubernetes Secret in the agent's namespace that already holds the password (e.g. an in-cluster PostgreSQL of
     * a per-PR stack).
     */
    public record KubernetesSecret(String secretName, String key) implements PasswordSource {}

    /**
     * @param cidrs where the database lives, for the egress NetworkPolicy (e.g. the database subnets); empty: the
     *              in-cluster data pods of the agent's namespace
     */
    public record Database(PasswordSource password, String username, Output<String> host, Output<Integer> port,
                           String databaseName, List<String> cidrs) {
        public Database {
            if (username.isBlank() || databaseName.isBlank()) {
                throw new IllegalArgumentException("the database needs a user and a database name");
            }
            cidrs = List.copyOf(cidrs);
        }
    }

    /**
     * @param authToken the AUTH token as a Pulumi secret (stored only in a Kubernetes Secret, read from a file)
     * @param cidrs     where the cache nodes live, for the egress NetworkPolicy; empty: the in-cluster data pods
     */
    public record Redis(Output<String> host, Output<Integer> port, boolean tls, Output<String> authToken,
                        List<String> cidrs) {
        public Redis {
            cidrs = List.copyOf(cidrs);
        }
    }
}
