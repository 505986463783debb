package io.agentplatform.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every dashboard file is provisioned to Grafana through a labelled ConfigMap, unchanged. */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDashboardFileIsAConfigMapForTheGrafanaSidecar() throws IOException {
        Plan plan = StackPlans.of("staging");
        List<PlannedResource> maps = plan.matching(r -> r.type().equals("kubernetes:core/v1:ConfigMap")
                && r.input("metadata.labels.grafana_dashboard").asText().equals("1"));
        Set<String> provisioned = new TreeSet<>();
        for (PlannedResource m : maps) {
            assertEquals("monitoring", m.input("metadata.namespace").asText());
            m.input("data").fields().forEachRemaining(e -> provisioned.add(e.getKey()));
        }
        Set<String> files = new TreeSet<>();
        for (Path file : MetricNamesTest.dashboardFiles()) {
            String name = file.getFileName().toString();
            files.add(name);
            PlannedResource map = maps.stream().filter(m -> m.input("data").has(name)).findFirst().orElseThrow();
            assertEquals(JSON.readTree(file.toFile()), JSON.readTree(map.input("data").path(name).asText()),
                    name + " is provisioned as committed");
        }
        assertEquals(files, provisioned);
    }

    @Test
    void dashboardsHaveStableUidsAndUseOnlyTheProvisionedDatasources() throws IOException {
        Set<String> uids = new TreeSet<>();
        for (Path file : MetricNamesTest.dashboardFiles()) {
            JsonNode d = JSON.readTree(file.toFile());
            assertTrue(d.path("uid").asText().matches("[a-z0-9-]+"), file + " uid");
            uids.add(d.path("uid").asText());
            for (JsonNode ds : d.findValues("datasource")) {
                assertTrue(Set.of("prometheus", "loki").contains(ds.path("uid").asText()), file + ": " + ds);
            }
        }
        assertEquals(Set.of("agent-red", "platform-overview"), uids);
    }
}
