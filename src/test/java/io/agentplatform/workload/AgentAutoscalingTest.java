package io.agentplatform.workload;

import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The agent's HPA and PDB, from inline settings (WHEN) to their specs (THEN). */
class AgentAutoscalingTest {
    private static final AgentLabels LABELS = AgentLabels.of("agent", Inline.IMAGE);

    @Test
    void theAutoscalerScalesTheDeploymentBetweenTheBoundsOnCpuAndMemory() {
        HorizontalPodAutoscalerSpecArgs hpa = AgentAutoscaling.hpaSpec(Inline.offline());
        assertEquals(2, Values.of(hpa.minReplicas()));
        assertEquals(6, Values.of(hpa.maxReplicas()));
        assertEquals(AgentWorkload.APP, Values.of(Values.of(hpa.scaleTargetRef()).name()));
        assertEquals(List.of(70, 80), Values.of(hpa.metrics()).stream()
                .map(m -> Values.of(Values.of(Values.of(m.resource()).target()).averageUtilization())).toList());
        var behavior = Values.of(hpa.behavior());
        assertEquals(300, Values.of(Values.of(behavior.scaleDown()).stabilizationWindowSeconds()));
        assertEquals(0, Values.of(Values.of(behavior.scaleUp()).stabilizationWindowSeconds()));
    }

    @Test
    void theDisruptionBudgetLetsOnePodGoAtATime() {
        var pdb = AgentAutoscaling.pdbSpec(LABELS);
        assertEquals(1, Values.of(pdb.maxUnavailable()).left());
        assertEquals(LABELS.selector(), Values.of(Values.of(pdb.selector()).matchLabels()));
    }
}
