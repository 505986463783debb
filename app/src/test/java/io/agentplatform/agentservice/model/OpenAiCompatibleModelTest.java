package io.agentplatform.agentservice.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.agentplatform.agentservice.config.Secret;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a stand-in OpenAI-compatible endpoint on loopback, scripted per call. */
class OpenAiCompatibleModelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "test-key-" + System.nanoTime();

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> requestBodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    record Reply(int status, String body, long delayMillis) {
    }

    private URI serve(IntFunction<Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            int call = calls.incrementAndGet();
            requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Reply reply = script.apply(call);
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Reply ok(String content) {
        return new Reply(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"}}]}", 0);
    }

    private static CircuitBreaker breaker(int minimumCalls) {
        return CircuitBreaker.of("test", CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(minimumCalls).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1))
                .recordException(e -> e instanceof ModelException m && m.countsAgainstModelHealth())
                .build());
    }

    private LanguageModel resilient(URI url, int maxRetries, CircuitBreaker breaker, Duration timeout) {
        return new ResilientModel(new OpenAiCompatibleModel(url, Optional.of(Secret.inline(KEY)), "test-model", timeout, JSON),
                breaker, maxRetries, Duration.ofMillis(10));
    }

    private static final ModelRequest REQUEST = new ModelRequest("be brief", "what is 2+2?");

    @Test
    void sendsAChatCompletionWithTheModelMessagesAndBearerKeyAndReturnsTheContent() throws Exception {
        URI url = serve(call -> ok("four"));

        ModelReply reply = resilient(url, 0, breaker(5), Duration.ofSeconds(5)).complete(REQUEST);

        assertThat(reply.text()).isEqualTo("four");
        JsonNode sent = JSON.readTree(requestBodies.get(0));
        assertThat(sent.path("model").asString()).isEqualTo("test-model");
        assertThat(sent.path("messages").path(0).path("role").asString()).isEqualTo("system");
        assertThat(sent.path("messages").path(1).path("content").asString()).isEqualTo("what is 2+2?");
        assertThat(authorizations.get(0)).isEqualTo("Bearer " + KEY);
    }

    @Test
    void retriesServerErrorsWithBackoffAndSucceedsWhenTheModelRecovers() throws Exception {
        URI url = serve(call -> call < 3 ? new Reply(503, "busy", 0) : ok("recovered"));

        ModelReply reply = resilient(url, 2, breaker(50), Duration.ofSeconds(5)).complete(REQUEST);

        assertThat(reply.text()).isEqualTo("recovered");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheConfiguredRetriesAndReportsTheModelUnavailable() throws Exception {
        URI url = serve(call -> new Reply(500, "boom", 0));

        ModelException error = catchThrowableOfType(ModelException.class,
                () -> resilient(url, 2, breaker(50), Duration.ofSeconds(5)).complete(REQUEST));

        assertThat(error.reason()).isEqualTo(ModelException.Reason.UNAVAILABLE);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(error.getMessage()).doesNotContain(KEY);
    }

    @Test
    void aSlowModelTimesOut() throws Exception {
        URI url = serve(call -> new Reply(200, "{}", 2000));

        long start = System.nanoTime();
        ModelException error = catchThrowableOfType(ModelException.class,
                () -> resilient(url, 0, breaker(50), Duration.ofMillis(300)).complete(REQUEST));

        assertThat(error.reason()).isEqualTo(ModelException.Reason.TIMEOUT);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1800);
    }

    @Test
    void aRequestTheModelRejectsIsNotRetried() throws Exception {
        URI url = serve(call -> new Reply(400, "{\"error\":\"context too long\"}", 0));

        ModelException error = catchThrowableOfType(ModelException.class,
                () -> resilient(url, 3, breaker(50), Duration.ofSeconds(5)).complete(REQUEST));

        assertThat(error.reason()).isEqualTo(ModelException.Reason.REJECTED);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndCallsFailFastWithoutReachingTheModel() throws Exception {
        URI url = serve(call -> new Reply(502, "bad gateway", 0));
        CircuitBreaker breaker = breaker(4);
        LanguageModel model = resilient(url, 0, breaker, Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            catchThrowableOfType(ModelException.class, () -> model.complete(REQUEST));
        }
        int callsWhenOpened = calls.get();

        ModelException error = catchThrowableOfType(ModelException.class, () -> model.complete(REQUEST));

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(error.reason()).isEqualTo(ModelException.Reason.CIRCUIT_OPEN);
        assertThat(calls.get()).isEqualTo(callsWhenOpened);
    }

    @Test
    void aRejectedCredentialIsNotRetriedAndNeverEchoesTheKey() throws Exception {
        URI url = serve(call -> new Reply(401, "{\"error\":\"invalid key " + KEY + "\"}", 0));

        ModelException error = catchThrowableOfType(ModelException.class,
                () -> resilient(url, 3, breaker(50), Duration.ofSeconds(5)).complete(REQUEST));

        assertThat(error.reason()).isEqualTo(ModelException.Reason.MISCONFIGURED);
        assertThat(calls.get()).isEqualTo(1);
        assertThat(error.getMessage()).doesNotContain(KEY);
    }
}
