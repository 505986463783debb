package io.agentplatform.plan;

import java.util.HashMap;
import java.util.Map;

/**
 * The mock cloud's registry of per-type behaviour, keyed by type token. Each service registers its types in its own
 * small file; a type without an entry keeps its inputs, gets a hashed id and its family's outputs
 * ({@link MockFamilies}).
 */
final class MockTypes {
    private static final TypeMock PLAIN = new TypeMock() { };
    private static final MockTypes STANDARD = new MockTypes(Map.of())
            .with(Ec2Mocks.TYPES).with(EksMocks.TYPES).with(IamMocks.TYPES).with(KmsMocks.TYPES)
            .with(RdsMocks.TYPES).with(ElastiCacheMocks.TYPES).with(S3Mocks.TYPES).with(EcrMocks.TYPES)
            .with(SqsMocks.TYPES).with(EventBridgeMocks.TYPES)
            .with(KubernetesMocks.TYPES).with(PulumiMocks.TYPES);

    private final Map<String, TypeMock> byType;

    private MockTypes(Map<String, TypeMock> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Every type the mock cloud knows. */
    static MockTypes standard() {
        return STANDARD;
    }

    /** This registry plus {@code types}; a type registered twice is a mistake, not an override. */
    MockTypes with(Map<String, TypeMock> types) {
        Map<String, TypeMock> merged = new HashMap<>(byType);
        types.forEach((type, mock) -> {
            if (merged.putIfAbsent(type, mock) != null) {
                throw new IllegalStateException("the mock type " + type + " is registered twice");
            }
        });
        return new MockTypes(merged);
    }

    TypeMock forType(String type) {
        return byType.getOrDefault(type, PLAIN);
    }
}
