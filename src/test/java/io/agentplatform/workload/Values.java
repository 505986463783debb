package io.agentplatform.workload;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;

import java.util.Optional;

/** Reads the known value of an input built without the engine (the pure part functions use only known values). */
final class Values {
    private Values() {}

    static <T> T of(Output<T> output) {
        return Internal.of(output).getValueNullable().join();
    }

    static <T> T of(Optional<Output<T>> output) {
        return output.map(Values::of).orElseThrow(() -> new AssertionError("the input is not set"));
    }
}
