package io.agentplatform.plan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code diff <base.json> <head.json> [--fail-on-danger]}: compares two offline plan files and prints the
 * Markdown for a pull-request comment ({@link PlanDiff}). Exit 0 (the comment is informational), 3 with
 * {@code --fail-on-danger} when a stateful resource would be deleted or replaced, 2 for an unreadable file.
 */
public final class DiffCommand {
    public static final int DANGER = 3;

    private DiffCommand() {}

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean failOnDanger = false;
        java.util.List<String> files = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--fail-on-danger")) {
                failOnDanger = true;
            } else if (args[i].startsWith("--")) {
                err.println("unknown option " + args[i]);
                return 64;
            } else {
                files.add(args[i]);
            }
        }
        if (args.length == 0 || !args[0].equals("diff") || files.size() != 2) {
            err.println("usage: diff <base plan.json> <head plan.json> [--fail-on-danger]");
            return 64;
        }
        PlanDiff.Result diff;
        try {
            diff = PlanDiff.compare(PlanReader.read(Path.of(files.get(0))), PlanReader.read(Path.of(files.get(1))));
        } catch (IOException e) {
            err.println("cannot read plan file: " + e.getMessage());
            return 2;
        }
        out.print(diff.markdown());
        return failOnDanger && diff.hasDanger() ? DANGER : 0;
    }
}
