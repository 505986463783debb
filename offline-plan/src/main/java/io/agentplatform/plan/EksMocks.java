package io.agentplatform.plan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EKS: a cluster's endpoint, CA, OIDC issuer and security group; a node group's Auto Scaling group. */
final class EksMocks {
    private EksMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "aws:eks/cluster:Cluster", TypeMock.outputs(EksMocks::cluster),
            "aws:eks/nodeGroup:NodeGroup", TypeMock.outputs((resource, state) -> {
                state.put("status", "ACTIVE");
                state.put("resources", List.of(Map.of("autoscalingGroups",
                        List.of(Map.of("name", "eks-" + resource.physicalName())))));
            }));

    private static void cluster(MockResource resource, Map<String, Object> state) {
        String name = resource.name();
        String region = resource.region();
        String clusterId = MockCloud.hex("cluster:" + name, 32).toUpperCase();
        state.put("endpoint", "https://" + clusterId + ".gr7." + region + ".eks.amazonaws.com");
        state.put("certificateAuthority", Map.of("data", Base64.getEncoder().encodeToString(
                ("-----BEGIN CERTIFICATE-----\nMOCK-CA-" + clusterId + "\n-----END CERTIFICATE-----\n")
                        .getBytes(StandardCharsets.UTF_8))));
        state.put("identities", List.of(Map.of("oidcs", List.of(Map.of(
                "issuer", "https://oidc.eks." + region + ".amazonaws.com/id/" + clusterId)))));
        Map<String, Object> vpcConfig = new LinkedHashMap<>(MockCloud.mapOr(resource.inputs().get("vpcConfig")));
        vpcConfig.put("clusterSecurityGroupId", "sg-" + MockCloud.hex("cluster-sg:" + name, 17));
        vpcConfig.put("vpcId", "vpc-" + MockCloud.hex("vpc-of:" + name, 17));
        state.put("vpcConfig", vpcConfig);
        state.put("status", "ACTIVE");
        state.put("platformVersion", "eks.1");
    }
}
