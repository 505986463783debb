package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.Platform;
import io.agentplatform.StackPlans;
import io.agentplatform.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan file is a public format other tools read: documented keys, stable bytes, no secrets. */
class PlanFileTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dev", "staging", "production", "local"})
    void theSameStackGivesByteIdenticalPlanFilesOnEveryRun(String stack) throws Exception {
        String first = StackPlans.of(stack).toJsonText();
        String second = PlatformPlans.run(StackPlans.config(stack), Platform::define).toJsonText();
        assertEquals(first, second);
    }

    /**
     * A second JVM hashes strings with another seed, so anything that leaks HashMap or Map.of iteration order into a
     * resource input (a policy document, a kubeconfig) shows up here, not only on the next machine.
     */
    @Test
    void aFreshJvmWritesTheSamePlanFile(@TempDir Path out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder command = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PlanMain.class.getName(),
                "plan", "production", "--project-dir", StackPlans.projectDir().toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(out.resolve("plan.log").toFile());
        // The same plan date as the in-JVM plan, so the comparison holds on any day, not only on the tests' date.
        command.environment().put("AGENT_PLATFORM_PLAN_DATE", TestStacks.PLAN_DATE.toString());
        Process process = command.start();
        assertEquals(0, process.waitFor(), () -> readLog(out));
        assertEquals(StackPlans.production().toJsonText(), Files.readString(out.resolve("production.json")));
    }

    private static String readLog(Path out) {
        try {
            return Files.readString(out.resolve("plan.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void resourcesCarryTheDocumentedKeysSortedByUrn() throws Exception {
        JsonNode plan = new ObjectMapper().readTree(StackPlans.dev().toJsonText());
        assertEquals("agent-platform", plan.path("project").asText());
        assertEquals("dev", plan.path("stack").asText());
        List<String> urns = new ArrayList<>();
        for (JsonNode r : plan.path("resources")) {
            for (String key : List.of("urn", "type", "name", "parent", "custom", "provider", "inputs", "dependencies", "options")) {
                assertTrue(r.has(key), key + " missing on " + r.path("urn"));
            }
            for (String option : List.of("protect", "retainOnDelete", "dependsOn", "ignoreChanges", "deleteBeforeReplace")) {
                assertTrue(r.path("options").has(option), option);
            }
            urns.add(r.path("urn").asText());
        }
        assertEquals(urns.stream().sorted().toList(), urns);
    }

    @Test
    void dependenciesIncludeBothDependsOnAndTheResourcesInputsComeFrom() {
        Plan plan = StackPlans.dev();
        PlannedResource nat = plan.ofType("aws:ec2/natGateway:NatGateway").get(0);
        PlannedResource igw = plan.ofType("aws:ec2/internetGateway:InternetGateway").get(0);
        PlannedResource eip = plan.ofType("aws:ec2/eip:Eip").get(0);
        assertTrue(nat.options().dependsOn().contains(igw.urn()));
        assertTrue(nat.dependsOn(igw.urn()) && nat.dependsOn(eip.urn()), nat.dependencies().toString());
    }

    @Test
    void noSecretValueOrPlaceholderAppearsInAnyPlanFile() {
        for (String stack : StackPlans.PLATFORM_STACKS) {
            String text = StackPlans.of(stack).toJsonText();
            assertFalse(text.contains("offline-plan-placeholder-for-"), stack + " plan leaks a secret value");
            assertTrue(text.contains("\"[secret]\""), stack + " plan should show masked secrets");
        }
    }

    @Test
    void planCommandWritesTheJsonAndOneYamlFilePerKubernetesObject(@TempDir Path out) throws Exception {
        int code = PlanCommand.run(new String[]{"plan", "dev", "--project-dir", StackPlans.projectDir().toString(),
                "--out", out.toString()}, Platform::define, new PrintStream(new ByteArrayOutputStream()), System.err);
        assertEquals(0, code);
        assertTrue(Files.isRegularFile(out.resolve("dev.json")));
        long k8sObjects = StackPlans.dev().matching(PlanWriter::isKubernetesObject).size();
        try (Stream<Path> files = Files.list(out.resolve("dev").resolve("k8s"))) {
            assertEquals(k8sObjects, files.count());
        }
    }

    @Test
    void planCommandRefusesABrokenCidrNamingTheSettingAndWritesNothing(@TempDir Path project) throws Exception {
        Path source = StackPlans.projectDir();
        Files.copy(source.resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        String dev = Files.readString(source.resolve("Pulumi.dev.yaml")).replace("vpcCidr: 10.10.0.0/16", "vpcCidr: 10.10.0.0/99");
        Files.writeString(project.resolve("Pulumi.broken.yaml"), dev);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PlanCommand.run(new String[]{"plan", "broken", "--project-dir", project.toString(),
                "--out", project.resolve("out").toString()}, Platform::define,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(code != 0);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("agent-platform:network.vpcCidr") && message.contains("10.10.0.0/99"), message);
        assertFalse(Files.exists(project.resolve("out")), "nothing may be written for an invalid stack");
    }

    @Test
    void aStackFileThatIsNotYamlIsOneMessageWithFileLineAndColumnAndExitTwo(@TempDir Path project) throws Exception {
        Path source = StackPlans.projectDir();
        Files.copy(source.resolve("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        List<String> lines = new ArrayList<>(Files.readAllLines(source.resolve("Pulumi.dev.yaml")));
        int broken = lines.indexOf("  agent-platform:network:") + 2; // 1-based number of the line after it
        // An unclosed flow sequence: the parser stops at the next line's mapping, as a hand edit typically breaks.
        lines.set(broken - 1, "    vpcCidr: [10.10.0.0/16");
        Files.write(project.resolve("Pulumi.broken.yaml"), lines);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = PlanCommand.run(new String[]{"plan", "broken", "--project-dir", project.toString(),
                "--out", project.resolve("out").toString()}, Platform::define,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(2, code, message);
        assertTrue(message.contains("Pulumi.broken.yaml:"), "names the file: " + message);
        assertTrue(message.matches("(?s).*Pulumi\\.broken\\.yaml:(" + broken + "|" + (broken + 1) + "):\\d+: .*"),
                "names the line of the error and a column: " + message);
        assertFalse(message.contains("\tat ") || message.contains("Exception"), "no stack trace: " + message);
        assertTrue(message.lines().count() <= 2, "one message: " + message);
        assertFalse(Files.exists(project.resolve("out")), "nothing may be written for an unreadable stack");
    }
}
