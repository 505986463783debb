package io.agentplatform.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What every component needs to name and tag its resources, and where it deploys; built once by the composition root.
 *
 * @param awsRegion the region of the stack's AWS provider, on stacks that build in AWS (dev, staging, production);
 *                  empty on stacks that only deploy onto a cluster (ephemeral, local). Components read it here, the
 *                  one place it is carried, never from their own args.
 */
public record PlatformContext(Naming naming, Tags tags, Optional<String> awsRegion) {
    public PlatformContext {
        Objects.requireNonNull(naming);
        Objects.requireNonNull(tags);
        Objects.requireNonNull(awsRegion);
    }

    /** A stack that deploys only onto a cluster: no AWS region. */
    public PlatformContext(Naming naming, Tags tags) {
        this(naming, tags, Optional.empty());
    }

    /** The AWS region; fails naming the component when asked on a stack without AWS resources. */
    public String requireAwsRegion(String component) {
        return awsRegion.orElseThrow(() -> new IllegalStateException(
                component + " builds AWS resources, but stack " + naming.stack() + " has no AWS region"));
    }
}
