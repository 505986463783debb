package io.agentplatform.core.k8s;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;

import java.util.Map;

/** The NetworkPolicy pieces every hardened namespace of the platform starts from. */
public final class NetworkPolicies {
    private NetworkPolicies() {}

    /** Everything in the namespace: nothing in, nothing out, unless another policy allows it. */
    public static NetworkPolicySpecArgs defaultDeny() {
        return NetworkPolicySpecArgs.builder()
                .podSelector(LabelSelectorArgs.builder().build())
                .policyTypes("Ingress", "Egress")
                .build();
    }

    /** DNS to the cluster's CoreDNS pods (UDP and TCP 53). */
    public static NetworkPolicyEgressRuleArgs dnsEgress() {
        return NetworkPolicyEgressRuleArgs.builder()
                .to(NetworkPolicyPeerArgs.builder()
                        .namespaceSelector(namespaceNamed("kube-system"))
                        .podSelector(LabelSelectorArgs.builder().matchLabels(Map.of("k8s-app", "kube-dns")).build())
                        .build())
                .ports(NetworkPolicyPortArgs.builder().protocol("UDP").port(53).build(),
                        NetworkPolicyPortArgs.builder().protocol("TCP").port(53).build())
                .build();
    }

    /** Selects a namespace by the name label Kubernetes sets on every namespace. */
    public static LabelSelectorArgs namespaceNamed(String namespace) {
        return LabelSelectorArgs.builder().matchLabels(Map.of("kubernetes.io/metadata.name", namespace)).build();
    }
}
