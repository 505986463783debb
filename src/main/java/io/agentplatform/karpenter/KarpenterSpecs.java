package io.agentplatform.karpenter;

import io.agentplatform.config.KarpenterSettings;
import io.agentplatform.config.NodeGroupSettings;
import io.agentplatform.config.NodePoolSettings;
import io.agentplatform.karpenter.crd.EC2NodeClass;
import io.agentplatform.network.NetworkArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The specs of the EC2NodeClass and the NodePools as pure functions of config, testable without the engine. */
public final class KarpenterSpecs {
    /** Annotations carrying a pool's expected minimum into the plan, where the cost estimate reads its low end. */
    public static final String EXPECTED_CPU = "agent-platform.io/expected-minimum-cpu";
    public static final String EXPECTED_MEMORY = "agent-platform.io/expected-minimum-memory";

    private KarpenterSpecs() {}

    /**
     * IMDSv2 only with a hop limit of 1 (pods cannot borrow the node's role; workloads use IRSA), an encrypted gp3 root
     * volume, subnets and security groups found by the cluster's discovery tag, and the platform's standard tags.
     */
    public static Map<String, Object> nodeClass(KarpenterSettings.NodeClassSettings s, String clusterName,
                                                String nodeRoleName, Map<String, String> tags) {
        Map<String, Object> byDiscoveryTag = Map.of("tags", Map.of(NetworkArgs.DISCOVERY_TAG, clusterName));
        Map<String, Object> ebs = new LinkedHashMap<>();
        ebs.put("volumeSize", s.rootVolumeGiB() + "Gi");
        ebs.put("volumeType", "gp3");
        ebs.put("encrypted", true);
        ebs.put("deleteOnTermination", true);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("role", nodeRoleName);
        spec.put("amiSelectorTerms", List.of(Map.of("alias", s.amiAlias())));
        spec.put("subnetSelectorTerms", List.of(byDiscoveryTag));
        spec.put("securityGroupSelectorTerms", List.of(byDiscoveryTag));
        spec.put("metadataOptions", Map.of(
                "httpEndpoint", "enabled",
                "httpProtocolIPv6", "disabled",
                "httpPutResponseHopLimit", 1,
                "httpTokens", "required"));
        spec.put("blockDeviceMappings", List.of(Map.of("deviceName", "/dev/xvda", "rootVolume", true, "ebs", ebs)));
        spec.put("tags", new TreeMap<>(tags));
        return spec;
    }

    /**
     * A pool's spec: its nodes carry {@code node-role: <pool name>} (how workloads select the pool), come from the
     * node class, and meet the configured requirements; limits, disruption and expireAfter as configured.
     */
    public static Map<String, Object> nodePool(String poolName, NodePoolSettings s, String nodeClassName) {
        List<Map<String, Object>> requirements = new ArrayList<>();
        requirements.add(requirement("karpenter.sh/capacity-type", "In",
                s.capacityTypes().stream().map(c -> c.label).toList()));
        requirements.add(requirement("kubernetes.io/arch", "In", s.architectures()));
        requirements.add(requirement("kubernetes.io/os", "In", List.of("linux")));
        requirements.add(requirement("karpenter.k8s.aws/instance-category", "In", s.instanceCategories()));
        requirements.add(requirement("karpenter.k8s.aws/instance-generation", "Gt",
                List.of(String.valueOf(s.minInstanceGeneration() - 1))));

        Map<String, Object> nodeSpec = new LinkedHashMap<>();
        nodeSpec.put("nodeClassRef", Map.of("group", EC2NodeClass.GROUP, "kind", EC2NodeClass.KIND, "name", nodeClassName));
        nodeSpec.put("requirements", requirements);
        nodeSpec.put("expireAfter", s.expireAfter());

        Map<String, Object> disruption = new LinkedHashMap<>();
        disruption.put("consolidationPolicy", s.consolidationPolicy().api);
        disruption.put("consolidateAfter", s.consolidateAfter());
        disruption.put("budgets", s.budgets().stream().map(KarpenterSpecs::budget).toList());

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("template", Map.of(
                "metadata", Map.of("labels", selector(poolName)),
                "spec", nodeSpec));
        spec.put("limits", Map.of("cpu", s.cpuLimit(), "memory", s.memoryLimit()));
        spec.put("disruption", disruption);
        return spec;
    }

    /** The label a pool stamps on its nodes; the same key the managed node groups use, set from the pool's name. */
    public static Map<String, String> selector(String poolName) {
        return Map.of(NodeGroupSettings.ROLE_LABEL, poolName);
    }

    private static Map<String, Object> budget(NodePoolSettings.Budget b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", b.nodes());
        b.schedule().ifPresent(v -> out.put("schedule", v));
        b.duration().ifPresent(v -> out.put("duration", v));
        if (!b.reasons().isEmpty()) {
            out.put("reasons", b.reasons().stream().map(r -> r.api).toList());
        }
        return out;
    }

    private static Map<String, Object> requirement(String key, String operator, List<String> values) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", key);
        r.put("operator", operator);
        r.put("values", List.copyOf(values));
        return r;
    }
}
