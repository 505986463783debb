package io.agentplatform.monitoring;

import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AlertingSettings;
import io.agentplatform.config.MonitoringSettings;
import io.agentplatform.config.PlatformSecrets;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inputs of {@link Monitoring}.
 *
 * @param settings         retention, sizes and replicas of Prometheus, Alertmanager, Grafana and Loki
 * @param alerting         which Alertmanager receivers exist; an unconfigured one is left out
 * @param secrets          the Grafana admin password (required) and the receivers' credentials
 * @param storageClassName the gp3 storage class of every persistent volume
 * @param irsa             the cluster's OIDC provider; required when {@code settings.lokiObjectStorage()}
 * @param podsCanRun       what must exist before a release's pods can run (node groups, networking add-ons)
 * @param storageClassReady what must exist before a release's volumes can be provisioned (the storage class)
 * @param nodeSelector     labels of the nodes the monitoring pods run on (the workloads pool); empty: any node.
 *                         Alloy and node-exporter are DaemonSets and run on every node regardless
 */
public record MonitoringArgs(MonitoringSettings settings, AlertingSettings alerting, PlatformSecrets secrets,
                             String storageClassName, Optional<IrsaIssuer> irsa, List<Resource> podsCanRun,
                             List<Resource> storageClassReady, Map<String, String> nodeSelector) {

    /** On any node (a local cluster). */
    public MonitoringArgs(MonitoringSettings settings, AlertingSettings alerting, PlatformSecrets secrets,
                          String storageClassName, Optional<IrsaIssuer> irsa, List<Resource> podsCanRun,
                          List<Resource> storageClassReady) {
        this(settings, alerting, secrets, storageClassName, irsa, podsCanRun, storageClassReady, Map.of());
    }

    public MonitoringArgs {
        if (settings.lokiObjectStorage() && irsa.isEmpty()) {
            throw new IllegalArgumentException("monitoring.lokiObjectStorage needs the cluster's OIDC provider (irsa) "
                    + "so Loki can reach its bucket through an IAM role");
        }
        if (secrets.grafanaAdminPassword().isEmpty()) {
            throw new IllegalArgumentException("the Grafana admin password secret is required");
        }
        podsCanRun = List.copyOf(podsCanRun);
        storageClassReady = List.copyOf(storageClassReady);
        nodeSelector = Map.copyOf(nodeSelector);
    }
}
