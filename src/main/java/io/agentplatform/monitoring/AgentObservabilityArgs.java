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
 * @param slo                availability and latency objective (the thresholds of the alerts)
 * @param runbookBaseUrl     where {@code docs/runbooks.md} is published; each alert links {@code <base>#<alert>}
 * @param crdsReady          the release that installs the Prometheus Operator CRDs ({@link Monitoring#crdsReady()})
 * @param after              what else must exist first, e.g. the agent's Namespace
 */
public record AgentObservabilityArgs(String namespace, Map<String, String> serviceSelector, String metricsPortName,
                                     String job, AgentSlo slo, String runbookBaseUrl, Resource crdsReady,
                                     List<Resource> after) {
    /** The {@code job} label of the agent's series. */
    public static final String JOB = "agent";

    public AgentObservabilityArgs {
        if (serviceSelector.isEmpty()) {
            throw new IllegalArgumentException("the agent ServiceMonitor needs at least one selector label");
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

    /** The agent's defaults: job {@link #JOB}, {@link AgentSlo#DEFAULT}, runbooks in this repository. */
    public static AgentObservabilityArgs of(String namespace, Map<String, String> serviceSelector, String metricsPortName,
                                            Resource crdsReady) {
        return of(namespace, serviceSelector, metricsPortName, crdsReady, List.of());
    }

    /** The agent's defaults, created after {@code after} as well (e.g. the namespace it lives in). */
    public static AgentObservabilityArgs of(String namespace, Map<String, String> serviceSelector, String metricsPortName,
                                            Resource crdsReady, List<Resource> after) {
        return new AgentObservabilityArgs(namespace, serviceSelector, metricsPortName, JOB, AgentSlo.DEFAULT,
                "docs/runbooks.md", crdsReady, after);
    }
}
