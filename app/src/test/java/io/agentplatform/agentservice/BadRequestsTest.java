package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class BadRequestsTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of(
                "RATE_LIMIT_PER_MINUTE", "0", "MAX_BODY_BYTES", "2048", "MAX_PROMPT_CHARS", "100"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** Every error is an RFC 9457 JSON problem with a code and the request id, and never a stack trace. */
    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("requestId").asString()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        return problem;
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(service.postTask("{\"prompt\": \"unterminated"), 400, "invalid_json");
    }

    @Test
    void anEmptyBodyIs400() {
        assertProblem(service.postTask(""), 400, "invalid_json");
    }

    @Test
    void aBodyLargerThanMaxBodyBytesIs413() {
        String big = "{\"prompt\":\"" + "x".repeat(3000) + "\"}";
        assertProblem(service.postTask(big), 413, "body_too_large");
    }

    @Test
    void aChunkedBodyWithoutLengthThatGrowsPastTheLimitIs413() {
        byte[] big = ("{\"prompt\":\"" + "y".repeat(3000) + "\"}").getBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(service.api("/v1/tasks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertProblem(service.request(request), 413, "body_too_large");
    }

    @Test
    void aBodyThatIsNotJsonContentIs415() {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.api("/v1/tasks"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("prompt=hello"));
        assertProblem(service.request(request), 415, "unsupported_media_type");
    }

    @Test
    void aMissingPromptIs422() {
        assertProblem(service.postTask("{\"metadata\":{}}"), 422, "invalid_request");
    }

    @Test
    void aBlankOrNonStringPromptIs422() {
        assertProblem(service.postTask("{\"prompt\":\"   \"}"), 422, "invalid_request");
        assertProblem(service.postTask("{\"prompt\":42}"), 422, "invalid_request");
    }

    @Test
    void aPromptLongerThanMaxPromptCharsIs422() {
        JsonNode problem = assertProblem(service.postTask("{\"prompt\":\"" + "z".repeat(101) + "\"}"), 422, "invalid_request");
        assertThat(problem.path("detail").asString()).contains("100");
    }

    @Test
    void metadataThatIsNotAnObjectIs422() {
        assertProblem(service.postTask("{\"prompt\":\"hi\",\"metadata\":[1,2]}"), 422, "invalid_request");
    }

    @Test
    void anUnknownFieldIs422() {
        JsonNode problem = assertProblem(service.postTask("{\"prompt\":\"hi\",\"temperature\":2}"), 422, "invalid_request");
        assertThat(problem.path("detail").asString()).contains("temperature");
    }

    @Test
    void aJsonArrayBodyIs422() {
        assertProblem(service.postTask("[\"hi\"]"), 422, "invalid_request");
    }

    @Test
    void anIdempotencyKeyWithSpacesOrTooLongIs400() {
        assertProblem(service.postTask("{\"prompt\":\"hi\"}", "Idempotency-Key", "has spaces"), 400, "invalid_idempotency_key");
        assertProblem(service.postTask("{\"prompt\":\"hi\"}", "Idempotency-Key", "k".repeat(201)), 400, "invalid_idempotency_key");
    }

    @Test
    void aMalformedClientIdIs400() {
        assertProblem(service.postTask("{\"prompt\":\"hi\"}", "X-Client-ID", "bad client/id"), 400, "invalid_client_id");
    }

    @Test
    void noBadRequestLeavesARowBehind() {
        service.postTask("{\"prompt\":\"" + "z".repeat(101) + "\"}");
        service.postTask("{\"prompt\":\"hi\",\"metadata\":\"nope\"}");
        assertThat(service.countRows("true")).isZero();
    }

    @Test
    void aNulCharacterInThePromptIs422NamingThePromptAndNothingOfItIsLogged(CapturedOutput output) {
        String marker = "nul-prompt-" + UUID.randomUUID();
        JsonNode problem = assertProblem(service.postTask("{\"prompt\":\"" + marker + "\\u0000x\"}"), 422, "invalid_request");
        assertThat(problem.path("detail").asString()).contains("\"prompt\"").contains("NUL").doesNotContain(marker);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void aNulCharacterInAMetadataKeyIs422NamingTheMetadataAndNothingOfItIsLogged(CapturedOutput output) {
        String marker = "nul-key-" + UUID.randomUUID();
        JsonNode problem = assertProblem(service.postTask("{\"prompt\":\"hi\",\"metadata\":{\"" + marker + "\\u0000\":\"v\"}}"),
                422, "invalid_request");
        assertThat(problem.path("detail").asString()).contains("A key of \"metadata\"").contains("NUL").doesNotContain(marker);
        assertThat(output.getAll()).doesNotContain(marker);
    }

    @Test
    void aNulCharacterInAMetadataValueAtAnyDepthIs422NamingItsPathAndNothingOfItIsLogged(CapturedOutput output) {
        String marker = "nul-value-" + UUID.randomUUID();
        JsonNode flat = assertProblem(service.postTask("{\"prompt\":\"hi\",\"metadata\":{\"team\":\"" + marker + "\\u0000\"}}"),
                422, "invalid_request");
        assertThat(flat.path("detail").asString()).contains("\"metadata.team\"").doesNotContain(marker);
        JsonNode nested = assertProblem(service.postTask(
                "{\"prompt\":\"hi\",\"metadata\":{\"tags\":[\"ok\",{\"deep\":\"" + marker + "\\u0000\"}]}}"), 422, "invalid_request");
        assertThat(nested.path("detail").asString()).contains("\"metadata.tags[1].deep\"");
        assertThat(output.getAll()).doesNotContain(marker);
        assertThat(service.countRows("true")).isZero();
    }

    @Test
    void onlyTheCanonicalUuidFormIsATaskId() {
        assertProblem(service.get("/v1/tasks/1-1-1-1-1"), 400, "invalid_task_id");
        assertProblem(service.get("/v1/tasks/0000000000000000000000000000000000000"), 400, "invalid_task_id");
        assertProblem(service.get("/v1/tasks/{00000000-0000-0000-0000-000000000000}".replace("{", "%7B").replace("}", "%7D")),
                400, "invalid_task_id");
        assertProblem(service.get("/v1/tasks/00000000-0000-0000-0000-00000000000g"), 400, "invalid_task_id");
        assertProblem(service.get("/v1/tasks/00000000-0000-0000-0000-000000000000"), 404, "task_not_found");
    }
}
