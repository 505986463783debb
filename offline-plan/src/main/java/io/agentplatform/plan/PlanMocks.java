package io.agentplatform.plan;

import com.pulumi.test.Mocks;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pulumi's mock engine answered by {@link MockCloud}. It also keeps the inputs exactly as the engine received them
 * (camelCase, secrets already unwrapped) and the provider reference of every resource, for the plan file.
 */
final class PlanMocks implements Mocks {

    /** Inputs and provider of one registered resource, keyed by {@code type::name}. */
    record Received(Map<String, Object> inputs, String provider) {}

    private final MockCloud cloud;
    private final Map<String, Received> received = new ConcurrentHashMap<>();
    private final Map<String, String> duplicates = new ConcurrentHashMap<>();
    private final Map<String, PhysicalNames.Refusal> refusedNames = new ConcurrentHashMap<>();

    PlanMocks(MockCloud cloud) {
        this.cloud = cloud;
    }

    static String key(String type, String name) {
        return type + "::" + name;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        String key = key(args.type, args.name);
        if (received.putIfAbsent(key, new Received(args.inputs, args.provider)) != null) {
            duplicates.put(key, key);
        }
        PhysicalNames.check(args.type, args.name, args.inputs).forEach(r -> refusedNames.put(key + "::" + r.what(), r));
        String id = cloud.id(args.type, args.name, args.inputs);
        return CompletableFuture.completedFuture(
                ResourceResult.of(Optional.of(id), cloud.state(args.type, args.name, args.inputs, id, args.provider)));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        return CompletableFuture.completedFuture(cloud.invoke(args.token, args.args));
    }

    Optional<Received> received(String type, String name) {
        return Optional.ofNullable(received.get(key(type, name)));
    }

    /** Physical names and inputs AWS or the provider would refuse, by {@code type::name::what}. */
    java.util.List<PhysicalNames.Refusal> refusedNames() {
        return refusedNames.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    /** Type-and-name pairs registered twice: the plan refuses them, as the engine would on duplicate URNs. */
    java.util.Set<String> duplicates() {
        return duplicates.keySet();
    }
}
