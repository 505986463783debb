package io.agentplatform.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The declarations of the top-level settings of ephemeral and local stacks ({@link ClusterTargetSettings}). */
final class TargetSection {
    private static final List<EnvironmentKind> TARGETS = List.of(EnvironmentKind.EPHEMERAL, EnvironmentKind.LOCAL);

    static final Setting<Optional<String>> PLATFORM_STACK = Setting.optionalText("platformStack", "ephemeral: the "
            + "platform stack whose cluster it deploys onto, as a StackReference name; its outputs must meet the output "
            + "contract").rule("required on ephemeral stacks, refused elsewhere").matching("([\\w.-]+/){0,2}[\\w.-]+",
            "must be a stack name: <stack>, <project>/<stack> or <org>/<project>/<stack>");
    static final Setting<Optional<String>> EXPIRES_AT = Setting.optionalText("expiresAt", "ephemeral: when the janitor "
            + "may destroy the stack; labelled `agent-platform.io/expires-at` on the namespace and in-cluster data")
            .type("RFC 3339 time").rule("required on ephemeral stacks").check("", (s, n, v) -> v.ifPresent(t -> {
                if (parse(t).isEmpty()) {
                    s.problem(n, "'" + t + "'", "must be an RFC 3339 timestamp such as 2026-12-01T00:00:00Z");
                }
            }));
    static final Setting<String> STORAGE_CLASS = Setting.text("storageClassName", Default.of("standard"),
            "local: the storage class of the current cluster for monitoring volumes").matching(
            "[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?", "must be a Kubernetes object name");
    static final Setting<String> POSTGRES_IMAGE = Images.pinned("postgresImage",
            Default.of(ClusterTargetSettings.DEFAULT_POSTGRES_IMAGE), "in-cluster PostgreSQL");
    static final Setting<String> REDIS_IMAGE = Images.pinned("redisImage",
            Default.of(ClusterTargetSettings.DEFAULT_REDIS_IMAGE), "in-cluster Valkey");

    static final Section IN_CLUSTER_DATA = new Section("inClusterData", "The in-cluster stand-ins for RDS and "
            + "ElastiCache of ephemeral and local stacks", TARGETS, List.of(POSTGRES_IMAGE, REDIS_IMAGE));

    private TargetSection() {}

    static Optional<Instant> parse(String time) {
        try {
            return Optional.of(OffsetDateTime.parse(time).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** @param top the project's top-level settings; {@code data} the {@code inClusterData} object */
    static ClusterTargetSettings read(Settings top, Settings data, SecretValue databasePassword) {
        boolean ephemeral = top.kind() == EnvironmentKind.EPHEMERAL;
        Optional<String> platformStack = top.read(PLATFORM_STACK);
        if (ephemeral && platformStack.isEmpty()) {
            top.problem(PLATFORM_STACK.name(), "<missing>", "an ephemeral stack deploys onto a platform stack's "
                    + "cluster: set the StackReference name, e.g. my-org/agent-platform/dev");
        }
        if (!ephemeral && platformStack.isPresent()) {
            top.problem(PLATFORM_STACK.name(), "'" + platformStack.get() + "'", "only ephemeral stacks reference a "
                    + "platform stack");
        }
        Optional<String> expiry = top.read(EXPIRES_AT);
        if (expiry.isEmpty() && ephemeral) {
            top.problem(EXPIRES_AT.name(), "<missing>", "ephemeral stacks carry an expiry for the janitor: "
                    + "pulumi config set " + top.pathOf(EXPIRES_AT.name()) + " 2026-12-01T00:00:00Z");
        }
        String storageClass = top.read(STORAGE_CLASS);
        ClusterTargetSettings target = new ClusterTargetSettings(platformStack, expiry.flatMap(TargetSection::parse),
                storageClass, data.read(POSTGRES_IMAGE), data.read(REDIS_IMAGE), databasePassword);
        data.rejectUnknownKeys();
        return target;
    }
}
