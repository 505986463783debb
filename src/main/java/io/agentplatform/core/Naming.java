package io.agentplatform.core;

import java.util.Locale;

/**
 * Resource names derived from project, stack and component in one place, so every name in the stack has the same
 * shape: {@code <project>-<stack>-<component>[-<part>]}, e.g. {@code agent-platform-dev-network-vpc}.
 */
public record Naming(String project, String stack) {

    public String prefix() {
        return project + "-" + stack;
    }

    /**
     * IAM path of every role and policy the program creates: {@code /<project>/<stack>/}, e.g.
     * {@code /agent-platform/dev/}. Each environment's CI deploy role (bootstrap/) manages IAM only under its own
     * stack's path, so it can touch neither its own permissions nor another environment's roles.
     */
    public String iamPath() {
        return "/" + project + "/" + stack + "/";
    }

    /** Name of a component: {@code agent-platform-dev-network}. */
    public String component(String component) {
        return prefix() + "-" + component;
    }

    /** Name of one resource inside a component: {@code agent-platform-dev-network-vpc}. */
    public String of(String component, String part) {
        return component(component) + "-" + part.toLowerCase(Locale.ROOT);
    }

    /**
     * A physical name that must fit an AWS length limit: keeps the readable front and, when it must cut, ends with a
     * short stable hash so two long names never collide.
     */
    public static String fit(String name, int maxLength) {
        if (name.length() <= maxLength) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode() & 0xfffffff);
        return name.substring(0, maxLength - hash.length() - 1) + "-" + hash;
    }
}
