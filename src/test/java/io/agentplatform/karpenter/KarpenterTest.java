package io.agentplatform.karpenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.config.KarpenterSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Karpenter as the committed stacks plan it: controller, identity, interruption handling, node class and pools. */
class KarpenterTest {
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String QUEUE = "aws:sqs/queue:Queue";
    static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final ObjectMapper JSON = new ObjectMapper();

    static PlannedResource release(Plan plan, String chart) {
        return plan.ofType(RELEASE).stream().filter(r -> r.input("chart").asText().equals(KarpenterArgs.CHART_REPOSITORY + "/" + chart))
                .findFirst().orElseThrow(() -> new AssertionError("no " + chart + " release in " + plan.stack()));
    }

    static PlannedResource one(Plan plan, String type) {
        List<PlannedResource> all = plan.ofType(type);
        assertEquals(1, all.size(), type + " in " + plan.stack());
        return all.get(0);
    }

    static PlannedResource nodeClass(Plan plan) {
        return one(plan, "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass");
    }

    static PlannedResource workloadsPool(Plan plan) {
        return plan.ofType("kubernetes:karpenter.sh/v1:NodePool").stream()
                .filter(p -> p.input("metadata.name").asText().equals(KarpenterSettings.WORKLOADS)).findFirst().orElseThrow();
    }

