package io.agentplatform.plan;

import io.agentplatform.Platform;

/**
 * The offline plan's command line, run by {@code scripts/plan.sh} and {@code scripts/plan-diff.sh} through
 * {@code mvnw test-compile exec:java@plan}: {@code plan <stack>} runs the platform program over
 * {@code Pulumi.<stack>.yaml} under the mock engine ({@link PlanCommand}); {@code diff <base.json> <head.json>}
 * compares two plan files ({@link DiffCommand}). It lives with the tests so the program {@code pulumi up} runs
 * carries none of it.
 */
public final class PlanMain {
    private PlanMain() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("diff")) {
            System.exit(DiffCommand.run(args));
        }
        System.exit(PlanCommand.run(args, Platform::define));
    }
}
