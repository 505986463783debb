package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.agentplatform.config.Default.derived;
import static io.agentplatform.config.Default.of;

/** The declarations of {@code nodeGroups.<name>} ({@link NodeGroupSettings}) and how they are read. */
final class NodeGroupSection {
    static final Setting<List<String>> INSTANCE_TYPES = Setting.texts("instanceTypes", of(List.of()),
            "several let spot capacity find a pool").rule("non-empty; each one of the AWS catalog's EC2 types");
    static final Setting<NodeGroupSettings.CapacityType> CAPACITY = Setting.choice("capacityType",
            NodeGroupSettings.CapacityType.class, of(NodeGroupSettings.CapacityType.ON_DEMAND), "");
    static final Setting<Integer> MIN = Setting.integer("minSize", 0, 450, of(1),
            "smallest size of the group");
    static final Setting<Integer> MAX = Setting.integer("maxSize", 1, 450, derived("max(minSize, 3)",
            v -> Math.max(v.get(MIN), 3)), "largest size").rule("≥ minSize");
    static final Setting<Integer> DESIRED = Setting.integer("desiredSize", 0, 450, derived("minSize",
            v -> v.get(MIN)), "initial size").rule("within [minSize, maxSize]");
    static final Setting<Integer> DISK = Setting.integer("diskSizeGiB", 20, 1000, of(50), "encrypted gp3 root volume");
    static final Setting<Integer> MAX_UNAVAILABLE = Setting.integer("maxUnavailable", 1, 100, of(1),
            "nodes replaced at once during an update");
    static final Setting<Map<String, String>> LABELS = Setting.textMap("labels", "further Kubernetes node labels")
            .rule("not `" + NodeGroupSettings.ROLE_LABEL + "`: every group's nodes carry `" + NodeGroupSettings.ROLE_LABEL
                    + ": <group name>`");

    static final Setting<String> TAINT_KEY = Setting.text("key", Default.required("the taint key, e.g. dedicated", ""),
            "the taint key");
    static final Setting<String> TAINT_VALUE = Setting.text("value", of(""), "the taint value");
    static final Setting<NodeGroupSettings.TaintEffect> TAINT_EFFECT = Setting.choice("effect",
            NodeGroupSettings.TaintEffect.class, Default.required("one of " + Settings.enumChoices(
                    NodeGroupSettings.TaintEffect.class), NodeGroupSettings.TaintEffect.NO_SCHEDULE), "");
    static final Section TAINTS = new Section("nodeGroups.<name>.taints", "Kubernetes node taints (a list of these)",
            Section.PLATFORM, List.of(TAINT_KEY, TAINT_VALUE, TAINT_EFFECT)).asList("`[]`");

    static final Section SECTION = new Section("nodeGroups.<name>", "One managed node group, keyed by a stable name",
            Section.PLATFORM, List.of(INSTANCE_TYPES, CAPACITY, MIN, MAX, DESIRED, DISK, MAX_UNAVAILABLE, LABELS))
            .with(TAINTS);
    static final Section GROUPS = new Section("nodeGroups", "Managed node groups by name (the cluster services run on "
            + "them; workloads on Karpenter's nodes); required: " + String.join(", ", NodeGroupSettings.REQUIRED_GROUPS), Section.PLATFORM, List.of()).absent("required on platform stacks")
            .with(SECTION);

    private NodeGroupSection() {}

    static Map<String, NodeGroupSettings> readAll(JsonNode v, String key, Problems problems, EnvironmentKind kind) {
        Map<String, NodeGroupSettings> groups = new LinkedHashMap<>();
        if (v == null || !v.isObject()) {
            problems.add(key, Settings.show(v), "must map node group names to settings; required groups: "
                    + NodeGroupSettings.REQUIRED_GROUPS);
            return groups;
        }
        Settings all = new Settings(JsonNodes.wrap(key, v), "", problems, kind);
        groups.putAll(all.objectMap(key, NodeGroupSection::read));
        for (String required : NodeGroupSettings.REQUIRED_GROUPS) {
            if (!groups.containsKey(required)) {
                problems.add(key + "." + required, "<missing>", "every platform stack needs node groups "
                        + NodeGroupSettings.REQUIRED_GROUPS);
            }
        }
        for (String name : groups.keySet()) {
            if (!name.matches("[a-z][a-z0-9-]{0,19}")) {
                problems.add(key + "." + name, "'" + name + "'",
                        "node group names are 1-20 lowercase letters, digits or dashes, starting with a letter");
            }
        }
        return groups;
    }

    private static NodeGroupSettings read(Settings s) {
        List<String> types = s.read(INSTANCE_TYPES);
        if (types.isEmpty()) {
            s.problem(INSTANCE_TYPES.name(), "[]", "list at least one EC2 instance type, e.g. [m7i.large]");
        }
        for (String t : types) {
            if (!t.matches("[a-z][a-z0-9-]*\\.[a-z0-9]+")) {
                s.problem(INSTANCE_TYPES.name(), "'" + t + "'", "must be an EC2 instance type such as m7i.large");
            }
        }
        NodeGroupSettings.Builder b = NodeGroupSettings.builder().instanceTypes(types).capacityType(s.read(CAPACITY))
                .minSize(s.read(MIN)).maxSize(s.read(MAX)).desiredSize(s.read(DESIRED));
        Bounds.requireWithin(s, MIN, MAX, DESIRED);
        b.diskSizeGiB(s.read(DISK)).maxUnavailable(s.read(MAX_UNAVAILABLE));
        Map<String, String> labels = s.read(LABELS);
        if (labels.containsKey(NodeGroupSettings.ROLE_LABEL)) {
            s.problem(LABELS.name() + "." + NodeGroupSettings.ROLE_LABEL, "'" + labels.get(NodeGroupSettings.ROLE_LABEL)
                    + "'", "is set from the node group's name; remove it (other labels are allowed)");
        }
        b.labels(labels).taints(s.objectList(TAINTS.name(), t -> new NodeGroupSettings.Taint(t.read(TAINT_KEY),
                t.read(TAINT_VALUE), t.read(TAINT_EFFECT))));
        return b.build();
    }
}
