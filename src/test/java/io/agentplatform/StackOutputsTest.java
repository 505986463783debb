package io.agentplatform;

import io.agentplatform.plan.Plan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data and monitoring outputs other teams depend on, exported by every platform stack with realistic values. */
class StackOutputsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void dataServiceOutputsNameEndpointsAndTheSecretButNeverThePassword(String stack) {
        Plan plan = StackPlans.of(stack);
        assertTrue(plan.output("databaseEndpoint").asText().endsWith(".eu-west-1.rds.amazonaws.com"));
        assertEquals(5432, plan.output("databasePort").asInt());
        assertEquals(StackPlans.config(stack).requireAws().database().databaseName(), plan.output("databaseName").asText());
        assertTrue(plan.output("databaseSecretArn").asText().startsWith("arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!"));
        assertTrue(plan.output("redisPrimaryEndpoint").asText().endsWith(".cache.amazonaws.com"));
        assertTrue(plan.output("redisReaderEndpoint").asText().endsWith(".cache.amazonaws.com"));
        assertEquals(6379, plan.output("redisPort").asInt());
        for (String name : List.of("password", "databasePassword", "redisAuthToken")) {
            assertTrue(plan.output(name).isMissingNode(), name + " must never be an output");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production", "pr", "local"})
    void everyStackExportsTheImageItDeploysForPreviewsToCompareAgainst(String stack) {
        assertEquals(StackPlans.config(stack).agent().image(), StackPlans.of(stack).output("agentImage").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void monitoringOutputsTellHowToReachGrafanaPrometheusAndAlertmanager(String stack) {
        Plan plan = StackPlans.of(stack);
        assertEquals("monitoring", plan.output("monitoringNamespace").asText());
        assertTrue(plan.output("grafanaUrl").asText().contains("grafana"));
        assertTrue(plan.output("prometheusService").asText().matches("[a-z0-9-]+\\.monitoring\\.svc:9090"));
        assertTrue(plan.output("alertmanagerService").asText().matches("[a-z0-9-]+\\.monitoring\\.svc:9093"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theDatabaseAndCacheAdmitOnlyTheClusterSecurityGroup(String stack) {
        Plan plan = StackPlans.of(stack);
        String clusterSg = plan.output("clusterSecurityGroupId").asText();
        plan.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> List.of(5432, 6379).contains(r.input("fromPort").asInt()))
                .forEach(r -> {
                    assertEquals(clusterSg, r.input("referencedSecurityGroupId").asText(), r.name());
                    assertTrue(r.input("cidrIpv4").isMissingNode() || r.input("cidrIpv4").isNull(), r.name());
                });
    }
}
