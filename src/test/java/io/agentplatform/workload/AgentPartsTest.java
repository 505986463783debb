package io.agentplatform.workload;

import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.incluster.InClusterData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Network policies, ingress and autoscaling of the agent, from inline inputs (WHEN) to their specs (THEN). */
class AgentPartsTest {
    private static final AgentLabels LABELS = AgentLabels.of("agent", Inline.IMAGE);
    private static final List<String> PUBLIC_SUBNETS = List.of("10.20.100.0/24", "10.20.101.0/24");

    private static Map<String, NetworkPolicySpecArgs> policies(AgentSettings settings, DataConnections data) {
        return AgentNetworkPolicies.specs(settings, data, PUBLIC_SUBNETS, Inline.VPC, LABELS);
    }

    @Test
    void theOfflineAgentOnInClusterDataGetsDenyPrometheusDnsAndDataOnly() {
        assertEquals(List.of("default-deny", "allow-prometheus", "allow-dns", "allow-data"),
                List.copyOf(policies(Inline.offline(), Inline.inClusterData()).keySet()));
    }

    @Test
    void anIngressIamLoginAndAModelEndpointEachOpenTheirOwnFlow() {
        Map<String, NetworkPolicySpecArgs> specs = policies(
                Inline.settings(Optional.of(Inline.alb()), Optional.of("https://api.example.com/v1")), Inline.iamData());
        assertEquals(List.of("default-deny", "allow-prometheus", "allow-load-balancer", "allow-dns", "allow-aws-sts",
                "allow-data", "allow-model-endpoint"), List.copyOf(specs.keySet()));
        List<String> lbSources = Values.of(Values.of(specs.get("allow-load-balancer").ingress()).get(0).from()).stream()
                .map(p -> Values.of(Values.of(p.ipBlock()).cidr())).toList();
        assertEquals(PUBLIC_SUBNETS, lbSources);
        var model = Values.of(Values.of(Values.of(specs.get("allow-model-endpoint").egress()).get(0).to()).get(0).ipBlock());
        assertEquals("0.0.0.0/0", Values.of(model.cidr()));
        assertEquals(List.of(Inline.VPC), Values.of(model.except()));
    }

    @Test
    void theDefaultDenySelectsEveryPodBothWays() {
        NetworkPolicySpecArgs deny = policies(Inline.offline(), Inline.inClusterData()).get("default-deny");
        assertTrue(Values.of(deny.podSelector()).matchLabels().isEmpty());
        assertEquals(List.of("Ingress", "Egress"), Values.of(deny.policyTypes()));
    }

    @Test
    void dataWithoutCidrsMeansTheInClusterDataPods() {
        List<NetworkPolicyPeerArgs> peers = AgentNetworkPolicies.dataPeers(List.of());
        assertEquals(InClusterData.POD_LABELS, Values.of(Values.of(peers.get(0).podSelector()).matchLabels()));
        assertEquals("10.20.8.0/24", Values.of(Values.of(AgentNetworkPolicies.dataPeers(List.of("10.20.8.0/24"))
                .get(0).ipBlock()).cidr()));
    }

    @Test
    void anAlbIngressTerminatesTlsWithTheCertificateAndChecksHealthOnTheManagementPort() {
        Map<String, String> a = AgentIngress.annotations(Inline.alb());
        assertEquals("arn:aws:acm:eu-west-1:123456789012:certificate/abc", a.get("alb.ingress.kubernetes.io/certificate-arn"));
        assertEquals(String.valueOf(AgentWorkload.MANAGEMENT_PORT), a.get("alb.ingress.kubernetes.io/healthcheck-port"));
        assertEquals("/health/ready", a.get("alb.ingress.kubernetes.io/healthcheck-path"));
        assertEquals("ip", a.get("alb.ingress.kubernetes.io/target-type"));
        var spec = AgentIngress.spec(Inline.alb());
        assertEquals("alb", Values.of(spec.ingressClassName()));
        assertEquals(List.of("agent.example.com"), Values.of(Values.of(spec.tls()).get(0).hosts()));
    }

    @Test
    void anotherIngressClassGetsNoAlbAnnotationsAndItsTlsSecret() {
        AgentSettings.Ingress nginx = new AgentSettings.Ingress("agent.local", "nginx", Optional.empty(), Optional.of("agent-tls"));
        assertTrue(AgentIngress.annotations(nginx).isEmpty());
        assertEquals("agent-tls", Values.of(Values.of(AgentIngress.spec(nginx).tls()).get(0).secretName()));
    }

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
