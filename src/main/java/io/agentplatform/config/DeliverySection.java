package io.agentplatform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.agentplatform.config.Default.of;

/** The declarations of {@code agent.delivery} ({@link DeliverySettings}) and how they are read. */
final class DeliverySection {
    static final Setting<DeliverySettings.Strategy> STRATEGY = Setting.choice("strategy",
            DeliverySettings.Strategy.class, of(DeliverySettings.Strategy.ROLLING), "how a new version reaches the "
                    + "pods: the Deployment's own rolling update, or an Argo Rollouts canary or blue-green release")
            .rule("canary or blueGreen only on dev, staging, production; production refuses `rolling` (it must not "
                    + "release without analysis)");

    static final Setting<Integer> WEIGHT = Setting.integer("weight", 1, 100, Default.required("the percent of traffic "
            + "of this step, 1-100", 1), "share of requests with an `alb` ingress (ALB weighted target groups), of "
            + "pods without one").rule("strictly increasing from step to step");
    static final Setting<Integer> PAUSE = Setting.integer("pauseSeconds", 1, 86400, of(300),
            "how long the step holds, with the analysis running, before the next one");
    static final Section STEPS = new Section("agent.delivery.steps", "Canary traffic steps (a list of these; canary "
            + "only), then 100 %", Section.PLATFORM, List.of(WEIGHT, PAUSE))
            .asList(stepsText(DeliverySettings.DEFAULT_STEPS) + " with canary");

    static final Setting<Boolean> ENABLED = Setting.bool("enabled", of(true), "analyse the new version; a failed "
            + "analysis aborts the release and rolls back").rule("production refuses `false`");
    // A rate over fewer than two 30 s scrapes has no value: the interval is also the queries' window.
    static final Setting<Integer> INTERVAL = Setting.integer("intervalSeconds", 60, 3600,
            of(DeliverySettings.DEFAULT_ANALYSIS.intervalSeconds()), "how often each query is measured, and its rate "
                    + "window");
    static final Setting<Integer> FAILURE_LIMIT = Setting.integer("failureLimit", 0, 10,
            of(DeliverySettings.DEFAULT_ANALYSIS.failureLimit()), "failed measurements tolerated per query; one more "
                    + "aborts and rolls back");
    static final Section ANALYSIS = new Section("agent.delivery.analysis", "The automated analysis of the new version "
            + "(canary and blueGreen only)", Section.PLATFORM, List.of(ENABLED, INTERVAL, FAILURE_LIMIT));

    static final Section SECTION = new Section("agent.delivery", "How a new image (or any change of the pod template) "
            + "reaches the pods", Section.ALL, List.of(STRATEGY)).absent("`rolling`").withNotes("""
            With `canary` or `blueGreen` an Argo Rollouts `Rollout` releases the pods of the agent's Deployment
            (`workloadRef`; the Deployment stays the pod template) and runs the analysis; the controller runs on
            platform stacks only. Runbook: [runbooks.md](runbooks.md#releases-canary).

            The analysis thresholds are the alert rules' (one source, `monitoring/AgentSlo.java`): the new version's
            5xx ratio of `http_server_requests_seconds` must stay within the error budget (1 − 99.5 %, the burn rate of
            the slowest alert) and its p99 latency within 2 s (the `AgentLatencyP99High` threshold), measured on its
            pods only (`rollouts_pod_template_hash`). An empty result or NaN (no requests reached the new version)
            fails a measurement like a breach. Blue-green analyses after the switch (`postPromotionAnalysis`) and
            keeps the old version 600 s for an instant switch back.""").with(STEPS, ANALYSIS);

    private DeliverySection() {}

    private static String stepsText(List<DeliverySettings.Step> steps) {
        return String.join(", ", steps.stream().map(s -> s.weight() + " % / " + s.pauseSeconds() + " s").toList());
    }

    /** Reads {@code agent.delivery}. Only platform stacks run the controller; production releases only with analysis. */
    static DeliverySettings read(Settings s) {
        DeliverySettings.Strategy strategy = s.read(STRATEGY);
        if (strategy != DeliverySettings.Strategy.ROLLING && !s.kind().buildsAwsPlatform()) {
            s.problem(STRATEGY.name(), "'" + Settings.configSpelling(strategy) + "'", "must be rolling on a "
                    + s.kind().configName() + " stack: the progressive delivery controller (Argo Rollouts) runs on "
                    + "platform stacks (dev, staging, production) only");
        }
        List<DeliverySettings.Step> steps = readSteps(s, strategy);
        Optional<DeliverySettings.Analysis> analysis = readAnalysis(s, strategy);
        if (s.kind() == EnvironmentKind.PRODUCTION && analysis.isEmpty()) {
            boolean rolling = strategy == DeliverySettings.Strategy.ROLLING;
            s.problem(rolling ? STRATEGY.name() : ANALYSIS.name() + "." + ENABLED.name(), rolling ? "'rolling'" : "false",
                    "production releases the agent only with automated analysis: strategy one of "
                            + Settings.enumChoices(DeliverySettings.Strategy.class).replace("rolling, ", "")
                            + " with analysis enabled");
        }
        s.rejectUnknownKeys();
        return new DeliverySettings(strategy, steps, analysis);
    }

    private static List<DeliverySettings.Step> readSteps(Settings s, DeliverySettings.Strategy strategy) {
        if (strategy != DeliverySettings.Strategy.CANARY) {
            if (s.has(STEPS.name())) {
                s.problem(STEPS.name(), "(set)", "only applies with strategy canary (was "
                        + Settings.configSpelling(strategy) + ")");
            }
            return List.of();
        }
        if (!s.has(STEPS.name())) {
            return DeliverySettings.DEFAULT_STEPS;
        }
        List<DeliverySettings.Step> steps = s.objectList(STEPS.name(),
                step -> new DeliverySettings.Step(step.read(WEIGHT), step.read(PAUSE)));
        if (steps.isEmpty()) {
            s.problem(STEPS.name(), "[]", "needs at least one step (weight and pauseSeconds), e.g. "
                    + "[{weight: 10, pauseSeconds: 300}]");
        }
        List<Integer> weights = new ArrayList<>();
        steps.forEach(step -> weights.add(step.weight()));
        for (int i = 1; i < weights.size(); i++) {
            if (weights.get(i) <= weights.get(i - 1)) {
                s.problem(STEPS.name() + "[" + i + "]." + WEIGHT.name(), String.valueOf(weights.get(i)), "weights must "
                        + "increase from step to step (1-100); the steps' weights are " + weights);
            }
        }
        return steps;
    }

    private static Optional<DeliverySettings.Analysis> readAnalysis(Settings s, DeliverySettings.Strategy strategy) {
        if (strategy == DeliverySettings.Strategy.ROLLING) {
            if (s.has(ANALYSIS.name())) {
                s.problem(ANALYSIS.name(), "(set)", "only applies with strategy canary or blueGreen (was rolling)");
            }
            return Optional.empty();
        }
        Settings a = s.object(ANALYSIS.name());
        boolean enabled = a.read(ENABLED);
        DeliverySettings.Analysis analysis = new DeliverySettings.Analysis(a.read(INTERVAL), a.read(FAILURE_LIMIT));
        a.rejectUnknownKeys();
        return enabled ? Optional.of(analysis) : Optional.empty();
    }
}
