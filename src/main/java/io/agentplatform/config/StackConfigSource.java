package io.agentplatform.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a stack's configuration the way the Pulumi CLI assembles it, from the committed files: project-level values
 * declared in {@code Pulumi.yaml} (their {@code default} or {@code value}), overlaid by {@code Pulumi.<stack>.yaml}.
 * Used by tests and the offline plan, because Pulumi's test engine cannot inject config (pulumi-java #1333).
 */
public final class StackConfigSource {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StackConfigSource() {}

    /** The project name declared in {@code Pulumi.yaml}. */
    public static String projectName(Path projectDir) {
        return read(projectDir.resolve("Pulumi.yaml")).path("name").asText();
    }

    /** Loads and validates {@code Pulumi.<stack>.yaml} on {@link PlanDate#today()}, absent secrets as placeholders. */
    public static PlatformConfig load(Path projectDir, String stack) {
        return load(projectDir, stack, PlanDate.today());
    }

    /** Loads and validates {@code Pulumi.<stack>.yaml}, judging versions on {@code planDate}. */
    public static PlatformConfig load(Path projectDir, String stack, java.time.LocalDate planDate) {
        Path stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(stackFile)) {
            throw new IllegalArgumentException("no stack file " + stackFile + " (stacks are Pulumi.<stack>.yaml beside Pulumi.yaml)");
        }
        String project = projectName(projectDir);
        Map<String, JsonNode> raw = rawConfig(projectDir, stackFile, project);
        return ConfigBinder.bind(project, stack, raw, Set.of(), ConfigBinder.SecretMode.PLACEHOLDER, planDate);
    }

    /** Full key to value, project declarations first, the stack file on top. */
    public static Map<String, JsonNode> rawConfig(Path projectDir, Path stackFile, String project) {
        Map<String, JsonNode> raw = new LinkedHashMap<>();
        JsonNode declared = read(projectDir.resolve("Pulumi.yaml")).path("config");
        declared.fields().forEachRemaining(e -> {
            String full = e.getKey().contains(":") ? e.getKey() : project + ":" + e.getKey();
            JsonNode decl = e.getValue();
            if (decl.isObject() && decl.has("default")) {
                raw.put(full, decl.get("default"));
            } else if (decl.isObject() && decl.has("value")) {
                raw.put(full, decl.get("value"));
            } else if (decl.isValueNode()) {
                raw.put(full, decl);
            }
        });
        JsonNode stackConfig = read(stackFile).path("config");
        stackConfig.fields().forEachRemaining(e -> raw.put(e.getKey(), e.getValue()));
        return raw;
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null ? YAML.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The parser's position and what it expected (SnakeYAML's context and problem, without its snippet). */
    private static StackFileSyntaxException syntaxError(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String problem = e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null
                ? (yaml.getContext() == null ? "" : yaml.getContext() + ": ") + yaml.getProblem()
                : e.getOriginalMessage().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                        .orElse("unreadable YAML");
        return new StackFileSyntaxException(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                problem);
    }
}
