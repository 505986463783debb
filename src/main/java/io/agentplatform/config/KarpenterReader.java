package io.agentplatform.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code karpenter} section of a platform stack. The patterns are those of the Karpenter
 * v1 CRDs (karpenter-provider-aws pkg/apis/crds at {@code KarpenterArgs.CHART_VERSION}), so a value refused there is
 * refused here first, naming the setting.
 */
final class KarpenterReader {
    private static final Pattern AMI_ALIAS = Pattern.compile("(al2023|bottlerocket)@(v\\d{8}|v?\\d+\\.\\d+\\.\\d+|latest)");
    /** NodePool expireAfter and consolidateAfter. */
    private static final Pattern DURATION_OR_NEVER = Pattern.compile("([0-9]+(s|m|h))+|Never");
    /** A budget's duration: hours and minutes only. */
    private static final Pattern BUDGET_DURATION = Pattern.compile("(([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?");
    private static final Pattern BUDGET_NODES = Pattern.compile("(100|[0-9]{1,2})%|[0-9]+");
    private static final Pattern SCHEDULE = Pattern.compile(
            "@(annually|yearly|monthly|weekly|daily|midnight|hourly)|\\S+\\s\\S+\\s\\S+\\s\\S+\\s\\S+");
    private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)(m?)");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)(Mi|Gi|Ti)");
    private static final Set<String> ARCHITECTURES = Set.of("amd64", "arm64");
    private static final Pattern POOL_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");

    private KarpenterReader() {}

    /**
     * @param s          the {@code karpenter} object
     * @param nodeGroups the managed node groups' names: a pool may not share one (both stamp {@code node-role})
     */
    static KarpenterSettings read(Settings s, Set<String> nodeGroups) {
        if (!s.isPresent()) {
            s.problem("", "<missing>", "is required for platform stacks: nodeClass (amiAlias, rootVolumeGiB) and "
                    + "nodePools with at least '" + KarpenterSettings.WORKLOADS + "' (see docs/configuration.md)");
        }
        int replicas = s.integer("controllerReplicas", 2, 1, 5);
        Settings nc = s.object("nodeClass");
        String alias = nc.requiredString("amiAlias", "a pinned EKS AMI alias such as al2023@v20260923");
        if (!alias.isEmpty()) {
            Matcher m = AMI_ALIAS.matcher(alias);
            if (!m.matches()) {
                nc.problem("amiAlias", "'" + alias + "'", "must be <family>@<version> with family al2023 or bottlerocket, "
                        + "e.g. al2023@v20260923");
            } else if (m.group(2).equals("latest")) {
                nc.problem("amiAlias", "'" + alias + "'", "must pin an AMI release (e.g. al2023@v20260923): @latest rolls "
                        + "every node whenever AWS publishes an AMI");
            }
        }
        int rootGiB = nc.integer("rootVolumeGiB", 50, 20, 1000);
        nc.rejectUnknownKeys();

        Map<String, NodePoolSettings> pools = s.objectMap("nodePools", KarpenterReader::readPool);
        if (s.isPresent() && !pools.containsKey(KarpenterSettings.WORKLOADS)) {
            s.problem("nodePools." + KarpenterSettings.WORKLOADS, "<missing>", "every platform stack needs the '"
                    + KarpenterSettings.WORKLOADS + "' pool: the agent and the monitoring stack run on it");
        }
        for (String name : pools.keySet()) {
            if (!POOL_NAME.matcher(name).matches()) {
                s.problem("nodePools." + name, "'" + name + "'",
                        "pool names are 1-20 lowercase letters, digits or dashes, starting with a letter");
            }
            if (nodeGroups.contains(name)) {
                s.problem("nodePools." + name, "'" + name + "'", "is also a managed node group (nodeGroups." + name
                        + "); both would stamp node-role: " + name + " on their nodes. Remove one of them (to move "
                        + "the workloads group to Karpenter, delete nodeGroups." + name + ", see docs/configuration.md)");
            }
        }
        s.rejectUnknownKeys();
        return new KarpenterSettings(replicas, new KarpenterSettings.NodeClassSettings(alias, rootGiB), pools);
    }

    private static NodePoolSettings readPool(Settings p) {
        List<NodePoolSettings.CapacityType> capacity = enums(p, "capacityTypes", NodePoolSettings.CapacityType.class,
                List.of(NodePoolSettings.CapacityType.ON_DEMAND));
        List<String> architectures = p.strings("architectures", List.of("amd64"));
        if (architectures.isEmpty()) {
            p.problem("architectures", "[]", "list amd64 and/or arm64");
        }
        architectures.stream().filter(a -> !ARCHITECTURES.contains(a)).forEach(a ->
                p.problem("architectures", "'" + a + "'", "must be amd64 or arm64"));
        List<String> categories = p.strings("instanceCategories", List.of("c", "m", "r"));
        if (categories.isEmpty()) {
            p.problem("instanceCategories", "[]", "list at least one EC2 instance category, e.g. [c, m, r]");
        }
        categories.stream().filter(c -> !c.matches("[a-z]{1,4}")).forEach(c ->
                p.problem("instanceCategories", "'" + c + "'", "must be an EC2 instance category such as c, m, r or t"));
        int generation = p.integer("minInstanceGeneration", 6, 1, 10);

        Settings limits = p.object("limits");
        Optional<BigDecimal> cpuLimit = cpu(limits, "cpu", true);
        Optional<BigDecimal> memoryLimit = memory(limits, "memory", true);
        limits.rejectUnknownKeys();
        Settings expected = p.object("expectedMinimum");
        Optional<BigDecimal> cpuMin = cpu(expected, "cpu", true);
        Optional<BigDecimal> memoryMin = memory(expected, "memory", true);
        expected.rejectUnknownKeys();
        atMost(expected, "cpu", cpuMin, "limits.cpu", cpuLimit);
        atMost(expected, "memory", memoryMin, "limits.memory", memoryLimit);

        Settings disruption = p.object("disruption");
        NodePoolSettings.ConsolidationPolicy policy = disruption.enumeration("consolidationPolicy",
                NodePoolSettings.ConsolidationPolicy.class, NodePoolSettings.ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED);
        String consolidateAfter = matching(disruption, "consolidateAfter", "1m", DURATION_OR_NEVER,
                "a duration such as 30s, 5m or 1h, or Never");
        List<NodePoolSettings.Budget> budgets = disruption.has("budgets")
                ? disruption.objectList("budgets", KarpenterReader::readBudget)
                : List.of(new NodePoolSettings.Budget("10%", Optional.empty(), Optional.empty(), List.of()));
        if (budgets.isEmpty()) {
            disruption.problem("budgets", "[]", "list at least one budget (e.g. nodes: \"10%\"); leave the key out for "
                    + "the default");
        }
        disruption.rejectUnknownKeys();
        String expireAfter = matching(p, "expireAfter", "720h", DURATION_OR_NEVER, "a duration such as 720h, or Never");
        return new NodePoolSettings(capacity, architectures, categories, generation,
                limits.string("cpu", ""), limits.string("memory", ""),
                expected.string("cpu", ""), expected.string("memory", ""),
                policy, consolidateAfter, expireAfter, budgets);
    }

    private static NodePoolSettings.Budget readBudget(Settings b) {
        String nodes = b.requiredString("nodes", "a node count such as \"1\" or a percentage such as \"10%\"");
        if (!nodes.isEmpty() && !BUDGET_NODES.matcher(nodes).matches()) {
            b.problem("nodes", "'" + nodes + "'", "must be a node count such as \"1\" or a percentage from 0% to 100%");
        }
        Optional<String> schedule = Optional.ofNullable(b.string("schedule", null));
        schedule.filter(c -> !SCHEDULE.matcher(c).matches()).ifPresent(c -> b.problem("schedule", "'" + c + "'",
                "must be a cron schedule in UTC with five fields (e.g. \"0 7 * * mon-fri\") or @daily, @hourly, ..."));
        Optional<String> duration = Optional.ofNullable(b.string("duration", null));
        duration.filter(d -> !BUDGET_DURATION.matcher(d).matches()).ifPresent(d -> b.problem("duration", "'" + d + "'",
                "must be hours and/or minutes such as 10h, 30m or 1h30m"));
        if (schedule.isPresent() != duration.isPresent()) {
            b.problem(schedule.isPresent() ? "duration" : "schedule", "<missing>",
                    "schedule and duration go together: the budget holds for duration from each scheduled start");
        }
        List<NodePoolSettings.DisruptionReason> reasons = enums(b, "reasons", NodePoolSettings.DisruptionReason.class,
                List.of());
        return new NodePoolSettings.Budget(nodes, schedule, duration, reasons);
    }

    private static <E extends Enum<E>> List<E> enums(Settings s, String key, Class<E> type, List<E> fallback) {
        if (!s.has(key)) {
            return fallback;
        }
        List<String> given = s.strings(key, List.of());
        List<E> out = new java.util.ArrayList<>();
        for (String text : given) {
            Optional<E> e = Settings.parseEnum(type, text);
            if (e.isEmpty()) {
                s.problem(key, "'" + text + "'", "must be one of " + Settings.enumChoices(type));
            } else if (!out.contains(e.get())) {
                out.add(e.get());
            }
        }
        if (given.isEmpty() && !fallback.isEmpty()) {
            s.problem(key, "[]", "list at least one of " + Settings.enumChoices(type));
        }
        return List.copyOf(out);
    }

    private static String matching(Settings s, String key, String fallback, Pattern pattern, String allowed) {
        String value = s.string(key, fallback);
        if (!pattern.matcher(value).matches()) {
            s.problem(key, "'" + value + "'", "must be " + allowed);
            return fallback;
        }
        return value;
    }

    /** vCPU of a CPU quantity ({@code 8}, {@code 1.5}, {@code 500m}). */
    private static Optional<BigDecimal> cpu(Settings s, String key, boolean required) {
        String text = required ? s.requiredString(key, "a CPU quantity such as 8 or 500m") : s.string(key, "");
        Matcher m = CPU.matcher(text);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!m.matches() || new BigDecimal(m.group(1)).signum() == 0) {
            s.problem(key, "'" + text + "'", "must be a positive CPU quantity such as 8, 1.5 or 500m");
            return Optional.empty();
        }
        BigDecimal v = new BigDecimal(m.group(1));
        return Optional.of(m.group(2).isEmpty() ? v : v.movePointLeft(3));
    }

    /** MiB of a memory quantity ({@code 512Mi}, {@code 32Gi}, {@code 1Ti}). */
    private static Optional<BigDecimal> memory(Settings s, String key, boolean required) {
        String text = required ? s.requiredString(key, "a memory quantity such as 32Gi") : s.string(key, "");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = MEMORY.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            s.problem(key, "'" + text + "'", "must be a positive memory quantity in Mi, Gi or Ti such as 32Gi");
            return Optional.empty();
        }
        long factor = switch (m.group(2)) {
            case "Mi" -> 1;
            case "Gi" -> 1024;
            default -> 1024 * 1024;
        };
        return Optional.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)));
    }

    private static void atMost(Settings s, String key, Optional<BigDecimal> value, String limitName,
                               Optional<BigDecimal> limit) {
        if (value.isPresent() && limit.isPresent() && value.get().compareTo(limit.get()) > 0) {
            s.problem(key, "'" + s.string(key, "") + "'", "must not exceed the pool's " + limitName
                    + ": the pool can never hold more than its limits");
        }
    }
}
