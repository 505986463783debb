package io.agentplatform.plan;

import com.pulumi.Context;
import io.agentplatform.config.InvalidConfigException;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.StackConfigSource;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * {@code plan <stack> [--project-dir DIR] [--out DIR]}: the offline plan. Loads {@code Pulumi.<stack>.yaml},
 * validates it (on problems: prints them all, writes nothing, exits 2), runs the program under the mock engine,
 * writes the plan files and prints a summary.
 */
public final class PlanCommand {
    private PlanCommand() {}

    public static int run(String[] args, BiConsumer<Context, PlatformConfig> program) {
        return run(args, program, System.out, System.err);
    }

    static int run(String[] args, BiConsumer<Context, PlatformConfig> program, PrintStream out, PrintStream err) {
        if (args.length < 2 || !args[0].equals("plan")) {
            err.println("usage: plan <stack> [--project-dir DIR] [--out DIR]   (stacks are Pulumi.<stack>.yaml files)");
            return 64;
        }
        String stack = args[1];
        Path projectDir = Path.of(".");
        Path outDir = Path.of("target", "plan");
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--project-dir" -> projectDir = Path.of(args[i + 1]);
                case "--out" -> outDir = Path.of(args[i + 1]);
                default -> {
                    err.println("unknown option " + args[i]);
                    return 64;
                }
            }
        }
        try {
            PlatformConfig config = StackConfigSource.load(projectDir, stack);
            Path dir = projectDir;
            Plan plan = PlatformPlans.runWithReferences(config, program, reference -> StackConfigSource.load(dir,
                    reference.substring(reference.lastIndexOf('/') + 1)));
            Path json = PlanWriter.write(plan, outDir);
            out.print(PlanSummary.render(plan));
            out.println("\nWrote " + json + " and " + outDir.resolve(stack) + "/");
            return 0;
        } catch (InvalidConfigException e) {
            err.println(e.getMessage());
            err.println("Nothing was written.");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (PlanRunner.PlanFailedException e) {
            // A refusal the mock engine makes itself (names AWS would refuse) is a finding, not a crash.
            err.println("plan of stack " + stack + " failed: " + e.getMessage());
            if (e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return 1;
        } catch (Exception e) {
            err.println("plan of stack " + stack + " failed: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
    }
}
