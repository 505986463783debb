package io.agentplatform.plan;

import java.util.List;
import java.util.Map;

/** Pulumi's own resources: a StackReference hands over the outputs of the stack it names. */
final class PulumiMocks {
    private PulumiMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "pulumi:pulumi:StackReference", TypeMock.outputs((resource, state) -> {
                // An unknown stack has no outputs, as the service answers for a stack that was never deployed.
                state.put("outputs", resource.cloud().referencedStack(resource.text("name", resource.name())));
                state.put("secretOutputNames", List.of());
            }));
}
