package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for building JSON trees the settings reader can walk. */
final class JsonNodes {
    private JsonNodes() {}

    /** Wraps a value as the single field of an object so a keyed reader can read it by that field name. */
    static JsonNode wrap(String field, JsonNode value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set(field, value);
        return o;
    }
}
