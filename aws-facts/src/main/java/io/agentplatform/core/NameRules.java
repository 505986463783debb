package io.agentplatform.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The dated table of AWS physical-name rules by resource type, {@code insights/aws-name-rules.json}. The program's
 * naming rule ({@code Naming.fit}) and the offline plan's check of every physical name both read it, so the names
 * the program makes and the names the plan refuses follow the same limits.
 */
public final class NameRules {
    private static final NameRules TABLE = load("insights/aws-name-rules.json");

    private final String date;
    private final int autoNameSuffixLength;
    private final int prefixSuffixLength;
    private final Map<String, NameRule> byType;
    private final Map<String, Map<String, NameRule>> inputRules;
    private final java.util.Set<String> nameless;

    private NameRules(String date, int autoNameSuffixLength, int prefixSuffixLength, Map<String, NameRule> byType,
                      Map<String, Map<String, NameRule>> inputRules, java.util.Set<String> nameless) {
        this.date = date;
        this.inputRules = inputRules;
        this.nameless = nameless;
        this.autoNameSuffixLength = autoNameSuffixLength;
        this.prefixSuffixLength = prefixSuffixLength;
        this.byType = byType;
    }

    public static NameRules table() {
        return TABLE;
    }

    static NameRules load(String resource) {
        try {
            JsonNode root = new ObjectMapper().readTree(text(resource));
            Map<String, NameRule> rules = new TreeMap<>();
            root.path("types").fields().forEachRemaining(e -> rules.put(e.getKey(),
                    rule(e.getKey(), e.getValue().path("autoName").asText(), e.getValue())));
            Map<String, Map<String, NameRule>> inputRules = new TreeMap<>();
            root.path("inputRules").fields().forEachRemaining(type -> {
                Map<String, NameRule> byInput = new TreeMap<>();
                type.getValue().fields().forEachRemaining(input ->
                        byInput.put(input.getKey(), rule(type.getKey(), input.getKey(), input.getValue())));
                inputRules.put(type.getKey(), Map.copyOf(byInput));
            });
            java.util.Set<String> nameless = new java.util.TreeSet<>();
            root.path("nameless").forEach(n -> nameless.add(n.asText()));
            return new NameRules(root.path("date").asText(), root.path("autoNameSuffixLength").asInt(),
                    root.path("prefixSuffixLength").asInt(), Map.copyOf(rules), Map.copyOf(inputRules),
                    java.util.Set.copyOf(nameless));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the name rules " + resource, e);
        }
    }

    private static NameRule rule(String type, String input, JsonNode r) {
        return new NameRule(type, input,
                r.hasNonNull("prefixInput") ? Optional.of(r.path("prefixInput").asText()) : Optional.empty(),
                r.path("min").asInt(1), r.path("max").asInt(), Pattern.compile(r.path("pattern").asText()),
                r.path("rule").asText(), r.path("source").asText());
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = NameRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public String date() {
        return date;
    }

    public Optional<NameRule> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Map<String, NameRule> all() {
        return byType;
    }

    /**
     * Rules for other string inputs of a type that AWS refuses the same way (an IAM role's {@code path}), by input;
     * each rule's {@code autoName} is the input it checks.
     */
    public Map<String, NameRule> inputRules(String type) {
        return inputRules.getOrDefault(type, Map.of());
    }

    /** Types with no physical name of their own (nothing to check). */
    public java.util.Set<String> nameless() {
        return nameless;
    }

    /** Characters the provider adds to a logical name when it auto-names: {@code -} plus the random suffix. */
    public int autoNameOverhead() {
        return 1 + autoNameSuffixLength;
    }

    /** Characters the provider appends to a {@code *Prefix} input. */
    public int prefixSuffixLength() {
        return prefixSuffixLength;
    }

    /** The longest logical name whose auto-name still fits the type (unlimited for types without a rule). */
    public int logicalNameBudget(String type) {
        return forType(type).map(r -> r.max() - autoNameOverhead()).orElse(Integer.MAX_VALUE);
    }
}
