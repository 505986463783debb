package io.agentplatform.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's alerting rules (the {@code spec} of its PrometheusRule).
 *
 * <p>Availability follows the multi-window, multi-burn-rate pattern of the Google SRE workbook for a 30-day SLO:
 * a fast burn (14.4x over 1h confirmed over 5m, or 6x over 6h confirmed over 30m: 2% and 5% of the budget) pages;
 * a slow burn (3x over 1d / 2h, or 1x over 3d / 6h: 10% of the budget) is a warning. Errors are responses with a
 * 5xx status.
 */
final class AgentAlerts {
    private AgentAlerts() {}

    /**
     * The PrometheusRule spec. Long because it is one table of alerts (name, severity, expression,
     * summary, description), read top to bottom like the rule file it becomes; splitting it would scatter the table.
     */
    static Map<String, Object> spec(AgentObservabilityArgs a) {
        String sel = "job=\"" + a.job() + "\", namespace=\"" + a.namespace() + "\"";
        String ns = "namespace=\"" + a.namespace() + "\"";
        double budget = 1 - a.availabilityTarget();
        String slo = String.format(Locale.ROOT, "%.3f%%", a.availabilityTarget() * 100);

        List<Map<String, Object>> slos = List.of(
                alert(a, "AgentErrorBudgetBurnFast", "critical", "2m",
                        burn(sel, "1h", "5m", 14.4, budget) + "\nor\n" + burn(sel, "6h", "30m", 6, budget),
                        "The agent is burning its error budget fast",
                        "More than " + pct(14.4 * budget) + " (1h) or " + pct(6 * budget) + " (6h) of agent requests fail "
                                + "with 5xx; at this rate the " + slo + " 30-day availability budget is gone within 2 days."),
                alert(a, "AgentErrorBudgetBurnSlow", "warning", "15m",
                        burn(sel, "1d", "2h", 3, budget) + "\nor\n" + burn(sel, "3d", "6h", 1, budget),
                        "The agent is burning its error budget",
                        "More than " + pct(3 * budget) + " (1d) or " + pct(budget) + " (3d) of agent requests fail with "
                                + "5xx; the " + slo + " 30-day availability budget will not last the month."),
                alert(a, "AgentLatencyP99High", "warning", "10m",
                        "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{" + sel
                                + "}[5m]))) > " + a.p99LatencySeconds(),
                        "Agent p99 latency is above " + a.p99LatencySeconds() + "s",
                        "The 99th percentile of agent request latency has been above " + a.p99LatencySeconds()
                                + "s for 10 minutes (currently {{ $value | humanizeDuration }})."));

        List<Map<String, Object>> pods = List.of(
                alert(a, "AgentTargetDown", "warning", "5m",
                        "up{" + sel + "} == 0",
                        "Prometheus cannot scrape an agent pod",
                        "{{ $labels.pod }} in {{ $labels.namespace }} has not answered on /metrics for 5 minutes."),
                alert(a, "AgentAllTargetsDown", "critical", "5m",
                        "absent(up{" + sel + "} == 1)",
                        "No agent pod can be scraped",
                        "No agent pod in " + a.namespace() + " has answered on /metrics for 5 minutes: the service is "
                                + "down or not running at all."),
                alert(a, "AgentPodCrashLooping", "warning", "5m",
                        "increase(kube_pod_container_status_restarts_total{" + ns + "}[15m]) > 2",
                        "An agent container keeps restarting",
                        "{{ $labels.pod }}/{{ $labels.container }} restarted {{ $value | humanize }} times in 15 minutes."),
                alert(a, "AgentPodNotReady", "warning", "10m",
                        "sum by (namespace, pod) (kube_pod_status_ready{" + ns + ", condition=\"false\"}) > 0",
                        "An agent pod is not ready",
                        "{{ $labels.pod }} has not been ready for 10 minutes and receives no traffic."),
                alert(a, "AgentMemoryNearLimit", "warning", "10m",
                        "max by (namespace, pod, container) (container_memory_working_set_bytes{" + ns
                                + ", container!=\"\", container!=\"POD\"})\n/\nmax by (namespace, pod, container) "
                                + "(kube_pod_container_resource_limits{" + ns + ", resource=\"memory\"}) > 0.9",
                        "An agent container is close to its memory limit",
                        "{{ $labels.pod }}/{{ $labels.container }} uses {{ $value | humanizePercentage }} of its memory "
                                + "limit; it will be OOM-killed when it reaches it."),
                alert(a, "AgentCpuThrottled", "warning", "15m",
                        "sum by (namespace, pod, container) (increase(container_cpu_cfs_throttled_periods_total{" + ns
                                + ", container!=\"\"}[5m]))\n/\nsum by (namespace, pod, container) "
                                + "(increase(container_cpu_cfs_periods_total{" + ns + ", container!=\"\"}[5m])) > 0.25",
                        "An agent container is CPU-throttled",
                        "{{ $labels.pod }}/{{ $labels.container }} was throttled in {{ $value | humanizePercentage }} of "
                                + "its CPU periods over 5 minutes: latency suffers; raise the CPU limit or scale out."));

        return Map.of("groups", List.of(
                Map.of("name", "agent-slo", "rules", slos),
                Map.of("name", "agent-pods", "rules", pods)));
    }

    /** Error ratio over a long and a short window, both above {@code factor} times the budget. */
    private static String burn(String sel, String longWindow, String shortWindow, double factor, double budget) {
        String threshold = String.format(Locale.ROOT, "(%s * %s)", trim(factor), trim(budget));
        return "(" + errorRatio(sel, longWindow) + " > " + threshold + "\nand\n" + errorRatio(sel, shortWindow) + " > "
                + threshold + ")";
    }

    private static String errorRatio(String sel, String window) {
        return "(sum(rate(http_server_requests_seconds_count{" + sel + ", status=~\"5..\"}[" + window + "]))"
                + " / sum(rate(http_server_requests_seconds_count{" + sel + "}[" + window + "])))";
    }

    private static Map<String, Object> alert(AgentObservabilityArgs a, String name, String severity, String forDuration,
                                             String expr, String summary, String description) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", name);
        rule.put("expr", expr);
        rule.put("for", forDuration);
        rule.put("labels", Map.of("severity", severity, "service", a.job()));
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        annotations.put("runbook_url", a.runbookBaseUrl() + "#" + name.toLowerCase(Locale.ROOT));
        rule.put("annotations", annotations);
        return rule;
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    private static String trim(double d) {
        String s = String.format(Locale.ROOT, "%.6f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static List<String> alertNames(Map<String, Object> spec) {
        List<String> names = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) spec.get("groups");
        for (Map<String, Object> g : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) g.get("rules");
            rules.forEach(r -> names.add((String) r.get("alert")));
        }
        return names;
    }
}
