package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.RunningService;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The infrastructure's dashboards and alerts are checked against metrics-contract.txt; this keeps the file true. */
class MetricsContractTest {

    private static RunningService service;
    private static String metrics;

    @BeforeAll
    static void startAndMakeTraffic() {
        service = RunningService.startMigrated(Map.of());
        String prompt = "{\"prompt\":\"metrics " + UUID.randomUUID() + "\"}";
        service.postTask(prompt); // cache miss + model call
        service.postTask(prompt); // cache hit
        service.get("/v1/tasks/" + UUID.randomUUID()); // 404
        HttpResponse<String> scrape = service.management("/metrics");
        assertThat(scrape.statusCode()).isEqualTo(200);
        metrics = scrape.body();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static List<String> contractNames() throws IOException {
        return Files.readAllLines(Path.of("metrics-contract.txt")).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    static Set<String> exposedSeriesNames(String exposition) {
        return exposition.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    @Test
    void everyMetricNamedInTheContractIsExposedOnSlashMetrics() throws IOException {
        assertThat(contractNames()).isNotEmpty();
        assertThat(exposedSeriesNames(metrics)).containsAll(contractNames());
    }

    @Test
    void httpRequestSeriesCarryTheRouteTemplateAndStatusLabels() {
        assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*status=\"201\"[^}]*uri=\"/v1/tasks\"");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"[^}]*uri=\"/v1/tasks/\\{id}\"");
    }

    @Test
    void cacheAndModelCountersReflectTheTraffic() {
        assertThat(metrics).containsPattern("(?m)^agent_cache_hits_total\\{[^}]*} 1\\.0$");
        assertThat(metrics).containsPattern("(?m)^agent_cache_misses_total\\{[^}]*} 1\\.0$");
        assertThat(metrics).containsPattern("(?m)^agent_model_calls_seconds_count\\{[^}]*outcome=\"success\"[^}]*} 1$");
    }
}
