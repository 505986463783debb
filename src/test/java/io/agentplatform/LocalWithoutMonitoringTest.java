package io.agentplatform;

import io.agentplatform.plan.Plan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code monitoring.enabled: false} on the local stack (what scripts/cluster-test.sh sets, where no chart can be
 * downloaded): no Helm release and no custom object that needs the charts' CRDs, while the agent and its in-cluster
 * data are all there, and the Grafana password is no longer required.
 */
class LocalWithoutMonitoringTest {
    /** WHEN the local stack is planned with {@code monitoring.enabled: false}. */
    private static Plan plan() {
        return TestStacks.of("local").with("monitoring.enabled", false).plan();
    }

    @Test
    void noHelmReleaseAndNoObjectOfTheChartsCrds() {
        assertEquals(0, plan().ofType("kubernetes:helm.sh/v3:Release").size());
        assertEquals(0, plan().ofType("kubernetes:monitoring.coreos.com/v1:ServiceMonitor").size());
        assertEquals(0, plan().ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").size());
        assertFalse(plan().outputs().has("grafanaUrl"));
        assertTrue(StackPlans.of("local").ofType("kubernetes:helm.sh/v3:Release").size() > 0,
                "the committed local stack keeps its monitoring");
    }

    @Test
    void theAgentAndItsInClusterDataAreStillDeployed() {
        assertEquals(1, plan().ofType("kubernetes:apps/v1:Deployment").size());
        assertEquals(2, plan().ofType("kubernetes:apps/v1:StatefulSet").size());
        assertTrue(plan().outputs().has("appNamespace"));
    }

    @Test
    void grafanaPasswordIsNotRequiredWithoutMonitoring() {
        assertTrue(plan().warnings().stream().noneMatch(w -> w.contains("grafanaAdminPassword")), plan().warnings().toString());
        assertTrue(StackPlans.of("local").warnings().stream().anyMatch(w -> w.contains("grafanaAdminPassword")));
    }
}
