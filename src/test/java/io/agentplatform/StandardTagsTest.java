package io.agentplatform;

import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every taggable AWS resource carries the standard tags; taggability is read from the provider SDK itself. */
class StandardTagsTest {

    /** Whether the SDK's args class for this type token has a {@code tags} property. */
    static boolean taggable(String type) {
        String[] token = type.split(":");
        String module = token[1].contains("/") ? token[1].substring(0, token[1].indexOf('/')) : token[1];
        String pkg = module.equals("index") ? "com.pulumi.aws" : "com.pulumi.aws." + module;
        try {
            Class<?> args = Class.forName(pkg + "." + token[2] + "Args");
            return args.getMethod("tags") != null;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyTaggableAwsResourceCarriesProjectEnvironmentComponentAndManagedBy(String stack) {
        Plan plan = StackPlans.of(stack);
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (PlannedResource r : plan.matching(r -> r.type().startsWith("aws:") && taggable(r.type()))) {
            checked++;
            var tags = r.input("tags");
            if (!tags.path("project").asText().equals("agent-platform")
                    || !tags.path("environment").asText().equals(plan.environment())
                    || tags.path("component").asText().isEmpty()
                    || !tags.path("managed-by").asText().equals("pulumi")) {
                missing.add(r.urn());
            }
        }
        assertTrue(checked > 20, "the check must see the stack's taggable resources, saw " + checked);
        assertEquals(List.of(), missing);
    }
}
