package io.agentplatform.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.agentplatform.config.Default.of;
import static io.agentplatform.config.Default.required;

/**
 * The declarations of {@code karpenter} ({@link KarpenterSettings}, {@link NodePoolSettings}) and how they are read.
 * The patterns are those of the Karpenter v1 CRDs (karpenter-provider-aws v1.15.2, pkg/apis/crds), so a value the
 * API server would refuse is refused here first, naming the setting.
 */
final class KarpenterSection {
    /** NodePool expireAfter and consolidateAfter. */
    private static final String DURATION_OR_NEVER = "([0-9]+(s|m|h))+|Never";
    private static final String CPU = "(\\d+(?:\\.\\d+)?)(m?)";
    private static final String MEMORY = "(\\d+)(Mi|Gi|Ti)";
    private static final Pattern AMI_ALIAS = Pattern.compile("(al2023|bottlerocket)@(v\\d{8}|v?\\d+\\.\\d+\\.\\d+|latest)");
    private static final Set<String> ARCHITECTURE_NAMES = Set.of("amd64", "arm64");

    static final Setting<Integer> CONTROLLER_REPLICAS = Setting.integer("controllerReplicas", 1, 5, of(2),
            "controller pods on the system group (one leads, the others stand by)");

    static final Setting<String> AMI_ALIAS_SETTING = Setting.text("amiAlias",
            required("a pinned EKS AMI alias such as al2023@v20260923", ""), "the EKS-optimized AMI of every node")
            .type("`<family>@<version>`").check("family `al2023` or `bottlerocket`; never `@latest` (an AMI release "
                    + "would roll every node unplanned)", KarpenterSection::checkAlias);
    static final Setting<Integer> ROOT_VOLUME = Setting.integer("rootVolumeGiB", 20, 1000, of(50),
            "encrypted gp3 root volume of each node");
    static final Section NODE_CLASS = new Section("karpenter.nodeClass", "How every Karpenter node is launched (one "
            + "EC2NodeClass; IMDSv2 with a hop limit of 1, subnets and security group by discovery tag)", Section.PLATFORM,
            List.of(AMI_ALIAS_SETTING, ROOT_VOLUME)).absent("required");

    static final Setting<List<String>> CAPACITY_TYPES = Setting.texts("capacityTypes", of(List.of("onDemand")),
            "what the pool may launch; with both, Karpenter launches spot and falls back to on-demand")
            .rule("`spot` and/or `onDemand`; spot is an opt-in");
    static final Setting<List<String>> ARCHITECTURES = Setting.texts("architectures", of(List.of("amd64")),
            "what the pool's images are built for (the agent image is amd64)").rule("`amd64` and/or `arm64`");
    static final Setting<List<String>> CATEGORIES = Setting.texts("instanceCategories", of(List.of("c", "m", "r")),
            "EC2 instance categories (`t` allows burstable types)").rule("non-empty; letters such as c, m, r, t");
    static final Setting<Integer> MIN_GENERATION = Setting.integer("minInstanceGeneration", 1, 10, of(6),
            "smallest instance generation (requirement instance-generation Gt n-1)");
    static final Setting<String> EXPIRE_AFTER = Setting.text("expireAfter", of("720h"),
            "a node's maximum lifetime, so nodes pick up AMI and kernel patches").matching(DURATION_OR_NEVER,
            "must be a duration such as 720h, or Never");

    static final Setting<String> LIMIT_CPU = Setting.text("cpu", required("a CPU quantity such as 8 or 500m", ""),
            "total vCPU of the pool's nodes").type("quantity").matching(CPU, "must be a CPU quantity such as 8, 1.5 or 500m");
    static final Setting<String> LIMIT_MEMORY = Setting.text("memory", required("a memory quantity such as 32Gi", ""),
            "total memory of the pool's nodes").type("quantity").matching(MEMORY,
            "must be a memory quantity in Mi, Gi or Ti such as 32Gi");
    static final Section LIMITS = new Section("karpenter.nodePools.<name>.limits", "The pool's ceiling: a runaway "
            + "scale-out stops here", Section.PLATFORM, List.of(LIMIT_CPU, LIMIT_MEMORY)).absent("required");

