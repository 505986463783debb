package io.agentplatform.core;

/**
 * What every component needs to name and tag its resources; built once by the composition root.
 */
public record PlatformContext(Naming naming, Tags tags) {
}
