package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A cursor over one object of the stack configuration that knows its own path. Every read records a problem
 * instead of throwing, returns a usable fallback so reading can go on, and remembers which keys were read so
 * that unknown (mistyped) keys can be reported too.
 */
final class Settings implements Default.Values {
    private final JsonNode node;
    private final String path;
    private final Problems problems;
    private final Set<String> read = new LinkedHashSet<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final EnvironmentKind kind;

    Settings(JsonNode node, String path, Problems problems) {
        this(node, path, problems, null);
    }

    /** @param kind the stack's environment kind, which kind-dependent defaults follow */
    Settings(JsonNode node, String path, Problems problems, EnvironmentKind kind) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
        this.kind = kind;
        if (!this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject()) {
            problems.add(path, show(this.node), "must be an object (a YAML mapping)");
        }
    }

    /** Reads a declared setting: its default, type, bounds and rules come from the declaration. */
    <T> T read(Setting<T> setting) {
        T value = setting.readFrom(this);
        values.put(setting.name(), value);
        return value;
    }

    @Override
    public EnvironmentKind kind() {
        if (kind == null) {
            throw new IllegalStateException(path + " was opened without the environment kind its defaults follow");
        }
        return kind;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Setting<V> earlier) {
        if (!values.containsKey(earlier.name())) {
            throw new IllegalStateException(pathOf(earlier.name()) + " is read after the default that depends on it");
        }
        return (V) values.get(earlier.name());
    }

    String path() {
        return path;
    }

    /** The full name of a key of this object; the project's top level ({@code agent-platform:}) joins with no dot. */
    String pathOf(String key) {
        return path.isEmpty() || path.endsWith(":") ? path + key : path + "." + key;
    }

    boolean isPresent() {
        return node.isObject();
    }

    boolean has(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The raw value of a key (null when absent), for readers that must look at its shape first. */
    JsonNode raw(String key) {
        return value(key);
    }

    private JsonNode value(String key) {
        read.add(key);
        JsonNode v = node.isObject() ? node.get(key) : null;
        return v == null || v.isNull() ? null : v;
    }

    String string(String key, String fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isValueNode()) {
            problems.add(pathOf(key), show(v), "must be a single text value");
            return fallback;
        }
        return v.asText();
    }

    String requiredString(String key, String allowed) {
        JsonNode v = value(key);
        if (v == null) {
            problems.add(pathOf(key), "<missing>", "is required: " + allowed);
            return "";
        }
        return string(key, "");
    }

    int integer(String key, int fallback, int min, int max) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        Integer parsed = null;
        if (v.isIntegralNumber()) {
            parsed = v.asInt();
        } else if (v.isTextual() && v.asText().matches("-?\\d{1,9}")) {
            parsed = Integer.parseInt(v.asText());
        }
        if (parsed == null) {
            problems.add(pathOf(key), show(v), "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        if (parsed < min || parsed > max) {
            problems.add(pathOf(key), show(v), "must be from " + min + " to " + max);
            return fallback;
        }
        return parsed;
    }

    boolean bool(String key, boolean fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        problems.add(pathOf(key), show(v), "must be true or false");
        return fallback;
    }

    /** Reads an enum written in lowerCamelCase or kebab-case (e.g. {@code perAz}, {@code per-az}, {@code PER_AZ}). */
    <E extends Enum<E>> E enumeration(String key, Class<E> type, E fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        Optional<E> parsed = parseEnum(type, v.asText());
        if (parsed.isEmpty() || !v.isValueNode()) {
            problems.add(pathOf(key), show(v), "must be one of " + enumChoices(type));
            return fallback;
        }
        return parsed.get();
    }

    <E extends Enum<E>> E requiredEnumeration(String key, Class<E> type, E fallback) {
        if (value(key) == null) {
            problems.add(pathOf(key), "<missing>", "is required: one of " + enumChoices(type));
            return fallback;
        }
        return enumeration(key, type, fallback);
    }

    static <E extends Enum<E>> Optional<E> parseEnum(Class<E> type, String text) {
        String normal = normalise(text);
        return Arrays.stream(type.getEnumConstants()).filter(c -> normalise(c.name()).equals(normal)).findFirst();
    }

    static <E extends Enum<E>> String enumChoices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Settings::configSpelling).collect(Collectors.joining(", "));
    }

    /** The spelling the stack files use for an enum constant: PER_AZ becomes perAz. */
    static String configSpelling(Enum<?> constant) {
        String[] parts = constant.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            sb.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return sb.toString();
    }

    private static String normalise(String s) {
        return s.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    List<String> strings(String key, List<String> fallback) {
        JsonNode v = value(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isArray()) {
            problems.add(pathOf(key), show(v), "must be a list of text values");
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isValueNode() || item.isNull()) {
                problems.add(pathOf(key) + "[" + i + "]", show(item), "must be a text value");
            } else {
                out.add(item.asText());
            }
        }
        return List.copyOf(out);
    }

    Map<String, String> stringMap(String key) {
        JsonNode v = value(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!v.isObject()) {
            problems.add(pathOf(key), show(v), "must be a mapping of names to text values");
            return out;
        }
        v.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(pathOf(key) + "." + e.getKey(), show(e.getValue()), "must be a text value");
            }
        });
        return out;
    }

    Settings object(String key) {
        return new Settings(value(key), pathOf(key), problems, kind);
    }

    /** A mapping of stable names to objects (node groups keyed by name, never by list index). */
    <T> Map<String, T> objectMap(String key, Function<Settings, T> reader) {
        JsonNode v = value(key);
        Map<String, T> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!v.isObject()) {
            problems.add(pathOf(key), show(v), "must be a mapping of names to objects");
            return out;
        }
        v.fields().forEachRemaining(e -> {
            Settings child = new Settings(e.getValue(), pathOf(key) + "." + e.getKey(), problems, kind);
            out.put(e.getKey(), reader.apply(child));
            child.rejectUnknownKeys();
        });
        return out;
    }

    <T> List<T> objectList(String key, Function<Settings, T> reader) {
        JsonNode v = value(key);
        List<T> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            problems.add(pathOf(key), show(v), "must be a list of objects");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            Settings child = new Settings(v.get(i), pathOf(key) + "[" + i + "]", problems, kind);
            out.add(reader.apply(child));
            child.rejectUnknownKeys();
        }
        return out;
    }

    /** Reports every key of this object that no reader asked for: usually a typo that would silently do nothing. */
    void rejectUnknownKeys() {
        if (!node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!read.contains(k)) {
                problems.add(pathOf(k), "(unknown setting)", "is not a setting of " + path
                        + "; known settings: " + String.join(", ", read));
            }
        });
    }

    void problem(String key, String value, String allowed) {
        problems.add(pathOf(key), value, allowed);
    }

    static String show(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "<missing>";
        }
        String text = v.isTextual() ? "'" + v.asText() + "'" : v.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
