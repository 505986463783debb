package io.agentplatform.plan;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * What the mock cloud does for one resource type: the id the provider would report and the outputs AWS or the
 * cluster would compute. Entries live in {@link MockTypes}, one small file per service.
 */
interface TypeMock {
    /** The type's own kind of id, from the logical name and the inputs; empty for the default hash. */
    default Optional<String> id(String name, Map<String, Object> inputs) {
        return Optional.empty();
    }

    /** Adds the computed outputs to {@code state}, which holds the inputs and the outputs of the type's family. */
    default void addOutputs(MockResource resource, Map<String, Object> state) {}

    /** A type that only computes outputs. */
    static TypeMock outputs(BiConsumer<MockResource, Map<String, Object>> outputs) {
        return new TypeMock() {
            @Override
            public void addOutputs(MockResource resource, Map<String, Object> state) {
                outputs.accept(resource, state);
            }
        };
    }

    /** A type with an id of its own and computed outputs. */
    static TypeMock of(BiFunction<String, Map<String, Object>, String> id,
                       BiConsumer<MockResource, Map<String, Object>> outputs) {
        return new TypeMock() {
            @Override
            public Optional<String> id(String name, Map<String, Object> inputs) {
                return Optional.of(id.apply(name, inputs));
            }

            @Override
            public void addOutputs(MockResource resource, Map<String, Object> state) {
                outputs.accept(resource, state);
            }
        };
    }

    /** A type whose only behaviour is an EC2-style id ({@link #prefixedId}). */
    static TypeMock withPrefixedId(String type, String prefix) {
        return of(prefixedId(type, prefix), (resource, state) -> { });
    }

    /** An EC2-style id: the type's prefix ({@code vpc-}, {@code sg-}, ...) and 17 hex characters. */
    static BiFunction<String, Map<String, Object>, String> prefixedId(String type, String prefix) {
        return (name, inputs) -> prefix + MockCloud.hex(type + "::" + name, 17);
    }
}
