package io.agentplatform.monitoring;

import java.util.Locale;

/**
 * The agent's service level objective and the PromQL of its two signals, the one source for the alert rules
 * ({@link AgentAlerts}) and the canary analysis ({@code workload.AgentAnalysis}): a threshold changed here changes
 * both. Errors are responses with a 5xx status of {@code http_server_requests_seconds}; latency is its p99.
 *
 * @param availabilityTarget share of requests that must not fail over 30 days, e.g. {@code 0.995}
 * @param p99LatencySeconds  p99 latency above which the latency alert fires and a canary fails
 */
public record AgentSlo(double availabilityTarget, double p99LatencySeconds) {
    /** 99.5 % availability, p99 under 2 s. */
    public static final AgentSlo DEFAULT = new AgentSlo(0.995, 2.0);

    /** Burn rates of the SRE workbook's multi-window alerts for a 30-day SLO (see {@link AgentAlerts}). */
    public static final double FAST_BURN_1H = 14.4;
    public static final double FAST_BURN_6H = 6;
    public static final double SLOW_BURN_1D = 3;
    public static final double SLOW_BURN_3D = 1;
    /**
     * The burn rate a canary may not exceed: the slowest alert's (1x over 3 days). A version whose error ratio is
     * above the budget itself would, given all traffic, raise {@code AgentErrorBudgetBurnSlow}.
     */
    public static final double CANARY_BURN = SLOW_BURN_3D;

    /** The label Argo Rollouts puts on a version's pods, copied onto every scraped series (stable vs canary). */
    public static final String VERSION_LABEL = "rollouts_pod_template_hash";

    public AgentSlo {
        if (!(availabilityTarget > 0 && availabilityTarget < 1)) {
            throw new IllegalArgumentException("availabilityTarget must be between 0 and 1, was " + availabilityTarget);
        }
        if (!(p99LatencySeconds > 0)) {
            throw new IllegalArgumentException("p99LatencySeconds must be positive, was " + p99LatencySeconds);
        }
    }

    /** The share of requests that may fail: {@code 1 - availabilityTarget}. */
    public double errorBudget() {
        return 1 - availabilityTarget;
    }

    /** The highest 5xx ratio a canary may show: {@link #CANARY_BURN} times the budget. */
    public double canaryMaxErrorRatio() {
        return CANARY_BURN * errorBudget();
    }

    /** 5xx ratio over {@code window}, per version ({@link #VERSION_LABEL}) of the selected series. */
    public static String errorRatio(String selector, String window) {
        return "(sum by (" + VERSION_LABEL + ") (rate(http_server_requests_seconds_count{" + selector
                + ", status=~\"5..\"}[" + window + "]))"
                + " / sum by (" + VERSION_LABEL + ") (rate(http_server_requests_seconds_count{" + selector + "}["
                + window + "])))";
    }

    /** p99 latency in seconds over {@code window}, per version ({@link #VERSION_LABEL}) of the selected series. */
    public static String p99Latency(String selector, String window) {
        return "histogram_quantile(0.99, sum by (le, " + VERSION_LABEL + ") (rate(http_server_requests_seconds_bucket{"
                + selector + "}[" + window + "])))";
    }

    /** A number as PromQL and expr write it: no exponent, no trailing zeros. */
    public static String number(double d) {
        String s = String.format(Locale.ROOT, "%.6f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
