package io.agentplatform.cluster;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterUpgradePolicyArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.config.ClusterSettings;
import io.agentplatform.core.KeyPolicies;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;
import io.agentplatform.core.k8s.KubernetesProviderPlugin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The EKS control plane. See the package documentation. */
public final class EksCluster extends PlatformComponent {
    public static final String TYPE = "agent-platform:aws:EksCluster";
    /** Control-plane log types shipped to CloudWatch; audit and authenticator are the ones incident reviews need. */
    public static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

    private final EksClusterOutputs outputs;

    public EksCluster(EksClusterArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "eks", platform, options);
        ClusterSettings s = args.settings();
        Key key = encryptionKey("secrets-key",
                "Envelope encryption of Kubernetes secrets and control-plane logs of " + args.clusterName(),
                Optional.of(KeyPolicies.forLogGroup(accountId(), Output.of(region()),
                        "/aws/eks/" + args.clusterName() + "/cluster")),
                s.protect(), args.clusterName() + "-secrets");

        // Created before the cluster so EKS writes into a log group with our retention and key, not its own.
        LogGroup logs = new LogGroup(name("control-plane-logs"), LogGroupArgs.builder()
                .name("/aws/eks/" + args.clusterName() + "/cluster")
                .retentionInDays(s.logRetentionDays())
                .kmsKeyId(key.arn())
                .tags(tags())
                .build(), child());

        Role role = new Role(name("cluster-role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .assumeRolePolicy(PolicyDocument.create().trustService("eks.amazonaws.com").toJson())
                .description("EKS control plane of " + args.clusterName())
                .tags(tags())
                // EKS cannot change a cluster's role: a new role ARN would replace the cluster.
                .build(), roleKeptOnItsPath("cluster-role"));
        RolePolicyAttachment clusterPolicy = new RolePolicyAttachment(name("cluster-policy"), RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")
                .build(), child());

        Cluster cluster = new Cluster(name("cluster"), clusterArgs(args, role, key), childBuilder()
                .protect(s.protect())
                .dependsOn(List.of(logs, clusterPolicy))
                .build());

        Output<String> issuer = cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElseThrow());
        OpenIdConnectProvider oidc = new OpenIdConnectProvider(name("oidc"), OpenIdConnectProviderArgs.builder()
                .url(issuer)
                .clientIdLists("sts.amazonaws.com")
                .tags(tags())
                .build(), child());
        admins(s.adminPrincipalArns(), cluster);

        Output<String> certificateAuthority = cluster.certificateAuthority().applyValue(ca -> ca.data().orElseThrow());
        Output<String> kubeconfig = Kubeconfig.of(cluster.name(), cluster.endpoint(), certificateAuthority, region());
        Provider kubernetes = new Provider(name("k8s-provider"), ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .build(), CustomResourceOptions.builder().parent(this).version(KubernetesProviderPlugin.VERSION).build());

        this.outputs = new EksClusterOutputs(cluster.name(), cluster.endpoint(), certificateAuthority, kubeconfig,
                oidc.arn(), issuer, cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElseThrow()),
                key.arn(), kubernetes);
        registerOutputs(Map.of("clusterName", outputs.clusterName(), "endpoint", outputs.endpoint(),
                "oidcProviderArn", outputs.oidcProviderArn()));
    }

    private ClusterArgs clusterArgs(EksClusterArgs args, Role role, Key key) {
        ClusterSettings s = args.settings();
        return ClusterArgs.builder()
                .name(args.clusterName())
                .version(s.kubernetesVersion())
                .roleArn(role.arn())
                .vpcConfig(ClusterVpcConfigArgs.builder()
                        .subnetIds(args.network().privateSubnetIds())
                        .endpointPrivateAccess(true)
                        .endpointPublicAccess(s.endpointPublicAccess())
                        .publicAccessCidrs(s.publicAccessCidrs())
                        .build())
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(key.arn()).build())
                        .build())
                .enabledClusterLogTypes(LOG_TYPES)
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode(s.authenticationMode().name())
                        // The identity running `pulumi up` must reach the API to deploy the cluster's workloads.
                        .bootstrapClusterCreatorAdminPermissions(true)
                        .build())
                // Standard support only: extended support costs six times as much per cluster hour.
                .upgradePolicy(ClusterUpgradePolicyArgs.builder().supportType(s.supportType()).build())
                .tags(tags())
                .build();
    }

    /** Each admin principal gets an access entry with the cluster-admin access policy, cluster-wide. */
    private void admins(List<String> adminPrincipalArns, Cluster cluster) {
        for (int i = 0; i < adminPrincipalArns.size(); i++) {
            String principal = adminPrincipalArns.get(i);
            String part = "admin-" + (i + 1);
            AccessEntry entry = new AccessEntry(name(part), AccessEntryArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(principal)
                    .type("STANDARD")
                    .tags(tags())
                    .build(), child());
            new AccessPolicyAssociation(name(part + "-cluster-admin"), AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(entry.principalArn())
                    .policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), child());
        }
    }

    public EksClusterOutputs outputs() {
        return outputs;
    }
}