    static JsonNode json(PlannedResource r, String input) throws Exception {
        return JSON.readTree(r.input(input).asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void bothChartsComePinnedFromTheOfficialRepositoryAndTheControllerWaitsForTheCrdsOnly(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource crds = release(plan, "karpenter-crd");
        PlannedResource controller = release(plan, "karpenter");
        for (PlannedResource r : List.of(crds, controller)) {
            assertEquals("1.15.2", r.input("version").asText());
            assertTrue(r.input("chart").asText().startsWith("oci://public.ecr.aws/karpenter/"));
            assertEquals("kube-system", r.input("namespace").asText());
        }
        assertTrue(controller.dependsOn(crds.urn()));
        assertTrue(controller.input("skipCrds").asBoolean(), "the CRDs are karpenter-crd's, so Helm upgrades them");
        // The CRD chart has no pods: it waits for nothing but the cluster (through its provider).
        assertEquals(List.of(), crds.dependencies());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theControllerRunsOnTheSystemGroupReadsTheQueueAndUsesItsIrsaRole(String stack) {
        Plan plan = StackPlans.of(stack);
        JsonNode values = release(plan, "karpenter").input("values");
        PlannedResource queue = one(plan, QUEUE);
        // The queue is auto-named: its logical name plus the provider's random suffix.
        assertTrue(values.path("settings").path("interruptionQueue").asText().startsWith(queue.name() + "-"), values.toString());
        assertEquals("agent-platform-" + stack + "-eks", values.path("settings").path("clusterName").asText());
        assertEquals("system", values.path("nodeSelector").path("node-role").asText());
        PlannedResource role = plan.named("aws:iam/role:Role", "agent-platform-" + stack + "-karpenter-controller-role");
        String trust = role.input("assumeRolePolicy").asText();
        assertTrue(trust.contains("system:serviceaccount:kube-system:karpenter"), trust);
        String roleArn = values.path("serviceAccount").path("annotations").path("eks.amazonaws.com/role-arn").asText();
        assertTrue(roleArn.startsWith("arn:aws:iam::") && roleArn.contains(":role" + role.input("path").asText() + role.name() + "-"), roleArn);
    }

    @Test
    void theControllerPolicyIsScopedByClusterTagRegionAndNodeRole() throws Exception {
        Plan plan = StackPlans.production();
        JsonNode statements = json(plan.named("aws:iam/policy:Policy", "agent-platform-production-karpenter-controller-policy"),
                "policy").path("Statement");
        PlannedResource nodeRole = plan.named("aws:iam/role:Role", "agent-platform-production-karpenter-node-role");
        String nodeRoleArn = "arn:aws:iam::123456789012:role" + nodeRole.input("path").asText() + nodeRole.name();
        boolean passRoleScoped = false;
        boolean terminateScoped = false;
        boolean describeScoped = false;
        for (JsonNode s : statements) {
            String actions = s.path("Action").toString();
            String resources = s.path("Resource").toString();
            if (actions.contains("iam:PassRole")) {
                passRoleScoped = resources.contains(nodeRoleArn.substring(0, nodeRoleArn.lastIndexOf('/')))
                        && !resources.contains("\"*\"")
                        && s.path("Condition").path("StringEquals").path("iam:PassedToService").asText().equals("ec2.amazonaws.com");
            }
            if (actions.contains("ec2:TerminateInstances")) {
                terminateScoped = s.path("Condition").path("StringEquals")
                        .path("aws:ResourceTag/kubernetes.io/cluster/agent-platform-production-eks").asText().equals("owned")
                        && resources.contains("arn:aws:ec2:eu-west-1:");
            }
            if (actions.contains("ec2:DescribeInstances")) {
                describeScoped = s.path("Condition").path("StringEquals").path("aws:RequestedRegion").asText().equals("eu-west-1");
            }
            if (actions.contains("sqs:ReceiveMessage")) {
                assertFalse(resources.contains("*"), "only the interruption queue: " + resources);
            }
            // Nothing but reads of regional catalogues, the Price List API and instance profiles may be unscoped.
            if (resources.equals("\"*\"") && s.path("Condition").isMissingNode()) {
                assertTrue(actions.equals("\"pricing:GetProducts\"") || actions.equals("\"iam:GetInstanceProfile\""), actions);
            }
        }
        assertTrue(passRoleScoped && terminateScoped && describeScoped, statements.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void karpentersNodesHaveTheirOwnRoleAndJoinThroughAnEc2LinuxAccessEntry(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource entry = plan.named("aws:eks/accessEntry:AccessEntry", "agent-platform-" + stack + "-karpenter-node-access");
        assertEquals("EC2_LINUX", entry.input("type").asText());
        PlannedResource role = plan.named("aws:iam/role:Role", "agent-platform-" + stack + "-karpenter-node-role");
        assertTrue(entry.dependsOn(role.urn()));
        assertTrue(role.input("assumeRolePolicy").asText().contains("ec2.amazonaws.com"));
        assertEquals("/" + plan.project() + "/" + stack + "/", role.input("path").asText());
        assertEquals(List.of("path"), role.options().ignoreChanges(), "running nodes hold the role through Karpenter's"
                + " instance profiles and are admitted by its ARN: a role made under the former shared path stays there");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void karpentersNodeRoleHasOnlyTheManagedPoliciesNodesNeed(String stack) {
        Set<String> attached = new HashSet<>();
        for (PlannedResource a : StackPlans.of(stack).ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
            if (a.name().startsWith("agent-platform-" + stack + "-karpenter-node-")) {
                attached.add(a.input("policyArn").asText());
            }
        }
        assertEquals(Set.copyOf(io.agentplatform.nodegroups.NodeGroups.NODE_POLICIES), attached);
        assertFalse(attached.stream().anyMatch(p -> p.contains("SSM")), "nobody logs in to a node");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void thePrivateSubnetsAndTheClusterSecurityGroupCarryTheDiscoveryTag(String stack) {
        Plan plan = StackPlans.of(stack);
        String cluster = "agent-platform-" + stack + "-eks";
        for (PlannedResource subnet : plan.ofType("aws:ec2/subnet:Subnet")) {
            boolean isPrivate = subnet.input("tags").path("tier").asText().equals("private");
            assertEquals(isPrivate ? cluster : "", subnet.input("tags").path("karpenter.sh/discovery").asText(), subnet.name());
        }
        PlannedResource tag = one(plan, "aws:ec2/tag:Tag");
        assertEquals("karpenter.sh/discovery", tag.input("key").asText());
        assertEquals(cluster, tag.input("value").asText());
        assertTrue(tag.input("resourceId").asText().startsWith("sg-"), "the cluster security group EKS made");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void fourEventBridgeRulesFeedAnEncryptedQueueWhosePolicyAdmitsOnlyThem(String stack) throws Exception {
        Plan plan = StackPlans.of(stack);
        PlannedResource queue = one(plan, QUEUE);
        assertTrue(queue.input("sqsManagedSseEnabled").asBoolean());
        Set<String> detailTypes = new HashSet<>();
        List<String> ruleUrns = new ArrayList<>();
        for (PlannedResource rule : plan.ofType(RULE)) {
            json(rule, "eventPattern").path("detail-type").forEach(d -> detailTypes.add(d.asText()));
            ruleUrns.add(rule.urn());
        }
        assertEquals(Set.of("EC2 Spot Instance Interruption Warning", "EC2 Instance Rebalance Recommendation",
                "EC2 Instance State-change Notification", "AWS Health Event"), detailTypes);
        List<PlannedResource> targets = plan.ofType("aws:cloudwatch/eventTarget:EventTarget");
        assertEquals(4, targets.size());
        for (PlannedResource t : targets) {
            assertTrue(t.dependsOn(queue.urn()) && ruleUrns.stream().anyMatch(t::dependsOn), t.name());
        }
        JsonNode statement = json(one(plan, "aws:sqs/queuePolicy:QueuePolicy"), "policy").path("Statement").get(0);
        assertEquals("events.amazonaws.com", statement.path("Principal").path("Service").asText());
        assertEquals(4, statement.path("Condition").path("ArnEquals").path("aws:SourceArn").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theNodeClassPinsItsAmiRequiresImdsV2AndEncryptsItsRootVolumeFromConfig(String stack) {
        Plan plan = StackPlans.of(stack);
        KarpenterSettings.NodeClassSettings settings = StackPlans.config(stack).requireAws().karpenter().nodeClass();
        JsonNode spec = nodeClass(plan).input("spec");
        assertEquals(settings.amiAlias(), spec.path("amiSelectorTerms").get(0).path("alias").asText());
        assertFalse(settings.amiAlias().endsWith("@latest"));
        assertEquals("required", spec.path("metadataOptions").path("httpTokens").asText());
        assertEquals(1, spec.path("metadataOptions").path("httpPutResponseHopLimit").asInt());
        JsonNode root = spec.path("blockDeviceMappings").get(0);
        assertTrue(root.path("rootVolume").asBoolean() && root.path("ebs").path("encrypted").asBoolean());
        assertEquals("gp3", root.path("ebs").path("volumeType").asText());
        assertEquals(settings.rootVolumeGiB() + "Gi", root.path("ebs").path("volumeSize").asText());
        String cluster = "agent-platform-" + stack + "-eks";
        assertEquals(cluster, spec.path("subnetSelectorTerms").get(0).path("tags").path("karpenter.sh/discovery").asText());
        assertEquals(cluster, spec.path("securityGroupSelectorTerms").get(0).path("tags").path("karpenter.sh/discovery").asText());
        assertTrue(spec.path("role").asText().startsWith("agent-platform-" + stack + "-karpenter-node-role"));
        assertEquals(stack, spec.path("tags").path("environment").asText());
        assertEquals("karpenter", spec.path("tags").path("component").asText());
    }

    @Test
    void devAllowsSpotAndOnDemandWhileProductionIsOnDemandUnlessItOptsIn() {
        assertEquals(List.of("spot", "on-demand"), capacityTypes(StackPlans.dev()));
        assertEquals(List.of("on-demand"), capacityTypes(StackPlans.production()));
        assertEquals(List.of("on-demand"), capacityTypes(StackPlans.staging()));
    }

    private static List<String> capacityTypes(Plan plan) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : workloadsPool(plan).input("spec.template.spec.requirements")) {
            if (r.path("key").asText().equals("karpenter.sh/capacity-type")) {
                r.path("values").forEach(v -> out.add(v.asText()));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void thePoolHasItsLimitsExpiryAndConsolidationFromConfigAndLabelsItsNodes(String stack) {
        var settings = StackPlans.config(stack).requireAws().karpenter().nodePools().get(KarpenterSettings.WORKLOADS);
        JsonNode spec = workloadsPool(StackPlans.of(stack)).input("spec");
        assertEquals(settings.cpuLimit(), spec.path("limits").path("cpu").asText());
        assertEquals(settings.memoryLimit(), spec.path("limits").path("memory").asText());
        assertEquals(settings.expireAfter(), spec.path("template").path("spec").path("expireAfter").asText());
        assertEquals("WhenEmptyOrUnderutilized", spec.path("disruption").path("consolidationPolicy").asText());
        assertEquals(settings.consolidateAfter(), spec.path("disruption").path("consolidateAfter").asText());
        assertEquals("workloads", spec.path("template").path("metadata").path("labels").path("node-role").asText());
        assertEquals(KarpenterArgs.NODE_CLASS, spec.path("template").path("spec").path("nodeClassRef").path("name").asText());
    }

    @Test
    void productionKeepsConsolidationAndDriftOutOfWorkingHours() {
        JsonNode budgets = workloadsPool(StackPlans.production()).input("spec.disruption.budgets");
        boolean unscheduled = false;
        boolean workingHours = false;
        for (JsonNode b : budgets) {
            unscheduled |= b.path("schedule").isMissingNode() && b.path("nodes").asText().endsWith("%");
            workingHours |= b.path("nodes").asText().equals("0") && b.path("schedule").asText().endsWith("mon-fri")
                    && b.path("reasons").toString().contains("Underutilized") && b.path("reasons").toString().contains("Drifted");
        }
        assertTrue(unscheduled && workingHours, budgets.toString());
    }
}
