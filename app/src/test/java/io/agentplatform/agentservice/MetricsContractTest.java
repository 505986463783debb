package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.RunningService;
import java.io.IOException;
import java.net.http.HttpRequest;
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
        service.get("/no-such-route"); // 404 without a route
        service.request(HttpRequest.newBuilder(service.api("/v1/tasks")).DELETE()); // 405: a path, not a route
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
    void requestsNoRouteHandledAreLabelledNotFoundOrUnknownAsTheReadmeSays() {
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"[^}]*uri=\"NOT_FOUND\"");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"DELETE\"[^}]*status=\"405\"[^}]*uri=\"UNKNOWN\"");
    }

    @Test
    void httpRequestSeriesCarryExactlyTheLabelsTheReadmeLists() {
        Set<String> labelSets = metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .map(line -> line.substring(line.indexOf('{') + 1, line.lastIndexOf('}')).replaceAll("=\"[^\"]*\"", ""))
                .collect(Collectors.toSet());
        assertThat(labelSets).containsExactly("application,error,exception,method,outcome,status,uri");
        // The requests in flight, by method (the graceful-shutdown test reads it).
        assertThat(metrics).containsPattern("http_server_requests_active_seconds_gcount\\{[^}]*method=\"GET\"");
    }

    @Test
    void cacheAndModelCountersReflectTheTraffic() {
        assertThat(metrics).containsPattern("(?m)^agent_cache_hits_total\\{[^}]*} 1\\.0$");
        assertThat(metrics).containsPattern("(?m)^agent_cache_misses_total\\{[^}]*} 1\\.0$");
        assertThat(metrics).containsPattern("(?m)^agent_model_calls_seconds_count\\{[^}]*outcome=\"success\"[^}]*} 1$");
    }
}
