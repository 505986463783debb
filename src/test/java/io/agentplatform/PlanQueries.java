package io.agentplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding resources in a captured plan: by type, below a component, and a KMS key's ARN as AWS forms it. */
public final class PlanQueries {
    private PlanQueries() {}

    /** The single resource of a type among the resources of one component. */
    public static PlannedResource single(List<PlannedResource> resources, String type) {
        List<PlannedResource> found = ofType(resources, type);
        assertEquals(1, found.size(), "expected exactly one " + type + " but found " + found.size());
        return found.get(0);
    }

    public static List<PlannedResource> ofType(List<PlannedResource> resources, String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Every resource below the one component of the given type token (children, grandchildren, ...). */
    public static List<PlannedResource> underComponent(Plan plan, String componentType) {
        List<PlannedResource> components = plan.ofType(componentType);
        assertEquals(1, components.size(), "expected one " + componentType + " in the " + plan.stack() + " plan");
        String root = components.get(0).urn();
        Map<String, String> parents = new HashMap<>();
        plan.resources().forEach(r -> parents.put(r.urn(), r.parent()));
        List<PlannedResource> out = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            for (String p = r.parent(); p != null; p = parents.get(p)) {
                if (p.equals(root)) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The pattern of the ARN of the component's one KMS key: AWS names a key {@code arn:aws:kms:<region>:<account>:key/<id>},
     * and the component's alias targets that id.
     */
    public static String keyArnPattern(List<PlannedResource> component, String region) {
        String keyId = single(component, "aws:kms/alias:Alias").input("targetKeyId").asText();
        return "arn:aws:kms:" + region + ":\\d{12}:key/" + java.util.regex.Pattern.quote(keyId);
    }

    /** The strings of a JSON array. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
