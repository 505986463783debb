package io.agentplatform;

import io.agentplatform.config.PlatformConfig;
import io.agentplatform.plan.Plan;

import java.nio.file.Path;
import java.util.List;

/**
 * Shorthands for the committed stacks without overrides; the plans are {@link TestStacks}' (one run per stack per
 * test JVM), so {@code StackPlans.of("dev")} and {@code TestStacks.of("dev").plan()} are the same captured plan.
 */
public final class StackPlans {
    /** Platform stacks committed in the repository. */
    public static final List<String> PLATFORM_STACKS = List.of("dev", "staging", "production");

    /** The day the committed stacks are judged on in tests (versions, support dates), never the wall clock. */
    public static final java.time.LocalDate PLAN_DATE = TestStacks.PLAN_DATE;

    private StackPlans() {}

    public static Path projectDir() {
        return TestStacks.projectDir();
    }

    public static PlatformConfig config(String stack) {
        return TestStacks.of(stack).config();
    }

    public static Plan of(String stack) {
        return TestStacks.of(stack).plan();
    }

    public static Plan dev() {
        return of("dev");
    }

    public static Plan staging() {
        return of("staging");
    }

    public static Plan production() {
        return of("production");
    }
}
