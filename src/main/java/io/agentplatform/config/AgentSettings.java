package io.agentplatform.config;

import java.util.Objects;

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
        int shutdownGraceSeconds) {

    /**
     * @param host          DNS name of the agent API
     * @param className     IngressClass ({@code alb} for the AWS Load Balancer Controller)
     * @param certificateArn ACM certificate for TLS on the load balancer (empty: TLS from {@code tlsSecretName})
     * @param tlsSecretName Kubernetes TLS secret, for controllers that terminate TLS in-cluster
     */
    public record Ingress(String host, String className, Optional<String> certificateArn, Optional<String> tlsSecretName) {}

    /** Starts a AgentSettings named field by field (the section reader and inline test settings use it). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with some fields changed: {@code settings.toBuilder().replicas(1).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.image = image;
        b.replicas = replicas;
        b.minReplicas = minReplicas;
        b.maxReplicas = maxReplicas;
        b.cpuRequest = cpuRequest;
        b.memoryRequest = memoryRequest;
        b.cpuLimit = cpuLimit;
        b.memoryLimit = memoryLimit;
        b.targetCpuPercent = targetCpuPercent;
        b.targetMemoryPercent = targetMemoryPercent;
        b.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds;
        b.ingress = ingress;
        b.llmApiUrl = llmApiUrl;
        b.rateLimitPerMinute = rateLimitPerMinute;
        b.llmModel = llmModel;
        b.shutdownGraceSeconds = shutdownGraceSeconds;
        return b;
    }

    /** Named fields instead of 16 positional arguments. */
    public static final class Builder {
        private String image;
        private int replicas;
        private int minReplicas;
        private int maxReplicas;
        private String cpuRequest;
        private String memoryRequest;
        private String cpuLimit;
        private String memoryLimit;
        private int targetCpuPercent;
        private int targetMemoryPercent;
        private int scaleDownStabilizationSeconds;
        private Optional<Ingress> ingress;
        private Optional<String> llmApiUrl;
        private int rateLimitPerMinute;
        private Optional<String> llmModel;
        private int shutdownGraceSeconds;

        private Builder() {}

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder minReplicas(int minReplicas) {
            this.minReplicas = minReplicas;
            return this;
        }

        public Builder maxReplicas(int maxReplicas) {
            this.maxReplicas = maxReplicas;
            return this;
        }

        public Builder cpuRequest(String cpuRequest) {
            this.cpuRequest = cpuRequest;
            return this;
        }

        public Builder memoryRequest(String memoryRequest) {
            this.memoryRequest = memoryRequest;
            return this;
        }

        public Builder cpuLimit(String cpuLimit) {
            this.cpuLimit = cpuLimit;
            return this;
        }

        public Builder memoryLimit(String memoryLimit) {
            this.memoryLimit = memoryLimit;
            return this;
        }

        public Builder targetCpuPercent(int targetCpuPercent) {
            this.targetCpuPercent = targetCpuPercent;
            return this;
        }

        public Builder targetMemoryPercent(int targetMemoryPercent) {
            this.targetMemoryPercent = targetMemoryPercent;
            return this;
        }

        public Builder scaleDownStabilizationSeconds(int scaleDownStabilizationSeconds) {
            this.scaleDownStabilizationSeconds = scaleDownStabilizationSeconds;
            return this;
        }

        public Builder ingress(Optional<Ingress> ingress) {
            this.ingress = ingress;
            return this;
        }

        public Builder llmApiUrl(Optional<String> llmApiUrl) {
            this.llmApiUrl = llmApiUrl;
            return this;
        }

        public Builder rateLimitPerMinute(int rateLimitPerMinute) {
            this.rateLimitPerMinute = rateLimitPerMinute;
            return this;
        }

        public Builder llmModel(Optional<String> llmModel) {
            this.llmModel = llmModel;
            return this;
        }

        public Builder shutdownGraceSeconds(int shutdownGraceSeconds) {
            this.shutdownGraceSeconds = shutdownGraceSeconds;
            return this;
        }

        /** @throws NullPointerException naming the first field that was not set */
        public AgentSettings build() {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(cpuRequest, "cpuRequest");
            Objects.requireNonNull(memoryRequest, "memoryRequest");
            Objects.requireNonNull(cpuLimit, "cpuLimit");
            Objects.requireNonNull(memoryLimit, "memoryLimit");
            Objects.requireNonNull(ingress, "ingress");
            Objects.requireNonNull(llmApiUrl, "llmApiUrl");
            Objects.requireNonNull(llmModel, "llmModel");
            return new AgentSettings(image, replicas, minReplicas, maxReplicas, cpuRequest, memoryRequest,
                    cpuLimit, memoryLimit, targetCpuPercent, targetMemoryPercent, scaleDownStabilizationSeconds,
                    ingress, llmApiUrl, rateLimitPerMinute, llmModel, shutdownGraceSeconds);
        }
    }
}
