package io.agentplatform.plan;

import com.pulumi.Log;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.InputArgs;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceArgs;
import com.pulumi.resources.ResourceOptions;
import com.pulumi.resources.ResourceTransformation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack transformation that sees every resource as the program registers it: its args (whose {@code Output}s
 * still carry secretness and the resources they come from) and its options (parent, protect, dependsOn, ...). The
 * mock engine receives only plain inputs, so this is where dependencies and secret properties are learned.
 */
final class PlanRecorder implements ResourceTransformation {

    /** One registration as the program made it. */
    record Registration(Resource resource, ResourceArgs args, ResourceOptions options) {
        String type() {
            return resource.pulumiResourceType();
        }

        String name() {
            return resource.pulumiResourceName();
        }

        boolean custom() {
            return resource instanceof CustomResource;
        }

        boolean deleteBeforeReplace() {
            return options instanceof CustomResourceOptions c && c.getDeleteBeforeReplace();
        }
    }

    /** What walking a registration's args found: resources its inputs wait for and the paths of secret inputs. */
    record InputFacts(Set<Resource> dependencies, Set<List<String>> secretPaths) {}

    private final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Optional<Result> apply(Args args) {
        // The stack itself is the root of the plan, not a resource in it.
        if (!args.resource().pulumiResourceType().equals("pulumi:pulumi:Stack")) {
            registrations.add(new Registration(args.resource(), args.args(), args.options()));
        }
        return Optional.empty();
    }

    List<Registration> registrations() {
        synchronized (registrations) {
            return List.copyOf(registrations);
        }
    }

    /** Walks the args once the program has finished, when every output has resolved. */
    static InputFacts inputFacts(Registration registration) {
        Set<Resource> dependencies = new LinkedHashSet<>();
        Set<List<String>> secretPaths = new LinkedHashSet<>();
        if (registration.args() != null) {
            walk(registration.args(), List.of(), dependencies, secretPaths, true);
        }
        return new InputFacts(dependencies, secretPaths);
    }

    private static void walk(Object value, List<String> path, Set<Resource> dependencies, Set<List<String>> secretPaths,
                             boolean root) {
        if (value instanceof Output<?> output) {
            OutputData<?> data = Internal.of(output).getDataAsync().join();
            dependencies.addAll(data.getResources());
            if (data.isSecret()) {
                secretPaths.add(path);
            }
            walk(data.getValueNullable(), path, dependencies, secretPaths, false);
        } else if (value instanceof InputArgs args) {
            Map<String, Output<?>> fields = Internal.from(args).toMapAsync(Log.ignore()).join();
            fields.forEach((name, field) -> walk(field, append(path, name), dependencies, secretPaths, false));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), append(path, String.valueOf(i)), dependencies, secretPaths, false);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, append(path, String.valueOf(k)), dependencies, secretPaths, false));
        } else if (value instanceof Optional<?> optional) {
            optional.ifPresent(v -> walk(v, path, dependencies, secretPaths, false));
        }
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> next = new ArrayList<>(path);
        next.add(segment);
        return List.copyOf(next);
    }
}
