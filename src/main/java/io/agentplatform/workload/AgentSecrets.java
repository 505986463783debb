package io.agentplatform.workload;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent's credentials as Kubernetes Secrets (the values stay Pulumi secrets): {@value AgentWorkload#APP_SECRET}
 * with the Redis AUTH token and the model API key, and, with a password login, {@value AgentWorkload#APP_DB_SECRET}
 * with the application role's password (never the owner's). The pods read them as files.
 *
 * @param app   the app's Secret
 * @param appDb the application role's Secret, with a password login
 */
record AgentSecrets(Secret app, Optional<Secret> appDb) {

    static AgentSecrets create(AgentWorkload.Scope scope, AgentWorkloadArgs args, AgentLabels labels,
                               List<Resource> inNamespace) {
        String ns = args.namespace();
        Map<String, Output<String>> values = new TreeMap<>();
        values.put("redis-password", args.data().redis().authToken());
        args.llmApiKey().ifPresent(k -> values.put("llm-api-key", k));
        Secret app = new Secret(scope.name("secrets"), SecretArgs.builder()
                .metadata(AgentWorkload.meta(AgentWorkload.APP_SECRET, ns, labels))
                .type("Opaque")
                .stringData(Output.all(List.copyOf(values.values())).applyValue(v -> {
                    Map<String, String> m = new TreeMap<>();
                    int i = 0;
                    for (String key : values.keySet()) {
                        m.put(key, v.get(i++));
                    }
                    return m;
                }).asSecret())
                .build(), scope.options().dependsOn(inNamespace).build());

        Optional<Secret> appDb = Optional.empty();
        if (args.data().database().app() instanceof DataConnections.PasswordLogin login) {
            appDb = Optional.of(new Secret(scope.name("db-app-secret"), SecretArgs.builder()
                    .metadata(AgentWorkload.meta(AgentWorkload.APP_DB_SECRET, ns, labels))
                    .type("Opaque")
                    .stringData(login.password().applyValue(p -> Map.of(AgentWorkload.APP_DB_PASSWORD_KEY, p)).asSecret())
                    .build(), scope.options().dependsOn(inNamespace).build()));
        }
        return new AgentSecrets(app, appDb);
    }

    /** The name of the application role's Secret, with a password login. */
    Optional<String> appDbSecretName() {
        return appDb.map(s -> AgentWorkload.APP_DB_SECRET);
    }
}