    static final Setting<String> EXPECTED_CPU = Setting.text("cpu", required("a CPU quantity such as 2", ""),
            "vCPU the pool holds at rest").type("quantity").matching(CPU, "must be a CPU quantity such as 2 or 500m")
            .rule("at most limits.cpu");
    static final Setting<String> EXPECTED_MEMORY = Setting.text("memory", required("a memory quantity such as 4Gi", ""),
            "memory the pool holds at rest").type("quantity").matching(MEMORY,
            "must be a memory quantity in Mi, Gi or Ti such as 4Gi").rule("at most limits.memory");
    static final Section EXPECTED = new Section("karpenter.nodePools.<name>.expectedMinimum", "What the pool holds at "
            + "rest (its pods at their minimum replicas): the cost estimate's low end, never zero", Section.PLATFORM,
            List.of(EXPECTED_CPU, EXPECTED_MEMORY)).absent("required");

    static final Setting<String> BUDGET_NODES = Setting.text("nodes", required("a node count such as \"1\" or a "
            + "percentage such as \"10%\"", ""), "nodes disrupted at once").matching("(100|[0-9]{1,2})%|[0-9]+",
            "must be a node count such as \"1\" or a percentage from 0% to 100%");
    static final Setting<Optional<String>> BUDGET_SCHEDULE = Setting.optionalText("schedule",
            "when the budget starts (cron, UTC); without one it always holds").matching(
            "@(annually|yearly|monthly|weekly|daily|midnight|hourly)|\\S+\\s\\S+\\s\\S+\\s\\S+\\s\\S+",
            "must be a cron schedule in UTC with five fields (e.g. \"0 7 * * mon-fri\") or @daily, @hourly, ...");
    static final Setting<Optional<String>> BUDGET_DURATION = Setting.optionalText("duration",
            "how long it holds from each scheduled start").matching("(([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?",
            "must be hours and/or minutes such as 10h, 30m or 1h30m").rule("set together with schedule");
    static final Setting<List<String>> BUDGET_REASONS = Setting.texts("reasons", of(List.of()),
            "the disruptions it limits (all when empty)").rule("`underutilized`, `empty`, `drifted`");
    static final Section BUDGETS = new Section("karpenter.nodePools.<name>.disruption.budgets", "Disruption budgets "
            + "(a list of these); `nodes: \"0\"` with a working-hours schedule keeps voluntary disruption out of them",
            Section.PLATFORM, List.of(BUDGET_NODES, BUDGET_SCHEDULE, BUDGET_DURATION, BUDGET_REASONS))
            .absent("`[{nodes: \"10%\"}]`");

    static final Setting<NodePoolSettings.ConsolidationPolicy> CONSOLIDATION = Setting.choice("consolidationPolicy",
            NodePoolSettings.ConsolidationPolicy.class, of(NodePoolSettings.ConsolidationPolicy.WHEN_EMPTY_OR_UNDERUTILIZED),
            "which nodes consolidation removes or replaces");
    static final Setting<String> CONSOLIDATE_AFTER = Setting.text("consolidateAfter", of("1m"),
            "how long a node must be empty or underutilized first").matching(DURATION_OR_NEVER,
            "must be a duration such as 30s, 5m or 1h, or Never");
    static final Section DISRUPTION = new Section("karpenter.nodePools.<name>.disruption", "When Karpenter may take "
            + "the pool's nodes away", Section.PLATFORM, List.of(CONSOLIDATION, CONSOLIDATE_AFTER)).with(BUDGETS);

    static final Section POOL = new Section("karpenter.nodePools.<name>", "One NodePool (karpenter.sh/v1), keyed by "
            + "a stable name; its nodes carry `node-role: <name>`, which workloads select", Section.PLATFORM,
            List.of(CAPACITY_TYPES, ARCHITECTURES, CATEGORIES, MIN_GENERATION, EXPIRE_AFTER))
            .with(LIMITS, EXPECTED, DISRUPTION);
    static final Section POOLS = new Section("karpenter.nodePools", "NodePools by name; `" + KarpenterSettings.WORKLOADS
            + "` is required (the agent and the monitoring stack run on it); not the name of a managed node group",
            Section.PLATFORM, List.of()).absent("required").with(POOL);

    private static final String MIGRATION = "Moving from the managed `workloads` group (the committed stacks did in "
            + "issue 20): delete `nodeGroups.workloads` and add a `workloads` pool whose `limits` hold at least the old "
            + "group's `maxSize` × its instance size (dev: 4 × t3.large → `cpu: \"8\"`, `memory: 32Gi`) and whose "
            + "`capacityTypes` follow the old `capacityType` (`spot` → `[spot, onDemand]`); keeping both is refused "
            + "(both would stamp `node-role: workloads`). On `pulumi up` Karpenter and the pool are created first, then "
            + "the old group is deleted and its pods reschedule onto Karpenter's nodes, one at a time where a "
            + "PodDisruptionBudget says so. How the pool scales: docs/capacity.md.";

