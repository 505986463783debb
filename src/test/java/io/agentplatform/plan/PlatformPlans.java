package io.agentplatform.plan;

import com.pulumi.Context;
import io.agentplatform.config.PlatformConfig;

import java.util.function.BiConsumer;
import java.util.function.Function;

/** The offline plan of the platform program: a stack's validated config turned into what the plan tooling runs. */
public final class PlatformPlans {
    private PlatformPlans() {}

    public static PlanTarget target(PlatformConfig config, BiConsumer<Context, PlatformConfig> program) {
        return new PlanTarget(config.project(), config.stack(), config.environment().configName(),
                config.aws().map(aws -> aws.region()), config.warnings(), config.planDate(),
                config.target().flatMap(target -> target.platformStack()), ctx -> program.accept(ctx, config));
    }

    /** Plans one stack on its own (see {@link PlanRunner#run}). */
    public static Plan run(PlatformConfig config, BiConsumer<Context, PlatformConfig> program) {
        return PlanRunner.run(target(config, program));
    }

    /** Plans a stack after the stack it references, which {@code loadStack} loads by reference name. */
    public static Plan runWithReferences(PlatformConfig config, BiConsumer<Context, PlatformConfig> program,
                                         Function<String, PlatformConfig> loadStack) {
        return PlanRunner.runWithReferences(target(config, program), reference -> target(loadStack.apply(reference),
                program));
    }
}
