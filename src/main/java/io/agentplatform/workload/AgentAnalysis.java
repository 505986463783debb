package io.agentplatform.workload;

import io.agentplatform.config.DeliverySettings;
import io.agentplatform.monitoring.AgentObservabilityArgs;
import io.agentplatform.monitoring.AgentSlo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's AnalysisTemplate spec, a pure function: the 5xx ratio and the p99 latency of
 * {@code http_server_requests_seconds} for the new version's pods only (its {@code rollouts-pod-template-hash},
 * passed as the {@value #HASH_ARG} argument), against the thresholds of the alert rules ({@link AgentSlo}). Each
 * query is measured every {@code intervalSeconds} over the same window; a measurement fails unless Prometheus
 * returned a number within the threshold, so no data (an empty result, or NaN when the canary served nothing)
 * fails like a breach; {@code failureLimit} failures are tolerated, one more aborts the rollout and Argo Rollouts
 * returns all traffic to the stable version. A Prometheus that does not answer twice in a row errs the analysis,
 * which aborts too.
 */
final class AgentAnalysis {
    /** The argument carrying the new version's pod-template hash. */
    static final String HASH_ARG = "canary-hash";
    static final String ERROR_RATIO = "error-ratio";
    static final String P99_LATENCY = "p99-latency";

    private AgentAnalysis() {}

    static Map<String, Object> spec(String namespace, DeliverySettings.Analysis analysis, AgentSlo slo,
                                    String prometheusUrl) {
        String window = analysis.intervalSeconds() + "s";
        String canary = "job=\"" + AgentObservabilityArgs.JOB + "\", namespace=\"" + namespace + "\", "
                + AgentSlo.VERSION_LABEL + "=\"{{args." + HASH_ARG + "}}\"";
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("args", List.of(Map.of("name", HASH_ARG)));
        spec.put("metrics", List.of(
                metric(ERROR_RATIO, AgentSlo.errorRatio(canary, window), slo.canaryMaxErrorRatio(), analysis, prometheusUrl),
                metric(P99_LATENCY, AgentSlo.p99Latency(canary, window), slo.p99LatencySeconds(), analysis, prometheusUrl)));
        return spec;
    }

    /** A measurement succeeds only with a result at or below the limit: empty or NaN is a failure. */
    static String successCondition(double limit) {
        return "len(result) > 0 && !isNaN(result[0]) && result[0] <= " + AgentSlo.number(limit);
    }

    private static Map<String, Object> metric(String name, String query, double limit, DeliverySettings.Analysis a,
                                              String prometheusUrl) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("name", name);
        metric.put("interval", a.intervalSeconds() + "s");
        metric.put("failureLimit", a.failureLimit());
        metric.put("consecutiveErrorLimit", 2);
        metric.put("successCondition", successCondition(limit));
        metric.put("provider", Map.of("prometheus", Map.of("address", prometheusUrl, "timeout", 30, "query", query)));
        return metric;
    }
}
