package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RawHttp;
import io.agentplatform.agentservice.support.RunningService;
import io.agentplatform.agentservice.task.DirectTaskCreationFilter;
import io.agentplatform.agentservice.task.TaskController;
import io.agentplatform.agentservice.web.HttpServerMetricsFilter;
import io.agentplatform.agentservice.web.RateLimitInterceptor;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.filter.RequestContextFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/tasks} with no Accept header is handled directly (DirectTaskCreationFilter); the same request with an
 * Accept that lists types goes through Spring MVC's dispatch and negotiation. Against a running service both answer
 * every outcome alike: status, headers, problem code and detail, the stored task.
 */
@ExtendWith(OutputCaptureExtension.class)
class DirectTaskCreationTest {

    /** Sent on the Spring MVC path only: a list of types is left to Spring's negotiation. */
    private static final String NEGOTIATED_ACCEPT = "application/json, application/problem+json";
    private static final int RATE_LIMIT = 3;

    private static RunningService service;
    private static RunningService databaseDown;
    private static RunningService schemaDrift;

    @BeforeAll
    static void start() throws IOException {
        service = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", String.valueOf(RATE_LIMIT),
                "MAX_BODY_BYTES", "2048", "MAX_PROMPT_CHARS", "100"));
        Map<String, String> down = RunningService.environmentForNewDatabase();
        try (ServerSocket closed = new ServerSocket(0)) {
            down.put("DB_PORT", String.valueOf(closed.getLocalPort()));
        }
        down.put("RATE_LIMIT_PER_MINUTE", "0");
        databaseDown = RunningService.start(down);
        schemaDrift = RunningService.startMigrated(Map.of("RATE_LIMIT_PER_MINUTE", "0"));
        // As a bug would leave it: the code writes a column the schema no longer has.
        EmbeddedServers.get().execute(schemaDrift.database(),
                List.of("ALTER TABLE tasks RENAME COLUMN answer TO answer_text"));
    }

    @AfterAll
    static void stop() {
        service.close();
        databaseDown.close();
        schemaDrift.close();
    }

    private static FilterRegistrationBean<?> registrationOf(Class<?> filter) {
        return service.context().getBeansOfType(FilterRegistrationBean.class).values().stream()
                .filter(registration -> filter.isInstance(registration.getFilter())).findFirst().orElseThrow();
    }

    @Test
    void theDirectPathServesTheRouteAfterTheRequestIdAndMetricsFiltersAndBeforeSpringMvcsFilters() {
        FilterRegistrationBean<?> direct = registrationOf(DirectTaskCreationFilter.class);
        assertThat(direct.getUrlPatterns()).containsExactly("/v1/tasks");
        assertThat(direct.getOrder()).isGreaterThan(registrationOf(HttpServerMetricsFilter.class).getOrder())
                .isLessThan(((Ordered) service.context().getBean(RequestContextFilter.class)).getOrder());
    }

    /** What both paths must agree on: everything but the request id, the task id and the timings. */
    record Outcome(int status, String contentType, Map<String, String> headers, String code, String detail,
                   String taskStatus, String answer, String metadata) {

        static Outcome of(HttpResponse<String> response) {
            return of(response.statusCode(), name -> response.headers().firstValue(name).orElse(null), response.body());
        }

        static Outcome of(RawHttp.Response response) {
            return of(response.status(), response::header, response.body());
        }

        static Outcome of(int status, Function<String, String> header, String text) {
            Map<String, String> headers = new TreeMap<>();
            for (String name : List.of("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                    "Idempotent-Replayed")) {
                Optional.ofNullable(header.apply(name)).ifPresent(value -> headers.put(name, value));
            }
            Optional.ofNullable(header.apply("Location")).ifPresent(location ->
                    headers.put("Location", location.replaceAll("[0-9a-f-]{36}$", "{id}")));
            String requestId = header.apply("X-Request-ID");
            assertThat(requestId).isNotNull();
            JsonNode body = Json.parse(text);
            if (body.has("requestId")) {
                assertThat(body.path("requestId").asString()).isEqualTo(requestId);
            }
            return new Outcome(status, Optional.ofNullable(header.apply("Content-Type")).orElse(""), headers,
                    text(body, "code"), text(body, "detail"), text(body, "status"), text(body, "answer"),
                    body.has("metadata") ? body.path("metadata").toString() : null);
        }

        Outcome withoutHeader(String name) {
            Map<String, String> rest = new TreeMap<>(headers);
            rest.remove(name);
            return new Outcome(status, contentType, rest, code, detail, taskStatus, answer, metadata);
        }

        private static String text(JsonNode body, String field) {
            return body.has(field) ? body.path(field).asString() : null;
        }
    }

    /** A request's body (a {@code %s} in it becomes a fresh id, so that prompts differ between runs) and headers. */
    record Scenario(String name, String body, List<String> headers) {
    }

    private static List<Scenario> scenarios() {
        return List.of(
                new Scenario("a new task", "{\"prompt\":\"direct or not %s\",\"metadata\":{\"b\":1,\"a\":[true]}}",
                        List.of()),
                new Scenario("malformed JSON", "{\"prompt\": \"unterminated", List.of()),
                new Scenario("an empty body", "", List.of()),
                new Scenario("a JSON array", "[1]", List.of()),
                new Scenario("an unknown field", "{\"prompt\":\"p\",\"extra\":1}", List.of()),
                new Scenario("a blank prompt", "{\"prompt\":\"  \"}", List.of()),
                new Scenario("a prompt over MAX_PROMPT_CHARS", "{\"prompt\":\"" + "x".repeat(101) + "\"}", List.of()),
                new Scenario("a NUL in a metadata value", "{\"prompt\":\"p\",\"metadata\":{\"k\":\"a\\u0000b\"}}",
                        List.of()),
                new Scenario("a body over MAX_BODY_BYTES", "{\"prompt\":\"" + "y".repeat(3000) + "\"}", List.of()),
                new Scenario("an invalid Idempotency-Key", "{\"prompt\":\"p\"}", List.of("Idempotency-Key", "has space")),
                new Scenario("an invalid X-Client-ID", "{\"prompt\":\"p\"}", List.of("X-Client-ID", "bad client!")));
    }

    private static HttpResponse<String> post(String body, boolean direct, String client, List<String> headers) {
        return post(service, body, direct, client, headers);
    }

    private static HttpResponse<String> post(RunningService target, String body, boolean direct, String client,
                                             List<String> headers) {
        List<String> all = new ArrayList<>(headers);
        if (!headers.contains("X-Client-ID")) {
            all.addAll(List.of("X-Client-ID", client));
        }
        if (!direct) {
            all.addAll(List.of("Accept", NEGOTIATED_ACCEPT));
        }
        return target.postTask(body, all.toArray(String[]::new));
    }

    /** Posts {@code body} both ways (each from its own client) and returns the answer, once both agree. */
    private static Outcome answeredAlike(RunningService target, String body, List<String> headers) {
        String client = UUID.randomUUID().toString();
        Outcome direct = Outcome.of(post(target, body, true, "direct-" + client, headers));
        Outcome negotiated = Outcome.of(post(target, body, false, "mvc-" + client, headers));
        assertThat(direct).isEqualTo(negotiated);
        return direct;
    }

    @TestFactory
    Stream<DynamicTest> bothPathsAnswerEveryRequestAlike() {
        return scenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            String body = scenario.body().formatted(UUID.randomUUID());
            assertThat(answeredAlike(service, body, scenario.headers()).status()).isBetween(201, 422);
        }));
    }

    @Test
    void bothPathsRefuseTheRequestOverTheRateLimitAlike() throws InterruptedException {
        // The limit counts per calendar minute: start well inside one so the window cannot roll over mid-test.
        long secondOfMinute = Instant.now().getEpochSecond() % 60;
        if (secondOfMinute > 55) {
            Thread.sleep((61 - secondOfMinute) * 1000);
        }
        List<Outcome> direct = new ArrayList<>();
        List<Outcome> negotiated = new ArrayList<>();
        String unique = UUID.randomUUID().toString();
        for (int i = 0; i <= RATE_LIMIT; i++) {
            String body = "{\"prompt\":\"limited " + unique + " " + i + "\"}";
            direct.add(Outcome.of(post(body, true, "direct-" + unique, List.of())));
            negotiated.add(Outcome.of(post(body, false, "mvc-" + unique, List.of())));
        }
        assertThat(direct.get(RATE_LIMIT).code()).isEqualTo("rate_limited");
        // Retry-After counts down to the next minute: equal unless a second passed between the two requests.
        assertThat(withoutRetryAfter(direct)).isEqualTo(withoutRetryAfter(negotiated));
    }

    private static List<Outcome> withoutRetryAfter(List<Outcome> outcomes) {
        return outcomes.stream().map(outcome -> {
            assertThat(outcome.headers().containsKey("Retry-After")).isEqualTo(outcome.status() == 429);
            return outcome.withoutHeader("Retry-After");
        }).toList();
    }

    @Test
    void bothPathsReplayAnIdempotentRetryAndRefuseAReusedKeyAlike() {
        String unique = UUID.randomUUID().toString();
        String body = "{\"prompt\":\"idempotent " + unique + "\"}";
        String changed = "{\"prompt\":\"changed " + unique + "\"}";
        List<String> key = List.of("Idempotency-Key", "key-" + unique);
        List<Outcome> direct = Stream.of(body, body, changed)
                .map(each -> Outcome.of(post(each, true, "direct-" + unique, key))).toList();
        List<Outcome> negotiated = Stream.of(body, body, changed)
                .map(each -> Outcome.of(post(each, false, "mvc-" + unique, key))).toList();
        assertThat(direct).extracting(Outcome::status).containsExactly(201, 201, 422);
        assertThat(direct.get(1).headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(direct.get(2).code()).isEqualTo("idempotency_key_reused");
        assertThat(direct).isEqualTo(negotiated);
    }

    @Test
    void bothPathsAnswerADatabaseOutageAlike() {
        Outcome answer = answeredAlike(databaseDown, "{\"prompt\":\"while the database is down\"}", List.of());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("database_unavailable");
    }

    @Test
    void bothPathsAnswerAnUnexpectedDatabaseErrorAlike() {
        Outcome answer = answeredAlike(schemaDrift, "{\"prompt\":\"meets a schema the code does not expect\"}", List.of());
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.code()).isEqualTo("internal_error");
    }

    @Test
    void bothPathsAnswerABodyWithBrokenChunkFramingAlike() {
        String head = "POST /v1/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n";
        String broken = "\r\nZZ\r\n{\"prompt\":\"hi\"}\r\n0\r\n\r\n";
        Outcome direct = Outcome.of(RawHttp.send(service.port(), head + broken));
        Outcome negotiated = Outcome.of(RawHttp.send(service.port(), head + "Accept: " + NEGOTIATED_ACCEPT + "\r\n" + broken));
        assertThat(direct.status()).isEqualTo(400);
        assertThat(direct.code()).isEqualTo("malformed_request");
        assertThat(direct).isEqualTo(negotiated);
    }

    /** The request header forms the direct path takes, crossed: Content-Type by Accept (null: none sent). */
    private static List<MockHttpServletRequest> requestsTheDirectPathTakes() {
        List<MockHttpServletRequest> requests = new ArrayList<>();
        for (String contentType : List.of("application/json", "Application/JSON", "application/json;charset=UTF-8",
                "application/json; charset=utf-8")) {
            for (String accept : Arrays.asList(null, "*/*", "application/*", "application/json")) {
                MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/tasks");
                request.setContentType(contentType);
                if (accept != null) {
                    request.addHeader("Accept", accept);
                }
                requests.add(request);
            }
        }
        return requests;
    }

    @Test
    void everyRequestTheDirectPathTakesIsOneSpringMvcSendsToTheSameMethodWithNoInterceptorOfOursBesidesTheRateLimit()
            throws Exception {
        RequestMappingHandlerMapping mapping =
                service.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (MockHttpServletRequest request : requestsTheDirectPathTakes()) {
            assertThat(DirectTaskCreationFilter.takes(request)).as(describe(request)).isTrue();
            ServletRequestPathUtils.parseAndCache(request);
            HandlerExecutionChain chain = mapping.getHandler(request);
            assertThat(chain).as(describe(request)).isNotNull();
            assertThat(chain.getHandler()).as(describe(request)).isInstanceOfSatisfying(HandlerMethod.class, method -> {
                assertThat(method.getBeanType()).isEqualTo(TaskController.class);
                assertThat(method.getMethod().getName()).isEqualTo("create");
            });
            // Interceptors the direct path skips: only Spring's own attribute-exposing ones and the rate limit's,
            // which leaves this route to the controller. A new one on the route must be applied there too.
            assertThat(chain.getInterceptorList()).as(describe(request))
                    .filteredOn(interceptor -> !interceptor.getClass().getName().startsWith("org.springframework."))
                    .extracting(interceptor -> (Object) interceptor.getClass()).containsExactly(RateLimitInterceptor.class);
        }
    }

    private static String describe(MockHttpServletRequest request) {
        return "Content-Type " + request.getContentType() + ", Accept " + request.getHeader("Accept");
    }

    @Test
    void aPlainJsonPostNeverReachesDispatcherServletAndANegotiatedOneDoes(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        String dispatcher = DispatcherServlet.class.getName();
        String direct = "direct-" + UUID.randomUUID();
        String negotiated = "mvc-" + UUID.randomUUID();
        // DispatcherServlet logs every request it dispatches at DEBUG, with the request id of the MDC.
        logging.setLogLevel(dispatcher, LogLevel.DEBUG);
        try {
            assertThat(post("{\"prompt\":\"" + direct + "\"}", true, direct, List.of("X-Request-ID", direct))
                    .statusCode()).isEqualTo(201);
            assertThat(post("{\"prompt\":\"" + negotiated + "\"}", false, negotiated,
                    List.of("X-Request-ID", negotiated)).statusCode()).isEqualTo(201);
        } finally {
            logging.setLogLevel(dispatcher, null);
        }
        List<String> dispatched = output.getOut().lines().filter(line -> line.contains(dispatcher)).toList();
        assertThat(dispatched).anyMatch(line -> line.contains(negotiated)).noneMatch(line -> line.contains(direct));
    }
}
