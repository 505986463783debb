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
 * provider through its options. Each release waits only for the nodes and networking add-ons
 * ({@link ClusterServicesOutputs#podsCanRun()}).
 */
public final class ClusterServices extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:ClusterServices";

    private final ClusterServicesOutputs outputs;

    public ClusterServices(ClusterServicesArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "cluster-services", platform, options);
        List<Resource> nodes = List.copyOf(args.nodesReady());
        // What any pod needs: nodes, the CNI, kube-proxy and cluster DNS. Each release below waits for these and
        // for nothing else of this component, so they install in parallel once the nodes exist.
        List<Resource> podsCanRun = new ArrayList<>(nodes);

        // Networking add-ons go in at once: nodes need the CNI to become Ready.
        // The VPC CNI enforces NetworkPolicies (its network-policy agent) only when asked to; the agent namespace
        // relies on them (default deny plus the allowed flows).
        podsCanRun.add(addon("vpc-cni", args, null, List.of(), "{\"enableNetworkPolicy\":\"true\"}"));
        podsCanRun.add(addon("kube-proxy", args, null, List.of()));
        List<Resource> podsCanRunWithoutClusterDns = List.copyOf(podsCanRun);
        // coredns scheduled before any node exists sits DEGRADED until the create times out.
        podsCanRun.add(addon("coredns", args, null, nodes));
        Role ebsRole = serviceAccountRole("ebs-csi", args.irsa(), "kube-system", "ebs-csi-controller-sa",
                Output.of("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"));
        Addon ebsCsi = addon("aws-ebs-csi-driver", args, ebsRole.arn(), nodes);

        StorageClass gp3 = storageClass(ebsCsi);
        metricsServer(podsCanRun);
        Release lbController = loadBalancerController(args, podsCanRun);

        // Its webhook runs as pods: it waits for what every release waits for, nothing more.
        ExternalSecretsOperator externalSecrets = new ExternalSecretsOperator(List.copyOf(podsCanRun), platform, this);

        this.outputs = new ClusterServicesOutputs(ClusterServicesArgs.STORAGE_CLASS, gp3, podsCanRun,
                podsCanRunWithoutClusterDns, lbController, externalSecrets.crdsReady());
        registerOutputs(Map.of("storageClassName", Output.of(ClusterServicesArgs.STORAGE_CLASS)));
    }

    public ClusterServicesOutputs outputs() {
        return outputs;
    }

    /** The default gp3 class; ready means volumes can be provisioned: the driver behind the class is installed. */
    private StorageClass storageClass(Addon ebsCsi) {
        return new StorageClass(name("gp3"), StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(ClusterServicesArgs.STORAGE_CLASS)
                        .annotations(Map.of("storageclass.kubernetes.io/is-default-class", "true"))
                        .build())
                .provisioner("ebs.csi.aws.com")
                .parameters(Map.of("type", "gp3", "encrypted", "true", "fsType", "ext4"))
                .volumeBindingMode("WaitForFirstConsumer")
                .allowVolumeExpansion(true)
                .reclaimPolicy("Delete")
                .build(), childBuilder().dependsOn(ebsCsi).build());
    }

    /** metrics-server: the HPA reads CPU and memory through it. */
    private void metricsServer(List<Resource> podsCanRun) {
        new Release(name("metrics-server"), ReleaseArgs.builder()
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
                .build(), childBuilder().dependsOn(List.copyOf(podsCanRun)).build());
    }

    /** The AWS Load Balancer Controller (Ingress → ALB) with its IRSA role. */
    private Release loadBalancerController(ClusterServicesArgs args, List<Resource> podsCanRun) {
        Policy lbPolicy = new Policy(name("lb-controller-policy"), PolicyArgs.builder()
                .path(iamPath())
                .description("AWS Load Balancer Controller: manage ALBs/NLBs, target groups and their security groups")
                .policy(ClasspathFiles.text("iam/aws-load-balancer-controller.json"))
                .tags(tags())
                .build(), child());
        Role lbRole = serviceAccountRole("lb-controller", args.irsa(), "kube-system", "aws-load-balancer-controller",
                lbPolicy.arn());
        return new Release(name("aws-load-balancer-controller"), ReleaseArgs.builder()
                .name("aws-load-balancer-controller")
                .namespace("kube-system")
                .chart("aws-load-balancer-controller")
                .version(ClusterServicesArgs.LOAD_BALANCER_CONTROLLER_CHART)
                .repositoryOpts(RepositoryOptsArgs.builder().repo("https://aws.github.io/eks-charts").build())
                .values(Output.tuple(args.clusterName(), args.vpcId(), lbRole.arn()).applyValue(t -> Map.<String, Object>of(
                        "clusterName", t.t1,
                        "region", region(),
                        "vpcId", t.t2,
                        "replicaCount", 2,
                        "serviceAccount", Map.of("create", true, "name", "aws-load-balancer-controller",
                                "annotations", Map.of("eks.amazonaws.com/role-arn", t.t3)),
                        // Its Service mutator (mservice.elbv2.k8s.aws) is called on every Service create; with the
                        // chart's Fail policy a Service created while the controller's pods start is refused
                        // (aws-load-balancer-controller#4140), so every release would have to wait for this one.
                        // Ignore lets them install in parallel; it only defaults loadBalancerClass of
                        // LoadBalancer Services, which the platform does not create.
                        "serviceMutatorWebhookConfig", Map.of("failurePolicy", "Ignore"))))
                .atomic(true)
                .timeout(600)
                .build(), childBuilder().dependsOn(List.copyOf(podsCanRun)).build());
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
