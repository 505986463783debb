package io.agentplatform.workload;

import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import io.agentplatform.core.NetworkPeer;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.incluster.InClusterData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent namespace's NetworkPolicies, from inline inputs (WHEN) to their specs (THEN). */
class AgentNetworkPoliciesTest {
    private static final AgentLabels LABELS = AgentLabels.of("agent", Inline.IMAGE);
    private static final List<String> PUBLIC_SUBNETS = List.of("10.20.100.0/24", "10.20.101.0/24");

    private static Map<String, NetworkPolicySpecArgs> policies(AgentSettings settings, DataConnections data) {
        return AgentNetworkPolicies.specs(settings, data, PUBLIC_SUBNETS, Optional.of(Inline.VPC), LABELS);
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
    void aPodPeerBecomesOnePodSelectorWithItsLabels() {
        List<NetworkPolicyPeerArgs> peers = AgentNetworkPolicies.policyPeers(new NetworkPeer.Pods(InClusterData.POD_LABELS));
        assertEquals(1, peers.size());
        assertEquals(InClusterData.POD_LABELS, Values.of(Values.of(peers.get(0).podSelector()).matchLabels()));
        assertTrue(peers.get(0).ipBlock().isEmpty());
    }

    @Test
    void anAddressPeerBecomesOneIpBlockPerRangeWithExceptOnlyWhereSomethingIsExcluded() {
        List<NetworkPolicyPeerArgs> peers = AgentNetworkPolicies.policyPeers(new NetworkPeer.Addresses(List.of(
                new NetworkPeer.IpRange("10.20.8.0/24", List.of()),
                new NetworkPeer.IpRange("0.0.0.0/0", List.of(Inline.VPC)))));
        var whole = Values.of(peers.get(0).ipBlock());
        assertEquals("10.20.8.0/24", Values.of(whole.cidr()));
        assertTrue(whole.except().isEmpty(), "no empty except list");
        assertEquals(List.of(Inline.VPC), Values.of(Values.of(peers.get(1).ipBlock()).except()));
    }

    @Test
    void theModelEndpointOfAStackWithoutAVpcExcludesNothing() {
        Map<String, NetworkPolicySpecArgs> specs = AgentNetworkPolicies.specs(
                Inline.settings(Optional.empty(), Optional.of("https://api.example.com/v1")), Inline.inClusterData(),
                List.of(), Optional.empty(), LABELS);
        var model = Values.of(Values.of(Values.of(specs.get("allow-model-endpoint").egress()).get(0).to()).get(0).ipBlock());
        assertEquals("0.0.0.0/0", Values.of(model.cidr()));
        assertTrue(model.except().isEmpty());
    }

    @Test
    void emptyPeersAreRefusedRatherThanMeaningSomethingElse() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkPeer.Addresses(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NetworkPeer.Pods(Map.of()));
    }
}
