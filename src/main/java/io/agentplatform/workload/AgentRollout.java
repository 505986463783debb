package io.agentplatform.workload;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.Resource;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.config.DeliverySettings;
import io.agentplatform.core.Labels;
import io.agentplatform.delivery.crd.AnalysisTemplate;
import io.agentplatform.delivery.crd.Rollout;
import io.agentplatform.monitoring.AgentSlo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentplatform.workload.AgentWorkload.APP;
import static io.agentplatform.workload.AgentWorkload.HTTP_PORT;
import static io.agentplatform.workload.AgentWorkload.HTTP_PORT_NAME;

/**
 * The agent released by Argo Rollouts ({@code agent.delivery} canary or blueGreen): a Rollout that references the
 * agent's Deployment ({@code workloadRef}, so the Deployment stays the one pod template; the Rollout scales it down
 * progressively as its own pods become available), the stable and canary Services it points at each version (the agent Service's spec; the controller adds the version's hash to their selectors), and
 * the AnalysisTemplate ({@link AgentAnalysis}) it runs. With an {@code alb} ingress the canary's weight is the
 * share of requests (the ALB's weighted target groups, written by the controller into the Ingress' actions
 * annotation for {@link #ROOT_SERVICE}); without one, the share of pods. Blue-green switches the stable Service at
 * once and analyses after the switch. The specs are pure functions.
 */
final class AgentRollout {
    static final String STABLE_SERVICE = APP + "-stable";
    static final String CANARY_SERVICE = APP + "-canary";
    /** The Service the Ingress names with a canary behind an ALB; the controller's action is keyed by it. */
    static final String ROOT_SERVICE = APP;
    static final String ANALYSIS_TEMPLATE = APP + "-slo";
    /** The Ingress backend port that tells the AWS Load Balancer Controller to read the actions annotation. */
    static final String USE_ANNOTATION = "use-annotation";
    static final String API_VERSION = "argoproj.io/v1alpha1";

    private AgentRollout() {}

