package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes a plan to disk: {@code <out>/<stack>.json}, every Kubernetes object as YAML under
 * {@code <out>/<stack>/k8s/}, and every Helm release (chart, version, repository, values) under
 * {@code <out>/<stack>/helm/}, and the component diagram as {@code <out>/<stack>.mmd} (Mermaid). Old files of the
 * stack are removed first, so the directory is exactly this plan.
 */
public final class PlanWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Without it a string such as "5432" is written bare and read back as a number: kubectl refuses a
            // ConfigMap value, an env value or a command argument that is not a string.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PlanWriter() {}

    public static Path write(Plan plan, Path outDir) throws IOException {
        Path json = outDir.resolve(plan.stack() + ".json");
        Path stackDir = outDir.resolve(plan.stack());
        deleteRecursively(stackDir);
        Files.createDirectories(stackDir.resolve("k8s"));
        Files.writeString(json, plan.toJsonText(), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve(plan.stack() + ".mmd"), MermaidDiagram.render(plan), StandardCharsets.UTF_8);
        for (PlannedResource r : plan.resources()) {
            if (isKubernetesObject(r)) {
                write(stackDir.resolve("k8s").resolve(kubernetesFileName(r)), kubernetesObject(r));
            } else if (r.type().equals("kubernetes:helm.sh/v3:Release")) {
                Files.createDirectories(stackDir.resolve("helm"));
                write(stackDir.resolve("helm").resolve(r.input("name").asText(r.name()) + ".yaml"), r.inputs());
            }
        }
        return json;
    }

    static boolean isKubernetesObject(PlannedResource r) {
        return r.custom() && r.type().startsWith("kubernetes:") && !r.type().startsWith("kubernetes:helm.sh/")
                && !r.type().startsWith("pulumi:providers:");
    }

    /** The object as {@code kubectl apply} would take it: apiVersion and kind first from the type token. */
    static JsonNode kubernetesObject(PlannedResource r) {
        var node = Plan.JSON.createObjectNode();
        String[] token = r.type().split(":");
        String groupVersion = token[1].startsWith("core/") ? token[1].substring(5) : token[1];
        node.put("apiVersion", r.inputs().path("apiVersion").asText(groupVersion));
        node.put("kind", r.inputs().path("kind").asText(token[2]));
        r.inputs().fields().forEachRemaining(e -> {
            if (!e.getKey().equals("apiVersion") && !e.getKey().equals("kind")) {
                node.set(e.getKey(), e.getValue());
            }
        });
        return node;
    }

    static String kubernetesFileName(PlannedResource r) {
        JsonNode metadata = r.inputs().path("metadata");
        String namespace = metadata.path("namespace").asText("_cluster");
        String kind = r.type().substring(r.type().lastIndexOf(':') + 1);
        String name = metadata.path("name").asText(r.name());
        return (namespace + "--" + kind + "--" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_") + ".yaml";
    }

    private static void write(Path file, JsonNode node) throws IOException {
        Object ordered = Plan.JSON.treeToValue(node, Object.class);
        Files.writeString(file, YAML.writeValueAsString(ordered), StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
