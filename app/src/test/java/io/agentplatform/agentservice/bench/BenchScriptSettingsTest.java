package io.agentplatform.agentservice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** app/bench/run.sh refuses bad settings, every one at once, before it builds or installs anything. */
class BenchScriptSettingsTest {

    record Run(int exit, String out, String err) {
    }

    private static Run benchWith(Map<String, String> settings) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "bench/run.sh");
        builder.environment().keySet().removeIf(name -> name.startsWith("BENCH_"));
        builder.environment().putAll(settings);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            // It went on to build: stop it and its Maven children instead of leaving them running.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("bench/run.sh accepted the settings and went on to build: " + settings);
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void everyBadSettingIsNamedWithItsValueAndTheLeastAllowedBeforeAnythingIsBuilt() throws Exception {
        Run run = benchWith(Map.of("BENCH_CONCURRENCY", "-1", "BENCH_SECONDS", "ten", "BENCH_WARMUP_SECONDS", "1.5",
                "BENCH_ROUNDS", "0", "BENCH_SLICE_PAIRS", "x", "BENCH_SLICE_SECONDS", "00"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                "bench: BENCH_CONCURRENCY must be a whole number of at least 1, got '-1'",
                "bench: BENCH_SECONDS must be a whole number of at least 1, got 'ten'",
                "bench: BENCH_WARMUP_SECONDS must be a whole number of at least 0, got '1.5'",
                "bench: BENCH_ROUNDS must be a whole number of at least 1, got '0'",
                "bench: BENCH_SLICE_PAIRS must be a whole number of at least 0, got 'x'",
                "bench: BENCH_SLICE_SECONDS must be a whole number of at least 1, got '00'");
        assertThat(run.out()).doesNotContain("Building");
    }

    @Test
    void goodValuesBesideABadOneAreNotReported() throws Exception {
        Run run = benchWith(Map.of("BENCH_SLICE_PAIRS", "0", "BENCH_WARMUP_SECONDS", "0", "BENCH_ROUNDS", "3",
                "BENCH_SLICE_SECONDS", "0"));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines())
                .containsExactly("bench: BENCH_SLICE_SECONDS must be a whole number of at least 1, got '0'");
    }
}
