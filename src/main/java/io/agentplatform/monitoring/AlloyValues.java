package io.agentplatform.monitoring;

import io.agentplatform.core.ClasspathFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of the Alloy release: {@code monitoring/alloy.yaml} plus the pipeline {@code monitoring/pod-logs.alloy}
 * (Alloy syntax, kept as a file) and the Loki push URL it reads from its environment.
 */
final class AlloyValues {
    private AlloyValues() {}

    static Map<String, Object> build(String lokiPushUrl) {
        Map<String, Object> alloy = new LinkedHashMap<>();
        alloy.put("configMap", Map.of("create", true, "content", ClasspathFiles.text("monitoring/pod-logs.alloy")));
        alloy.put("extraEnv", List.of(Map.of("name", "LOKI_PUSH_URL", "value", lokiPushUrl)));
        return ClasspathFiles.merge(ClasspathFiles.yaml("monitoring/alloy.yaml"), Map.of("alloy", alloy));
    }
}
