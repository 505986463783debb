package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs the real program for one stack under Pulumi's mock engine and captures what it would deploy as a
 * {@link Plan}. Nothing here talks to AWS, Kubernetes or the Pulumi service.
 */
public final class PlanRunner {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlanRunner() {}

    /** Thrown when the program itself fails under the mock engine. */
    public static final class PlanFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PlanFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Plans one stack on its own: a StackReference it makes finds no outputs. */
    public static synchronized Plan run(PlanTarget target) {
        return run(target, Map.of());
    }

    /**
     * Plans a stack that reads another stack through a StackReference: first plans the referenced stack
     * ({@code loadStack} turns the reference name into its target), then hands its outputs to the mock engine, so an
     * ephemeral plan consumes the real outputs of the dev plan.
     */
    public static synchronized Plan runWithReferences(PlanTarget target,
                                                      java.util.function.Function<String, PlanTarget> loadStack) {
        Map<String, Map<String, Object>> referenced = new java.util.TreeMap<>();
        target.platformStack().ifPresent(reference ->
                referenced.put(reference, referenceOutputs(run(loadStack.apply(reference)))));
        return run(target, referenced);
    }

    /** A referenced stack's outputs as StackReference hands them over; secrets get stand-ins, masked again downstream. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> referenceOutputs(Plan plan) {
        Map<String, Object> outputs = new java.util.TreeMap<>();
        plan.outputs().fields().forEachRemaining(e -> outputs.put(e.getKey(), Plan.SECRET.equals(e.getValue().asText())
                ? "offline-plan-reference-secret-" + e.getKey()
                : engineValue(Plan.JSON.convertValue(e.getValue(), Object.class))));
        return outputs;
    }

    /** The engine's wire format carries numbers as doubles only. */
    private static Object engineValue(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlanRunner::engineValue).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), engineValue(v)));
            return out;
        }
        return value;
    }

    private static Plan run(PlanTarget target, Map<String, Map<String, Object>> referencedStacks) {
        String region = target.region().orElse(PlanTarget.DEFAULT_REGION);
        PlanMocks mocks = new PlanMocks(new MockCloud(region, referencedStacks));
        PlanRecorder recorder = new PlanRecorder();
        TestOptions options = TestOptions.builder()
                .projectName(target.project())
                .stackName(target.stack())
                .preview(false)
                .resourceTransformations(List.of(recorder))
                .build();
        try {
            TestResult result = PulumiTest.withMocks(mocks).withOptions(options).runTest(target.program());
            if (result.exitCode() != 0 || !result.exceptions().isEmpty()) {
                Throwable first = result.exceptions().isEmpty() ? null : result.exceptions().get(0);
                throw new PlanFailedException("the program failed under the mock engine for stack " + target.stack() + ": "
                        + String.join("; ", result.errors()) + (first == null ? "" : " / " + first), first);
            }
            if (!mocks.duplicates().isEmpty()) {
                throw new PlanFailedException("resources registered twice with the same type and name: " + mocks.duplicates(), null);
            }
            if (!mocks.refusedNames().isEmpty()) {
                throw new PlanFailedException("AWS would refuse " + mocks.refusedNames().size() + " physical name(s) in stack "
                        + target.stack() + ":\n  - " + String.join("\n  - ",
                        mocks.refusedNames().stream().map(PhysicalNames.Refusal::message).toList()), null);
            }
            return capture(target, mocks, recorder, result);
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static Plan capture(PlanTarget target, PlanMocks mocks, PlanRecorder recorder, TestResult result) {
        Map<Resource, String> urns = new HashMap<>();
        for (PlanRecorder.Registration r : recorder.registrations()) {
            urns.put(r.resource(), value(r.resource().urn()));
        }
        List<PlannedResource> resources = new ArrayList<>();
        Map<String, Boolean> protectByUrn = new HashMap<>();
        for (PlanRecorder.Registration r : recorder.registrations()) {
            String urn = urns.get(r.resource());
            PlanRecorder.InputFacts facts = PlanRecorder.inputFacts(r);
            PlanMocks.Received received = mocks.received(r.type(), r.name())
                    .orElseThrow(() -> new IllegalStateException("the mock engine never saw " + urn));
            JsonNode inputs = canonical(received.inputs());
            for (List<String> secretPath : facts.secretPaths()) {
                inputs = mask(inputs, secretPath);
            }
            List<String> dependsOn = urnsOf(value(r.options().getDependsOn()), urns);
            Set<String> dependencies = new TreeSet<>(dependsOn);
            dependencies.addAll(urnsOf(facts.dependencies(), urns));
            dependencies.remove(urn);
            String parent = r.options().getParent().map(urns::get).orElse(null);
            resources.add(new PlannedResource(urn, r.type(), r.name(), parent, r.custom(), providerUrn(received.provider()),
                    inputs, List.copyOf(dependencies), new PlannedResource.Options(
                    r.options().isProtect(), r.options().isRetainOnDelete(), dependsOn,
                    List.copyOf(new TreeSet<>(r.options().getIgnoreChanges())), r.deleteBeforeReplace(),
                    aliasUrns(urn, r.options().getAliases()), r.options().getVersion())));
            protectByUrn.put(urn, r.options().isProtect());
        }
        resources.sort(Comparator.comparing(PlannedResource::urn));
        return new Plan(target.project(), target.stack(), target.environment(),
                List.copyOf(inheritProtect(resources)), outputs(result), target.warnings(),
                java.util.Optional.of(target.planDate()));
    }

    /** Pulumi children inherit {@code protect} from their parent unless they set it themselves. */
    private static List<PlannedResource> inheritProtect(List<PlannedResource> resources) {
        Map<String, PlannedResource> byUrn = resources.stream().collect(Collectors.toMap(PlannedResource::urn, r -> r));
        List<PlannedResource> out = new ArrayList<>();
        for (PlannedResource r : resources) {
            boolean protect = r.options().protect();
            for (String p = r.parent(); !protect && p != null; p = byUrn.containsKey(p) ? byUrn.get(p).parent() : null) {
                protect = byUrn.containsKey(p) && byUrn.get(p).options().protect();
            }
            var o = r.options();
            out.add(new PlannedResource(r.urn(), r.type(), r.name(), r.parent(), r.custom(), r.provider(), r.inputs(),
                    r.dependencies(), new PlannedResource.Options(protect, o.retainOnDelete(), o.dependsOn(),
                    o.ignoreChanges(), o.deleteBeforeReplace(), o.aliases(), o.version())));
        }
        return out;
    }

    private static ObjectNode outputs(TestResult result) {
        ObjectNode outputs = NODES.objectNode();
        new TreeMap<>(result.outputs()).forEach((name, output) -> {
            OutputData<?> data = Internal.of(output).getDataAsync().join();
            outputs.set(name, data.isSecret() ? NODES.textNode(Plan.SECRET) : canonical(data.getValueNullable()));
        });
        return outputs;
    }

    /** The urns a resource's aliases stand for: an alias by name keeps the resource's type and parent. */
    private static List<String> aliasUrns(String urn, List<Output<com.pulumi.core.Alias>> aliases) {
        if (aliases == null) {
            return List.of();
        }
        Set<String> out = new TreeSet<>();
        for (Output<com.pulumi.core.Alias> output : aliases) {
            com.pulumi.core.Alias alias = value(output);
            alias.getUrn().ifPresentOrElse(out::add, () -> alias.getName().ifPresent(name ->
                    out.add(urn.substring(0, urn.lastIndexOf("::") + 2) + value(name))));
        }
        return List.copyOf(out);
    }

    private static <T> T value(Output<T> output) {
        return Internal.of(output).getValueNullable().join();
    }

    private static List<String> urnsOf(Collection<Resource> resources, Map<Resource, String> urns) {
        if (resources == null) {
            return List.of();
        }
        Set<String> out = new TreeSet<>();
        for (Resource r : resources) {
            out.add(urns.containsKey(r) ? urns.get(r) : value(r.urn()));
        }
        return List.copyOf(out);
    }

    /** The engine passes {@code <provider urn>::<provider id>}; the plan records the urn. */
    private static String providerUrn(String reference) {
        if (reference == null || reference.isEmpty()) {
            return null;
        }
        int cut = reference.lastIndexOf("::");
        return cut > 0 ? reference.substring(0, cut) : reference;
    }

    /** JSON with sorted keys and whole numbers written as integers, so files are stable and readable. */
    static JsonNode canonical(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode o = NODES.objectNode();
            new TreeMap<>(map.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue,
                    (a, b) -> b))).forEach((k, v) -> o.set(k, canonical(v)));
            return o;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode a = NODES.arrayNode();
            list.forEach(v -> a.add(canonical(v)));
            return a;
        }
        if (value instanceof java.util.Optional<?> optional) {
            return optional.map(PlanRunner::canonical).orElse(NODES.nullNode());
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return NODES.numberNode(d.longValue());
        }
        if (value instanceof Number n) {
            return n instanceof Integer || n instanceof Long ? NODES.numberNode(n.longValue()) : NODES.numberNode(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(String.valueOf(value));
    }

    /** Replaces the value at a path with {@code "[secret]"}, if the engine received one there. */
    private static JsonNode mask(JsonNode root, List<String> path) {
        if (path.isEmpty()) {
            return masked(root);
        }
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = step(parent, path.get(i));
            if (parent == null) {
                return root;
            }
        }
        String last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode o && o.has(last) && !o.get(last).isNull()) {
            o.set(last, masked(o.get(last)));
        } else if (parent instanceof ArrayNode a && last.matches("\\d+") && Integer.parseInt(last) < a.size()) {
            a.set(Integer.parseInt(last), masked(a.get(Integer.parseInt(last))));
        }
        return root;
    }

    /**
     * A secret value with every leaf replaced by {@code "[secret]"}: a map keeps its keys (a Secret's
     * {@code stringData} stays a map of names, so its YAML is still an object kubectl accepts), a list its length.
     */
    private static JsonNode masked(JsonNode value) {
        if (value instanceof ObjectNode o) {
            ObjectNode copy = NODES.objectNode();
            o.fields().forEachRemaining(e -> copy.set(e.getKey(), masked(e.getValue())));
            return copy;
        }
        if (value instanceof ArrayNode a) {
            ArrayNode copy = NODES.arrayNode();
            a.forEach(element -> copy.add(masked(element)));
            return copy;
        }
        return value.isNull() ? value : NODES.textNode(Plan.SECRET);
    }

    private static JsonNode step(JsonNode node, String segment) {
        if (node instanceof ObjectNode o) {
            return o.get(segment);
        }
        if (node instanceof ArrayNode a && segment.matches("\\d+")) {
            return a.get(Integer.parseInt(segment));
        }
        return null;
    }
}
