package io.agentplatform.plan;

import java.util.Map;

/** Kubernetes: a Helm release's name and deployed status (objects get their metadata from {@link MockFamilies}). */
final class KubernetesMocks {
    private KubernetesMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "kubernetes:helm.sh/v3:Release", TypeMock.outputs((resource, state) -> {
                String releaseName = resource.text("name", MockCloud.autoName(resource.name()));
                state.put("name", releaseName);
                state.put("status", Map.of("name", releaseName, "namespace", resource.text("namespace", "default"),
                        "status", "deployed", "version", "1", "chart", resource.text("chart", ""),
                        "appVersion", resource.text("version", "")));
            }));
}
