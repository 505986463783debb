package io.agentplatform.config;

import java.util.List;

/**
 * A configuration object and its declared settings, as the documentation and Pulumi.yaml present it.
 *
 * @param key      where it lives: a top-level key ({@code database}) or a path ({@code cluster.ciAccess})
 * @param summary  one line on what it is (the Pulumi.yaml description starts with it)
 * @param notes    further Markdown shown under the heading in docs/configuration.md (may be empty)
 * @param kinds    the environment kinds that use it; kind-dependent defaults are documented for these
 * @param settings its settings, in reading order
 * @param absent   what leaving the whole object out means ({@code required} when it may not be left out)
 * @param nested   objects inside it, each with its own settings
 */
public record Section(String key, String summary, String notes, List<EnvironmentKind> kinds, List<Setting<?>> settings,
                      String absent, List<Section> nested) {

    /** The AWS platform's sections apply to the kinds that build it. */
    static final List<EnvironmentKind> PLATFORM = List.of(EnvironmentKind.DEV, EnvironmentKind.STAGING,
            EnvironmentKind.PRODUCTION);
    static final List<EnvironmentKind> ALL = List.of(EnvironmentKind.values());

    public Section {
        settings = List.copyOf(settings);
        kinds = List.copyOf(kinds);
        nested = List.copyOf(nested);
    }

    Section(String key, String summary, List<EnvironmentKind> kinds, List<Setting<?>> settings) {
        this(key, summary, "", kinds, settings, "`{}`", List.of());
    }

    Section withNotes(String markdown) {
        return new Section(key, summary, markdown, kinds, settings, absent, nested);
    }

    Section absent(String meaning) {
        return new Section(key, summary, notes, kinds, settings, meaning, nested);
    }

    Section with(Section... inside) {
        return new Section(key, summary, notes, kinds, settings, absent, List.of(inside));
    }

    /** The last part of the key: the name this object has inside its parent. */
    String name() {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** Whether this is a top-level key of the project (declared in Pulumi.yaml), not a nested object. */
    boolean topLevel() {
        return !key.contains(".");
    }
}
