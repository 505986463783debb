package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a plan file ({@code docs/plan-format.md}) back into a {@link Plan}, with its {@code estimate} key if any. */
public final class PlanReader {
    /** A plan read from a file and the estimate it recorded (older files have none). */
    public record PlanFile(Plan plan, Optional<Estimate> estimate) {}

    private PlanReader() {}

    public static PlanFile read(Path file) throws IOException {
        return parse(Plan.JSON.readTree(Files.readString(file)));
    }

    public static PlanFile parse(JsonNode root) {
        List<PlannedResource> resources = new ArrayList<>();
        for (JsonNode r : root.path("resources")) {
            JsonNode o = r.path("options");
            resources.add(new PlannedResource(r.path("urn").asText(), r.path("type").asText(), r.path("name").asText(),
                    text(r.path("parent")), r.path("custom").asBoolean(true), text(r.path("provider")),
                    r.path("inputs").isMissingNode() ? Plan.JSON.createObjectNode() : r.path("inputs"),
                    strings(r.path("dependencies")), new PlannedResource.Options(o.path("protect").asBoolean(false),
                    o.path("retainOnDelete").asBoolean(false), strings(o.path("dependsOn")), strings(o.path("ignoreChanges")),
                    o.path("deleteBeforeReplace").asBoolean(false), strings(o.path("aliases")),
                    Optional.ofNullable(text(o.path("version"))))));
        }
        ObjectNode outputs = root.path("outputs") instanceof ObjectNode on ? on : Plan.JSON.createObjectNode();
        Plan plan = new Plan(root.path("project").asText(), root.path("stack").asText(), root.path("environment").asText(),
                List.copyOf(resources), outputs, strings(root.path("warnings")), root.path("planDate").isTextual()
                ? Optional.of(java.time.LocalDate.parse(root.path("planDate").asText())) : Optional.empty());
        JsonNode estimate = root.path("estimate");
        return new PlanFile(plan, estimate.isObject() ? Optional.of(Estimate.fromJson(estimate)) : Optional.empty());
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
