package io.agentplatform.plan;

import java.util.Map;

/**
 * One resource as the mock cloud sees it when it makes up its outputs.
 *
 * @param type   Pulumi type token
 * @param name   logical name
 * @param inputs inputs as the engine received them
 * @param id     the id the mock cloud gave it
 * @param cloud  the account and region it is created in
 */
record MockResource(String type, String name, Map<String, Object> inputs, String id, MockCloud cloud) {

    /** The physical name: the {@code name} input, else the provider's auto-name. */
    String physicalName() {
        return text("name", MockCloud.autoName(name));
    }

    /** A string input, or {@code fallback} when it is missing or empty. */
    String text(String input, String fallback) {
        return MockCloud.stringOr(inputs.get(input), fallback);
    }

    String region() {
        return cloud.region();
    }
}
