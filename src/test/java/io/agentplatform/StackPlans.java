package io.agentplatform;

import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.StackConfigSource;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlatformPlans;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plans of the committed stacks, each computed once per test JVM by running the real program under the mock
 * engine with the real {@code Pulumi.<stack>.yaml}; many small tests then assert on the captured plans.
 */
public final class StackPlans {
    /** Platform stacks committed in the repository. */
    public static final List<String> PLATFORM_STACKS = List.of("dev", "staging", "production");

    /** The day the committed stacks are judged on in tests (versions, support dates), never the wall clock. */
    public static final java.time.LocalDate PLAN_DATE = java.time.LocalDate.of(2026, 12, 1);

    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();

    private StackPlans() {}

    public static Path projectDir() {
        return Path.of(System.getProperty("user.dir"));
    }

    public static PlatformConfig config(String stack) {
        return StackConfigSource.load(projectDir(), stack, PLAN_DATE);
    }

    public static synchronized Plan of(String stack) {
        return PLANS.computeIfAbsent(stack, s -> PlatformPlans.runWithReferences(config(s), Platform::define,
                reference -> config(reference.substring(reference.lastIndexOf('/') + 1))));
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
