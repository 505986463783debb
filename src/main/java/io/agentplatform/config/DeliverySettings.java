package io.agentplatform.config;

import java.util.List;
import java.util.Optional;

/**
 * How a new agent version reaches the pods ({@code agent.delivery}; declared and read in {@link DeliverySection}).
 * Defaults: {@code rolling}; with {@code canary} the steps 10 % (5 min), 25 % (5 min), 50 % (10 min); analysis on,
 * every 60 s, one failed measurement tolerated.
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
}
