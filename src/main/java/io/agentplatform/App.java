package io.agentplatform;

import com.pulumi.Pulumi;
import io.agentplatform.config.PulumiConfigSource;

/**
 * Entry point under the Pulumi CLI: reads the stack's config and runs the program. The offline plan runs the same
 * {@link Platform#define} from the test classpath ({@code io.agentplatform.plan.PlanMain}, {@code scripts/plan.sh}).
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Pulumi.run(ctx -> Platform.define(ctx, PulumiConfigSource.load(ctx.projectName(), ctx.stackName())));
    }
}
