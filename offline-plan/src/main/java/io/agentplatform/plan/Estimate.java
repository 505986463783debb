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
                       List<Unpriced> unpriced, String priceTableDate, String priceTableRegion,
                       long criticalPathSeconds, List<String> criticalPath, List<String> serializationWarnings) {

    /** Something the estimate could not price, with the reason; never counted as zero silently. */
    public record Unpriced(String urn, String type, String reason) {}

    public static Estimate of(Plan plan) {
        CostEstimator.Result cost = CostEstimator.estimate(plan);
        DeployGraph graph = DeployGraph.of(plan, CreateTimes.standard());
        DeployGraph.Path path = graph.criticalPath();
        return new Estimate(cost.monthlyUsd(), cost.byComponent(), cost.byCategory(), cost.unpriced(), cost.priceTableDate(),
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
        List<String> path = new ArrayList<>();
        o.path("criticalPath").forEach(n -> path.add(n.asText()));
        List<String> warnings = new ArrayList<>();
        o.path("serializationWarnings").forEach(n -> warnings.add(n.asText()));
        return new Estimate(o.path("monthlyUsd").asDouble(), components, categories, unpriced,
                o.path("priceTableDate").asText(), o.path("priceTableRegion").asText(), o.path("criticalPathSeconds").asLong(),
                path, warnings);
    }
}
