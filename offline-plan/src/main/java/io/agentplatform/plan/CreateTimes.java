package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Typical create times per resource type, {@code offline-plan/src/main/resources/insights/create-times.json}: exact type
 * tokens, prefixes (ending in {@code :} or {@code /}), input-dependent variants (RDS Multi-AZ), Helm releases by
 * chart and a default for
 * everything else. Component resources take no time of their own.
 */
public final class CreateTimes {
    private static volatile CreateTimes standard;

    private final JsonNode root;

    CreateTimes(JsonNode root) {
        this.root = root;
    }

    public static CreateTimes standard() {
        if (standard == null) {
            try (InputStream in = CreateTimes.class.getClassLoader().getResourceAsStream("insights/create-times.json")) {
                if (in == null) {
                    throw new IllegalStateException("insights/create-times.json is missing from the classpath");
                }
                standard = new CreateTimes(Plan.JSON.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return standard;
    }

    public int defaultSeconds() {
        return root.path("defaultSeconds").asInt(5);
    }

    /** Seconds for a type token: the exact entry, else the longest matching prefix entry, else the default. */
    public int seconds(String type) {
        JsonNode exact = root.path("seconds").path(type);
        if (exact.isNumber()) {
            return exact.asInt();
        }
        String best = null;
        for (var it = root.path("seconds").fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if ((key.endsWith(":") || key.endsWith("/")) && type.startsWith(key) && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best != null ? root.path("seconds").path(best).asInt() : defaultSeconds();
    }

    /**
     * Seconds for one planned resource: 0 for components, a variant when its input matches, a Helm release by its
     * chart where the table knows it (the last path segment of an OCI reference), else by type.
     */
    public int seconds(PlannedResource r) {
        if (!r.custom()) {
            return 0;
        }
        if (r.type().equals("kubernetes:helm.sh/v3:Release")) {
            String chart = r.input("chart").asText();
            JsonNode byChart = root.path("charts").path(chart.substring(chart.lastIndexOf('/') + 1));
            if (byChart.isNumber()) {
                return byChart.asInt();
            }
        }
        JsonNode variant = root.path("variants").path(r.type());
        if (variant.isObject() && r.input(variant.path("input").asText()).equals(variant.path("equals"))) {
            return variant.path("seconds").asInt();
        }
        return seconds(r.type());
    }
}
