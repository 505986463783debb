package io.agentplatform.plan;

import io.agentplatform.Platform;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.StackConfigSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): how the offline plan grows with the platform. Takes the committed dev stack file, adds N
 * node groups through the normal {@code agent-platform:nodeGroups} config (so the program's own NodeGroups
 * component builds them, validated like any stack), runs the real program under the mock engine and prints a
 * Markdown row per N: resources, plan time (median of the timed runs, after five warm-up plans of dev and one of each size in this JVM), estimate.
 * {@code scripts/bench-scale.sh} runs it; the figures are recorded in docs/benchmarks.md.
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length > 0 ? Arrays.stream(args[0].split(",")).map(Integer::parseInt).toList()
                : List.of(0, 4, 16, 64);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path project = Path.of(".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("bench-scale");
        Files.copy(project.resolve("Pulumi.yaml"), work.resolve("Pulumi.yaml"));
        String dev = Files.readString(project.resolve("Pulumi.dev.yaml"));
        // JIT warm-up on the unchanged dev stack, so the first row is not the cold one.
        PlatformConfig warm = StackConfigSource.load(project, "dev");
        for (int i = 0; i < 5; i++) {
            PlatformPlans.run(warm, Platform::define).toJsonText();
        }
        System.out.println("| extra node groups | node groups | resources | plan time, warm JVM (median of " + runs
                + ") | min | max | estimate $/month | critical path s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            String stack = "bench-" + n;
            Files.writeString(work.resolve("Pulumi." + stack + ".yaml"), withExtraNodeGroups(dev, n));
            PlatformConfig config = StackConfigSource.load(work, stack);
            Plan plan = PlatformPlans.run(config, Platform::define); // warm-up
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                plan = PlatformPlans.run(config, Platform::define);
                plan.toJsonText(); // includes the estimate
                times.add((System.nanoTime() - start) / 1_000_000);
            }
            times.sort(Long::compare);
            Estimate e = plan.estimate();
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d ms | %d ms | %d ms | %,.0f | %d |%n", n,
                    plan.ofType("aws:eks/nodeGroup:NodeGroup").size(), plan.resources().size(), times.get(times.size() / 2),
                    times.get(0), times.get(times.size() - 1), e.monthlyUsd(), e.criticalPathSeconds());
        }
    }

    /** The dev stack file with n more on-demand node groups (m7i.large, 1 node, 40 GiB) under agent-platform:nodeGroups. */
    static String withExtraNodeGroups(String stackFile, int n) {
        StringBuilder groups = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            String name = String.format(Locale.ROOT, "extra%02d", i);
            groups.append("    ").append(name).append(":\n")
                    .append("      instanceTypes: [m7i.large]\n")
                    .append("      capacityType: onDemand\n")
                    .append("      minSize: 1\n      maxSize: 2\n      desiredSize: 1\n")
                    .append("      diskSizeGiB: 40\n");
        }
        String marker = "  agent-platform:nodeGroups:\n";
        if (!stackFile.contains(marker)) {
            throw new IllegalStateException("the stack file has no agent-platform:nodeGroups block");
        }
        return stackFile.replace(marker, marker + groups);
    }
}
