package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RawHttp;
import io.agentplatform.agentservice.support.RunningService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * The README's table of statuses and codes is the contract: every row is produced by a real request
 * against a running service (with real PostgreSQL and Redis, or with them unreachable), and every
 * way this test knows to produce an error is a row of the table.
 */
class ErrorContractTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}) \\| `([a-z_]+)` \\|", Pattern.MULTILINE);

    /** What a scenario got back: enough to check the problem, whether it came from HttpClient or a raw socket. */
    record Answer(int status, String contentType, String requestIdHeader, String body) {

        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("X-Request-ID").orElse(null), response.body());
        }

        static Answer of(RawHttp.Response response) {
            return new Answer(response.status(), String.valueOf(response.header("Content-Type")),
                    response.header("X-Request-ID"), response.body());
        }
    }

    private static RunningService healthy;
    private static RunningService dependenciesDown;
    private static RunningService schemaDrift;
    private static final Map<String, Supplier<Answer>> scenarios = new LinkedHashMap<>();

    @BeforeAll
    static void startServices() throws IOException {
        healthy = RunningService.startMigrated(Map.of(
                "RATE_LIMIT_PER_MINUTE", "3", "MAX_BODY_BYTES", "2048", "MAX_PROMPT_CHARS", "100"));

        int closedPort = closedPort();
        Map<String, String> down = RunningService.environmentForNewDatabase();
        down.put("DB_PORT", String.valueOf(closedPort));
        down.put("LLM_API_URL", "http://127.0.0.1:" + closedPort + "/v1");
        down.put("LLM_MODEL", "unreachable-model");
        down.put("LLM_MAX_RETRIES", "0");
        down.put("LLM_TIMEOUT_MS", "1000");
        down.put("RATE_LIMIT_PER_MINUTE", "0");
        dependenciesDown = RunningService.start(down);

        schemaDrift = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "0"));
        // As a bug would leave it: the code writes a column the schema no longer has.
        EmbeddedServers.get().execute(schemaDrift.database(), List.of("ALTER TABLE tasks RENAME COLUMN answer TO answer_text"));

        defineScenarios();
    }

    @AfterAll
    static void stop() {
        healthy.close();
        dependenciesDown.close();
        schemaDrift.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String client() {
        return "contract-" + UUID.randomUUID();
    }

    private static Answer post(RunningService service, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        if (!all.contains("X-Client-ID")) {
            all.addAll(List.of("X-Client-ID", client()));
        }
        return Answer.of(service.postTask(body, all.toArray(String[]::new)));
    }

    private static void defineScenarios() {
        scenarios.put("malformed_request", () -> Answer.of(RawHttp.send(healthy.port(), "GET /../v1/tasks HTTP/1.1\r\nHost: x\r\n\r\n")));
        scenarios.put("invalid_json", () -> post(healthy, "{\"prompt\":"));
        scenarios.put("invalid_idempotency_key", () -> post(healthy, "{\"prompt\":\"hi\"}", "Idempotency-Key", "has spaces"));
        scenarios.put("invalid_client_id", () -> post(healthy, "{\"prompt\":\"hi\"}", "X-Client-ID", "bad client/id"));
        scenarios.put("invalid_task_id", () -> Answer.of(healthy.get("/v1/tasks/1-1-1-1-1", "X-Client-ID", client())));
        scenarios.put("task_not_found", () -> Answer.of(healthy.get("/v1/tasks/" + UUID.randomUUID(), "X-Client-ID", client())));
        scenarios.put("not_found", () -> Answer.of(healthy.get("/v2/nothing-here", "X-Client-ID", client())));
        scenarios.put("method_not_allowed", () -> Answer.of(RawHttp.send(healthy.port(), "TRACE /v1/tasks HTTP/1.1\r\nHost: x\r\n\r\n")));
        scenarios.put("not_acceptable", () -> post(healthy, "{\"prompt\":\"hi\"}", "Accept", "text/html"));
        scenarios.put("body_too_large", () -> post(healthy, "{\"prompt\":\"" + "x".repeat(3000) + "\"}"));
        scenarios.put("unsupported_media_type", () -> Answer.of(healthy.request(HttpRequest.newBuilder(healthy.api("/v1/tasks"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")), "X-Client-ID", client())));
        scenarios.put("invalid_request", () -> post(healthy, "{\"prompt\":\"hi\\u0000\"}"));
        scenarios.put("idempotency_key_reused", () -> {
            String client = client();
            post(healthy, "{\"prompt\":\"first\"}", "Idempotency-Key", "contract-key", "X-Client-ID", client);
            return post(healthy, "{\"prompt\":\"second\"}", "Idempotency-Key", "contract-key", "X-Client-ID", client);
        });
        scenarios.put("rate_limited", () -> {
            String client = client();
            Answer last = null;
            // The limit is 3 per calendar minute; a minute may turn over once within the loop.
            for (int i = 0; i < 8 && (last == null || last.status() != 429); i++) {
                last = Answer.of(healthy.get("/v1/tasks/" + UUID.randomUUID(), "X-Client-ID", client));
            }
            return last;
        });
        scenarios.put("internal_error", () -> post(schemaDrift, "{\"prompt\":\"meets a schema the code does not expect\"}"));
        scenarios.put("database_unavailable", () -> post(dependenciesDown, "{\"prompt\":\"hi\"}", "Idempotency-Key", "k-" + UUID.randomUUID()));
        scenarios.put("model_unavailable", () -> post(dependenciesDown, "{\"prompt\":\"hi\"}"));
    }

    private static Map<String, Integer> readmeRows() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("<!-- error-contract: begin -->"), readme.indexOf("<!-- error-contract: end -->"));
        Map<String, Integer> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            assertThat(rows.put(row.group(2), Integer.parseInt(row.group(1)))).as("code %s listed twice", row.group(2)).isNull();
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }

    @Test
    void everyErrorThisTestCanProduceIsARowOfTheReadmeTable() throws IOException {
        assertThat(readmeRows().keySet()).containsExactlyInAnyOrderElementsOf(scenarios.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfTheReadmeTableIsProducedAsAProblem() throws IOException {
        Map<String, Integer> rows = new HashMap<>(readmeRows());
        return readmeRows().entrySet().stream().map(row -> DynamicTest.dynamicTest(row.getValue() + " " + row.getKey(), () -> {
            Supplier<Answer> scenario = scenarios.get(row.getKey());
            assertThat(scenario).as("a way to produce " + row.getKey()).isNotNull();
            Answer answer = scenario.get();
            assertThat(answer.status()).as(answer.body()).isEqualTo(rows.get(row.getKey()));
            assertThat(answer.contentType()).startsWith("application/problem+json");
            JsonNode problem = Json.parse(answer.body());
            assertThat(problem.path("status").asInt()).isEqualTo(answer.status());
            assertThat(problem.path("code").asString()).isEqualTo(row.getKey());
            assertThat(problem.path("title").asString()).isNotBlank();
            assertThat(problem.path("detail").asString()).isNotBlank();
            assertThat(answer.requestIdHeader()).isNotBlank();
            assertThat(problem.path("requestId").asString()).isEqualTo(answer.requestIdHeader());
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }));
    }
}
