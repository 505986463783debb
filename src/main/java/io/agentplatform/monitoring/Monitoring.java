package io.agentplatform.monitoring;

import io.agentplatform.core.ClasspathFiles;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AlertingSettings;
import io.agentplatform.config.MonitoringSettings;
import io.agentplatform.config.SecretValue;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PrivateBucket;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The in-cluster monitoring stack. See the package documentation. */
public final class Monitoring extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:Monitoring";
    public static final String NAMESPACE = "monitoring";
    /** Loki's service account; the IRSA role trusts exactly this one. */
    public static final String LOKI_SERVICE_ACCOUNT = "loki";
    /** Dashboards under {@code src/main/resources/dashboards/}, provisioned through the Grafana sidecar. */
    static final List<String> DASHBOARDS = List.of("agent-red", "platform-overview");

    /** Where the CRD release keeps its Helm record: a namespace that exists before anything of ours. */
    static final String CRDS_NAMESPACE = "kube-system";

    private final Release crds;
    private final Release kubePrometheusStack;
    /** Loki's bucket where it keeps logs in S3; set while the constructor builds it. */
    private java.util.Optional<Output<String>> logBucketArn = java.util.Optional.empty();
    private final MonitoringOutputs outputs;

    /**
     * @param options must carry the AWS and the Kubernetes provider ({@code providers(aws, k8s)}); every child
     *                inherits them
     */
    public Monitoring(MonitoringArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "monitoring", platform, options);
        MonitoringSettings s = args.settings();
        // Releases wait for pods to be able to run, and for the storage class when they ask for volumes.
        List<Resource> withVolumes = new ArrayList<>(args.podsCanRun());
        withVolumes.addAll(args.storageClassReady());

        // The namespace keeps the claims Helm leaves behind (StatefulSets' volumeClaimTemplates): on destroy it goes
        // while the nodes and the EBS CSI driver still run, so the driver deletes the volumes. It costs nothing on
        // create: every release waits for the storage class or the nodes anyway.
        Namespace namespace = new Namespace(name("namespace"), NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(NAMESPACE)
                        .labels(namespaceLabels())
                        .build())
                .build(), childBuilder().dependsOn(withVolumes).build());
        // Taken from the namespace, so everything in it waits for it.
        Output<String> ns = namespace.metadata().applyValue(m -> m.name().orElse(NAMESPACE));

        // The Prometheus Operator CRDs need only the API server: they install while the nodes start, and every
        // ServiceMonitor, PrometheusRule, Prometheus or Alertmanager object waits for them, not for a whole stack.
        this.crds = release(Chart.PROMETHEUS_OPERATOR_CRDS, Output.of(CRDS_NAMESPACE), Output.of(Map.of()), 300, List.of());

        Secret grafanaAdmin = grafanaAdminSecret(args.grafanaAdminPassword(), ns);
        List<Resource> kpsWaitsFor = plus(plus(withVolumes, crds), grafanaAdmin);
        alertmanagerSecret(args.alerting(), ns).ifPresent(kpsWaitsFor::add);

        String lokiHost = "http://" + Chart.LOKI.release() + "." + NAMESPACE + ".svc.cluster.local:3100";
        this.kubePrometheusStack = release(Chart.KUBE_PROMETHEUS_STACK, ns, Output.of(NodePlacement.kubePrometheusStack(
                KubePrometheusStackValues.build(s, args.alerting(), args.storageClassName(), lokiHost), args.nodeSelector())),
                900, kpsWaitsFor);

        dashboards(ns);

        // Loki and Alloy create ServiceMonitors: they wait for the CRDs, not for kube-prometheus-stack (Prometheus
        // picks their monitors up whenever it starts). Loki keeps its chunks (and index) on a volume; Alloy needs no
        // volume, and retries pushes until Loki answers, so neither waits for the other.
        List<Resource> lokiWaitsFor = plus(withVolumes, crds);
        List<Resource> alloyWaitsFor = plus(args.podsCanRun(), crds);
        Output<Map<String, Object>> lokiValues = s.lokiObjectStorage()
                ? lokiS3(args).applyValue(storage -> LokiValues.build(s, args.storageClassName(), LOKI_SERVICE_ACCOUNT, storage))
                : Output.of(LokiValues.build(s, args.storageClassName(), LOKI_SERVICE_ACCOUNT, LokiValues.Storage.filesystem()));
        release(Chart.LOKI, ns, lokiValues.applyValue(v -> NodePlacement.loki(v, args.nodeSelector())), 600, lokiWaitsFor);
        release(Chart.ALLOY, ns, Output.of(AlloyValues.build(lokiHost + "/loki/api/v1/push")), 600, alloyWaitsFor);

        String prefix = Chart.KUBE_PROMETHEUS_STACK.release();
        String grafanaService = prefix + "-grafana";
        this.outputs = new MonitoringOutputs(NAMESPACE,
                kubePrometheusStack.name().applyValue(n ->
                        "kubectl -n " + NAMESPACE + " port-forward svc/" + grafanaService + " 3000:80 (then http://localhost:3000)"),
                prefix + "-prometheus." + NAMESPACE + ".svc:9090",
                prefix + "-alertmanager." + NAMESPACE + ".svc:9093");
        registerOutputs(Map.of(
                "namespace", Output.of(outputs.namespace()),
                "grafanaUrl", outputs.grafanaUrl(),
                "prometheusService", Output.of(outputs.prometheusService()),
                "alertmanagerService", Output.of(outputs.alertmanagerService())));
    }

    public MonitoringOutputs outputs() {
        return outputs;
    }

    /** Loki's chunk bucket (the log archive), where logs go to S3: stateful, so the backup plan selects it. */
    public java.util.Optional<Output<String>> logBucketArn() {
        return logBucketArn;
    }

    /**
     * The release that installs the Prometheus Operator CRDs ({@link Chart#PROMETHEUS_OPERATOR_CRDS}): every
     * ServiceMonitor or PrometheusRule created elsewhere (e.g. {@link AgentObservability}) must depend on it.
     */
    public Resource crdsReady() {
        return crds;
    }

    /**
     * Pod Security: node-exporter needs hostNetwork, hostPID and hostPath (/proc, /sys, /) and Alloy reads
     * /var/log/pods through hostPath; both are forbidden by the {@code baseline} level, so the namespace enforces
     * {@code privileged}. It still warns and audits against {@code baseline}, so anything else that needs more
     * than baseline shows up. Nothing but the monitoring stack runs here.
     */
    static Map<String, String> namespaceLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/part-of", "monitoring");
        labels.put("app.kubernetes.io/managed-by", "pulumi");
        labels.put("pod-security.kubernetes.io/enforce", "privileged");
        labels.put("pod-security.kubernetes.io/warn", "baseline");
        labels.put("pod-security.kubernetes.io/audit", "baseline");
        return labels;
    }

    private static List<Resource> plus(List<Resource> base, Resource more) {
        List<Resource> all = new ArrayList<>(base);
        all.add(more);
        return all;
    }

    private Release release(Chart chart, Output<String> ns, Output<Map<String, Object>> values, int timeoutSeconds,
                            List<Resource> dependsOn) {
        return new Release(name(chart.release()), ReleaseArgs.builder()
                .name(chart.release())
                .chart(chart.chart())
                .version(chart.version())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(chart.repository()).build())
                .namespace(ns)
                .createNamespace(false)
                .values(values)
                // A failed install or upgrade rolls back instead of leaving a half-applied release.
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(timeoutSeconds)
                .maxHistory(10)
                .build(), childBuilder().dependsOn(dependsOn).build());
    }

    private Secret grafanaAdminSecret(SecretValue password, Output<String> ns) {
        return new Secret(name("grafana-admin"), SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(KubePrometheusStackValues.GRAFANA_ADMIN_SECRET)
                        .namespace(ns)
                        .build())
                .type("Opaque")
                .stringData(password.output().applyValue(text -> Map.of(
                        KubePrometheusStackValues.GRAFANA_USER_KEY, "admin",
                        KubePrometheusStackValues.GRAFANA_PASSWORD_KEY, text)))
                .build(), child());
    }

    /** The receivers' credentials, one key per configured receiver; none when no receiver is configured. */
    private java.util.Optional<Secret> alertmanagerSecret(AlertingSettings alerting, Output<String> ns) {
        if (!alerting.hasAnyReceiver()) {
            return java.util.Optional.empty();
        }
        List<Output<Map.Entry<String, String>>> entries = new ArrayList<>();
        alerting.slack().ifPresent(slack -> entries.add(entry(AlertmanagerConfig.SLACK_KEY, slack.webhookUrl().output())));
        alerting.telegram().ifPresent(telegram -> entries.add(entry(AlertmanagerConfig.TELEGRAM_KEY,
                telegram.botToken().output())));
        alerting.pagerduty().ifPresent(pagerduty -> entries.add(entry(AlertmanagerConfig.PAGERDUTY_KEY,
                pagerduty.routingKey().output())));
        Output<Map<String, String>> data = Output.all(entries).applyValue(list -> {
            Map<String, String> m = new LinkedHashMap<>();
            list.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
        return java.util.Optional.of(new Secret(name("alertmanager-receivers"), SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(AlertmanagerConfig.SECRET_NAME)
                        .namespace(ns)
                        .build())
                .type("Opaque")
                .stringData(data.asSecret())
                .build(), child()));
    }

    private static Output<Map.Entry<String, String>> entry(String key, Output<String> value) {
        return value.applyValue(v -> Map.entry(key, v));
    }

    /** One ConfigMap per dashboard file, labelled for the Grafana dashboard sidecar. */
    private void dashboards(Output<String> ns) {
        for (String dashboard : DASHBOARDS) {
            new ConfigMap(name("dashboard-" + dashboard), ConfigMapArgs.builder()
                    .metadata(ObjectMetaArgs.builder()
                            .name("dashboard-" + dashboard)
                            .namespace(ns)
                            .labels(Map.of("grafana_dashboard", "1"))
                            .annotations(Map.of("grafana_folder", "Agent platform"))
                            .build())
                    .data(Map.of(dashboard + ".json", ClasspathFiles.text("dashboards/" + dashboard + ".json")))
                    .build(), child());
        }
    }

    /**
     * Loki's bucket (private, encrypted, versioned, with a lifecycle for what versioning keeps) and the IRSA role
     * its service account assumes to use it. Deletion of old logs is the compactor's job (retention); the
     * lifecycle removes the versions the compactor's deletes leave behind.
     */
    private Output<LokiValues.Storage> lokiS3(MonitoringArgs args) {
        IrsaIssuer irsa = args.irsa().orElseThrow();
        boolean keep = args.settings().protect();
        BucketV2 bucket = PrivateBucket.create(this, "loki-chunks", keep, java.util.OptionalInt.empty());
        this.logBucketArn = java.util.Optional.of(bucket.arn());
        Role role = lokiRole(irsa, bucket);
        return Output.tuple(bucket.bucket(), role.arn())
                .applyValue(t -> LokiValues.Storage.s3(t.t1, region(), t.t2));
    }

    /** The role Loki's service account assumes: list, read, write and delete in its bucket, nothing else. */
    private Role lokiRole(IrsaIssuer irsa, BucketV2 bucket) {
        Role role = new Role(name("loki-irsa", ROLE), RoleArgs.builder()
                .path(iamPath())
                .description("Loki (" + NAMESPACE + "/" + LOKI_SERVICE_ACCOUNT + ") reads and writes its chunk bucket")
                .assumeRolePolicy(PolicyDocument.create()
                        .trustServiceAccount(irsa.oidcProviderArn(), irsa.oidcIssuerUrl(), NAMESPACE, LOKI_SERVICE_ACCOUNT)
                        .toJson())
                .tags(tags("loki-irsa"))
                .build(), childBuilder("loki-irsa", ROLE).build());
        new RolePolicy(name("loki-s3"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.create()
                        .allow(List.of("s3:ListBucket"), bucket.arn().applyValue(List::of))
                        .allow(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                                bucket.arn().applyValue(arn -> List.of(arn + "/*")))
                        .toJson())
                .build(), child());
        return role;
    }
}
