package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The role policies of one bootstrap run (S3 backend; dev, staging and production; home region eu-west-1 and the
 * backup copy region eu-central-1), rendered once per test JVM for the test classes that evaluate them.
 */
final class RenderedRolePolicies {
    static final String REGION = "eu-west-1";
    static final String COPY_REGION = "eu-central-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RenderedRolePolicies instance;

    private final Map<String, JsonNode> policies = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();

    private RenderedRolePolicies() {
        BootstrapConfig c = BootstrapConfig.parse(Map.of("githubRepository", "acme/agent-platform",
                "stateBackend", "s3", "regions", "[\"" + REGION + "\",\"" + COPY_REGION + "\"]"), Optional.of(REGION));
        RecordingMocks mocks = new RecordingMocks();
        TestResult result = PulumiTest.withMocks(mocks)
                .withOptions(TestOptions.builder().projectName("agent-platform-bootstrap").stackName("bootstrap").build())
                .runTest(ctx -> BootstrapStack.define(ctx, c));
        if (!result.exceptions().isEmpty()) {
            throw new IllegalStateException("the bootstrap failed: " + result.exceptions());
        }
        for (var p : mocks.ofType("aws:iam/rolePolicy:RolePolicy")) {
            try {
                policies.put(p.name(), JSON.readTree((String) p.inputs().get("policy")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String name : result.outputs().keySet()) {
            outputs.put(name, PulumiTest.extractValue(result.output(name)));
        }
        PulumiTest.cleanup();
    }

    static synchronized RenderedRolePolicies get() {
        if (instance == null) {
            instance = new RenderedRolePolicies();
        }
        return instance;
    }

    /** Every role policy by its name ({@code agent-platform-dev-deploy}, …). */
    Map<String, JsonNode> all() {
        return policies;
    }

    JsonNode policy(String role) {
        return Objects.requireNonNull(policies.get(role), () -> "no role policy " + role + " in " + policies.keySet());
    }

    String output(String name) {
        return (String) Objects.requireNonNull(outputs.get(name), () -> "no output " + name + " in " + outputs.keySet());
    }
}
