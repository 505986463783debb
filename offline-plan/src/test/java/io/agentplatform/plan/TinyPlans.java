package io.agentplatform.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made plans for specification-style tests: a few resources with the inputs and dependencies that matter. */
final class TinyPlans {
    private final String stack;
    private final List<PlannedResource> resources = new ArrayList<>();
    private final ObjectNode outputs = Plan.JSON.createObjectNode();

    TinyPlans(String stack) {
        this.stack = stack;
    }

    static String urn(String type, String name) {
        return "urn:pulumi:t::p::" + type + "::" + name;
    }

    TinyPlans provider(String region) {
        resources.add(new PlannedResource(urn("pulumi:providers:aws", "aws"), "pulumi:providers:aws", "aws", null, true, null,
                Plan.JSON.valueToTree(Map.of("region", region)), List.of(), options(false)));
        return this;
    }

    TinyPlans component(String type, String name) {
        resources.add(new PlannedResource(urn(type, name), type, name, null, false, null, Plan.JSON.createObjectNode(),
                List.of(), options(false)));
        return this;
    }

    /** A custom resource under a component (or the stack when parent is null), waiting for the given names. */
    TinyPlans resource(String type, String name, String parentType, String parentName, Map<String, ?> inputs,
                       String... dependsOnUrns) {
        return add(type, name, parentType == null ? null : urn(parentType, parentName), inputs, false, dependsOnUrns);
    }

    TinyPlans add(String type, String name, String parentUrn, Map<String, ?> inputs, boolean protect, String... dependsOnUrns) {
        resources.add(new PlannedResource(urn(type, name), type, name, parentUrn, true, null, Plan.JSON.valueToTree(inputs),
                List.of(dependsOnUrns), options(protect)));
        return this;
    }

    /** A custom resource directly under the stack that was called {@code oldName} before and says so in aliases. */
    TinyPlans renamed(String type, String name, String oldName, Map<String, ?> inputs) {
        resources.add(new PlannedResource(urn(type, name), type, name, null, true, null, Plan.JSON.valueToTree(inputs),
                List.of(), new PlannedResource.Options(false, false, List.of(), List.of(), false, List.of(urn(type, oldName)),
                Optional.empty())));
        return this;
    }

    TinyPlans output(String name, Object value) {
        outputs.set(name, Plan.JSON.valueToTree(value));
        return this;
    }

    Plan plan() {
        return new Plan("p", stack, "dev", List.copyOf(resources), outputs.deepCopy(), List.of());
    }

    PlanReader.PlanFile file() {
        return new PlanReader.PlanFile(plan(), java.util.Optional.empty());
    }

    private static PlannedResource.Options options(boolean protect) {
        return new PlannedResource.Options(protect, false, List.of(), List.of(), false);
    }
}
