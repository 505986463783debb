package io.agentplatform.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * The tags every AWS resource carries: {@code project}, {@code environment}, {@code component}, {@code managed-by}
 * (always {@code pulumi}), {@code owner}, plus the stack's extra tags. Components add their own name as
 * {@code component}; nothing else decides tag keys.
 */
public record Tags(String project, String environment, String owner, Map<String, String> extra) {

    public static final String MANAGED_BY = "pulumi";

    /** Tags for a resource of the given component, sorted so plans are stable. */
    public Map<String, String> forComponent(String component) {
        Map<String, String> tags = new TreeMap<>(extra);
        tags.put("project", project);
        tags.put("environment", environment);
        tags.put("component", component);
        tags.put("managed-by", MANAGED_BY);
        tags.put("owner", owner);
        return tags;
    }

    /** Component tags plus a {@code Name} tag, which the EC2 console shows. */
    public Map<String, String> named(String component, String name) {
        Map<String, String> tags = new TreeMap<>(forComponent(component));
        tags.put("Name", name);
        return tags;
    }
}
