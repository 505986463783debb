package io.agentplatform.nodegroups;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.config.NodeGroupSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.pulumi.core.Output;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeGroupsTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void nodeGroupsRunTheClustersKubernetesVersionSoAnUpgradeRollsTheNodesAfterTheControlPlane(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource cluster = plan.ofType("aws:eks/cluster:Cluster").get(0);
        for (PlannedResource group : plan.ofType("aws:eks/nodeGroup:NodeGroup")) {
            assertEquals(cluster.input("version").asText(), group.input("version").asText(), group.name());
            assertTrue(group.dependsOn(cluster.urn()), group.name() + " waits for the control plane");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void nodeGroupsRunOnlyInPrivateSubnets(String stack) {
        Plan plan = StackPlans.of(stack);
        Set<String> privateSubnets = new HashSet<>();
        plan.output("privateSubnetIds").forEach(s -> privateSubnets.add(s.asText()));
        for (PlannedResource group : plan.ofType("aws:eks/nodeGroup:NodeGroup")) {
            Set<String> used = new HashSet<>();
            group.input("subnetIds").forEach(s -> used.add(s.asText()));
            assertEquals(privateSubnets, used, group.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyLaunchTemplateRequiresImdsV2AndEncryptsItsGp3Volume(String stack) {
        for (PlannedResource lt : StackPlans.of(stack).ofType("aws:ec2/launchTemplate:LaunchTemplate")) {
            assertEquals("required", lt.input("metadataOptions.httpTokens").asText(), lt.name());
            assertEquals(1, lt.input("metadataOptions.httpPutResponseHopLimit").asInt(), lt.name());
            JsonNode ebs = lt.input("blockDeviceMappings.0.ebs");
            assertEquals("true", ebs.path("encrypted").asText());
            assertEquals("gp3", ebs.path("volumeType").asText());
            assertFalse(lt.inputs().has("networkInterfaces"), "no public IP association");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void nodeGroupsFollowTheirConfigKeyedByName(String stack) {
        Plan plan = StackPlans.of(stack);
        Map<String, NodeGroupSettings> configured = StackPlans.config(stack).requireAws().nodeGroups();
        assertEquals(configured.size(), plan.ofType("aws:eks/nodeGroup:NodeGroup").size());
        configured.forEach((name, settings) -> {
            PlannedResource group = plan.named("aws:eks/nodeGroup:NodeGroup", "agent-platform-" + stack + "-nodes-" + name);
            assertEquals(settings.minSize(), group.input("scalingConfig.minSize").asInt());
            assertEquals(settings.maxSize(), group.input("scalingConfig.maxSize").asInt());
            assertEquals(settings.capacityType().name(), group.input("capacityType").asText());
            assertEquals(settings.maxUnavailable(), group.input("updateConfig.maxUnavailable").asInt());
            settings.labels().forEach((k, v) -> assertEquals(v, group.input("labels").path(k).asText()));
            assertEquals(settings.taints().size(), group.input("taints").size());
            assertTrue(group.options().ignoreChanges().isEmpty(), "config owns the size: no autoscaler scales managed groups");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyGroupLabelsItsNodesWithItsOwnNameAsNodeRole(String stack) {
        for (String name : StackPlans.config(stack).requireAws().nodeGroups().keySet()) {
            PlannedResource group = StackPlans.of(stack).named("aws:eks/nodeGroup:NodeGroup",
                    "agent-platform-" + stack + "-nodes-" + name);
            assertEquals(name, group.input("labels").path("node-role").asText(), group.name());
        }
    }

    @Test
    void theSelectorOfAGroupMatchesTheLabelItsNodesCarry() {
        NodeGroupsOutputs outputs = new NodeGroupsOutputs(Output.of("arn"), List.of(), Set.of("system", "workloads"));
        assertEquals(Map.of("node-role", "workloads"), outputs.selector("workloads"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> outputs.selector("gpu"));
        assertTrue(e.getMessage().contains("'gpu'") && e.getMessage().contains("workloads"), e.getMessage());
    }

    /** The managed groups hold the cluster services only; the workloads group moved to Karpenter (issue 20). */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void onlyTheSystemGroupIsManagedAndItRunsOnDemandGravitonNodes(String stack) {
        List<PlannedResource> groups = StackPlans.of(stack).ofType("aws:eks/nodeGroup:NodeGroup");
        assertEquals(List.of("agent-platform-" + stack + "-nodes-system"), groups.stream().map(PlannedResource::name).toList());
        assertEquals("ON_DEMAND", groups.get(0).input("capacityType").asText());
        assertEquals(NodeGroups.ARM_AMI_TYPE, groups.get(0).input("amiType").asText());
    }

    @Test
    void aGroupIsGravitonOnlyWhenEveryInstanceTypeIs() {
        assertTrue(group(List.of("t4g.medium", "m7g.large", "c6gn.large", "r8g.xlarge")).graviton());
        assertFalse(group(List.of("m7g.large", "m7i.large")).graviton());
        assertFalse(group(List.of("g5.xlarge")).graviton(), "g5 is an NVIDIA GPU family on x86");
        assertFalse(group(List.of("m7i-flex.large", "m7a.large")).graviton());
    }

    private static NodeGroupSettings group(List<String> instanceTypes) {
        return NodeGroupSettings.builder().instanceTypes(instanceTypes).capacityType(NodeGroupSettings.CapacityType.ON_DEMAND)
                .minSize(1).maxSize(2).desiredSize(1).diskSizeGiB(20).maxUnavailable(1).labels(Map.of()).taints(List.of()).build();
    }

    @Test
    void theNodeRoleHasOnlyTheManagedPoliciesNodesNeed() {
        Set<String> attached = new HashSet<>();
        StackPlans.dev().matching(r -> r.type().equals("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                && r.name().contains("-nodes-")).forEach(a -> attached.add(a.input("policyArn").asText()));
        assertEquals(Set.of("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"), attached);
    }
}
