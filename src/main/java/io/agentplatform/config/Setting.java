package io.agentplatform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One setting declared once: its name, type, default, what is allowed and what it does. The section readers read it
 * with {@link Settings#read(Setting)}; {@link ConfigDocs} renders docs/configuration.md and the config block of
 * Pulumi.yaml from the same declarations, and a test fails when the committed files differ from that rendering.
 *
 * @param <T> the type the binder hands to the settings record
 */
public final class Setting<T> {

    /** Reads the raw value through the cursor (which reports type problems) or returns the fallback. */
    interface Reader<T> {
        T read(Settings s, String name, T fallback);
    }

    /** A rule beyond the type: records a problem naming the setting, the value and what is allowed. */
    interface Check<T> {
        void check(Settings s, String name, T value);
    }

    private final String name;
    private final String type;
    private final Default<T> fallback;
    private final String allowed;
    private final String description;
    private final Reader<T> reader;
    private final List<Check<T>> checks;

    private Setting(String name, String type, Default<T> fallback, String allowed, String description, Reader<T> reader,
                    List<Check<T>> checks) {
        this.name = name;
        this.type = type;
        this.fallback = fallback;
        this.allowed = allowed;
        this.description = description;
        this.reader = reader;
        this.checks = List.copyOf(checks);
    }

    static Setting<Integer> integer(String name, int min, int max, Default<Integer> fallback, String description) {
        return new Setting<>(name, "int", fallback, min + "–" + max, description,
                (s, n, fb) -> s.integer(n, fb, min, max), List.of());
    }

    static Setting<Boolean> bool(String name, Default<Boolean> fallback, String description) {
        return new Setting<>(name, "bool", fallback, "", description, Settings::bool, List.of());
    }

    static Setting<String> text(String name, Default<String> fallback, String description) {
        return new Setting<>(name, "string", fallback, "", description, Settings::string, List.of());
    }

    /** A text setting that may be left out: empty means the feature it configures is off. */
    static Setting<Optional<String>> optionalText(String name, String description) {
        return new Setting<>(name, "string", Default.of(Optional.empty()), "", description,
                (s, n, fb) -> Optional.ofNullable(s.string(n, null)), List.of());
    }

    static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, Default<E> fallback, String description) {
        String choices = java.util.Arrays.stream(type.getEnumConstants()).map(c -> "`" + Settings.configSpelling(c) + "`")
                .collect(Collectors.joining(" \\| "));
        return new Setting<>(name, choices, fallback, "", description, (s, n, fb) -> s.enumeration(n, type, fb), List.of());
    }

    static Setting<List<String>> texts(String name, Default<List<String>> fallback, String description) {
        return new Setting<>(name, "list", fallback, "", description, Settings::strings, List.of());
    }

    static Setting<Map<String, String>> textMap(String name, String description) {
        return new Setting<>(name, "map", Default.of(Map.of()), "", description, (s, n, fb) -> s.stringMap(n), List.of());
    }

    /** Days of CloudWatch Logs retention: only the values CloudWatch accepts. */
    static Setting<Integer> retention(String name, Default<Integer> fallback, String description) {
        Reader<Integer> reader = (s, n, fb) -> {
            int days = s.integer(n, fb, 1, 3653);
            if (s.has(n) && !LOG_RETENTION_DAYS.contains(days)) {
                s.problem(n, String.valueOf(days), "CloudWatch Logs accepts " + new TreeSet<>(LOG_RETENTION_DAYS));
                return fb;
            }
            return days;
        };
        return new Setting<>(name, "int", fallback, "a CloudWatch Logs retention (days)", description, reader, List.of());
    }

    /** Retention values CloudWatch Logs accepts. */
    static final java.util.Set<Integer> LOG_RETENTION_DAYS = java.util.Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
            365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** Adds a rule; {@code allowed} is how the documentation states it. */
    Setting<T> check(String allowedDoc, Check<T> rule) {
        List<Check<T>> all = new ArrayList<>(checks);
        all.add(rule);
        String doc = allowed.isEmpty() ? allowedDoc : allowedDoc.isEmpty() ? allowed : allowed + "; " + allowedDoc;
        return new Setting<>(name, type, fallback, doc, description, reader, all);
    }

    /** States a rule the section reader enforces because it spans several settings (documented here, checked there). */
    Setting<T> rule(String allowedDoc) {
        return check(allowedDoc, (s, n, v) -> { });
    }

    /** The value (or, for an optional setting, the value when set) must match {@code regex}; else {@code message}. */
    Setting<T> matching(String regex, String message) {
        return check(message.replaceFirst("^must be ", ""), (s, n, v) -> textOf(v)
                .filter(t -> !t.matches(regex)).ifPresent(t -> s.problem(n, "'" + t + "'", message)));
    }

    /** Replaces the documented type (e.g. {@code CIDR}, {@code list of CIDR}). */
    Setting<T> type(String documentedType) {
        return new Setting<>(name, documentedType, fallback, allowed, description, reader, checks);
    }

    private static Optional<String> textOf(Object v) {
        return v instanceof Optional<?> o ? o.map(String::valueOf) : Optional.of(String.valueOf(v));
    }

    T readFrom(Settings s) {
        T fb = fallback.value(s);
        if (fallback instanceof Default.Required<T> required && !s.has(name)) {
            s.problem(name, "<missing>", "is required: " + required.what());
            return fb;
        }
        T value = reader.read(s, name, fb);
        checks.forEach(c -> c.check(s, name, value));
        return value;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public String allowed() {
        return allowed;
    }

    public String description() {
        return description;
    }

    /** The default as documented for the given environment kinds. */
    public String defaultText(List<EnvironmentKind> kinds) {
        return fallback.describe(kinds, Setting::show);
    }

    static String show(Object v) {
        if (v instanceof Optional<?> o) {
            return o.map(Setting::show).orElse("none");
        }
        if (v instanceof Enum<?> e) {
            return "`" + Settings.configSpelling(e) + "`";
        }
        if (v instanceof List<?> l) {
            return "`[" + l.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]`";
        }
        if ("".equals(v)) {
            return "`\"\"`";
        }
        if (v instanceof Map<?, ?> m && m.isEmpty()) {
            return "`{}`";
        }
        return "`" + v + "`";
    }
}
