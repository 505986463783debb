package io.agentplatform.workload.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;
import java.util.Objects;

/**
 * The inputs of an External Secrets Operator custom resource: a whole Kubernetes object with a free-form
 * {@code spec}. {@code apiVersion} and {@code kind} are fixed by the resource class, never by the caller.
 */
public final class ExternalSecretsResourceArgs extends ResourceArgs {
    /** Served by the pinned chart (ESO stopped serving v1beta1 in 0.17). */
    public static final String API_VERSION = "external-secrets.io/v1";

    @Import(name = "apiVersion", required = true)
    private final Output<String> apiVersion;

    @Import(name = "kind", required = true)
    private final Output<String> kind;

    @Import(name = "metadata", required = true)
    private final Output<ObjectMetaArgs> metadata;

    @Import(name = "spec", required = true)
    private final Output<Map<String, Object>> spec;

    ExternalSecretsResourceArgs(String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
        this.apiVersion = Output.of(API_VERSION);
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
