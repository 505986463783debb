package io.agentplatform.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deploy critical path and the serialization rule, on hand-made graphs small enough to check by hand. */
class DeployGraphTest {

    private static DeployGraph.Node node(String id, String type, int seconds, String... waitsFor) {
        return new DeployGraph.Node(id, type, id, true, seconds, Set.of(waitsFor));
    }

    @Test
    void theCriticalPathIsTheLongestChainByCreateTimeNotByResourceCount() {
        // vpc(10) → subnet(5) → cluster(600) → nodes(300)
        //                    ↘ nat(120) → route(5) → route2(5) → route3(5)   (more resources, less time)
        DeployGraph graph = new DeployGraph(List.of(
                node("vpc", "aws:ec2/vpc:Vpc", 10),
                node("subnet", "aws:ec2/subnet:Subnet", 5, "vpc"),
                node("cluster", "aws:eks/cluster:Cluster", 600, "subnet"),
                node("nodes", "aws:eks/nodeGroup:NodeGroup", 300, "cluster", "subnet"),
                node("nat", "aws:ec2/natGateway:NatGateway", 120, "subnet")));
        DeployGraph.Path path = graph.criticalPath();
        assertEquals(915, path.seconds());
        assertEquals(List.of("vpc", "subnet", "cluster", "nodes"), path.urns());
        assertEquals(135, graph.finish("nat"));
    }

    @Test
    void componentsTakeNoTimeAndAreLeftOutOfThePath() {
        DeployGraph graph = new DeployGraph(List.of(
                new DeployGraph.Node("component", "agent-platform:aws:Network", "component", false, 0, Set.of("vpc")),
                node("vpc", "aws:ec2/vpc:Vpc", 10),
                node("db", "aws:rds/instance:Instance", 600, "component")));
        assertEquals(List.of("vpc", "db"), graph.criticalPath().urns());
        assertEquals(610, graph.criticalPath().seconds());
    }

    @Test
    void aDatabaseWaitingForTheClusterOnlyForASecurityGroupIdIsFlaggedWithTheTimeItLoses() {
        DeployGraph graph = new DeployGraph(List.of(
                node("subnet", "aws:ec2/subnet:Subnet", 5),
                node("cluster", "aws:eks/cluster:Cluster", 600, "subnet"),
                node("db-sg", "aws:ec2/securityGroup:SecurityGroup", 5, "cluster"),
                node("db", "aws:rds/instance:Instance", 600, "db-sg", "subnet"),
                node("cache", "aws:elasticache/replicationGroup:ReplicationGroup", 600, "cluster", "subnet")));
        List<String> warnings = graph.serializationWarnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("cache (") && warnings.get(0).contains("600 s later"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("db (") && warnings.get(1).contains("(via db-sg)")
                && warnings.get(1).contains("605 s later"), warnings.get(1));
    }

    @Test
    void aDatabaseAdmittingTheClusterThroughASeparateIngressRuleIsNotFlagged() {
        // The platform's own shape: the rule waits for the cluster, the database does not.
        DeployGraph graph = new DeployGraph(List.of(
                node("cluster", "aws:eks/cluster:Cluster", 600),
                node("db-sg", "aws:ec2/securityGroup:SecurityGroup", 5),
                node("db", "aws:rds/instance:Instance", 600, "db-sg"),
                node("from-cluster", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", 5, "db-sg", "cluster")));
        assertEquals(List.of(), graph.serializationWarnings());
    }

    @Test
    void aDataServiceThatNeedsSomethingSlowForAnotherReasonIsNotFlagged() {
        DeployGraph graph = new DeployGraph(List.of(
                node("cluster", "aws:eks/cluster:Cluster", 600),
                node("export-role", "aws:iam/role:Role", 10, "cluster"),
                node("db", "aws:rds/instance:Instance", 600, "export-role")));
        assertEquals(List.of(), graph.serializationWarnings());
    }

    @Test
    void aPlanGraphAddsTheProviderAsSomethingEveryResourceWaitsFor() {
        Plan plan = new TinyPlans("t")
                .resource("aws:eks/cluster:Cluster", "cluster", null, null, Map.of())
                .plan();
        String cluster = plan.named("aws:eks/cluster:Cluster", "cluster").urn();
        Plan withK8s = new Plan("p", "t", "dev", List.of(plan.resources().get(0),
                new PlannedResource("urn:k8s-provider", "pulumi:providers:kubernetes", "k8s", null, true, null,
                        Plan.JSON.createObjectNode(), List.of(cluster), new PlannedResource.Options(false, false, List.of(), List.of(), false)),
                new PlannedResource("urn:release", "kubernetes:helm.sh/v3:Release", "release", null, true, "urn:k8s-provider",
                        Plan.JSON.createObjectNode(), List.of(), new PlannedResource.Options(false, false, List.of(), List.of(), false))),
                Plan.JSON.createObjectNode(), List.of());
        DeployGraph.Path path = DeployGraph.of(withK8s, CreateTimes.standard()).criticalPath();
        assertEquals(720, path.seconds());
        assertEquals(List.of(cluster, "urn:release"), path.urns());
    }

    @Test
    void whatANodeWaitsForTransitivelyIsWhatADestroyDeletesAfterIt() {
        // pool → node-class → controller → nodes → cluster; the pool never waits for the unrelated nat.
        DeployGraph graph = new DeployGraph(List.of(
                node("cluster", "aws:eks/cluster:Cluster", 600),
                node("nodes", "aws:eks/nodeGroup:NodeGroup", 300, "cluster"),
                node("controller", "kubernetes:helm.sh/v3:Release", 60, "nodes"),
                node("node-class", "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", 5, "controller"),
                node("pool", "kubernetes:karpenter.sh/v1:NodePool", 60, "node-class"),
                node("nat", "aws:ec2/natGateway:NatGateway", 120)));
        assertEquals(Set.of("node-class", "controller", "nodes", "cluster"), graph.waitsForTransitively("pool"));
        assertEquals(Set.of(), graph.waitsForTransitively("cluster"));
    }
}
