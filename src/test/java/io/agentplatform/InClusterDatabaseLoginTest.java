package io.agentplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.incluster.InClusterData;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import io.agentplatform.workload.AgentWorkload;
import io.agentplatform.workload.DatabaseMigration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ephemeral and local stacks: the in-cluster PostgreSQL's superuser password is mounted only by the migration Job;
 * the service pods log in as the application role with a password of its own.
 */
class InClusterDatabaseLoginTest {

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    private static List<String> secretVolumes(JsonNode podSpec) {
        return podSpec.path("volumes").findValues("secretName").stream().map(JsonNode::asText).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pr", "local"})
    void onlyTheMigrationJobMountsTheSuperuserPassword(String stack) {
        Plan plan = StackPlans.of(stack);
        JsonNode pods = plan.ofType("kubernetes:apps/v1:Deployment").get(0).input("spec.template.spec");
        JsonNode job = plan.ofType("kubernetes:batch/v1:Job").get(0).input("spec.template.spec");
        assertFalse(secretVolumes(pods).contains(InClusterData.SECRET_NAME), "service pods: " + secretVolumes(pods));
        assertTrue(secretVolumes(pods).contains(AgentWorkload.APP_DB_SECRET));
        assertTrue(secretVolumes(job).containsAll(List.of(InClusterData.SECRET_NAME, AgentWorkload.APP_DB_SECRET)));
        PlannedResource appSecret = plan.matching(r -> r.type().equals("kubernetes:core/v1:Secret")
                && r.input("metadata.name").asText().equals(AgentWorkload.APP_DB_SECRET)).get(0);
        JsonNode stringData = appSecret.input("stringData");
        assertTrue(stringData.isObject() && stringData.size() > 0, "the Secret keeps its keys: " + stringData);
        stringData.forEach(v -> assertEquals("[secret]", v.asText(), "the derived password stays a secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pr", "local"})
    void thePostgresqlPodsAdmitTheMigrationPodsOnPostgresOnly(String stack) {
        Plan plan = StackPlans.of(stack);
        Map<String, String> jobPods = labels(plan.ofType("kubernetes:batch/v1:Job").get(0).input("spec.template.metadata.labels"));
        Map<String, String> agentPods = labels(plan.ofType("kubernetes:apps/v1:Deployment").get(0).input("spec.template.metadata.labels"));
        PlannedResource policy = plan.matching(r -> r.type().equals("kubernetes:networking.k8s.io/v1:NetworkPolicy")
                && r.input("metadata.name").asText().equals("allow-agent-to-data")).get(0);
        boolean migrationToPostgres = false;
        for (JsonNode rule : policy.input("spec.ingress")) {
            Map<String, String> from = labels(rule.path("from").path(0).path("podSelector").path("matchLabels"));
            List<Integer> ports = rule.path("ports").findValues("port").stream().map(JsonNode::asInt).toList();
            if (selects(from, jobPods)) {
                assertEquals(List.of(5432), ports, "the Job needs PostgreSQL only");
                migrationToPostgres = true;
            }
            if (selects(from, agentPods)) {
                assertTrue(ports.containsAll(List.of(5432, 6379)));
            }
        }
        assertTrue(migrationToPostgres, "the Job reaches PostgreSQL");
        assertTrue(jobPods.get("app.kubernetes.io/name").equals("agent-migrate"), jobPods.toString());
        assertEquals(DatabaseMigration.SERVICE_ACCOUNT,
                plan.ofType("kubernetes:batch/v1:Job").get(0).input("spec.template.spec.serviceAccountName").asText());
    }
}
