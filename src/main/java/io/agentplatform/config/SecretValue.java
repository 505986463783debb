package io.agentplatform.config;

import com.pulumi.core.Output;

import java.util.Objects;

/**
 * A secret from Pulumi config. Its text never appears in {@link #toString()}, logs or plan files; resources
 * receive it only as a secret {@link Output}.
 */
public final class SecretValue {
    private final String name;
    private final String value;
    private final boolean placeholder;

    private SecretValue(String name, String value, boolean placeholder) {
        this.name = Objects.requireNonNull(name);
        this.value = Objects.requireNonNull(value);
        this.placeholder = placeholder;
    }

    /** A secret read from the stack's configuration. */
    public static SecretValue of(String name, String value) {
        return new SecretValue(name, value, false);
    }

    /**
     * Stands in for a secret that is absent or encrypted when the offline plan runs; it is never sent anywhere
     * real and the plan lists it as a warning.
     */
    public static SecretValue placeholder(String name) {
        return new SecretValue(name, "offline-plan-placeholder-for-" + name, true);
    }

    public String name() {
        return name;
    }

    public boolean isPlaceholder() {
        return placeholder;
    }

    /** The secret as a Pulumi secret output: encrypted in state, masked in previews. */
    public Output<String> output() {
        return Output.ofSecret(value);
    }

    /** Length of the secret text, for validation messages that must not reveal the text. */
    int length() {
        return value.length();
    }

    @Override
    public String toString() {
        return "[secret " + name + "]";
    }
}
