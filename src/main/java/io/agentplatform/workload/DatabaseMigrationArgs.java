package io.agentplatform.workload;

import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AgentSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inputs of {@link DatabaseMigration}.
 *
 * @param settings          the agent's settings (image, resources)
 * @param namespace         the agent's namespace
 * @param labels            the agent's labels; the Job's pods get their own selector from them
 * @param database          the database, its owner and how the application role logs in
 * @param appPasswordSecret the Secret holding the application role's password ({@code password} key), with a
 *                          {@link DataConnections.PasswordLogin}; empty with IAM login
 * @param irsa              the cluster's OIDC issuer; required when the owner's password is in Secrets Manager
 * @param nodeSelector      labels of the node group the Job runs on (empty: any node)
 * @param externalSecretsCrds the External Secrets release that installs its CRDs; required when the owner's
 *                          password is in Secrets Manager
 * @param after             what must exist before the Job (namespace, ConfigMap, the application role's Secret)
 */
public record DatabaseMigrationArgs(AgentSettings settings, String namespace, AgentLabels labels,
                                    DataConnections.Database database, Optional<String> appPasswordSecret,
                                    Optional<IrsaIssuer> irsa, Map<String, String> nodeSelector,
                                    Optional<Resource> externalSecretsCrds, List<Resource> after) {
    public DatabaseMigrationArgs {
        if (database.owner() instanceof DataConnections.SecretsManager && (irsa.isEmpty() || externalSecretsCrds.isEmpty())) {
            throw new IllegalArgumentException("reading the master secret from Secrets Manager needs the cluster's IRSA "
                    + "issuer and External Secrets");
        }
        if (database.app() instanceof DataConnections.PasswordLogin && appPasswordSecret.isEmpty()) {
            throw new IllegalArgumentException("a password login of the application role needs the Secret holding it");
        }
        nodeSelector = Map.copyOf(nodeSelector);
        after = List.copyOf(after);
    }
}
