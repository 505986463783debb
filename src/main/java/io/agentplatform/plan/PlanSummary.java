package io.agentplatform.plan;

import java.util.Map;
import java.util.TreeMap;

/** The readable summary the plan prints: resources per component with counts by type, outputs, warnings. */
public final class PlanSummary {
    private PlanSummary() {}

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("Plan of stack ").append(plan.stack()).append(" (").append(plan.environment()).append(", project ")
                .append(plan.project()).append("): ").append(plan.resources().size()).append(" resources\n");
        Map<String, Map<String, Integer>> byComponent = new TreeMap<>();
        for (PlannedResource r : plan.resources()) {
            byComponent.computeIfAbsent(componentOf(plan, r), k -> new TreeMap<>()).merge(r.type(), 1, Integer::sum);
        }
        byComponent.forEach((component, types) -> {
            int total = types.values().stream().mapToInt(Integer::intValue).sum();
            out.append("\n  ").append(component).append("  (").append(total).append(")\n");
            types.forEach((type, count) -> out.append(String.format("      %3d  %s%n", count, type)));
        });
        out.append("\nOutputs:\n");
        plan.outputs().fields().forEachRemaining(e -> {
            String value = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
            out.append("  ").append(e.getKey()).append(": ").append(value.length() > 110 ? value.substring(0, 107) + "..." : value)
                    .append("\n");
        });
        if (!plan.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            plan.warnings().forEach(w -> out.append("  - ").append(w).append("\n"));
        }
        return out.toString();
    }

    /** The top-level component a resource belongs to (its outermost non-stack ancestor), or the type for roots. */
    static String componentOf(Plan plan, PlannedResource r) {
        PlannedResource current = r;
        while (current.parent() != null) {
            PlannedResource parent = plan.byUrn(current.parent()).orElse(null);
            if (parent == null) {
                break;
            }
            current = parent;
        }
        return current.custom() ? "(stack) " + current.name() : current.name() + " [" + current.type() + "]";
    }
}
