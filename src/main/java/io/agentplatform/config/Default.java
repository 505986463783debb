package io.agentplatform.config;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@link Setting} is when a stack leaves it out: one value, a value per environment kind, a value derived from
 * settings read before it in the same object, or nothing (the setting is required). The documentation of each is
 * rendered from the same object the binder uses, so the two cannot disagree.
 */
sealed interface Default<T> {

    /** The value for a stack that does not set the setting; {@code values} holds the kind and earlier settings. */
    T value(Values values);

    /** The default as the documentation shows it, for the environment kinds the setting applies to. */
    String describe(List<EnvironmentKind> kinds, Function<T, String> show);

    /** What a reader knows when it works out a default. */
    interface Values {
        EnvironmentKind kind();

        /** A setting of the same object read before this one. */
        <V> V get(Setting<V> earlier);
    }

    static <T> Default<T> of(T value) {
        return new Fixed<>(value);
    }

    /** A value that follows the environment kind; documented by evaluating it for every kind. */
    static <T> Default<T> byKind(Function<EnvironmentKind, T> value) {
        return new ByKind<>(value);
    }

    /** A value computed from settings read before it; {@code doc} says how, next to the function that does it. */
    static <T> Default<T> derived(String doc, Function<Values, T> value) {
        return new Derived<>(doc, value);
    }

    /** No default: a stack that leaves the setting out gets a problem {@code is required: <what>}. */
    static <T> Default<T> required(String what, T placeholder) {
        return new Required<>(what, placeholder);
    }

    record Fixed<T>(T fixed) implements Default<T> {
        public T value(Values values) {
            return fixed;
        }

        public String describe(List<EnvironmentKind> kinds, Function<T, String> show) {
            return show.apply(fixed);
        }
    }

    record ByKind<T>(Function<EnvironmentKind, T> byKind) implements Default<T> {
        public T value(Values values) {
            return byKind.apply(values.kind());
        }

        public String describe(List<EnvironmentKind> kinds, Function<T, String> show) {
            Map<EnvironmentKind, String> shown = new EnumMap<>(EnvironmentKind.class);
            kinds.forEach(k -> shown.put(k, show.apply(byKind.apply(k))));
            Map<String, List<String>> kindsByValue = new LinkedHashMap<>();
            shown.forEach((k, v) -> kindsByValue.computeIfAbsent(v, x -> new java.util.ArrayList<>()).add(k.configName()));
            if (kindsByValue.size() == 1) {
                return kindsByValue.keySet().iterator().next();
            }
            return kindsByValue.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    record Derived<T>(String doc, Function<Values, T> derive) implements Default<T> {
        public T value(Values values) {
            return derive.apply(values);
        }

        public String describe(List<EnvironmentKind> kinds, Function<T, String> show) {
            return doc;
        }
    }

    /** The placeholder keeps reading going after the problem is recorded; the binder throws before anyone uses it. */
    record Required<T>(String what, T placeholder) implements Default<T> {
        public T value(Values values) {
            return placeholder;
        }

        public String describe(List<EnvironmentKind> kinds, Function<T, String> show) {
            return "required";
        }
    }
}
