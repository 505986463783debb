package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The service configured with LLM_API_URL, against a stand-in OpenAI-compatible endpoint on loopback. */
class RemoteModelApiTest {

    private static HttpServer modelServer;
    private static final AtomicReference<Integer> status = new AtomicReference<>(200);
    private static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        modelServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        modelServer.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int code = status.get();
            byte[] body = (code == 200
                    ? "{\"choices\":[{\"message\":{\"content\":\"remote answer\"}}]}"
                    : "{\"error\":\"scripted failure\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        modelServer.start();
        service = RunningService.startMigrated(Map.of(
                "RATE_LIMIT_PER_MINUTE", "0",
                "CACHE_TTL_SECONDS", "0",
                "LLM_API_URL", "http://127.0.0.1:" + modelServer.getAddress().getPort() + "/v1",
                "LLM_API_KEY_FILE", RunningService.environmentForNewDatabase().get("DB_PASSWORD_FILE"),
                "LLM_MODEL", "stand-in-model",
                "LLM_MAX_RETRIES", "1",
                "LLM_RETRY_BACKOFF_MS", "10",
                "LLM_CIRCUIT_OPEN_SECONDS", "42"));
    }

    @AfterAll
    static void stop() {
        service.close();
        modelServer.stop(0);
    }

    @Test
    void theRemoteModelsAnswerIsStoredWithItsModelName() {
        status.set(200);
        HttpResponse<String> response = service.postTask("{\"prompt\":\"hello remote\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode task = Json.parse(response.body());
        assertThat(task.path("answer").asString()).isEqualTo("remote answer");
        assertThat(task.path("model").asString()).isEqualTo("stand-in-model");
    }

    @Test
    void aPromptTheModelRejectsIsStoredAsAFailedTask() {
        status.set(400);
        HttpResponse<String> response = service.postTask("{\"prompt\":\"rejected prompt\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode task = Json.parse(response.body());
        assertThat(task.path("status").asString()).isEqualTo("failed");
        assertThat(task.path("error").asString()).contains("HTTP 400");
        assertThat(task.has("answer")).isFalse();
    }

    @Test
    void aModelOutageIs503WithRetryAfterAndStoresNothingAndAnOpenCircuitSaysWhenToRetry() {
        status.set(503);
        HttpResponse<String> first = service.postTask("{\"prompt\":\"model down\"}");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(Json.parse(first.body()).path("code").asString()).isEqualTo("model_unavailable");
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        assertThat(service.countRows("prompt = 'model down'")).isZero();

        HttpResponse<String> last = first;
        for (int i = 0; i < 10 && !"42".equals(last.headers().firstValue("Retry-After").orElse("")); i++) {
            last = service.postTask("{\"prompt\":\"model down\"}");
        }
        assertThat(last.statusCode()).isEqualTo(503);
        assertThat(last.headers().firstValue("Retry-After")).as("circuit open: retry after LLM_CIRCUIT_OPEN_SECONDS").contains("42");
        assertThat(service.management("/metrics").body())
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*state=\"open\"[^}]*} 1\\.0");
        status.set(200);
    }
}
