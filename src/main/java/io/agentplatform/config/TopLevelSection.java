package io.agentplatform.config;


import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The declarations of the project's top-level scalar settings and how they are read. */
final class TopLevelSection {
    private static final Set<String> STANDARD_TAGS = Set.of("project", "environment", "component", "managed-by");

    static final Setting<String> ENVIRONMENT = Setting.text("environment", Default.required("one of "
            + Settings.enumChoices(EnvironmentKind.class), ""), "what the stack is for; selects the profile of defaults")
            .type(String.join(" \\| ", java.util.Arrays.stream(EnvironmentKind.values())
                    .map(k -> "`" + k.configName() + "`").toList()))
            .check("", (s, n, v) -> {
                if (Settings.parseEnum(EnvironmentKind.class, v).isEmpty()) {
                    s.problem(n, "'" + v + "'", "unknown environment kind; allowed: "
                            + Settings.enumChoices(EnvironmentKind.class));
                }
            });
    static final Setting<String> OWNER = Setting.text("owner", Default.of("platform-team"),
            "team that owns the stack; written to the `owner` tag of every AWS resource");
    static final Setting<Map<String, String>> TAGS = Setting.textMap("tags", "extra tags on every AWS resource")
            .rule("may not override " + String.join(", ", new java.util.TreeSet<>(STANDARD_TAGS)) + "; tag names are "
                    + "1-128 letters, digits, spaces or `_.:/=+-@`, not starting with `aws:`");

    static final Section SECTION = new Section("", "Top level (`agent-platform:<key>`)", Section.ALL,
            List.of(ENVIRONMENT, OWNER, TAGS, TargetSection.PLATFORM_STACK, TargetSection.EXPIRES_AT,
                    TargetSection.STORAGE_CLASS));

    private TopLevelSection() {}

    /** The kind, or {@code dev} after a problem was recorded (the binder throws before using it). */
    static EnvironmentKind environment(Settings top) {
        String text = top.read(ENVIRONMENT);
        return Settings.parseEnum(EnvironmentKind.class, text).orElse(EnvironmentKind.DEV);
    }

    static Map<String, String> tags(Settings top) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode given = top.has(TAGS.name()) ? top.raw(TAGS.name()) : null;
        if (given != null && !given.isObject()) {
            top.problem(TAGS.name(), Settings.show(given), "must be a mapping of tag names to values");
            return out;
        }
        Settings tags = top.object(TAGS.name());
        top.read(TAGS).forEach((name, value) -> {
            if (STANDARD_TAGS.contains(name)) {
                tags.problem(name, "'" + value + "'", "is a standard tag the program sets itself; choose another tag name");
            } else if (!name.matches("[A-Za-z0-9 _.:/=+@-]{1,128}") || name.startsWith("aws:")) {
                tags.problem(name, "'" + value + "'",
                        "tag names are 1-128 letters, digits, spaces or _.:/=+-@ and may not start with aws:");
            } else {
                out.put(name, value);
            }
        });
        return out;
    }
}
