package io.agentplatform.core.k8s;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;
import java.util.Objects;

/**
 * Inputs of a Kubernetes custom object the SDK has no class for: {@code apiVersion} and {@code kind} fixed by the
 * resource class, typed {@code metadata}, and a free-form {@code spec}.
 */
public final class CustomObjectArgs extends ResourceArgs {
    @Import(name = "apiVersion", required = true)
    private final Output<String> apiVersion;

    @Import(name = "kind", required = true)
    private final Output<String> kind;

    @Import(name = "metadata", required = true)
    private final Output<ObjectMetaArgs> metadata;

    @Import(name = "spec", required = true)
    private final Output<Map<String, Object>> spec;

    CustomObjectArgs(String apiVersion, String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
        this.apiVersion = Output.of(Objects.requireNonNull(apiVersion));
        this.kind = Output.of(Objects.requireNonNull(kind));
        this.metadata = Output.of(Objects.requireNonNull(metadata));
        this.spec = Objects.requireNonNull(spec);
    }

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    public Output<ObjectMetaArgs> metadata() {
        return metadata;
    }

    public Output<Map<String, Object>> spec() {
        return spec;
    }
}
