package io.agentplatform.config;

import java.util.List;
import java.util.Optional;

import static io.agentplatform.config.Default.derived;
import static io.agentplatform.config.Default.of;

/** The declarations of {@code agent} ({@link AgentSettings}) and how they are read. */
final class AgentSection {
    static final Setting<String> IMAGE = Images.pinned("image", Default.required("a container image pinned by tag or "
            + "digest, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent@sha256:<digest>", ""), "the agent's image");
    static final Setting<Integer> MIN = Setting.integer("minReplicas", 1, 100, of(2), "HPA lower bound");
    static final Setting<Integer> MAX = Setting.integer("maxReplicas", 1, 500, derived("max(minReplicas, 4)",
            v -> Math.max(v.get(MIN), 4)), "HPA upper bound").rule("≥ minReplicas");
    static final Setting<Integer> REPLICAS = Setting.integer("replicas", 1, 500, derived("minReplicas", v -> v.get(MIN)),
            "replicas before the autoscaler acts").rule("within [minReplicas, maxReplicas]");
    static final Setting<String> CPU_REQUEST = cpu("cpuRequest", "250m", "CPU the scheduler reserves per pod");
    static final Setting<String> MEMORY_REQUEST = memory("memoryRequest", "512Mi", "memory reserved per pod");
    static final Setting<String> CPU_LIMIT = cpu("cpuLimit", "1", "CPU a pod may use (throttled above)");
    static final Setting<String> MEMORY_LIMIT = memory("memoryLimit", "768Mi", "memory a pod may use (killed above)");
    static final Setting<Integer> CPU_TARGET = Setting.integer("targetCpuPercent", 1, 100, of(70),
            "HPA CPU utilisation target (of requests)");
    static final Setting<Integer> MEMORY_TARGET = Setting.integer("targetMemoryPercent", 1, 100, of(80),
            "HPA memory utilisation target (of requests)");
    static final Setting<Integer> SCALE_DOWN = Setting.integer("scaleDownStabilizationSeconds", 0, 3600, of(300),
            "how long the HPA waits before scaling down");
    static final Setting<Optional<String>> LLM_URL = Setting.optionalText("llmApiUrl", "OpenAI-compatible endpoint; "
            + "none runs the offline deterministic model; needs the secret `llmApiKey`")
            .matching("https://[^\\s]+", "must be an https:// URL of an OpenAI-compatible API");
    static final Setting<Integer> RATE_LIMIT = Setting.integer("rateLimitPerMinute", 1, 100000, of(60),
            "requests per client per minute");
    static final Setting<Optional<String>> LLM_MODEL = Setting.optionalText("llmModel", "model name sent to llmApiUrl")
            .rule("required with llmApiUrl, refused without it")
            .matching("[A-Za-z0-9._:/-]{1,128}", "must be 1-128 letters, digits or ._:/-");
    // The app accepts 1-3600; the pod's grace period adds the preStop pause and a margin on top.
    static final Setting<Integer> SHUTDOWN_GRACE = Setting.integer("shutdownGraceSeconds", 1, 300, of(20),
            "time in-flight requests get on SIGTERM (the app's `SHUTDOWN_GRACE_SECONDS`); the pod's "
                    + "`terminationGracePeriodSeconds` is this + the 10 s preStop pause + 5 s margin");

