package io.agentplatform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policy pack is tested against the real plans of the committed stacks: policies/test/fixtures/plans/<stack>.json
 * must be exactly what the program plans today (scripts/policy-fixtures.sh writes them).
 */
class PolicyFixturesTest {
    private static final Path PLANS = TestStacks.projectDir().resolve("policies/test/fixtures/plans");

    static List<String> committedStacks() throws IOException {
        try (Stream<Path> files = Files.list(TestStacks.projectDir())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("Pulumi\\.[^.]+\\.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length())).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("committedStacks")
    void thePolicyPacksPlanOfTheStackIsTheProgramsPlan(String stack) throws IOException {
        Path fixture = PLANS.resolve(stack + ".json");
        String hint = " (run scripts/policy-fixtures.sh)";
        assertTrue(Files.isRegularFile(fixture), fixture + " is missing" + hint);
        List<String> planned = TestStacks.of(stack).plan().toJsonText().lines().toList();
        List<String> committed = Files.readString(fixture).lines().toList();
        int line = 0;
        while (line < planned.size() && line < committed.size() && planned.get(line).equals(committed.get(line))) {
            line++;
        }
        int at = line;
        assertTrue(at == planned.size() && at == committed.size(), () -> "policies/test/fixtures/plans/" + stack
                + ".json differs from the program's plan from line " + (at + 1) + ": committed '"
                + (at < committed.size() ? committed.get(at).strip() : "<end>") + "', planned '"
                + (at < planned.size() ? planned.get(at).strip() : "<end>") + "'" + hint);
    }

    @Test
    void everyFixturePlanBelongsToACommittedStack() throws IOException {
        try (Stream<Path> files = Files.list(PLANS)) {
            List<String> fixtures = files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList();
            assertEquals(committedStacks(), fixtures, "one real plan per Pulumi.<stack>.yaml, no leftovers");
        }
    }
}
