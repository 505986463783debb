package io.agentplatform.nodegroups;

import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.config.NodeGroupSettings;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Managed node groups. See the package documentation. */
public final class NodeGroups extends PlatformComponent {
    public static final String TYPE = "agent-platform:aws:NodeGroups";
    /** Amazon Linux 2023: AL2 AMIs stop being published for Kubernetes 1.33+. */
    static final String AMI_TYPE = "AL2023_x86_64_STANDARD";
    /** The same for Graviton (arm64) instance types. */
    static final String ARM_AMI_TYPE = "AL2023_ARM_64_STANDARD";
    /** What a node needs and nothing more: join the cluster, pull images from ECR, run the VPC CNI. */
    public static final List<String> NODE_POLICIES = List.of(
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");

    private final NodeGroupsOutputs outputs;

    public NodeGroups(NodeGroupsArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "nodes", platform, options);
        Role role = new Role(name("node-role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .assumeRolePolicy(PolicyDocument.create().trustService("ec2.amazonaws.com").toJson())
                .description("EKS managed nodes")
                .tags(tags())
                .build(), childBuilder("node-role", ROLE).build());
        List<Resource> attachments = new ArrayList<>();
        for (String policy : NODE_POLICIES) {
            String part = "node-" + policy.substring(policy.lastIndexOf('/') + 1).toLowerCase().replace('_', '-');
            attachments.add(new RolePolicyAttachment(name(part), RolePolicyAttachmentArgs.builder()
                    .role(role.name()).policyArn(policy).build(), child()));
        }
        List<NodeGroup> groups = new ArrayList<>();
        new TreeMap<>(args.groups()).forEach((groupName, settings) ->
                groups.add(nodeGroup(groupName, settings, args, role, attachments)));
        this.outputs = new NodeGroupsOutputs(role.arn(), groups, args.groups().keySet());
        registerOutputs(Map.of("nodeRoleArn", role.arn()));
    }

    public NodeGroupsOutputs outputs() {
        return outputs;
    }

    private NodeGroup nodeGroup(String groupName, NodeGroupSettings s, NodeGroupsArgs args, Role role, List<Resource> attachments) {
        Map<String, String> instanceTags = new TreeMap<>(tags(groupName));
        instanceTags.put("node-group", groupName);
        LaunchTemplate template = new LaunchTemplate(name(groupName + "-lt"), LaunchTemplateArgs.builder()
                .description("Nodes of group " + groupName + ": IMDSv2 only, encrypted gp3 root volume")
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        // 1 hop: containers cannot reach the node's credentials; workloads get their own via IRSA.
                        .httpPutResponseHopLimit(1)
                        .instanceMetadataTags("disabled")
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(s.diskSizeGiB())
                                .volumeType("gp3")
                                .encrypted("true")
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance").tags(instanceTags).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume").tags(instanceTags).build())
                .updateDefaultVersion(true)
                .tags(tags(groupName + "-lt"))
                .build(), child());
        List<NodeGroupTaintArgs> taints = s.taints().stream().map(t -> NodeGroupTaintArgs.builder()
                .key(t.key()).value(t.value()).effect(t.effect().name()).build()).toList();
        return new NodeGroup(name(groupName), NodeGroupArgs.builder()
                .clusterName(args.clusterName())
                .nodeGroupNamePrefix(groupName + "-")
                .nodeRoleArn(role.arn())
                .subnetIds(args.privateSubnetIds())
                .amiType(s.graviton() ? ARM_AMI_TYPE : AMI_TYPE)
                .version(args.kubernetesVersion())
                .capacityType(s.capacityType().name())
                .instanceTypes(s.instanceTypes())
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(s.minSize()).maxSize(s.maxSize()).desiredSize(s.desiredSize()).build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(s.maxUnavailable()).build())
                .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                        .id(template.id())
                        .version(template.latestVersion().applyValue(String::valueOf))
                        .build())
                .labels(labels(groupName, s))
                .taints(taints)
                .tags(tags(groupName))
                .build(), childBuilder()
                // Sized from config and nothing else: no autoscaler runs on managed groups (the system group's size
                // follows the cluster services; Karpenter scales the nodes workloads run on), so a size changed by
                // hand shows as drift and the next `pulumi up` puts it back.
                .dependsOn(attachments)
                .build());
    }

    /** The configured labels plus {@code node-role: <group name>}, which config may not set (the binder refuses it). */
    static Map<String, String> labels(String groupName, NodeGroupSettings s) {
        Map<String, String> labels = new TreeMap<>(s.labels());
        labels.put(NodeGroupSettings.ROLE_LABEL, groupName);
        return labels;
    }
}
