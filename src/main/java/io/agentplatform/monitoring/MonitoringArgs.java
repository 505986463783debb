package io.agentplatform.monitoring;

import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AlertingSettings;
import io.agentplatform.config.MonitoringSettings;
import io.agentplatform.config.MonitoringStack;
import io.agentplatform.config.SecretValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inputs of {@link Monitoring}.
 *
 * @param settings         retention, sizes and replicas of Prometheus, Alertmanager, Grafana and Loki
 * @param alerting         the configured Alertmanager receivers with their credentials; an unconfigured one is left out
 * @param grafanaAdminPassword the Grafana admin password
 * @param storageClassName the gp3 storage class of every persistent volume
 * @param irsa             the cluster's OIDC provider; required when {@code settings.lokiObjectStorage()}
 * @param podsCanRun       what must exist before a release's pods can run (node groups, networking add-ons)
 * @param storageClassReady what must exist before a release's volumes can be provisioned (the storage class)
 * @param nodeSelector     labels of the nodes the monitoring pods run on (the workloads pool); empty: any node.
 *                         Alloy and node-exporter are DaemonSets and run on every node regardless
 */
public record MonitoringArgs(MonitoringSettings settings, AlertingSettings alerting,
                             SecretValue grafanaAdminPassword,
                             String storageClassName, Optional<IrsaIssuer> irsa, List<Resource> podsCanRun,
                             List<Resource> storageClassReady, Map<String, String> nodeSelector) {

    /** The monitoring a stack's config asks for, on the given storage and cluster, on any node (a local cluster). */
    public static MonitoringArgs of(MonitoringStack stack, String storageClassName, Optional<IrsaIssuer> irsa,
                                    List<Resource> podsCanRun, List<Resource> storageClassReady) {
        return of(stack, storageClassName, irsa, podsCanRun, storageClassReady, Map.of());
    }

    /** As above, on the nodes the selector names. */
    public static MonitoringArgs of(MonitoringStack stack, String storageClassName, Optional<IrsaIssuer> irsa,
                                    List<Resource> podsCanRun, List<Resource> storageClassReady,
                                    Map<String, String> nodeSelector) {
        return new MonitoringArgs(stack.settings(), stack.alerting(), stack.grafanaAdminPassword(), storageClassName,
                irsa, podsCanRun, storageClassReady, nodeSelector);
    }

    public MonitoringArgs {
        if (settings.lokiObjectStorage() && irsa.isEmpty()) {
            throw new IllegalArgumentException("monitoring.lokiObjectStorage needs the cluster's OIDC provider (irsa) "
                    + "so Loki can reach its bucket through an IAM role");
        }
        podsCanRun = List.copyOf(podsCanRun);
        storageClassReady = List.copyOf(storageClassReady);
        nodeSelector = Map.copyOf(nodeSelector);
    }
}
