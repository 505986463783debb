package io.agentplatform.monitoring;

import com.pulumi.Context;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.StackPlans;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.Tags;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlanRunner;
import io.agentplatform.plan.PlannedResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plans of a program that installs the monitoring stack on a stand-in cluster: an explicit Kubernetes provider
 * (dummy kubeconfig), an AWS provider, a gp3 StorageClass standing for "cluster ready", an OIDC provider for IRSA,
 * then {@link Monitoring} and the agent's {@link AgentObservability}, as the platform will wire them. Each stack's
 * plan is computed once per JVM.
 */
final class MonitoringPlans {
    static final String AGENT_NAMESPACE = "agent";
    static final Map<String, String> AGENT_LABELS = Map.of("app.kubernetes.io/name", "agent");
    static final String AGENT_PORT = "management";
    static final String STORAGE_CLASS = "gp3";
    static final String CLUSTER_READY_NAME = "cluster-ready-gp3";
    static final String ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";

    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String SERVICE_MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
    static final String PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    private MonitoringPlans() {}

    static synchronized Plan of(String stack) {
        return PLANS.computeIfAbsent(stack, s -> PlanRunner.run(StackPlans.config(s), MonitoringPlans::program));
    }

    static PlatformConfig config(String stack) {
        return StackPlans.config(stack);
    }

    static void program(Context ctx, PlatformConfig cfg) {
        Naming naming = new Naming(cfg.project(), cfg.stack());
        PlatformContext platform = new PlatformContext(naming,
                new Tags(cfg.project(), cfg.environment().configName(), cfg.owner(), cfg.extraTags()),
                java.util.Optional.of(cfg.requireAws().region()));
        var aws = new com.pulumi.aws.Provider("aws", com.pulumi.aws.ProviderArgs.builder()
                .region(cfg.requireAws().region()).build());
        var k8s = new com.pulumi.kubernetes.Provider("k8s", com.pulumi.kubernetes.ProviderArgs.builder()
                .kubeconfig(Output.ofSecret("apiVersion: v1\nkind: Config\n# dummy kubeconfig of the offline test\n"))
                .build());
        StorageClass gp3 = new StorageClass(CLUSTER_READY_NAME, StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(STORAGE_CLASS).build())
                .provisioner("ebs.csi.aws.com")
                .volumeBindingMode("WaitForFirstConsumer")
                .parameters(Map.of("type", "gp3", "encrypted", "true"))
                .build(), CustomResourceOptions.builder().provider(k8s).build());
        OpenIdConnectProvider oidc = new OpenIdConnectProvider("cluster-oidc", OpenIdConnectProviderArgs.builder()
                .url(ISSUER)
                .clientIdLists("sts.amazonaws.com")
                .build(), CustomResourceOptions.builder().provider(aws).build());

        Monitoring monitoring = new Monitoring(new MonitoringArgs(cfg.monitoring(), cfg.alerting(), cfg.secrets(),
                STORAGE_CLASS, Optional.of(new IrsaIssuer(oidc.arn(), oidc.url())), List.of(gp3), List.of(gp3)), platform,
                ComponentResourceOptions.builder().providers(aws, k8s).build());
        new AgentObservability(AgentObservabilityArgs.of(AGENT_NAMESPACE, AGENT_LABELS, AGENT_PORT, monitoring.crdsReady()),
                platform, ComponentResourceOptions.builder().providers(k8s).build());

        MonitoringOutputs out = monitoring.outputs();
        ctx.export("monitoringNamespace", Output.of(out.namespace()));
        ctx.export("grafanaUrl", out.grafanaUrl());
        ctx.export("prometheusService", Output.of(out.prometheusService()));
        ctx.export("alertmanagerService", Output.of(out.alertmanagerService()));
    }

    static PlannedResource release(Plan plan, String releaseName) {
        List<PlannedResource> found = plan.matching(r -> r.type().equals(RELEASE) && r.input("name").asText().equals(releaseName));
        if (found.size() != 1) {
            throw new AssertionError("expected one release named " + releaseName + " in " + plan.stack() + ", found " + found.size());
        }
        return found.get(0);
    }

    static PlannedResource clusterReady(Plan plan) {
        return plan.named("kubernetes:storage.k8s.io/v1:StorageClass", CLUSTER_READY_NAME);
    }
}
