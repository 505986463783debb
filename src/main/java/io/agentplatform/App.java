package io.agentplatform;

import com.pulumi.Pulumi;
import io.agentplatform.config.PulumiConfigSource;
import io.agentplatform.plan.DiffCommand;
import io.agentplatform.plan.PlanCommand;

/**
 * Entry point. Under the Pulumi CLI (no arguments) it reads the stack's config and runs the program; with
 * {@code plan <stack>} it runs the same program offline under the mock engine (see {@link PlanCommand}); with
 * {@code diff <base.json> <head.json>} it compares two plan files as Markdown (see {@link DiffCommand}).
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("diff")) {
            System.exit(DiffCommand.run(args));
        }
        if (args.length > 0) {
            System.exit(PlanCommand.run(args, Platform::define));
        }
        Pulumi.run(ctx -> Platform.define(ctx, PulumiConfigSource.load(ctx.projectName(), ctx.stackName())));
    }
}
