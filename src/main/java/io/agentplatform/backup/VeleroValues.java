package io.agentplatform.backup;

import io.agentplatform.config.VeleroSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of the Velero chart (keys of vmware-tanzu/helm-charts charts/velero/values.yaml, chart 12.1.0): the AWS
 * plugin as init container, the bucket as the default backup storage location, EBS snapshots in the region, IRSA
 * instead of a credentials secret, and one schedule per namespace. No kubectl job runs (cleanUpCRDs is off, the
 * chart labels no namespace); the CRD upgrade job runs the pinned Velero image.
 */
final class VeleroValues {
    private static final int NOBODY = 65534;
    /** What the restricted Pod Security level asks of every container; with a read-only root the chart mounts /tmp. */
    private static final Map<String, Object> RESTRICTED_CONTAINER = Map.of("allowPrivilegeEscalation", false,
            "readOnlyRootFilesystem", true, "capabilities", Map.of("drop", List.of("ALL")));

    private VeleroValues() {}

    static Map<String, Object> build(VeleroSettings s, String bucket, String region, String roleArn) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("image", Map.of("repository", "docker.io/velero/velero", "tag", Velero.VELERO_IMAGE_TAG));
        // The pre-install/upgrade job applies the image's own CRDs (newer than the chart's crds/ directory).
        values.put("upgradeCRDs", true);
        values.put("initContainers", List.of(Map.of(
                "name", "velero-plugin-for-aws",
                "image", Velero.AWS_PLUGIN_IMAGE,
                "imagePullPolicy", "IfNotPresent",
                "securityContext", RESTRICTED_CONTAINER,
                "volumeMounts", List.of(Map.of("mountPath", "/target", "name", "plugins")))));
        // The namespace enforces the restricted Pod Security level (the server and the CRD upgrade job share these).
        // IRSA: the projected token must be readable by the non-root user, hence fsGroup (plugin README).
        values.put("podSecurityContext", Map.of("fsGroup", NOBODY, "runAsUser", NOBODY, "runAsGroup", NOBODY,
                "runAsNonRoot", true, "seccompProfile", Map.of("type", "RuntimeDefault")));
        values.put("containerSecurityContext", RESTRICTED_CONTAINER);
        values.put("configuration", Map.of(
                "backupStorageLocation", List.of(Map.of("name", "default", "provider", "aws", "bucket", bucket,
                        "default", true, "config", Map.of("region", region))),
                "volumeSnapshotLocation", List.of(Map.of("name", "default", "provider", "aws",
                        "config", Map.of("region", region)))));
        values.put("credentials", Map.of("useSecret", false));
        values.put("serviceAccount", Map.of("server", Map.of("create", true, "name", Velero.SERVICE_ACCOUNT,
                "annotations", Map.of("eks.amazonaws.com/role-arn", roleArn))));
        Map<String, Object> schedules = new LinkedHashMap<>();
        for (String namespace : s.namespaces()) {
            schedules.put(namespace, Map.of(
                    "disabled", false,
                    "schedule", s.schedule(),
                    "useOwnerReferencesInBackup", false,
                    "template", Map.of(
                            "ttl", s.retentionDays() * 24 + "h0m0s",
                            "storageLocation", "default",
                            "includedNamespaces", List.of(namespace),
                            "snapshotVolumes", true)));
        }
        values.put("schedules", schedules);
        return values;
    }
}
