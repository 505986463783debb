package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code estimate} key of the plan file: monthly cost by component and by category, what could not be priced,
 * and the deploy critical path. See {@code docs/plan-format.md}.
 */
public record Estimate(double monthlyUsd, Map<String, Double> byComponent, Map<String, Double> byCategory,
                       List<Unpriced> unpriced, List<CapacityRange> capacityRanges, String priceTableDate,
                       String priceTableRegion,
                       long criticalPathSeconds, List<String> criticalPath, List<String> serializationWarnings) {

    /** Something the estimate could not price, with the reason; never counted as zero silently. */
    public record Unpriced(String urn, String type, String reason) {}

    /**
     * Capacity that follows the load (a Karpenter NodePool): the monthly cost at its expected minimum, which the total
     * counts, and at its limits; nodes of the cheapest fitting instance type of the price table at each end.
     */
    public record CapacityRange(String urn, String pool, double lowUsd, double highUsd, int lowNodes, int highNodes,
                                String lowInstanceType, String highInstanceType, boolean spot) {}

    public static Estimate of(Plan plan) {
        CostEstimator.Result cost = CostEstimator.estimate(plan);
        DeployGraph graph = DeployGraph.of(plan, CreateTimes.standard());
        DeployGraph.Path path = graph.criticalPath();
        return new Estimate(cost.monthlyUsd(), cost.byComponent(), cost.byCategory(), cost.unpriced(),
                cost.capacityRanges(), cost.priceTableDate(),
                cost.priceTableRegion(), path.seconds(), path.urns(), serializationWarnings(plan, graph));
    }

    /** Both rules of {@code docs/plan-format.md}: data services waiting for the cluster, releases for what they do not use. */
    static List<String> serializationWarnings(Plan plan, DeployGraph graph) {
        List<String> warnings = new ArrayList<>(graph.serializationWarnings());
        warnings.addAll(NeedlessWaits.of(plan, graph));
        return List.copyOf(warnings);
    }

    public ObjectNode toJson() {
        ObjectNode o = Plan.JSON.createObjectNode();
        o.put("monthlyUsd", monthlyUsd);
        o.put("currency", "USD");
        ObjectNode components = o.putObject("byComponent");
        new TreeMap<>(byComponent).forEach(components::put);
        ObjectNode categories = o.putObject("byCategory");
        new TreeMap<>(byCategory).forEach(categories::put);
        var list = o.putArray("unpriced");
        unpriced.forEach(u -> list.addObject().put("urn", u.urn()).put("type", u.type()).put("reason", u.reason()));
        var ranges = o.putArray("capacityRanges");
        capacityRanges.forEach(c -> ranges.addObject().put("urn", c.urn()).put("pool", c.pool())
                .put("lowUsd", c.lowUsd()).put("highUsd", c.highUsd()).put("lowNodes", c.lowNodes())
                .put("highNodes", c.highNodes()).put("lowInstanceType", c.lowInstanceType())
                .put("highInstanceType", c.highInstanceType()).put("spot", c.spot()));
        o.put("priceTableDate", priceTableDate);
        o.put("priceTableRegion", priceTableRegion);
        o.put("hoursPerMonth", 730);
        o.put("criticalPathSeconds", criticalPathSeconds);
        var path = o.putArray("criticalPath");
        criticalPath.forEach(path::add);
        var warnings = o.putArray("serializationWarnings");
        serializationWarnings.forEach(warnings::add);
        return o;
    }

    /** Reads the key back from a plan file (for the diff); the cost parts only need to be present. */
    public static Estimate fromJson(JsonNode o) {
        Map<String, Double> components = new TreeMap<>();
        o.path("byComponent").fields().forEachRemaining(e -> components.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> categories = new TreeMap<>();
        o.path("byCategory").fields().forEachRemaining(e -> categories.put(e.getKey(), e.getValue().asDouble()));
        List<Unpriced> unpriced = new ArrayList<>();
        o.path("unpriced").forEach(u -> unpriced.add(new Unpriced(u.path("urn").asText(), u.path("type").asText(),
                u.path("reason").asText())));
        List<CapacityRange> ranges = new ArrayList<>();
        o.path("capacityRanges").forEach(c -> ranges.add(new CapacityRange(c.path("urn").asText(), c.path("pool").asText(),
                c.path("lowUsd").asDouble(), c.path("highUsd").asDouble(), c.path("lowNodes").asInt(),
                c.path("highNodes").asInt(), c.path("lowInstanceType").asText(), c.path("highInstanceType").asText(),
                c.path("spot").asBoolean())));
        List<String> path = new ArrayList<>();
        o.path("criticalPath").forEach(n -> path.add(n.asText()));
        List<String> warnings = new ArrayList<>();
        o.path("serializationWarnings").forEach(n -> warnings.add(n.asText()));
        return new Estimate(o.path("monthlyUsd").asDouble(), components, categories, unpriced, ranges,
                o.path("priceTableDate").asText(), o.path("priceTableRegion").asText(), o.path("criticalPathSeconds").asLong(),
                path, warnings);
    }
}
