package io.agentplatform.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every platform stack meets the published output contract that other teams build on. */
class OutputContractTest {
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(OutputContract.schema());

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void platformStackOutputsValidateAgainstTheContractSchema(String stack) {
        Plan plan = StackPlans.of(stack);
        Set<ValidationMessage> errors = SCHEMA.validate(plan.outputs());
        assertEquals(Set.of(), errors, stack + " outputs break the contract");
        assertEquals(OutputContract.version(), plan.output("contractVersion").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void outputsMarkedSecretInTheContractAreSecretInTheStack(String stack) {
        Plan plan = StackPlans.of(stack);
        for (Iterator<Map.Entry<String, JsonNode>> it = OutputContract.schema().path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            boolean secret = p.getValue().path("x-secret").asBoolean(false);
            assertEquals(secret, "[secret]".equals(plan.output(p.getKey()).asText()), p.getKey());
        }
    }

    @Test
    void theSchemaRejectsOutputsThatBreakTheContract() {
        JsonNode broken = StackPlans.dev().outputs().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).remove("kubeconfig");
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken).put("vpcId", "not-a-vpc");
        Set<ValidationMessage> errors = SCHEMA.validate(broken);
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("kubeconfig")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("vpcId")), errors::toString);
    }

    @Test
    void everyContractOutputIsDocumentedWithItsVersion() throws Exception {
        String doc = Files.readString(StackPlans.projectDir().resolve("docs/outputs.md"));
        OutputContract.schema().path("properties").fieldNames().forEachRemaining(name ->
                assertTrue(doc.contains("| `" + name + "` |"), name + " missing from docs/outputs.md"));
        assertTrue(doc.contains(OutputContract.version()));
    }

    @Test
    void aConsumerIsToldWhichOutputsTheReferencedStackLacks() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputContract.requireOutputs(
                "acme/agent-platform/dev", Map.of("contractVersion", "1.0.0", "clusterName", "c"), List.of("clusterName", "kubeconfig")));
        assertTrue(e.getMessage().contains("acme/agent-platform/dev") && e.getMessage().contains("kubeconfig"), e.getMessage());
    }

    @Test
    void aConsumerRefusesAnotherMajorVersionOfTheContract() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputContract.requireOutputs(
                "dev", Map.of("contractVersion", "2.0.0", "kubeconfig", "k"), List.of("kubeconfig")));
        assertTrue(e.getMessage().contains("2.0.0") && e.getMessage().contains("1.x"), e.getMessage());
    }
}
