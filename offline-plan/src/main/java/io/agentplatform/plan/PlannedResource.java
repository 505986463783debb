package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * One resource of the plan.
 *
 * @param urn          the URN the engine gives it
 * @param type         type token, e.g. {@code aws:ec2/vpc:Vpc}
 * @param name         logical name
 * @param parent       parent URN, or null for resources directly under the stack
 * @param custom       false for component resources
 * @param provider     provider URN, or null
 * @param inputs       input properties as the engine receives them; secrets written as {@code "[secret]"}
 * @param dependencies every resource it waits for: explicit dependsOn plus the resources its inputs come from
 * @param options      protect, retainOnDelete, dependsOn, ignoreChanges, deleteBeforeReplace, aliases, version
 */
public record PlannedResource(String urn, String type, String name, String parent, boolean custom, String provider,
                              JsonNode inputs, List<String> dependencies, Options options) {

    /**
     * @param aliases urns the resource was known by before a rename: the engine treats them as this resource
     * @param version the resource option {@code version}: on a provider, the plugin version it runs; empty when unset
     */
    public record Options(boolean protect, boolean retainOnDelete, List<String> dependsOn, List<String> ignoreChanges,
                          boolean deleteBeforeReplace, List<String> aliases, Optional<String> version) {
        public Options(boolean protect, boolean retainOnDelete, List<String> dependsOn, List<String> ignoreChanges,
                       boolean deleteBeforeReplace) {
            this(protect, retainOnDelete, dependsOn, ignoreChanges, deleteBeforeReplace, List.of(), Optional.empty());
        }
    }

    /** An input by dotted path ({@code vpcConfig.endpointPublicAccess}); missing nodes for absent properties. */
    public JsonNode input(String path) {
        JsonNode node = inputs;
        for (String part : path.split("\\.")) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    public boolean dependsOn(String urn) {
        return dependencies.contains(urn);
    }

    ObjectNode toJson() {
        ObjectNode o = Plan.JSON.createObjectNode();
        o.put("urn", urn);
        o.put("type", type);
        o.put("name", name);
        if (parent == null) {
            o.putNull("parent");
        } else {
            o.put("parent", parent);
        }
        o.put("custom", custom);
        if (provider == null) {
            o.putNull("provider");
        } else {
            o.put("provider", provider);
        }
        o.set("inputs", inputs);
        var deps = o.putArray("dependencies");
        dependencies.forEach(deps::add);
        ObjectNode opts = o.putObject("options");
        opts.put("protect", options.protect());
        opts.put("retainOnDelete", options.retainOnDelete());
        var dependsOn = opts.putArray("dependsOn");
        options.dependsOn().forEach(dependsOn::add);
        var ignore = opts.putArray("ignoreChanges");
        options.ignoreChanges().forEach(ignore::add);
        opts.put("deleteBeforeReplace", options.deleteBeforeReplace());
        if (!options.aliases().isEmpty()) {
            var aliases = opts.putArray("aliases");
            options.aliases().forEach(aliases::add);
        }
        options.version().ifPresentOrElse(v -> opts.put("version", v), () -> opts.putNull("version"));
        return o;
    }
}
