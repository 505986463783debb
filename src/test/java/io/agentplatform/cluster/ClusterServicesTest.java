package io.agentplatform.cluster;

import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterServicesTest {

    private static PlannedResource addon(Plan plan, String name) {
        return plan.matching(r -> r.type().equals("aws:eks/addon:Addon") && r.input("addonName").asText().equals(name)).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyAddOnIsPinnedToTheVersionInTheStackFile(String stack) {
        Plan plan = StackPlans.of(stack);
        Map<String, String> pinned = StackPlans.config(stack).requireAws().cluster().addonVersions();
        for (String name : List.of("vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver")) {
            assertEquals(pinned.get(name), addon(plan, name).input("addonVersion").asText(), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void corednsAndTheEbsDriverWaitForNodeGroups(String stack) {
        Plan plan = StackPlans.of(stack);
        List<String> nodeGroups = plan.ofType("aws:eks/nodeGroup:NodeGroup").stream().map(PlannedResource::urn).toList();
        for (String name : List.of("coredns", "aws-ebs-csi-driver")) {
            assertTrue(addon(plan, name).dependencies().containsAll(nodeGroups), name + " must wait for every node group");
        }
        assertTrue(addon(plan, "aws-ebs-csi-driver").input("serviceAccountRoleArn").asText().startsWith("arn:aws:iam::"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void aDefaultEncryptedGp3StorageClassExists(String stack) {
        PlannedResource sc = StackPlans.of(stack).ofType("kubernetes:storage.k8s.io/v1:StorageClass").get(0);
        assertEquals("true", sc.input("metadata.annotations").path("storageclass.kubernetes.io/is-default-class").asText());
        assertEquals("ebs.csi.aws.com", sc.input("provisioner").asText());
        assertEquals("gp3", sc.input("parameters.type").asText());
        assertEquals("true", sc.input("parameters.encrypted").asText());
        assertEquals("WaitForFirstConsumer", sc.input("volumeBindingMode").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void clusterServiceChartsArePinnedWithFixedReleaseNames(String stack) {
        Plan plan = StackPlans.of(stack);
        for (String release : List.of("metrics-server", "aws-load-balancer-controller")) {
            PlannedResource r = plan.matching(x -> x.type().equals("kubernetes:helm.sh/v3:Release")
                    && x.input("name").asText().equals(release)).get(0);
            assertTrue(r.input("version").asText().matches("\\d+\\.\\d+\\.\\d+"), release + " chart pinned");
            assertTrue(r.input("repositoryOpts.repo").asText().startsWith("https://"), release + " repository pinned");
        }
        PlannedResource lb = plan.matching(x -> x.type().equals("kubernetes:helm.sh/v3:Release")
                && x.input("name").asText().equals("aws-load-balancer-controller")).get(0);
        assertTrue(lb.input("values.serviceAccount.annotations").path("eks.amazonaws.com/role-arn").asText()
                .startsWith("arn:aws:iam::123456789012:role/"));
        assertEquals(plan.output("vpcId").asText(), lb.input("values.vpcId").asText());
    }

    private static PlannedResource release(Plan plan, String name) {
        return plan.matching(x -> x.type().equals("kubernetes:helm.sh/v3:Release") && x.input("name").asText().equals(name))
                .get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void clusterServiceReleasesInstallInParallelOnceNodesAndNetworkingAddOnsExist(String stack) {
        Plan plan = StackPlans.of(stack);
        List<String> podsCanRun = new java.util.ArrayList<>(plan.ofType("aws:eks/nodeGroup:NodeGroup").stream()
                .map(PlannedResource::urn).toList());
        for (String name : List.of("vpc-cni", "kube-proxy", "coredns")) {
            podsCanRun.add(addon(plan, name).urn());
        }
        String storageClass = plan.ofType("kubernetes:storage.k8s.io/v1:StorageClass").get(0).urn();
        for (String name : List.of("metrics-server", "aws-load-balancer-controller")) {
            PlannedResource r = release(plan, name);
            assertTrue(r.dependencies().containsAll(podsCanRun), name + " waits for nodes and networking add-ons");
            assertTrue(r.dependencies().stream().noneMatch(d -> d.equals(storageClass)
                            || d.equals(addon(plan, "aws-ebs-csi-driver").urn())
                            || plan.byUrn(d).map(x -> x.type().equals("kubernetes:helm.sh/v3:Release")).orElse(false)),
                    name + " uses no volume and no other release: " + r.dependencies());
        }
        assertEquals(List.of(addon(plan, "aws-ebs-csi-driver").urn()),
                plan.byUrn(storageClass).orElseThrow().options().dependsOn(), "the class is ready when its driver is");
    }

    @Test
    void servicesCreatedWhileTheLoadBalancerControllerStartsAreNotRefusedByItsServiceWebhook() {
        // Other releases no longer wait for the controller; with the chart's Fail policy their Services would be
        // refused while its webhook has no endpoint (aws-load-balancer-controller#4140).
        assertEquals("Ignore", release(StackPlans.dev(), "aws-load-balancer-controller")
                .input("values.serviceMutatorWebhookConfig.failurePolicy").asText());
    }
}
