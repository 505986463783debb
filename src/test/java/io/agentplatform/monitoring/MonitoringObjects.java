package io.agentplatform.monitoring;

import io.agentplatform.PlanQueries;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;

import java.util.List;

/** The monitoring stack's objects in the real plan of a committed stack: its releases, its resources, the agent's CRs. */
final class MonitoringObjects {
    static final String COMPONENT = Monitoring.TYPE;
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String SERVICE_MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
    static final String PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
    static final String STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass";

    private MonitoringObjects() {}

    /** Every resource of the Monitoring component (the AgentObservability CRs belong to the agent, not here). */
    static List<PlannedResource> component(Plan plan) {
        return PlanQueries.underComponent(plan, COMPONENT);
    }

    static PlannedResource release(Plan plan, String releaseName) {
        List<PlannedResource> found = plan.matching(r -> r.type().equals(RELEASE) && r.input("name").asText().equals(releaseName));
        if (found.size() != 1) {
            throw new AssertionError("expected one release named " + releaseName + " in " + plan.stack() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The releases of the monitoring stack itself (the cluster services have their own). */
    static List<PlannedResource> releases(Plan plan) {
        return PlanQueries.ofType(component(plan), RELEASE);
    }

    /** The name of the platform's one StorageClass, which the monitoring volumes claim. */
    static String storageClassName(Plan plan) {
        List<PlannedResource> classes = plan.ofType(STORAGE_CLASS);
        if (classes.size() != 1) {
            throw new AssertionError("expected one StorageClass in " + plan.stack() + ", found " + classes.size());
        }
        return classes.get(0).input("metadata.name").asText();
    }
}
