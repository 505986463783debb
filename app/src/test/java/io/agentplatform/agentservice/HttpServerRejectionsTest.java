package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RawHttp;
import io.agentplatform.agentservice.support.RunningService;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Requests the HTTP server refuses before any application code runs, sent byte for byte: each gets
 * the API's problem body with its documented code, a request id and the X-Request-ID header, never
 * Tomcat's HTML page.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpServerRejectionsTest {

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "0"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static RawHttp.Response send(String request) {
        return RawHttp.send(service.port(), request);
    }

    private static JsonNode assertProblem(RawHttp.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("Exception");
        JsonNode problem = Json.parse(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(response.header("X-Request-ID")).isNotBlank();
        assertThat(problem.path("requestId").asString()).isEqualTo(response.header("X-Request-ID"));
        return problem;
    }

    @Test
    void theManagementPortAnswersAMalformedRequestWithTheSameProblemBody() {
        assertProblem(RawHttp.send(service.managementPort(), "GET /health/../metrics HTTP/1.1\r\nHost: x\r\n"
                + "X-Note: bell\u0007here\r\n\r\n"), 400, "malformed_request");
        assertProblem(RawHttp.send(service.managementPort(), "GET /health/live HTTP/1.1\r\n\r\n"), 400,
                "malformed_request");
    }

    @Test
    void aControlCharacterInAHeaderIs400MalformedRequest() {
        assertProblem(send("GET /v1/tasks/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: x\r\n"
                + "X-Note: bell\u0007here\r\n\r\n"), 400, "malformed_request");
    }

    @Test
    void aPathClimbingAboveTheRootIs400MalformedRequest() {
        assertProblem(send("GET /../v1/tasks HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "malformed_request");
    }

    @Test
    void anEncodedSlashInThePathIs400MalformedRequest() {
        assertProblem(send("GET /v1/tasks%2f00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: x\r\n\r\n"),
                400, "malformed_request");
    }

    @Test
    void anEncodedNulInThePathIs400MalformedRequest() {
        assertProblem(send("GET /v1/tasks/%00 HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "malformed_request");
    }

    @Test
    void aHeaderOverTheSizeLimitIs400MalformedRequest() {
        assertProblem(send("GET /v1/tasks HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"),
                400, "malformed_request");
    }

    @Test
    void aBadRequestLineIs400MalformedRequest() {
        assertProblem(send("GET /v1/tasks HTTP/1.1 extra\r\nHost: x\r\n\r\n"), 400, "malformed_request");
    }

    @Test
    void aMissingHostIs400MalformedRequest() {
        assertProblem(send("GET /v1/tasks/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\n\r\n"), 400, "malformed_request");
    }

    @Test
    void theCallersValidRequestIdIsKeptEvenWhenTheServerRefusesTheRequest() {
        RawHttp.Response response = send("GET /../v1/tasks HTTP/1.1\r\nHost: x\r\nX-Request-ID: trace-123\r\n\r\n");
        assertThat(assertProblem(response, 400, "malformed_request").path("requestId").asString()).isEqualTo("trace-123");
    }

    @Test
    void traceIs405WithTheSameProblemAsOther405s() {
        JsonNode trace = assertProblem(send("TRACE /v1/tasks HTTP/1.1\r\nHost: x\r\n\r\n"), 405, "method_not_allowed");
        JsonNode delete = assertProblem(send("DELETE /v1/tasks HTTP/1.1\r\nHost: x\r\n\r\n"), 405, "method_not_allowed");
        assertThat(trace.properties().stream().map(Map.Entry::getKey).sorted().toList())
                .isEqualTo(delete.properties().stream().map(Map.Entry::getKey).sorted().toList());
    }

    @Test
    void anInventedMethodIs405MethodNotAllowed() {
        assertProblem(send("BREW /v1/tasks HTTP/1.1\r\nHost: x\r\n\r\n"), 405, "method_not_allowed");
    }

    @Test
    void aBrokenChunkedBodyIs400MalformedRequestNotAServerError(CapturedOutput output) {
        assertProblem(send("POST /v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{\"prompt\":\"hi\"}\r\n0\r\n\r\n"), 400, "malformed_request");
        assertThat(output.getAll()).doesNotContain("unexpected error").doesNotContain("\"level\":\"ERROR\"");
    }
}
