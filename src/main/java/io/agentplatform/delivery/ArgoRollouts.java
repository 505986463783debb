package io.agentplatform.delivery;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.core.Labels;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.monitoring.crd.ServiceMonitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo Rollouts controller (chart {@value #CHART} {@value #CHART_VERSION} from {@value #REPOSITORY}, CRDs
 * installed and kept by the chart) in its own namespace: Pod Security {@code restricted}, default-deny
 * NetworkPolicies with the flows it needs ({@link ArgoRolloutsPolicies}), two replicas with leader election and a
 * PodDisruptionBudget, requests and limits, and a ServiceMonitor on its metrics. Rollouts and AnalysisTemplates wait
 * only for the release ({@link #crdsReady()}): the controller has no admission webhook.
 */
public final class ArgoRollouts extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:ArgoRollouts";
    public static final String NAMESPACE = "argo-rollouts";
    public static final String CHART = "argo-rollouts";
    /**
     * App version v1.9.0: the newest chart in argoproj/argo-helm (charts/argo-rollouts/Chart.yaml, 2026-06-05).
     * scripts/crd-sources.txt takes the CRDs of the same app version for the real-engine dry-run.
     */
    public static final String CHART_VERSION = "2.41.0";
    public static final String REPOSITORY = "https://argoproj.github.io/argo-helm";
    /** The release name; the chart names its objects after it ({@code argo-rollouts-metrics}, ...). */
    public static final String RELEASE = "argo-rollouts";
    /** The controller's component label and its metrics port (chart defaults). */
    static final String CONTROLLER = "rollouts-controller";
    static final int METRICS_PORT = 8090;
    private static final String COMPONENT = "argo-rollouts";

    private final Release release;

    public ArgoRollouts(ArgoRolloutsArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, COMPONENT, platform, options);
        Namespace namespace = new Namespace(name("namespace"), NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAMESPACE)
                        .labels(Labels.namespace(COMPONENT, Labels.PodSecurity.RESTRICTED, Map.of())).build())
                .build(), childBuilder().dependsOn(args.podsCanRun()).build());
        List<Resource> inNamespace = List.of(namespace);
        ArgoRolloutsPolicies.specs().forEach((part, spec) -> new NetworkPolicy(name("netpol-" + part),
                NetworkPolicyArgs.builder()
                        .metadata(ObjectMetaArgs.builder().name(RELEASE + "-" + part).namespace(NAMESPACE)
                                .labels(Labels.ownership(COMPONENT)).build())
                        .spec(spec)
                        .build(), childBuilder().dependsOn(inNamespace).build()));

        List<Resource> after = new ArrayList<>(args.podsCanRun());
        after.add(namespace);
        this.release = new Release(name("release"), ReleaseArgs.builder()
                .name(RELEASE)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(REPOSITORY).build())
                .namespace(namespace.metadata().applyValue(m -> m.name().orElse(NAMESPACE)))
                .createNamespace(false)
                .values(values())
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .maxHistory(10)
                .build(), childBuilder().dependsOn(after).build());

        // Its own ServiceMonitor rather than the chart's: the release then need not wait for kube-prometheus-stack.
        new ServiceMonitor(name("service-monitor"), ObjectMetaArgs.builder()
                .name(RELEASE).namespace(NAMESPACE).labels(Labels.ownership(COMPONENT)).build(),
                Output.of(serviceMonitorSpec()),
                childBuilder().dependsOn(List.of(namespace, args.monitoringCrdsReady())).build());
        registerOutputs(Map.of("namespace", Output.of(NAMESPACE)));
    }

    /** The release that installs the Rollout and AnalysisTemplate CRDs: the agent's Rollout depends on it. */
    public Resource crdsReady() {
        return release;
    }

    /** The controller's pods, as the chart labels them. */
    static Map<String, String> controllerLabels() {
        Map<String, String> labels = new LinkedHashMap<>(Labels.selector(CHART, RELEASE));
        labels.put(Labels.COMPONENT, CONTROLLER);
        return labels;
    }

    /**
     * Chart values: CRDs installed and kept on uninstall (deleting them would delete every Rollout); two replicas
     * (leader election) with a PDB; requests and limits; the metrics Service on, the chart's ServiceMonitor off;
     * no dashboard; RBAC only for the traffic router the platform has (the AWS Load Balancer Controller). The
     * chart's security contexts (non-root, read-only root, no capabilities, RuntimeDefault seccomp) meet
     * {@code restricted}.
     */
    static Map<String, Object> values() {
        Map<String, Object> controller = new LinkedHashMap<>();
        controller.put("replicas", 2);
        controller.put("pdb", Map.of("enabled", true, "minAvailable", 1));
        controller.put("resources", Map.of("requests", Map.of("cpu", "50m", "memory", "128Mi"),
                "limits", Map.of("memory", "256Mi")));
        controller.put("metrics", Map.of("enabled", true, "serviceMonitor", Map.of("enabled", false)));
        Map<String, Object> providers = new LinkedHashMap<>();
        for (String provider : List.of("istio", "smi", "ambassador", "awsAppMesh", "traefik", "apisix", "contour",
                "glooPlatform", "gatewayAPI")) {
            providers.put(provider, false);
        }
        providers.put("awsLoadBalancerController", true);

        Map<String, Object> values = new LinkedHashMap<>();
        values.put("installCRDs", true);
        values.put("keepCRDs", true);
        values.put("controller", controller);
        values.put("dashboard", Map.of("enabled", false));
        values.put("providerRBAC", Map.of("enabled", true, "providers", providers));
        return values;
    }

    private static Map<String, Object> serviceMonitorSpec() {
        Map<String, String> serviceLabels = new LinkedHashMap<>(Labels.selector(CHART, RELEASE));
        serviceLabels.put(Labels.COMPONENT, CONTROLLER);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", serviceLabels));
        spec.put("namespaceSelector", Map.of("matchNames", List.of(NAMESPACE)));
        spec.put("endpoints", List.of(Map.of("port", "metrics", "interval", "30s")));
        return spec;
    }
}
