package io.agentplatform.config;

/**
 * One thing wrong with the stack configuration: which setting, what it holds, and what is allowed.
 *
 * @param setting the full Pulumi config path, e.g. {@code agent-platform:network.vpcCidr}
 * @param value   the offending value as written (never a secret's value), or {@code <missing>}
 * @param allowed what the setting accepts, phrased for the person fixing the stack file
 */
public record ConfigProblem(String setting, String value, String allowed) {
    public String message() {
        return setting + " = " + value + ": " + allowed;
    }

    @Override
    public String toString() {
        return message();
    }
}
