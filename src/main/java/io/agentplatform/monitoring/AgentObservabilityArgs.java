package io.agentplatform.monitoring;

import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link AgentObservability}.
 *
 * @param namespace          namespace of the agent Service (and of its ServiceMonitor and PrometheusRule)
 * @param serviceSelector    labels of the agent Service, e.g. {@code app.kubernetes.io/name=agent}
 * @param metricsPortName    name of the Service port that serves {@code /metrics} (the management port)
 * @param job                value of the {@code job} label of the scraped series, used by every alert
 * @param availabilityTarget availability SLO over 30 days, e.g. {@code 0.995}
 * @param p99LatencySeconds  p99 latency above which the latency alert fires
 * @param runbookBaseUrl     where {@code docs/runbooks.md} is published; each alert links {@code <base>#<alert>}
 * @param crdsReady          the release that installs the Prometheus Operator CRDs ({@link Monitoring#crdsReady()})
 * @param after              what else must exist first, e.g. the agent's Namespace
 */
public record AgentObservabilityArgs(String namespace, Map<String, String> serviceSelector, String metricsPortName,
                                     String job, double availabilityTarget, double p99LatencySeconds,
                                     String runbookBaseUrl, Resource crdsReady, List<Resource> after) {

    public AgentObservabilityArgs {
        if (serviceSelector.isEmpty()) {
            throw new IllegalArgumentException("the agent ServiceMonitor needs at least one selector label");
        }
        if (!(availabilityTarget > 0 && availabilityTarget < 1)) {
            throw new IllegalArgumentException("availabilityTarget must be between 0 and 1, was " + availabilityTarget);
        }
        serviceSelector = Map.copyOf(serviceSelector);
        after = List.copyOf(after);
    }

    /** {@link #crdsReady} and {@link #after}: everything the custom resources wait for. */
    public List<Resource> dependencies() {
        List<Resource> all = new ArrayList<>(after);
        all.add(crdsReady);
        return all;
    }

    /** The agent's defaults: job {@code agent}, 99.5% availability, p99 under 2 s, runbooks in this repository. */
    public static AgentObservabilityArgs of(String namespace, Map<String, String> serviceSelector, String metricsPortName,
                                            Resource crdsReady) {
        return of(namespace, serviceSelector, metricsPortName, crdsReady, List.of());
    }

    /** The agent's defaults, created after {@code after} as well (e.g. the namespace it lives in). */
    public static AgentObservabilityArgs of(String namespace, Map<String, String> serviceSelector, String metricsPortName,
                                            Resource crdsReady, List<Resource> after) {
        return new AgentObservabilityArgs(namespace, serviceSelector, metricsPortName, "agent", 0.995, 2.0,
                "docs/runbooks.md", crdsReady, after);
    }
}
