package io.agentplatform.plan;

import java.util.Map;

/**
 * EventBridge (the provider's {@code aws:cloudwatch} event types): a rule on the default bus is identified by its
 * name and its ARN is {@code arn:aws:events:<region>:<account>:rule/<name>}; a target's id is
 * {@code <rule>-<targetId>}, as the provider imports them.
 */
final class EventBridgeMocks {
    private EventBridgeMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "aws:cloudwatch/eventRule:EventRule", TypeMock.of(EventBridgeMocks::ruleName, (resource, state) ->
                    state.put("arn", "arn:aws:events:" + resource.region() + ":" + MockCloud.ACCOUNT + ":rule/"
                            + resource.physicalName())),
            "aws:cloudwatch/eventTarget:EventTarget", TypeMock.of((name, inputs) ->
                    MockCloud.stringOr(inputs.get("rule"), "rule") + "-"
                            + MockCloud.stringOr(inputs.get("targetId"), MockCloud.autoName(name)),
                    (resource, state) -> { }));

    /** The rule's id: its physical name, as {@link MockResource#physicalName()} gives it once the rule exists. */
    private static String ruleName(String name, Map<String, Object> inputs) {
        return MockCloud.stringOr(inputs.get("name"), MockCloud.autoName(name));
    }
}
