package io.agentplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.Tags;
import io.agentplatform.incluster.InClusterData;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import io.agentplatform.workload.AgentWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent reaches its data the way the data services say (their {@code connection()} views), over the real
 * program and the committed stacks: the host, port and TLS of what was built, the network peers of where it lives,
 * and the one region of the stack.
 */
class DataConnectionTest {
    private static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    private static Map<String, String> agentConfig(Plan plan) {
        PlannedResource configMap = plan.matching(r -> r.type().equals("kubernetes:core/v1:ConfigMap")
                && r.input("metadata.name").asText().equals(AgentWorkload.CONFIG_MAP)).get(0);
        return strings(configMap.input("data"));
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static PlannedResource agentPolicy(Plan plan, String part) {
        return plan.matching(r -> r.type().equals(NETWORK_POLICY)
                && r.input("metadata.name").asText().equals(AgentWorkload.APP + "-" + part)).get(0);
    }

    /** The egress rule of a policy towards one port. */
    private static JsonNode egressTo(PlannedResource policy, int port) {
        for (JsonNode rule : policy.input("spec.egress")) {
            if (rule.path("ports").findValues("port").stream().anyMatch(p -> p.asInt() == port)) {
                return rule;
            }
        }
        throw new AssertionError("no egress rule to port " + port + " in " + policy.name());
    }

    private static List<String> ipBlocks(JsonNode rule) {
        return rule.path("to").findValues("cidr").stream().map(JsonNode::asText).toList();
    }

    private static List<String> subnetCidrs(Plan plan, String tier) {
        return plan.matching(r -> r.type().equals("aws:ec2/subnet:Subnet") && r.input("tags.tier").asText().equals(tier))
                .stream().map(r -> r.input("cidrBlock").asText()).sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void whenTheAgentRunsOnAPlatformStack_thenItConnectsToTheRdsInstanceWithTls(String stack) {
        Plan plan = StackPlans.of(stack);
        Map<String, String> config = agentConfig(plan);
        assertEquals(plan.output("databaseEndpoint").asText(), config.get("DB_HOST"));
        assertEquals(plan.output("databasePort").asText(), config.get("DB_PORT"));
        assertEquals(plan.output("databaseName").asText(), config.get("DB_NAME"));
        assertEquals("require", config.get("DB_SSL_MODE"), "RDS forces TLS, so the agent asks for it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void whenTheAgentRunsOnAPlatformStack_thenItConnectsToTheCachePrimaryWithTls(String stack) {
        Plan plan = StackPlans.of(stack);
        Map<String, String> config = agentConfig(plan);
        assertEquals(plan.output("redisPrimaryEndpoint").asText(), config.get("REDIS_HOST"));
        assertEquals(plan.output("redisPort").asText(), config.get("REDIS_PORT"));
        assertEquals("true", config.get("REDIS_TLS"), "ElastiCache requires transit encryption");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void whenTheAgentRunsOnAPlatformStack_thenItsDataEgressGoesToTheSubnetsTheNetworkBuilt(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource data = agentPolicy(plan, "allow-data");
        assertEquals(subnetCidrs(plan, "database"), ipBlocks(egressTo(data, 5432)).stream().sorted().toList());
        assertEquals(subnetCidrs(plan, "private"), ipBlocks(egressTo(data, 6379)).stream().sorted().toList(),
                "the cache nodes live in the private subnets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void whenTheNetworkHasAnStsEndpoint_thenTheAgentReachesStsInThePrivateSubnetsOnly(String stack) {
        Plan plan = StackPlans.of(stack);
        JsonNode sts = egressTo(agentPolicy(plan, "allow-aws-sts"), 443);
        assertEquals(subnetCidrs(plan, "private"), ipBlocks(sts).stream().sorted().toList());
        assertTrue(sts.path("to").findValues("except").isEmpty(), sts.toString());
    }

    @Test
    void whenTheNetworkHasNoStsEndpoint_thenTheAgentReachesStsOutsideTheVpc() {
        Plan plan = StackPlans.of("dev");
        JsonNode sts = egressTo(agentPolicy(plan, "allow-aws-sts"), 443);
        String vpc = plan.ofType("aws:ec2/vpc:Vpc").get(0).input("cidrBlock").asText();
        assertEquals(List.of("0.0.0.0/0"), ipBlocks(sts));
        assertEquals(vpc, sts.path("to").path(0).path("ipBlock").path("except").path(0).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void whenAStackBuildsInAws_thenEveryRegionTheAgentUsesIsTheProvidersRegion(String stack) {
        Plan plan = StackPlans.of(stack);
        String region = plan.ofType("pulumi:providers:aws").get(0).input("region").asText();
        PlannedResource store = plan.ofType("kubernetes:external-secrets.io/v1:SecretStore").get(0);
        assertEquals(region, store.input("spec.provider.aws.region").asText());
        assertEquals(region, agentConfig(plan).get("AWS_REGION"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pr", "local"})
    void whenTheAgentUsesInClusterData_thenItConnectsToTheServicesInClusterDataBuiltWithoutTls(String stack) {
        Plan plan = StackPlans.of(stack);
        Map<String, String> config = agentConfig(plan);
        for (String service : List.of(InClusterData.POSTGRES, InClusterData.REDIS)) {
            PlannedResource svc = plan.matching(r -> r.type().equals("kubernetes:core/v1:Service")
                    && r.input("metadata.name").asText().equals(service)).get(0);
            String host = service + "." + svc.input("metadata.namespace").asText() + ".svc.cluster.local";
            String port = svc.input("spec.ports.0.port").asText();
            String prefix = service.equals(InClusterData.POSTGRES) ? "DB" : "REDIS";
            assertEquals(host, config.get(prefix + "_HOST"), stack + ": " + service);
            assertEquals(port, config.get(prefix + "_PORT"), stack + ": " + service);
        }
        assertEquals("disable", config.get("DB_SSL_MODE"), "the in-cluster PostgreSQL offers no TLS");
        assertEquals("false", config.get("REDIS_TLS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pr", "local"})
    void whenTheAgentUsesInClusterData_thenItsDataEgressSelectsTheDataPods(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource data = agentPolicy(plan, "allow-data");
        for (String set : List.of(InClusterData.POSTGRES, InClusterData.REDIS)) {
            Map<String, String> podLabels = strings(plan.matching(r -> r.type().equals("kubernetes:apps/v1:StatefulSet")
                    && r.input("metadata.name").asText().equals(set)).get(0).input("spec.template.metadata.labels"));
            int port = set.equals(InClusterData.POSTGRES) ? 5432 : 6379;
            JsonNode rule = egressTo(data, port);
            assertTrue(ipBlocks(rule).isEmpty(), "pods, not address ranges: " + rule);
            Map<String, String> selector = strings(rule.path("to").path(0).path("podSelector").path("matchLabels"));
            assertTrue(!selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet()),
                    set + " pods " + podLabels + " selected by " + selector);
        }
    }

    @Test
    void whenAStackHasNoAwsRegion_thenAnAwsComponentIsRefusedByName() {
        PlatformContext kubernetesOnly = new PlatformContext(new Naming("agent-platform", "pr-1"),
                new Tags("agent-platform", "ephemeral", "team", Map.of()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> kubernetesOnly.requireAwsRegion("agent-platform-pr-1-database"));
        assertTrue(e.getMessage().contains("agent-platform-pr-1-database") && e.getMessage().contains("pr-1"),
                e.getMessage());
    }
}