    static final Section SECTION = new Section("karpenter", "Karpenter (chart 1.15.2 from oci://public.ecr.aws/karpenter): "
            + "the controller on the system group and the nodes workloads run on", Section.PLATFORM,
            List.of(CONTROLLER_REPLICAS)).absent("required on platform stacks").withNotes(MIGRATION).with(NODE_CLASS, POOLS);

    private KarpenterSection() {}

    /**
     * @param s          the {@code karpenter} object (the binder reports it missing)
     * @param nodeGroups the managed node groups' names: a pool may not share one (both stamp {@code node-role})
     */
    static KarpenterSettings read(Settings s, Set<String> nodeGroups) {
        int replicas = s.read(CONTROLLER_REPLICAS);
        Settings nc = s.object(NODE_CLASS.name());
        KarpenterSettings.NodeClassSettings nodeClass = new KarpenterSettings.NodeClassSettings(nc.read(AMI_ALIAS_SETTING),
                nc.read(ROOT_VOLUME));
        nc.rejectUnknownKeys();
        Map<String, NodePoolSettings> pools = s.objectMap(POOLS.name(), KarpenterSection::readPool);
        if (s.isPresent() && !pools.containsKey(KarpenterSettings.WORKLOADS)) {
            s.problem(POOLS.name() + "." + KarpenterSettings.WORKLOADS, "<missing>", "every platform stack needs the '"
                    + KarpenterSettings.WORKLOADS + "' pool: the agent and the monitoring stack run on it");
        }
        for (String name : pools.keySet()) {
            if (!name.matches("[a-z][a-z0-9-]{0,19}")) {
                s.problem(POOLS.name() + "." + name, "'" + name + "'",
                        "pool names are 1-20 lowercase letters, digits or dashes, starting with a letter");
            }
            if (nodeGroups.contains(name)) {
                s.problem(POOLS.name() + "." + name, "'" + name + "'", "is also a managed node group (nodeGroups." + name
                        + "); both would stamp node-role: " + name + " on their nodes. Remove one of them (to move "
                        + "the workloads group to Karpenter, delete nodeGroups." + name + ", see docs/configuration.md)");
            }
        }
        s.rejectUnknownKeys();
        return new KarpenterSettings(replicas, nodeClass, pools);
    }

    private static void checkAlias(Settings s, String name, String alias) {
        if (alias.isEmpty()) {
            return;
        }
        Matcher m = AMI_ALIAS.matcher(alias);
        if (!m.matches()) {
            s.problem(name, "'" + alias + "'", "must be <family>@<version> with family al2023 or bottlerocket, "
                    + "e.g. al2023@v20260923");
        } else if (m.group(2).equals("latest")) {
            s.problem(name, "'" + alias + "'", "must pin an AMI release (e.g. al2023@v20260923): @latest rolls every "
                    + "node whenever AWS publishes an AMI");
        }
    }

