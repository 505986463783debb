package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The offline plan of one stack: every resource the program registers, with its inputs, dependencies and options,
 * and the stack outputs. Its JSON form ({@link #toJson()}) is the public format documented in
 * {@code docs/plan-format.md}.
 *
 * @param planDate the day the stack's versions and support dates were judged on, when known
 */
public record Plan(String project, String stack, String environment, List<PlannedResource> resources,
                   ObjectNode outputs, List<String> warnings, Optional<LocalDate> planDate) {

    public Plan(String project, String stack, String environment, List<PlannedResource> resources, ObjectNode outputs,
                List<String> warnings) {
        this(project, stack, environment, resources, outputs, warnings, Optional.empty());
    }

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Written in place of every secret value. */
    public static final String SECRET = "[secret]";

    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public List<PlannedResource> matching(Predicate<PlannedResource> predicate) {
        return resources.stream().filter(predicate).toList();
    }

    public Optional<PlannedResource> byUrn(String urn) {
        return resources.stream().filter(r -> r.urn().equals(urn)).findFirst();
    }

    /** The single resource of a type with the given logical name. */
    public PlannedResource named(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type + " named " + name + " in the " + stack + " plan"));
    }

    /** Monthly cost and deploy critical path, computed from the resources (see {@link Estimate}). */
    public Estimate estimate() {
        return Estimate.of(this);
    }

    public JsonNode output(String name) {
        return outputs.path(name);
    }

    /** The plan as its documented JSON document, keys sorted, resources sorted by urn. */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("project", project);
        root.put("stack", stack);
        root.put("environment", environment);
        planDate.ifPresent(d -> root.put("planDate", d.toString()));
        var list = root.putArray("resources");
        resources.forEach(r -> list.add(r.toJson()));
        root.set("outputs", outputs);
        var w = root.putArray("warnings");
        warnings.forEach(w::add);
        root.set("estimate", estimate().toJson());
        return root;
    }

    public String toJsonText() {
        try {
            return JSON.writeValueAsString(JSON.treeToValue(toJson(), Object.class)) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the plan as JSON", e);
        }
    }
}
