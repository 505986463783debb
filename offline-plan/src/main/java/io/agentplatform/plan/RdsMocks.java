package io.agentplatform.plan;

import java.util.List;
import java.util.Map;

/** RDS: an instance's address and endpoint, resource id, and the master secret RDS manages when asked to. */
final class RdsMocks {
    private RdsMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of("aws:rds/instance:Instance", TypeMock.outputs(RdsMocks::instance));

    private static void instance(MockResource resource, Map<String, Object> state) {
        String name = resource.name();
        String region = resource.region();
        Map<String, Object> inputs = resource.inputs();
        String identifier = resource.text("identifier", resource.physicalName());
        String address = identifier + "." + MockCloud.hex("rds:" + name, 12) + "." + region + ".rds.amazonaws.com";
        Object port = inputs.getOrDefault("port", 5432.0);
        state.put("identifier", identifier);
        state.put("address", address);
        state.put("port", port);
        state.put("endpoint", address + ":" + ((Number) port).intValue());
        state.put("resourceId", "db-" + MockCloud.hex("rds-resource:" + name, 26).toUpperCase());
        if (Boolean.TRUE.equals(inputs.get("manageMasterUserPassword"))) {
            state.put("masterUserSecrets", List.of(Map.of(
                    "secretArn", "arn:aws:secretsmanager:" + region + ":" + MockCloud.ACCOUNT + ":secret:rds!db-"
                            + MockCloud.uuid("rds-secret:" + name) + "-" + MockCloud.hex("suffix:" + name, 6),
                    "secretStatus", "active",
                    "kmsKeyId", resource.text("masterUserSecretKmsKeyId", ""))));
        }
    }
}
