package io.agentplatform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stack's configuration as the Pulumi CLI hands it to the program: every key with its value (structured
 * values as JSON text) and the list of keys that are secret. Reading the whole map, not key by key, lets the binder
 * report mistyped keys and secrets stored in plain text.
 */
public final class PulumiConfigSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PulumiConfigSource() {}

    /** Validated configuration of the running stack; missing required secrets are problems, not placeholders. */
    public static PlatformConfig load(String project, String stack) {
        return load(project, stack, System.getenv("PULUMI_CONFIG"), System.getenv("PULUMI_CONFIG_SECRET_KEYS"));
    }

    static PlatformConfig load(String project, String stack, String configJson, String secretKeysJson) {
        Map<String, JsonNode> raw = new LinkedHashMap<>();
        Set<String> secretKeys = new LinkedHashSet<>();
        try {
            if (configJson != null && !configJson.isBlank()) {
                JSON.readTree(configJson).fields().forEachRemaining(e ->
                        raw.put(cleanKey(e.getKey()), parseValue(e.getValue().asText())));
            }
            if (secretKeysJson != null && !secretKeysJson.isBlank()) {
                JSON.readTree(secretKeysJson).forEach(k -> secretKeys.add(cleanKey(k.asText())));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the Pulumi CLI passed configuration that is not JSON: " + e.getOriginalMessage(), e);
        }
        return ConfigBinder.bind(project, stack, raw, secretKeys, ConfigBinder.SecretMode.REQUIRE);
    }

    /** Older CLIs send {@code project:config:key}; the key is {@code project:key}. */
    private static String cleanKey(String key) {
        return key.replace(":config:", ":");
    }

    /** Top-level values arrive as text; objects and lists as JSON text. */
    private static JsonNode parseValue(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(text);
            }
        }
        return TextNode.valueOf(text);
    }
}
