package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TaskApiTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "0"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static String newClient() {
        return "client-" + UUID.randomUUID();
    }

    @Test
    void postRunsTheAgentAndReturnsTheStoredTaskWithIdStatusAnswerAndTimings() {
        HttpResponse<String> response = service.postTask(
                "{\"prompt\":\"Summarise the quarterly report\",\"metadata\":{\"team\":\"finance\"}}",
                "X-Client-ID", newClient());

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode task = Json.parse(response.body());
        String id = task.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(response.headers().firstValue("Location")).contains("/v1/tasks/" + id);
        assertThat(task.path("status").asString()).isEqualTo("succeeded");
        assertThat(task.path("answer").asString()).startsWith("Offline answer").contains("quarterly");
        assertThat(task.path("model").asString()).isEqualTo("offline-deterministic");
        assertThat(task.path("metadata").path("team").asString()).isEqualTo("finance");
        Instant created = Instant.parse(task.path("timings").path("createdAt").asString());
        Instant completed = Instant.parse(task.path("timings").path("completedAt").asString());
        assertThat(completed).isAfterOrEqualTo(created);
        assertThat(task.path("timings").path("totalMs").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(service.countRows("id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void getReturnsTheSameTaskAsThePost() {
        HttpResponse<String> created = service.postTask("{\"prompt\":\"What is a circuit breaker?\"}", "X-Client-ID", newClient());
        String id = Json.parse(created.body()).path("id").asString();

        HttpResponse<String> fetched = service.get("/v1/tasks/" + id);

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(Json.parse(fetched.body())).isEqualTo(Json.parse(created.body()));
    }

    @Test
    void theOfflineModelAnswersTheSamePromptTheSameWay() {
        String first = Json.parse(service.postTask("{\"prompt\":\"deterministic please\"}", "X-Client-ID", newClient()).body())
                .path("answer").asString();
        String second = Json.parse(service.postTask("{\"prompt\":\"deterministic please\"}", "X-Client-ID", newClient()).body())
                .path("answer").asString();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aRepeatedPromptIsAnsweredFromTheRedisCache() {
        String prompt = "{\"prompt\":\"cache me " + UUID.randomUUID() + "\"}";
        JsonNode first = Json.parse(service.postTask(prompt, "X-Client-ID", newClient()).body());
        JsonNode second = Json.parse(service.postTask(prompt, "X-Client-ID", newClient()).body());

        assertThat(first.path("cached").asBoolean()).isFalse();
        assertThat(second.path("cached").asBoolean()).isTrue();
        assertThat(second.path("answer").asString()).isEqualTo(first.path("answer").asString());
    }

    @Test
    void unknownTaskIdIs404WithAJsonProblem() {
        HttpResponse<String> response = service.get("/v1/tasks/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(Json.parse(response.body()).path("code").asString()).isEqualTo("task_not_found");
    }

    @Test
    void aTaskIdThatIsNotAUuidIs400() {
        HttpResponse<String> response = service.get("/v1/tasks/not-a-uuid");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("code").asString()).isEqualTo("invalid_task_id");
    }

    @Test
    void theCallersRequestIdIsReturnedAndOneIsGeneratedWhenMissing() {
        HttpResponse<String> given = service.get("/v1/tasks/" + UUID.randomUUID(), "X-Request-ID", "trace-abc.123");
        HttpResponse<String> generated = service.get("/v1/tasks/" + UUID.randomUUID());

        assertThat(given.headers().firstValue("X-Request-ID")).contains("trace-abc.123");
        assertThat(Json.parse(given.body()).path("requestId").asString()).isEqualTo("trace-abc.123");
        assertThat(generated.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    @Test
    void anUnknownRouteIs404AndAWrongMethodIs405BothAsJsonProblems() {
        HttpResponse<String> unknown = service.get("/v1/nothing-here");
        HttpResponse<String> wrongMethod = service.request(HttpRequest.newBuilder(service.api("/v1/tasks")).DELETE());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.parse(unknown.body()).path("status").asInt()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(Json.parse(wrongMethod.body()).path("status").asInt()).isEqualTo(405);
    }
}
