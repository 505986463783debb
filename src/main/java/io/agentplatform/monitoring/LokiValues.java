package io.agentplatform.monitoring;

import io.agentplatform.core.ClasspathFiles;

import io.agentplatform.config.MonitoringSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Values of the Loki release: {@code monitoring/loki.yaml} with storage, retention, replicas and the service
 * account laid over it.
 *
 * <p>Storage is either an S3 bucket reached through the IRSA role annotated on the service account (no keys
 * anywhere), or, without object storage, the filesystem of the single replica's persistent volume. Retention is the
 * compactor's job ({@code retention_enabled}, {@code limits_config.retention_period}); the bucket's lifecycle only
 * cleans up what versioning keeps after the compactor deletes.
 */
final class LokiValues {
    /** The schema every new Loki starts with (TSDB index, schema v13). */
    static final String SCHEMA_FROM = "2025-01-01";

    /**
     * Where the chunks go.
     *
     * @param bucket  S3 bucket, or empty for the filesystem
     * @param region  the bucket's region
     * @param roleArn the IRSA role Loki's service account assumes
     */
    record Storage(Optional<String> bucket, String region, Optional<String> roleArn) {
        static Storage filesystem() {
            return new Storage(Optional.empty(), "", Optional.empty());
        }

        static Storage s3(String bucket, String region, String roleArn) {
            return new Storage(Optional.of(bucket), region, Optional.of(roleArn));
        }
    }

    private LokiValues() {}

    static Map<String, Object> build(MonitoringSettings s, String storageClassName, String serviceAccount, Storage storage) {
        boolean s3 = storage.bucket().isPresent();
        String store = s3 ? "s3" : "filesystem";

        Map<String, Object> loki = new LinkedHashMap<>();
        // Writes need a quorum of replication_factor/2+1: with two replicas a factor of 2 would stop ingestion
        // when one is lost, so only three or more replicate.
        loki.put("commonConfig", Map.of("replication_factor", s.lokiReplicas() >= 3 ? 3 : 1));
        loki.put("schemaConfig", Map.of("configs", List.of(Map.of(
                "from", SCHEMA_FROM,
                "store", "tsdb",
                "object_store", store,
                "schema", "v13",
                "index", Map.of("prefix", "index_", "period", "24h")))));
        if (s3) {
            String bucket = storage.bucket().orElseThrow();
            loki.put("storage", Map.of(
                    "type", "s3",
                    "bucketNames", Map.of("chunks", bucket, "ruler", bucket, "admin", bucket),
                    "s3", Map.of("region", storage.region())));
        } else {
            loki.put("storage", Map.of(
                    "type", "filesystem",
                    "filesystem", Map.of(
                            "chunks_directory", "/var/loki/chunks",
                            "rules_directory", "/var/loki/rules")));
        }
        loki.put("compactor", Map.of(
                "retention_enabled", true,
                "delete_request_store", store));
        loki.put("limits_config", Map.of("retention_period", s.lokiRetentionDays() * 24 + "h"));

        Map<String, Object> persistence = new LinkedHashMap<>();
        persistence.put("enabled", true);
        persistence.put("size", s.lokiVolumeGiB() + "Gi");
        persistence.put("storageClass", storageClassName);
        Map<String, Object> singleBinary = new LinkedHashMap<>();
        singleBinary.put("replicas", s.lokiReplicas());
        singleBinary.put("persistence", persistence);

        Map<String, Object> serviceAccountValues = new LinkedHashMap<>();
        serviceAccountValues.put("create", true);
        serviceAccountValues.put("name", serviceAccount);
        storage.roleArn().ifPresent(arn -> serviceAccountValues.put("annotations", Map.of("eks.amazonaws.com/role-arn", arn)));

        Map<String, Object> overlay = new LinkedHashMap<>();
        overlay.put("loki", loki);
        overlay.put("singleBinary", singleBinary);
        overlay.put("serviceAccount", serviceAccountValues);
        return ClasspathFiles.merge(ClasspathFiles.yaml("monitoring/loki.yaml"), overlay);
    }
}
