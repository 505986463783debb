package io.agentplatform.workload;

import com.pulumi.core.Output;
import io.agentplatform.core.NetworkPeer;

import java.util.Objects;

/**
 * How the agent reaches its data: PostgreSQL, with two identities (the owner, used only by the migration Job, and the
 * least-privileged application role {@link #APP_USER} of the long-running pods), and Redis (AUTH token as a Pulumi
 * secret). The workload consumes these views; the data services provide them ({@code Database.connection()},
 * {@code Cache.connection()}, {@code InClusterData.connection(...)}), so the composition root never picks their fields.
 */
public record DataConnections(Database database, Redis redis) {
    /** The database role of the long-running pods: data access only, created and granted by the migration Job. */
    public static final String APP_USER = "agent_app";

    public DataConnections {
        Objects.requireNonNull(database);
        Objects.requireNonNull(redis);
    }

    /** Where the owner's (master user's) password comes from; only the migration Job reads it. */
    public sealed interface PasswordSource permits SecretsManager, KubernetesSecret {}

    /**
     * RDS-managed master secret in AWS Secrets Manager (JSON with {@code username} and {@code password}). External
     * Secrets Operator copies {@code password} into a Kubernetes Secret mounted only by the migration Job and keeps it
     * current after RDS rotates it.
     *
     * @param secretArn ARN of the secret
     * @param kmsKeyArn key the secret is encrypted with (reading it needs {@code kms:Decrypt} on it)
     */
    public record SecretsManager(Output<String> secretArn, Output<String> kmsKeyArn) implements PasswordSource {}

    /**
     * A Kubernetes Secret in the agent's namespace that already holds the owner's password (e.g. the superuser of an
     * in-cluster PostgreSQL of a per-PR stack).
     */
    public record KubernetesSecret(String secretName, String key) implements PasswordSource {}

    /** How {@link #APP_USER} logs in. */
    public sealed interface AppLogin permits IamLogin, PasswordLogin {
        /** The app's {@code DB_AUTH}: how it gets the credential it presents (see app/README.md). */
        String dbAuth();
    }

    /**
     * RDS IAM database authentication: the agent's IRSA role may {@code rds-db:connect} as {@link #APP_USER} on this
     * instance only; the app signs a token with the role's credentials (STS), no password exists.
     *
     * @param dbiResourceId the instance's {@code DbiResourceId} ({@code db-…}), part of the {@code rds-db} ARN
     * @param sts           where the pods reach STS for the role's credentials (HTTPS egress)
     * @param region        the instance's region, which the app signs its tokens for
     */
    public record IamLogin(Output<String> dbiResourceId, NetworkPeer.Addresses sts, String region) implements AppLogin {
        @Override
        public String dbAuth() {
            return "iam";
        }
    }

    /**
     * A password for {@link #APP_USER} (in-cluster PostgreSQL), never the owner's: kept in a Kubernetes Secret that the
     * service pods and the migration Job mount.
     *
     * @param password the password as a Pulumi secret
     */
    public record PasswordLogin(Output<String> password) implements AppLogin {
        @Override
        public String dbAuth() {
            return "password";
        }
    }

    /**
     * @param owner      the owner's password (migrations only)
     * @param ownerUser  the owner (RDS master user, or the in-cluster superuser)
     * @param app        how the application role logs in
     * @param tls        whether the server takes TLS connections (RDS forces them; the in-cluster PostgreSQL has none)
     * @param peer       where the database lives, for the egress NetworkPolicy: the database subnets, or the
     *                   in-cluster PostgreSQL pods
     */
    public record Database(PasswordSource owner, String ownerUser, AppLogin app, Output<String> host,
                           Output<Integer> port, boolean tls, String databaseName, NetworkPeer peer) {
        public Database {
            if (ownerUser.isBlank() || databaseName.isBlank()) {
                throw new IllegalArgumentException("the database needs an owner and a database name");
            }
            if (ownerUser.equals(APP_USER)) {
                throw new IllegalArgumentException("the owner must not be the application role " + APP_USER);
            }
            Objects.requireNonNull(peer);
        }
    }

    /**
     * @param tls       whether clients must use TLS (ElastiCache requires it; the in-cluster Valkey has none)
     * @param authToken the AUTH token as a Pulumi secret (stored only in a Kubernetes Secret, read from a file)
     * @param peer      where the cache nodes live, for the egress NetworkPolicy: their subnets, or the in-cluster
     *                  Valkey pods
     */
    public record Redis(Output<String> host, Output<Integer> port, boolean tls, Output<String> authToken,
                        NetworkPeer peer) {
        public Redis {
            Objects.requireNonNull(peer);
        }
    }
}
