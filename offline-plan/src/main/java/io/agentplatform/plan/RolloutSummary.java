package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The plan summary's delivery section: each Argo Rollout with its strategy, traffic routing and steps, and the
 * queries and success conditions of the AnalysisTemplates it runs; one line when the plan has no Rollout.
 */
final class RolloutSummary {
    static final String ROLLOUT = "kubernetes:argoproj.io/v1alpha1:Rollout";
    static final String ANALYSIS_TEMPLATE = "kubernetes:argoproj.io/v1alpha1:AnalysisTemplate";

    private RolloutSummary() {}

    static String render(Plan plan) {
        List<PlannedResource> rollouts = plan.ofType(ROLLOUT);
        if (rollouts.isEmpty()) {
            return "\nDelivery: rolling updates of the Deployments (no Rollout)\n";
        }
        StringBuilder out = new StringBuilder("\nDelivery:\n");
        for (PlannedResource r : rollouts) {
            String ns = r.input("metadata.namespace").asText();
            JsonNode strategy = r.input("spec.strategy");
            out.append("  ").append(ns).append('/').append(r.input("metadata.name").asText()).append(" (Rollout of ")
                    .append(r.input("spec.workloadRef.kind").asText()).append(' ')
                    .append(r.input("spec.workloadRef.name").asText()).append("): ");
            JsonNode analysis;
            if (strategy.has("canary")) {
                JsonNode canary = strategy.path("canary");
                JsonNode alb = canary.path("trafficRouting").path("alb");
                out.append("canary, ").append(alb.isMissingNode() ? "weights by replicas"
                        : "ALB weighted target groups (Ingress " + alb.path("ingress").asText() + ")").append(": ");
                List<String> steps = new ArrayList<>();
                canary.path("steps").forEach(step -> {
                    if (step.has("setWeight")) {
                        steps.add(step.path("setWeight").asInt() + "%");
                    } else if (step.has("pause")) {
                        steps.add("pause " + step.path("pause").path("duration").asText("until promoted"));
                    }
                });
                steps.add("100%");
                out.append(String.join(" → ", steps)).append('\n');
                analysis = canary.path("analysis");
            } else {
                JsonNode blueGreen = strategy.path("blueGreen");
                out.append("blue-green, active Service ").append(blueGreen.path("activeService").asText())
                        .append(", preview Service ").append(blueGreen.path("previewService").asText()).append('\n');
                analysis = blueGreen.path("postPromotionAnalysis");
            }
            if (analysis.isMissingNode()) {
                out.append("    no analysis\n");
            }
            analysis.path("templates").forEach(t -> templates(plan, ns, t.path("templateName").asText(), out));
        }
        return out.toString();
    }

    private static void templates(Plan plan, String ns, String name, StringBuilder out) {
        for (PlannedResource t : plan.ofType(ANALYSIS_TEMPLATE)) {
            if (!ns.equals(t.input("metadata.namespace").asText()) || !name.equals(t.input("metadata.name").asText())) {
                continue;
            }
            out.append("    analysis ").append(name).append(":\n");
            t.input("spec.metrics").forEach(m -> out.append("      ").append(m.path("name").asText())
                    .append(" every ").append(m.path("interval").asText()).append(", failureLimit ")
                    .append(m.path("failureLimit").asInt()).append(", success: ").append(m.path("successCondition").asText())
                    .append("\n        ").append(m.path("provider").path("prometheus").path("query").asText()).append('\n'));
        }
    }
}
