package io.agentplatform.workload;

import com.pulumi.core.Either;
import io.agentplatform.core.NetworkPeer;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.Resource;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.monitoring.Monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentplatform.workload.AgentWorkload.HTTP_PORT_NAME;
import static io.agentplatform.workload.AgentWorkload.MANAGEMENT_PORT_NAME;

/**
 * The agent namespace's NetworkPolicies: deny everything, then allow only the listed flows (Prometheus in, the load
 * balancer in where there is an ingress, DNS, STS with IAM login, the data services, the model endpoint where one is
 * set). {@link #specs} is pure; {@link #create} registers one policy per entry, named {@code netpol-<part>}.
 */
final class AgentNetworkPolicies {
    private AgentNetworkPolicies() {}

    /**
     * The policies by part name.
     *
     * @param ingressSourceCidrs where the load balancer sends from (with an ingress)
     * @param vpcCidr            on stacks with a VPC: excluded from the model endpoint's egress (internal addresses have
     *                           their own rules)
     */
    static Map<String, NetworkPolicySpecArgs> specs(AgentSettings settings, DataConnections data,
                                                    List<String> ingressSourceCidrs, Optional<String> vpcCidr,
                                                    AgentLabels labels) {
        LabelSelectorArgs agentPods = LabelSelectorArgs.builder().matchLabels(labels.selector()).build();
        Map<String, NetworkPolicySpecArgs> specs = new LinkedHashMap<>();
        // Everything in the namespace: nothing in, nothing out, unless a policy below allows it.
        specs.put("default-deny", NetworkPolicySpecArgs.builder()
                .podSelector(LabelSelectorArgs.builder().build())
                .policyTypes("Ingress", "Egress")
                .build());
        specs.put("allow-prometheus", NetworkPolicySpecArgs.builder()
                .podSelector(agentPods)
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder()
                        .from(NetworkPolicyPeerArgs.builder().namespaceSelector(namespaceNamed(Monitoring.NAMESPACE)).build())
                        .ports(tcp(MANAGEMENT_PORT_NAME))
                        .build())
                .build());
        if (settings.ingress().isPresent()) {
            // ALB target-type ip: requests and health checks come from the load balancer's addresses in the public
            // subnets, not from a pod, so the source is those CIDR blocks.
            specs.put("allow-load-balancer", NetworkPolicySpecArgs.builder()
                    .podSelector(agentPods)
                    .policyTypes("Ingress")
                    .ingress(NetworkPolicyIngressRuleArgs.builder()
                            .from(policyPeers(NetworkPeer.Addresses.of(ingressSourceCidrs)))
                            .ports(tcp(HTTP_PORT_NAME), tcp(MANAGEMENT_PORT_NAME))
                            .build())
                    .build());
        }
        specs.put("allow-dns", egress(agentPods, dnsEgress()));
        if (data.database().app() instanceof DataConnections.IamLogin iam) {
            // The IRSA credentials that sign the database tokens come from STS (its VPC endpoint, where configured).
            specs.put("allow-aws-sts", egress(agentPods, NetworkPolicyEgressRuleArgs.builder()
                    .to(policyPeers(iam.sts()))
                    .ports(https())
                    .build()));
        }
        specs.put("allow-data", egress(agentPods, dataEgress(data.database()), dataEgress(data.redis())));
        if (settings.llmApiUrl().isPresent()) {
            specs.put("allow-model-endpoint", egress(agentPods, NetworkPolicyEgressRuleArgs.builder()
                    .to(policyPeers(new NetworkPeer.Addresses(List.of(
                            new NetworkPeer.IpRange("0.0.0.0/0", vpcCidr.stream().toList())))))
                    .ports(https())
                    .build()));
        }
        return specs;
    }

    static void create(AgentWorkload.Scope scope, String ns, AgentLabels labels, Map<String, NetworkPolicySpecArgs> specs,
                       List<Resource> after) {
        specs.forEach((part, spec) -> new NetworkPolicy(scope.name("netpol-" + part), NetworkPolicyArgs.builder()
                .metadata(AgentWorkload.meta(AgentWorkload.APP + "-" + part, ns, labels))
                .spec(spec)
                .build(), scope.options().dependsOn(after).build()));
    }

    /** DNS to the cluster's CoreDNS pods (UDP and TCP 53). */
    static NetworkPolicyEgressRuleArgs dnsEgress() {
        return NetworkPolicyEgressRuleArgs.builder()
                .to(NetworkPolicyPeerArgs.builder()
                        .namespaceSelector(namespaceNamed("kube-system"))
                        .podSelector(LabelSelectorArgs.builder().matchLabels(Map.of("k8s-app", "kube-dns")).build())
                        .build())
                .ports(NetworkPolicyPortArgs.builder().protocol("UDP").port(53).build(),
                        NetworkPolicyPortArgs.builder().protocol("TCP").port(53).build())
                .build();
    }

    /** A peer as NetworkPolicy peers: one ipBlock per range ({@code except} only when something is excluded), or one pod selector. */
    static List<NetworkPolicyPeerArgs> policyPeers(NetworkPeer peer) {
        if (peer instanceof NetworkPeer.Pods pods) {
            return List.of(NetworkPolicyPeerArgs.builder()
                    .podSelector(LabelSelectorArgs.builder().matchLabels(pods.labels()).build()).build());
        }
        return ((NetworkPeer.Addresses) peer).ranges().stream().map(r -> {
            IPBlockArgs.Builder block = IPBlockArgs.builder().cidr(r.cidr());
            if (!r.except().isEmpty()) {
                block.except(r.except());
            }
            return NetworkPolicyPeerArgs.builder().ipBlock(block.build()).build();
        }).toList();
    }

    private static NetworkPolicyEgressRuleArgs dataEgress(DataConnections.Database db) {
        return NetworkPolicyEgressRuleArgs.builder()
                .to(policyPeers(db.peer()))
                .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(db.port().applyValue(Either::ofLeft)).build())
                .build();
    }

    private static NetworkPolicyEgressRuleArgs dataEgress(DataConnections.Redis redis) {
        return NetworkPolicyEgressRuleArgs.builder()
                .to(policyPeers(redis.peer()))
                .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(redis.port().applyValue(Either::ofLeft)).build())
                .build();
    }

    private static NetworkPolicySpecArgs egress(LabelSelectorArgs pods, NetworkPolicyEgressRuleArgs... rules) {
        return NetworkPolicySpecArgs.builder().podSelector(pods).policyTypes("Egress").egress(rules).build();
    }

    private static LabelSelectorArgs namespaceNamed(String namespace) {
        return LabelSelectorArgs.builder().matchLabels(Map.of("kubernetes.io/metadata.name", namespace)).build();
    }

    private static NetworkPolicyPortArgs tcp(String portName) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(portName).build();
    }

    private static NetworkPolicyPortArgs https() {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(443).build();
    }
}