    /** Registers the Rollout and its objects for a progressive strategy; empty with {@code rolling}. */
    static Optional<Resource> create(AgentWorkload.Scope scope, AgentWorkloadArgs args, AgentLabels labels,
                                     Deployment deployment, List<Resource> inNamespace) {
        AgentSettings s = args.settings();
        DeliverySettings delivery = s.delivery();
        if (!delivery.progressive()) {
            return Optional.empty();
        }
        DeliveryController controller = args.delivery().orElseThrow();
        String ns = args.namespace();
        List<Resource> after = new ArrayList<>(inNamespace);
        after.add(controller.crdsReady());
        after.add(deployment);
        for (String name : List.of(STABLE_SERVICE, CANARY_SERVICE)) {
            after.add(new Service(scope.name("service-" + name.substring(APP.length() + 1)), ServiceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(name).namespace(ns).labels(serviceLabels(labels, name)).build())
                    .spec(AgentWorkload.serviceSpec(labels))
                    .build(), scope.options().dependsOn(inNamespace).build()));
        }
        delivery.analysis().ifPresent(analysis -> after.add(new AnalysisTemplate(scope.name("analysis-template"),
                ObjectMetaArgs.builder().name(ANALYSIS_TEMPLATE).namespace(ns).labels(labels.pod()).build(),
                Output.of(AgentAnalysis.spec(ns, analysis, AgentSlo.DEFAULT, controller.prometheusUrl())),
                scope.options().dependsOn(List.of(controller.crdsReady(), inNamespace.get(0))).build())));
        return Optional.of(new Rollout(scope.name("rollout"),
                ObjectMetaArgs.builder().name(APP).namespace(ns).labels(labels.pod()).build(),
                Output.of(spec(s, labels)),
                scope.options().dependsOn(after)
                        // The HPA owns the replica count once the Rollout exists, as it did the Deployment's.
                        .ignoreChanges(List.of("spec.replicas"))
                        .build()));
    }

    /** What the HPA scales: the Rollout when one releases the agent, else the Deployment. */
    static CrossVersionObjectReferenceArgs scaleTarget(DeliverySettings delivery) {
        return delivery.progressive()
                ? CrossVersionObjectReferenceArgs.builder().apiVersion(API_VERSION).kind(Rollout.KIND).name(APP).build()
                : CrossVersionObjectReferenceArgs.builder().apiVersion("apps/v1").kind("Deployment").name(APP).build();
    }

    /** The Ingress backend: the actions annotation for a canary behind an ALB, the active Service for blue-green. */
    static Map.Entry<String, String> ingressBackend(AgentSettings s) {
        DeliverySettings.Strategy strategy = s.delivery().strategy();
        if (strategy == DeliverySettings.Strategy.CANARY && albRouting(s)) {
            return Map.entry(ROOT_SERVICE, USE_ANNOTATION);
        }
        if (strategy == DeliverySettings.Strategy.BLUE_GREEN) {
            return Map.entry(STABLE_SERVICE, HTTP_PORT_NAME);
        }
        return Map.entry(APP, HTTP_PORT_NAME);
    }

    static boolean albRouting(AgentSettings s) {
        return s.ingress().map(i -> "alb".equals(i.className())).orElse(false);
    }

    static Map<String, Object> spec(AgentSettings s, AgentLabels labels) {
        Map<String, Object> workloadRef = new LinkedHashMap<>();
        workloadRef.put("apiVersion", "apps/v1");
        workloadRef.put("kind", "Deployment");
        workloadRef.put("name", APP);
        workloadRef.put("scaleDown", "progressively");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", s.replicas());
        spec.put("revisionHistoryLimit", 5);
        spec.put("selector", Map.of("matchLabels", labels.selector()));
        spec.put("workloadRef", workloadRef);
        spec.put("strategy", s.delivery().strategy() == DeliverySettings.Strategy.CANARY
                ? Map.of("canary", canary(s)) : Map.of("blueGreen", blueGreen(s)));
        return spec;
    }

    private static Map<String, Object> canary(AgentSettings s) {
        Map<String, Object> canary = new LinkedHashMap<>();
        canary.put("canaryService", CANARY_SERVICE);
        canary.put("stableService", STABLE_SERVICE);
        canary.put("maxSurge", 1);
        canary.put("maxUnavailable", 0);
        if (albRouting(s)) {
            canary.put("trafficRouting", Map.of("alb", Map.of(
                    "ingress", APP, "rootService", ROOT_SERVICE, "servicePort", HTTP_PORT)));
        }
        s.delivery().analysis().ifPresent(a -> canary.put("analysis", analysisRef()));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (DeliverySettings.Step step : s.delivery().steps()) {
            steps.add(Map.of("setWeight", step.weight()));
            steps.add(Map.of("pause", Map.of("duration", step.pauseSeconds() + "s")));
        }
        canary.put("steps", steps);
        return canary;
    }

    private static Map<String, Object> blueGreen(AgentSettings s) {
        Map<String, Object> blueGreen = new LinkedHashMap<>();
        blueGreen.put("activeService", STABLE_SERVICE);
        blueGreen.put("previewService", CANARY_SERVICE);
        blueGreen.put("autoPromotionEnabled", true);
        // The previous version stays up while the analysis runs after the switch, so an abort switches back at once.
        blueGreen.put("scaleDownDelaySeconds", 600);
        s.delivery().analysis().ifPresent(a -> blueGreen.put("postPromotionAnalysis", analysisRef()));
        return blueGreen;
    }

    /** The template, with the new version's pod-template hash as its argument. */
    private static Map<String, Object> analysisRef() {
        return Map.of(
                "templates", List.of(Map.of("templateName", ANALYSIS_TEMPLATE)),
                "args", List.of(Map.of("name", AgentAnalysis.HASH_ARG,
                        "valueFrom", Map.of("podTemplateHashValue", "Latest"))));
    }

    /**
     * Another {@code instance} than the agent's Service, so the ServiceMonitor (which selects that one) does not
     * scrape each pod a second and third time through these.
     */
    static Map<String, String> serviceLabels(AgentLabels labels, String service) {
        Map<String, String> m = new LinkedHashMap<>(labels.pod());
        m.put(Labels.INSTANCE, service);
        return m;
    }
}
