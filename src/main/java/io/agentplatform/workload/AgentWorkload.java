package io.agentplatform.workload;

import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.core.Labels;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.monitoring.AgentObservability;
import io.agentplatform.monitoring.AgentObservabilityArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent service on the cluster as typed Kubernetes resources: its namespace (Pod Security {@code restricted}),
 * service account (bound to the agent's IRSA role, which may only log in to the database as {@code agent_app}),
 * configuration (ConfigMap; credentials only in Secrets, read from files), the migration Job
 * ({@link DatabaseMigration}, the only holder of the owner's password), Deployment (after the Job), Service, optional
 * Ingress, HPA, PDB, NetworkPolicies, and its ServiceMonitor and alert rules ({@link AgentObservability}). Who holds
 * which credential: see the package documentation and {@code docs/agent-workload.md}.
 *
 * <p>This class wires the parts; each part is its own class: {@link AgentEnvironment} (the settings, one map for the
 * ConfigMap and the container), {@link AgentPod} and {@link AgentContainer} (pure pod spec), {@link AgentIdentity},
 * {@link AgentSecrets}, {@link AgentAutoscaling}, {@link AgentNetworkPolicies} and {@link AgentIngress}. They
 * register their resources as children of this component (through {@link Scope}), so every URN is what it was when
 * this class built them all.
 */
public final class AgentWorkload extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:AgentWorkload";

    public static final String APP = "agent";
    public static final String SERVICE_ACCOUNT = "agent";
    public static final String CONFIG_MAP = "agent-config";
    /** Redis AUTH token and (with a remote model) the model API key. */
    public static final String APP_SECRET = "agent-secrets";
    /** The application role's password, with a password login (in-cluster PostgreSQL); never the owner's. */
    public static final String APP_DB_SECRET = "agent-db-app";
    public static final String APP_DB_PASSWORD_KEY = "password";

    public static final String HTTP_PORT_NAME = "http";
    public static final int HTTP_PORT = 8080;
    public static final String MANAGEMENT_PORT_NAME = "management";
    public static final int MANAGEMENT_PORT = 8081;

    public static final String SECRETS_DIR = "/var/run/secrets/agent";
    public static final String DB_PASSWORD_PATH = SECRETS_DIR + "/db/password";
    public static final String REDIS_PASSWORD_PATH = SECRETS_DIR + "/app/redis-password";
    public static final String LLM_API_KEY_PATH = SECRETS_DIR + "/app/llm-api-key";

    /** Pause before SIGTERM so the load balancer and kube-proxy stop sending new requests first. */
    public static final int PRE_STOP_SECONDS = 10;
    /** Slack between the app's own deadline and the kubelet's SIGKILL. */
    public static final int TERMINATION_MARGIN_SECONDS = 5;
    public static final int UID = 10001;
    public static final String TMP_SIZE_LIMIT = "256Mi";

    private final AgentWorkloadOutputs outputs;
    private final Namespace namespace;
    private final AgentLabels labels;
    private final DatabaseMigration migration;

    public AgentWorkload(AgentWorkloadArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "agent", platform, options);
        AgentSettings s = args.settings();
        String ns = args.namespace();
        Scope scope = new Scope();
        this.labels = AgentLabels.of(APP, s.image());

        this.namespace = new Namespace(name("namespace"), NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(ns).labels(namespaceLabels(args.namespaceLabels())).build())
                .build(), childBuilder().dependsOn(args.clusterReady()).build());
        List<Resource> inNamespace = List.of(namespace);

        Resource serviceAccount = AgentIdentity.create(scope, args, labels, inNamespace);
        AgentEnvironment environment = AgentEnvironment.of(s, args.data());
        Output<Map<String, String>> config = environment.configMapData();
        ConfigMap configMap = new ConfigMap(name("config"), ConfigMapArgs.builder()
                .metadata(meta(CONFIG_MAP, ns, labels))
                .data(config)
                .build(), childBuilder().dependsOn(inNamespace).build());
        AgentSecrets secrets = AgentSecrets.create(scope, args, labels, inNamespace);

        // Migrations: a Job of their own, the only holder of the owner's password; the pods wait for it.
        List<Resource> migrationInputs = new ArrayList<>(List.of(namespace, configMap));
        secrets.appDb().ifPresent(migrationInputs::add);
        this.migration = new DatabaseMigration(new DatabaseMigrationArgs(s, ns, labels, args.data().database(),
                secrets.appDbSecretName(), args.irsa(), args.nodeSelector(), args.externalSecretsReady(),
                migrationInputs), platform, ComponentResourceOptions.builder().parent(this).build());
        List<Resource> podInputs = new ArrayList<>(List.of(serviceAccount, configMap, secrets.app()));
        secrets.appDb().ifPresent(podInputs::add);
        podInputs.add(migration.job());

        Deployment deployment = deployment(args, config, new AgentPod.Inputs(s, labels, environment.names(),
                secrets.appDbSecretName(), args.llmApiKey().isPresent(), args.nodeSelector()), podInputs);
        Service service = service(ns, inNamespace);
        AgentAutoscaling.create(scope, s, ns, labels, deployment, inNamespace);
        AgentNetworkPolicies.create(scope, ns, labels, AgentNetworkPolicies.specs(s, args.data(),
                args.ingressSourceCidrs(), args.vpcCidr(), labels), inNamespace);
        Optional<Output<String>> url = s.ingress().map(ingress -> AgentIngress.create(scope, ingress, ns, labels, service));

        args.monitoringCrdsReady().ifPresent(crds -> new AgentObservability(
                AgentObservabilityArgs.of(ns, labels.selector(), MANAGEMENT_PORT_NAME, crds, List.of(namespace, service)),
                platform, ComponentResourceOptions.builder().parent(this).build()));

        this.outputs = new AgentWorkloadOutputs(ns, APP, url);
        Map<String, Output<?>> registered = new LinkedHashMap<>();
        registered.put("namespace", Output.of(ns));
        registered.put("serviceName", Output.of(APP));
        url.ifPresent(u -> registered.put("url", u));
        registerOutputs(registered);
    }

    /** The agent's namespace, for resources that live in it but belong to another component (in-cluster data). */
    public Namespace namespace() {
        return namespace;
    }

    /** Labels selecting the agent's pods, for policies of other components that admit them. */
    public Map<String, String> podLabels() {
        return labels.selector();
    }

    /** Labels selecting the migration Job's pods (they reach PostgreSQL, never Redis). */
    public Map<String, String> migrationPodLabels() {
        return migration.podSelector();
    }

    public AgentWorkloadOutputs outputs() {
        return outputs;
    }

    /** The namespace enforces (and warns and audits) Pod Security {@code restricted}. */
    static Map<String, String> namespaceLabels(Map<String, String> extra) {
        return Labels.namespace(AgentLabels.PART_OF, Labels.PodSecurity.RESTRICTED, extra);
    }

    static ObjectMetaArgs meta(String name, String ns, AgentLabels labels) {
        return ObjectMetaArgs.builder().name(name).namespace(ns).labels(labels.pod()).build();
    }

    private Deployment deployment(AgentWorkloadArgs args, Output<Map<String, String>> config, AgentPod.Inputs pod,
                                  List<Resource> podInputs) {
        return new Deployment(name("deployment"), DeploymentArgs.builder()
                .metadata(meta(APP, args.namespace(), labels))
                .spec(DeploymentSpecArgs.builder()
                        .replicas(args.settings().replicas())
                        .revisionHistoryLimit(5)
                        .selector(LabelSelectorArgs.builder().matchLabels(labels.selector()).build())
                        .strategy(DeploymentStrategyArgs.builder()
                                .type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder().maxSurge(1).maxUnavailable(0).build())
                                .build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder()
                                        .labels(labels.pod())
                                        .annotations(config.applyValue(AgentPod::annotations))
                                        .build())
                                .spec(AgentPod.spec(pod))
                                .build())
                        .build())
                .build(), childBuilder()
                .dependsOn(podInputs)
                // The HPA owns the replica count once the Deployment exists.
                .ignoreChanges(List.of("spec.replicas"))
                .build());
    }

    private Service service(String ns, List<Resource> inNamespace) {
        return new Service(name("service"), ServiceArgs.builder()
                .metadata(meta(APP, ns, labels))
                .spec(ServiceSpecArgs.builder()
                        .type("ClusterIP")
                        .selector(labels.selector())
                        .ports(ServicePortArgs.builder().name(HTTP_PORT_NAME).port(HTTP_PORT)
                                        .targetPort(HTTP_PORT_NAME).protocol("TCP").build(),
                                ServicePortArgs.builder().name(MANAGEMENT_PORT_NAME).port(MANAGEMENT_PORT)
                                        .targetPort(MANAGEMENT_PORT_NAME).protocol("TCP").build())
                        .build())
                .build(), childBuilder().dependsOn(inNamespace).build());
    }

    /**
     * What the parts need from the component that owns them: child names and options parented to it, and its AWS
     * context. Their resources are children of this component, so the split changed no URN.
     */
    final class Scope {
        String name(String part) {
            return AgentWorkload.this.name(part);
        }

        CustomResourceOptions.Builder options() {
            return childBuilder();
        }

        String region() {
            return AgentWorkload.this.region();
        }

        Output<String> accountId() {
            return AgentWorkload.this.accountId();
        }

        String iamPath() {
            return AgentWorkload.this.iamPath();
        }

        Map<String, String> tags() {
            return AgentWorkload.this.tags();
        }

        Role serviceAccountRole(String part, IrsaIssuer irsa, String ns, String serviceAccount, Output<String> policyArn) {
            return AgentWorkload.this.serviceAccountRole(part, irsa.oidcProviderArn(), irsa.oidcIssuerUrl(), ns,
                    serviceAccount, policyArn);
        }
    }
}
