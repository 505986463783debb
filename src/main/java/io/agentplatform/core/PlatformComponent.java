package io.agentplatform.core;

import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * Base of every component of the platform: it owns a name from {@link Naming}, tags its AWS resources with the
 * standard tags and is the parent of everything it creates.
 */
public abstract class PlatformComponent extends ComponentResource {
    private final String component;
    private final PlatformContext platform;

    /**
     * @param type      type token such as {@code agent-platform:aws:Network}
     * @param component short component name used in names and the {@code component} tag, e.g. {@code network}
     */
    protected PlatformComponent(String type, String component, PlatformContext platform, ComponentResourceOptions options) {
        super(type, platform.naming().component(component), options);
        this.component = component;
        this.platform = platform;
    }

    /** Logical (and, through auto-naming, physical) name of a child: {@code <project>-<stack>-<component>-<part>}. */
    protected String name(String part) {
        return platform.naming().of(component, part);
    }

    protected String componentName() {
        return platform.naming().component(component);
    }

    protected Map<String, String> tags() {
        return platform.tags().forComponent(component);
    }

    protected Map<String, String> tags(String namePart) {
        return platform.tags().named(component, name(namePart));
    }

    protected PlatformContext platform() {
        return platform;
    }

    /** Options for a child: parented to this component, so it inherits its provider and shows under it. */
    protected CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    protected CustomResourceOptions.Builder childBuilder() {
        return CustomResourceOptions.builder().parent(this);
    }
}
