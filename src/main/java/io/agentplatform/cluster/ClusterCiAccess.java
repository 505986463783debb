package io.agentplatform.cluster;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRole;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBinding;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.agentplatform.cluster.k8s.ValidatingAdmissionPolicy;
import io.agentplatform.cluster.k8s.ValidatingAdmissionPolicyBinding;
import io.agentplatform.config.CiAccessSettings;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What CI needs to use the cluster's Kubernetes API: an EKS access entry per CI role of the bootstrap program with the
 * narrowest access policy it needs (preview role: edit in the {@code agent-pr-*} namespaces; plan and drift roles:
 * view), and, for a self-hosted runner inside the VPC, HTTPS from the runners to the private endpoint.
 */
public final class ClusterCiAccess extends PlatformComponent {
    public static final String TYPE = "agent-platform:aws:ClusterCiAccess";
    public static final String EDIT_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
    public static final String VIEW_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    static final int HTTPS = 443;
    /**
     * Kubernetes group of the preview role: a namespace-scoped access policy cannot create the {@code agent-pr-<n>}
     * namespace itself, so this group may manage namespaces, and an admission policy keeps it to that prefix.
     */
    public static final String EPHEMERAL_GROUP = "agent-platform:ci-ephemeral-namespaces";
    public static final String EPHEMERAL_PREFIX = "agent-pr-";

    public ClusterCiAccess(ClusterCiAccessArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "eks-ci", platform, options);
        CiAccessSettings s = args.settings();
        // Namespace scope with a trailing wildcard: EKS matches every namespace starting with agent-pr- (see
        // https://docs.aws.amazon.com/eks/latest/userguide/access-policies.html).
        s.ephemeralRoleArn().ifPresent(arn -> {
            entry(args, "ephemeral", arn, List.of(EPHEMERAL_GROUP), EDIT_POLICY,
                    AccessPolicyAssociationAccessScopeArgs.builder().type("namespace")
                            .namespaces(CiAccessSettings.EPHEMERAL_NAMESPACES).build());
            ephemeralNamespaces();
        });
        s.planRoleArn().ifPresent(arn -> entry(args, "plan", arn, List.of(), VIEW_POLICY,
                AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build()));
        s.driftRoleArn().ifPresent(arn -> entry(args, "drift", arn, List.of(), VIEW_POLICY,
                AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build()));

        if (s.reach() == CiAccessSettings.Reach.VPC_RUNNER) {
            for (int i = 0; i < s.runnerCidrs().size(); i++) {
                new SecurityGroupIngressRule(name("runner-cidr-" + (i + 1)), SecurityGroupIngressRuleArgs.builder()
                        .securityGroupId(args.clusterSecurityGroupId())
                        .cidrIpv4(s.runnerCidrs().get(i))
                        .ipProtocol("tcp").fromPort(HTTPS).toPort(HTTPS)
                        .description("Kubernetes API from the CI runners inside the VPC")
                        .tags(tags())
                        .build(), child());
            }
            for (int i = 0; i < s.runnerSecurityGroupIds().size(); i++) {
                new SecurityGroupIngressRule(name("runner-sg-" + (i + 1)), SecurityGroupIngressRuleArgs.builder()
                        .securityGroupId(args.clusterSecurityGroupId())
                        .referencedSecurityGroupId(s.runnerSecurityGroupIds().get(i))
                        .ipProtocol("tcp").fromPort(HTTPS).toPort(HTTPS)
                        .description("Kubernetes API from the CI runners' security group")
                        .tags(tags())
                        .build(), child());
            }
        }
        registerOutputs(Map.of());
    }

    /**
     * The preview role's group may create, change and delete namespaces (RBAC cannot limit a create by name), and a
     * ValidatingAdmissionPolicy denies it every namespace not named {@value #EPHEMERAL_PREFIX}*.
     */
    private void ephemeralNamespaces() {
        String name = "agent-platform-ci-ephemeral-namespaces";
        ObjectMetaArgs meta = ObjectMetaArgs.builder().name(name)
                .labels(Map.of("app.kubernetes.io/part-of", "agent-platform", "app.kubernetes.io/managed-by", "pulumi")).build();
        ClusterRole role = new ClusterRole(name("ephemeral-namespaces-role"), ClusterRoleArgs.builder()
                .metadata(meta)
                .rules(PolicyRuleArgs.builder().apiGroups("").resources("namespaces")
                        .verbs("get", "list", "watch", "create", "update", "patch", "delete").build())
                .build(), child());
        new ClusterRoleBinding(name("ephemeral-namespaces-binding"), ClusterRoleBindingArgs.builder()
                .metadata(meta)
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(name).build())
                .subjects(SubjectArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("Group").name(EPHEMERAL_GROUP).build())
                .build(), childBuilder().dependsOn(role).build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("failurePolicy", "Fail");
        spec.put("matchConstraints", Map.of("resourceRules", List.of(Map.of(
                "apiGroups", List.of(""), "apiVersions", List.of("v1"),
                "operations", List.of("CREATE", "UPDATE", "DELETE"), "resources", List.of("namespaces")))));
        spec.put("matchConditions", List.of(Map.of("name", "ci-ephemeral-group",
                "expression", "'" + EPHEMERAL_GROUP + "' in request.userInfo.groups")));
        spec.put("validations", List.of(Map.of(
                "expression", "(request.operation == 'DELETE' ? oldObject : object).metadata.name.startsWith('"
                        + EPHEMERAL_PREFIX + "')",
                "message", "CI's preview role may manage only namespaces named " + EPHEMERAL_PREFIX + "<n>")));
        ValidatingAdmissionPolicy policy = new ValidatingAdmissionPolicy(name("ephemeral-namespaces-policy"), meta,
                Output.of(spec), child());
        new ValidatingAdmissionPolicyBinding(name("ephemeral-namespaces-policy-binding"), meta,
                Output.of(Map.of("policyName", name, "validationActions", List.of("Deny"))),
                childBuilder().dependsOn(policy).build());
    }

    private void entry(ClusterCiAccessArgs args, String part, String principalArn, List<String> groups,
                       String policyArn, AccessPolicyAssociationAccessScopeArgs scope) {
        AccessEntryArgs.Builder entryArgs = AccessEntryArgs.builder()
                .clusterName(args.clusterName())
                .principalArn(principalArn)
                .type("STANDARD")
                .tags(tags());
        if (!groups.isEmpty()) {
            entryArgs.kubernetesGroups(groups);
        }
        AccessEntry entry = new AccessEntry(name(part), entryArgs.build(), child());
        new AccessPolicyAssociation(name(part + "-policy"), AccessPolicyAssociationArgs.builder()
                .clusterName(args.clusterName())
                .principalArn(entry.principalArn())
                .policyArn(policyArn)
                .accessScope(scope)
                .build(), child());
    }
}
