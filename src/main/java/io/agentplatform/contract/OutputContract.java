package io.agentplatform.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.core.ClasspathFiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The outputs every platform stack exports for other teams, read from the machine-readable contract
 * ({@code contract/platform-outputs.schema.json}, a JSON Schema) so code, docs and tests share one source.
 */
public final class OutputContract {
    public static final String SCHEMA_RESOURCE = "contract/platform-outputs.schema.json";
    private static final JsonNode SCHEMA = parse();

    private OutputContract() {}

    private static JsonNode parse() {
        try {
            return new ObjectMapper().readTree(ClasspathFiles.text(SCHEMA_RESOURCE));
        } catch (Exception e) {
            throw new IllegalStateException("the output contract " + SCHEMA_RESOURCE + " is not valid JSON", e);
        }
    }

    public static JsonNode schema() {
        return SCHEMA;
    }

    /** The contract version a stack exports as {@code contractVersion}. */
    public static String version() {
        return SCHEMA.path("x-contract-version").asText();
    }

    public static List<String> required() {
        List<String> names = new ArrayList<>();
        SCHEMA.path("required").forEach(n -> names.add(n.asText()));
        return List.copyOf(names);
    }

    /**
     * Checks the outputs of a referenced platform stack before anything uses them.
     *
     * @throws IllegalStateException naming every missing output, the referenced stack and the contract version,
     *                               or an incompatible major version
     */
    public static void requireOutputs(String stackName, Map<String, Object> outputs, List<String> needed) {
        TreeSet<String> missing = new TreeSet<>(needed);
        missing.removeAll(outputs.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("stack " + stackName + " lacks output(s) " + String.join(", ", missing)
                    + " of the agent-platform output contract " + version() + "; run `pulumi up` on " + stackName
                    + " with a current version of this program, or point agent-platform:platformStack at a platform stack");
        }
        Object version = outputs.get("contractVersion");
        String major = version().split("\\.")[0];
        if (version != null && !String.valueOf(version).startsWith(major + ".")) {
            throw new IllegalStateException("stack " + stackName + " exports output contract " + version
                    + ", but this program needs " + major + ".x");
        }
    }
}
