package io.agentplatform.plan;

import java.util.Map;

/** KMS: a key's id is a UUID, and its ARN carries it. */
final class KmsMocks {
    private KmsMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "aws:kms/key:Key", TypeMock.of((name, inputs) -> keyId(name), (resource, state) -> {
                String keyId = keyId(resource.name());
                state.put("keyId", keyId);
                state.put("arn", "arn:aws:kms:" + resource.region() + ":" + MockCloud.ACCOUNT + ":key/" + keyId);
            }));

    private static String keyId(String name) {
        return MockCloud.uuid("kms:" + name);
    }
}
