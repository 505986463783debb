package io.agentplatform.monitoring;

import io.agentplatform.core.ClasspathFiles;

import io.agentplatform.config.AlertingSettings;
import io.agentplatform.config.MonitoringSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of the kube-prometheus-stack release: the static file {@code monitoring/kube-prometheus-stack.yaml} with
 * the environment's sizes, replicas, storage, Alertmanager routing and Grafana wiring laid over it. No credential
 * appears here: Grafana reads its admin login from {@link #GRAFANA_ADMIN_SECRET}, Alertmanager its receivers'
 * credentials from files of {@link AlertmanagerConfig#SECRET_NAME}.
 */
final class KubePrometheusStackValues {
    static final String GRAFANA_ADMIN_SECRET = "grafana-admin";
    static final String GRAFANA_USER_KEY = "admin-user";
    static final String GRAFANA_PASSWORD_KEY = "admin-password";

    private KubePrometheusStackValues() {}

    static Map<String, Object> build(MonitoringSettings s, AlertingSettings alerting, String storageClassName,
                                     String lokiUrl) {
        Map<String, Object> prometheusSpec = new LinkedHashMap<>();
        prometheusSpec.put("retention", s.prometheusRetention());
        prometheusSpec.put("retentionSize", s.prometheusRetentionSize());
        prometheusSpec.put("replicas", s.prometheusReplicas());
        prometheusSpec.put("podAntiAffinity", s.prometheusReplicas() > 1 ? "hard" : "soft");
        prometheusSpec.put("storageSpec", volumeClaimTemplate(storageClassName, s.prometheusVolumeGiB()));

        Map<String, Object> alertmanagerSpec = new LinkedHashMap<>();
        alertmanagerSpec.put("replicas", s.alertmanagerReplicas());
        alertmanagerSpec.put("podAntiAffinity", s.alertmanagerReplicas() > 1 ? "hard" : "soft");
        alertmanagerSpec.put("storage", volumeClaimTemplate(storageClassName, s.alertmanagerVolumeGiB()));
        alertmanagerSpec.put("secrets", alerting.hasAnyReceiver()
                ? List.of(AlertmanagerConfig.SECRET_NAME) : List.of());

        Map<String, Object> grafana = new LinkedHashMap<>();
        grafana.put("replicas", s.grafanaReplicas());
        grafana.put("admin", Map.of(
                "existingSecret", GRAFANA_ADMIN_SECRET,
                "userKey", GRAFANA_USER_KEY,
                "passwordKey", GRAFANA_PASSWORD_KEY));
        grafana.put("additionalDataSources", List.of(lokiDatasource(lokiUrl)));
        if (s.grafanaReplicas() > 1) {
            grafana.put("podDisruptionBudget", Map.of("maxUnavailable", 1));
        }

        Map<String, Object> overlay = new LinkedHashMap<>();
        overlay.put("prometheus", Map.of(
                "prometheusSpec", prometheusSpec,
                "podDisruptionBudget", pdb(s.prometheusReplicas())));
        overlay.put("alertmanager", Map.of(
                "alertmanagerSpec", alertmanagerSpec,
                "config", AlertmanagerConfig.build(alerting),
                "podDisruptionBudget", pdb(s.alertmanagerReplicas())));
        overlay.put("grafana", grafana);
        return ClasspathFiles.merge(ClasspathFiles.yaml("monitoring/kube-prometheus-stack.yaml"), overlay);
    }

    /** A PersistentVolumeClaim template on the given storage class, as the Prometheus Operator takes it. */
    static Map<String, Object> volumeClaimTemplate(String storageClassName, int sizeGiB) {
        return Map.of("volumeClaimTemplate", Map.of("spec", Map.of(
                "storageClassName", storageClassName,
                "accessModes", List.of("ReadWriteOnce"),
                "resources", Map.of("requests", Map.of("storage", sizeGiB + "Gi")))));
    }

    /** With two or more replicas, a drain may take only one at a time. */
    private static Map<String, Object> pdb(int replicas) {
        return replicas > 1 ? Map.of("enabled", true, "minAvailable", 1) : Map.of("enabled", false);
    }

    private static Map<String, Object> lokiDatasource(String lokiUrl) {
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("name", "Loki");
        ds.put("uid", "loki");
        ds.put("type", "loki");
        ds.put("access", "proxy");
        ds.put("url", lokiUrl);
        ds.put("editable", false);
        ds.put("jsonData", Map.of("maxLines", 1000));
        return ds;
    }
}
