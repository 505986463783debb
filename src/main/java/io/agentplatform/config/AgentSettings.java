package io.agentplatform.config;

import java.util.Optional;

/**
 * The agent workload.
 *
 * @param image                 container image pinned by tag or digest (never {@code latest})
 * @param replicas              replicas before the autoscaler acts; equals minReplicas by default
 * @param minReplicas           HPA lower bound
 * @param maxReplicas           HPA upper bound
 * @param cpuRequest            e.g. {@code 250m}
 * @param memoryRequest         e.g. {@code 512Mi}
 * @param cpuLimit              e.g. {@code 1}
 * @param memoryLimit           e.g. {@code 768Mi}
 * @param targetCpuPercent      HPA CPU utilisation target (of requests)
 * @param targetMemoryPercent   HPA memory utilisation target (of requests)
 * @param scaleDownStabilizationSeconds how long the HPA waits before scaling down
 * @param ingress               public entry, if any
 * @param llmApiUrl             OpenAI-compatible endpoint; empty runs the offline deterministic model
 * @param rateLimitPerMinute    requests per client per minute
 * @param llmModel              model name sent to {@code llmApiUrl} (required with it)
 * @param shutdownGraceSeconds  time in-flight requests get on SIGTERM ({@code SHUTDOWN_GRACE_SECONDS}); the pod's
 *                              termination grace period is derived from it
 * @param delivery              how a new version reaches the pods ({@link DeliverySettings}; rolling by default)
 */
public record AgentSettings(
        String image,
        int replicas,
        int minReplicas,
        int maxReplicas,
        String cpuRequest,
        String memoryRequest,
        String cpuLimit,
        String memoryLimit,
        int targetCpuPercent,
        int targetMemoryPercent,
        int scaleDownStabilizationSeconds,
        Optional<Ingress> ingress,
        Optional<String> llmApiUrl,
        int rateLimitPerMinute,
        Optional<String> llmModel,
        int shutdownGraceSeconds,
        DeliverySettings delivery) {

    /** Settings with the default delivery ({@link DeliverySettings#ROLLING}). */
    public AgentSettings(String image, int replicas, int minReplicas, int maxReplicas, String cpuRequest,
                         String memoryRequest, String cpuLimit, String memoryLimit, int targetCpuPercent,
                         int targetMemoryPercent, int scaleDownStabilizationSeconds, Optional<Ingress> ingress,
                         Optional<String> llmApiUrl, int rateLimitPerMinute, Optional<String> llmModel,
                         int shutdownGraceSeconds) {
        this(image, replicas, minReplicas, maxReplicas, cpuRequest, memoryRequest, cpuLimit, memoryLimit,
                targetCpuPercent, targetMemoryPercent, scaleDownStabilizationSeconds, ingress, llmApiUrl,
                rateLimitPerMinute, llmModel, shutdownGraceSeconds, DeliverySettings.ROLLING);
    }

    /**
     * @param host          DNS name of the agent API
     * @param className     IngressClass ({@code alb} for the AWS Load Balancer Controller)
     * @param certificateArn ACM certificate for TLS on the load balancer (empty: TLS from {@code tlsSecretName})
     * @param tlsSecretName Kubernetes TLS secret, for controllers that terminate TLS in-cluster
     */
    public record Ingress(String host, String className, Optional<String> certificateArn, Optional<String> tlsSecretName) {}
}
