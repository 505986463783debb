package io.agentplatform.karpenter;

import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.ec2.Tag;
import com.pulumi.aws.ec2.TagArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.config.NodeGroupSettings;
import io.agentplatform.config.NodePoolSettings;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;
import io.agentplatform.karpenter.crd.EC2NodeClass;
import io.agentplatform.karpenter.crd.NodePool;
import io.agentplatform.network.NetworkArgs;
import io.agentplatform.nodegroups.NodeGroups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Karpenter on the cluster. See the package documentation. Receives the AWS and the Kubernetes provider through its
 * options.
 *
 * <p>Destroy order follows from the dependencies: the NodePools wait for the node class, which waits for the
 * controller release, its permissions, the node role and its access entry; so on {@code pulumi destroy} the pools go
 * first (Karpenter drains and terminates their nodes), the node class's finalizer holds until its nodes are gone,
 * and only then the controller, its role, the node role, the subnets and the cluster.
 */
public final class Karpenter extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:Karpenter";
    /** EventBridge rules feeding the interruption queue: the events Karpenter acts on before AWS takes a node. */
    static final Map<String, String> INTERRUPTION_EVENTS = interruptionEvents();
    private static final String EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String QUEUE = "aws:sqs/queue:Queue";

    private final KarpenterOutputs outputs;

    public Karpenter(KarpenterArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "karpenter", platform, options);
        Role nodeRole = nodeRole();
        List<Resource> nodesCanJoin = new ArrayList<>();
        // What Karpenter's nodes need is what the managed nodes need (no SSM: nobody logs in to a node).
        for (String policy : NodeGroups.NODE_POLICIES) {
            String part = "node-" + policy.substring(policy.lastIndexOf('/') + 1).toLowerCase().replace('_', '-');
            nodesCanJoin.add(new RolePolicyAttachment(name(part), RolePolicyAttachmentArgs.builder()
                    .role(nodeRole.name()).policyArn(policy).build(), child()));
        }
        // Nodes of this role join the cluster through an access entry (the API authentication mode has no aws-auth).
        nodesCanJoin.add(new AccessEntry(name("node-access"), AccessEntryArgs.builder()
                .clusterName(args.clusterNameOutput())
                .principalArn(nodeRole.arn())
                .type("EC2_LINUX")
                .tags(tags())
                .build(), child()));
        // EKS made this group; a Tag resource adds one tag without owning the group's other tags.
        nodesCanJoin.add(new Tag(name("sg-discovery-tag"), TagArgs.builder()
                .resourceId(args.clusterSecurityGroupId())
                .key(NetworkArgs.DISCOVERY_TAG)
                .value(args.clusterName())
                .build(), child()));

        Queue queue = interruptionQueue();
        ControllerIdentity identity = controllerIdentity(args, queue, nodeRole);
        Release crds = release("karpenter-crd", Output.of(Map.of()), List.of());
        List<Resource> controllerWaitsFor = new ArrayList<>(args.controllerCanRun());
        controllerWaitsFor.add(crds);
        controllerWaitsFor.add(identity.permissions());
        Release controller = release("karpenter", controllerValues(args, queue, identity.role()), controllerWaitsFor);

        List<Resource> nodeClassWaitsFor = new ArrayList<>(nodesCanJoin);
        nodeClassWaitsFor.add(crds);
        nodeClassWaitsFor.add(controller);
        EC2NodeClass nodeClass = new EC2NodeClass(name("node-class"),
                ObjectMetaArgs.builder().name(KarpenterArgs.NODE_CLASS).build(),
                nodeRole.name().applyValue(role -> KarpenterSpecs.nodeClass(args.settings().nodeClass(), args.clusterName(),
                        role, tags())),
                childBuilder().dependsOn(nodeClassWaitsFor).build());
        List<Resource> pools = new ArrayList<>();
        new TreeMap<>(args.settings().nodePools()).forEach((poolName, pool) -> pools.add(nodePool(poolName, pool,
                List.of(nodeClass, controller, crds))));

        this.outputs = new KarpenterOutputs(nodeRole.arn(), queue.name(), pools, args.settings().nodePools().keySet());
        registerOutputs(Map.of("nodeRoleArn", nodeRole.arn(), "interruptionQueue", queue.name()));
    }

    public KarpenterOutputs outputs() {
        return outputs;
    }

    private Role nodeRole() {
        return new Role(name("node-role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .assumeRolePolicy(PolicyDocument.create().trustService("ec2.amazonaws.com").toJson())
                .description("EKS nodes launched by Karpenter")
                .tags(tags())
                // Running nodes hold it through Karpenter's instance profiles and its access entry admits them.
                .build(), roleKeptOnItsPath("node-role"));
    }

    /**
     * The queue EventBridge sends interruption events to: SQS-managed encryption, messages kept 5 minutes (a spot
     * warning is worth nothing after its 2 minutes), and a queue policy admitting only these rules.
     */
    private Queue interruptionQueue() {
        Queue queue = new Queue(name("interruptions", QUEUE), QueueArgs.builder()
                .messageRetentionSeconds(300)
                .sqsManagedSseEnabled(true)
                .tags(tags())
                .build(), childBuilder("interruptions", QUEUE).build());
        List<Output<String>> ruleArns = new ArrayList<>();
        INTERRUPTION_EVENTS.forEach((part, pattern) -> {
            EventRule rule = new EventRule(name(part, EVENT_RULE), EventRuleArgs.builder()
                    .description("Karpenter interruption handling: " + part)
                    .eventPattern(pattern)
                    .tags(tags())
                    .build(), childBuilder(part, EVENT_RULE).build());
            new EventTarget(name(part + "-target"), EventTargetArgs.builder()
                    .rule(rule.name())
                    .targetId("karpenter-interruption-queue")
                    .arn(queue.arn())
                    .build(), child());
            ruleArns.add(rule.arn());
        });
        new QueuePolicy(name("interruptions-policy"), QueuePolicyArgs.builder()
                .queueUrl(queue.url())
                .policy(Output.tuple(queue.arn(), Output.all(ruleArns)).apply(t -> PolicyDocument.create()
                        .allowService("events.amazonaws.com", List.of("sqs:SendMessage"), List.of(t.t1),
                                Map.of("ArnEquals", Map.of("aws:SourceArn", t.t2)))
                        .toJson()))
                .build(), child());
        return queue;
    }

    /** The controller's IRSA role and the attachment of its policy. */
    private record ControllerIdentity(Role role, RolePolicyAttachment permissions) {}

    private ControllerIdentity controllerIdentity(KarpenterArgs args, Queue queue, Role nodeRole) {
        Policy policy = new Policy(name("controller-policy"), PolicyArgs.builder()
                .path(iamPath())
                .description("Karpenter controller of " + args.clusterName() + ": launch and terminate its nodes")
                .policy(ControllerPolicy.document(args.clusterName(), args.region(), accountId(), queue.arn(),
                        nodeRole.arn()))
                .tags(tags())
                .build(), child());
        Role role = new Role(name("controller-role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .assumeRolePolicy(PolicyDocument.create().trustServiceAccount(args.irsa().oidcProviderArn(),
                        args.irsa().oidcIssuerUrl(), KarpenterArgs.NAMESPACE, KarpenterArgs.SERVICE_ACCOUNT).toJson())
                .description("IRSA role of " + KarpenterArgs.NAMESPACE + "/" + KarpenterArgs.SERVICE_ACCOUNT)
                .tags(tags())
                .build(), childBuilder("controller-role", ROLE).build());
        // The release waits for this attachment, not only the role: on destroy the controller keeps its permissions
        // until it has terminated its nodes.
        return new ControllerIdentity(role, new RolePolicyAttachment(name("controller-policy-attachment"),
                RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policy.arn()).build(), child()));
    }

    /** The controller on the system nodes, reading the interruption queue, with the IRSA role. */
    private Output<Map<String, Object>> controllerValues(KarpenterArgs args, Queue queue, Role role) {
        return Output.tuple(queue.name(), role.arn()).applyValue(t -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("settings", Map.of("clusterName", args.clusterName(), "interruptionQueue", t.t1));
            values.put("serviceAccount", Map.of("name", KarpenterArgs.SERVICE_ACCOUNT,
                    "annotations", Map.of("eks.amazonaws.com/role-arn", t.t2)));
            values.put("replicas", args.settings().controllerReplicas());
            values.put("nodeSelector", Map.of("kubernetes.io/os", "linux",
                    NodeGroupSettings.ROLE_LABEL, NodeGroupSettings.SYSTEM));
            // The host's resolver (VPC DNS): the controller reaches STS, EC2 and SQS without waiting for CoreDNS.
            values.put("dnsPolicy", "Default");
            values.put("controller", Map.of("resources", Map.of(
                    "requests", Map.of("cpu", "250m", "memory", "512Mi"),
                    "limits", Map.of("memory", "1Gi"))));
            return values;
        });
    }

    private Release release(String chart, Output<Map<String, Object>> values, List<Resource> dependsOn) {
        return new Release(name(chart), ReleaseArgs.builder()
                .name(chart)
                .namespace(KarpenterArgs.NAMESPACE)
                .chart(KarpenterArgs.CHART_REPOSITORY + "/" + chart)
                .version(KarpenterArgs.CHART_VERSION)
                // The CRDs come with karpenter-crd, so Helm manages their upgrades; the controller chart's copy is skipped.
                .skipCrds(chart.equals("karpenter"))
                .values(values)
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .build(), childBuilder().dependsOn(dependsOn).build());
    }

    private NodePool nodePool(String poolName, NodePoolSettings pool, List<Resource> dependsOn) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(KarpenterSpecs.EXPECTED_CPU, pool.expectedMinimumCpu());
        annotations.put(KarpenterSpecs.EXPECTED_MEMORY, pool.expectedMinimumMemory());
        return new NodePool(name("pool-" + poolName), ObjectMetaArgs.builder()
                .name(poolName)
                .annotations(annotations)
                .build(), Output.of(KarpenterSpecs.nodePool(poolName, pool, KarpenterArgs.NODE_CLASS)),
                childBuilder().dependsOn(dependsOn).build());
    }

    private static Map<String, String> interruptionEvents() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("health-event", pattern("aws.health", "AWS Health Event"));
        events.put("spot-interruption", pattern("aws.ec2", "EC2 Spot Instance Interruption Warning"));
        events.put("rebalance", pattern("aws.ec2", "EC2 Instance Rebalance Recommendation"));
        events.put("state-change", pattern("aws.ec2", "EC2 Instance State-change Notification"));
        return java.util.Collections.unmodifiableMap(events);
    }

    private static String pattern(String source, String detailType) {
        return "{\"detail-type\":[\"" + detailType + "\"],\"source\":[\"" + source + "\"]}";
    }
}
