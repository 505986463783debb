package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentplatform.StackPlans;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code target/plan/<stack>/k8s/*.yaml} is what {@code kubectl apply} takes: read back by a YAML parser, every
 * object is exactly the object the program registered, with the same types (a ConfigMap's "5432" stays a string,
 * a command argument "10" stays a string, a replica count stays a number). scripts/cluster-test.sh also applies
 * every file with a server-side dry-run against a real API server.
 */
class KubernetesYamlTest {
    private static final ObjectMapper YAML_READER = new ObjectMapper(new YAMLFactory());
    /** Numbers compare by value (3 read as an int equals 3 held as a long); every other node by type and value. */
    private static final Comparator<JsonNode> SAME_NUMBER = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue())
            : a.equals(b) ? 0 : 1;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production", "local", "pr"})
    void everyKubernetesFileReadsBackAsTheRegisteredObjectWithTheSameTypes(String stack, @TempDir Path out) throws Exception {
        Plan plan = StackPlans.of(stack);
        PlanWriter.write(plan, out);
        List<PlannedResource> objects = plan.matching(PlanWriter::isKubernetesObject);
        assertFalse(objects.isEmpty(), "no Kubernetes objects in " + stack);
        List<String> different = new ArrayList<>();
        for (PlannedResource r : objects) {
            Path file = out.resolve(stack).resolve("k8s").resolve(PlanWriter.kubernetesFileName(r));
            JsonNode readBack = YAML_READER.readTree(Files.readString(file));
            if (!readBack.equals(SAME_NUMBER, PlanWriter.kubernetesObject(r))) {
                different.add(file.getFileName().toString());
            }
        }
        assertEquals(List.of(), different, "files whose YAML reads back as another object (types changed)");
    }
}
