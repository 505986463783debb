package io.agentplatform.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig built as data (never from a string template) that authenticates with {@code aws eks get-token}, so no
 * long-lived credential is stored; the result is still kept secret because it names the endpoint and CA.
 */
final class Kubeconfig {
    /** Sorted keys: the same cluster always gives the same text, so the provider is never seen as changed. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Kubeconfig() {}

    static Output<String> of(Output<String> clusterName, Output<String> endpoint, Output<String> certificateAuthority,
                             String region) {
        return Output.tuple(clusterName, endpoint, certificateAuthority).applyValue(t -> {
            Map<String, Object> cluster = Map.of("server", t.t2, "certificate-authority-data", t.t3);
            Map<String, Object> exec = new LinkedHashMap<>();
            exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
            exec.put("command", "aws");
            exec.put("args", List.of("eks", "get-token", "--cluster-name", t.t1, "--region", region, "--output", "json"));
            exec.put("interactiveMode", "Never");
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("apiVersion", "v1");
            config.put("kind", "Config");
            config.put("clusters", List.of(Map.of("name", t.t1, "cluster", cluster)));
            config.put("contexts", List.of(Map.of("name", t.t1, "context", Map.of("cluster", t.t1, "user", t.t1))));
            config.put("current-context", t.t1);
            config.put("users", List.of(Map.of("name", t.t1, "user", Map.of("exec", exec))));
            try {
                return JSON.writeValueAsString(config);
            } catch (Exception e) {
                throw new IllegalStateException("cannot serialise the kubeconfig", e);
            }
        }).asSecret();
    }
}
