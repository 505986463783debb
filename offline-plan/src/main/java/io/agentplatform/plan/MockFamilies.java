package io.agentplatform.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outputs every resource of a provider has, before its type's own ({@link MockTypes}): an AWS resource's name, ARN
 * and {@code tagsAll}; a Kubernetes object's metadata with its uid (a Helm release is no Kubernetes object).
 */
final class MockFamilies {
    private MockFamilies() {}

    static void addOutputs(MockResource resource, Map<String, Object> state) {
        String type = resource.type();
        if (type.startsWith("aws:")) {
            String physical = resource.physicalName();
            state.putIfAbsent("name", physical);
            state.putIfAbsent("arn", arn(resource, physical));
            state.putIfAbsent("tagsAll", resource.inputs().getOrDefault("tags", Map.of()));
        }
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh")) {
            Map<String, Object> metadata = new LinkedHashMap<>(MockCloud.mapOr(resource.inputs().get("metadata")));
            metadata.putIfAbsent("name", MockCloud.autoName(resource.name()));
            metadata.put("uid", MockCloud.uuid("k8s:" + type + ":" + resource.name()));
            state.put("metadata", metadata);
        }
    }

    /**
     * The ARN the way each service shapes it: IAM is global with the path in it; log groups, backup vaults and DB instances are named
     * (CreateBackupVault, DescribeDBInstances); the rest carry the id.
     */
    private static String arn(MockResource resource, String physical) {
        String[] token = resource.type().split(":");
        String module = token[1].contains("/") ? token[1].substring(0, token[1].indexOf('/')) : token[1];
        String account = MockCloud.ACCOUNT;
        String region = resource.region();
        return switch (module) {
            case "iam" -> "arn:aws:iam::" + account + ":" + lowerFirst(token[2]) + iamPath(resource) + physical;
            case "cloudwatch" -> resource.type().equals("aws:cloudwatch/logGroup:LogGroup")
                    ? "arn:aws:logs:" + region + ":" + account + ":log-group:" + physical
                    : "arn:aws:cloudwatch:" + region + ":" + account + ":" + lowerFirst(token[2]) + "/" + resource.id();
            case "backup" -> resource.type().equals("aws:backup/vault:Vault")
                    ? "arn:aws:backup:" + region + ":" + account + ":backup-vault:" + physical
                    : "arn:aws:backup:" + region + ":" + account + ":" + lowerFirst(token[2]) + "/" + resource.id();
            case "rds" -> resource.type().equals("aws:rds/instance:Instance")
                    ? "arn:aws:rds:" + region + ":" + account + ":db:" + resource.text("identifier", physical)
                    : "arn:aws:rds:" + region + ":" + account + ":" + lowerFirst(token[2]) + "/" + resource.id();
            default -> "arn:aws:" + module + ":" + region + ":" + account + ":" + lowerFirst(token[2]) + "/" + resource.id();
        };
    }

    /** An IAM role's or policy's path is part of its ARN: {@code role/agent-platform/dev/<name>}. */
    private static String iamPath(MockResource resource) {
        String path = resource.text("path", "/");
        return path.endsWith("/") ? path : path + "/";
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
