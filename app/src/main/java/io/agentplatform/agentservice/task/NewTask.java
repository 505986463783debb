package io.agentplatform.agentservice.task;

import io.agentplatform.agentservice.web.ApiException;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code POST /v1/tasks} body: {@code {"prompt": "...", "metadata": {...}}}. */
public record NewTask(String prompt, ObjectNode metadata) {

    static final int MAX_METADATA_ENTRIES = 32;
    private static final Set<String> FIELDS = Set.of("prompt", "metadata");

    /** Malformed JSON is 400; well-formed JSON of the wrong shape is 422. */
    public static NewTask parse(byte[] body, int maxPromptChars, JsonMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_json", "The request body is not valid JSON.");
        }
        if (root == null || root.isMissingNode()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_json", "The request body is empty.");
        }
        if (!root.isObject()) {
            throw invalid("The request body must be a JSON object with a \"prompt\".");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw invalid("Unknown field \"" + field.getKey() + "\"; allowed: prompt, metadata.");
            }
        }
        JsonNode prompt = root.path("prompt");
        if (!prompt.isString() || prompt.stringValue().isBlank()) {
            throw invalid("\"prompt\" is required and must be a non-empty string.");
        }
        if (prompt.stringValue().length() > maxPromptChars) {
            throw invalid("\"prompt\" must be at most " + maxPromptChars + " characters.");
        }
        if (hasNul(prompt.stringValue())) {
            throw invalid(NUL_MESSAGE.formatted("\"prompt\""));
        }
        JsonNode metadata = root.path("metadata");
        ObjectNode metadataObject;
        if (metadata.isMissingNode() || metadata.isNull()) {
            metadataObject = json.createObjectNode();
        } else if (metadata instanceof ObjectNode object) {
            if (object.size() > MAX_METADATA_ENTRIES) {
                throw invalid("\"metadata\" may have at most " + MAX_METADATA_ENTRIES + " entries.");
            }
            rejectNul(object, "metadata");
            metadataObject = object;
        } else {
            throw invalid("\"metadata\" must be a JSON object.");
        }
        return new NewTask(prompt.stringValue(), metadataObject);
    }

    /** PostgreSQL text and jsonb cannot hold U+0000; refused here as the client's error, never reaching the database. */
    private static final String NUL_MESSAGE = "%s must not contain NUL characters (\\u0000).";

    private static boolean hasNul(String text) {
        return text.indexOf('\u0000') >= 0;
    }

    /** Every key and string value at any depth; the field is named by its path, the content never repeated. */
    private static void rejectNul(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (hasNul(entry.getKey())) {
                    throw invalid(NUL_MESSAGE.formatted("A key of \"" + path + "\""));
                }
                rejectNul(entry.getValue(), path + "." + entry.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNul(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isString() && hasNul(node.stringValue())) {
            throw invalid(NUL_MESSAGE.formatted("\"" + path + "\""));
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid_request", message);
    }

    /** The mapper {@link #hash} needs: built once, as building a mapper costs more than a request. */
    public static JsonMapper canonical(JsonMapper json) {
        return json.rebuild().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
    }

    /** Identifies the request independent of key order, to tell a retry from a reused Idempotency-Key. */
    public String hash(JsonMapper canonical) {
        ObjectNode both = canonical.createObjectNode();
        both.put("prompt", prompt);
        both.set("metadata", metadata);
        return Agent.sha256(canonical.writeValueAsString(both));
    }
}
