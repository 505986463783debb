package io.agentplatform.core.k8s;

/**
 * The Kubernetes provider plugin every Kubernetes provider of the program runs, set as the resource option
 * {@code version}. The Java SDK served here (com.pulumi:kubernetes 4.0.0, July 2023) would otherwise ask for plugin
 * 4.0.0, which has the server-side apply conflict with HPA-owned replicas (pulumi-kubernetes #2542).
 * {@code scripts/tools.sh} builds exactly this version (KUBERNETES_PROVIDER_VERSION): 4.25.0 is the newest release
 * whose commit the Go module proxy serves (the v4.32.0 commit is refused, see docs/benchmarks.md).
 */
public final class KubernetesProviderPlugin {
    public static final String VERSION = "4.25.0";

    private KubernetesProviderPlugin() {}
}
