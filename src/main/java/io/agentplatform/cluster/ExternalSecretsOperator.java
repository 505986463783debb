package io.agentplatform.cluster;

import com.pulumi.core.Alias;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.core.Labels;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * External Secrets Operator (chart {@value #CHART} {@value #CHART_VERSION} from {@value #REPOSITORY}, CRDs
 * installed by the chart) in its own namespace. It holds no AWS identity of its own: each SecretStore names the
 * service account (and so the IRSA role) it reads with, so the operator can read only what the workloads' own
 * roles allow. Its pods run with the chart's restricted security context, so the namespace enforces
 * {@code restricted}.
 *
 * <p>Part of the cluster services of a platform stack. It was a child of the agent's workload before; the aliases
 * to its former URNs ({@link #FORMER_PARENT}) keep the installed release and its CRDs in place.
 */
public final class ExternalSecretsOperator extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:ExternalSecretsOperator";
    public static final String NAMESPACE = "external-secrets";
    public static final String CHART = "external-secrets";
    /**
     * App version v2.10.0 (released 2026-08-28, tag helm-chart-2.10.0; seen in Renovate updates 2.9.0 → 2.10.0 such as
     * github.com/shaman007/home-k3s/pull/682); serves {@code external-secrets.io/v1}.
     */
    public static final String CHART_VERSION = "2.10.0";
    public static final String REPOSITORY = "https://charts.external-secrets.io";

    /** The type chain of the component it was a child of (the agent's workload). */
    static final String FORMER_PARENT = "pulumi:pulumi:Stack$agent-platform:k8s:AgentWorkload";
    private static final String COMPONENT = "external-secrets";

    private final Release release;

    /**
     * @param clusterReady what the operator installs after (nodes, add-ons, the cluster services before it)
     * @param parent       the component it belongs to (the cluster services)
     */
    public ExternalSecretsOperator(List<Resource> clusterReady, PlatformContext platform, Resource parent) {
        super(TYPE, COMPONENT, platform, ComponentResourceOptions.builder().parent(parent)
                .aliases(Alias.withUrn(formerUrn(platform.naming(), TYPE, platform.naming().component(COMPONENT))))
                .build());
        Naming naming = platform.naming();
        Namespace namespace = new Namespace(name("namespace"), NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAMESPACE)
                        .labels(Labels.namespace(COMPONENT, Labels.PodSecurity.RESTRICTED, Map.of())).build())
                .build(), childBuilder().dependsOn(clusterReady)
                .aliases(Alias.withUrn(formerUrn(naming, TYPE + "$kubernetes:core/v1:Namespace", name("namespace"))))
                .build());

        Map<String, Object> small = Map.of("requests", Map.of("cpu", "20m", "memory", "64Mi"),
                "limits", Map.of("memory", "256Mi"));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("installCRDs", true);
        values.put("resources", small);
        values.put("webhook", Map.of("resources", small));
        values.put("certController", Map.of("resources", small));
        List<Resource> after = new ArrayList<>(clusterReady);
        after.add(namespace);
        this.release = new Release(name("release"), ReleaseArgs.builder()
                .name(CHART)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(REPOSITORY).build())
                .namespace(namespace.metadata().applyValue(m -> m.name().orElse(NAMESPACE)))
                .createNamespace(false)
                .values(values)
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .maxHistory(10)
                .build(), childBuilder().dependsOn(after)
                .aliases(Alias.withUrn(formerUrn(naming, TYPE + "$kubernetes:helm.sh/v3:Release", name("release"))))
                .build());
        registerOutputs(Map.of());
    }

    /** The URN a resource of this component had under the agent's workload, for its type chain below the stack's. */
    static String formerUrn(Naming naming, String typeChain, String name) {
        return "urn:pulumi:" + naming.stack() + "::" + naming.project() + "::" + FORMER_PARENT + "$" + typeChain + "::" + name;
    }

    /** The release that installs the CRDs and the webhook: SecretStores and ExternalSecrets depend on it. */
    public Resource crdsReady() {
        return release;
    }
}
