package io.agentplatform.plan;

import java.util.Locale;
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
        out.append(RolloutSummary.render(plan));
        out.append(renderEstimate(plan, plan.estimate()));
        if (!plan.warnings().isEmpty()) {
            out.append("\nWarnings:\n");
            plan.warnings().forEach(w -> out.append("  - ").append(w).append("\n"));
        }
        return out.toString();
    }

    /** A short estimate section: total, by component, unpriced count, critical path with resource names. */
    static String renderEstimate(Plan plan, Estimate e) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nEstimate (prices of %s, %s; 730 h/month): ~$%,.2f per month%n",
                e.priceTableRegion(), e.priceTableDate(), e.monthlyUsd()));
        e.byComponent().forEach((component, usd) ->
                out.append(String.format(Locale.ROOT, "  %10s  %s%n", String.format(Locale.ROOT, "$%,.2f", usd), component)));
        String prefix = plan.project() + "-" + plan.stack() + "-";
        java.util.function.Function<String, String> shortName = urn -> {
            String name = plan.byUrn(urn).map(PlannedResource::name).orElse(urn.substring(urn.lastIndexOf("::") + 2));
            return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        };
        e.capacityRanges().forEach(c -> out.append(String.format(Locale.ROOT,
                "  capacity that follows the load, pool %s: $%,.2f (%d × %s) counted, up to $%,.2f (%d × %s) at its limits%s%n",
                c.pool(), c.lowUsd(), c.lowNodes(), c.lowInstanceType(), c.highUsd(), c.highNodes(), c.highInstanceType(),
                c.spot() ? ", spot" : "")));
        if (!e.unpriced().isEmpty()) {
            out.append("  not priced (").append(e.unpriced().size()).append(", reasons in estimate.unpriced): ")
                    .append(String.join(", ", e.unpriced().stream().map(u -> shortName.apply(u.urn())).distinct().toList()))
                    .append("\n");
        }
        out.append(String.format(Locale.ROOT, "  deploy critical path: ~%d min (%d s): ", Math.round(e.criticalPathSeconds() / 60.0),
                e.criticalPathSeconds()));
        out.append(String.join(" → ", e.criticalPath().stream().map(shortName).toList())).append("\n");
        e.serializationWarnings().forEach(w -> out.append("  serialization: ").append(w).append("\n"));
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
