package io.agentplatform.workload;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's inputs are named: three are required, the rest default to what a stack without them needs. */
class AgentWorkloadArgsTest {

    @Test
    void whenOnlySettingsNamespaceAndDataAreGiven_thenEveryOtherInputIsAbsentOrEmpty() {
        AgentWorkloadArgs args = AgentWorkloadArgs.builder().settings(Inline.offline()).namespace("agent")
                .data(Inline.inClusterData()).build();
        assertEquals("agent", args.namespace());
        assertTrue(args.llmApiKey().isEmpty() && args.irsa().isEmpty() && args.vpcCidr().isEmpty()
                && args.monitoringCrdsReady().isEmpty() && args.externalSecretsReady().isEmpty());
        assertTrue(args.ingressSourceCidrs().isEmpty() && args.nodeSelector().isEmpty() && args.clusterReady().isEmpty()
                && args.namespaceLabels().isEmpty());
    }

    @Test
    void whenARequiredInputIsLeftOut_thenBuildNamesIt() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> AgentWorkloadArgs.builder()
                .settings(Inline.offline()).namespace("agent").build());
        assertEquals("data", e.getMessage());
    }

    @Test
    void whenTheDataNeedAwsIdentity_thenTheBuilderStillRefusesArgsWithoutIt() {
        // RDS: owner secret in Secrets Manager and IAM login both need the IRSA issuer, which is not given
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentWorkloadArgs.builder()
                .settings(Inline.offline()).namespace("agent").data(Inline.iamData()).build());
        assertTrue(e.getMessage().contains("IRSA issuer"), e.getMessage());
    }

    @Test
    void whenAnIngressIsConfiguredWithoutWhereItsTrafficComesFrom_thenTheArgsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentWorkloadArgs.builder()
                .settings(Inline.settings(Optional.of(Inline.alb()), Optional.empty())).namespace("agent")
                .data(Inline.inClusterData()).build());
        assertTrue(e.getMessage().contains("CIDR blocks its load balancer sends from"), e.getMessage());
    }
}
