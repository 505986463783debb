package io.agentplatform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a new agent version reaches the pods ({@code agent.delivery}). Defaults, declared here: {@code rolling};
 * with {@code canary} the steps 10 % (5 min), 25 % (5 min), 50 % (10 min); analysis on, every 60 s, one failed
 * measurement tolerated.
 *
 * @param strategy {@code rolling} (the Deployment's own rolling update), {@code canary} or {@code blueGreen}
 *                 (Argo Rollouts, platform stacks only)
 * @param steps    canary traffic steps, weights strictly increasing; empty unless {@code canary}
 * @param analysis the automated analysis of the new version; empty with {@code rolling} or when switched off
 */
public record DeliverySettings(Strategy strategy, List<Step> steps, Optional<Analysis> analysis) {

    /** The Deployment's own rolling update: no controller, no analysis. */
    public static final DeliverySettings ROLLING = new DeliverySettings(Strategy.ROLLING, List.of(), Optional.empty());
    /** The steps of the background documents' manual canary: 10 %, 25 %, 50 %, then all. */
    static final List<Step> DEFAULT_STEPS = List.of(new Step(10, 300), new Step(25, 300), new Step(50, 600));
    static final Analysis DEFAULT_ANALYSIS = new Analysis(60, 1);

    public enum Strategy { ROLLING, CANARY, BLUE_GREEN }

    /**
     * @param weight       percent of requests (ALB) or of pods (without an ingress) the new version gets, 1-100
     * @param pauseSeconds how long the step holds, with the analysis running, before the next one
     */
    public record Step(int weight, int pauseSeconds) {}

    /**
     * @param intervalSeconds how often each query is measured; also its rate window
     * @param failureLimit    failed measurements tolerated per query; one more aborts and rolls back
     */
    public record Analysis(int intervalSeconds, int failureLimit) {}

    public DeliverySettings {
        steps = List.copyOf(steps);
    }

    /** Whether Argo Rollouts releases the agent (a Rollout referencing the Deployment) rather than the Deployment. */
    public boolean progressive() {
        return strategy != Strategy.ROLLING;
    }

    /**
     * Reads {@code agent.delivery}. Only platform stacks run the controller; production releases only with analysis.
     */
    static DeliverySettings read(Settings s, EnvironmentKind kind) {
        Strategy strategy = s.enumeration("strategy", Strategy.class, Strategy.ROLLING);
        String choices = Settings.enumChoices(Strategy.class);
        if (strategy != Strategy.ROLLING && !kind.buildsAwsPlatform()) {
            s.problem("strategy", "'" + Settings.configSpelling(strategy) + "'", "must be rolling on a "
                    + kind.configName() + " stack: the progressive delivery controller (Argo Rollouts) runs on platform "
                    + "stacks (dev, staging, production) only");
        }
        List<Step> steps = readSteps(s, strategy);
        Optional<Analysis> analysis = readAnalysis(s, strategy);
        if (kind == EnvironmentKind.PRODUCTION && analysis.isEmpty()) {
            s.problem(strategy == Strategy.ROLLING ? "strategy" : "analysis.enabled",
                    strategy == Strategy.ROLLING ? "'rolling'" : "false",
                    "production releases the agent only with automated analysis: strategy one of "
                            + choices.replace("rolling, ", "") + " with analysis enabled");
        }
        s.rejectUnknownKeys();
        return new DeliverySettings(strategy, steps, analysis);
    }

    private static List<Step> readSteps(Settings s, Strategy strategy) {
        if (strategy != Strategy.CANARY) {
            if (s.has("steps")) {
                s.problem("steps", "(set)", "only applies with strategy canary (was "
                        + Settings.configSpelling(strategy) + ")");
            }
            return List.of();
        }
        if (!s.has("steps")) {
            return DEFAULT_STEPS;
        }
        List<Step> steps = s.objectList("steps", step -> {
            if (!step.has("weight")) {
                step.problem("weight", "<missing>", "is required: the percent of traffic of this step, 1-100");
            }
            return new Step(step.integer("weight", 1, 1, 100), step.integer("pauseSeconds", 300, 1, 86400));
        });
        if (steps.isEmpty()) {
            s.problem("steps", "[]", "needs at least one step (weight and pauseSeconds), e.g. [{weight: 10, pauseSeconds: 300}]");
        }
        List<Integer> weights = new ArrayList<>();
        steps.forEach(step -> weights.add(step.weight()));
        for (int i = 1; i < weights.size(); i++) {
            if (weights.get(i) <= weights.get(i - 1)) {
                s.problem("steps[" + i + "].weight", String.valueOf(weights.get(i)), "weights must increase from step to "
                        + "step (1-100); the steps' weights are " + weights);
            }
        }
        return steps;
    }

    private static Optional<Analysis> readAnalysis(Settings s, Strategy strategy) {
        if (strategy == Strategy.ROLLING) {
            if (s.has("analysis")) {
                s.problem("analysis", "(set)", "only applies with strategy canary or blueGreen (was rolling)");
            }
            return Optional.empty();
        }
        Settings a = s.object("analysis");
        boolean enabled = a.bool("enabled", true);
        // A rate over fewer than two 30 s scrapes has no value: the interval is also the queries' window.
        int interval = a.integer("intervalSeconds", DEFAULT_ANALYSIS.intervalSeconds(), 60, 3600);
        int failureLimit = a.integer("failureLimit", DEFAULT_ANALYSIS.failureLimit(), 0, 10);
        a.rejectUnknownKeys();
        return enabled ? Optional.of(new Analysis(interval, failureLimit)) : Optional.empty();
    }
}
