package io.agentplatform.karpenter;

import com.pulumi.core.Output;
import io.agentplatform.core.PolicyDocument;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Karpenter controller's permissions, scoped as the upstream reference policy scopes them (karpenter.sh
 * getting-started CloudFormation, KarpenterControllerPolicy): instances, fleets, volumes, interfaces and launch
 * templates only in this region and only when tagged for this cluster and a NodePool; instance profiles only when
 * tagged for this cluster, region and a node class; {@code iam:PassRole} only for the Karpenter node role and only
 * to EC2; the interruption queue only; {@code eks:DescribeCluster} on this cluster only.
 */
final class ControllerPolicy {
    private ControllerPolicy() {}

    static Output<String> document(String clusterName, String region, Output<String> accountId, Output<String> queueArn,
                                   Output<String> nodeRoleArn) {
        return Output.tuple(accountId, queueArn, nodeRoleArn)
                .apply(t -> of(clusterName, region, t.t1, t.t2, t.t3).toJson());
    }

    // Long because it is the reference policy statement by statement, in its order, so the two compare side by side.
    static PolicyDocument of(String cluster, String region, String account, String queueArn, String nodeRoleArn) {
        String ec2 = "arn:aws:ec2:" + region;
        String clusterTag = "kubernetes.io/cluster/" + cluster;
        List<String> launched = List.of(ec2 + ":*:fleet/*", ec2 + ":*:instance/*", ec2 + ":*:volume/*",
                ec2 + ":*:network-interface/*", ec2 + ":*:launch-template/*");
        Map<String, Object> requestTagged = Map.of(
                "StringEquals", Map.of("aws:RequestTag/" + clusterTag, "owned"),
                "StringLike", Map.of("aws:RequestTag/karpenter.sh/nodepool", "*"));
        Map<String, Object> resourceTagged = Map.of(
                "StringEquals", Map.of("aws:ResourceTag/" + clusterTag, "owned"),
                "StringLike", Map.of("aws:ResourceTag/karpenter.sh/nodepool", "*"));
        Map<String, Object> profileTagged = Map.of(
                "StringEquals", Map.of("aws:ResourceTag/" + clusterTag, "owned",
                        "aws:ResourceTag/topology.kubernetes.io/region", region),
                "StringLike", Map.of("aws:ResourceTag/karpenter.sh/nodeclass", "*"));
        Map<String, Object> creationTagging = new LinkedHashMap<>();
        creationTagging.put("StringEquals", Map.of("aws:RequestTag/" + clusterTag, "owned",
                "ec2:CreateAction", List.of("RunInstances", "CreateFleet", "CreateLaunchTemplate")));
        creationTagging.put("StringLike", Map.of("aws:RequestTag/karpenter.sh/nodepool", "*"));
        Map<String, Object> nodeClaimTagging = new LinkedHashMap<>(resourceTagged);
        nodeClaimTagging.put("ForAllValues:StringEquals", Map.of("aws:TagKeys", List.of("karpenter.sh/nodeclaim", "Name")));
        Map<String, Object> profileCreation = Map.of(
                "StringEquals", Map.of("aws:RequestTag/" + clusterTag, "owned",
                        "aws:RequestTag/topology.kubernetes.io/region", region),
                "StringLike", Map.of("aws:RequestTag/karpenter.sh/nodeclass", "*"));
        Map<String, Object> profileTagging = Map.of(
                "StringEquals", Map.of("aws:ResourceTag/" + clusterTag, "owned",
                        "aws:ResourceTag/topology.kubernetes.io/region", region,
                        "aws:RequestTag/" + clusterTag, "owned",
                        "aws:RequestTag/topology.kubernetes.io/region", region),
                "StringLike", Map.of("aws:ResourceTag/karpenter.sh/nodeclass", "*",
                        "aws:RequestTag/karpenter.sh/nodeclass", "*"));

        return PolicyDocument.create()
                .allow(List.of("ec2:RunInstances", "ec2:CreateFleet"), List.of("arn:aws:ec2:" + region + "::image/*",
                        "arn:aws:ec2:" + region + "::snapshot/*", ec2 + ":*:spot-instances-request/*",
                        ec2 + ":*:security-group/*", ec2 + ":*:subnet/*", ec2 + ":*:launch-template/*"))
                .allow(List.of("ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"), launched, requestTagged)
                .allow(List.of("ec2:CreateTags"), launched, creationTagging)
                .allow(List.of("ec2:CreateTags"), List.of(ec2 + ":*:instance/*"), nodeClaimTagging)
                .allow(List.of("ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"),
                        List.of(ec2 + ":*:instance/*", ec2 + ":*:launch-template/*"), resourceTagged)
                .allow(List.of("ec2:DescribeAvailabilityZones", "ec2:DescribeImages", "ec2:DescribeInstances",
                                "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplates",
                                "ec2:DescribeSecurityGroups", "ec2:DescribeSpotPriceHistory", "ec2:DescribeSubnets"),
                        List.of("*"), Map.of("StringEquals", Map.of("aws:RequestedRegion", region)))
                .allow(List.of("ssm:GetParameter"), List.of("arn:aws:ssm:" + region + "::parameter/aws/service/*"))
                // The Price List API has no resource-level permissions.
                .allow(List.of("pricing:GetProducts"), List.of("*"))
                .allow(List.of("sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"),
                        List.of(queueArn))
                .allow(List.of("iam:PassRole"), List.of(nodeRoleArn),
                        Map.of("StringEquals", Map.of("iam:PassedToService", "ec2.amazonaws.com")))
                .allow(List.of("iam:CreateInstanceProfile"), List.of("*"), profileCreation)
                .allow(List.of("iam:TagInstanceProfile"), List.of("*"), profileTagging)
                .allow(List.of("iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
                        "iam:DeleteInstanceProfile"), List.of("*"), profileTagged)
                .allow(List.of("iam:GetInstanceProfile"), List.of("*"))
                .allow(List.of("eks:DescribeCluster"),
                        List.of("arn:aws:eks:" + region + ":" + account + ":cluster/" + cluster));
    }
}