    private static NodePoolSettings readPool(Settings p) {
        List<NodePoolSettings.CapacityType> capacity = enums(p, CAPACITY_TYPES, NodePoolSettings.CapacityType.class);
        List<String> architectures = p.read(ARCHITECTURES);
        if (architectures.isEmpty()) {
            p.problem(ARCHITECTURES.name(), "[]", "list amd64 and/or arm64");
        }
        architectures.stream().filter(a -> !ARCHITECTURE_NAMES.contains(a)).forEach(a ->
                p.problem(ARCHITECTURES.name(), "'" + a + "'", "must be amd64 or arm64"));
        List<String> categories = p.read(CATEGORIES);
        if (categories.isEmpty()) {
            p.problem(CATEGORIES.name(), "[]", "list at least one EC2 instance category, e.g. [c, m, r]");
        }
        categories.stream().filter(c -> !c.matches("[a-z]{1,4}")).forEach(c ->
                p.problem(CATEGORIES.name(), "'" + c + "'", "must be an EC2 instance category such as c, m, r or t"));
        int generation = p.read(MIN_GENERATION);
        String expireAfter = p.read(EXPIRE_AFTER);

        Settings limits = p.object(LIMITS.name());
        String cpuLimit = limits.read(LIMIT_CPU);
        String memoryLimit = limits.read(LIMIT_MEMORY);
        limits.rejectUnknownKeys();
        Settings expected = p.object(EXPECTED.name());
        String cpuMin = expected.read(EXPECTED_CPU);
        String memoryMin = expected.read(EXPECTED_MEMORY);
        expected.rejectUnknownKeys();
        atMost(expected, EXPECTED_CPU.name(), cpuMin, vcpu(cpuMin), "limits.cpu", vcpu(cpuLimit));
        atMost(expected, EXPECTED_MEMORY.name(), memoryMin, mebibytes(memoryMin), "limits.memory", mebibytes(memoryLimit));

        Settings disruption = p.object(DISRUPTION.name());
        NodePoolSettings.ConsolidationPolicy policy = disruption.read(CONSOLIDATION);
        String consolidateAfter = disruption.read(CONSOLIDATE_AFTER);
        List<NodePoolSettings.Budget> budgets = disruption.has(BUDGETS.name())
                ? disruption.objectList(BUDGETS.name(), KarpenterSection::readBudget)
                : List.of(new NodePoolSettings.Budget("10%", Optional.empty(), Optional.empty(), List.of()));
        if (budgets.isEmpty()) {
            disruption.problem(BUDGETS.name(), "[]", "list at least one budget (e.g. nodes: \"10%\"); leave the key "
                    + "out for the default");
        }
        disruption.rejectUnknownKeys();
        return new NodePoolSettings(capacity, architectures, categories, generation, cpuLimit, memoryLimit, cpuMin,
                memoryMin, policy, consolidateAfter, expireAfter, budgets);
    }

    private static NodePoolSettings.Budget readBudget(Settings b) {
        String nodes = b.read(BUDGET_NODES);
        Optional<String> schedule = b.read(BUDGET_SCHEDULE);
        Optional<String> duration = b.read(BUDGET_DURATION);
        if (schedule.isPresent() != duration.isPresent()) {
            b.problem(schedule.isPresent() ? BUDGET_DURATION.name() : BUDGET_SCHEDULE.name(), "<missing>",
                    "schedule and duration go together: the budget holds for duration from each scheduled start");
        }
        return new NodePoolSettings.Budget(nodes, schedule, duration,
                enums(b, BUDGET_REASONS, NodePoolSettings.DisruptionReason.class));
    }

    /** A list of enum constants written as config spells them; unknown ones are problems, duplicates kept once. */
    private static <E extends Enum<E>> List<E> enums(Settings s, Setting<List<String>> setting, Class<E> type) {
        List<String> given = s.read(setting);
        List<E> out = new ArrayList<>();
        for (String text : given) {
            Optional<E> e = Settings.parseEnum(type, text);
            if (e.isEmpty()) {
                s.problem(setting.name(), "'" + text + "'", "must be one of " + Settings.enumChoices(type));
            } else if (!out.contains(e.get())) {
                out.add(e.get());
            }
        }
        if (given.isEmpty() && s.has(setting.name()) && setting == CAPACITY_TYPES) {
            s.problem(setting.name(), "[]", "list at least one of " + Settings.enumChoices(type));
        }
        return List.copyOf(out);
    }

    /** vCPU of a CPU quantity ({@code 8}, {@code 1.5}, {@code 500m}); empty when it is not one. */
    private static Optional<BigDecimal> vcpu(String text) {
        Matcher m = Pattern.compile(CPU).matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal v = new BigDecimal(m.group(1));
        return Optional.of(m.group(2).isEmpty() ? v : v.movePointLeft(3));
    }

    /** MiB of a memory quantity ({@code 512Mi}, {@code 32Gi}, {@code 1Ti}); empty when it is not one. */
    private static Optional<BigDecimal> mebibytes(String text) {
        Matcher m = Pattern.compile(MEMORY).matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long factor = switch (m.group(2)) {
            case "Mi" -> 1;
            case "Gi" -> 1024;
            default -> 1024 * 1024;
        };
        return Optional.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)));
    }

    private static void atMost(Settings s, String key, String text, Optional<BigDecimal> value, String limitName,
                               Optional<BigDecimal> limit) {
        if (value.isPresent() && limit.isPresent() && value.get().compareTo(limit.get()) > 0) {
            s.problem(key, "'" + text + "'", "must not exceed the pool's " + limitName
                    + ": the pool can never hold more than its limits");
        }
    }
}
