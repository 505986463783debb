package io.agentplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentplatform.config.ConfigBinder;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.StackConfigSource;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlatformPlans;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code monitoring.enabled: false} on the local stack (what scripts/cluster-test.sh sets, where no chart can be
 * downloaded): no Helm release and no custom object that needs the charts' CRDs, while the agent and its in-cluster
 * data are all there, and the Grafana password is no longer required.
 */
class LocalWithoutMonitoringTest {
    private static Plan plan;

    private static synchronized Plan plan() {
        if (plan == null) {
            Path dir = StackPlans.projectDir();
            Map<String, JsonNode> raw = new LinkedHashMap<>(
                    StackConfigSource.rawConfig(dir, dir.resolve("Pulumi.local.yaml"), "agent-platform"));
            ObjectNode monitoring = ((ObjectNode) raw.get("agent-platform:monitoring")).deepCopy();
            monitoring.set("enabled", BooleanNode.FALSE);
            raw.put("agent-platform:monitoring", monitoring);
            PlatformConfig config = ConfigBinder.bind("agent-platform", "local", raw, Set.of(),
                    ConfigBinder.SecretMode.PLACEHOLDER);
            plan = PlatformPlans.run(config, Platform::define);
        }
        return plan;
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
