package io.agentplatform.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The price and create-time tables: dated, sourced, and looked up by what the plan's inputs say. */
class PriceAndTimeTablesTest {
    private final PriceTable prices = PriceTable.forRegion("eu-west-1").orElseThrow();
    private static final String NODES = "agent-platform:aws:NodeGroups";

    @Test
    void thePriceTableIsDatedInUsdWithAwsPricingPagesAsSources() {
        assertTrue(prices.date().matches("\\d{4}-\\d{2}-\\d{2}"), prices.date());
        assertEquals("USD", prices.currency());
        assertEquals(730, prices.hoursPerMonth());
        assertTrue(PriceTable.load("insights/prices-eu-west-1.json").orElseThrow().number("ec2.spotPriceFactor").isPresent());
    }

    @Test
    void everyInstanceTypeClassAndNodeTypeOfTheCommittedStacksHasAPrice() {
        for (String type : List.of("t3.large", "t3a.large", "m6i.large", "m7i.large", "m6i.xlarge", "m7i.xlarge")) {
            assertTrue(prices.keyed("ec2.instanceHour", type).isPresent(), type);
        }
        for (String dbClass : List.of("db.t4g.micro", "db.t4g.medium", "db.r7g.large")) {
            assertTrue(prices.keyed("rds.instanceHour", dbClass).isPresent(), dbClass);
        }
        for (String node : List.of("cache.t4g.micro", "cache.t4g.small", "cache.r7g.large")) {
            assertTrue(prices.keyed("elasticache.nodeHour", node).isPresent(), node);
        }
    }

    @Test
    void aNodeGroupCostsDesiredNodesTimesItsFirstInstanceTypeAtSevenHundredThirtyHoursPlusRootVolumes() {
        Plan plan = new TinyPlans("t").provider("eu-west-1").component(NODES, "nodes")
                .resource("aws:eks/nodeGroup:NodeGroup", "ng", NODES, "nodes", Map.of("instanceTypes", List.of("t3.large", "m6i.large"),
                        "capacityType", "ON_DEMAND", "scalingConfig", Map.of("desiredSize", 2), "diskSize", 40))
                .plan();
        CostEstimator.Result cost = CostEstimator.estimate(plan);
        double expectedNodes = 0.0912 * 2 * 730;
        assertEquals(CostEstimator.cents(expectedNodes), cost.byCategory().get("EC2 nodes"), 0.001);
        assertEquals(CostEstimator.cents(40 * 2 * 0.088), cost.byCategory().get("EBS volumes"), 0.001);
        assertEquals(CostEstimator.cents(expectedNodes + 40 * 2 * 0.088), cost.byComponent().get("nodes"), 0.01);
        assertTrue(cost.unpriced().isEmpty());
    }

    @Test
    void spotNodeGroupsPayTheDocumentedFractionOfOnDemand() {
        Plan plan = new TinyPlans("t").provider("eu-west-1")
                .resource("aws:eks/nodeGroup:NodeGroup", "ng", null, null, Map.of("instanceTypes", List.of("t3.large"),
                        "capacityType", "SPOT", "scalingConfig", Map.of("desiredSize", 1)))
                .plan();
        assertEquals(CostEstimator.cents(0.0912 * 0.40 * 730), CostEstimator.estimate(plan).byCategory().get("EC2 nodes"), 0.001);
    }

    @Test
    void anUnknownInstanceTypeIsListedAsUnpricedWithTheReasonNeverCountedAsZero() {
        Plan plan = new TinyPlans("t").provider("eu-west-1")
                .resource("aws:eks/nodeGroup:NodeGroup", "gpu", null, null, Map.of("instanceTypes", List.of("p5.48xlarge"),
                        "scalingConfig", Map.of("desiredSize", 1)))
                .resource("aws:sagemaker/domain:Domain", "studio", null, null, Map.of())
                .plan();
        CostEstimator.Result cost = CostEstimator.estimate(plan);
        assertFalse(cost.byCategory().containsKey("EC2 nodes"));
        assertEquals(2, cost.unpriced().size(), cost.unpriced().toString());
        assertTrue(cost.unpriced().get(0).reason().contains("p5.48xlarge"), cost.unpriced().toString());
        assertEquals("no price rule for this type", cost.unpriced().get(1).reason());
    }

    @Test
    void multiAzDatabasesPayTwiceForInstanceAndStorageAndValkeyCachesGetTheValkeyDiscount() {
        Plan plan = new TinyPlans("t").provider("eu-west-1")
                .resource("aws:rds/instance:Instance", "db", null, null, Map.of("instanceClass", "db.r7g.large", "multiAz", true,
                        "allocatedStorage", 100, "storageType", "gp3"))
                .resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache", null, null,
                        Map.of("nodeType", "cache.r7g.large", "numCacheClusters", 3, "engine", "valkey"))
                .plan();
        CostEstimator.Result cost = CostEstimator.estimate(plan);
        assertEquals(CostEstimator.cents(0.266 * 2 * 730), cost.byCategory().get("RDS instances"), 0.001);
        assertEquals(CostEstimator.cents(100 * 2 * 0.127), cost.byCategory().get("RDS storage"), 0.001);
        assertEquals(CostEstimator.cents(0.243 * 0.80 * 3 * 730), cost.byCategory().get("ElastiCache nodes"), 0.001);
    }

    @Test
    void aRegionWithoutAPriceTableLeavesEverythingUnpricedAndSaysWhy() {
        Plan plan = new TinyPlans("t").provider("ap-south-2")
                .resource("aws:kms/key:Key", "key", null, null, Map.of()).plan();
        CostEstimator.Result cost = CostEstimator.estimate(plan);
        assertEquals(0, cost.monthlyUsd());
        assertEquals(1, cost.unpriced().size());
        assertTrue(cost.unpriced().get(0).reason().contains("no price table for region ap-south-2"));
    }

    @Test
    void createTimesComeFromTheTableWithVariantsPrefixesAndADefault() {
        CreateTimes times = CreateTimes.standard();
        assertEquals(600, times.seconds("aws:eks/cluster:Cluster"));
        assertEquals(300, times.seconds("aws:eks/nodeGroup:NodeGroup"));
        assertEquals(120, times.seconds("aws:ec2/natGateway:NatGateway"));
        assertEquals(120, times.seconds("kubernetes:helm.sh/v3:Release"));
        assertEquals(0, times.seconds("pulumi:providers:kubernetes"), "prefix entry");
        assertEquals(5, times.seconds("aws:ec2/subnet:Subnet"), "default for small resources");
        Plan plan = new TinyPlans("t")
                .resource("aws:rds/instance:Instance", "single", null, null, Map.of("multiAz", false))
                .resource("aws:rds/instance:Instance", "multi", null, null, Map.of("multiAz", true))
                .component("agent-platform:aws:Database", "db").plan();
        assertEquals(600, times.seconds(plan.named("aws:rds/instance:Instance", "single")));
        assertEquals(900, times.seconds(plan.named("aws:rds/instance:Instance", "multi")));
        assertEquals(0, times.seconds(plan.named("agent-platform:aws:Database", "db")), "components take no time");
    }
}
