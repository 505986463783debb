package io.agentplatform.workload;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingPolicyArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.KeyToPathArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleHandlerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressTLSArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.incluster.InClusterData;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;
import io.agentplatform.monitoring.AgentObservability;
import io.agentplatform.monitoring.AgentObservabilityArgs;
import io.agentplatform.monitoring.Monitoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent service on the cluster as typed Kubernetes resources: its namespace (Pod Security {@code restricted}),
 * service account (bound to the agent's IRSA role, which may only log in to the database as {@code agent_app}),
 * configuration (ConfigMap; credentials only in Secrets, read from files), the migration Job
 * ({@link DatabaseMigration}, the only holder of the owner's password), Deployment (after the Job), Service, optional
 * Ingress, HPA, PDB, NetworkPolicies, and its ServiceMonitor and alert rules ({@link AgentObservability}). Who holds
 * which credential: see the package documentation and {@code docs/agent-workload.md}.
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
        AgentLabels labels = AgentLabels.of(APP, s.image());
        this.labels = labels;

        this.namespace = new Namespace(name("namespace"), NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(ns).labels(namespaceLabels(args.namespaceLabels())).build())
                .build(), childBuilder().dependsOn(args.clusterReady()).build());
        List<Resource> inNamespace = List.of(namespace);

        // ---- identity: with IAM database login the IRSA role may only connect as the application role; no secret.
        ServiceAccountArgs.Builder sa = ServiceAccountArgs.builder()
                .automountServiceAccountToken(false);
        ObjectMetaArgs.Builder saMeta = ObjectMetaArgs.builder().name(SERVICE_ACCOUNT).namespace(ns).labels(labels.pod());
        if (args.data().database().app() instanceof DataConnections.IamLogin iam) {
            Role role = agentRole(iam, args.irsa().orElseThrow(), ns);
            saMeta.annotations(role.arn().applyValue(arn -> Map.of("eks.amazonaws.com/role-arn", arn)));
        }
        ServiceAccount serviceAccount = new ServiceAccount(name("service-account"), sa.metadata(saMeta.build()).build(),
                childBuilder().dependsOn(inNamespace).build());

        // ---- configuration and secrets
        Output<Map<String, String>> config = configData(args,
                args.data().database().app() instanceof DataConnections.IamLogin ? Optional.of(region()) : Optional.empty());
        ConfigMap configMap = new ConfigMap(name("config"), ConfigMapArgs.builder()
                .metadata(meta(CONFIG_MAP, ns, labels))
                .data(config)
                .build(), childBuilder().dependsOn(inNamespace).build());

        Map<String, Output<String>> appSecrets = new TreeMap<>();
        appSecrets.put("redis-password", args.data().redis().authToken());
        args.llmApiKey().ifPresent(k -> appSecrets.put("llm-api-key", k));
        Secret appSecret = new Secret(name("secrets"), SecretArgs.builder()
                .metadata(meta(APP_SECRET, ns, labels))
                .type("Opaque")
                .stringData(Output.all(appSecrets.values().stream().toList()).applyValue(values -> {
                    Map<String, String> m = new TreeMap<>();
                    int i = 0;
                    for (String key : appSecrets.keySet()) {
                        m.put(key, values.get(i++));
                    }
                    return m;
                }).asSecret())
                .build(), childBuilder().dependsOn(inNamespace).build());

        List<Resource> podInputs = new ArrayList<>(List.of(serviceAccount, configMap, appSecret));
        List<Resource> migrationInputs = new ArrayList<>(List.of(namespace, configMap));
        Optional<String> appDbSecret = Optional.empty();
        if (args.data().database().app() instanceof DataConnections.PasswordLogin login) {
            Secret secret = new Secret(name("db-app-secret"), SecretArgs.builder()
                    .metadata(meta(APP_DB_SECRET, ns, labels))
                    .type("Opaque")
                    .stringData(login.password().applyValue(p -> Map.of(APP_DB_PASSWORD_KEY, p)).asSecret())
                    .build(), childBuilder().dependsOn(inNamespace).build());
            podInputs.add(secret);
            migrationInputs.add(secret);
            appDbSecret = Optional.of(APP_DB_SECRET);
        }

        // ---- migrations: a Job of their own, the only holder of the owner's password; the pods wait for it.
        // The operator stays a child of the workload (its URN, and so the installed release, is unchanged).
        Optional<Resource> externalSecretsCrds = Optional.empty();
        if (args.data().database().owner() instanceof DataConnections.SecretsManager) {
            externalSecretsCrds = Optional.of(new ExternalSecretsOperator(args.clusterReady(), platform,
                    ComponentResourceOptions.builder().parent(this).build()).crdsReady());
        }
        this.migration = new DatabaseMigration(new DatabaseMigrationArgs(s, ns, labels, args.data().database(),
                appDbSecret, args.irsa(), args.nodeSelector(), externalSecretsCrds, migrationInputs), platform,
                ComponentResourceOptions.builder().parent(this).build());
        podInputs.add(migration.job());

        // ---- the Deployment
        Deployment deployment = new Deployment(name("deployment"), DeploymentArgs.builder()
                .metadata(meta(APP, ns, labels))
                .spec(DeploymentSpecArgs.builder()
                        .replicas(s.replicas())
                        .revisionHistoryLimit(5)
                        .selector(LabelSelectorArgs.builder().matchLabels(labels.selector()).build())
                        .strategy(DeploymentStrategyArgs.builder()
                                .type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder().maxSurge(1).maxUnavailable(0).build())
                                .build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder()
                                        .labels(labels.pod())
                                        .annotations(config.applyValue(c -> podAnnotations(c)))
                                        .build())
                                .spec(podSpec(args, labels, appDbSecret))
                                .build())
                        .build())
                .build(), childBuilder()
                .dependsOn(podInputs)
                // The HPA owns the replica count once the Deployment exists.
                .ignoreChanges(List.of("spec.replicas"))
                .build());

        Service service = new Service(name("service"), ServiceArgs.builder()
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

        autoscaler(s, ns, labels, deployment);
        new PodDisruptionBudget(name("pdb"), PodDisruptionBudgetArgs.builder()
                .metadata(meta(APP, ns, labels))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        // One pod at a time, whatever the replica count: drains proceed, capacity stays.
                        .maxUnavailable(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(labels.selector()).build())
                        .build())
                .build(), childBuilder().dependsOn(inNamespace).build());
        networkPolicies(args, labels, inNamespace);

        Optional<Output<String>> url = s.ingress().map(ingress -> ingress(ingress, ns, labels, service));

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

    /** terminationGracePeriodSeconds: the app's own shutdown deadline, after the preStop pause, plus a margin. */
    public static int terminationGracePeriod(AgentSettings s) {
        return s.shutdownGraceSeconds() + PRE_STOP_SECONDS + TERMINATION_MARGIN_SECONDS;
    }

    static Map<String, String> namespaceLabels(Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>(new java.util.TreeMap<>(extra));
        labels.put("app.kubernetes.io/part-of", AgentLabels.PART_OF);
        labels.put("app.kubernetes.io/managed-by", "pulumi");
        labels.put("pod-security.kubernetes.io/enforce", "restricted");
        labels.put("pod-security.kubernetes.io/warn", "restricted");
        labels.put("pod-security.kubernetes.io/audit", "restricted");
        return labels;
    }

    private static ObjectMetaArgs meta(String name, String ns, AgentLabels labels) {
        return ObjectMetaArgs.builder().name(name).namespace(ns).labels(labels.pod()).build();
    }

    /**
     * The agent's IRSA role: {@code rds-db:connect} as {@link DataConnections#APP_USER} on this one instance, nothing
     * else (no secret, no key).
     */
    private Role agentRole(DataConnections.IamLogin iam, IrsaIssuer irsa, String ns) {
        Output<String> dbUser = Output.tuple(region(), accountId(), iam.dbiResourceId()).applyValue(t ->
                "arn:aws:rds-db:" + t.t1 + ":" + t.t2 + ":dbuser:" + t.t3 + "/" + DataConnections.APP_USER);
        Policy policy = new Policy(name("db-connect-policy"), PolicyArgs.builder()
                .path(iamPath())
                .description("The agent (" + ns + "/" + SERVICE_ACCOUNT + ") connects to its database as "
                        + DataConnections.APP_USER + " with IAM authentication")
                .policy(PolicyDocument.create()
                        .allow(List.of("rds-db:connect"), dbUser.applyValue(List::of))
                        .toJson())
                .tags(tags())
                .build(), child());
        return serviceAccountRole("irsa", irsa.oidcProviderArn(), irsa.oidcIssuerUrl(), ns, SERVICE_ACCOUNT, policy.arn());
    }

    /**
     * The non-secret settings, the app's environment variable names as keys.
     *
     * @param awsRegion the region, with IAM database login (the app signs its tokens for it)
     */
    private static Output<Map<String, String>> configData(AgentWorkloadArgs args, Optional<Output<String>> awsRegion) {
        AgentSettings s = args.settings();
        DataConnections.Database db = args.data().database();
        DataConnections.Redis redis = args.data().redis();
        boolean iam = awsRegion.isPresent();
        return Output.tuple(db.host(), db.port(), redis.host(), redis.port(), awsRegion.orElse(Output.of(""))).applyValue(t -> {
            Map<String, String> m = new TreeMap<>();
            m.put("PORT", String.valueOf(HTTP_PORT));
            m.put("MANAGEMENT_PORT", String.valueOf(MANAGEMENT_PORT));
            m.put("DB_HOST", t.t1);
            m.put("DB_PORT", String.valueOf(t.t2));
            m.put("DB_NAME", db.databaseName());
            m.put("DB_USER", DataConnections.APP_USER);
            m.put("DB_AUTH", iam ? "iam" : "password");
            if (iam) {
                m.put("AWS_REGION", t.t5);
            }
            m.put("DB_SSL_MODE", "require");
            m.put("REDIS_HOST", t.t3);
            m.put("REDIS_PORT", String.valueOf(t.t4));
            m.put("REDIS_TLS", String.valueOf(redis.tls()));
            m.put("RATE_LIMIT_PER_MINUTE", String.valueOf(s.rateLimitPerMinute()));
            m.put("SHUTDOWN_GRACE_SECONDS", String.valueOf(s.shutdownGraceSeconds()));
            m.put("LOG_LEVEL", "INFO");
            s.llmApiUrl().ifPresent(u -> m.put("LLM_API_URL", u));
            s.llmModel().ifPresent(model -> m.put("LLM_MODEL", model));
            return m;
        });
    }

    /** A checksum of the ConfigMap: a config change rolls the pods (env vars are read once, at start). */
    private static Map<String, String> podAnnotations(Map<String, String> config) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("agent-platform/config-sha256", sha256(new TreeMap<>(config).toString()));
        return a;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<EnvVarArgs> env(AgentWorkloadArgs args) {
        List<EnvVarArgs> env = new ArrayList<>();
        boolean iam = args.data().database().app() instanceof DataConnections.IamLogin;
        List<String> keys = new ArrayList<>(List.of("PORT", "MANAGEMENT_PORT", "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER",
                "DB_AUTH", "DB_SSL_MODE", "REDIS_HOST", "REDIS_PORT", "REDIS_TLS", "RATE_LIMIT_PER_MINUTE",
                "SHUTDOWN_GRACE_SECONDS", "LOG_LEVEL"));
        if (iam) {
            keys.add("AWS_REGION");
        }
        if (args.settings().llmApiUrl().isPresent()) {
            keys.addAll(List.of("LLM_API_URL", "LLM_MODEL"));
        }
        for (String key : keys) {
            env.add(EnvVarArgs.builder().name(key).valueFrom(EnvVarSourceArgs.builder()
                    .configMapKeyRef(ConfigMapKeySelectorArgs.builder().name(CONFIG_MAP).key(key).build())
                    .build()).build());
        }
        // Secrets as files, re-read by the app on every new connection (rotation without restart). With IAM login
        // there is no database password at all: the app signs a token with the IRSA role's credentials.
        if (!iam) {
            env.add(EnvVarArgs.builder().name("DB_PASSWORD_FILE").value(DB_PASSWORD_PATH).build());
        }
        env.add(EnvVarArgs.builder().name("REDIS_PASSWORD_FILE").value(REDIS_PASSWORD_PATH).build());
        if (args.llmApiKey().isPresent()) {
            env.add(EnvVarArgs.builder().name("LLM_API_KEY_FILE").value(LLM_API_KEY_PATH).build());
        }
        return env;
    }

    static SecurityContextArgs containerSecurity() {
        return SecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser(UID)
                .runAsGroup(UID)
                .readOnlyRootFilesystem(true)
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                .build();
    }

    static PodSecurityContextArgs podSecurity() {
        return PodSecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser(UID)
                .runAsGroup(UID)
                .fsGroup(UID)
                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                .build();
    }

    static ResourceRequirementsArgs resources(AgentSettings s) {
        return ResourceRequirementsArgs.builder()
                .requests(Map.of("cpu", s.cpuRequest(), "memory", s.memoryRequest()))
                .limits(Map.of("cpu", s.cpuLimit(), "memory", s.memoryLimit()))
                .build();
    }

    private static ProbeArgs probe(String path, int period, int failures) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port(MANAGEMENT_PORT_NAME).build())
                .periodSeconds(period)
                .failureThreshold(failures)
                // A readiness check can take DB_CONNECT_TIMEOUT_MS (2 s) while PostgreSQL is unreachable.
                .timeoutSeconds(3)
                .build();
    }

    private static PodSpecArgs podSpec(AgentWorkloadArgs args, AgentLabels labels, Optional<String> appDbSecret) {
        AgentSettings s = args.settings();
        List<VolumeMountArgs> mounts = new ArrayList<>(List.of(
                VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build(),
                VolumeMountArgs.builder().name("app-secrets").mountPath(SECRETS_DIR + "/app").readOnly(true).build()));
        appDbSecret.ifPresent(secret -> mounts.add(
                VolumeMountArgs.builder().name("db-password").mountPath(SECRETS_DIR + "/db").readOnly(true).build()));
        List<EnvVarArgs> env = env(args);

        ContainerArgs agent = ContainerArgs.builder()
                .name(APP)
                .image(s.image())
                .ports(ContainerPortArgs.builder().name(HTTP_PORT_NAME).containerPort(HTTP_PORT).protocol("TCP").build(),
                        ContainerPortArgs.builder().name(MANAGEMENT_PORT_NAME).containerPort(MANAGEMENT_PORT).protocol("TCP").build())
                .env(env)
                .volumeMounts(mounts)
                .resources(resources(s))
                .securityContext(containerSecurity())
                .startupProbe(probe("/health/started", 2, 60))
                .livenessProbe(probe("/health/live", 10, 3))
                .readinessProbe(probe("/health/ready", 5, 2))
                .lifecycle(LifecycleArgs.builder()
                        .preStop(LifecycleHandlerArgs.builder()
                                .exec(ExecActionArgs.builder().command("sleep", String.valueOf(PRE_STOP_SECONDS)).build())
                                .build())
                        .build())
                .build();

        List<KeyToPathArgs> appItems = new ArrayList<>();
        appItems.add(KeyToPathArgs.builder().key("redis-password").path("redis-password").build());
        if (args.llmApiKey().isPresent()) {
            appItems.add(KeyToPathArgs.builder().key("llm-api-key").path("llm-api-key").build());
        }
        List<VolumeArgs> volumes = new ArrayList<>(List.of(
                VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit(TMP_SIZE_LIMIT).build()).build(),
                VolumeArgs.builder().name("app-secrets").secret(SecretVolumeSourceArgs.builder()
                        .secretName(APP_SECRET)
                        .items(appItems)
                        .defaultMode(0440)
                        .build()).build()));
        // Not a subPath mount: the kubelet replaces the file when the Secret changes.
        appDbSecret.ifPresent(secret -> volumes.add(VolumeArgs.builder().name("db-password").secret(SecretVolumeSourceArgs.builder()
                .secretName(secret)
                .items(KeyToPathArgs.builder().key(APP_DB_PASSWORD_KEY).path("password").build())
                .defaultMode(0440)
                .build()).build()));

        PodSpecArgs.Builder pod = PodSpecArgs.builder()
                .serviceAccountName(SERVICE_ACCOUNT)
                .automountServiceAccountToken(false)
                .enableServiceLinks(false)
                .securityContext(podSecurity())
                .terminationGracePeriodSeconds(terminationGracePeriod(s))
                .topologySpreadConstraints(
                        spread("topology.kubernetes.io/zone", labels),
                        spread("kubernetes.io/hostname", labels))
                .containers(agent)
                .volumes(volumes);
        if (!args.nodeSelector().isEmpty()) {
            pod.nodeSelector(args.nodeSelector());
        }
        return pod.build();
    }

    /** Soft spreading: an even spread is preferred, but a lost zone or a full node never blocks a scale-up. */
    private static TopologySpreadConstraintArgs spread(String topologyKey, AgentLabels labels) {
        return TopologySpreadConstraintArgs.builder()
                .topologyKey(topologyKey)
                .maxSkew(1)
                .whenUnsatisfiable("ScheduleAnyway")
                .labelSelector(LabelSelectorArgs.builder().matchLabels(labels.selector()).build())
                .build();
    }

    private void autoscaler(AgentSettings s, String ns, AgentLabels labels, Deployment deployment) {
        new HorizontalPodAutoscaler(name("hpa"), HorizontalPodAutoscalerArgs.builder()
                .metadata(meta(APP, ns, labels))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1").kind("Deployment").name(APP).build())
                        .minReplicas(s.minReplicas())
                        .maxReplicas(s.maxReplicas())
                        .metrics(utilisation("cpu", s.targetCpuPercent()), utilisation("memory", s.targetMemoryPercent()))
                        .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                                // Up at once: double (or +2 pods) per minute, no stabilisation.
                                .scaleUp(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(0)
                                        .selectPolicy("Max")
                                        .policies(HPAScalingPolicyArgs.builder().type("Percent").value(100).periodSeconds(60).build(),
                                                HPAScalingPolicyArgs.builder().type("Pods").value(2).periodSeconds(60).build())
                                        .build())
                                // Down slowly: after the environment's stabilisation window, at most half per minute.
                                .scaleDown(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(s.scaleDownStabilizationSeconds())
                                        .selectPolicy("Min")
                                        .policies(HPAScalingPolicyArgs.builder().type("Percent").value(50).periodSeconds(60).build())
                                        .build())
                                .build())
                        .build())
                .build(), childBuilder().dependsOn(deployment).build());
    }

    private static MetricSpecArgs utilisation(String resource, int percent) {
        return MetricSpecArgs.builder()
                .type("Resource")
                .resource(ResourceMetricSourceArgs.builder()
                        .name(resource)
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(percent).build())
                        .build())
                .build();
    }

    private void networkPolicies(AgentWorkloadArgs args, AgentLabels labels, List<Resource> inNamespace) {
        String ns = args.namespace();
        LabelSelectorArgs agentPods = LabelSelectorArgs.builder().matchLabels(labels.selector()).build();
        // Everything in the namespace: nothing in, nothing out, unless a policy below allows it.
        networkPolicy("default-deny", ns, labels, NetworkPolicySpecArgs.builder()
                .podSelector(LabelSelectorArgs.builder().build())
                .policyTypes("Ingress", "Egress")
                .build(), inNamespace);

        networkPolicy("allow-prometheus", ns, labels, NetworkPolicySpecArgs.builder()
                .podSelector(agentPods)
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder()
                        .from(NetworkPolicyPeerArgs.builder().namespaceSelector(namespaceNamed(Monitoring.NAMESPACE)).build())
                        .ports(tcp(MANAGEMENT_PORT_NAME))
                        .build())
                .build(), inNamespace);

        if (args.settings().ingress().isPresent()) {
            // ALB target-type ip: requests and health checks come from the load balancer's addresses in the public
            // subnets, not from a pod, so the source is those CIDR blocks.
            networkPolicy("allow-load-balancer", ns, labels, NetworkPolicySpecArgs.builder()
                    .podSelector(agentPods)
                    .policyTypes("Ingress")
                    .ingress(NetworkPolicyIngressRuleArgs.builder()
                            .from(ipBlocks(args.ingressSourceCidrs()))
                            .ports(tcp(HTTP_PORT_NAME), tcp(MANAGEMENT_PORT_NAME))
                            .build())
                    .build(), inNamespace);
        }

        networkPolicy("allow-dns", ns, labels, NetworkPolicySpecArgs.builder()
                .podSelector(agentPods)
                .policyTypes("Egress")
                .egress(dnsEgress())
                .build(), inNamespace);

        if (args.data().database().app() instanceof DataConnections.IamLogin iam) {
            // The IRSA credentials that sign the database tokens come from STS (its VPC endpoint, where configured).
            networkPolicy("allow-aws-sts", ns, labels, NetworkPolicySpecArgs.builder()
                    .podSelector(agentPods)
                    .policyTypes("Egress")
                    .egress(NetworkPolicyEgressRuleArgs.builder()
                            .to(iam.sts().stream().map(r -> NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder()
                                    .cidr(r.cidr()).except(r.except()).build()).build()).toList())
                            .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(443).build())
                            .build())
                    .build(), inNamespace);
        }

        DataConnections data = args.data();
        networkPolicy("allow-data", ns, labels, NetworkPolicySpecArgs.builder()
                .podSelector(agentPods)
                .policyTypes("Egress")
                .egress(NetworkPolicyEgressRuleArgs.builder()
                                .to(dataPeers(data.database().cidrs()))
                                .ports(NetworkPolicyPortArgs.builder().protocol("TCP")
                                        .port(data.database().port().applyValue(com.pulumi.core.Either::ofLeft)).build())
                                .build(),
                        NetworkPolicyEgressRuleArgs.builder()
                                .to(dataPeers(data.redis().cidrs()))
                                .ports(NetworkPolicyPortArgs.builder().protocol("TCP")
                                        .port(data.redis().port().applyValue(com.pulumi.core.Either::ofLeft)).build())
                                .build())
                .build(), inNamespace);

        if (args.settings().llmApiUrl().isPresent()) {
            networkPolicy("allow-model-endpoint", ns, labels, NetworkPolicySpecArgs.builder()
                    .podSelector(agentPods)
                    .policyTypes("Egress")
                    .egress(NetworkPolicyEgressRuleArgs.builder()
                            .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder()
                                    .cidr("0.0.0.0/0").except(args.vpcCidr()).build()).build())
                            .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(443).build())
                            .build())
                    .build(), inNamespace);
        }
    }

    /** DNS to the cluster's CoreDNS pods (UDP and TCP 53). */
    static NetworkPolicyEgressRuleArgs dnsEgress() {
        return NetworkPolicyEgressRuleArgs.builder()
                .to(NetworkPolicyPeerArgs.builder()
                        .namespaceSelector(namespaceNamed("kube-system"))
                        .podSelector(LabelSelectorArgs.builder().matchLabels(Map.of("k8s-app", "kube-dns")).build())
                        .build())
                .ports(NetworkPolicyPortArgs.builder().protocol("UDP").port(53).build(),
                        NetworkPolicyPortArgs.builder().protocol("TCP").port(53).build())
                .build();
    }

    private static LabelSelectorArgs namespaceNamed(String namespace) {
        return LabelSelectorArgs.builder().matchLabels(Map.of("kubernetes.io/metadata.name", namespace)).build();
    }

    private static NetworkPolicyPortArgs tcp(String portName) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(portName).build();
    }

    /** Where a data service lives: CIDR blocks outside the cluster, or (none given) the in-cluster data pods. */
    static List<NetworkPolicyPeerArgs> dataPeers(List<String> cidrs) {
        if (cidrs.isEmpty()) {
            return List.of(NetworkPolicyPeerArgs.builder().podSelector(LabelSelectorArgs.builder()
                    .matchLabels(InClusterData.POD_LABELS).build()).build());
        }
        return ipBlocks(cidrs);
    }

    private static List<NetworkPolicyPeerArgs> ipBlocks(List<String> cidrs) {
        return cidrs.stream().map(c -> NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(c).build()).build())
                .toList();
    }

    private void networkPolicy(String part, String ns, AgentLabels labels, NetworkPolicySpecArgs spec, List<Resource> after) {
        new NetworkPolicy(name("netpol-" + part), NetworkPolicyArgs.builder()
                .metadata(meta(APP + "-" + part, ns, labels))
                .spec(spec)
                .build(), childBuilder().dependsOn(after).build());
    }

    private Output<String> ingress(AgentSettings.Ingress ingress, String ns, AgentLabels labels, Service service) {
        Map<String, String> annotations = new LinkedHashMap<>();
        IngressTLSArgs.Builder tls = IngressTLSArgs.builder().hosts(ingress.host());
        if ("alb".equals(ingress.className())) {
            annotations.put("alb.ingress.kubernetes.io/scheme", "internet-facing");
            annotations.put("alb.ingress.kubernetes.io/target-type", "ip");
            annotations.put("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\":443}]");
            annotations.put("alb.ingress.kubernetes.io/ssl-redirect", "443");
            annotations.put("alb.ingress.kubernetes.io/ssl-policy", "ELBSecurityPolicy-TLS13-1-2-2021-06");
            // The API port serves no health endpoint; the readiness path on the management port does.
            annotations.put("alb.ingress.kubernetes.io/healthcheck-port", String.valueOf(MANAGEMENT_PORT));
            annotations.put("alb.ingress.kubernetes.io/healthcheck-path", "/health/ready");
            ingress.certificateArn().ifPresent(arn -> annotations.put("alb.ingress.kubernetes.io/certificate-arn", arn));
        }
        ingress.tlsSecretName().ifPresent(tls::secretName);
        new Ingress(name("ingress"), IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(APP).namespace(ns).labels(labels.pod()).annotations(annotations).build())
                .spec(IngressSpecArgs.builder()
                        .ingressClassName(ingress.className())
                        .tls(tls.build())
                        .rules(IngressRuleArgs.builder()
                                .host(ingress.host())
                                .http(HTTPIngressRuleValueArgs.builder()
                                        .paths(HTTPIngressPathArgs.builder()
                                                .path("/")
                                                .pathType("Prefix")
                                                .backend(IngressBackendArgs.builder()
                                                        .service(IngressServiceBackendArgs.builder()
                                                                .name(APP)
                                                                .port(ServiceBackendPortArgs.builder().name(HTTP_PORT_NAME).build())
                                                                .build())
                                                        .build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), childBuilder().dependsOn(service).build());
        return Output.of("https://" + ingress.host());
    }
}
