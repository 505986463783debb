package io.agentplatform.delivery;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import io.agentplatform.core.k8s.NetworkPolicies;
import io.agentplatform.monitoring.Monitoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The controller namespace's NetworkPolicies, a pure function: deny everything, then Prometheus in (metrics), and
 * out only DNS, the Kubernetes API (it watches Rollouts, ReplicaSets, Services and Ingresses) and Prometheus (the
 * analysis queries).
 */
final class ArgoRolloutsPolicies {
    /** The Prometheus server's port (kube-prometheus-stack's Service and pods). */
    static final int PROMETHEUS_PORT = 9090;

    private ArgoRolloutsPolicies() {}

    static Map<String, NetworkPolicySpecArgs> specs() {
        LabelSelectorArgs controller = LabelSelectorArgs.builder().matchLabels(ArgoRollouts.controllerLabels()).build();
        NetworkPolicyPeerArgs monitoring = NetworkPolicyPeerArgs.builder()
                .namespaceSelector(NetworkPolicies.namespaceNamed(Monitoring.NAMESPACE)).build();
        Map<String, NetworkPolicySpecArgs> specs = new LinkedHashMap<>();
        specs.put("default-deny", NetworkPolicies.defaultDeny());
        specs.put("allow-prometheus", NetworkPolicySpecArgs.builder()
                .podSelector(controller)
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder().from(monitoring)
                        .ports(tcp(ArgoRollouts.METRICS_PORT)).build())
                .build());
        specs.put("allow-egress", NetworkPolicySpecArgs.builder()
                .podSelector(controller)
                .policyTypes("Egress")
                .egress(NetworkPolicies.dnsEgress(),
                        // The API server's endpoints are EKS-managed addresses no selector can name.
                        NetworkPolicyEgressRuleArgs.builder()
                                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr("0.0.0.0/0").build()).build())
                                .ports(tcp(443))
                                .build(),
                        NetworkPolicyEgressRuleArgs.builder().to(monitoring).ports(tcp(PROMETHEUS_PORT)).build())
                .build());
        return specs;
    }

    private static NetworkPolicyPortArgs tcp(int port) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(port).build();
    }
}