    static final Setting<String> HOST = Setting.text("host", Default.required("the API's DNS name, e.g. "
            + "agents.example.com", ""), "DNS name of the agent API").check("a DNS name", (s, n, v) -> {
                if (!v.isEmpty() && !v.matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}")) {
                    s.problem(n, "'" + v + "'", "must be a DNS name such as agents.example.com");
                }
            });
    static final Setting<String> CLASS_NAME = Setting.text("className", of("alb"),
            "IngressClass (`alb` for the AWS Load Balancer Controller)");
    static final Setting<Optional<String>> CERTIFICATE = Setting.optionalText("certificateArn", "ACM certificate for "
            + "TLS on the load balancer").rule("this or tlsSecretName is required")
            .matching("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+", "must be an ACM certificate ARN");
    static final Setting<Optional<String>> TLS_SECRET = Setting.optionalText("tlsSecretName", "Kubernetes TLS secret, "
            + "for controllers that terminate TLS in-cluster");
    static final Section INGRESS = new Section("agent.ingress", "The public entry of the agent API (TLS only)",
            Section.ALL, List.of(HOST, CLASS_NAME, CERTIFICATE, TLS_SECRET)).absent("none (no ingress)");

    static final Section SECTION = new Section("agent", "The agent workload; how these become Kubernetes objects: "
            + "docs/agent-workload.md", Section.ALL, List.of(IMAGE, MIN, MAX, REPLICAS, CPU_REQUEST, MEMORY_REQUEST,
            CPU_LIMIT, MEMORY_LIMIT, CPU_TARGET, MEMORY_TARGET, SCALE_DOWN, LLM_URL, RATE_LIMIT, LLM_MODEL,
            SHUTDOWN_GRACE)).absent("required").with(INGRESS);

    private AgentSection() {}

    private static Setting<String> cpu(String name, String fallback, String description) {
        return Setting.text(name, of(fallback), description).matching("\\d+(\\.\\d+)?m?",
                "must be a CPU quantity such as 250m or 1");
    }

    private static Setting<String> memory(String name, String fallback, String description) {
        return Setting.text(name, of(fallback), description).matching("\\d+(Ki|Mi|Gi)",
                "must be a memory quantity such as 512Mi or 1Gi");
    }

    static AgentSettings read(Settings s) {
        AgentSettings.Builder b = AgentSettings.builder().image(s.read(IMAGE)).minReplicas(s.read(MIN))
                .maxReplicas(s.read(MAX)).replicas(s.read(REPLICAS));
        Bounds.requireWithin(s, MIN, MAX, REPLICAS);
        b.cpuRequest(s.read(CPU_REQUEST)).memoryRequest(s.read(MEMORY_REQUEST)).cpuLimit(s.read(CPU_LIMIT))
                .memoryLimit(s.read(MEMORY_LIMIT)).targetCpuPercent(s.read(CPU_TARGET))
                .targetMemoryPercent(s.read(MEMORY_TARGET)).scaleDownStabilizationSeconds(s.read(SCALE_DOWN))
                .ingress(s.has(INGRESS.name()) ? Optional.of(readIngress(s.object(INGRESS.name()))) : Optional.empty())
                .llmApiUrl(s.read(LLM_URL)).rateLimitPerMinute(s.read(RATE_LIMIT)).llmModel(readModel(s))
                .shutdownGraceSeconds(s.read(SHUTDOWN_GRACE));
        s.rejectUnknownKeys();
        return b.build();
    }

    private static Optional<String> readModel(Settings s) {
        Optional<String> llmUrl = s.get(LLM_URL);
        Optional<String> llmModel = s.read(LLM_MODEL);
        if (llmUrl.isPresent() && llmModel.isEmpty()) {
            s.problem(LLM_MODEL.name(), "<missing>", "is required when llmApiUrl is set: the model name, e.g. gpt-4o-mini");
        } else if (llmUrl.isEmpty() && llmModel.isPresent()) {
            s.problem(LLM_MODEL.name(), "'" + llmModel.get() + "'", "only applies when llmApiUrl is set (the offline "
                    + "model has no name to choose)");
        }
        return llmModel;
    }

    private static AgentSettings.Ingress readIngress(Settings i) {
        AgentSettings.Ingress ingress = new AgentSettings.Ingress(i.read(HOST), i.read(CLASS_NAME), i.read(CERTIFICATE),
                i.read(TLS_SECRET));
        if (ingress.certificateArn().isEmpty() && ingress.tlsSecretName().isEmpty()) {
            i.problem(CERTIFICATE.name(), "<missing>", "ingress serves TLS only: set certificateArn (ALB) or tlsSecretName");
        }
        i.rejectUnknownKeys();
        return ingress;
    }
}
