package io.agentplatform.cluster;

import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.core.ClasspathFiles;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every workload on the cluster relies on: managed add-ons with pinned versions (vpc-cni, kube-proxy, coredns,
 * aws-ebs-csi-driver with its IRSA role), a default gp3 StorageClass, metrics-server and the AWS Load Balancer
 * Controller (with its IRSA role), and the External Secrets Operator. Receives both the AWS and the Kubernetes
 * provider through its options.
 */
public final class ClusterServices extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:ClusterServices";

    private final ClusterServicesOutputs outputs;

    public ClusterServices(ClusterServicesArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "cluster-services", platform, options);
        List<Resource> nodes = List.copyOf(args.nodesReady());
        List<Resource> ready = new ArrayList<>(nodes);

        // Networking add-ons go in at once: nodes need the CNI to become Ready.
        // The VPC CNI enforces NetworkPolicies (its network-policy agent) only when asked to; the agent namespace
        // relies on them (default deny plus the allowed flows).
        ready.add(addon("vpc-cni", args, null, List.of(), "{\"enableNetworkPolicy\":\"true\"}"));
        ready.add(addon("kube-proxy", args, null, List.of()));
        // coredns scheduled before any node exists sits DEGRADED until the create times out.
        ready.add(addon("coredns", args, null, nodes));
        Role ebsRole = serviceAccountRole("ebs-csi", args.irsa(), "kube-system", "ebs-csi-controller-sa",
                Output.of("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"));
        ready.add(addon("aws-ebs-csi-driver", args, ebsRole.arn(), nodes));

        StorageClass gp3 = new StorageClass(name("gp3"), StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(ClusterServicesArgs.STORAGE_CLASS)
                        .annotations(Map.of("storageclass.kubernetes.io/is-default-class", "true"))
                        .build())
                .provisioner("ebs.csi.aws.com")
                .parameters(Map.of("type", "gp3", "encrypted", "true", "fsType", "ext4"))
                .volumeBindingMode("WaitForFirstConsumer")
                .allowVolumeExpansion(true)
                .reclaimPolicy("Delete")
                .build(), childBuilder().dependsOn(List.copyOf(ready)).build());
        ready.add(gp3);

        ready.add(new Release(name("metrics-server"), ReleaseArgs.builder()
                .name("metrics-server")
                .namespace("kube-system")
                .chart("metrics-server")
                .version(ClusterServicesArgs.METRICS_SERVER_CHART)
                .repositoryOpts(RepositoryOptsArgs.builder().repo("https://kubernetes-sigs.github.io/metrics-server/").build())
                .values(Map.of("replicas", 2,
                        "podDisruptionBudget", Map.of("enabled", true, "minAvailable", 1),
                        "resources", Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"),
                                "limits", Map.of("memory", "128Mi"))))
                .atomic(true)
                .timeout(600)
                .build(), childBuilder().dependsOn(List.copyOf(ready)).build()));

        Policy lbPolicy = new Policy(name("lb-controller-policy"), PolicyArgs.builder()
                .path(iamPath())
                .description("AWS Load Balancer Controller: manage ALBs/NLBs, target groups and their security groups")
                .policy(ClasspathFiles.text("iam/aws-load-balancer-controller.json"))
                .tags(tags())
                .build(), child());
        Role lbRole = serviceAccountRole("lb-controller", args.irsa(), "kube-system", "aws-load-balancer-controller",
                lbPolicy.arn());
        ready.add(new Release(name("aws-load-balancer-controller"), ReleaseArgs.builder()
                .name("aws-load-balancer-controller")
                .namespace("kube-system")
                .chart("aws-load-balancer-controller")
                .version(ClusterServicesArgs.LOAD_BALANCER_CONTROLLER_CHART)
                .repositoryOpts(RepositoryOptsArgs.builder().repo("https://aws.github.io/eks-charts").build())
                .values(Output.tuple(args.clusterName(), args.vpcId(), lbRole.arn()).applyValue(t -> Map.<String, Object>of(
                        "clusterName", t.t1,
                        "region", args.region(),
                        "vpcId", t.t2,
                        "replicaCount", 2,
                        "serviceAccount", Map.of("create", true, "name", "aws-load-balancer-controller",
                                "annotations", Map.of("eks.amazonaws.com/role-arn", t.t3)))))
                .atomic(true)
                .timeout(600)
                .build(), childBuilder().dependsOn(List.copyOf(ready)).build()));

        // After everything above (as when the workload installed it); not in `ready`: only External Secrets users wait.
        ExternalSecretsOperator externalSecrets = new ExternalSecretsOperator(List.copyOf(ready), platform, this);

        this.outputs = new ClusterServicesOutputs(ClusterServicesArgs.STORAGE_CLASS, List.copyOf(ready),
                externalSecrets.crdsReady());
        registerOutputs(Map.of("storageClassName", Output.of(ClusterServicesArgs.STORAGE_CLASS)));
    }

    public ClusterServicesOutputs outputs() {
        return outputs;
    }

    private Addon addon(String addonName, ClusterServicesArgs args, Output<String> serviceAccountRole, List<Resource> after) {
        return addon(addonName, args, serviceAccountRole, after, null);
    }

    private Addon addon(String addonName, ClusterServicesArgs args, Output<String> serviceAccountRole, List<Resource> after,
                        String configurationValues) {
        AddonArgs.Builder addon = AddonArgs.builder()
                .clusterName(args.clusterName())
                .addonName(addonName)
                .addonVersion(args.addonVersions().get(addonName))
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE")
                .tags(tags());
        if (serviceAccountRole != null) {
            addon.serviceAccountRoleArn(serviceAccountRole);
        }
        if (configurationValues != null) {
            addon.configurationValues(configurationValues);
        }
        return new Addon(name(addonName), addon.build(), childBuilder().dependsOn(after).build());
    }

    private Role serviceAccountRole(String part, IrsaIssuer irsa, String namespace, String serviceAccount,
                                    Output<String> policyArn) {
        return serviceAccountRole(part, irsa.oidcProviderArn(), irsa.oidcIssuerUrl(), namespace, serviceAccount, policyArn);
    }
}
