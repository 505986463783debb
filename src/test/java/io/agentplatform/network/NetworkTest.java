package io.agentplatform.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {

    @Test
    void devSharesOneNatGatewayWhileProductionHasOnePerZone() {
        assertEquals(1, StackPlans.dev().ofType("aws:ec2/natGateway:NatGateway").size());
        int productionZones = StackPlans.config("production").requireAws().network().availabilityZoneCount();
        assertEquals(3, productionZones);
        assertEquals(productionZones, StackPlans.production().ofType("aws:ec2/natGateway:NatGateway").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyZoneHasAPublicAPrivateAndAnIsolatedDatabaseSubnet(String stack) {
        Plan plan = StackPlans.of(stack);
        int zones = StackPlans.config(stack).requireAws().network().availabilityZoneCount();
        for (String tier : List.of("public", "private", "database")) {
            assertEquals(zones, plan.matching(r -> r.type().equals("aws:ec2/subnet:Subnet")
                    && tier.equals(r.input("tags.tier").asText())).size(), tier + " subnets");
        }
        assertTrue(plan.ofType("aws:ec2/subnet:Subnet").stream().noneMatch(s -> s.input("mapPublicIpOnLaunch").asBoolean()),
                "no subnet hands out public IPs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void onlyPublicAndPrivateRouteTablesLeaveTheVpcAndDatabaseSubnetsHaveNoRouteOut(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource databaseTable = plan.matching(r -> r.type().equals("aws:ec2/routeTable:RouteTable")
                && r.name().endsWith("database-rt")).get(0);
        assertTrue(plan.ofType("aws:ec2/route:Route").stream().noneMatch(r -> r.dependsOn(databaseTable.urn())));
        assertTrue(plan.ofType("aws:ec2/route:Route").stream().filter(r -> r.name().contains("private-default-route"))
                .allMatch(r -> r.input("natGatewayId").asText().startsWith("nat-")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void flowLogsGoToCloudWatchWithTheConfiguredRetention(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource flowLog = plan.ofType("aws:ec2/flowLog:FlowLog").get(0);
        assertEquals("ALL", flowLog.input("trafficType").asText());
        assertEquals("cloud-watch-logs", flowLog.input("logDestinationType").asText());
        PlannedResource group = plan.matching(r -> r.type().equals("aws:cloudwatch/logGroup:LogGroup")
                && r.input("name").asText().endsWith("/flow-logs")).get(0);
        assertEquals(StackPlans.config(stack).requireAws().network().flowLogRetentionDays(), group.input("retentionInDays").asInt());
        assertTrue(flowLog.dependsOn(group.urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyLogGroupIsEncryptedWithACustomerManagedKey(String stack) {
        for (PlannedResource group : StackPlans.of(stack).ofType("aws:cloudwatch/logGroup:LogGroup")) {
            assertTrue(group.input("kmsKeyId").asText().startsWith("arn:aws:kms:"), group.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theDefaultSecurityGroupIsLockedDown(String stack) {
        PlannedResource sg = StackPlans.of(stack).ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").get(0);
        assertFalse(sg.inputs().has("ingress") && sg.input("ingress").size() > 0);
        assertFalse(sg.inputs().has("egress") && sg.input("egress").size() > 0);
    }

    @Test
    void subnetsCarryLoadBalancerDiscoveryAndClusterTags() {
        Plan plan = StackPlans.dev();
        String clusterTag = "kubernetes.io/cluster/" + plan.output("clusterName").asText();
        for (PlannedResource subnet : plan.ofType("aws:ec2/subnet:Subnet")) {
            JsonNode tags = subnet.input("tags");
            switch (tags.path("tier").asText()) {
                case "public" -> assertEquals("1", tags.path("kubernetes.io/role/elb").asText());
                case "private" -> assertEquals("1", tags.path("kubernetes.io/role/internal-elb").asText());
                default -> assertFalse(tags.has("kubernetes.io/role/elb") || tags.has("kubernetes.io/role/internal-elb"));
            }
            if (!tags.path("tier").asText().equals("database")) {
                assertEquals("shared", tags.path(clusterTag).asText(), subnet.name());
            }
        }
    }

    @Test
    void anS3GatewayEndpointServesPrivateAndDatabaseRouteTables() {
        Plan plan = StackPlans.production();
        PlannedResource s3 = plan.matching(r -> r.type().equals("aws:ec2/vpcEndpoint:VpcEndpoint")
                && r.input("vpcEndpointType").asText().equals("Gateway")).get(0);
        assertEquals("com.amazonaws.eu-west-1.s3", s3.input("serviceName").asText());
        assertEquals(4, s3.input("routeTableIds").size(), "three private route tables and the database one");
        int interfaceEndpoints = StackPlans.config("production").requireAws().network().interfaceEndpoints().size();
        assertEquals(interfaceEndpoints, plan.matching(r -> r.type().equals("aws:ec2/vpcEndpoint:VpcEndpoint")
                && r.input("vpcEndpointType").asText().equals("Interface")).size());
    }
}
