package io.agentplatform.workload;

import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingPolicyArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.Resource;
import io.agentplatform.config.AgentSettings;

import java.util.List;

/**
 * How many agent pods run and how many may go at once: the HorizontalPodAutoscaler (CPU and memory utilisation,
 * quick up, slow down) and the PodDisruptionBudget (one pod at a time). The specs are pure functions.
 */
final class AgentAutoscaling {
    private AgentAutoscaling() {}

    /** @param scaled what the HPA scales ({@link AgentRollout#scaleTarget}): the Deployment or the Rollout */
    static void create(AgentWorkload.Scope scope, AgentSettings s, String ns, AgentLabels labels, Resource scaled,
                       List<Resource> inNamespace) {
        new HorizontalPodAutoscaler(scope.name("hpa"), HorizontalPodAutoscalerArgs.builder()
                .metadata(AgentWorkload.meta(AgentWorkload.APP, ns, labels))
                .spec(hpaSpec(s))
                .build(), scope.options().dependsOn(scaled).build());
        new PodDisruptionBudget(scope.name("pdb"), PodDisruptionBudgetArgs.builder()
                .metadata(AgentWorkload.meta(AgentWorkload.APP, ns, labels))
                .spec(pdbSpec(labels))
                .build(), scope.options().dependsOn(inNamespace).build());
    }

    static HorizontalPodAutoscalerSpecArgs hpaSpec(AgentSettings s) {
        return HorizontalPodAutoscalerSpecArgs.builder()
                .scaleTargetRef(AgentRollout.scaleTarget(s.delivery()))
                .minReplicas(s.minReplicas())
                .maxReplicas(s.maxReplicas())
                .metrics(utilisation("cpu", s.targetCpuPercent()), utilisation("memory", s.targetMemoryPercent()))
                .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                        // Up at once: double (or +2 pods) per minute, no stabilisation.
                        .scaleUp(HPAScalingRulesArgs.builder()
                                .stabilizationWindowSeconds(0)
                                .selectPolicy("Max")
                                .policies(HPAScalingPolicyArgs.builder().type("Percent").value(100).periodSeconds(60).build(),
                                        HPAScalingPolicyArgs.builder().type("Pods").value(2).periodSeconds(60).build())
                                .build())
                        // Down slowly: after the environment's stabilisation window, at most half per minute.
                        .scaleDown(HPAScalingRulesArgs.builder()
                                .stabilizationWindowSeconds(s.scaleDownStabilizationSeconds())
                                .selectPolicy("Min")
                                .policies(HPAScalingPolicyArgs.builder().type("Percent").value(50).periodSeconds(60).build())
                                .build())
                        .build())
                .build();
    }

    /** One pod at a time, whatever the replica count: drains proceed, capacity stays. */
    static PodDisruptionBudgetSpecArgs pdbSpec(AgentLabels labels) {
        return PodDisruptionBudgetSpecArgs.builder()
                .maxUnavailable(1)
                .selector(LabelSelectorArgs.builder().matchLabels(labels.selector()).build())
                .build();
    }

    private static MetricSpecArgs utilisation(String resource, int percent) {
        return MetricSpecArgs.builder()
                .type("Resource")
                .resource(ResourceMetricSourceArgs.builder()
                        .name(resource)
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(percent).build())
                        .build())
                .build();
    }
}
