package io.agentplatform;

import com.pulumi.Pulumi;
import io.agentplatform.config.PulumiConfigSource;
import io.agentplatform.plan.PlanCommand;

/**
 * Entry point. Under the Pulumi CLI (no arguments) it reads the stack's config and runs the program; with
 * {@code plan <stack>} it runs the same program offline under the mock engine (see {@link PlanCommand}).
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(PlanCommand.run(args, Platform::define));
        }
        Pulumi.run(ctx -> Platform.define(ctx, PulumiConfigSource.load(ctx.projectName(), ctx.stackName())));
    }
}
